"""Write delegate selections and plan checks as workbooks with proper sheets (or CSV/JSON), with
the same formula-injection guard and rules-used sheet as the other jobs."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ...errors import UsageError
from ...render.rules_used import rules_used_frame
from ...render.phrases import col, sheet
from ...render.workbook import Sheet, headers, in_words, page_header, safe_frame, write_book

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
    return headers(df, "en") if lang == "en" else df.rename(columns=_VI)


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
    if len(checks):
        checks.insert(4, "status_code", checks.iloc[:, 3])
        checks.iloc[:, 3] = in_words(checks.iloc[:, 3], lang)
        checks = checks.rename(columns={"status_code": col("status_code", lang)})
    write_book(p, [Sheet(sheet("delegates", lang), dec, freeze_columns=2),
                   Sheet(sheet("standards", lang), checks, freeze_columns=1),
                   Sheet(sheet("conferences", lang), confs.astype(str)),
                   Sheet(sheet("forwarding", lang), forwarding),
                   *([Sheet(sheet("awards", lang), awards)] if res.awards is not None else []),
                   Sheet(sheet("rules", lang), rules_used_frame(res.model, res.params, lang)),
                   Sheet(sheet("rejected", lang), rejected)],
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
    if len(found):
        found.insert(3, "severity_code", found.iloc[:, 3])
        found.iloc[:, 4] = in_words(found.iloc[:, 4], lang)
    write_book(p, [Sheet(sheet("findings", lang), found, freeze_columns=2),
                   Sheet(sheet("rules", lang), rules_used_frame(model, params, lang)),
                   Sheet(sheet("rejected", lang), _rejected(rep.rejected, lang))],
               page_header("plans", lang, model.meta.id, model.meta.version))
    return [p]
