"""Load a rule directory: read YAML safely, validate into the typed model of its kind, then check
meaning (every name known, every type right, every reference resolvable) before any data is seen.

The kind (``meta.kind``) picks the job, from the job registry: its model says which sections a
rule set of that kind has, and its checks say what they must mean."""
from __future__ import annotations

import difflib
import hashlib
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core import job as jobs
from ..errors import ExpressionError, RuleError, RuleErrors
from .discover import SELECTION_FILE, is_collection
from .layers import LAYER_KEYS, Extends, LayerChange, check_depth, find_extends, overlay
from .source import Source, rule_files
from .yaml_source import LineDict, load_yaml


def sections(model: type[BaseModel]) -> dict[str, str]:
    """Each top-level section of a kind of rule set and its shape: 'list' (items from several
    files are concatenated), 'dict' (entries merged, each defined once) or 'single'.

    >>> sections(jobs.get("delegates").model)["levels"], sections(jobs.get("titles").model)["meta"]
    ('list', 'single')
    """
    out = {}
    for name, f in model.model_fields.items():
        ann = f.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        if typing.get_origin(ann) in (typing.Union, types.UnionType) and len(args) == 1:
            ann = args[0]
        origin = typing.get_origin(ann)
        out[name] = "list" if origin is list else "dict" if origin is dict else "single"
    return out


def read_rule_set(path: Path, base: Path | None = None) -> tuple[Any, Source]:
    """Read and validate a rule directory (or one YAML file): the typed model of its kind and
    where each part came from; raise :class:`RuleErrors` listing every problem. A rule set that
    ``extends`` another is read on top of it (:mod:`.layers`); ``base`` gives the rule set it is
    layered on when it extends a directory of regimes (one regime at a time).

    >>> model, src = read_rule_set(Path("rules/lao-cai-2023"))
    >>> model.meta.kind, len(src.files)
    ('scoring', 6)
    """
    src = Source()
    errors: list[RuleError] = []
    levels = _read_layers(Path(path), src, errors, base, [])
    _selection_file(Path(path), src)
    docs = [d for level in levels for d in level]
    kind = _kind(docs, src, errors)
    job = None
    if kind is not None:
        try:
            job = jobs.get(kind)
        except jobs.UnknownJobError as e:
            f, line = src.where("meta", None, "kind")
            errors.append(RuleError(f"unknown kind '{kind}'", f, line,
                                    suggestion=e.suggestion))
    if job is None:
        raise RuleErrors(errors)
    merged = _merge(levels, sections(job.model), job.kind, src, errors)
    if errors:
        raise RuleErrors(errors)
    try:
        model = job.model.model_validate(merged)
    except ValidationError as e:
        raise RuleErrors([_locate(err, merged, src) for err in e.errors()]) from None
    job.check(model, src)
    return model, src


def _selection_file(path: Path, src: Source) -> None:
    """A regime's rule set depends on the rule that picks it among its siblings: the directory's
    ``regimes.yaml`` counts among its files (version hash, audit bundle)."""
    sel = path.resolve().parent / SELECTION_FILE
    if path.is_dir() and sel.is_file():
        src.files[(path.parent / SELECTION_FILE).as_posix()] = \
            hashlib.sha256(sel.read_bytes()).hexdigest()


def extends_of(path: Path) -> Extends | None:
    """What the rule set at ``path`` extends, if anything (read without validating it).

    >>> extends_of(Path("rules/lao-cai-2023")) is None
    True
    """
    src = Source()
    errors: list[RuleError] = []
    own = _read_files(Path(path), src, errors)
    if errors:
        raise RuleErrors(errors)
    return find_extends(own, _root(Path(path)))


def _root(path: Path) -> Path:
    """The folder a rule set's references must stay inside: its parent, which holds the sibling
    rule sets and shared files it may include or extend."""
    return (path if path.is_file() else path).resolve().parent


