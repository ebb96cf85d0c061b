"""A three-valued check (titles, conference standards) as a report node."""
from __future__ import annotations

from ..core.trace import CheckTrace
from .labels import BiLabels
from .page import Node, Text, label, msg, number

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}


def check_node(c: CheckTrace, labels: BiLabels) -> Node:
    """One condition: its status and citation, the values read, the years or members counted,
    missing evidence and what it takes."""
    kids: list[Node] = []
    shown = labels.pairs(c.values)
    if shown.vi:
        kids.append(Node(text=shown))
    for h in c.history:
        years = ", ".join(map(str, h.years))
        if h.call.startswith("streak(") and h.years:
            kids.append(Node(text=msg("streak_line", what=h.call, years=years, n=len(h.years))))
        else:
            what = msg("years_list", years=years) if h.years else \
                msg("years_none", first=h.first_year)
            kids.append(Node(text=msg("years_line", call=h.call, value=number(h.value),
                                      years=what)))
    for m in c.members:
        share = Text.same("")
        if m.call.startswith("members_share") and m.value is not None:
            share = Text.same(" (") + number(round(m.value * 100, 1)) + "%)"
        kids.append(Node(text=msg("members_line", call=m.call, count=m.count, members=m.members,
                                  share=share)))
        if m.pending:
            kids.append(Node(text=msg("pending", who=", ".join(m.pending[:10])),
                             status="unknown"))
    if c.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=labels.names(c.missing_evidence)),
                         status="unknown"))
    if c.needs is not None:
        kids.append(Node(text=msg("needs", what=Text.of(c.needs)), status="failed"))
    kids.append(Node(text=label("expression"), code=c.expression, status="info"))
    if c.basis:
        kids.append(Node(text=Text.of(c.basis), status="info"))
    return Node(text=msg("check_line", mark=MARK[c.status], title=Text.of(c.title), cite=c.cite),
                status=c.status, cite=c.cite, children=kids)
