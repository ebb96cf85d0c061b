"""What an HTML report shows, as typed data: texts in both languages, facts, tables, charts and
explanation trees. One builder per job fills a :class:`Page`; one template renders any page, so
escaping and the language switch are handled in a single place.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..core.models import Localized
from ..i18n.report import LABELS
from .numbers import num
from .phrases import t

Status = Literal["met", "failed", "unknown", "info"]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class Text(_View):
    """A text in Vietnamese and English; the same string twice when it does not depend on the
    language (ids, citations), so the page carries it once.

    >>> Text.same("t01").neutral, Text(vi="Hạng", en="Rank").neutral
    (True, False)
    """
    vi: str = ""
    en: str = ""

    @property
    def neutral(self) -> bool:
        return self.vi == self.en

    @classmethod
    def same(cls, s: Any) -> "Text":
        s = "" if s is None else str(s)
        return cls(vi=s, en=s)

    @classmethod
    def of(cls, loc: Localized | None) -> "Text":
        return cls() if loc is None else cls(vi=loc.vi, en=loc.en)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def lower_first(self) -> "Text":
        """The text as it reads inside a sentence: a capital first letter lowered, unless the
        word is an acronym ("Tổng điểm" → "tổng điểm", "UBND" stays).

        >>> Text(vi="Tổng điểm", en="Total").lower_first().en, Text.same("UBND").lower_first().vi
        ('total', 'UBND')
        """
        def low(s: str) -> str:
            return s[0].lower() + s[1:] if len(s) > 1 and s[0].isupper() and s[1].islower() \
                else s
        return Text(vi=low(self.vi), en=low(self.en))

    def __add__(self, other: "Text | str") -> "Text":
        o = Text.same(other) if isinstance(other, str) else other
        return Text(vi=self.vi + o.vi, en=self.en + o.en)


class Cell(_View):
    text: Text
    number: bool = Field(default=False, description="right-aligned figure")
    status: Optional[Status] = None
    link: Optional[str] = Field(default=None, description="id of an element in the same page")
    anchor: Optional[str] = Field(default=None, description="this cell's own id")


class Table(_View):
    head: list[Text]
    rows: list[list[Cell]]
    id: Optional[str] = Field(default=None, description="the table's HTML id")
    caption: Optional[Text] = None
    empty: Optional[Text] = Field(default=None, description="shown instead of an empty table")


class Node(_View):
    """One line of an explanation tree, with its sub-lines."""
    text: Text
    status: Optional[Status] = None
    cite: Optional[str] = None
    link: Optional[str] = Field(default=None, description="id of an element in the same page")
    code: Optional[str] = Field(default=None, description="an expression or formula, shown as "
                                                          "written (the same in both languages)")
    children: list["Node"] = Field(default_factory=list)


Node.model_rebuild()


class Chart(_View):
    """An inline SVG chart. Built only by :mod:`.charts`, which escapes every text it places."""
    svg: str
    caption: Text


class Item(_View):
    """One unit, person or candidate: a summary line that expands to charts, tables and a tree."""
    id: str = Field(description="HTML id (anchor) of the item")
    summary: Text
    status: Optional[Status] = None
    charts: list[Chart] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    tree: list[Node] = Field(default_factory=list)


class Section(_View):
    id: str
    heading: Text
    intro: list[Text] = Field(default_factory=list)
    charts: list[Chart] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)


class Fact(_View):
    label: Text
    value: Text


class Page(_View):
    """A whole report, ready to render."""
    lang: Literal["vi", "en"]
    kind: Literal["scoring", "titles", "delegates"]
    title: Text
    subtitle: Text
    facts: list[Fact]
    sections: list[Section]
    generator: str = Field(description="library name and version that wrote the page")




def label(label_id: str, /, **kw: Any) -> Text:
    """A report label in both languages, its placeholders filled as in :func:`msg`.

    >>> label("rank").en, label("param_short", name="w", value=number(1.5), key="",
    ...                          date="01/01/2023").vi
    ('Rank', 'tham số w = 1,5 (hiệu lực từ 01/01/2023)')
    """
    vi, en = LABELS[label_id]
    if not kw:
        return Text(vi=vi, en=en)
    return Text(vi=vi.format(**{k: (v.vi if isinstance(v, (Text, Localized)) else v)
                                for k, v in kw.items()}),
                en=en.format(**{k: (v.en if isinstance(v, (Text, Localized)) else v)
                                for k, v in kw.items()}))


def msg(msg_id: str, **kw: Any) -> Text:
    """A shared message (:func:`..explain.messages.t`) in both languages; a :class:`Text`
    argument supplies each language its own value.

    >>> msg("points_short", short=Text(vi="3,5", en="3.5")).vi
    'còn thiếu 3,5 điểm'
    """
    def pick(lang: str) -> dict[str, Any]:
        return {k: (v.get(lang) if isinstance(v, (Text, Localized)) else v)
                for k, v in kw.items()}
    return Text(vi=t(msg_id, "vi", **pick("vi")), en=t(msg_id, "en", **pick("en")))


def number(x: Any) -> Text:
    """A figure as each language writes it.

    >>> number(1234.5).vi, number(1234.5).en
    ('1.234,5', '1,234.5')
    """
    return Text(vi=num(x, "vi"), en=num(x, "en"))


def value(v: Any) -> Text:
    """Any traced value (number, flag, date, text, missing) in both languages.

    >>> value(True).vi, value(None).en, value(dt.date(2024, 7, 1)).vi
    ('có', '(empty)', '01/07/2024')
    """
    if v is None:
        return Text(vi=t("empty", "vi"), en=t("empty", "en"))
    if isinstance(v, bool):
        key = "yes" if v else "no"
        return Text(vi=t(key, "vi"), en=t(key, "en"))
    if isinstance(v, (int, float)):
        return number(v)
    if isinstance(v, dt.date):
        return Text.same(v.strftime("%d/%m/%Y"))
    return Text.same(v)


def day(d: dt.date | None) -> Text:
    return Text.same(d.strftime("%d/%m/%Y") if d is not None else "—")


def join(parts: list[Text], sep: str = ", ") -> Text:
    """Texts joined per language.

    >>> join([Text(vi="a", en="b"), Text.same("c")]).en
    'b, c'
    """
    return Text(vi=sep.join(p.vi for p in parts), en=sep.join(p.en for p in parts))


def cell(x: Any, status: Status | None = None, link: str | None = None) -> Cell:
    """A table cell: numbers are formatted per language and right-aligned; nothing is a dash.

    >>> cell(None).text.vi, cell(2.5).number
    ('—', True)
    """
    if isinstance(x, Text):
        return Cell(text=x, status=status, link=link)
    if x is None:
        return Cell(text=Text.same("—"), status=status, link=link)
    is_num = isinstance(x, (int, float)) and not isinstance(x, bool)
    return Cell(text=value(x), number=is_num, status=status, link=link)
