"""The words a diff needs, gathered from both rule sets while they are at hand: what a reader
calls every id, parameter, input field and citation, the labels of code values, and each rule
written differently said in words (where: the item's title and the key; what: an expression read
out). The renderers of a diff read only the :class:`.model.Diff`."""
from __future__ import annotations

import json
import re
from typing import Any

from ..core.models import Localized
from ..i18n.diff import rule_item, rule_keys, rule_values
from ..render.names import Names
from .model import DefinitionChange, Diff, DiffEntry
from .text import Words, reason, rule_key

_SEGMENT = re.compile(r"([^.\[\]]+)(?:\[([^\]]+)\])?")


def words_of(old: Any, new: Any, unit_names: dict[str, str] | None = None
             ) -> tuple[dict[str, Localized], dict[str, dict[str, Localized]], list[Names]]:
    """The words of both rule models (the new one's winning), and their :class:`Names`."""
    sides = [Names(old, unit_names), Names(new, unit_names)]
    words: dict[str, Localized] = {}
    values: dict[str, dict[str, Localized]] = {}
    for n in sides:
        for k, t in n.things.items():
            words[k] = t
        for k, c in n.clusters.items():
            words[k] = c
        for k, u in n.units.items():
            words[k] = Localized(vi=u, en=u)
        for k, e in n.book.entries.items():
            words[k] = e.title
        for k, f in n.fields.items():
            if f.labels:
                values[k] = dict(f.labels)
    for n in sides:
        cites, titled = _walk(n.model)
        for cite in cites:
            t = n.cite(cite)
            words[cite] = Localized(vi=t.vi, en=t.en)
        for k, title in titled.items():
            words.setdefault(k, title)
    return words, values, sides


def _walk(model: Any) -> tuple[set[str], dict[str, Localized]]:
    """Every citation a rule model writes, and every item with an id and a title (checks,
    routes, keys nested in titles), from its dump."""
    cites: set[str] = set()
    titled: dict[str, Localized] = {}

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            t = x.get("title")
            if isinstance(x.get("id"), str) and isinstance(t, dict) and "vi" in t and "en" in t:
                titled[x["id"]] = Localized(vi=t["vi"], en=t["en"])
            for k, v in x.items():
                if k.endswith("cite") and isinstance(v, str):
                    cites.add(v)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(model.model_dump(mode="json"))
    return cites, titled


def _where(d: DefinitionChange, words: Words) -> Localized:
    out = {}
    for lang in ("vi", "en"):
        parts = []
        for m in _SEGMENT.finditer(d.path):
            key, inner = m.group(1), m.group(2)
            said = rule_key(key, lang)
            if inner is not None:
                if inner.isdigit():
                    said = f"{rule_item(key, lang) if key in rule_item else said} {int(inner) + 1}"
                else:
                    said = f"“{words.name(inner, lang)}”" if key in _ITEMS else \
                        f"{said} “{words.name(inner, lang)}”"
            parts.append(said)
        out[lang] = " › ".join(parts)
    return Localized(**out)


#: Sections whose items are named by their title alone.
_ITEMS = {"criteria", "deductions", "events", "classes", "vetoes", "awards", "titles",
          "exclusions", "checks", "routes", "standards", "groups", "levels", "parameters",
          "inputs", "unit_inputs", "sections"}


def _said(text: str | None, names: Names, w: Words) -> Localized | None:
    """A rule's text (an expression, or a whole item as JSON) read out in words."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    return Localized(vi=_say(value, names, w, "vi"), en=_say(value, names, w, "en"))


def _say(value: Any, names: Names, w: Words, lang: str) -> str:
    if isinstance(value, dict):
        t = value.get("title")
        if isinstance(t, dict) and lang in t:
            head = f"“{t[lang]}”"
        elif isinstance(value.get("id"), str):
            head = f"“{w.name(value['id'], lang)}”"
        else:
            head = ""
        parts = [f"{rule_key(k, lang) if k in rule_keys else rule_values(k, lang) if k in rule_values else k}: {_say(v, names, w, lang)}"
                 for k, v in value.items()
                 if k not in ("id", "title", "cite", "basis", "hint", "note") and v not in
                 ([], {}, None)]
        body = "; ".join(parts)
        return f"{head} ({body})" if head and body else head or body
    if isinstance(value, list):
        return "; ".join(_say(v, names, w, lang) for v in value)
    if isinstance(value, str):
        if value in rule_values:
            return rule_values(value, lang)
        if value in w.words:
            return w.words[value].get(lang)
        try:
            return names.expr(value).get(lang)
        except Exception:   # not an expression: a method, a date, a plain word
            return rule_key(value, lang)
    return w.show(value, lang)


def with_words(diff: Diff, old_model: Any, new_model: Any,
               unit_names: dict[str, str] | None = None) -> Diff:
    """``diff`` with the words of both rule sets: ``words``, ``value_words``, each definition
    said in words, and each entry's reason said by titles rather than ids."""
    words, values, (no, nn) = words_of(old_model, new_model, unit_names)
    w = Words(words, values)
    defs = [d.model_copy(update={"where": _where(d, w), "old_words": _said(d.old, no, w),
                                 "new_words": _said(d.new, nn, w)}) for d in diff.definitions]
    for e in diff.entries:
        for c in e.criteria:
            for k in [*c.values_old, *c.values_new]:
                if k not in words and "(" in k:
                    t = nn.expr(k)
                    words[k] = Localized(vi=t.vi, en=t.en)
    by_path = {d.path: d for d in defs}
    entries = []
    for e in diff.entries:
        crit = [c.model_copy(update={"definition": [by_path.get(d.path, d) for d in c.definition]})
                for c in e.criteria]
        e2: DiffEntry = e.model_copy(update={"criteria": crit})
        if crit and e.status == "changed":
            own = [c for c in crit if c.kind not in ("award", "ranking", "selection")]
            if own:
                e2 = e2.model_copy(update={"reason": reason(crit, None, w)})
        entries.append(e2)
    return diff.model_copy(update={"words": words, "value_words": values, "definitions": defs,
                                   "entries": entries})
