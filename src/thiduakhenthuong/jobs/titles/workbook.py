"""Write title results to CSV, XLSX or JSON, with the same formula-injection guard as scoring."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...errors import UsageError
from ...render.labels import Labels
from ...render.rules_used import rules_used_frame
from ...render.workbook import overrides_frame, safe_frame
from .carried import check_notes
from .result import TitleResult


def reasons_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    """One row per check per subject per title: status, values read, years counted, citation."""
    vi = lang != "en"
    labels = Labels(res.model, lang)
    rows = []
    for d in res.decisions():
        for c in d.checks:
            rows.append({
                "subject_id": d.subject_id, "title_id": d.title_id, "title": d.title.get(lang),
                "outcome": d.outcome, "check": c.id, "check_title": c.title.get(lang),
                "route": c.route or "", "status": c.status, "cite": c.cite,
                "values": labels.pairs(c.values),
                "history": "; ".join(f"{h.call} = {h.value:g} ({', '.join(map(str, h.years))})"
                                     for h in c.history),
                "members": "; ".join(f"{m.call}: {m.count}/{m.members}" for m in c.members),
                "missing_evidence": ", ".join(labels(e) for e in c.missing_evidence),
                "needs": c.needs.get(lang) if c.needs else "", "expression": c.expression,
                "other_units": "; ".join(n.get(lang) for n in check_notes(c, res.merger_policy))})
        for x in d.exclusions:
            rows.append({"subject_id": d.subject_id, "title_id": d.title_id,
                         "title": d.title.get(lang), "outcome": d.outcome, "check": x.id,
                         "check_title": x.title.get(lang), "route": "",
                         "status": {"applies": "failed", "clear": "met"}.get(x.status, "unknown"),
                         "cite": x.cite, "values": labels.pairs(x.values), "history": "",
                         "members": "", "missing_evidence": "", "needs": "",
                         "expression": "not (" + x.expression + ")", "other_units": ""})
    frame = pd.DataFrame(rows)
    if vi and len(frame):
        frame = frame.rename(columns={
            "subject_id": "Mã", "title_id": "Mã danh hiệu", "title": "Danh hiệu",
            "outcome": "Kết quả", "check": "Mã điều kiện", "check_title": "Điều kiện",
            "route": "Cách", "status": "Trạng thái", "cite": "Căn cứ", "values": "Giá trị",
            "history": "Lịch sử", "members": "Thành viên", "missing_evidence": "Thiếu xác nhận",
            "needs": "Cần", "expression": "Biểu thức", "other_units": "Năm tính ở đơn vị khác"})
    return frame


def successions_frame(res: TitleResult, lang: str = "vi") -> pd.DataFrame:
    """The succession table as applied to the judged year: every valid row, applied or later."""
    vi = lang != "en"
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
                    "status": ("áp dụng" if vi else "applied") if status == "applied" else
                    ("sau năm xét, không áp dụng" if vi else "after the judged year, not applied")})
    cols = ["row", "from_unit", "from_name", "to_unit", "to_name", "on", "document", "kind",
            "main", "status"]
    frame = pd.DataFrame(rows, columns=cols).sort_values("row", kind="stable")
    if vi:
        frame = frame.rename(columns={
            "row": "Dòng", "from_unit": "Mã đơn vị cũ", "from_name": "Tên đơn vị cũ",
            "to_unit": "Mã đơn vị kế thừa", "to_name": "Tên đơn vị kế thừa",
            "on": "Ngày hiệu lực", "document": "Văn bản", "kind": "Hình thức",
            "main": "Đơn vị chính", "status": "Áp dụng"})
    return frame


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
        vi = lang != "en"
        sheets = [("Đề nghị" if vi else "Proposals", res.to_frame(labels=lang, proposed_only=True)),
                  ("Kết quả" if vi else "Decisions", res.to_frame(labels=lang)),
                  ("Lý do" if vi else "Reasons", reasons_frame(res, lang)),
                  ("Tổng hợp" if vi else "Totals", totals_frame(res, lang)),
                  ("Dòng bị loại" if vi else "Rejected rows", rejected_frame(res, lang)),
                  ("Cảnh báo" if vi else "Warnings",
                   pd.DataFrame([{"code": w.code, "message": w.message.get(lang)}
                                 for w in res.notices], columns=["code", "message"])),
                  ("Quy tắc áp dụng" if vi else "Rules used",
                   rules_used_frame(res.model, res.params, lang))]
        if res.overrides:
            sheets.append(("Điều chỉnh" if vi else "Overrides", overrides_frame(res, lang)))
        if res.succession_report() is not None:
            sheets.append(("Kế thừa đơn vị" if vi else "Unit succession",
                           successions_frame(res, lang)))
        with pd.ExcelWriter(p, engine="openpyxl") as xw:
            for name, frame in sheets:
                safe_frame(frame).to_excel(xw, sheet_name=name, index=False)
    else:
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    return written
