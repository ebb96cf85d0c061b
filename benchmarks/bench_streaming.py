"""Both engines on the same data in one run, and the latency of one streamed fact.

Run:  .venv/bin/python benchmarks/bench_streaming.py [--units 2000] [--held 10000] [--posts 50]

Printed:

* batch scoring of ``--units`` synthetic Lào Cai units (bench_scoring's generator) by the
  column-wise engine and by the durable-rules engine: seconds, rows/s, facts/s (every fact the
  network received: unit facts, derived ``met`` facts, total facts), and whether the two typed
  results are identical;
* titles 2024 and the Đại Từ conference on their fixtures by both engines (seconds, identical);
* a monitor holding ``--held`` units (loaded with ``post_many``), then ``--posts`` further facts
  timed one by one: median and 95th-percentile latency of ``post``, split into the network run
  for the posted unit and the rest (re-ranking, changes, traces).

Needs Python 3.12 or older (durable-rules).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_scoring import RULES_DIR, make_units  # noqa: E402

from thiduakhenthuong import evaluate_titles# noqa: E402
from thiduakhenthuong.jobs.conferences.api import evaluate_delegates# noqa: E402
from thiduakhenthuong.rulebook.load import read_rule_set# noqa: E402
from thiduakhenthuong.jobs.scoring.api import Rules# noqa: E402
from thiduakhenthuong.stream import network as netmod# noqa: E402


def unregistered_rules() -> Rules:
    """The Lào Cai rules without their 11-unit registry, so any synthetic unit can be scored."""
    model, source = read_rule_set(RULES_DIR)
    return Rules(model.model_copy(update={"units": None}), source, RULES_DIR)


def count_facts(fn):
    """Run ``fn`` and count the facts asserted into durable-rules meanwhile."""
    counter = [0]
    orig = netmod.Network._assert

    def counting(self, sid, session, fact):
        counter[0] += 1
        return orig(self, sid, session, fact)
    netmod.Network._assert = counting
    try:
        start = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - start, counter[0]
    finally:
        netmod.Network._assert = orig


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--held", type=int, default=10000)
    ap.add_argument("--posts", type=int, default=50)
    args = ap.parse_args()
    netmod.require()
    rules = unregistered_rules()
    df = make_units(args.units)

    print(f"== scoring {args.units} units (Lào Cai 2023 rules)")
    rules.score(df.head(20), engine="rete")  # compile and register the network once
    start = time.perf_counter()
    a = rules.score(df)
    t_cols = time.perf_counter() - start
    b, t_rete, facts = count_facts(lambda: rules.score(df, engine="rete"))
    same = json.loads(a.to_json()) == json.loads(b.to_json())
    print(f"column-wise : {t_cols:8.3f} s  {args.units / t_cols:12,.0f} rows/s")
    print(f"durable     : {t_rete:8.3f} s  {args.units / t_rete:12,.0f} rows/s  "
          f"{facts:,} facts, {facts / t_rete:,.0f} facts/s")
    print(f"ratio       : {t_rete / t_cols:.1f}x   identical typed results: {same}")

    print("== titles 2024 (fixture, 76 people, 12 units)")
    data = str(ROOT / "fixtures/titles-lao-cai/titles.xlsx")
    start = time.perf_counter()
    ta = evaluate_titles(str(ROOT / "rules/titles"), data, 2024)
    t_cols = time.perf_counter() - start
    tb, t_rete, facts = count_facts(
        lambda: evaluate_titles(str(ROOT / "rules/titles"), data, 2024, engine="rete"))
    print(f"column-wise {t_cols:.3f} s, durable {t_rete:.3f} s ({facts:,} facts, "
          f"{facts / t_rete:,.0f} facts/s), identical: {ta.to_json() == tb.to_json()}")

    print("== Đại Từ conference (fixture, 200 candidates)")
    conf = str(ROOT / "fixtures/thai-nguyen-2019")
    rd = str(ROOT / "rules/thai-nguyen-2019")
    start = time.perf_counter()
    da = evaluate_delegates(rd, conf, "huyen")
    t_cols = time.perf_counter() - start
    db, t_rete, facts = count_facts(lambda: evaluate_delegates(rd, conf, "huyen", engine="rete"))
    print(f"column-wise {t_cols:.3f} s, durable {t_rete:.3f} s ({facts:,} facts), "
          f"identical: {da.to_json() == db.to_json()}")

    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    print(f"== monitor: {args.held:,} units held, then {args.posts} posts timed")
    held = make_units(args.held, seed=7)
    records = held.to_dict("records")
    mon = Monitor(rules)
    facts = [{k: (v.date().isoformat() if hasattr(v, "date") and not isinstance(v, float)
                  else v) for k, v in r.items() if not (isinstance(v, float) and np.isnan(v))
              and str(v) != "NaT"} for r in records]
    start = time.perf_counter()
    mon.post_many(facts)
    t_fill = time.perf_counter() - start
    print(f"post_many   : {t_fill:.1f} s for {args.held:,} facts "
          f"({args.held / t_fill:,.0f} facts/s)")
    fire_times: list[float] = []
    orig_fire = mon.network.fire

    def timed_fire(*a, **k):
        s = time.perf_counter()
        out = orig_fire(*a, **k)
        fire_times.append(time.perf_counter() - s)
        return out
    mon.network.fire = timed_fire
    rng = np.random.default_rng(1)
    lat, changes = [], []
    for i in range(args.posts):
        r = records[int(rng.integers(len(records)))]
        fact = {"unit_id": r["unit_id"], "as_of": "2023-12-31",  # same day: the later post wins
                "blood_units": int(rng.integers(0, int(r["blood_units_target"]) * 2 + 1))}
        s = time.perf_counter()
        p = mon.post(fact)
        lat.append(time.perf_counter() - s)
        changes.append(len(p.changes))
    lat_ms = sorted(x * 1000 for x in lat)
    fire_ms = statistics.median(fire_times) * 1000
    print(f"post latency: median {statistics.median(lat_ms):.1f} ms, p95 "
          f"{lat_ms[int(0.95 * (len(lat_ms) - 1))]:.1f} ms, max {lat_ms[-1]:.1f} ms")
    print(f"  of which the network run for the posted unit: median {fire_ms:.1f} ms; "
          f"changes per post: median {statistics.median(changes):.0f}, max {max(changes)}")


if __name__ == "__main__":
    main()
