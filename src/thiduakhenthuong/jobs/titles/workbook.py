"""Write title results to CSV, XLSX or JSON, with the same formula-injection guard as scoring."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...errors import UsageError
from ...render.numbers import num
from ...render.rules_used import rules_used_frame
from ...render.phrases import sheet, succession_status
from ...render.workbook import (Sheet, headers, hidden_codes, in_words, overrides_frame,
                                page_header, safe_frame, write_book)
from .carried import check_notes
from .explain import names_of
from .result import TitleResult


def reasons_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    """One row per check per subject per title: status, values read, years counted, citation,
    in words (the codes and the expression as written in hidden columns)."""
    names = names_of(res)
    rows = []
    for d in res.decisions():
        routes = {r.id: r.title.get(lang) for r in d.routes}
        for c in d.checks:
            calls = {h.call: h.value for h in c.history}
            calls.update({m.call: m.value for m in c.members})
            rows.append({
                "subject_id": d.subject_id, "name": d.name or "", "title_id": d.title_id,
                "title": d.title.get(lang), "outcome": d.outcome, "check": c.id,
                "check_title": c.title.get(lang), "route": routes.get(c.route or "", ""),
                "status": c.status, "cite": names.cite(c.cite).get(lang),
                "condition": names.expr(c.expression, c.values, calls).get(lang),
                "values": names.pairs(c.values).get(lang),
                "history": "; ".join(
                    f"{names.expr(h.call).get(lang)} = {num(h.value, lang)} "
                    f"({', '.join(map(str, h.years))})" for h in c.history),
                "members": "; ".join(f"{names.expr(m.call).get(lang)}: {m.count}/{m.members}"
                                     for m in c.members),
                "missing_evidence": names.names(c.missing_evidence).get(lang),
                "needs": c.needs.get(lang) if c.needs else "", "expression": c.expression,
                "other_units": "; ".join(n.get(lang) for n in check_notes(c, res.merger_policy))})
        for x in d.exclusions:
            rows.append({"subject_id": d.subject_id, "name": d.name or "",
                         "title_id": d.title_id, "title": d.title.get(lang),
                         "outcome": d.outcome, "check": x.id, "check_title": x.title.get(lang),
                         "route": "",
                         "status": {"applies": "failed", "clear": "met"}.get(x.status, "unknown"),
                         "cite": names.cite(x.cite).get(lang),
                         "condition": names.expr(x.expression, x.values).get(lang),
                         "values": names.pairs(x.values).get(lang), "history": "",
                         "members": "", "missing_evidence": "", "needs": "",
                         "expression": "not (" + x.expression + ")", "other_units": ""})
    frame = pd.DataFrame(rows, columns=["subject_id", "name", "title_id", "title", "outcome",
                                        "check", "check_title", "route", "status", "cite",
                                        "condition", "values", "history", "members",
                                        "missing_evidence", "needs", "expression",
                                        "other_units"])
    if len(frame):
        frame["outcome_code"] = frame["outcome"]
        frame["status_code"] = frame["status"]
        frame["outcome"] = in_words(frame["outcome"], lang)
        frame["status"] = in_words(frame["status"], lang)
    frame = frame.rename(columns={"title": "award_title", "name": "subject_name"})
    return headers(frame, lang)


def successions_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    """The succession table as applied to the judged year: every valid row, applied or later."""
    rows = []
    report = res.succession_report()
    if report is not None:
        for status, steps in (("applied", report.applied_rows), ("later", report.later_rows)):
            for s in steps:
                rows.append({
                    "row": s.row, "from_unit": s.from_unit, "from_name": s.from_name or "",
                    "to_unit": s.to_unit, "to_name": s.to_name or "",
                    "on": s.on.strftime("%d/%m/%Y"), "document": s.document,
                    "kind": s.kind_title.get(lang), "main": s.main,
                    "succession_status": succession_status(status, lang)})
    cols = ["row", "from_unit", "from_name", "to_unit", "to_name", "on", "document", "kind",
            "main", "succession_status"]
    frame = pd.DataFrame(rows, columns=cols).sort_values("row", kind="stable")
    return headers(frame, lang)

def rejected_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    cols = ["table", "row", "id", "year", "column", "value", "reason", "code"]
    rows = [{"table": r.table, "row": r.row, "id": r.unit_id, "year": r.year,
             "column": p.header or p.column, "value": p.value, "reason": p.message.get(lang),
             "code": p.code} for r in res.rejected for p in r.problems]
    return pd.DataFrame(rows, columns=cols)


def totals_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    return pd.DataFrame([{"title_id": x.title_id, "title": x.title.get(lang),
                          "proposed": x.proposed, "eligible": x.eligible,
                          "not_eligible": x.not_eligible, "not_determinable": x.not_determinable,
                          "prize_total": x.prize_total} for x in res.totals()])


def write_titles(res: TitleResult, path: str | Path, lang: str = "vi") -> list[Path]:
    """Write ``res`` to ``path`` by its suffix (.csv, .xlsx, .json); returns the files written.

    CSV holds every decision and writes ``<name>.rejected.csv`` beside it when rows were rejected.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    written = [p]
    if suffix == ".json":
        p.write_text(res.to_json() + "\n", encoding="utf-8")
    elif suffix == ".csv":
        safe_frame(res.to_frame(labels=lang)).to_csv(p, index=False, encoding="utf-8-sig")
        if res.rejected:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected_frame(res, lang)).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
    elif suffix == ".xlsx":
        totals = headers(totals_frame(res, lang).rename(columns={"title": "award_title"}), lang)
        warnings = pd.DataFrame([{"message": w.message.get(lang), "notice_code": w.code}
                                 for w in res.notices], columns=["message", "notice_code"])
        frames = [("proposals", res.to_frame(labels=lang, proposed_only=True), {}, 2),
                  ("decisions", res.to_frame(labels=lang), {}, 2),
                  ("reasons", reasons_frame(res, lang), {}, 2),
                  ("totals", totals, {totals.columns[-1]: "money"} if len(totals.columns)
                   else {}, 0),
                  ("rejected", headers(rejected_frame(res, lang), lang), {}, 0),
                  ("warnings", headers(warnings, lang), {}, 0),
                  ("rules", rules_used_frame(res.model, res.params, lang), {}, 0)]
        sheets = [Sheet(sheet(key, lang), f, kinds, hidden_codes(f, lang), freeze_columns=fc)
                  for key, f, kinds, fc in frames]
        if res.overrides:
            sheets.append(Sheet(sheet("overrides", lang), overrides_frame(res, lang)))
        if res.succession_report() is not None:
            sheets.append(Sheet(sheet("succession", lang), successions_frame(res, lang)))
        write_book(p, sheets, page_header("titles", lang, res.rules.id, res.rules.version, res.rules.hash,
                                           year=res.year))
    else:
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
