"""A year of quarterly reports from the Lào Cai chapters, streamed into a monitor (SYNTHETIC).

Run:  .venv/bin/python docs/examples/stream_lao_cai.py [--lang en]

The year-end figures of fixtures/lao-cai-2023/units.csv are split into what each district would
have reported by the end of each quarter: targets in January, cumulative figures at each quarter's
end (each unit at its own pace, some late), yes/no items and the task rating at the year end.
Every change of class or rank and every alert is printed as it happens; the last line checks that
the streamed decisions equal the year-end batch run. Needs Python 3.12 or older (durable-rules).
"""
import argparse
import csv
import hashlib
from pathlib import Path

from thiduakhenthuong import load_rules
from thiduakhenthuong.tables.read import header_key, header_map
from thiduakhenthuong.jobs.scoring.monitor import Monitor

ROOT = Path(__file__).resolve().parents[2]
QUARTERS = ["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"]
STATIC = {"unit_id", "unit_name", "level", "kind", "cluster"}
ASSIGNED = {"programme_items_total", "grassroots_chapters", "households_damaged"}
YEAR_END = {"blood_team_active", "humanitarian_fund", "task_rating", "propagandist_contest",
            "report_year"}
REPORTS = {"report_q1": 0, "report_h1": 1, "report_q3": 2}


def pace(unit: str) -> float:
    """A unit's own pace, from 0.55 (late) to 1.35 (early), fixed by its id."""
    return 0.55 + int(hashlib.sha256(unit.encode()).hexdigest()[:4], 16) / 0xFFFF * 0.8


def reports(rules, row: dict) -> list[dict]:
    """The facts one unit posts through the year, in date order."""
    fields = header_map(rules.model.inputs)  # Vietnamese headers -> field names
    values = {fields[header_key(h)]: v for h, v in row.items() if v != ""}
    unit = values["unit_id"]
    first = {"as_of": "2023-01-15", **{k: v for k, v in values.items()
                                       if k in STATIC | ASSIGNED or k.endswith("_target")}}
    out = [first]
    for q, day in enumerate(QUARTERS):
        share = 1.0 if q == 3 else min(1.0, (q + 1) / 4 * pace(unit))
        gifts = 1.0 if q > 0 else min(1.0, pace(unit))  # Tết gifts go out in Q1
        fact = {"unit_id": unit, "as_of": day}
        for k, v in values.items():
            if k in first or k in YEAR_END and q < 3:
                continue
            if k in REPORTS:
                if REPORTS[k] == q:
                    fact[k] = v
            elif rules.model.inputs[k].type in ("integer", "number", "percent"):
                x = float(v.replace(".", "").replace(",", ".")) * (
                    gifts if k.startswith("gift_") else share)
                fact[k] = round(x) if rules.model.inputs[k].type == "integer" else round(x, 1)
            elif q == 3:
                fact[k] = v
        out.append(fact)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", choices=["vi", "en"], default="vi")
    lang = ap.parse_args().lang
    rules = load_rules(ROOT / "rules/lao-cai-2023")
    data = ROOT / "fixtures/lao-cai-2023/units.csv"
    with open(data, encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    facts = sorted((f for r in rows for f in reports(rules, r)), key=lambda f: f["as_of"])
    monitor = Monitor(rules)
    for fact in facts:
        posted = monitor.post(fact)
        moved = 0
        for c in posted.changes:
            # The posting unit, and any unit whose class or awards changed, is printed; others
            # that only moved a place in the ranking are counted.
            if c.unit_id != posted.unit_id and not {"class_id", "awards"} & set(c.changed):
                moved += 1
                continue
            a = c.after
            print(f"{posted.as_of} {c.unit_id:16} {c.kind:8} {a.class_id:5} {a.total:6.2f} "
                  f"rank {a.rank_overall:2} (cluster {a.rank_cluster}) "
                  f"changed: {', '.join(c.changed)}")
        if moved:
            print(f"{'':27} {moved} other unit(s) moved in the ranking")
        for al in posted.alerts:
            values = ", ".join(f"{k}={v}" for k, v in al.values.items())
            print(f"{posted.as_of} {al.unit_id:16} ALERT [{al.severity}] {al.title.get(lang)} "
                  f"({al.cite}; {values})")
    batch = rules.score(data)
    same = all(monitor.result().unit(u.unit_id).model_dump(exclude={"row"}) ==
               u.model_dump(exclude={"row"}) for u in batch.units)
    print(f"{len(facts)} facts; streamed decisions equal the year-end batch run: {same}")


if __name__ == "__main__":
    main()
