"""How a tie was broken, in words: the one description the terminal, the HTML report and the
workbooks use for every job (units ranked in a cluster, people within a quota, candidates for
seats). A tie that ends at the code (every declared key level, the last key being the unit's or
the person's code) is said as such: the order then rests on nothing but the code."""
from __future__ import annotations

from typing import Any

from .page import Text, join, msg, value


def broken_tie(other: Text | str, key: Text | str, own: Any, theirs: Any,
               by_code: bool = False) -> Text:
    """Against ``other``: separated by ``key`` (own value against theirs), or by the code alone.

    >>> broken_tie("p012", "điểm", 9.5, 9.0).vi
    'so với p012: phân định bởi điểm (9,5 so với 9)'
    >>> broken_tie("p012", "mã cá nhân", "p010", "p012", by_code=True).vi
    'so với p012: bằng nhau ở mọi tiêu chí ưu tiên, xếp theo mã cá nhân (p010 trước p012)'
    """
    own_t = own if isinstance(own, Text) else value(own)
    theirs_t = theirs if isinstance(theirs, Text) else value(theirs)
    return msg("quota_tie_code" if by_code else "quota_tie", other=other, key=key, own=own_t,
               theirs=theirs_t)


def tie_text(scope: str, tied: Text, other: Text, position: str, key: Text, own: Text,
             theirs: Text, by_code: bool = False) -> Text:
    """Level with ``other`` on the keys ``tied``, placed ``position`` ('above'/'below') by
    ``key``, in ``scope`` ('overall' or 'cluster'); ``by_code``: the key is the code, every
    declared key being level.

    >>> tie_text("cluster", Text.same("tổng điểm"), Text.same("Hội CTĐ huyện Bắc Hà"), "above",
    ...          Text.same("tỷ lệ đơn vị máu"), Text.same("112%"), Text.same("98%")).vi
    'trong cụm: bằng Hội CTĐ huyện Bắc Hà về tổng điểm; xếp trên vì tỷ lệ đơn vị máu 112% so với 98%'
    """
    key_id = "tie_code" if by_code else "tie_line"
    return msg(key_id, scope=msg(f"scope_{scope}"), tied=tied, other=other, pos=msg(position),
               key=key, own=own, theirs=theirs)


def ranked_tie(scope: str, tied_on: list[Text], other: str, position: str, key: Text,
               own: Any, theirs: Any) -> Text:
    """:func:`tie_text` with plain values (kept for callers outside the jobs)."""
    return tie_text(scope, join(tied_on), Text.same(other), position, key, value(own),
                    value(theirs))


def key_titles(keys: list[Any]) -> dict[str, Text]:
    """Ranking keys' titles by key, for keys that declare one."""
    return {k.key: Text.of(k.title) for k in keys if getattr(k, "title", None)}


def key_title(titles: dict[str, Text], key: str) -> Text:
    """A key's title, or the key itself."""
    return titles.get(key, Text.same(key))
