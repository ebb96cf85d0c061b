"""Rule sets layered on other rule sets (``extends:``): a province's or an organisation's own rules
on top of a national regime, or a newer regime written as the changes to the one before it,
without copying it.

A rule set whose files say ``extends: <rule set>`` is read as the base rule set's files followed by
its own. Where its own files define an entry the base already has, the layer's wins:

- a parameter, input or other keyed entry is replaced;
- a list item with the same ``id`` (a title, exclusion, check, route, ...) is amended: the keys
  the layer gives replace the base's, and its own lists of items with ids are merged the same
  way, so a layer can add one check to a title or replace one route;
- ``meta`` is amended key by key (documents are added by their number).

Everything the layer changed is recorded (:class:`LayerChange`), so the catalogue and ``tdkt diff``
can show what a local layer adds to the law.

``extends`` names a rule set relative to the layer's folder (``../regime-2025``) or a bundled rule
set by name (``titles``); either way it must stay inside the layer's own root or the bundled rule
sets, never anywhere else on the machine. With a mapping, ``from`` says from which date the
layer applies when it extends a directory of regimes: regimes in force only before that date are
used without it.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..errors import RuleError
from .base import Basis, as_basis
from .discover import BUNDLED
from .yaml_source import LineDict

#: Keys that say how a rule set is layered; they are not sections of any kind of rule set.
LAYER_KEYS = ("extends",)
#: How deep layers may stack (a layer of a layer of ...).
MAX_DEPTH = 8


@dataclass(frozen=True)
class Extends:
    """What a layer extends, as written in its files."""
    target: Path
    written: str
    from_: Optional[dt.date]
    basis: Optional[Basis]
    file: str
    line: Optional[int]


@dataclass(frozen=True)
class LayerChange:
    """One entry a layer added, replaced or amended, with where the layer says so.

    >>> LayerChange("parameters", "x", "replaced", "a.yaml", 3).key
    'x'
    """
    section: str
    key: str
    action: str            # added | replaced | amended
    file: str
    line: Optional[int]
    detail: str = ""


def applies_to(ext: Extends, regime: Any) -> bool:
    """Whether a layer applies to a regime: to every regime still in force on or after the
    layer's first day (all of them when the layer gives none)."""
    end = regime.in_force.to if regime is not None and regime.in_force is not None else None
    return ext.from_ is None or end is None or end >= ext.from_


def find_extends(docs: list[tuple[Path, LineDict]], root: Path) -> Optional[Extends]:
    """The ``extends`` of a rule set's own files (at most one), resolved and checked.

    ``root`` is the folder a relative target must stay inside (the rule set's parent, which holds
    its sibling regimes and shared files)."""
    found = [(f, doc) for f, doc in docs if isinstance(doc, dict) and "extends" in doc]
    if not found:
        return None
    if len(found) > 1:
        f, doc = found[1]
        raise RuleError("'extends' is written in more than one file of this rule set", str(f),
                        doc.line_of("extends"))
    f, doc = found[0]
    value = doc["extends"]
    line = doc.line_of("extends")
    from_ = basis = None
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"rules", "from", "basis"})
        if unknown:
            raise RuleError(f"unknown key '{unknown[0]}' in 'extends'", str(f), line,
                            suggestion="extends takes rules, from and basis")
        from_, basis, value = value.get("from"), value.get("basis"), value.get("rules")
        if from_ is not None and not isinstance(from_, dt.date):
            raise RuleError("'extends.from' must be a date (YYYY-MM-DD)", str(f), line)
    try:
        basis = as_basis(basis)
    except ValueError as e:
        raise RuleError(f"'extends.basis': {e}", str(f), line) from None
    if not isinstance(value, str) or not value.strip():
        raise RuleError("'extends' must name a rule set", str(f), line,
                        suggestion="for example: extends: ../regime-2025, or extends: titles")
    return Extends(_resolve(value.strip(), f, root, line), value.strip(), from_,
                   basis, str(f), line)


