"""Write delegate selections and plan checks as workbooks with proper sheets (or CSV/JSON), with
the same formula-injection guard and rules-used sheet as the other jobs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import UsageError
from ...i18n.workbook import delegate_columns
from ...render.names import Names
from ...render.phrases import sheet, status, t as phrase
from ...render.rules_used import rules_used_frame
from ...render.workbook import Sheet, hidden_codes, page_header, safe_frame, write_book
from .explain import conference_name, names_of, reason_text

def _frame(rows: list[dict], lang: str, columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    return df.rename(columns={c: delegate_columns(c, lang) for c in columns})


def _sheet(name: str, frame: pd.DataFrame, lang: str, **kw: Any) -> Sheet:
    """A sheet whose code columns are hidden (shown on demand: unhide the column)."""
    codes = {delegate_columns(c, lang) for c in _CODES}
    return Sheet(name, frame, hidden=tuple(h for h in frame.columns if h in codes), **kw)


#: Columns that hold codes as written, hidden from people and from print.
_CODES = ("group_code", "conference_code", "check", "status_code", "code", "severity_code",
          "outcome_code", "seat_code", "chapter_code")


def _rejected(rejected, lang: str) -> pd.DataFrame:
    return _frame([{"table": r.table or "", "row": r.row, "id": r.unit_id or "",
                    "column": p.header or p.column or "", "value": p.value,
                    "reason": p.message.get(lang), "code": p.code}
                   for r in rejected for p in r.problems], lang,
                  ["table", "row", "id", "column", "value", "reason", "code"])


def _yes(v: bool, lang: str) -> str:
    return delegate_columns("yes" if v else "no", lang)


def write_delegates(res: Any, path: str | Path, lang: str = "vi") -> list[Path]:
    """Write a :class:`~thiduakhenthuong.jobs.conferences.result.DelegateResult` by the file's suffix.

    XLSX sheets: decisions, standards (one row per standard per candidate), conferences, rules
    used, rejected rows. CSV holds the decisions (and ``<name>.rejected.csv``).
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    if suffix == ".json":
        p.write_text(res.to_json() + "\n", encoding="utf-8")
        return [p]
    names = names_of(res)
    decisions = res.decisions()
    dec = _frame([{"candidate_id": d.candidate_id, "name": d.name or "",
                   "group": d.group_title.get(lang), "group_code": d.group,
                   "conference": conference_name(res, d.conference).get(lang),
                   "conference_code": d.conference, "row": d.row,
                   "outcome": phrase("outcome_" + d.outcome, lang), "outcome_code": d.outcome,
                   "selected": _yes(d.selected, lang),
                   "seat": phrase("seat_" + d.seat, lang) if d.seat else "",
                   "seat_code": d.seat or "",
                   "rank": d.rank, "reason": reason_text(d, res).get(lang),
                   "forwarded": _yes(d.forwarded, lang),
                   "missing_evidence": names.names(d.missing_evidence).get(lang)}
                  for d in decisions], lang,
                 ["candidate_id", "name", "group", "group_code", "conference", "conference_code",
                  "row", "outcome", "outcome_code", "selected", "seat", "seat_code", "rank",
                  "reason", "forwarded", "missing_evidence"])
    rejected = _rejected(res.rejected, lang)
    written = [p]
    if suffix == ".csv":
        codes = {delegate_columns(c, lang) for c in _CODES}
        safe_frame(dec.drop(columns=[c for c in dec.columns if c in codes])).to_csv(
            p, index=False, encoding="utf-8-sig")
        if res.rejected:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
        return written
    if suffix != ".xlsx":
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    checks = _frame([{"candidate_id": d.candidate_id, "check": c.id,
                      "title": c.title.get(lang), "status": status(c.status, lang),
                      "status_code": c.status, "cite": names.cite(c.cite).get(lang),
                      "values": names.pairs(c.values).get(lang),
                      "missing_evidence": names.names(c.missing_evidence).get(lang)}
                     for d in decisions for c in d.checks], lang,
                    ["candidate_id", "check", "title", "status", "status_code", "cite", "values",
                     "missing_evidence"])
    confs = _frame([{"conference": conference_name(res, s.conference).get(lang),
                     "conference_code": s.conference, "level": s.level_title.get(lang),
                     "cap": s.cap, "cite": names.cite(s.cap_cite).get(lang),
                     "candidates": s.candidates, "eligible": s.eligible, "selected_n": s.selected,
                     "by_group": "; ".join(f"{names.thing(g).get(lang)}: {n}"
                                           for g, n in s.by_group.items()),
                     "forwarded_n": s.forwarded,
                     "held": s.held.text.get(lang) if s.held is not None else "",
                     "next_cap": s.next_cap if s.next_cap is not None else ""}
                    for s in res.summaries()], lang,
                   ["conference", "conference_code", "level", "cap", "cite", "candidates",
                    "eligible", "selected_n", "by_group", "forwarded_n", "held", "next_cap"])
    forwarding = _frame([{"higher_conference": conference_name(res, f.higher_conference)
                          .get(lang) if f.higher_conference else "",
                          "conferences": "; ".join(f"{conference_name(res, c).get(lang)}: {n}"
                                                   for c, n in f.conferences.items()),
                          "forwarded": f.forwarded, "cap": f.cap, "over": f.over,
                          "severity": status({"ok": "met", "warning": "warning",
                                              "error": "error"}[f.severity], lang),
                          "severity_code": f.severity, "message": f.message.get(lang),
                          "cite": names.cite(f.cite).get(lang)} for f in res.forwarding], lang,
                        ["higher_conference", "conferences", "forwarded", "cap", "over",
                         "severity", "severity_code", "message", "cite"])
    awards = _frame([{"candidate_id": d.candidate_id, "row": a.row, "award": a.award.get(lang),
                      "decided_on": a.decided_on.strftime("%d/%m/%Y"),
                      "status": status("met" if a.status == "counted" else "failed", lang),
                      "status_code": a.status, "reason": a.reason.get(lang)}
                     for d in decisions for a in d.awards], lang,
                    ["candidate_id", "row", "award", "decided_on", "status", "status_code",
                     "reason"])
    rules = rules_used_frame(res.model, res.params, lang)
    write_book(p, [_sheet(sheet("delegates", lang), dec, lang, freeze_columns=2),
                   _sheet(sheet("standards", lang), checks, lang, freeze_columns=1),
                   _sheet(sheet("conferences", lang), confs, lang),
                   _sheet(sheet("forwarding", lang), forwarding, lang),
                   *([_sheet(sheet("awards", lang), awards, lang)] if res.awards is not None
                     else []),
                   Sheet(sheet("rules", lang), rules, hidden=hidden_codes(rules, lang)),
                   _sheet(sheet("rejected", lang), rejected, lang)],
               page_header("delegates", lang, res.rules.id, res.rules.version, res.rules.hash))
    return written


