"""The sentences of conference decisions and findings, in both languages at once, from the
phrase book (:mod:`thiduakhenthuong.render.phrases`); levels are named by their declared titles."""
from __future__ import annotations

from typing import Any

from ...core.models import Localized
from ...render.phrases import t
from .model import Level
from .trace import AwardsSummary


def say(key: str, /, **kw: Any) -> Localized:
    """The phrase ``key`` in Vietnamese and English; a :class:`Localized` argument is filled in
    with its text in each language.

    >>> say("conf_level", level=Localized(vi="cấp tỉnh", en="province")).en
    'a province conference'
    """
    def fill(lang: str) -> str:
        return t(key, lang, **{k: v.get(lang) if hasattr(v, "vi") and hasattr(v, "en") else v
                               for k, v in kw.items()})
    return Localized(vi=fill("vi"), en=fill("en"))


def _lower_first(text: str) -> str:
    # "Cấp huyện" reads "cấp huyện" inside a sentence; an acronym ("UBND ...") stays as it is.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def in_sentence(level: Level) -> Localized:
    """A level's declared title as it reads inside a sentence.

    >>> from thiduakhenthuong.jobs.conferences.api import load_delegate_rules
    >>> in_sentence(load_delegate_rules("thai-nguyen-2019")[0].levels[-1]).vi
    'cấp tỉnh'
    """
    return Localized(vi=_lower_first(level.title.vi), en=_lower_first(level.title.en))


def conference(names: dict[str, str], cid: str) -> Localized:
    """A conference as a sentence names it: the conference of the chapter whose plan names it,
    else its code.

    >>> conference({"hn_dt": "Hội Chữ thập đỏ huyện Đại Từ"}, "hn_dt").vi
    'hội nghị của Hội Chữ thập đỏ huyện Đại Từ'
    """
    name = names.get(cid)
    if name is None:
        return say("conf_code", conference=cid)
    return say("conf_of", chapter=name)


def awards_line(a: AwardsSummary) -> Localized:
    """How the rows of the awards table were used, reconciled with its rows in."""
    return say("conf_awards_counts", source=a.source, rows_in=a.rows_in, counted=a.counted,
               not_counted=a.not_counted, other=a.not_judged, rejected=a.rejected)
