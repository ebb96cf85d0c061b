"""Advanced-model conferences (Hội nghị điển hình tiên tiến): who may be a delegate at each
level, selection within the caps and reserved seats, and checks of chapters' conference plans.

The job is registered under the rule-set kind ``delegates`` (entry point
``thiduakhenthuong.jobs``); see :mod:`thiduakhenthuong.core.job` for what each field serves.
"""
from __future__ import annotations

from ...core.job import CataloguePart, Job
from ...core.models import Localized
from . import catalogue
from .api import ConferenceRules, run
from .checks import check_delegates
from .diff import diff_delegates
from .html import delegates_page
from .model import DelegateRuleSet
from .options import DelegatesJob
from ...i18n.cli import cli
from .result import DelegateResult
from .workbook import write_delegates
from .template import input_tables


def summary(m: DelegateRuleSet, lang: str = "en") -> str:
    """What a conference rule set holds, in one line, with the ids of its levels (what
    ``--level`` takes).

    >>> from thiduakhenthuong.jobs.conferences.api import load_delegate_rules
    >>> summary(load_delegate_rules("thai-nguyen-2019")[0])[:46]
    'conferences, 3 levels (co_so (Grassroots); huy'
    """
    levels = "; ".join(f"{x.id} ({x.title.get(lang) if lang == 'en' else x.title.vi})"
                       for x in m.levels)
    return cli("summary_conferences", lang, n=len(m.levels), levels=levels,
               groups=len(m.groups), programme=len(m.programme), standards=len(m.standards))


def period(m: DelegateRuleSet) -> str:
    """The achievement period a conference rule set counts (its dated parameters)."""
    values = {n: max(p.values, key=lambda v: v.from_).value for n, p in m.parameters.items()}
    start, end = values.get(m.meta.period_start), values.get(m.meta.period_end)
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}" if start and end else ""


JOB = Job(
    kind="delegates", command="delegates",
    title=Localized(vi="Đại biểu dự Hội nghị điển hình tiên tiến và kế hoạch hội nghị",
                    en="Advanced-model conference delegates and conference plans"),
    model=DelegateRuleSet, check=check_delegates, rules=ConferenceRules, options=DelegatesJob,
    run=run, result=DelegateResult, summary=summary, period=period, page=delegates_page,
    write=write_delegates,
    catalogue=CataloguePart(catalogue.delegates_book, catalogue.delegates_about,
                            catalogue.delegates_sections),
    diff=diff_delegates, inputs=input_tables)
