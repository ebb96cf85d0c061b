"""The parts of a rule file every kind of rule set shares: expressions, citations, documents,
input fields, dated parameters, row checks, three-valued checks, merit keys and table locations."""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (AfterValidator, BeforeValidator, ConfigDict, Field, PlainSerializer,
                      WithJsonSchema, field_validator, model_validator)

from ..core.models import Localized, Strict
from ..expr import Node, parse
from ..i18n.legal import bases


def _to_expr(v: Any) -> Node:
    if isinstance(v, Node):
        return v
    return parse(v)


#: An expression: written as text (or a bare number) in YAML, held as a parsed AST.
Expr = Annotated[Node, BeforeValidator(_to_expr), PlainSerializer(lambda n: n.text(), return_type=str),
                 WithJsonSchema({"type": ["string", "number", "boolean"],
                                 "description": "an expression: text such as ratio(a, b) >= 0.9, "
                                                "a bare number or true/false"})]


_CITE = re.compile(r"^\S.*\s§\s?\S.*$")


def _check_cite(v: str) -> str:
    if not _CITE.match(v):
        raise ValueError(f"citation {v!r} must read 'DOCUMENT §SECTION', e.g. '21/CTĐ-VP §II.7'")
    return v


Citation = Annotated[str, BeforeValidator(lambda v: v if not isinstance(v, str) else v.strip()),
                     AfterValidator(_check_cite)]


class Basis(Strict):
    """What a number or a rule rests on, for two audiences: ``vi`` and ``en`` tell a reader of a
    report or an explanation ("Quy định của đơn vị (có thể điều chỉnh)"); ``note`` is for
    rule authors (how sure the source is, what to verify) and never appears in a report.

    Written in a rule file as a mapping of ``vi``, ``en`` and ``note``, where ``standard`` may
    name one of the standard bases (``local_policy``, ``unconfirmed``, ``partial``,
    ``reported``, ``confirmed``, ``reading``, ``source``) that the reader's text begins with;
    a plain string (the older form) still loads and is shown as written in both languages.

    >>> b = as_basis({"standard": "local_policy", "vi": "tổng trọng số 100",
    ...               "en": "weights add up to 100", "note": "chosen to sum to 100"})
    >>> b.get("vi"), b.get("en")
    ('Quy định của đơn vị (có thể điều chỉnh): tổng trọng số 100', 'Local policy (open to change): weights add up to 100')
    >>> as_basis("Decree 98/2023 Art. 54").get("vi")
    'Decree 98/2023 Art. 54'
    """
    vi: str = Field(min_length=3)
    en: str = Field(min_length=3)
    note: Optional[str] = Field(default=None, description="for rule authors only; never shown "
                                                          "in a report")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def reader(self) -> Localized:
        """The reader's text in both languages (what traces carry; never the note)."""
        return Localized(vi=self.vi, en=self.en)


_BASIS_KEYS = {"standard", "vi", "en", "note"}


def as_basis(v: Any) -> Any:
    """A basis as written (text, or a mapping of standard/vi/en/note) as a :class:`Basis`."""
    if isinstance(v, Basis) or v is None:
        return v
    if isinstance(v, str):
        return Basis(vi=v, en=v)
    if not isinstance(v, dict):
        return v
    unknown = sorted(set(v) - _BASIS_KEYS)
    if unknown:
        raise ValueError(f"a basis takes standard, vi, en and note, not {', '.join(unknown)}")
    std = v.get("standard")
    if std is not None and std not in bases:
        raise ValueError(f"unknown standard basis '{std}' (known: "
                         f"{', '.join(bases.keys())})")
    if bool(v.get("vi")) != bool(v.get("en")):
        raise ValueError("a basis's reader text is written in both languages, vi and en")
    if std is None and not v.get("vi"):
        raise ValueError("a basis needs a reader's text: vi and en, or a standard basis")
    out = {}
    for lang in ("vi", "en"):
        own = v.get(lang)
        if std is None:
            out[lang] = own
        else:
            head = bases(std, lang)
            out[lang] = f"{head}: {own}" if own else head
    return Basis(vi=out["vi"], en=out["en"], note=v.get("note"))


#: A basis in a rule file: text, or ``{standard, vi, en, note}`` (see :class:`Basis`).
BasisText = Annotated[Basis, BeforeValidator(as_basis), WithJsonSchema({
    "description": "what the value or rule rests on: {vi, en} for readers (or a standard basis: "
                   "local_policy, unconfirmed, partial, reported, confirmed, reading, source), "
                   "note for rule authors only; a plain string is shown as written",
    "anyOf": [{"type": "string", "minLength": 3},
              {"type": "object", "additionalProperties": False,
               "properties": {"standard": {"enum": ["local_policy", "unconfirmed", "partial",
                                                    "reported", "confirmed", "reading",
                                                    "source"]},
                              "vi": {"type": "string"}, "en": {"type": "string"},
                              "note": {"type": "string"}}}]})]


class Document(Strict):
    """A source document the rules cite."""
    number: str = Field(description="the number citations begin with, e.g. 21/CTĐ-VP")
    title: Localized
    date: Optional[dt.date] = Field(default=None, description="date of issue (absent when the "
                                                               "published copy is undated)")
    issuer: Union[str, Localized] = Field(description="who issued it (a name, or {vi, en})")
    url: Optional[str] = Field(default=None, description="where the published copy was read")
    cited_as: Optional[Localized] = Field(default=None, description="the document's name in a "
                                          "citation, e.g. {vi: Bảng biểu 4, en: template Bảng "
                                          "biểu 4}; default: its kind (by the type code in its "
                                          "number) and number, a law by its title")
    sections: dict[str, Localized] = Field(default_factory=dict, description="citations of "
                                           "sections written in words (§Ghi chú), each as the "
                                           "whole citation reads: {vi, en}")


