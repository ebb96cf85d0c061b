"""Benchmark writing a scoring's results: the workbook (XLSX, render/xlsx.py) beside the CSV path.

Run:  .venv/bin/python benchmarks/bench_workbook.py [--n 10000 200000] [--repeat 1]

For each N, synthetic units (benchmarks/bench_scoring.make_units, synthetic data) are scored once,
then each output is written in a fresh child process, so each peak memory figure is its own:

* ``csv``   ``write_result(res, "out.csv")``: the ranking (pandas to_csv), the CSV baseline;
* ``xlsx``  ``write_result(res, "out.xlsx")``: ranking, reasons (one row per criterion per unit;
  past Excel's 1,048,576 rows they go to a CSV file beside the workbook, with a notice), rejected
  rows, warnings, rules used: every sheet formatted for print.

Printed per output: the time to write, the child's peak resident memory (ru_maxrss) and how much
of it the writing added over the scored result (the result itself is the same for both), the
file size (all files written), and the rows written. The ratio lines compare XLSX with CSV in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def child(n: int, fmt: str, out: str) -> dict:
    from bench_scoring import RULES_DIR, make_units  # noqa: E402  (benchmark helper)

    import thiduakhenthuong as tdkt
    from thiduakhenthuong.jobs.scoring.api import Rules
    from thiduakhenthuong.jobs.scoring.workbook import write_result

    rules = tdkt.load_rules(RULES_DIR)
    big = Rules(rules.model.model_copy(update={"units": None}), rules.source, rules.path)
    df = make_units(n)
    t0 = time.perf_counter()
    res = big.score(df)
    scored = time.perf_counter() - t0
    del df
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    files = write_result(res, out)
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": n, "fmt": fmt, "score_s": scored, "write_s": took, "rss_mb": after / 1024,
            "rss_added_mb": (after - before) / 1024,
            "bytes": sum(os.path.getsize(f) for f in files),
            "reason_rows": n * (len(res.model.criteria) + len(res.model.deductions))}


def run(n: int, fmt: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, f"out.{fmt}")
        code = ("import json, sys; sys.path.insert(0, %r); import bench_workbook as b; "
                "print(json.dumps(b.child(%d, %r, %r)))" % (str(HERE), n, fmt, out))
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True)
        return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[10_000, 200_000])
    args = ap.parse_args()
    print(f"{'units':>8} {'output':>6} {'write s':>8} {'peak RSS MB':>12} {'added MB':>9} "
          f"{'files MB':>8}  (scoring took)")
    for n in args.n:
        got = {}
        for fmt in ("csv", "xlsx"):
            r = run(n, fmt)
            got[fmt] = r
            print(f"{n:>8,} {fmt:>6} {r['write_s']:>8.2f} {r['rss_mb']:>12.0f} "
                  f"{r['rss_added_mb']:>9.0f} {r['bytes'] / 2**20:>8.1f}  "
                  f"({r['score_s']:.2f} s)")
        c, x = got["csv"], got["xlsx"]
        print(f"{n:>8,}  xlsx/csv: time ×{x['write_s'] / max(c['write_s'], 1e-9):.1f}, "
              f"peak RSS ×{x['rss_mb'] / c['rss_mb']:.2f}, added memory "
              f"{x['rss_added_mb']:.0f} MB vs {c['rss_added_mb']:.0f} MB; xlsx holds "
              f"{n:,} ranking rows and {x['reason_rows']:,} reason rows, csv the ranking only")


if __name__ == "__main__":
    main()
