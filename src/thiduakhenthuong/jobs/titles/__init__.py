"""Honour titles (danh hiệu thi đua) and forms of commendation for people and collectives, by
legal regime: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động xuất sắc, Bằng khen,
..., each with its checks, exclusions, quotas and prize money.

The job is registered under the rule-set kind ``titles`` (entry point
``thiduakhenthuong.jobs``); see :mod:`thiduakhenthuong.core.job` for what each field serves.
"""
from __future__ import annotations

from ...core.job import CataloguePart, Job
from ...core.models import Localized
from . import catalogue
from .api import TitleRules, run
from .checks import check_titles
from .diff import diff_titles
from .html import titles_page
from .model import TitleRuleSet
from .options import TitlesJob
from .overrides import apply_title_overrides
from ...i18n.cli import cli
from .result import TitleResult
from .workbook import write_titles
from .template import input_tables


def summary(m: TitleRuleSet, lang: str = "en") -> str:
    """What a title rule set holds, in one line."""
    r = m.meta.regime
    return cli("summary_titles", lang, first=r.from_year, last=r.to_year, people=len(m.inputs),
               units=len(m.unit_inputs), params=len(m.parameters), titles=len(m.titles),
               exclusions=len(m.exclusions))


def period(m: TitleRuleSet) -> str:
    """The years a title rule set (one legal regime) judges."""
    return f"{m.meta.regime.from_year}–{m.meta.regime.to_year}"


JOB = Job(
    kind="titles", command="titles",
    title=Localized(vi="Danh hiệu thi đua và hình thức khen thưởng",
                    en="Emulation titles and forms of commendation"),
    model=TitleRuleSet, check=check_titles, rules=TitleRules, options=TitlesJob, run=run,
    result=TitleResult, summary=summary, period=period, page=titles_page, write=write_titles,
    catalogue=CataloguePart(catalogue.titles_book, catalogue.titles_about,
                            catalogue.titles_sections),
    diff=diff_titles, overrides=apply_title_overrides, inputs=input_tables)
