"""The cross-script name benchmark: a labelled set built from public name data, scored by
`praxis match score` with the name dictionary on and off, and by OpenSanctions' matchers.

    xscript.py data --out DIR [--seed 42] [--per-pair 600]
    xscript.py run --data DIR --bin PRAXIS --out OUT [--anchors logic-v2,name-based]

`data` writes DIR/pairs.csv: id, workload, split (dev, held-out), kind, left (Latin), right (the
other script), label.
`run` scores it and prints one line per workload × setting (see bench/README.md).

Where the names come from (nothing here runs a transliterator to make a label):
- arabic, persian, urdu: Wikidata people with an English label and an Arabic-script label, as
  shipped by the `arabic-name-romanizer` package (resources/names.sqlite3, table full_names,
  source 'wikidata'; CC0), split by the person's country: Arab League countries → arabic, Iran
  and Afghanistan → persian, Pakistan → urdu. The package stores the Arabic-script side with
  its letter forms unified (ی → ي, ک → ك, ہ → ه; ٹ ڈ ڑ ھ پ چ ژ گ kept).
- bengali, cyrillic: the `name-variants` package's hand-written tables (MIT) of Bengali and
  Russian names (surnames and given names) with their Latin spellings; one part each, since no
  public full names were found in both scripts.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import importlib.resources
import random
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ARAB = {
    "EG", "MA", "TN", "DZ", "IQ", "SA", "LB", "SY", "PS", "JO", "AE", "YE", "KW", "QA", "SD",
    "BH", "LY", "OM", "MR", "KM", "DJ", "SO",
}
GROUPS = {"arabic": ARAB, "persian": {"IR", "AF"}, "urdu": {"PK"}}
WORKLOADS = ["arabic", "persian", "urdu", "bengali", "cyrillic"]
KINDS = ["positive", "same_family", "same_given", "easy"]
# Thresholds fixed in advance: Praxis's default; yente's default match threshold for the anchors.
PRAXIS_THRESHOLD = 0.85
ANCHOR_THRESHOLD = 0.7


def tokens(s: str) -> list[str]:
    return [t for t in s.replace("-", " ").split() if t]


def wikidata_people() -> dict[str, list[tuple[str, str]]]:
    db = importlib.resources.files("arabic_name_romanizer") / "resources" / "names.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = con.execute(
        "SELECT arabic_key, latin, country FROM full_names "
        "WHERE source = 'wikidata' AND latin_lang = 'en' ORDER BY arabic_key, latin"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen = set()
    for native, latin, country in rows:
        group = next((g for g, cs in GROUPS.items() if country in cs), None)
        if group is None or native in seen:
            continue
        nt, lt = tokens(native), tokens(latin)
        # Full names (2–4 parts), the same number of parts on both sides: a label whose two sides
        # do not even have the same number of parts is often two different labels (a name with
        # and without a middle name), not two spellings of one.
        if not (2 <= len(nt) <= 4 and len(nt) == len(lt)) or not latin.isascii():
            continue
        seen.add(native)
        out[group].append((latin, native))
    return out


def full_name_workload(
    rng: random.Random, people: list[tuple[str, str]], order: list[int], split: str
) -> list[tuple[str, str, str, str]]:
    """Positives (the people in `order`) and their negatives: (split, kind, Latin, other script)."""
    by_family: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_given: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, (latin, native) in enumerate(people):
        lt, nt = tokens(latin.lower()), tokens(native)
        by_family[(lt[-1], nt[-1])].append(k)
        by_given[(lt[0], nt[0])].append(k)
    rows = []
    for k in order:
        latin, native = people[k]
        lt, nt = tokens(latin.lower()), tokens(native)
        rows.append((split, "positive", latin, native))

        def other(candidates: list[int], differ: int) -> int | None:
            # Another person sharing one part, whose other part differs on both sides.
            pool = [
                j for j in candidates
                if j != k
                and tokens(people[j][1])[differ] != nt[differ]
                and tokens(people[j][0].lower())[differ] != lt[differ]
            ]
            return rng.choice(pool) if pool else None

        j = other(by_family[(lt[-1], nt[-1])], 0)
        if j is not None:
            rows.append((split, "same_family", latin, people[j][1]))
        j = other(by_given[(lt[0], nt[0])], -1)
        if j is not None:
            rows.append((split, "same_given", latin, people[j][1]))
        while True:
            j = rng.randrange(len(people))
            if not set(tokens(people[j][1])) & set(nt) and not set(tokens(people[j][0].lower())) & set(lt):
                rows.append((split, "easy", latin, people[j][1]))
                break
    return rows


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def surname_workload(rng: random.Random, table: dict[str, dict]) -> list[tuple[str, str, str, str]]:
    """Single names: each Latin spelling against its own entry (positive), against the most
    similar other entry (hard negative, by difflib's ratio of the Latin spellings) and against a random
    other entry (easy)."""
    entries = sorted((native, [f for f in v["forms"]]) for native, v in table.items())
    rows = []
    for i, (native, forms) in enumerate(entries):
        others = [e for k, e in enumerate(entries) if k != i and not set(e[1]) & set(forms)]
        for form in forms:
            rows.append(("dev", "positive", form.title(), native))
            near = max(others, key=lambda e: (max(similarity(form, f) for f in e[1]), e[0]))
            rows.append(("dev", "similar", form.title(), near[0]))
            rows.append(("dev", "easy", form.title(), rng.choice(others)[0]))
    return rows


def cmd_data(args: argparse.Namespace) -> None:
    from name_variants.indian_names_bengali import INDIAN_NAMES_BENGALI
    from name_variants.russian_surnames import RUSSIAN_SURNAME_VARIANTS

    # The first `per_pair` people drawn per workload are the `dev` split, whose errors were read
    # while the engine's rules were written; the next `per_pair` are `held-out`, never read (drawn
    # after every dev row, with a generator of their own, so that the dev rows stay as they were).
    rng = random.Random(args.seed)
    people = wikidata_people()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    held_out: dict[str, list[int]] = {}
    n = args.per_pair
    for w in WORKLOADS:
        if w in people:
            order = list(range(len(people[w])))
            rng.shuffle(order)
            held_out[w] = order[n : 2 * n]
            rs = full_name_workload(rng, people[w], order[:n], "dev")
        elif w == "bengali":
            rs = surname_workload(rng, INDIAN_NAMES_BENGALI)
        else:
            rs = surname_workload(rng, RUSSIAN_SURNAME_VARIANTS)
        for split, kind, left, right in rs:
            rows.append((w, split, kind, left, right, 1 if kind == "positive" else 0))
        counts: dict[str, int] = defaultdict(int)
        for split, kind, *_ in rs:
            counts[f"{split} {kind}"] += 1
        pool = f" (from {len(people[w])} people)" if w in people else ""
        print(f"{w}: {dict(counts)}{pool}", file=sys.stderr)
    rng = random.Random(args.seed + 1)
    for w, order in held_out.items():
        rs = full_name_workload(rng, people[w], order, "held-out")
        for split, kind, left, right in rs:
            rows.append((w, split, kind, left, right, 1 if kind == "positive" else 0))
        counts = defaultdict(int)
        for split, kind, *_ in rs:
            counts[f"{split} {kind}"] += 1
        print(f"{w}: {dict(counts)}", file=sys.stderr)
    with open(out / "pairs.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["id", "workload", "split", "kind", "left", "right", "label"])
        for k, r in enumerate(rows):
            wr.writerow([k, *r])


def read_pairs(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run_praxis(binary: str, pairs_csv: Path, out: Path, dictionary: bool) -> tuple[dict[str, tuple[float, str]], float]:
    cmd = [binary, "match", "score", "--input", str(pairs_csv), "--left-column", "left",
           "--right-column", "right", "--out", str(out), "--threshold", str(PRAXIS_THRESHOLD)]
    if not dictionary:
        cmd.append("--no-name-dictionary")
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - t
    scores = {}
    for r in read_pairs(out):
        scores[r["id"]] = (float(r["score"]) if r["score"] else 0.0, r["explanation"])
    return scores, seconds


def run_anchor(name: str, rows: list[dict]) -> tuple[dict[str, float], float]:
    from followthemoney import model
    from nomenklatura.matching import ScoringConfig, get_algorithm

    algorithm = get_algorithm(name)
    if algorithm is None:
        raise SystemExit(f"nomenklatura has no matcher {name!r}")
    config = ScoringConfig.defaults()

    def entity(i: str, side: str, value: str):
        e = model.make_entity("Person")
        e.id = f"{side}{i}"
        e.add("name", value)
        return e

    algorithm.compare(entity("w", "l", "Warm Up"), entity("w", "r", "Warm Up"), config)
    t = time.perf_counter()
    scores = {r["id"]: algorithm.compare(entity(r["id"], "l", r["left"]), entity(r["id"], "r", r["right"]), config).score for r in rows}
    return scores, time.perf_counter() - t


def metrics(rows: list[dict], predicted: dict[str, bool]) -> dict[str, float]:
    tp = sum(1 for r in rows if r["label"] == "1" and predicted[r["id"]])
    fp = sum(1 for r in rows if r["label"] == "0" and predicted[r["id"]])
    pos = sum(1 for r in rows if r["label"] == "1")
    p = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / pos if pos else float("nan")
    f1 = 2 * p * rec / (p + rec) if tp else 0.0
    return {"p": p, "r": rec, "f1": f1, "pos": pos, "neg": len(rows) - pos}


def cmd_run(args: argparse.Namespace) -> None:
    data = Path(args.data)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = read_pairs(data / "pairs.csv")
    settings: dict[str, dict[str, bool]] = {}
    timings = {}
    on, timings["praxis"] = run_praxis(args.bin, data / "pairs.csv", out / "praxis-dictionary.csv", True)
    off, timings["praxis --no-name-dictionary"] = run_praxis(args.bin, data / "pairs.csv", out / "praxis-no-dictionary.csv", False)
    settings["praxis"] = {i: s >= PRAXIS_THRESHOLD for i, (s, _) in on.items()}
    settings["praxis --no-name-dictionary"] = {i: s >= PRAXIS_THRESHOLD for i, (s, _) in off.items()}
    # A pair is "in the dictionary" when, with the dictionary on, Praxis used one of its variant
    # classes on it (paired two spellings of one class, or refused two different classes).
    in_dictionary = {i: ("variants of" in e or "different names" in e) for i, (_, e) in on.items()}
    for name in [a for a in args.anchors.split(",") if a]:
        try:
            scores, timings[name] = run_anchor(name, rows)
        except Exception as e:  # the anchor is optional: say why it is missing
            print(f"anchor {name} unavailable: {e}", file=sys.stderr)
            continue
        settings[name] = {i: s >= ANCHOR_THRESHOLD for i, s in scores.items()}
        with open(out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            wr = csv.writer(f)
            wr.writerow(["id", "score"])
            for i, s in scores.items():
                wr.writerow([i, f"{s:.4f}"])
    by_workload: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_workload[f"{r['workload']} {r['split']}"].append(r)
    lines = []
    head = (f"{'workload':<18} {'setting':<28} {'pos':>5} {'neg':>5} {'P':>6} {'R':>6} {'F1':>6}"
            f" {'R off-dict (n)':>15} {'FP same-family':>15} {'FP same-given':>14} {'FP similar':>11} {'FP easy':>8}")
    lines.append(head)
    fmt = lambda x: "  —  " if x != x else f"{x:.3f}"  # noqa: E731
    for w in [f"{w} {split}" for w in WORKLOADS for split in ("dev", "held-out")]:
        ws = by_workload.get(w, [])
        if not ws:
            continue
        for setting, pred in settings.items():
            m = metrics(ws, pred)
            offd = [r for r in ws if r["label"] == "1" and not in_dictionary[r["id"]]]
            r_off = sum(pred[r["id"]] for r in offd) / len(offd) if offd else float("nan")

            def fp(kind: str) -> str:
                k = [r for r in ws if r["kind"] == kind]
                return f"{sum(pred[r['id']] for r in k)}/{len(k)}" if k else "—"

            lines.append(
                f"{w:<18} {setting:<28} {m['pos']:>5} {m['neg']:>5} {fmt(m['p']):>6} {fmt(m['r']):>6} {fmt(m['f1']):>6}"
                f" {fmt(r_off):>8} ({len(offd):>4}) {fp('same_family'):>15} {fp('same_given'):>14} {fp('similar'):>11} {fp('easy'):>8}"
            )
    lines.append("")
    lines.append(f"thresholds fixed in advance: praxis {PRAXIS_THRESHOLD}, anchors {ANCHOR_THRESHOLD} (yente's default)")
    lines.append("seconds for all pairs: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    text = "\n".join(lines)
    print(text)
    (out / "table.txt").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("--out", required=True)
    d.add_argument("--seed", type=int, default=42)
    d.add_argument("--per-pair", type=int, default=600)
    r = sub.add_parser("run")
    r.add_argument("--data", required=True)
    r.add_argument("--bin", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--anchors", default="logic-v2,name-based")
    args = ap.parse_args()
    {"data": cmd_data, "run": cmd_run}[args.cmd](args)


if __name__ == "__main__":
    main()
