"""Write delegate selections and plan checks as workbooks with proper sheets (or CSV/JSON), with
the same formula-injection guard and rules-used sheet as the other jobs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import UsageError
from ...render.rules_used import rules_used_frame
from ...render.workbook import safe_frame, write_book

_VI = {"candidate_id": "Mã", "name": "Tên", "group": "Thành phần", "conference": "Hội nghị",
       "row": "Dòng dữ liệu", "outcome": "Tiêu chuẩn", "selected": "Được chọn", "seat": "Suất",
       "rank": "Thứ tự", "reason": "Lý do", "forwarded": "Chuyển lên cấp trên",
       "missing_evidence": "Thiếu xác nhận", "check": "Mã tiêu chuẩn", "title": "Tiêu chuẩn",
       "status": "Trạng thái", "cite": "Căn cứ", "values": "Giá trị", "table": "Bảng",
       "id": "Mã", "column": "Cột", "value": "Giá trị ô", "code": "Mã lỗi",
       "chapter_id": "Đơn vị", "severity": "Mức", "message": "Nội dung",
       "higher_conference": "Hội nghị cấp trên", "conferences": "Từ các hội nghị",
       "cap": "Tối đa", "over": "Vượt", "award": "Khen thưởng", "decided_on": "Ngày quyết định"}


def _frame(rows: list[dict], lang: str, columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    return df if lang == "en" else df.rename(columns=_VI)


def _rejected(rejected, lang: str) -> pd.DataFrame:
    return _frame([{"table": r.table or "", "row": r.row, "id": r.unit_id or "",
                    "column": p.header or p.column or "", "value": p.value,
                    "reason": p.message.get(lang), "code": p.code}
                   for r in rejected for p in r.problems], lang,
                  ["table", "row", "id", "column", "value", "reason", "code"])


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
    decisions = res.decisions()
    dec = _frame([{"candidate_id": d.candidate_id, "name": d.name or "",
                   "group": d.group_title.get(lang), "conference": d.conference, "row": d.row,
                   "outcome": d.outcome, "selected": d.selected, "seat": d.seat or "",
                   "rank": d.rank, "reason": d.reason.get(lang), "forwarded": d.forwarded,
                   "missing_evidence": ", ".join(d.missing_evidence)} for d in decisions], lang,
                 ["candidate_id", "name", "group", "conference", "row", "outcome", "selected",
                  "seat", "rank", "reason", "forwarded", "missing_evidence"])
    rejected = _rejected(res.rejected, lang)
    written = [p]
    if suffix == ".csv":
        safe_frame(dec).to_csv(p, index=False, encoding="utf-8-sig")
        if res.rejected:
            rp = p.with_suffix(".rejected.csv")
            safe_frame(rejected).to_csv(rp, index=False, encoding="utf-8-sig")
            written.append(rp)
        return written
    if suffix != ".xlsx":
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    checks = _frame([{"candidate_id": d.candidate_id, "check": c.id,
                      "title": c.title.get(lang), "status": c.status, "cite": c.cite,
                      "values": "; ".join(f"{k}={v}" for k, v in c.values.items()),
                      "missing_evidence": ", ".join(c.missing_evidence)}
                     for d in decisions for c in d.checks], lang,
                    ["candidate_id", "check", "title", "status", "cite", "values",
                     "missing_evidence"])
    confs = pd.DataFrame([s.model_dump(mode="json") for s in res.summaries()])
    forwarding = _frame([{"higher_conference": f.higher_conference or "",
                          "conferences": "; ".join(f"{c}: {n}" for c, n in f.conferences.items()),
                          "forwarded": f.forwarded, "cap": f.cap, "over": f.over,
                          "severity": f.severity, "message": f.message.get(lang),
                          "cite": f.cite} for f in res.forwarding], lang,
                        ["higher_conference", "conferences", "forwarded", "cap", "over",
                         "severity", "message", "cite"])
    awards = _frame([{"candidate_id": d.candidate_id, "row": a.row, "award": a.award.get(lang),
                      "decided_on": a.decided_on, "status": a.status,
                      "reason": a.reason.get(lang)} for d in decisions for a in d.awards], lang,
                    ["candidate_id", "row", "award", "decided_on", "status", "reason"])
    vi = lang != "en"
    write_book(p, [("Quyết định" if vi else "Decisions", dec),
                    ("Tiêu chuẩn" if vi else "Standards", checks),
                    ("Hội nghị" if vi else "Conferences", confs.astype(str)),
                    ("Chuyển lên cấp trên" if vi else "Forwarding", forwarding),
                    *([("Khen thưởng" if vi else "Awards", awards)] if res.awards is not None
                      else []),
                    ("Quy tắc áp dụng" if vi else "Rules used",
                     rules_used_frame(res.model, res.params, lang)),
                    ("Dòng bị loại" if vi else "Rejected rows", rejected)])
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
    found = _frame([{"chapter_id": f.chapter_id, "name": f.name or "", "row": f.row,
                     "severity": f.severity, "code": f.code, "message": f.message.get(lang),
                     "cite": f.cite,
                     "values": "; ".join(f"{k}={v}" for k, v in f.values.items())}
                    for f in rep.findings], lang,
                   ["chapter_id", "name", "row", "severity", "code", "message", "cite",
                    "values"])
    if suffix == ".csv":
        safe_frame(found).to_csv(p, index=False, encoding="utf-8-sig")
        return [p]
    if suffix != ".xlsx":
        raise UsageError(f"unknown output type '{suffix}' (use .csv, .xlsx or .json)")
    vi = lang != "en"
    write_book(p, [("Kết quả kiểm tra" if vi else "Findings", found),
                    ("Quy tắc áp dụng" if vi else "Rules used",
                     rules_used_frame(model, params, lang)),
                    ("Dòng bị loại" if vi else "Rejected rows", _rejected(rep.rejected, lang))])
    return [p]
