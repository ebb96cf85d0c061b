"""Load a rule directory: read YAML safely, validate into the typed model, then check meaning
(every name known, every type right, every reference resolvable) before any data is seen."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any
from pydantic import ValidationError
from ..errors import ExpressionError, RuleError, RuleErrors
from ..jobs.scoring.model import RuleSet
from ..jobs.titles.model import TitleRuleSet
from ..jobs.titles.checks import check_titles
from ..jobs.conferences.checks import check_delegates
from ..jobs.conferences.model import DelegateRuleSet
from .yaml_source import LineDict, load_yaml
from ..jobs.scoring.checks import _check_meaning
from .source import Source, rule_files


_LIST_SECTIONS = {"alerts", "criteria", "deductions", "classes", "vetoes", "awards", "totals",
                  "checks", "units", "exclusions", "titles", "unit_checks", "levels", "groups",
                  "programme", "standards", "keys"}


_DICT_SECTIONS = {"inputs", "parameters", "unit_inputs", "plan_inputs", "report_inputs"}


_SINGLE_SECTIONS = {"meta", "ranking"}


#: The sections each kind of rule set may have.
_KIND_SECTIONS = {
    "scoring": {"meta", "inputs", "parameters", "criteria", "deductions", "classes", "vetoes",
                "ranking", "awards", "totals", "checks", "units", "alerts"},
    "titles": {"meta", "inputs", "unit_inputs", "parameters", "exclusions", "titles", "checks",
               "unit_checks"},
    "delegates": {"meta", "inputs", "plan_inputs", "report_inputs", "parameters", "levels",
                  "groups", "programme", "standards", "keys", "checks"},
}


def read_rule_set(path: Path) -> tuple[RuleSet | TitleRuleSet | DelegateRuleSet, Source]:
    """Read and validate a rule directory; raise :class:`RuleErrors` listing every problem."""
    src = Source()
    merged: dict[str, Any] = {}
    errors: list[RuleError] = []
    queue = list(rule_files(path))
    done: set[Path] = set()
    while queue:
        f = queue.pop(0)
        if f.resolve() in done:
            continue
        done.add(f.resolve())
        data = f.read_bytes()
        src.files[f.as_posix()] = hashlib.sha256(data).hexdigest()
        doc = load_yaml(f)
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise RuleError("the top level must be a mapping of sections", file=str(f), line=1)
        for section, value in doc.items():
            line = doc.line_of(section) if isinstance(doc, LineDict) else None
            if section == "include":
                # Shared definitions (e.g. the input tables of several legal regimes), named
                # relative to the including file; read as if they were in this directory.
                for rel in value if isinstance(value, list) else [value]:
                    target = (f.parent / str(rel))
                    if not target.is_file():
                        errors.append(RuleError(f"included file '{rel}' not found", str(f), line))
                    else:
                        queue.append(target)
                continue
            known = _LIST_SECTIONS | _DICT_SECTIONS | _SINGLE_SECTIONS
            if section not in known:
                errors.append(RuleError(f"unknown section '{section}'; expected one of "
                                        + ", ".join(sorted(known)), file=str(f), line=line))
                continue
            src.section_file.setdefault(section, str(f))
            if section in _LIST_SECTIONS:
                if not isinstance(value, list):
                    errors.append(RuleError(f"section '{section}' must be a list", str(f), line))
                    continue
                start = len(merged.setdefault(section, []))
                merged[section].extend(value)
                for i, item in enumerate(value):
                    src.items[(section, start + i)] = (str(f), item)
            elif section in _DICT_SECTIONS:
                if not isinstance(value, dict):
                    errors.append(RuleError(f"section '{section}' must be a mapping", str(f), line))
                    continue
                target = merged.setdefault(section, {})
                for k, v in value.items():
                    if k in target:
                        errors.append(RuleError(f"'{k}' is defined twice in '{section}'", str(f),
                                                value.line_of(k)))
                    target[k] = v
                    src.items[(section, k)] = (str(f), v)
            else:
                if section in merged:
                    errors.append(RuleError(f"section '{section}' is defined twice", str(f), line))
                merged[section] = value
                src.items[(section, None)] = (str(f), value)
    meta = merged.get("meta")
    kind = meta.get("kind", "scoring") if isinstance(meta, dict) else "scoring"
    if kind not in _KIND_SECTIONS:
        f, line = src.where("meta", None, "kind")
        errors.append(RuleError(f"unknown kind '{kind}'; expected one of "
                                + ", ".join(sorted(_KIND_SECTIONS)), f, line))
    else:
        for section in merged:
            if section not in _KIND_SECTIONS[kind]:
                f, line = src.where(section)
                errors.append(RuleError(f"section '{section}' does not belong in a {kind} rule "
                                        "set", f, line))
    if errors:
        raise RuleErrors(errors)
    cls = {"titles": TitleRuleSet, "delegates": DelegateRuleSet}.get(kind, RuleSet)
    if kind == "scoring" and isinstance(meta, dict):
        meta.pop("kind", None)
    try:
        model = cls.model_validate(merged)
    except ValidationError as e:
        raise RuleErrors([_locate(err, merged, src) for err in e.errors()]) from None
    if kind == "titles":
        check_titles(model, src)
    elif kind == "delegates":
        check_delegates(model, src)
    else:
        _check_meaning(model, src)
    return model, src


def _locate(err: dict, merged: dict, src: Source) -> RuleError:
    """Turn one pydantic error into a RuleError with file, line and rule id."""
    loc = list(err.get("loc", ()))
    msg = err.get("msg", "invalid")
    if isinstance(err.get("ctx", {}).get("error"), ExpressionError):
        msg = str(err["ctx"]["error"])
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
    elif err.get("type") == "missing":
        msg = f"missing key '{loc[-1]}'"
    return RuleError(f"{path}: {msg}", file=file, line=line, rule_id=rule_id)
