"""Load a rule directory: read YAML safely, validate into the typed model, then check meaning
(every name known, every type right, every reference resolvable) before any data is seen."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import ExpressionError, RuleError, RuleErrors
from ..expr import Node
from ..expr.evaluate import BOOL, NUMBER
from .rules import RuleSet
from .titles import TitleRuleSet
from .check_titles import check_titles
from .check_delegates import check_delegates
from .delegates import DelegateRuleSet
from .checker import INPUT_TYPES, Checker, param_kind
from .yaml_source import LineDict, load_yaml

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


@dataclass
class Source:
    """Where each part of the rule set came from, for error messages."""
    files: dict[str, str] = field(default_factory=dict)            # path -> sha256
    section_file: dict[str, str] = field(default_factory=dict)     # section -> file (first)
    items: dict[tuple[str, Any], tuple[str, Any]] = field(default_factory=dict)
    # (section, index or key) -> (file, raw LineDict)

    def where(self, section: str, key: Any = None, sub: str | None = None) -> tuple[str | None,
                                                                                    int | None]:
        if key is not None and (section, key) in self.items:
            f, raw = self.items[(section, key)]
            if isinstance(raw, LineDict):
                return f, raw.line_of(sub) if sub else raw.line
            return f, None
        return self.section_file.get(section), None


def rule_files(path: Path) -> list[Path]:
    """The YAML files of a rule set: a directory's ``*.yaml``/``*.yml`` (sorted), or one file."""
    if path.is_dir():
        files = sorted(list(path.glob("*.yaml")) + list(path.glob("*.yml")))
        if not files:
            raise RuleError("no .yaml rule files in this directory", file=str(path))
        return files
    if path.is_file():
        return [path]
    raise RuleError("no such rule file or directory", file=str(path))


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


