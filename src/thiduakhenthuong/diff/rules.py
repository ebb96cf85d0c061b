"""What differs between two rule sets before any data is read: parameter values as used for the
period judged, and rules written differently (expressions, bands, methods, classes, quotas ...).

Wording (titles, hints, bases) and citations are left out of the definition changes on purpose:
a change of law renumbers every citation, which would bury the changes of substance. Citations
are shown beside each changed criterion instead.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

from ..core.jsonable import plain
from ..core.models import Localized
from .model import DefinitionChange, DiffValue, ParameterChange

#: Keys that carry wording or provenance, not behaviour.
_WORDING = {"title", "basis", "hint", "note", "labels", "aliases", "documents", "decided_by",
            "description", "cite"}
#: meta keys that identify the rule set rather than say how it judges (shown in RuleSetInfo).
_META_IDENTITY = {"id", "version", "regime"}
_MISSING = object()
#: Sections that are mappings of named items (the name is the item's id).
_NAMED = {"inputs", "unit_inputs", "plan_inputs", "report_inputs"}


def diff_value(value: Any) -> DiffValue:
    """A parameter or trace value as a JSON-friendly value (numpy scalars, NaN → None).

    >>> import numpy as np
    >>> diff_value(np.float64(12.0)), diff_value(float("nan")), diff_value({"huyen": np.int64(3)})
    (12, None, {'huyen': 3})
    """
    if isinstance(value, dict):
        return {str(k): diff_value(v) for k, v in value.items()}
    v = plain(value)
    return v if isinstance(v, (type(None), bool, int, float, str, dt.date)) else str(v)


def same(a: Any, b: Any) -> bool:
    """Equal as the outputs show them: 12 and 12.0 are the same; floats to 9 decimals.

    >>> same(0.1 + 0.2, 0.3), same(True, 1), same(None, 0)
    (True, False, False)
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return round(float(a), 9) == round(float(b), 9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def _decl(model: Any, name: str):
    return getattr(model, "parameters", {}).get(name)


def parameter_change(name: str, old: Any, new: Any, old_model: Any, new_model: Any,
                     key: str | None = None) -> ParameterChange | None:
    """The change of one parameter between two runs, or None when it is used alike.

    ``old``/``new`` are resolved parameters or parameter uses (``value``, ``effective_from``,
    ``basis``), or None where the rule set has no such parameter.

    >>> from thiduakhenthuong.core.trace import ParameterUse
    >>> a = ParameterUse(name="w", value=12, effective_from="2023-01-01", basis={"vi": "địa phương", "en": "local"})
    >>> b = ParameterUse(name="w", value=15, effective_from="2023-01-01", basis={"vi": "địa phương", "en": "local"})
    >>> c = parameter_change("w", a, b, None, None)
    >>> (c.old, c.new), parameter_change("w", a, a, None, None) is None
    ((12, 15), True)
    """
    if old is None and new is None:
        return None
    ov = diff_value(old.value) if old is not None else None
    nv = diff_value(new.value) if new is not None else None
    if old is not None and new is not None and same(ov, nv):
        return None
    decl = _decl(new_model, name) or _decl(old_model, name)
    return ParameterChange(
        name=name, title=decl.title if decl is not None else None,
        cite=getattr(decl, "cite", None), old=ov, new=nv,
        old_from=old.effective_from if old is not None else None,
        new_from=new.effective_from if new is not None else None,
        old_basis=_reader(old.basis) if old is not None else None,
        new_basis=_reader(new.basis) if new is not None else None, key=key,
        only_in=None if old is not None and new is not None else ("old" if new is None else "new"))


def parameter_changes(old_params: dict[str, Any], new_params: dict[str, Any], old_model: Any,
                      new_model: Any, names: Iterable[str] | None = None) -> list[ParameterChange]:
    """Every parameter (or those in ``names``) whose value as used differs, in name order.

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> parameter_changes(res.params, res.params, res.rules, res.rules)
    []
    """
    wanted = sorted(set(old_params) | set(new_params)) if names is None else sorted(set(names))
    out = []
    for name in wanted:
        c = parameter_change(name, old_params.get(name), new_params.get(name), old_model,
                             new_model)
        if c is not None:
            out.append(c)
    return out


def _text(v: Any) -> str | None:
    if v is _MISSING or v is None:
        return None
    if isinstance(v, str):
        return v
    return json.dumps(_pruned(v), ensure_ascii=False, sort_keys=False)


def _pruned(v: Any) -> Any:
    """A dumped rule item without its wording, for showing an added or removed item."""
    if isinstance(v, dict):
        return {k: _pruned(x) for k, x in v.items() if not _is_wording(k) and x is not None}
    if isinstance(v, list):
        return [_pruned(x) for x in v]
    return v


def _is_wording(key: str) -> bool:
    return key in _WORDING or key.endswith("_cite")


def _keyed(items: list) -> bool:
    return bool(items) and all(isinstance(x, dict) and isinstance(x.get("id"), str)
                               for x in items)


def _walk(old: Any, new: Any, path: str, section: str, item: str,
          out: list[DefinitionChange]) -> None:
    if old is not _MISSING and new is not _MISSING and old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        keys = list(old) + [k for k in new if k not in old]
        top_dict = path == section and section in _NAMED
        for k in keys:
            if _is_wording(k):
                continue
            _walk(old.get(k, _MISSING), new.get(k, _MISSING), f"{path}.{k}", section,
                  k if top_dict else item, out)
        return
    if isinstance(old, list) and isinstance(new, list):
        if _keyed(old) or _keyed(new):
            if (not old or _keyed(old)) and (not new or _keyed(new)):
                o = {x["id"]: x for x in old}
                n = {x["id"]: x for x in new}
                for k in list(o) + [k for k in n if k not in o]:
                    _walk(o.get(k, _MISSING), n.get(k, _MISSING), f"{path}[{k}]", section, k, out)
                return
        elif len(old) == len(new) and all(isinstance(x, dict) for x in old + new):
            for i, (a, b) in enumerate(zip(old, new)):
                _walk(a, b, f"{path}[{i}]", section, item, out)
            return
    a, b = _text(old), _text(new)
    if a != b:
        out.append(DefinitionChange(section=section, item=item, path=path, old=a, new=b))


def definition_changes(old_model: Any, new_model: Any) -> list[DefinitionChange]:
    """Rules written differently in two rule sets of one kind, item by item (parameters apart).

    >>> from thiduakhenthuong.rulebook.load import read_rule_set
    >>> from pathlib import Path
    >>> a, _ = read_rule_set(Path("rules/titles/regime-2003"))
    >>> b, _ = read_rule_set(Path("rules/titles/regime-2022"))
    >>> [c.path for c in definition_changes(a, b) if c.item == "cstdcs_by_rating"]
    ['titles[cstdcs].routes[cstdcs_by_rating]']
    """
    old = old_model.model_dump(mode="json")
    new = new_model.model_dump(mode="json")
    out: list[DefinitionChange] = []
    for section in list(old) + [s for s in new if s not in old]:
        if section == "parameters":
            continue
        a, b = old.get(section, _MISSING), new.get(section, _MISSING)
        if section == "meta":
            a = {k: v for k, v in a.items() if k not in _META_IDENTITY}
            b = {k: v for k, v in b.items() if k not in _META_IDENTITY}
        _walk(a, b, section, section, section, out)
    return out



def _reader(basis: Any) -> Localized:
    """A basis (a rule file's or a trace's) as the reader's text in both languages."""
    return Localized(vi=basis.vi, en=basis.en)
