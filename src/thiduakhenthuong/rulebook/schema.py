"""JSON Schema of the rule files of each kind, from the pydantic models, for editors.

A rule set is split over several files, so the schema of a *file* makes every section optional
(the loader checks that the set as a whole has what it needs); unknown keys are errors, as in
the loader. Expressions are written as text (or a bare number or yes/no). The descriptions are
the models' own (the rule reference, ``docs/rule-reference.md``, explains each key in full).

>>> s = file_schema("scoring")
>>> sorted(s["properties"])[:4], s["additionalProperties"]
(['alerts', 'awards', 'checks', 'classes'], False)
"""
from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from ..core import job as jobs
from .load import sections

#: The JSON Schema dialect written.
DIALECT = "https://json-schema.org/draft/2020-12/schema"
_EXPR = {"type": ["string", "number", "boolean"],
         "description": "an expression: text such as ratio(a, b) >= 0.9, a bare number or "
                        "true/false (see the rule reference, Expression language)"}


def kinds() -> list[str]:
    """The kinds of rule set a schema can be written for."""
    return sorted(j.kind for j in jobs.jobs())


def file_schema(kind: str, layer: bool = False) -> dict[str, Any]:
    """The JSON Schema of one rule file of ``kind`` (every section optional; ``include`` of
    shared files and ``extends`` allowed). ``layer``: a file of a rule set that extends another,
    whose entries amend the base's and so need none of their required keys.

    >>> "required" in str(file_schema("titles", layer=True)["$defs"]["Title"])
    False
    """
    job = jobs.get(kind)
    model: type[BaseModel] = job.model
    full = model.model_json_schema(mode="validation", ref_template="#/$defs/{model}")
    defs = full.get("$defs", {})
    props = copy.deepcopy(full["properties"])
    for name, shape in sections(model).items():
        if shape == "list" and props.get(name, {}).get("type") == "array":
            props[name].pop("minItems", None)
        if shape == "dict" and "propertyNames" in props.get(name, {}):
            props[name].pop("propertyNames")
    props["include"] = {"description": "shared rule files read as if they were in this folder, "
                                       "relative to this file",
                        "anyOf": [{"type": "string"}, {"type": "array",
                                                       "items": {"type": "string"}}]}
    props["extends"] = {"description": "the rule set this one adds to and amends: a folder beside "
                                       "it (../regime-2025) or a bundled rule set's name, or "
                                       "{rules, from, basis}",
                        "anyOf": [{"type": "string"},
                                  {"type": "object", "additionalProperties": False,
                                   "properties": {"rules": {"type": "string"},
                                                  "from": {"type": "string"},
                                                  "basis": {"anyOf": [
                                                      {"type": "string"}, {"type": "object"}]}}}]}
    out = {"$schema": DIALECT,
           "$id": f"https://thiduakhenthuong.invalid/schema/{kind}.json",
           "title": f"thiduakhenthuong {kind} rule file",
           "description": (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else kind,
           "type": "object", "properties": props, "additionalProperties": False, "$defs": defs}
    return _optional(_fix(out)) if layer else _fix(out)


def _optional(node: Any) -> Any:
    """The schema with no key required anywhere (a layer writes only what it changes)."""
    if isinstance(node, dict):
        return {k: _optional(v) for k, v in node.items()
                if not (k == "required" and isinstance(v, list))}
    if isinstance(node, list):
        return [_optional(x) for x in node]
    return node


def _fix(node: Any) -> Any:
    """Expressions (an arbitrary AST type to pydantic) become text/number/yes-no; dates are
    written unquoted in YAML, which editors read as text in the ISO form."""
    if isinstance(node, dict):
        if node.get("type") == "object" and not node.get("properties") and \
                node.get("title") == "Node":
            return dict(_EXPR)
        if node.get("format") == "date" and node.get("type") == "string":
            node = {**node, "pattern": r"^\d{4}-\d{2}-\d{2}$"}
            node.pop("format", None)
        return {k: _fix(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_fix(x) for x in node]
    return node
