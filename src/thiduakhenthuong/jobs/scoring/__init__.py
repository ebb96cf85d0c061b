"""Year-end scoring (chấm điểm thi đua): units scored against a campaign's targets, classified
and ranked within their emulation clusters, with the awards their rank earns.

The job is registered under the rule-set kind ``scoring`` (entry point
``thiduakhenthuong.jobs``); see :mod:`thiduakhenthuong.core.job` for what each field serves.
"""
from __future__ import annotations

from ...core.job import CataloguePart, Job
from ...core.models import Localized
from . import catalogue
from .api import Rules, run
from .cases import CASES
from .checks import check_scoring
from .diff import diff_scores
from .html import score_page
from .model import RuleSet
from .options import ScoreJob
from .overrides import apply_score_overrides
from ...i18n.cli import cli
from .result import ScoreResult
from .workbook import write_result
from .template import input_tables


def summary(m: RuleSet, lang: str = "en") -> str:
    """What a scoring rule set holds, in one line."""
    return cli("summary_scoring", lang, inputs=len(m.inputs), params=len(m.parameters),
               criteria=len(m.criteria), deductions=len(m.deductions), classes=len(m.classes),
               awards=len(m.awards))


def period(m: RuleSet) -> str:
    """The campaign year a scoring rule set judges."""
    return str(m.meta.period.year)


JOB = Job(
    kind="scoring", command="score",
    title=Localized(vi="Chấm điểm, xếp loại, xếp hạng thi đua cuối năm",
                    en="Year-end scoring, classification and ranking"),
    model=RuleSet, check=check_scoring, rules=Rules, options=ScoreJob, run=run,
    result=ScoreResult, summary=summary, period=period, page=score_page, write=write_result,
    catalogue=CataloguePart(catalogue.scoring_book, catalogue.scoring_about,
                            catalogue.scoring_sections),
    diff=diff_scores, overrides=apply_score_overrides, cases=CASES,
    inputs=input_tables)