def _check_meaning(m: RuleSet, src: Source) -> None:
    ck = Checker(src, m.meta.documents)
    err = ck.err

    # Names: inputs and parameters share one namespace so a bare name is never ambiguous.
    types: dict[str, str] = {n: INPUT_TYPES[f.type] for n, f in m.inputs.items()}
    for name in m.parameters:
        if name in m.inputs:
            err(f"parameter '{name}' has the same name as an input field", "parameters", name)
    roles = ck.roles(m.inputs, "inputs")
    if "key" not in roles:
        err("one input field must have role 'key' (the unit id)", "inputs")

    as_of = m.meta.period.as_of
    for name, p in m.parameters.items():
        kinds = set()
        for dv in p.values:
            vals = dv.value.values() if isinstance(dv.value, dict) else [dv.value]
            for v in vals:
                kinds.add(param_kind(v))
            if p.by is None and isinstance(dv.value, dict):
                err("a value given per key needs 'by: <input field>'", "parameters", name,
                    rule_id=name)
            if p.by is not None and not isinstance(dv.value, dict):
                err(f"with 'by: {p.by}' each value must be a mapping", "parameters", name,
                    rule_id=name)
        if len(kinds) > 1 and kinds != {NUMBER}:
            err(f"values of mixed types {sorted(kinds)}", "parameters", name, rule_id=name)
        types[name] = kinds.pop() if kinds else NUMBER
        if p.by is not None:
            f = m.inputs.get(p.by)
            if f is None or f.type != "enum":
                err(f"'by: {p.by}' must name an enum input field", "parameters", name, "by", name)
            else:
                for dv in p.values:
                    if isinstance(dv.value, dict):
                        missing = [v for v in f.values if v not in dv.value and
                                   "default" not in dv.value]
                        extra = [k for k in dv.value if k not in f.values and k != "default"]
                        if missing:
                            err(f"no value for {p.by} = {missing} from {dv.from_}", "parameters",
                                name, rule_id=name)
                        if extra:
                            err(f"unknown {p.by} values {extra}", "parameters", name,
                                rule_id=name)
        try:
            p.as_of(as_of)
        except ValueError as e:
            err(f"{e} (the rule set is judged as of {as_of})", "parameters", name, rule_id=name)

    params_only = {n: t for n, t in types.items() if n in m.parameters}

    def check_expr(node: Node | None, want: str, section: str, key: Any, sub: str,
                   rule_id: str | None, env: dict[str, str] = types) -> None:
        only = env is params_only
        ck.expr(node, want, env, section, key, sub, rule_id,
                what="parameter" if only else "input field or parameter",
                only_hint=types if only else None)

    check_id, check_cite = ck.id, ck.cite

    for i, c in enumerate(m.criteria):
        check_id(c.id, "criteria", i)
        check_cite(c.cite, "criteria", i, c.id)
        check_expr(c.applies, BOOL, "criteria", i, "applies", c.id)
        check_expr(c.achieved, NUMBER, "criteria", i, "achieved", c.id)
        check_expr(c.target, NUMBER, "criteria", i, "target", c.id)
        check_expr(c.condition, BOOL, "criteria", i, "condition", c.id)
        check_expr(c.max_points, NUMBER, "criteria", i, "max_points", c.id, params_only)
        if c.bonus:
            check_expr(c.bonus.points_per_step, NUMBER, "criteria", i, "bonus", c.id, params_only)
            check_expr(c.bonus.max, NUMBER, "criteria", i, "bonus", c.id, params_only)
    for i, d in enumerate(m.deductions):
        check_id(d.id, "deductions", i)
        check_cite(d.cite, "deductions", i, d.id)
        check_expr(d.points, NUMBER, "deductions", i, "points", d.id)
        check_expr(d.max, NUMBER, "deductions", i, "max", d.id, params_only)
    check_expr(m.meta.bonus_max, NUMBER, "meta", None, "bonus_max", None, params_only)
    class_ids = [c.id for c in m.classes]
    for i, c in enumerate(m.classes):
        check_id(c.id, "classes", i)
        check_expr(c.min_total, NUMBER, "classes", i, "min_total", c.id, params_only)
        if c.min_total is None and i != len(m.classes) - 1:
            err("only the last (lowest) class may have no min_total", "classes", i, None, c.id)
    if m.classes and m.classes[-1].min_total is not None:
        err("the last class must have no min_total, so every total gets a class", "classes",
            len(m.classes) - 1, None, m.classes[-1].id)
    for i, a in enumerate(m.alerts):
        check_id(a.id, "alerts", i)
        check_cite(a.cite, "alerts", i, a.id)
        check_expr(a.when, BOOL, "alerts", i, "when", a.id)
        if a.from_.year != m.meta.period.year:
            err(f"'from' {a.from_} is outside the period {m.meta.period.year}", "alerts", i,
                "from", a.id)
    crit_ids = {c.id for c in m.criteria}
    for i, v in enumerate(m.vetoes):
        check_id(v.id, "vetoes", i)
        check_cite(v.cite, "vetoes", i, v.id)
        if v.criterion not in crit_ids:
            err(f"unknown criterion '{v.criterion}'", "vetoes", i, "criterion", v.id)
        if v.max_class not in class_ids:
            err(f"unknown class '{v.max_class}'", "vetoes", i, "max_class", v.id)
    for i, a in enumerate(m.awards):
        check_id(a.id, "awards", i)
        check_cite(a.cite, "awards", i, a.id)
        if a.min_class not in class_ids:
            err(f"unknown class '{a.min_class}'", "awards", i, "min_class", a.id)
    if m.ranking.group_by not in m.inputs:
        err(f"group_by '{m.ranking.group_by}' is not an input field", "ranking", None, "group_by")
    for k in m.ranking.keys:
        if not valid_rank_key(k.key, m):
            err(f"unknown ranking key '{k.key}'; use class, total, base, bonus, deduction, "
                "points.<criterion>, ratio.<criterion> or an input field", "ranking", None, "keys")
    for i, t in enumerate(m.totals):
        check_id(t.id, "totals", i)
        check_cite(t.cite, "totals", i, t.id)
        if t.field not in m.inputs or types.get(t.field) != NUMBER:
            err(f"'{t.field}' is not a numeric input field", "totals", i, "field", t.id)
        check_expr(t.expected, NUMBER, "totals", i, "expected", t.id, params_only)
    for i, rc in enumerate(m.checks):
        check_id(rc.id, "checks", i)
        check_expr(rc.holds, BOOL, "checks", i, "holds", rc.id)
        if rc.field not in m.inputs:
            err(f"'{rc.field}' is not an input field", "checks", i, "field", rc.id)
    if m.units is not None:
        level_field = m.inputs.get(roles.get("level", ""))
        ids = set()
        for i, u in enumerate(m.units):
            if u.id in ids:
                err(f"unit '{u.id}' is listed twice", "units", i, "id", u.id)
            ids.add(u.id)
            if level_field is not None and level_field.values and u.level not in level_field.values:
                err(f"level '{u.level}' is not one of {level_field.values}", "units", i, "level",
                    u.id)
    ck.done()


def valid_rank_key(key: str, m: RuleSet) -> bool:
    if key in ("class", "total", "base", "bonus", "deduction"):
        return True
    if key.startswith(("points.", "ratio.")):
        return key.split(".", 1)[1] in {c.id for c in m.criteria}
    return key in m.inputs


def version_hash(src: Source) -> str:
    """A short hash over the rule files' names and contents: the rule-set version."""
    h = hashlib.sha256()
    for path in sorted(src.files):
        h.update(Path(path).name.encode())
        h.update(src.files[path].encode())
    return h.hexdigest()[:16]