def _read_layers(path: Path, src: Source, errors: list[RuleError], base: Path | None,
                 chain: list[Path]) -> list[list[tuple[Path, LineDict]]]:
    """The documents of each layer, the deepest base first."""
    own = _read_files(path, src, errors)
    ext = find_extends(own, _root(path))
    target = base if base is not None else (ext.target if ext is not None else None)
    levels: list[list[tuple[Path, LineDict]]] = []
    if target is not None:
        check_depth(chain + [path, target], str(path))
        if is_collection(target):
            raise RuleError("this rule set extends a directory of regimes; load it by its "
                            "folder or name (tdkt.load) so the regime for the year is chosen",
                            file=str(path))
        levels = _read_layers(target, src, errors, None, chain + [path])
        if ext is not None:
            src.extends.append(ext)
    src.layers.append(str(path))
    return levels + [own]


def _read_files(path: Path, src: Source, errors: list[RuleError]) -> list[tuple[Path, LineDict]]:
    """Every YAML document of the rule set, ``include:`` files after the files naming them."""
    docs = []
    queue = list(rule_files(path))
    done: set[Path] = set()
    while queue:
        f = queue.pop(0)
        if f.resolve() in done:
            continue
        done.add(f.resolve())
        src.files[f.as_posix()] = hashlib.sha256(f.read_bytes()).hexdigest()
        doc = load_yaml(f)
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise RuleError("the top level must be a mapping of sections", file=str(f), line=1)
        value = doc.get("include")
        if value is not None:
            # Shared definitions (e.g. the input tables of several legal regimes), named
            # relative to the including file; read as if they were in this directory.
            for rel in value if isinstance(value, list) else [value]:
                target = f.parent / str(rel)
                if not target.is_file():
                    errors.append(RuleError(f"included file '{rel}' not found", str(f),
                                            doc.line_of("include")))
                else:
                    queue.append(target)
        docs.append((f, doc))
    return docs


def _kind(docs: list[tuple[Path, LineDict]], src: Source, errors: list[RuleError]) -> str | None:
    for f, doc in docs:
        meta = doc.get("meta")
        if isinstance(meta, dict):
            src.section_file.setdefault("meta", str(f))
            src.items.setdefault(("meta", None), (str(f), meta))
            kind = meta.get("kind", jobs.DEFAULT_KIND)
            return kind if isinstance(kind, str) else str(kind)
    return jobs.DEFAULT_KIND


