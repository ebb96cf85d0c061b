"""Catalogue sections every kind of rule set shares: the name book, citations, source documents,
parameters with their dated values, input tables, row checks and the legend of functions."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ...core.models import Localized
from ...rulebook.base import Document, InputField, Parameter, RowCheck
from ...rulebook.source import Source
from ...tables.attested import expand_attested
from ..cite import Citations
from ..names import measure
from .expr import NameBook, NameEntry, readable, value_text
from .md import code, field, md, table
from ...expr.functions import FUNCTIONS
from .words import w


@dataclass
class PageContext:
    """What the sections of one page need: its language, the documents citations point to, and
    the names its expressions use."""
    lang: str
    documents: list[Document]
    book: NameBook

    def say(self, node, item: Optional[str] = None, book: Optional[NameBook] = None) -> str:
        """An expression in words, read by ``item``."""
        return readable(node, book or self.book, self.lang, item)

    def cite(self, cite: str) -> str:
        """A citation in legal style (:mod:`..cite`), as the documents name its source.

        >>> PageContext("en", [], NameBook({})).cite("21/CTĐ-VP §II.7")
        'section II.7 of Letter No. 21/CTĐ-VP'
        """
        return md(Citations(self.documents).get(cite, self.lang))


def input_entries(fields: dict[str, InputField]) -> dict[str, NameEntry]:
    """Name-book entries of an input table, attested fields with their evidence columns."""
    return {n: NameEntry(f.title, "input", labels=f.labels)
            for n, f in expand_attested(fields).items()}


def param_entries(params: dict[str, Parameter],
                  by_fields: dict[str, InputField]) -> dict[str, NameEntry]:
    """Name-book entries of parameters; one with a single dated value shows it inline."""
    out = {}
    for name, p in params.items():
        note = None
        if len(p.values) == 1:
            v = p.values[0].value
            note = {}
            for lang in ("vi", "en"):
                if isinstance(v, dict):
                    f = by_fields.get(p.by or "")
                    title = f.title.get(lang) if f else (p.by or "")
                    parts = [f"{key_label(k, f, lang)} {value_text(x, lang, p.unit)}"
                             for k, x in _keyed(v, f)]
                    note[lang] = w("by_values", lang, field=f"“{md(title)}”",
                                   values="; ".join(parts))
                else:
                    note[lang] = "= " + value_text(v, lang, p.unit)
        out[name] = NameEntry(p.title, "parameter", note=note)
    return out


def key_label(key: str, f: Optional[InputField], lang: str) -> str:
    if key == "default":
        return w("default", lang)
    if f is not None and f.labels and key in f.labels:
        return md(f.labels[key].get(lang))
    return md(key)


def _keyed(value: dict, f: Optional[InputField]) -> list[tuple[str, object]]:
    # The enum's own order, then any other keys (e.g. 'default') by name.
    order = list(f.values or []) if f is not None else []
    keys = [k for k in order if k in value] + sorted(k for k in value if k not in order)
    return [(k, value[k]) for k in keys]


def about(rows: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """A two-column table of facts about the rule set."""
    return table([w("item", lang), w("value", lang)], ([f"**{k}**", v] for k, v in rows))


def layer_changes(src: Source, path: Path, lang: str) -> list[str]:
    """What this layered rule set's own files change in the rule set it extends: the base, from
    when, on what basis, and each entry added, replaced or amended, with its file and line (the
    base's own layers are on the base's page)."""
    if not src.extends:
        return []
    ext = src.extends[-1]
    start = path if path.is_dir() else path.parent
    own = start.resolve()
    line = w("layer_extends", lang, base=code(ext.written))
    if ext.from_ is not None:
        line += " " + w("layer_from", lang, day=ext.from_.strftime("%d/%m/%Y"))
    out = [f"## {w('layer', lang)}", "", line + ".", ""]
    if ext.basis:
        out += [f"{w('basis', lang)}: {md(ext.basis.get(lang))}", ""]
    rows = [[w(f"layer_{c.action}", lang), code(c.section), code(c.key),
             code(f"{Path(os.path.relpath(c.file, start)).as_posix()}:{c.line or ''}")]
            for c in src.changes if "." not in c.key and Path(c.file).resolve().parent == own]
    if rows:
        out += table([w("layer_action", lang), w("layer_section", lang), w("layer_entry", lang),
                       w("layer_where", lang)], rows) + [""]
    return out


def documents(ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('documents', lang)}", ""]
    if not ctx.documents:
        return out + [w("no_documents", lang), ""]
    out += table([w("doc_number", lang), w("doc_title", lang), w("doc_date", lang),
                  w("doc_issuer", lang)],
                 ([md(d.number), md(d.title.get(lang)) + (f" <{d.url}>" if d.url else ""),
                   d.date.isoformat() if d.date else "—", md(d.issuer.get(lang) if hasattr(d.issuer, "get") else d.issuer)]
                  for d in ctx.documents))
    return out + [""]


def parameters(params: dict[str, Parameter], by_fields: dict[str, InputField],
               ctx: PageContext) -> list[str]:
    """Every parameter, by name: each dated value (a column per code for one set ``by`` a
    field), unit, citation, basis and the rules that use it."""
    lang = ctx.lang
    out = [f"## {w('parameters', lang)}", ""]
    if not params:
        return out + [w("no_parameters", lang), ""]
    out += [w("parameters_intro", lang), ""]
    for name in sorted(params):
        p = params[name]
        out += [f"### {md(p.title.get(lang))} ({code(name)})", ""]
        if p.by is not None:
            f = by_fields.get(p.by)
            keys: list[str] = []
            for dv in p.values:
                for k, _ in _keyed(dv.value if isinstance(dv.value, dict) else {}, f):
                    if k not in keys:
                        keys.append(k)
            out += table([w("from", lang)] + [f"{key_label(k, f, lang)} ({code(k, True)})"
                                              for k in keys],
                         ([dv.from_.isoformat()] +
                          [value_text(dv.value[k], lang, p.unit)
                           if isinstance(dv.value, dict) and k in dv.value else "—"
                           for k in keys] for dv in p.values))
            title = f.title.get(lang) if f is not None else p.by
            out += ["", field(w("by_field", lang), f"“{md(title)}” ({code(p.by)})")]
        else:
            out += table([w("from", lang), w("value", lang)],
                         ([dv.from_.isoformat(), value_text(dv.value, lang, p.unit)]
                          for dv in p.values))
            out.append("")
        if p.unit:
            out.append(field(w("unit_of_measure", lang), md(measure(p.unit).get(lang))))
        if p.cite:
            out.append(field(w("cite", lang), ctx.cite(p.cite)))
        out.append(field(w("basis", lang), md(p.basis.get(lang))))
        users = sorted(ctx.book.uses.get(name, ()))
        out.append(field(w("used_in", lang),
                         ", ".join(code(u) for u in users) if users else w("not_used", lang)))
        out.append("")
    return out


def inputs(fields: dict[str, InputField], heading: str, ctx: PageContext,
           level: str = "##") -> list[str]:
    """A table of an input table's fields: type, title, required, limits and headers."""
    lang = ctx.lang
    out = [f"{level} {heading}", ""]
    rows = []
    for name, f in fields.items():
        kind = w(f"t_{f.type}", lang)
        if f.unit:
            kind += f" ({md(measure(f.unit).get(lang))})"
        label = code(name, True)
        if f.role:
            label += f" — {w('role', lang)}: {w('r_' + f.role, lang)}"
        rows.append([label, md(f.title.get(lang)), kind, w("yes" if f.required else "no", lang),
                     _limits(f, lang), "; ".join(code(h, True) for h in _headers(name, f))])
    out += table([w("field", lang), w("title", lang), w("type", lang), w("required", lang),
                  w("limits", lang), w("headers", lang)], rows)
    out += ["", w("headers_note", lang)]
    if any(f.type == "attested" for f in fields.values()):
        out += ["", w("attested_note", lang)]
    return out + [""]


