"""Write a rule-version diff to XLSX (summary, changes, criteria, parameters, rule changes,
rejected rows), CSV (the changes) or JSON (everything). Spreadsheet cells that would start a
formula are neutralised."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..render.workbook import Header, Sheet, safe_frame, write_book
from .model import Diff
from .text import (change_text, criterion_text, definition_text, field_label, parameter_text, show,
                   side_notice_prefix, status_label)

_HEADERS = {
    "id": ("Mã", "Id"), "name": ("Tên", "Name"), "title_id": ("Mã danh hiệu", "Title id"),
    "title": ("Danh hiệu", "Title"), "group": ("Nhóm", "Group"), "status": ("Tình trạng", "Status"),
    "changes": ("Thay đổi", "Changes"), "reason": ("Lý do", "Reason"),
    "criteria": ("Tiêu chí thay đổi", "Criteria changed"),
    "explain_old": ("Giải thích (cũ)", "Explanation (old)"),
    "explain_new": ("Giải thích (mới)", "Explanation (new)"),
    "criterion": ("Tiêu chí", "Criterion"), "kind": ("Loại", "Kind"),
    "criterion_title": ("Nội dung", "Description"), "cite_old": ("Căn cứ (cũ)", "Cite (old)"),
    "cite_new": ("Căn cứ (mới)", "Cite (new)"), "only_in": ("Chỉ có ở", "Only in"),
    "values_old": ("Giá trị đọc (cũ)", "Values read (old)"),
    "values_new": ("Giá trị đọc (mới)", "Values read (new)"),
    "parameters": ("Tham số thay đổi", "Parameters changed"),
    "definition": ("Quy tắc thay đổi", "Rules changed"),
    "parameter": ("Tham số", "Parameter"), "old": ("Cũ", "Old"), "new": ("Mới", "New"),
    "old_from": ("Hiệu lực từ (cũ)", "In force from (old)"),
    "new_from": ("Hiệu lực từ (mới)", "In force from (new)"),
    "old_basis": ("Cơ sở (cũ)", "Basis (old)"), "new_basis": ("Cơ sở (mới)", "Basis (new)"),
    "cite": ("Trích dẫn", "Cite"), "section": ("Phần", "Section"), "item": ("Mục", "Item"),
    "path": ("Vị trí", "Path"), "side": ("Bộ quy tắc", "Rule set"), "table": ("Bảng", "Table"),
    "row": ("Dòng", "Row"), "column": ("Cột", "Column"), "value": ("Giá trị", "Value"),
    "field": ("Mục", "Field"),
}
_SUMMARY = {
    "year": ("Năm xét", "Year judged"), "level": ("Cấp hội nghị", "Conference level"),
    "as_of": ("Tham số theo ngày", "Parameters as of"), "compared": ("Số so sánh", "Compared"),
    "changed": ("Thay đổi", "Changed"), "unchanged": ("Không đổi", "Unchanged"),
    "only_old": ("Chỉ theo quy tắc cũ", "Old rules only"),
    "only_new": ("Chỉ theo quy tắc mới", "New rules only"),
    "rejected_old": ("Dòng bị loại (cũ)", "Rejected rows (old)"),
    "rejected_new": ("Dòng bị loại (mới)", "Rejected rows (new)"),
    "parameters_changed": ("Tham số khác nhau", "Parameters changed"),
    "definitions_changed": ("Quy tắc viết khác", "Rules changed"),
}
_SHEETS = {"summary": ("Tóm tắt", "Summary"), "changes": ("Thay đổi", "Changes"),
           "criteria": ("Tiêu chí", "Criteria"), "parameters": ("Tham số", "Parameters"),
           "definitions": ("Quy tắc", "Rule changes"), "rejected": ("Dòng bị loại",
                                                                    "Rejected rows")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def _frame(rows: list[dict], cols: list[str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=cols).rename(
        columns={c: _pick(_HEADERS[c], lang) for c in cols})


def _values(v: dict, lang: str) -> str:
    return "; ".join(f"{field_label(k, lang)} = {show(x, lang)}" for k, x in v.items())


def changes_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """One row per changed unit or person (per title, for titles), in id order.

    >>> from thiduakhenthuong.diff.compare import diff_rule_sets
    >>> d = diff_rule_sets("rules/lao-cai-2023", "rules/lao-cai-2023",
    ...                    "fixtures/lao-cai-2023/units.csv")
    >>> list(changes_frame(d, "en").columns)[:3], len(changes_frame(d))
    (['Id', 'Name', 'Title id'], 0)
    """
    rows = [{"id": e.id, "name": e.name or "", "title_id": e.title_id or "",
             "title": e.title.get(lang) if e.title else "", "group": e.group or "",
             "status": status_label(e.status, lang),
             "changes": "; ".join(change_text(c, lang) for c in e.changes),
             "reason": e.reason.get(lang),
             "criteria": " | ".join(criterion_text(c, lang) for c in e.criteria),
             "explain_old": e.explain_old.get(lang) if e.explain_old else "",
             "explain_new": e.explain_new.get(lang) if e.explain_new else ""}
            for e in diff.entries]
    return _frame(rows, ["id", "name", "title_id", "title", "group", "status", "changes",
                         "reason", "criteria", "explain_old", "explain_new"], lang)


def criteria_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """One row per changed criterion (check, route, quota, selection ...) per entry."""
    rows = [{"id": e.id, "title_id": e.title_id or "", "criterion": c.id, "kind": c.kind,
             "criterion_title": c.title.get(lang) if c.title else "",
             "cite_old": c.cite_old or "", "cite_new": c.cite_new or "",
             "only_in": c.only_in or "",
             "changes": "; ".join(change_text(x, lang) for x in c.changes),
             "values_old": _values(c.values_old, lang), "values_new": _values(c.values_new, lang),
             "parameters": "; ".join(parameter_text(p, lang) for p in c.parameters),
             "definition": "; ".join(definition_text(d, lang) for d in c.definition)}
            for e in diff.entries for c in e.criteria]
    return _frame(rows, ["id", "title_id", "criterion", "kind", "criterion_title", "cite_old",
                         "cite_new", "only_in", "changes", "values_old", "values_new",
                         "parameters", "definition"], lang)


def parameters_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """The parameters whose values differ between the rule sets, by name."""
    rows = [{"parameter": p.name, "title": p.title.get(lang) if p.title else "",
             "old": show(p.old, lang), "new": show(p.new, lang),
             "old_from": show(p.old_from, lang), "new_from": show(p.new_from, lang),
             "old_basis": p.old_basis or "", "new_basis": p.new_basis or "",
             "cite": p.cite or "", "only_in": p.only_in or ""} for p in diff.parameters]
    return _frame(rows, ["parameter", "title", "old", "new", "old_from", "new_from", "old_basis",
                         "new_basis", "cite", "only_in"], lang)


def definitions_frame(diff: Diff, lang: str = "vi") -> pd.DataFrame:
    """The rules written differently, item by item."""
    rows = [{"section": d.section, "item": d.item, "path": d.path, "old": d.old or "—",
             "new": d.new or "—"} for d in diff.definitions]
    return _frame(rows, ["section", "item", "path", "old", "new"], lang)


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
    vi = lang != "en"
    rows = []
    for side, info in (("old", diff.old), ("new", diff.new)):
        label = side_notice_prefix(side, lang)
        years = f", {info.regime} {info.from_year}–{info.to_year}" if info.regime else ""
        rows.append({"field": label, "value": f"{info.path}: {info.id} {info.version} "
                                              f"({info.hash}){years}"})
    rows.append({"field": "Dữ liệu" if vi else "Data", "value": diff.source})
    for k, v in (("year", diff.year), ("level", diff.level), ("as_of", diff.as_of)):
        if v is not None:
            rows.append({"field": _pick(_SUMMARY[k], lang), "value": show(v, lang)})
    for k, v in diff.summary.model_dump().items():
        rows.append({"field": _pick(_SUMMARY[k], lang), "value": v})
    for n in diff.notices:
        rows.append({"field": "Cảnh báo" if vi else "Notice", "value": n.message.get(lang)})
    return _frame(rows, ["field", "value"], lang)


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
        safe_frame(changes_frame(diff, lang)).to_csv(p, index=False, encoding="utf-8-sig")
        if diff.rejected_old or diff.rejected_new:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected_frame(diff, lang)).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
    elif suffix == ".xlsx":
        sheets = [("summary", summary_frame), ("changes", changes_frame),
                  ("criteria", criteria_frame), ("parameters", parameters_frame),
                  ("definitions", definitions_frame), ("rejected", rejected_frame)]
        write_book(p, [Sheet(_pick(_SHEETS[key], lang), make(diff, lang)) for key, make in sheets],
                   Header(_pick(_SHEETS["summary"], lang) + ": " + _pick(_SHEETS["changes"], lang),
                          f"{diff.old.id} {diff.old.version} → {diff.new.id} {diff.new.version}",
                          lang))
    else:
        raise ValueError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
