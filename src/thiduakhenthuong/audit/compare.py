"""Compare two JSON result documents field by field, naming each difference by the unit, person
or decision it belongs to (``units[bat_xat].total``, ``decisions[p005/cstdcs].outcome``) rather
than by list position, so a change of rank does not show as every unit differing."""
from __future__ import annotations

import json
import math
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict

#: Fields that identify an item of a list, tried in this order; the first that every item on
#: both sides has and that is unique on each side names the items.
_KEYS: tuple[tuple[str, ...], ...] = (
    ("subject_id", "title_id"), ("candidate_id",), ("unit_id",), ("title_id",), ("conference",),
    ("id", "route"), ("id",), ("name", "key"), ("name",), ("scope", "other_unit"),
    ("table", "row"), ("row",), ("call",), ("parameter",))

_ABSENT = object()


class Difference(BaseModel):
    """One field whose value in the bundle differs from the re-run."""
    model_config = ConfigDict(frozen=True)
    section: Literal["results", "parameters"]
    path: str
    subject: Optional[str] = None
    field: str
    change: Literal["changed", "missing", "added"]
    recorded: Any = None
    rerun: Any = None


def compare(recorded: Any, rerun: Any, section: str = "results") -> list[Difference]:
    """Every difference between two JSON documents, in the recorded document's order.

    >>> a = {"units": [{"unit_id": "bat_xat", "total": 85.5}, {"unit_id": "sa_pa", "total": 90}]}
    >>> b = {"units": [{"unit_id": "sa_pa", "total": 90}, {"unit_id": "bat_xat", "total": 87.0}]}
    >>> [(d.path, d.subject, d.field, d.recorded, d.rerun) for d in compare(a, b)]
    [('units[bat_xat].total', 'bat_xat', 'total', 85.5, 87.0)]
    """
    out: list[Difference] = []
    _walk(recorded, rerun, [], section, out)
    # Per unit or decision, its own fields (outcome, total, rank) before what its traces saw,
    # so a capped listing shows the headline changes first.
    first: dict[str, int] = {}
    keys = []
    for n, d in enumerate(out):
        group = n if d.subject is None else first.setdefault(d.subject, n)
        keys.append((group, "." in d.field or "[" in d.field, n))
    return [out[k[2]] for k in sorted(keys)]


def _walk(a: Any, b: Any, segs: list[tuple[str, str]], section: str,
          out: list[Difference]) -> None:
    if a is not _ABSENT and b is not _ABSENT and _same(a, b):
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            _walk(a.get(k, _ABSENT), b.get(k, _ABSENT), segs + [("field", str(k))], section, out)
        return
    if isinstance(a, list) and isinstance(b, list) and (
            any(isinstance(x, (dict, list)) for x in a + b)):
        combo = _list_key(a, b)
        if combo is None:
            for i in range(max(len(a), len(b))):
                _walk(a[i] if i < len(a) else _ABSENT, b[i] if i < len(b) else _ABSENT,
                      segs + [("index", str(i))], section, out)
            return
        bk = {_key_of(x, combo): x for x in b}
        ak = {}
        for x in a:
            k = _key_of(x, combo)
            ak[k] = x
            _walk(x, bk.get(k, _ABSENT), segs + [("key", k)], section, out)
        for k, x in bk.items():
            if k not in ak:
                _walk(_ABSENT, x, segs + [("key", k)], section, out)
        return
    change = "missing" if b is _ABSENT else "added" if a is _ABSENT else "changed"
    out.append(_difference(segs, section, change, None if a is _ABSENT else a,
                           None if b is _ABSENT else b))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def _list_key(a: list, b: list) -> tuple[str, ...] | None:
    items = a + b
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    for combo in _KEYS:
        if not all(all(f in x for f in combo) for x in items):
            continue
        if all(len({_key_of(x, combo) for x in side}) == len(side) for side in (a, b)):
            return combo
    return None


def _key_of(item: dict, combo: tuple[str, ...]) -> str:
    return "/".join(str(item[f]) for f in combo if item[f] is not None)


def _difference(segs: list[tuple[str, str]], section: str, change: str, a: Any,
                b: Any) -> Difference:
    path = ""
    subject = None
    field_start = None
    for n, (kind, text) in enumerate(segs):
        if kind == "field":
            path += ("." if path else "") + text
        else:
            path += f"[{text}]"
            if kind == "key" and subject is None:
                subject, field_start = text, n + 1
    if field_start is None:
        field = path
    else:
        field = ""
        for kind, text in segs[field_start:]:
            field += (("." if field else "") + text) if kind == "field" else f"[{text}]"
    return Difference(section=section, path=path, subject=subject, field=field or "(item)",
                      change=change, recorded=a, rerun=b)


def short(value: Any, width: int = 70) -> str:
    """A value as compact JSON, cut to ``width`` characters for one-line reports.

    >>> short({"vi": "Chiến sĩ thi đua cơ sở", "en": "Emulation fighter"}, 30)
    '{"en":"Emulation fighter","vi…'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text if len(text) <= width else text[:width - 1] + "…"
