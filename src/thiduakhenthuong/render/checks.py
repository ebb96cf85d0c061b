"""A three-valued check (titles, conference standards) as a report node: the condition in words
with the values it read (the years and members it counted worked in), the years counted, the
members counted, missing evidence, what it takes and its basis; the expression as written is the
node's code, shown on demand."""
from __future__ import annotations

from typing import Any

from ..core.trace import CheckTrace
from .names import Names
from .page import Node, Text, msg, number

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}


def check_node(c: CheckTrace, names: Names) -> Node:
    """One condition: its status and citation, the condition in words with the values read, the
    years or members counted, missing evidence, what it takes and its basis."""
    kids: list[Node] = []
    calls: dict[str, Any] = {h.call: h.value for h in c.history}
    calls.update({m.call: m.value for m in c.members})
    kids.append(Node(text=msg("condition_words", expr=names.expr(c.expression, c.values, calls)),
                     code=c.expression))
    for h in c.history:
        years = ", ".join(map(str, h.years))
        what = names.expr(h.call)
        if h.call.startswith("streak(") and h.years:
            kids.append(Node(text=msg("streak_line", what=what, years=years, n=len(h.years)),
                             code=h.call))
        else:
            counted = msg("years_list", years=years) if h.years else \
                msg("years_none", first=h.first_year)
            kids.append(Node(text=msg("years_line", call=what, value=number(h.value),
                                      years=counted), code=h.call))
    for m in c.members:
        share = Text()
        if m.call.startswith("members_share") and m.value is not None:
            share = Text.same(" (") + number(round(m.value * 100, 1)) + "%)"
        kids.append(Node(text=msg("members_line", call=names.expr(m.call), count=m.count,
                                  members=m.members, share=share), code=m.call))
        if m.pending:
            kids.append(Node(text=msg("pending", who=", ".join(m.pending[:10])),
                             status="unknown"))
    if c.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=names.names(c.missing_evidence)),
                         status="unknown"))
    if c.needs is not None:
        kids.append(Node(text=msg("needs", what=Text.of(c.needs)), status="failed"))
    if c.basis:
        kids.append(Node(text=msg("basis_line", basis=Text.of(c.basis)), status="info"))
    return Node(text=msg("check_line", mark=MARK[c.status], title=Text.of(c.title),
                         cite=names.cite(c.cite)),
                status=c.status, cite=c.cite, children=kids, code=c.id)
