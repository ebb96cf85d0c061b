"""Write a rule-version diff to XLSX (summary, changes, criteria, parameters, rule changes,
rejected rows), CSV (the changes) or JSON (everything). Spreadsheet cells that would start a
formula are neutralised."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..i18n.diff import diff_headers, diff_kinds, diff_sheets, diff_summary
from ..render.workbook import Header, Sheet, safe_frame, write_book
from .model import Diff
from .text import (Words, change_text, criterion_text, definition_text, parameter_text,
                   side_notice_prefix, side_text, status_label, where_text)


def _frame(rows: list[dict], cols: list[str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=cols).rename(columns={c: diff_headers(c, lang)
                                                            for c in cols})


def _values(v: dict, lang: str, w: Words) -> str:
    return "; ".join(f"{w.name(k, lang)} = {w.show(x, lang, k)}" for k, x in v.items())


def _side(side: str | None, lang: str) -> str:
    return side_notice_prefix(side, lang) if side else ""


#: Code columns kept for machines: hidden in the workbook, left out of the CSV.
CODES = ("title_id", "criterion", "parameter", "section", "item", "path", "old_code", "new_code")


def changes_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """One row per changed unit or person (per title, for titles), in id order.

    >>> from thiduakhenthuong.diff.compare import diff_rule_sets
    >>> d = diff_rule_sets("rules/lao-cai-2023", "rules/lao-cai-2023",
    ...                    "fixtures/lao-cai-2023/units.csv")
    >>> list(changes_frame(d, "en").columns)[:3], len(changes_frame(d))
    (['Id', 'Name', 'Title id'], 0)
    """
    w = Words(diff.words, diff.value_words)
    rows = [{"id": e.id, "name": e.name or "", "title_id": e.title_id or "",
             "title": e.title.get(lang) if e.title else "",
             "group": w.show(e.group, lang) if e.group else "",
             "status": status_label(e.status, lang),
             "changes": "; ".join(change_text(c, lang, w) for c in e.changes),
             "reason": e.reason.get(lang),
             "criteria": " | ".join(criterion_text(c, lang, w) for c in e.criteria),
             "explain_old": e.explain_old.get(lang) if e.explain_old else "",
             "explain_new": e.explain_new.get(lang) if e.explain_new else ""}
            for e in diff.entries]
    return _frame(rows, ["id", "name", "title_id", "title", "group", "status", "changes",
                         "reason", "criteria", "explain_old", "explain_new"], lang)


def criteria_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """One row per changed criterion (check, route, quota, selection ...) per entry."""
    w = Words(diff.words, diff.value_words)
    rows = [{"id": e.id, "title_id": e.title_id or "", "criterion": c.id,
             "kind": diff_kinds(c.kind, lang),
             "criterion_title": c.title.get(lang) if c.title else w.name(c.id, lang),
             "cite_old": w.cite(c.cite_old, lang), "cite_new": w.cite(c.cite_new, lang),
             "only_in": _side(c.only_in, lang),
             "changes": "; ".join(change_text(x, lang, w) for x in c.changes),
             "values_old": _values(c.values_old, lang, w),
             "values_new": _values(c.values_new, lang, w),
             "parameters": "; ".join(parameter_text(p, lang, words=w) for p in c.parameters),
             "definition": "; ".join(definition_text(d, lang) for d in c.definition)}
            for e in diff.entries for c in e.criteria]
    return _frame(rows, ["id", "title_id", "criterion", "kind", "criterion_title", "cite_old",
                         "cite_new", "only_in", "changes", "values_old", "values_new",
                         "parameters", "definition"], lang)


def parameters_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """The parameters whose values differ between the rule sets."""
    w = Words(diff.words, diff.value_words)
    rows = [{"parameter": p.name,
             "title": p.title.get(lang) if p.title else w.name(p.name, lang),
             "old": w.show(p.old, lang, p.name), "new": w.show(p.new, lang, p.name),
             "old_from": w.show(p.old_from, lang), "new_from": w.show(p.new_from, lang),
             "old_basis": p.old_basis.get(lang) if p.old_basis else "",
             "new_basis": p.new_basis.get(lang) if p.new_basis else "",
             "cite": w.cite(p.cite, lang), "only_in": _side(p.only_in, lang)}
            for p in diff.parameters]
    return _frame(rows, ["parameter", "title", "old", "new", "old_from", "new_from", "old_basis",
                         "new_basis", "cite", "only_in"], lang)


def definitions_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """The rules written differently, item by item: in words, the rule text beside (hidden)."""
    rows = [{"section": d.section, "item": d.item, "path": d.path, "where": where_text(d, lang),
             "old": side_text(d, "old", lang), "new": side_text(d, "new", lang),
             "old_code": d.old or "—", "new_code": d.new or "—"} for d in diff.definitions]
    return _frame(rows, ["section", "item", "path", "where", "old", "new", "old_code",
                         "new_code"], lang)


def rejected_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """Rows rejected under either rule set, one row per problem."""
    rows = [{"side": side_notice_prefix(side, lang), "table": r.table or "", "row": r.row,
             "id": r.unit_id or "", "column": p.header or p.column or "", "value": p.value,
             "reason": p.message.get(lang)}
            for side, rej in (("old", diff.rejected_old), ("new", diff.rejected_new))
            for r in rej for p in r.problems]
    return _frame(rows, ["side", "table", "row", "id", "column", "value", "reason"], lang)


def summary_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """The rule sets compared, the counts and the notices, as field/value rows."""
    w = Words(diff.words, diff.value_words)
    rows = []
    for side, info in (("old", diff.old), ("new", diff.new)):
        label = side_notice_prefix(side, lang)
        years = f", {info.from_year}–{info.to_year}" if info.regime else ""
        rows.append({"field": label, "value": f"{info.path}: {info.id} {info.version} "
                                              f"({info.hash}){years}"})
    rows.append({"field": diff_summary("data", lang), "value": diff.source})
    for k, v in (("year", diff.year), ("level", diff.level), ("as_of", diff.as_of)):
        if v is not None:
            rows.append({"field": diff_summary(k, lang),
                         "value": w.name(v, lang) if k == "level" else w.show(v, lang)})
    for k, v in diff.summary.model_dump().items():
        rows.append({"field": diff_summary(k, lang), "value": v})
    for n in diff.notices:
        rows.append({"field": diff_summary("notice", lang), "value": n.message.get(lang)})
    return _frame(rows, ["field", "value"], lang)


def _hidden(frame: pd.DataFrame, lang: str) -> tuple[str, ...]:
    heads = {diff_headers(c, lang) for c in CODES if c in diff_headers}
    return tuple(h for h in frame.columns if h in heads)


def write_diff(diff: Diff, path: str | Path, lang: str = "vi") -> list[Path]:
    """Write ``diff`` to ``path`` by its suffix (.xlsx, .csv, .json); returns the files written.

    CSV holds the changes and writes ``<name>.rejected.csv`` beside it when rows were rejected.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    suffix = p.suffix.lower()
    written = [p]
    if suffix == ".json":
        p.write_text(diff.to_json() + "\n", encoding="utf-8")
    elif suffix == ".csv":
        frame = changes_frame(diff, lang)
        frame = frame.drop(columns=list(_hidden(frame, lang)))
        safe_frame(frame).to_csv(p, index=False, encoding="utf-8-sig")
        if diff.rejected_old or diff.rejected_new:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected_frame(diff, lang)).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
    elif suffix == ".xlsx":
        sheets = [("summary", summary_frame), ("changes", changes_frame),
                  ("criteria", criteria_frame), ("parameters", parameters_frame),
                  ("definitions", definitions_frame), ("rejected", rejected_frame)]
        frames = [(key, make(diff, lang)) for key, make in sheets]
        write_book(p, [Sheet(diff_sheets(key, lang), f, hidden=_hidden(f, lang))
                       for key, f in frames],
                   Header(diff_sheets("summary", lang) + ": " + diff_sheets("changes", lang),
                          f"{diff.old.id} {diff.old.version} → {diff.new.id} {diff.new.version}",
                          lang))
    else:
        raise ValueError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