def _resolve(written: str, file: Path, root: Path, line: Optional[int]) -> Path:
    """A relative target inside ``root``, else a bundled rule set of that name."""
    here = file.parent if file.is_file() else file
    candidate = (here / written).resolve()
    inside = _within(candidate, root.resolve()) or _within(candidate, BUNDLED)
    if candidate.exists() and inside:
        # Written the way the rule set's own path was (relative stays relative), so what the
        # catalogue and bundles show does not depend on where the command ran.
        return Path(os.path.normpath(here / written))
    bundled = (BUNDLED / written).resolve()
    if not Path(written).is_absolute() and _within(bundled, BUNDLED) and bundled.exists():
        if _within(bundled, root.resolve()):
            # A bundled rule set beside this one: named from this folder, as a sibling is.
            return Path(os.path.normpath(here / os.path.relpath(bundled, here.resolve())))
        return bundled
    if candidate.exists():
        raise RuleError(f"'extends: {written}' leads outside the rule set's folder", str(file),
                        line, suggestion="extend a sibling rule set or a bundled one by name")
    raise RuleError(f"'extends: {written}' names no rule set", str(file), line,
                    suggestion="a folder beside this one (../name) or a bundled rule set")


def _within(p: Path, root: Path) -> bool:
    try:
        p.relative_to(root)
        return True
    except ValueError:
        return False


def overlay(base: Any, layer: Any, section: str, key: str, file: str, line: Optional[int],
            changes: list[LayerChange]) -> Any:
    """``layer`` amending ``base`` (mappings key by key, lists of items with ids by id), with
    each change recorded under ``section``/``key``.

    >>> ch = []
    >>> overlay({"a": 1, "b": [{"id": "x", "v": 1}]}, {"b": [{"id": "x", "v": 2}, {"id": "y"}]},
    ...         "titles", "t", "f.yaml", 1, ch)
    {'a': 1, 'b': [{'id': 'x', 'v': 2}, {'id': 'y'}]}
    >>> [(c.key, c.action) for c in ch]
    [('t.b.x', 'amended'), ('t.b.y', 'added')]
    """
    if isinstance(base, dict) and isinstance(layer, dict):
        out = LineDict(base)
        out.line = getattr(base, "line", None)
        out.key_lines = dict(getattr(base, "key_lines", {}))
        for k, v in layer.items():
            out[k] = overlay(base[k], v, section, f"{key}.{k}", file,
                             _line(layer, k, line), changes) if k in base else v
            if isinstance(layer, LineDict):
                out.key_lines[k] = layer.line_of(k)
        return out
    if isinstance(base, list) and isinstance(layer, list) and _keyed(base) and _keyed(layer):
        out_list = list(base)
        index = {_item_key(item): i for i, item in enumerate(out_list)}
        for item in layer:
            k = _item_key(item)
            where = _line(item, None, line)
            if k in index:
                out_list[index[k]] = overlay(out_list[index[k]], item, section, f"{key}.{k}",
                                             file, where, changes)
                changes.append(LayerChange(section, f"{key}.{k}", "amended", file, where))
            else:
                index[k] = len(out_list)
                out_list.append(item)
                changes.append(LayerChange(section, f"{key}.{k}", "added", file, where))
        return out_list
    return layer


def _keyed(items: list) -> bool:
    return bool(items) and all(isinstance(i, dict) and _item_key(i) is not None for i in items)


def _item_key(item: Any) -> Optional[str]:
    if not isinstance(item, dict):
        return None
    for k in ("id", "number", "key"):
        if isinstance(item.get(k), str):
            return item[k]
    return None


def _line(node: Any, key: Optional[str], default: Optional[int]) -> Optional[int]:
    if isinstance(node, LineDict):
        return node.line_of(key) if key is not None else node.line
    return default


def check_depth(chain: list[Path], file: str) -> None:
    """Refuse a circle of layers, or a stack deeper than :data:`MAX_DEPTH`."""
    if len(set(p.resolve() for p in chain)) < len(chain):
        raise RuleError("rule sets extend each other in a circle: "
                        + " -> ".join(p.name for p in chain), file)
    if len(chain) > MAX_DEPTH:
        raise RuleError(f"more than {MAX_DEPTH} layers of 'extends'", file)
