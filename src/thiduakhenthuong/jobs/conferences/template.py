"""The tables a conference rule set reads, for a blank workbook to fill (``tdkt template``):
candidates for delegate, chapters' conference plans, report dates and dated awards."""
from __future__ import annotations

from ...core.job import InputTable
from ...core.models import Localized
from ...render.uses import uses
from ...tables.attested import expand_attested
from .model import DelegateRuleSet


def input_tables(m: DelegateRuleSet) -> list[InputTable]:
    meta = m.meta
    standards = uses((f"Tiêu chuẩn: {c.title.vi}", c.cite, [c.holds]) for c in m.standards)
    return [InputTable(key="candidates", title=Localized(vi="Ứng viên", en="Candidates"),
                       sheet=meta.candidates.sheet, file=meta.candidates.file,
                       fields=expand_attested(m.inputs), uses=standards),
            InputTable(key="plans", title=Localized(vi="Kế hoạch hội nghị", en="Plans"),
                       sheet=meta.plans.sheet, file=meta.plans.file, fields=m.plan_inputs,
                       uses={}, required=False),
            InputTable(key="reports", title=Localized(vi="Báo cáo", en="Reports"),
                       sheet=meta.reports.sheet, file=meta.reports.file,
                       fields=m.report_inputs, uses={}, required=False)] + \
        ([InputTable(key="awards", title=meta.awards.title, sheet=meta.awards.table.sheet,
                     file=meta.awards.table.file, fields=m.award_inputs,
                     uses=uses([(f"Khen thưởng: {meta.awards.title.vi}", meta.awards.cite,
                                 list(meta.awards.counts.values()))]), required=False)]
         if meta.awards is not None else [])
