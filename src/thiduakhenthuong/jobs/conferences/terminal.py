"""Delegate selections and plan checks for the terminal: per conference, the candidates
selected and those left out with the reason; the plan findings with their clauses."""
from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from ...render.ties import broken_tie
from .result import DelegateResult
from .trace import PlanReport
from .words import awards_line


def decision_tables(res: DelegateResult, lang: str = "vi") -> list[Any]:
    """For each conference: the selected, the left out (each with the reason) and a summary."""
    vi = lang != "en"
    decisions = res.decisions()
    out: list[Any] = []
    for summ in res.summaries():
        for chosen in (True, False):
            title = (("Đại biểu được chọn" if chosen else "Không được chọn") if vi else
                     ("Selected" if chosen else "Left out")) + f" — {summ.conference}"
            tbl = Table(title=title)
            for h in (("Mã", "Id"), ("Tên", "Name"), ("Thành phần", "Group"),
                      ("Thứ tự", "Place"), ("Lý do", "Reason")):
                tbl.add_column(h[0] if vi else h[1])
            for d in decisions:
                if d.conference != summ.conference or d.selected != chosen:
                    continue
                why = d.reason.get(lang)
                if d.decided_by and d.neighbour:
                    why += "; " + broken_tie(d.neighbour, d.decided_by, d.own_value,
                                             d.neighbour_value).get(lang)
                if d.missing_evidence:
                    why += ("; thiếu xác nhận: " if vi else "; evidence missing: ") + \
                        ", ".join(d.missing_evidence)
                tbl.add_row(escape(d.candidate_id), escape(d.name or ""),
                            escape(d.group_title.get(lang)), str(d.rank or "—"), escape(why))
            out.append(tbl)
        out.append(escape(
            (f"{summ.conference} ({summ.level_title.vi}): {summ.selected}/{summ.cap} đại biểu "
             f"[{summ.cap_cite}]; theo thành phần {summ.by_group}; đủ tiêu chuẩn "
             f"{summ.eligible}/{summ.candidates}; chuyển lên cấp trên {summ.forwarded}") if vi else
            (f"{summ.conference} ({summ.level_title.en}): {summ.selected} of at most {summ.cap} "
             f"delegates [{summ.cap_cite}]; by group {summ.by_group}; eligible {summ.eligible} "
             f"of {summ.candidates}; forwarded {summ.forwarded}")))
        if summ.held is not None:
            out.append(escape(f"{summ.conference}: {summ.held.text.get(lang)}"))
    if res.awards is not None:
        out.append(escape(awards_line(res.awards.summary).get(lang)))
        for d in decisions:
            for a in d.awards:
                if a.status != "counted":
                    out.append(escape(f"{d.candidate_id} ({d.name or ''}): "
                                      f"{a.award.get(lang)} — {a.reason.get(lang)}"))
    for fw in res.forwarding:
        sev = {"ok": ("đạt", "ok"), "warning": ("cảnh báo", "warning"),
               "error": ("lỗi", "error")}[fw.severity][0 if vi else 1]
        out.append(escape(f"[{sev}] {fw.message.get(lang)} [{fw.cite}]"))
    return out


def findings_table(rep: PlanReport, lang: str = "vi") -> list[Any]:
    """The plan findings (chapter, severity, finding, clause) and the compliant chapters."""
    vi = lang != "en"
    tbl = Table(title="Kết quả kiểm tra kế hoạch" if vi else "Plan check findings")
    for h in (("Đơn vị", "Chapter"), ("Mức", "Severity"), ("Nội dung", "Finding"),
              ("Căn cứ", "Clause")):
        tbl.add_column(h[0] if vi else h[1])
    for f in rep.findings:
        sev = {"error": "lỗi", "warning": "cảnh báo"}[f.severity] if vi else f.severity
        tbl.add_row(escape(f.name or f.chapter_id), sev, escape(f.message.get(lang)), f.cite)
    return [tbl, escape(("Đạt yêu cầu: " if vi else "Compliant: ") + ", ".join(rep.compliant))]