def _merge(levels: list[list[tuple[Path, LineDict]]], shapes: dict[str, str], kind: str,
           src: Source, errors: list[RuleError]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    defined: dict[tuple[str, Any], int] = {}     # (section, key or id) -> layer that defined it
    for level, docs in enumerate(levels):
        for f, doc in docs:
            for section, value in doc.items():
                if section == "include" or section in LAYER_KEYS:
                    continue
                line = doc.line_of(section)
                shape = shapes.get(section)
                if shape is None:
                    errors.append(_misplaced(section, kind, shapes, str(f), line))
                    continue
                src.section_file.setdefault(section, str(f))
                if shape == "list":
                    if not isinstance(value, list):
                        errors.append(RuleError(f"section '{section}' must be a list", str(f),
                                                line))
                        continue
                    items = merged.setdefault(section, [])
                    for item in value:
                        rid = item.get("id") if isinstance(item, dict) else None
                        at = defined.get((section, rid)) if isinstance(rid, str) else None
                        if at is not None and at < level:
                            i = next(j for j, old in enumerate(items)
                                     if isinstance(old, dict) and old.get("id") == rid)
                            items[i] = overlay(items[i], item, section, rid, str(f),
                                               _line_of(item, line), src.changes)
                            src.changes.append(LayerChange(section, rid, "amended", str(f),
                                                           _line_of(item, line)))
                            src.items[(section, i)] = (str(f), items[i])
                            continue
                        if isinstance(rid, str):
                            if level > 0 and at is None and len(levels) > 1:
                                src.changes.append(LayerChange(section, rid, "added", str(f),
                                                               _line_of(item, line)))
                            defined[(section, rid)] = level
                        src.items[(section, len(items))] = (str(f), item)
                        items.append(item)
                elif shape == "dict":
                    if not isinstance(value, dict):
                        errors.append(RuleError(f"section '{section}' must be a mapping", str(f),
                                                line))
                        continue
                    target = merged.setdefault(section, {})
                    for k, v in value.items():
                        at = defined.get((section, k))
                        if at is not None and at < level:
                            target[k] = overlay(target[k], v, section, k, str(f),
                                                value.line_of(k), src.changes)
                            src.changes.append(LayerChange(section, k, "replaced", str(f),
                                                           value.line_of(k)))
                        else:
                            if k in target:
                                errors.append(RuleError(f"'{k}' is defined twice in '{section}'",
                                                        str(f), value.line_of(k)))
                            elif level > 0 and len(levels) > 1:
                                src.changes.append(LayerChange(section, k, "added", str(f),
                                                               value.line_of(k)))
                            target[k] = v
                        defined[(section, k)] = level
                        src.items[(section, k)] = (str(f), target[k])
                else:
                    at = defined.get((section, None))
                    if at is not None and at < level:
                        merged[section] = overlay(merged[section], value, section, section,
                                                  str(f), line, src.changes)
                    elif section in merged:
                        errors.append(RuleError(f"section '{section}' is defined twice", str(f),
                                                line))
                    else:
                        merged[section] = value
                    defined[(section, None)] = level
                    src.items[(section, None)] = (str(f), merged[section])
    return merged


def _line_of(item: Any, default: int | None) -> int | None:
    return item.line if isinstance(item, LineDict) else default


def _misplaced(section: str, kind: str, shapes: dict[str, str], file: str,
               line: int | None) -> RuleError:
    """A section this kind does not have: one of another kind's, or a misspelling."""
    others = {j.kind for j in jobs.jobs() if section in sections(j.model)}
    kind_said = ("kind_" + kind, {})
    if others:
        kinds = ", ".join(sorted(others))
        return RuleError(f"section '{section}' does not belong in a {kind} rule set", file, line,
                         suggestion=f"it is a section of {kinds} rule sets",
                         words=("section_elsewhere", {"section": section, "kind": kind_said}),
                         hint=("section_of_kinds", {"kinds": kinds}))
    near = difflib.get_close_matches(section, list(shapes), 1, 0.6)
    listed = ", ".join(sorted(shapes))
    return RuleError(f"unknown section '{section}'", file, line,
                     suggestion=f"did you mean '{near[0]}'?" if near else
                     "sections of a " + kind + " rule set: " + listed,
                     words=("unknown_section", {"section": section}),
                     hint=("did_you_mean_plain", {"id": near[0]}) if near else
                     ("sections_of_kind", {"kind": kind_said, "sections": listed}))


def _locate(err: dict, merged: dict, src: Source) -> RuleError:
    """Turn one pydantic error into a RuleError with file, line and rule id."""
    loc = list(err.get("loc", ()))
    msg = err.get("msg", "invalid")
    words = None
    if isinstance(err.get("ctx", {}).get("error"), ExpressionError):
        msg = str(err["ctx"]["error"])
        words = err["ctx"]["error"].words
    elif msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    path = ".".join(str(p) for p in loc)
    file = src.section_file.get(str(loc[0])) if loc else None
    line = None
    rule_id = None
    node: Any = merged
    for part in loc:
        if isinstance(node, LineDict):
            if isinstance(node.get("id"), str):
                rule_id = node["id"]
            line = node.line_of(part) if isinstance(part, str) else node.line
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, LineDict):
                line = node.line
        else:
            break
    if isinstance(node, LineDict) and isinstance(node.get("id"), str):
        rule_id = node["id"]
    if loc and (str(loc[0]), loc[1] if len(loc) > 1 else None) in src.items:
        file = src.items[(str(loc[0]), loc[1])][0]
    if err.get("type") == "extra_forbidden":
        msg = f"unknown key '{loc[-1]}'"
        words = ("unknown_key", {"key": loc[-1]})
    elif err.get("type") == "missing":
        msg = f"missing key '{loc[-1]}'"
        words = ("missing_key", {"key": loc[-1]})
    return RuleError(f"{path}: {msg}", file=file, line=line, rule_id=rule_id,
                     words=("path_message", {"path": path, "message": words})
                     if words is not None else None)
