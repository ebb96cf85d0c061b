"""Typed rule model for honour titles (danh hiệu thi đua) and forms of commendation.

A title rule set is one legal regime (e.g. Law 06/2022 with Decree 98/2023), used for the years it
declares. Its inputs are two long tables, one row per subject per year: people (person-years) and
units (unit-years). The judged year's rows are the facts being judged; earlier rows are history.
Shares the expression language, parameters, documents and citations with scoring rule sets.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field, model_validator

from .rules import Citation, Document, Expr, InputField, Localized, Parameter, RowCheck, _Strict

Subject = Literal["person", "unit"]


class Regime(_Strict):
    """The legal regime a rule set encodes and the years judged under it (inclusive)."""
    id: str
    title: Localized
    from_year: int
    to_year: int

    @model_validator(mode="after")
    def _order(self):
        if self.from_year > self.to_year:
            raise ValueError("from_year is after to_year")
        return self


class DecisionDay(_Strict):
    """Default day of the award decision, in the year after the judged year (prize money uses the
    base salary in force on it)."""
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    basis: str = Field(min_length=3)


class Table(_Strict):
    """Where a long table is found: a sheet of a workbook or a CSV file in a directory."""
    sheet: str
    file: str


class TitleMeta(_Strict):
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
    basis: str = Field(min_length=3)


class Check(_Strict):
    """One condition of a title: it holds, fails, or cannot be determined (evidence missing)."""
    id: str
    title: Localized
    cite: Citation
    holds: Expr
    hint: Optional[Localized] = Field(default=None, description="what it takes when it fails")
    basis: Optional[str] = Field(default=None, description="where the rule is not the law's own "
                                                           "words: why and on what authority")


class Route(_Strict):
    """One of several alternative ways to qualify (at least one route must hold)."""
    id: str
    title: Localized
    checks: list[Check] = Field(min_length=1)


class Exclusion(_Strict):
    """A state that bars subjects from the listed titles (e.g. under disciplinary review)."""
    id: str
    title: Localized
    cite: Citation
    subject: Subject
    titles: list[str] | Literal["all"] = "all"
    when: Expr
    basis: str = Field(min_length=3)


class MeritKey(_Strict):
    """A key for ranking eligible candidates when a quota caps a title."""
    expr: Expr
    order: Literal["asc", "desc"]
    title: Localized


class Quota(_Strict):
    """At most ``share`` x (holders of title ``of`` in the same group), rounded as declared."""
    group_by: str
    share: Expr
    of: str
    rounding: Literal["floor", "ceil", "round"] = "floor"
    keys: list[MeritKey] = Field(min_length=1)
    cite: Citation
    basis: str = Field(min_length=3)


class Prize(_Strict):
    """Prize money: ``multiplier`` x the base salary (mức lương cơ sở) on the decision date."""
    multiplier: Expr
    cite: Citation
    basis: Optional[str] = None


class Title(_Strict):
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


class TitleRuleSet(_Strict):
    """A whole title rule set (one legal regime)."""
    meta: TitleMeta
    inputs: dict[str, InputField] = Field(description="person-year table")
    unit_inputs: dict[str, InputField] = Field(description="unit-year table")
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    exclusions: list[Exclusion] = Field(default_factory=list)
    titles: list[Title] = Field(min_length=1)
    checks: list[RowCheck] = Field(default_factory=list)
    unit_checks: list[RowCheck] = Field(default_factory=list)

    def title(self, tid: str) -> Title:
        return next(t for t in self.titles if t.id == tid)


def expand_attested(fields: dict[str, InputField]) -> dict[str, InputField]:
    """The table's columns: each ``attested`` field becomes its value (yes/no), who attested it
    (``<name>_by``) and when (``<name>_on``), all optional, since missing evidence is an outcome
    ("not determinable"), not a bad row.

    >>> f = {"ethics": InputField(type="attested", title={"vi": "Đạo đức", "en": "Ethics"})}
    >>> list(expand_attested(f))
    ['ethics', 'ethics_by', 'ethics_on']
    """
    out: dict[str, InputField] = {}
    for name, f in fields.items():
        if f.type != "attested":
            out[name] = f
            continue
        out[name] = f.model_copy(update={"type": "bool", "required": False})
        for suffix, typ, vi, en in (("by", "text", "người xác nhận", "attested by"),
                                    ("on", "date", "ngày xác nhận", "attested on")):
            out[f"{name}_{suffix}"] = InputField(
                type=typ, required=False,
                title=Localized(vi=f"{f.title.vi} - {vi}", en=f"{f.title.en} - {en}"),
                aliases=[f"{a} - {vi}" for a in f.aliases])
    return out


#: Names every title expression may use, set from the judged year and the decision date.
BUILTINS = {"judged_year": "number", "year_start": "date", "year_end": "date",
            "next_year_start": "date", "decision_date": "date"}
