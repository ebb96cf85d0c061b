"""Citations as a reader reads them. A rule file cites ``DOCUMENT §SECTION`` (``06/2022/QH15
§Art.24(1)(a)``, ``21/CTĐ-VP §II.7``); a report says it in Vietnamese legal style, "điểm a
khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15", "mục II.7 Công văn số 21/CTĐ-VP",
and in English style in English, "Article 24(1)(a) of the Law on Emulation and Commendation No.
06/2022/QH15".

The document's name comes from the rule set's documents: its ``cited_as`` where it declares one,
else its kind read from the type code in its number (QH: a law, named by its title; NĐ: a decree;
KH: a plan; no type code: an official letter) and the number. A section written in words (``§Ghi
chú``) reads as the document declares it in ``sections``; one it does not declare is shown as
written.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Optional

from ..i18n.legal import cite_words as c, kinds
from .page import Text

_ARTICLE = re.compile(r"^Art\.?\s*(\d+[a-z]?)((?:\(\d+\))*)(?:\(([a-zđ])\))?$")
_ROMAN = re.compile(r"^([IVXL]+)(?:\.(\d+))*$")
_PART = re.compile(r"^Phần\s+(\d+)\.([IVXL]+)$")


def _kind(number: str) -> str:
    """The kind of document a number names, by its type code.

    >>> _kind("06/2022/QH15"), _kind("98/2023/NĐ-CP"), _kind("14/KH-CTĐTNg"), _kind("21/CTĐ-VP")
    ('QH', 'NĐ', 'KH', 'letter')
    """
    tail = number.rsplit("/", 1)[-1]
    if re.fullmatch(r"QH\d*", tail):
        return "QH"
    code = tail.split("-", 1)[0]
    return code if "-" in tail and code in kinds else "letter"


class Citations:
    """How the citations of one rule set read, from its documents.

    >>> from thiduakhenthuong.rulebook.base import Document
    >>> law = Document(number="06/2022/QH15", issuer="Quốc hội",
    ...                title={"vi": "Luật Thi đua, khen thưởng",
    ...                       "en": "Law on Emulation and Commendation"})
    >>> cites = Citations([law])
    >>> cites.text("06/2022/QH15 §Art.24(1)(a)").vi
    'điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15'
    >>> cites.text("06/2022/QH15 §Art.24(1)(a)").en
    'Article 24(1)(a) of the Law on Emulation and Commendation No. 06/2022/QH15'
    >>> cites.text("21/CTĐ-VP §II.7").vi, cites.text("21/CTĐ-VP §II.7").en
    ('mục II.7 Công văn số 21/CTĐ-VP', 'section II.7 of Letter No. 21/CTĐ-VP')
    """

    def __init__(self, documents: Iterable[Any] = ()):
        self.documents = {d.number: d for d in documents}
        self._seen: dict[str, Text] = {}

    def text(self, cite: Optional[str]) -> Text:
        """``cite`` in both languages ('' for none)."""
        if not cite:
            return Text()
        if cite not in self._seen:
            self._seen[cite] = Text(vi=self._say(cite, "vi"), en=self._say(cite, "en"))
        return self._seen[cite]

    def get(self, cite: Optional[str], lang: str) -> str:
        return self.text(cite).get(lang)

    def document(self, number: str, lang: str) -> str:
        """A document's name in a citation.

        >>> Citations().document("98/2023/NĐ-CP", "vi")
        'Nghị định số 98/2023/NĐ-CP'
        """
        d = self.documents.get(number)
        named = getattr(d, "cited_as", None) if d is not None else None
        if named is not None:
            return named.get(lang)
        kind = _kind(number)
        if kind == "QH" and d is not None:
            title = d.title.get(lang)
            return f"{title} số {number}" if lang != "en" else f"the {title} No. {number}"
        return c("named", lang, kind=kinds(kind, lang), number=number)

    def _say(self, cite: str, lang: str) -> str:
        number, sep, section = cite.partition("§")
        number, section = number.strip(), section.strip()
        doc = self.documents.get(number)
        own = (getattr(doc, "sections", None) or {}).get(section) if doc is not None else None
        if own is not None:
            return own.get(lang)
        name = self.document(number, lang)
        if not sep or not section:
            return name
        where = self.section(section, lang)
        return c("cite", lang, where=where, doc=name)

    @staticmethod
    def section(section: str, lang: str) -> str:
        """A section in legal style: points, clauses and articles, roman sections, parts.

        >>> Citations.section("Art.27(1)(đ)", "vi"), Citations.section("Art.27(1)(đ)", "en")
        ('điểm đ khoản 1 Điều 27', 'Article 27(1)(đ)')
        >>> Citations.section("Art.54", "vi"), Citations.section("III.3", "en")
        ('Điều 54', 'section III.3')
        >>> Citations.section("Phần 6.I", "vi"), Citations.section("Phần 6.I", "en")
        ('mục I Phần 6', 'section I of Part 6')
        """
        m = _ARTICLE.match(section)
        if m:
            article, clauses, point = m.group(1), re.findall(r"\((\d+)\)", m.group(2)), m.group(3)
            if lang == "en":
                return c("article", lang, n=article) + "".join(f"({x})" for x in clauses) + \
                    (f"({point})" if point else "")
            out = c("point", lang, n=point) if point else ""
            out += "".join(c("clause", lang, n=x) for x in reversed(clauses))
            return out + c("article", lang, n=article)
        if _ROMAN.match(section):
            return c("section", lang, n=section)
        m = _PART.match(section)
        if m:
            return c("section_of_part", lang, n=m.group(2), part=m.group(1))
        return section


def citations_of(model: Any) -> Citations:
    """The citations of a rule model (any kind), from its documents."""
    return Citations(getattr(getattr(model, "meta", None), "documents", None) or [])
