"""Show a rule-version diff in the terminal: the rule sets, notices, counts, the parameters and
rules that differ, a table of the changed units or people, and a tree of each change. Ids,
parameters and citations are said in words (``Diff.words``); the expressions and paths behind
them with ``show_expressions``."""
from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ..i18n.diff import text as tx
from ..i18n.explain import t
from .model import Diff, DiffEntry
from .text import (Words, change_text, definition_text, parameter_text, side_notice_prefix,
                   side_text, status_label, where_text)


def words(diff: Diff) -> Words:
    return Words(diff.words, diff.value_words)


def header_lines(diff: Diff, lang: str = "vi") -> list[str]:
    """The rule sets compared, the warnings, and the counts, one line each (markup-free).

    >>> from thiduakhenthuong.diff.compare import diff_rule_sets
    >>> d = diff_rule_sets("rules/lao-cai-2023", "rules/lao-cai-2023",
    ...                    "fixtures/lao-cai-2023/units.csv")
    >>> header_lines(d, "en")[-1].split("; ")[:2]
    ['Compared 11: changed 0, unchanged 11', 'old rules only 0, new rules only 0']
    """
    w = words(diff)
    out = []
    for side, info in (("old", diff.old), ("new", diff.new)):
        years = f"; {info.from_year}–{info.to_year}" if info.regime else ""
        out.append(tx("rule_set", lang, side=side_notice_prefix(side, lang), path=info.path,
                      id=info.id, version=info.version, hash=info.hash, years=years))
    what = [diff.source]
    if diff.year is not None:
        what.append(tx("year", lang, year=diff.year))
    if diff.level is not None:
        what.append(tx("level", lang, level=w.name(diff.level, lang)))
    if diff.as_of is not None:
        what.append(tx("as_of", lang, day=w.show(diff.as_of, lang)))
    out.append(tx("data", lang, what=", ".join(what)))
    for n in diff.notices:
        out.append(tx("warning", lang, text=n.message.get(lang)))
    out.append(tx("summary", lang, **diff.summary.model_dump()))
    return out


def parameters_table(diff: Diff, lang: str = "vi") -> Table:
    """The parameters whose values differ, with dates, basis and citation."""
    w = words(diff)
    tbl = Table(title=tx("params_title", lang))
    for h in ("h_parameter", "h_old", "h_new", "h_from", "h_basis"):
        tbl.add_column(tx(h, lang))
    for p in diff.parameters:
        basis = p.new_basis or p.old_basis
        said = basis.get(lang) if basis is not None else ""
        cite = w.cite(p.cite, lang)
        name = p.title.get(lang) if p.title else w.name(p.name, lang)
        tbl.add_row(escape(name), escape(w.show(p.old, lang, p.name)),
                    escape(w.show(p.new, lang, p.name)),
                    f"{w.show(p.old_from, lang)} → {w.show(p.new_from, lang)}",
                    escape(said + (f" [{cite}]" if cite else "")))
    return tbl


def definitions_table(diff: Diff, lang: str = "vi") -> Table:
    """The rules written differently, item by item, in words."""
    tbl = Table(title=tx("defs_title", lang))
    for h in ("h_where", "h_old", "h_new"):
        tbl.add_column(tx(h, lang))
    for d in diff.definitions:
        tbl.add_row(escape(where_text(d, lang)), escape(side_text(d, "old", lang)),
                    escape(side_text(d, "new", lang)))
    return tbl


def entries_table(diff: Diff, lang: str = "vi", limit: int | None = None) -> Table:
    """One row per changed unit or person (and title): what changed and why."""
    w = words(diff)
    titles = diff.kind == "titles"
    tbl = Table(title=tx("changes_title", lang))
    cols = ["h_id", "h_name"] + (["h_title"] if titles else []) + \
        ["h_group", "h_status", "h_changes", "h_reason"]
    for h in cols:
        tbl.add_column(tx(h, lang))
    for e in diff.entries[:limit]:
        row = [e.id, e.name or ""] + ([e.title.get(lang) if e.title else
                                       w.name(e.title_id or "", lang)] if titles else []) + \
            [w.show(e.group, lang) if e.group else "", status_label(e.status, lang),
             "; ".join(change_text(c, lang, w) for c in e.changes), e.reason.get(lang)]
        tbl.add_row(*(escape(str(x)) for x in row))
    return tbl


def _values(v: dict[str, Any], lang: str, w: Words) -> str:
    return "; ".join(f"{w.name(k, lang)} = {w.show(x, lang, k)}" for k, x in v.items())


def entry_tree(e: DiffEntry, lang: str = "vi", diff: Diff | None = None,
               show_expressions: bool = False) -> Tree:
    """A changed unit or person: the decision's changes, then each changed criterion with the
    values it read on both sides, its citations, the parameters and rules that changed."""
    w = words(diff) if diff is not None else Words()
    head = f"{e.name} ({e.id})" if e.name else e.id
    if e.title is not None:
        head += f" — {e.title.get(lang)}"
    tree = Tree(escape(head + ": " + "; ".join(change_text(c, lang, w) for c in e.changes)))
    if e.status != "changed":
        tree.add(escape(e.reason.get(lang)))
    for side, text in (("old", e.explain_old), ("new", e.explain_new)):
        if text is not None:
            tree.add(escape(f"{side_notice_prefix(side, lang)}: {text.get(lang)}"))
    for c in e.criteria:
        cite = w.cite(c.cite_new or c.cite_old, lang)
        if c.cite_old and c.cite_new and c.cite_old != c.cite_new:
            cite = f"{w.cite(c.cite_old, lang)} → {w.cite(c.cite_new, lang)}"
        title = c.title.get(lang) if c.title else w.name(c.id, lang)
        node = tree.add(escape(title + (f" [{cite}]" if cite else "") + ": "
                               + "; ".join(change_text(x, lang, w) for x in c.changes)))
        if show_expressions:
            node.add(escape(t("expression", lang, code=c.id)))
        if c.only_in:
            node.add(escape(tx("only_in", lang,
                               side=side_notice_prefix(c.only_in, lang).lower())))
        for side, vals in (("old", c.values_old), ("new", c.values_new)):
            if vals:
                node.add(escape(tx("values_read", lang,
                                   side=side_notice_prefix(side, lang).lower(),
                                   values=_values(vals, lang, w))))
        for p in c.parameters:
            node.add(escape(tx("parameter", lang, text=parameter_text(p, lang, words=w))))
        for d in c.definition:
            sub = node.add(escape(tx("rule", lang, text=definition_text(d, lang))))
            if show_expressions:
                sub.add(escape(t("expression", lang,
                                 code=f"{d.path}: {d.old or '—'} → {d.new or '—'}")))
    return tree


def render(diff: Diff, lang: str = "vi", details: bool = True,
           limit: int | None = None, show_expressions: bool = False) -> list[Any]:
    """Everything to print, in order: header lines, tables and (with ``details``) one tree per
    change. Strings are escaped for rich markup."""
    out: list[Any] = [escape(line) for line in header_lines(diff, lang)]
    if diff.parameters:
        out.append(parameters_table(diff, lang))
    if diff.definitions:
        out.append(definitions_table(diff, lang))
    if diff.entries:
        out.append(entries_table(diff, lang, limit))
        if details:
            out += [entry_tree(e, lang, diff, show_expressions) for e in diff.entries[:limit]]
    else:
        out.append(tx("no_change", lang))
    return out