InputType = Literal["text", "integer", "number", "percent", "date", "bool", "enum", "attested"]


InputRole = Literal["key", "name", "level", "cluster", "kind", "year", "unit", "group", "conference"]


class InputField(Strict):
    """One column of the input table.

    An ``attested`` field is a qualitative yes/no judgement that needs evidence: it reads three
    columns, the value, who attested it (``<name>_by``) and when (``<name>_on``)."""
    type: InputType
    title: Localized
    aliases: list[str] = Field(default_factory=list,
                               description="column headers accepted for this field (any case)")
    required: bool = True
    min: Optional[float] = None
    max: Optional[float] = None
    values: Optional[list[str]] = Field(default=None, description="allowed values of an enum")
    labels: Optional[dict[str, Localized]] = None
    role: Optional[InputRole] = None
    unit: Optional[str] = None

    @model_validator(mode="after")
    def _enum_values(self):
        if self.type == "enum" and not self.values:
            raise ValueError("an enum field needs 'values'")
        if self.type != "enum" and self.values:
            raise ValueError("'values' is only for enum fields")
        if self.type == "percent" and self.max is None:
            object.__setattr__(self, "max", 100.0)
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is above max {self.max}")
        return self


ParamScalar = Union[bool, int, float, dt.date, str]


class DatedValue(Strict):
    """A parameter value in force from a date on."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    from_: dt.date = Field(alias="from")
    value: Union[ParamScalar, dict[str, ParamScalar]]


class Parameter(Strict):
    """A dated value (weight, threshold, deadline, total). ``basis`` says where the number comes
    from, a standard ``local_policy`` where the source is silent (see :class:`Basis`)."""
    title: Localized
    basis: BasisText
    cite: Optional[Citation] = None
    unit: Optional[str] = None
    by: Optional[str] = Field(default=None, description="input field whose value selects the "
                                                        "entry, e.g. 'level'")
    values: list[DatedValue] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _sorted(cls, v: list[DatedValue]):
        dates = [x.from_ for x in v]
        if len(set(dates)) != len(dates):
            raise ValueError("two values start on the same date")
        return sorted(v, key=lambda x: x.from_)

    def as_of(self, day: dt.date) -> DatedValue:
        """The value in force on ``day``.

        >>> p = Parameter(title={"vi": "a", "en": "a"}, basis="test", values=[
        ...     {"from": "2020-01-01", "value": 1}, {"from": "2024-01-01", "value": 2}])
        >>> p.as_of(dt.date(2023, 12, 31)).value
        1
        """
        current = None
        for v in self.values:
            if v.from_ <= day:
                current = v
        if current is None:
            raise NotInForce(day, self.values[0].from_)
        return current


class NotInForce(ValueError):
    """A parameter has no value in force on a day (its first value starts later)."""

    def __init__(self, day: dt.date, first: dt.date):
        self.day, self.first = day, first
        super().__init__(f"no value in force on {day.isoformat()} (first from "
                         f"{first.isoformat()})")


class RowCheck(Strict):
    """A row-level plausibility check; a row that fails it is rejected with the message."""
    id: str
    field: str = Field(description="the column reported as wrong")
    holds: Expr
    message: Localized


class Table(Strict):
    """Where a long table is found: a sheet of a workbook or a CSV file in a directory."""
    sheet: str
    file: str


class Check(Strict):
    """One condition of a title: it holds, fails, or cannot be determined (evidence missing)."""
    id: str
    title: Localized
    cite: Citation
    holds: Expr
    hint: Optional[Localized] = Field(default=None, description="what it takes when it fails")
    basis: Optional[BasisText] = Field(default=None, description="where the rule is not the "
                                       "law's own words: why and on what authority")


class MeritKey(Strict):
    """A key for ranking eligible candidates when a quota caps a title."""
    expr: Expr
    order: Literal["asc", "desc"]
    title: Localized


class InForce(Strict):
    """The dates between which a regime's texts are in force (inclusive; no end: still in force)."""
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)
    from_: dt.date = Field(alias="from")
    to: Optional[dt.date] = None

    def contains(self, day: dt.date) -> bool:
        return self.from_ <= day and (self.to is None or day <= self.to)


class Transition(Strict):
    """How a case still pending when a regime came into force is treated (its transitional
    provision): ``achievement_year_before`` keeps achievements of earlier years under the
    previous regime; ``dossier_before`` keeps dossiers received before the regime's first day
    under the previous one; ``dossier_before_unless_more_favourable`` does the same unless the
    new regime is more favourable to the subject."""
    rule: Literal["achievement_year_before", "dossier_before",
                  "dossier_before_unless_more_favourable"]
    cite: Optional[Citation] = None
    basis: BasisText


class Caveat(Strict):
    """What every decision under a regime from a date on must say (for example that a text is
    only reported and which switch encodes it)."""
    from_: dt.date = Field(alias="from")
    message: Localized
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Regime(Strict):
    """The legal regime a rule set encodes: the achievement years it is written for (inclusive),
    the dates its texts are in force and how it takes over pending cases from the regime before
    it. Any kind of rule set may declare one; a directory of rule sets picks among them by the
    rule its ``regimes.yaml`` declares (:mod:`..regimes`)."""
    id: str
    title: Localized
    from_year: int
    to_year: int
    in_force: Optional[InForce] = None
    transition: Optional[Transition] = None
    caveats: list[Caveat] = Field(default_factory=list)

    @model_validator(mode="after")
    def _order(self):
        if self.from_year > self.to_year:
            raise ValueError("from_year is after to_year")
        if self.in_force is not None and self.in_force.to is not None and \
                self.in_force.to < self.in_force.from_:
            raise ValueError("in_force.to is before in_force.from")
        return self
