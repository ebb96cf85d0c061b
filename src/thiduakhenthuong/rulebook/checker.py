"""The meaning checks every kind of rule set shares: collect problems located by file and line,
then raise them together. Scoring, title and conference rule sets each add their own checks on
top of these."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, Iterable, Mapping

from ..errors import ExpressionError, RuleError, RuleErrors
from ..expr import Node, infer_type
from ..expr.evaluate import BOOL, DATE, NUMBER, TEXT
from .base import Document, InputField, Parameter

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: The expression type of each input field type (an attested field reads as yes/no).
INPUT_TYPES = {"text": TEXT, "enum": TEXT, "integer": NUMBER, "number": NUMBER,
               "percent": NUMBER, "date": DATE, "bool": BOOL, "attested": BOOL}


def param_kind(v: Any) -> str:
    """The expression type of a parameter value."""
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, (int, float)):
        return NUMBER
    if isinstance(v, dt.date):
        return DATE
    return TEXT


class Checker:
    """Collects meaning problems of one rule set (see :meth:`done`)."""

    def __init__(self, src: Any, documents: list[Document]):
        self.src = src
        self.errors: list[RuleError] = []
        self.doc_numbers = [d.number for d in documents]
        self.seen_ids: dict[str, str] = {}

    def err(self, msg: str, section: str, key: Any = None, sub: str | None = None,
            rule_id: str | None = None, words: Any = None) -> None:
        f, line = self.src.where(section, key, sub)
        self.errors.append(RuleError(msg, file=f, line=line, rule_id=rule_id, words=words))

    def done(self) -> None:
        """Raise every problem found, together."""
        if self.errors:
            raise RuleErrors(self.errors)

    def id(self, i: str, section: str, key: Any) -> None:
        """An id is lower-case and unique across the whole rule set."""
        if not _ID.match(i):
            self.err(f"id '{i}' must be lower-case letters, digits and '_'", section, key, "id", i)
        if i in self.seen_ids:
            self.err(f"id '{i}' is already used in '{self.seen_ids[i]}'", section, key, "id", i)
        self.seen_ids[i] = section

    def cite(self, cite: str | None, section: str, key: Any, rule_id: str | None) -> None:
        """A citation names a document listed in ``meta.documents``."""
        numbers = self.doc_numbers
        if cite and numbers and not any(cite.startswith(n + " ") for n in numbers):
            self.err(f"cites '{cite}', but its document is not listed in meta.documents "
                     f"({', '.join(numbers)})", section, key, "cite", rule_id)

    def expr(self, node: Node | None, want: str, env: Mapping[str, str], section: str, key: Any,
             sub: str, rule_id: str | None, *, what: str = "name",
             only_hint: Mapping[str, str] | None = None, windows: bool = False,
             members: Mapping[str, str] | None = None, groups: bool = False) -> None:
        """``node`` reads only names of ``env`` (or, inside member functions, of ``members``)
        and has type ``want``. ``only_hint``: names that exist but are not allowed here."""
        if node is None:
            return
        try:
            unknown = sorted(node.names() - env.keys() - (members.keys() if members else set()))
            if unknown:
                extra = " (only parameters may be used here)" if only_hint is not None and \
                    set(unknown) <= only_hint.keys() else ""
                hints = [h for u in unknown for h in difflib.get_close_matches(u, env, 1, 0.6)]
                hint = f" (did you mean {', '.join(map(repr, hints))}?)" if hints else ""
                raise ExpressionError(f"unknown {what} {', '.join(map(repr, unknown))}{extra}"
                                      f"{hint}", node.text(),
                                      words=("unknown_names", {
                                          "names": ", ".join(map(repr, unknown)),
                                          "hint": ("did_you_mean_names", {
                                              "names": ", ".join(map(repr, hints))})
                                          if hints else ""}))
            got = infer_type(node, env, windows=windows, members=members, groups=groups)
            if want == NUMBER and got == BOOL:
                got = NUMBER
            if got != want:
                raise ExpressionError(f"'{sub}' must be a {want} expression, got {got}",
                                      node.text())
        except ExpressionError as e:
            self.err(f"{sub}: {e}", section, key, sub, rule_id,
                     words=("path_message", {"path": sub, "message": e.words})
                     if e.words is not None else None)

    def merit_key(self, node: Node, env: Mapping[str, str], section: str, key: Any,
                  sub: str, rule_id: str | None, *, label: str = "key",
                  windows: bool = False) -> None:
        """A ranking key reads known names and gives something orderable (not a date or list)."""
        try:
            unknown = node.names() - env.keys()
            if unknown:
                raise ExpressionError(f"unknown name {sorted(unknown)}", node.text())
            got = infer_type(node, env, windows=windows)
            if got == DATE or got.startswith("list"):
                raise ExpressionError("a merit key must be a number, yes/no or text",
                                      node.text())
        except ExpressionError as e:
            self.err(f"{label}: {e}", section, key, sub, rule_id)

    def param_kinds(self, parameters: Mapping[str, Parameter]) -> dict[str, str]:
        """Each parameter's type; values of mixed types are an error."""
        out = {}
        for name, p in parameters.items():
            kinds = {param_kind(v) for dv in p.values
                     for v in (dv.value.values() if isinstance(dv.value, dict) else [dv.value])}
            if len(kinds) > 1 and kinds != {NUMBER}:
                self.err(f"values of mixed types {sorted(kinds)}", "parameters", name,
                         rule_id=name)
            out[name] = kinds.pop() if kinds else NUMBER
        return out

    def roles(self, fields: Mapping[str, InputField], section: str,
              required: Iterable[str] = ()) -> dict[str, str]:
        """Role -> field name; a role given twice, or a required one missing, is an error."""
        roles: dict[str, str] = {}
        for name, f in fields.items():
            if f.role:
                if f.role in roles:
                    self.err(f"two fields have role '{f.role}': '{roles[f.role]}' and '{name}'",
                             section, name)
                roles[f.role] = name
        for role in required:
            if role not in roles:
                self.err(f"one field must have role '{role}'", section)
        return roles
