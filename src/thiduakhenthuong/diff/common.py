"""Pieces every kind of diff uses: field-by-field changes, parameter uses compared by name, and
the entry of a subject judged under one rule set only."""
from __future__ import annotations

from typing import Any, Iterable

from ..core.models import Localized
from ..core.trace import RejectedRow
from .model import Change, DiffEntry, ParameterChange, Side
from .rules import diff_value, parameter_change, same
from .text import word


def changes(old: Any, new: Any, fields: Iterable[str]) -> list[Change]:
    """The fields whose values differ between two objects (or dicts); a missing side is None.

    >>> from types import SimpleNamespace as N
    >>> [c.field for c in changes(N(total=94, rank=8), N(total=97, rank=8), ["total", "rank"])]
    ['total']
    """
    out = []
    for f in fields:
        a = _get(old, f)
        b = _get(new, f)
        if not same(a, b):
            out.append(Change(field=f, old=a, new=b))
    return out


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    v = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return diff_value(v)


def uses_diff(old_uses: Iterable[Any], new_uses: Iterable[Any], old_model: Any,
              new_model: Any) -> list[ParameterChange]:
    """Parameter uses (each with ``name``, ``value``, ``effective_from``, ``basis`` and maybe
    ``key``) compared by name: those that differ or are used on one side only, by name."""
    o = {u.name: u for u in old_uses}
    n = {u.name: u for u in new_uses}
    out = []
    for name in sorted(set(o) | set(n)):
        key = getattr(n.get(name) or o.get(name), "key", None)
        c = parameter_change(name, o.get(name), n.get(name), old_model, new_model, key)
        if c is not None:
            out.append(c)
    return out


def only_entry(sid: str, side: Side, decision: dict[str, Any], rejected: list[RejectedRow],
               name: str | None = None, group: str | None = None, title_id: str | None = None,
               title: Localized | None = None, why: str | None = None) -> DiffEntry:
    """A subject judged on one side only: its decision there, and why the other side has none
    (the rejection's reasons when the other side rejected its row)."""
    other = "new" if side == "old" else "old"
    changes_ = [Change(field=k, old=diff_value(v) if side == "old" else None,
                       new=diff_value(v) if side == "new" else None) for k, v in decision.items()]
    rows = [r for r in rejected if r.unit_id == sid]
    if rows:
        msgs = {lang: "; ".join(f"{r.table + ' ' if r.table else ''}"
                                f"{'row' if lang == 'en' else 'dòng'} {r.row}: "
                                + ", ".join(p.message.get(lang) for p in r.problems)
                                for r in rows) for lang in ("vi", "en")}
        reason = Localized(**{lang: f"{word('rejected_' + other, lang)} ({msgs[lang]})"
                              for lang in ("vi", "en")})
    else:
        key = why or f"only_{side}"
        reason = Localized(vi=word(key, "vi"), en=word(key, "en"))
    return DiffEntry(id=sid, title_id=title_id, title=title, name=name, group=group,
                     status="only_old" if side == "old" else "only_new", changes=changes_,
                     reason=reason)
