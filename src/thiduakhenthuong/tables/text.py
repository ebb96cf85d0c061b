"""How headers, unit names and labels typed by people are compared: the same text whatever its
Unicode form, case, spacing, invisible characters, punctuation and (as a last resort) accents."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

#: Characters a copy from a web page or a word processor leaves in a header: zero-width spaces
#: and joiners, the byte-order mark, soft hyphens.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s:;,.\-–—_/\\()\[\]{}\"'“”‘’*#+=|<>?!]+")


def header_key(text: object) -> str:
    """NFC, invisible characters removed, case-folded, spaces (also no-break) collapsed.

    >>> header_key("  Mã\\u200b  ĐƠN\\u00a0vị ") == header_key("mã đơn vị")
    True
    """
    t = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE).casefold()
    return _SPACES.sub(" ", t).strip()


def loose_key(text: object) -> str:
    """:func:`header_key` with punctuation read as spaces, so 'Chỉ tiêu giao: đơn vị máu' and a
    merged header 'Chỉ tiêu giao' over 'Đơn vị máu' compare equal.

    >>> loose_key("Chỉ tiêu giao: đơn vị máu") == loose_key("Chỉ tiêu giao - Đơn vị máu")
    True
    """
    return _PUNCT.sub(" ", header_key(text)).strip()


def plain_key(text: object) -> str:
    """:func:`loose_key` without diacritics (đ as d): the last resort, for text typed without
    a Vietnamese keyboard.

    >>> plain_key("Số Hội cơ sở") == plain_key("so hoi co so")
    True
    """
    t = unicodedata.normalize("NFD", loose_key(text).replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in t if not unicodedata.combining(c)))


def closest(text: str, candidates: Iterable[str], n: int = 2, cutoff: float = 0.6) -> list[str]:
    """The candidates closest to ``text`` (compared without accents or punctuation), best first.

    >>> closest("So hoi co so tham muu", ["Số Hội cơ sở", "Số Hội cơ sở chủ động tham mưu"])
    ['Số Hội cơ sở chủ động tham mưu', 'Số Hội cơ sở']
    """
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(plain_key(c), c)
    keys = difflib.get_close_matches(plain_key(text), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in keys]
