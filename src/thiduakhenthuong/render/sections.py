"""Report parts every job shares: rule-set facts, parameters used, source documents, rejected
rows and warnings."""
from __future__ import annotations

import re
from importlib import metadata
from typing import Any

from ..core.trace import Notice, RejectedRow
from .page import Cell, Fact, Node, Section, Table, Text, cell, join, label, value
from .rules_used import readable_rows


def generator() -> str:
    """The library and its version, named in the page so a reader knows what produced it.

    >>> generator().startswith("thiduakhenthuong ")
    True
    """
    try:
        return f"thiduakhenthuong {metadata.version('thiduakhenthuong')}"
    except metadata.PackageNotFoundError:   # running from a source tree that is not installed
        return "thiduakhenthuong (not installed)"


def ruleset_facts(ruleset_id: str, version: str, ruleset_hash: str) -> list[Fact]:
    return [Fact(label=label("ruleset"), value=Text.same(ruleset_id)),
            Fact(label=label("version"), value=Text.same(version)),
            Fact(label=label("hash"), value=Text.same(ruleset_hash)),
            Fact(label=label("library"), value=Text.same(generator()))]


def parameters_section(model: Any, params: dict[str, Any]) -> Section:
    """Every parameter in force for the run (value, date in force, basis), from
    :func:`.rules_used.rules_used_rows` so the workbook and the report agree.

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> s = parameters_section(res.rules, res.params)
    >>> len(s.tables[0].rows) == len(res.params)
    True
    """
    vi_rows = readable_rows(model, params, "vi")
    en_rows = readable_rows(model, params, "en")
    rows = []
    for v, e in zip(vi_rows, en_rows):
        rows.append([Cell(text=Text(vi=v["parameter"], en=e["parameter"]),
                          anchor=param_anchor(v["parameter_code"])),
                     cell(Text(vi=v["value"], en=e["value"])),
                     cell(Text.same(v["effective_from"])),
                     cell(Text(vi=v["basis"], en=e["basis"])), cell(Text(vi=v["cite"], en=e["cite"])),
                     cell(Text(vi=v["by"], en=e["by"]))])
    heads = ["parameter", "value", "from", "basis", "cite", "by"]
    tables = [Table(head=[label(h) for h in heads], rows=rows)]
    docs = getattr(model.meta, "documents", [])
    if docs:
        tables.append(Table(
            caption=label("documents"),
            head=[label(h) for h in ("number", "doc_title", "date", "issuer")],
            rows=[[cell(Text.same(d.number)), cell(Text.of(d.title)), cell(d.date),
                   cell(Text.of(d.issuer) if hasattr(d.issuer, 'vi') else Text.same(d.issuer))]
                  for d in docs]))
    return Section(id="parameters", heading=label("params"), tables=tables,
                   intro=[Text.of(model.meta.basis)] if getattr(model.meta, "basis", None)
                   else [])


def rejected_section(rejected: list[RejectedRow]) -> Section:
    """One row per problem of every rejected input row: table, row number, id, column, value,
    reason."""
    rows = []
    for r in rejected:
        for p in r.problems:
            rows.append([cell(Text.same(r.table or "")), cell(r.row),
                         cell(Text.same(r.unit_id or "")),
                         cell(Text.same(r.year if r.year is not None else "")),
                         cell(Text.same(p.header or p.column or "—")),
                         cell(Text.same(p.value if p.value is not None else "")),
                         cell(Text.of(p.message), status="failed"), cell(Text.same(p.code))])
    heads = ["table", "row", "id", "year", "column", "value", "reason", "code"]
    return Section(id="rejected", heading=label("rejected") + f" ({len(rejected)})",
                   tables=[Table(head=[label(h) for h in heads], rows=rows,
                                 empty=label("no_rejected"))])


def warnings_section(notices: list[Notice]) -> Section:
    rows = [[cell(Text.same(n.code)), cell(Text.of(n.message), status="unknown"),
             cell(Text.same(n.cite or "")),
             cell(join([Text.same(f"{k} = ") + value(v) for k, v in n.details.items()], "; "))]
            for n in notices]
    return Section(id="warnings", heading=label("warnings") + f" ({len(notices)})",
                   tables=[Table(head=[label("code"), label("message"), label("cite"),
                                       label("values")], rows=rows, empty=label("no_warnings"))])


def anchor(prefix: str, k: int, ident: str) -> str:
    """An HTML id that is unique (by position) and still readable.

    >>> anchor("u", 3, "bát xát")
    'u-3-b_t_x_t'
    """
    return f"{prefix}-{k}-" + re.sub(r"[^A-Za-z0-9_-]", "_", ident)


def param_anchor(name: str) -> str:
    return "p-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)


def param_node(p: Any) -> Node:
    """A parameter a decision used: value, the 'by' key and date in force, linked to its row in
    the parameters table, which gives the basis (once, not under every unit)."""
    key = f" [{p.key}]" if getattr(p, "key", None) else ""
    return Node(text=label("param_short", name=p.name, value=value(p.value), key=key,
                           date=p.effective_from.strftime("%d/%m/%Y")),
                status="info", link=param_anchor(p.name))
