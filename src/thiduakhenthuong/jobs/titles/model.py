"""Typed rule model for honour titles (danh hiệu thi đua) and forms of commendation.

A title rule set is one legal regime (e.g. Law 06/2022 with Decree 98/2023), used for the years it
declares. Its inputs are two long tables, one row per subject per year: people (person-years) and
units (unit-years). The judged year's rows are the facts being judged; earlier rows are history.
Shares the expression language, parameters, documents and citations with scoring rule sets."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from ...core.models import Localized, Strict
from ...rulebook.base import (BasisText, Check, Citation, Document, Expr, InputField, MeritKey, Parameter,
                              Regime, RowCheck, Table)

Subject = Literal["person", "unit"]


class DecisionDay(Strict):
    """Default day of the award decision, in the year after the judged year (prize money uses the
    base salary in force on it)."""
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    basis: BasisText


class TitleMeta(Strict):
    kind: Literal["titles"]
    id: str
    version: str
    title: Localized
    regime: Regime
    documents: list[Document] = Field(default_factory=list)
    decision: DecisionDay
    history_years: int = Field(default=5, ge=1, le=30,
                               description="past years read before the judged year")
    people: Table
    units: Table
    basis: BasisText


class Route(Strict):
    """One of several alternative ways to qualify (at least one route must hold)."""
    id: str
    title: Localized
    checks: list[Check] = Field(min_length=1)


class Exclusion(Strict):
    """A state that bars subjects from the listed titles (e.g. under disciplinary review)."""
    id: str
    title: Localized
    cite: Citation
    subject: Subject
    titles: list[str] | Literal["all"] = "all"
    when: Expr
    basis: BasisText


class Quota(Strict):
    """At most ``share`` x (holders of title ``of`` in the same group), rounded as declared."""
    group_by: str
    share: Expr
    of: str
    rounding: Literal["floor", "ceil", "round"] = "floor"
    keys: list[MeritKey] = Field(min_length=1)
    cite: Citation
    basis: BasisText


class Prize(Strict):
    """Prize money: ``multiplier`` x the base salary (mức lương cơ sở) on the decision date."""
    multiplier: Expr
    cite: Citation
    basis: Optional[BasisText] = None


class Title(Strict):
    """An emulation title or form of commendation and the conditions for it."""
    id: str
    title: Localized
    subject: Subject
    kind: Literal["title", "form"] = "title"
    cite: Citation
    decided_by: Optional[Localized] = None
    recorded_as: Expr = Field(description="how a past year's record shows the subject held it")
    checks: list[Check] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    quota: Optional[Quota] = None
    prize: Optional[Prize] = None

    @model_validator(mode="after")
    def _something(self):
        if not self.checks and not self.routes:
            raise ValueError("a title needs 'checks' or 'routes'")
        return self


class SuccessionTable(Strict):
    """The unit succession table (kế thừa đơn vị): where it is found and its fields, which must
    include ``from_unit``, ``to_unit``, ``effective_on``, ``document`` and ``kind`` (values
    rename, merger, split), optionally ``main`` and ``note``."""
    sheet: str
    file: str
    inputs: dict[str, InputField]
    basis: BasisText


class TitleRuleSet(Strict):
    """A whole title rule set (one legal regime)."""
    meta: TitleMeta
    inputs: dict[str, InputField] = Field(description="person-year table")
    unit_inputs: dict[str, InputField] = Field(description="unit-year table")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    exclusions: list[Exclusion] = Field(default_factory=list)
    titles: list[Title] = Field(min_length=1)
    checks: list[RowCheck] = Field(default_factory=list)
    unit_checks: list[RowCheck] = Field(default_factory=list)
    successions: Optional[SuccessionTable] = Field(default=None, description="the unit "
                                                   "succession table read with the two tables")

    def title(self, tid: str) -> Title:
        return next(t for t in self.titles if t.id == tid)


#: Names every title expression may use, set from the judged year and the decision date.
BUILTINS = {"judged_year": "number", "year_start": "date", "year_end": "date",
            "next_year_start": "date", "decision_date": "date"}