def _limits(f: InputField, lang: str) -> str:
    if f.values:
        return "; ".join(f"{code(v, True)} {md(f.labels[v].get(lang))}"
                         if f.labels and v in f.labels else code(v, True) for v in f.values)
    parts = []
    if f.min is not None:
        parts.append(f"≥ {value_text(f.min, lang)}")
    if f.max is not None:
        parts.append(f"≤ {value_text(f.max, lang)}")
    return "; ".join(parts)


def _headers(name: str, f: InputField) -> list[str]:
    # The loader matches headers case-insensitively after NFC and space folding.
    out: list[str] = []
    seen: set[str] = set()
    for h in [name, f.title.vi, f.title.en, *f.aliases]:
        k = " ".join(h.split()).casefold()
        if k not in seen:
            seen.add(k)
            out.append(h)
    return out


def row_checks(checks: list[RowCheck], heading: str, ctx: PageContext,
               book: Optional[NameBook] = None) -> list[str]:
    lang = ctx.lang
    if not checks:
        return []
    out = [f"## {heading}", "", w("row_checks_intro", lang), ""]
    out += table([w("check_id", lang), w("column", lang), w("must_hold", lang),
                  w("message", lang), w("expression", lang)],
                 ([code(c.id, True), code(c.field, True), ctx.say(c.holds, c.id, book),
                   md(c.message.get(lang)), code(c.holds.text(), True)] for c in checks))
    return out + [""]


def legend(ctx: PageContext) -> list[str]:
    """What each function the page's conditions use means (render the body first: the walk
    over its expressions records the functions)."""
    lang = ctx.lang
    used = sorted(ctx.book.functions)
    if not used:
        return []
    out = [f"## {w('legend', lang)}", "", w("legend_intro", lang), ""]
    for f in used:
        fn = FUNCTIONS[f]
        name, meaning = fn.words(lang)
        if f == "iif":
            shown = md(w("iif_shown", lang))
        else:
            shown = f"{md(name)}(" + \
                (fn.args.replace("; ", ", ") if lang == "en" else fn.args) + ")"
        out.append(f"- **{shown}** ({code(f)}): {md(meaning)}")
    return out + [""]


def say_name(name: str, entries: dict[str, NameEntry], lang: str) -> str:
    """A field, parameter or title by its title in quotes, with its id."""
    e = entries.get(name)
    if e is None:
        return code(name)
    return f"“{md(e.title.get(lang))}” ({code(name)})"


def loc(text: Optional[Localized], lang: str) -> str:
    return md(text.get(lang)) if text is not None else ""