def write_plan_report(rep: Any, model: Any, params: dict, path: str | Path,
                      lang: str = "vi") -> list[Path]:
    """Write a :class:`~thiduakhenthuong.jobs.conferences.trace.PlanReport`: findings, rules
    used and rejected rows (XLSX), the findings (CSV), or everything (JSON)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    if suffix == ".json":
        p.write_text(rep.model_dump_json(indent=1) + "\n", encoding="utf-8")
        return [p]
    names = Names(model)
    found = _frame([{"chapter_code": f.chapter_id, "name": f.name or f.chapter_id, "row": f.row,
                     "severity": status(f.severity, lang), "severity_code": f.severity,
                     "code": f.code, "message": f.message.get(lang),
                     "cite": names.cite(f.cite).get(lang),
                     "values": names.pairs(f.values).get(lang)}
                    for f in rep.findings], lang,
                   ["chapter_code", "name", "row", "severity", "severity_code", "code",
                    "message", "cite", "values"])
    if suffix == ".csv":
        codes = {delegate_columns(c, lang) for c in _CODES}
        safe_frame(found.drop(columns=[c for c in found.columns if c in codes])).to_csv(
            p, index=False, encoding="utf-8-sig")
        return [p]
    if suffix != ".xlsx":
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    rules = rules_used_frame(model, params, lang)
    write_book(p, [_sheet(sheet("findings", lang), found, lang, freeze_columns=2),
                   Sheet(sheet("rules", lang), rules, hidden=hidden_codes(rules, lang)),
                   _sheet(sheet("rejected", lang), _rejected(rep.rejected, lang), lang)],
               page_header("plans", lang, model.meta.id, model.meta.version))
    return [p]
