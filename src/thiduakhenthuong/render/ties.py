"""How a tie was broken, in words: the one description the terminal, the HTML report and the
workbooks use for every job (units ranked in a cluster, people within a quota, candidates for
seats)."""
from __future__ import annotations

from typing import Any

from .page import Text, join, msg, value


def broken_tie(other: str, key: Text | str, own: Any, theirs: Any) -> Text:
    """Against ``other``: separated by ``key`` (own value against theirs).

    >>> broken_tie("p012", "điểm", 9.5, 9.0).vi
    'so với p012: phân định bởi điểm (9,5 so với 9)'
    """
    return msg("quota_tie", other=other, key=key, own=value(own), theirs=value(theirs))


def ranked_tie(scope: str, tied_on: list[Text], other: str, position: str, key: Text,
               own: Any, theirs: Any) -> Text:
    """Level with ``other`` on the keys ``tied_on``, placed ``position`` ('above'/'below') by
    ``key``, in ``scope`` ('overall' or 'cluster').

    >>> ranked_tie("cluster", [Text.same("Tổng")], "bac_ha", "above", Text.same("CT7"),
    ...            6.0, 4.5).en
    "in cluster: level on Tổng with bac_ha; placed above by 'CT7' (6 vs 4.5)"
    """
    return msg("tie_line", scope=msg(f"scope_{scope}"), tied=join(tied_on), other=other,
               pos=msg(position), key=key, own=value(own), theirs=value(theirs))


def key_titles(keys: list[Any]) -> dict[str, Text]:
    """Ranking keys' titles by key, for keys that declare one."""
    return {k.key: Text.of(k.title) for k in keys if getattr(k, "title", None)}


def key_title(titles: dict[str, Text], key: str) -> Text:
    """A key's title, or the key itself."""
    return titles.get(key, Text.same(key))
