"""Typed rule model for advanced-model conferences (Hội nghị điển hình tiên tiến): who may be a
delegate, how many, in which groups, and what a conference plan must look like.

Shares the expression language, parameters, documents, citations and the title rules' checks
(three-valued, attested evidence) and merit keys.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ...core.models import Localized, Strict
from ...errors import UsageError
from ...rulebook.base import (BasisText, Check, Citation, Document, Expr, InputField, MeritKey, Parameter,
                              RowCheck, Table)


class Window(Strict):
    """Dates a conference of this level must fall within (parameters, inclusive)."""
    start: str = Field(description="date parameter: first allowed day")
    end: str = Field(description="date parameter: last allowed day")
    cite: Citation


class Level(Strict):
    """One level of conference (grassroots, district, province)."""
    id: str
    title: Localized
    form: Localized = Field(description="the exact name the conference must carry")
    form_cite: Citation
    max_hours: str = Field(description="parameter: longest allowed length in hours")
    length_cite: Citation
    window: Window
    combined_window: Optional[Window] = Field(
        default=None, description="window when combined with the year-end review, if allowed")
    cap: str = Field(description="parameter: most delegates")
    cap_cite: Citation
    next_level: Optional[str] = None
    reports_by: Optional[str] = Field(default=None, description="date parameter: report deadline"
                                                                " (last allowed day)")
    report_cite: Optional[Citation] = None


class ProgrammeItem(Strict):
    """An agenda item, in the required order."""
    id: str
    title: Localized
    cite: Citation
    required: bool = Field(default=False, description="missing it is an error, not a warning")


class Group(Strict):
    """A composition group (thành phần) of delegates and its seats."""
    id: str
    title: Localized
    cite: Citation
    held_to_standards: bool = True
    min_share: Optional[str] = Field(default=None, description="parameter: least share of the "
                                                               "cap reserved for this group")
    max_share: Optional[str] = Field(default=None, description="parameter: most share of the cap")
    basis: Optional[BasisText] = None


class Awards(Strict):
    """A table of dated awards (one row per award) from which the candidates' award counts are
    computed: only awards decided within the achievement period (``meta.period_start`` ..
    ``period_end``) and, with ``meta.cutoff``, not after the conference day, count."""
    table: Table
    candidate: str = Field(description="field of award_inputs: the candidate's id")
    date: str = Field(description="field of award_inputs: the day the award was decided")
    counts: dict[str, Expr] = Field(min_length=1, description="candidate count field -> which "
                                                              "award rows it counts")
    title: Localized
    cite: Citation
    basis: BasisText


class Cutoff(Strict):
    """Nothing recognised after a conference counts for it: attestations (and dated awards)
    after the conference day are not evidence at it. The day is the plan's date for the
    conference (plans table, field with role ``conference``); without one, the last day the
    level's windows allow."""
    title: Localized
    cite: Citation
    basis: BasisText


class Forwarding(Strict):
    """Honourees forwarded to the higher-level conference (§II.3 item 8) are checked, across
    every conference that reports to the same higher conference, against its cap."""
    title: Localized
    cite: Citation
    higher_conference: str = Field(description="candidate field naming the higher-level "
                                               "conference a candidate's conference reports to")
    when_unstated: str = Field(description="bool parameter: where the data do not name the "
                                           "higher conference, count every such conference of "
                                           "the level together (true) or each alone (false)")
    basis: BasisText


class DelegateMeta(Strict):
    kind: Literal["delegates"]
    id: str
    version: str
    title: Localized
    documents: list[Document] = Field(default_factory=list)
    period_start: str = Field(description="date parameter: achievements counted from")
    period_end: str = Field(description="date parameter: achievements counted to")
    candidates: Table
    plans: Table
    reports: Table
    basis: BasisText
    awards: Optional[Awards] = Field(default=None, description="dated awards, counted by "
                                                               "period and conference day")
    cutoff: Optional[Cutoff] = Field(default=None, description="nothing dated after the "
                                                               "conference counts")
    forwarding: Optional[Forwarding] = Field(default=None, description="check forwarded "
                                                                       "honourees across "
                                                                       "conferences")


class DelegateRuleSet(Strict):
    meta: DelegateMeta
    inputs: dict[str, InputField] = Field(description="candidates table")
    plan_inputs: dict[str, InputField]
    report_inputs: dict[str, InputField]
    award_inputs: dict[str, InputField] = Field(default_factory=dict, description="awards table")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    levels: list[Level] = Field(min_length=1)
    groups: list[Group] = Field(min_length=1)
    programme: list[ProgrammeItem] = Field(min_length=1)
    standards: list[Check] = Field(min_length=1, description="eligibility checks for groups held "
                                                             "to the standards")
    keys: list[MeritKey] = Field(min_length=1, description="merit order, best first")
    checks: list[RowCheck] = Field(default_factory=list)

    def level(self, lid: str) -> Level:
        """The declared level ``lid``; a usage error naming the declared levels otherwise.

        >>> from thiduakhenthuong.jobs.conferences.api import load_delegate_rules
        >>> m = load_delegate_rules("thai-nguyen-2019")[0]
        >>> m.level(m.levels[0].id).title.en
        'Grassroots'
        """
        for x in self.levels:
            if x.id == lid:
                return x
        raise UsageError(f"unknown level '{lid}'",
                         suggestion="levels: " + self.level_names(lang="en"),
                         words=("unknown_level", {"level": lid}),
                         hint=("levels", {"levels": self.level_names(lang="vi")}))

    def level_names(self, levels: Optional[list[Level]] = None, lang: Optional[str] = None
                    ) -> str:
        """The declared levels (or ``levels``) as their ids with their titles (in ``lang``, or
        both), for messages."""
        return ", ".join(f"{x.id} ({x.title.get(lang) if lang else x.title.vi + ' / ' + x.title.en})"
                         for x in (self.levels if levels is None else levels))

    def reporting_levels(self) -> list[Level]:
        """The levels whose chapters report by a deadline (``reports_by``)."""
        return [x for x in self.levels if x.reports_by is not None]

    def group(self, gid: str) -> Group:
        return next(x for x in self.groups if x.id == gid)
