"""Delegate selections and plan checks for the terminal: per conference, the candidates
selected and those left out with the reason; the plan findings with their clauses."""
from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from ...i18n.report import labels
from ...render.page import msg
from ...render.phrases import status as status_words
from .explain import conference_name, names_of, reason_text, summary_line
from .result import DelegateResult
from .trace import PlanReport
from .words import awards_line


def decision_tables(res: DelegateResult, lang: str = "vi") -> list[Any]:
    """For each conference: the selected, the left out (each with the reason) and a summary."""
    decisions = res.decisions()
    names = names_of(res)
    out: list[Any] = []
    for summ in res.summaries():
        conf = conference_name(res, summ.conference)
        for chosen in (True, False):
            title = msg("conf_selected_title" if chosen else "conf_left_out_title",
                        conference=conf).get(lang)
            tbl = Table(title=escape(title))
            for h in ("id", "name", "group", "rank", "reason"):
                tbl.add_column(labels(h, lang))
            for d in decisions:
                if d.conference != summ.conference or d.selected != chosen:
                    continue
                tbl.add_row(escape(d.candidate_id), escape(d.name or ""),
                            escape(d.group_title.get(lang)), str(d.rank or "—"),
                            escape(reason_text(d, res).get(lang)))
            out.append(tbl)
        out.append(escape(summary_line(res, summ).get(lang)))
        if summ.held is not None:
            out.append(escape(msg("conf_held_on", conference=conf,
                                  text=summ.held.text).get(lang)))
    if res.awards is not None:
        out.append(escape(awards_line(res.awards.summary).get(lang)))
        for d in decisions:
            for a in d.awards:
                if a.status != "counted":
                    out.append(escape(msg("conf_award_of", id=d.candidate_id, name=d.name or "",
                                          award=a.award, reason=a.reason).get(lang)))
    for fw in res.forwarding:
        sev = status_words({"ok": "met", "warning": "warning", "error": "error"}[fw.severity],
                           lang).lower()
        out.append(escape(msg("conf_forwarding_line", severity=sev, message=fw.message,
                              cite=names.cite(fw.cite)).get(lang)))
    return out


def findings_table(rep: PlanReport, lang: str = "vi", names: Any = None) -> list[Any]:
    """The plan findings (chapter, severity, finding, clause) and the compliant chapters."""
    tbl = Table(title=msg("conf_findings").get(lang))
    for h in ("chapter", "severity", "finding", "cite"):
        tbl.add_column(labels(h, lang))
    for f in rep.findings:
        cite = names.cite(f.cite).get(lang) if names is not None else f.cite
        tbl.add_row(escape(f.name or f.chapter_id), escape(status_words(f.severity, lang)),
                    escape(f.message.get(lang)), escape(cite or ""))
    return [tbl, escape(msg("conf_compliant", chapters=", ".join(rep.compliant)).get(lang))]
