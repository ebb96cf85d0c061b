"""Title decisions as typed trees, in both languages: each title with its outcome and citation,
each condition in words with the values it read and the years or members it counted, the
routes, the exclusions, the quota with the tie at its cut, the prize worked out (with its
rounding) and what it takes. The terminal (``tdkt titles --explain``) and the HTML report read
these trees; codes and expressions hang on the nodes, shown on demand.
"""
from __future__ import annotations

from typing import Any

from ...render.checks import MARK, check_node
from ...render.names import Names, with_measure
from ...render.page import Node, Text, join, msg, number
from ...render.ties import broken_tie
from .carried import check_notes
from .result import TitleResult
from .trace import TitleCheckTrace, TitleDecision


def names_of(res: TitleResult) -> Names:
    """The names of a title run's rule set, with every unit's name from the data, made once per
    result."""
    got = res.__dict__.get("_names")
    if got is None:
        got = Names(res.model, res.unit_names)
        res.__dict__["_names"] = got
    return got


def outcome_status(d: TitleDecision) -> str:
    return {"eligible": "met", "not_eligible": "failed", "not_determinable": "unknown"}[d.outcome]


def _check(c: TitleCheckTrace, names: Names, policy: str) -> Node:
    """A check as the shared report node, with the years it counted in other units."""
    node = check_node(c, names)
    notes = [Node(text=Text.of(n), status="info") for n in check_notes(c, policy)]
    if notes:
        at = 1 + len(c.history)
        node.children[at:at] = notes
    return node


def prize_text(p: Any, names: Names) -> Text:
    """The prize worked out: multiplier × base salary, the rounding where it changed the sum."""
    raw = round(p.multiplier * p.base_salary)
    common = dict(mult=number(p.multiplier), base=with_measure(number(p.base_salary), "VND"),
                  since=p.base_salary_from.strftime("%d/%m/%Y"),
                  day=p.decision_date.strftime("%d/%m/%Y"),
                  amount=with_measure(number(p.amount), "VND"), cite=names.cite(p.cite))
    if p.rounding and p.rounding > 1 and raw != p.amount:
        return msg("prize_rounded", raw=with_measure(number(raw), "VND"),
                   step=with_measure(number(p.rounding), "VND"), **common)
    return msg("prize_line", **common)


def _quota_key(d: TitleDecision, key: str, res: TitleResult) -> tuple[Text, bool]:
    """A quota's merit key by its title; the code key (the last one) said as such."""
    if key == "id":
        return msg("person_code" if d.subject == "person" else "unit_code"), True
    title = res.model.title(d.title_id)
    for k in title.quota.keys if title.quota is not None else []:
        if k.expr.text() == key:
            return Text.of(k.title).lower_first(), False
    return names_of(res).expr(key), False


def decision_node(d: TitleDecision, res: TitleResult) -> Node:
    """One title for one subject."""
    names = names_of(res)
    policy = res.merger_policy
    if d.proposed:
        proposed = msg("proposed")
    elif d.quota is not None and not d.quota.selected:
        proposed = msg("not_proposed_quota")
    else:
        proposed = Text()
    kids = [_check(c, names, policy) for c in d.checks if c.route is None]
    if d.routes:
        kids.append(Node(text=msg("one_route"), children=[
            Node(text=msg("route_line", mark=MARK[r.status], title=Text.of(r.title)),
                 status=r.status, code=r.id,
                 children=[_check(c, names, policy) for c in d.checks if c.route == r.id])
            for r in d.routes]))
    for x in d.exclusions:
        key = {"applies": "exclusion_applies", "unknown": "exclusion_unknown"}.get(x.status)
        if key is None:
            continue
        kids.append(Node(text=msg(key, title=Text.of(x.title), cite=names.cite(x.cite)),
                         status="failed" if x.status == "applies" else "unknown", cite=x.cite,
                         code=x.id,
                         children=[Node(text=msg("condition_words",
                                                 expr=names.expr(x.expression, x.values)),
                                        code=x.expression),
                                   Node(text=msg("basis_line", basis=Text.of(x.basis)),
                                        status="info")]))
    if d.quota is not None:
        q = d.quota
        tie = []
        if q.neighbour is not None:
            key, by_code = _quota_key(d, q.decided_by or "id", res)
            tie = [Node(text=broken_tie(_subject(q.neighbour, d, res), key,
                                        _quota_value(q.decided_by, q.own_value, names),
                                        _quota_value(q.decided_by, q.neighbour_value, names),
                                        by_code=by_code))]
        kids.append(Node(text=msg("quota_line", group=names.unit(q.group), cap=q.cap,
                                  share=number(round(q.share * 100, 2)) + "%",
                                  holders=q.holders, of=names.thing(q.holders_of), rank=q.rank,
                                  eligible=q.eligible_in_group,
                                  verdict=msg("quota_in" if q.selected else "quota_out")),
                         status="met" if q.selected else "failed", children=tie))
    if d.prize is not None:
        kids.append(Node(text=prize_text(d.prize, names), cite=d.prize.cite))
    if d.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=names.names(d.missing_evidence)),
                         status="unknown"))
    kids += [Node(text=msg("needs", what=Text.of(n)), status="failed") for n in d.needs]
    kids += [Node(text=Text.of(c), status="info") for c in d.caveats]
    return Node(text=msg("title_head", title=Text.of(d.title), cite=names.cite(d.cite),
                         outcome=msg("outcome_" + d.outcome), proposed=proposed),
                status=outcome_status(d), cite=d.cite, children=kids, code=d.title_id)


def _quota_value(key: str | None, v: Any, names: Names) -> Text:
    if key is None or key == "id":
        return Text.same("" if v is None else str(v))
    return names.value(key, v)


def _subject(sid: str, d: TitleDecision, res: TitleResult) -> Text:
    """Another person or collective by name, with its code."""
    if d.subject == "unit":
        return Text.same(f"{res.unit_names.get(sid, sid)} ({sid})")
    name = res.person_names().get(sid)
    return Text.same(f"{name} ({sid})" if name else sid)


def subject_head(res: TitleResult, ds: list[TitleDecision]) -> Text:
    """Who the decisions are about: a person with their unit, or a collective, and the year."""
    d0 = ds[0]
    names = names_of(res)
    if d0.subject == "person":
        return msg("person", name=d0.name or "", id=d0.subject_id, unit=names.unit(d0.unit_id),
                   year=res.year)
    return msg("collective", name=d0.name or "", id=d0.subject_id, year=res.year)


def proposed_titles(ds: list[TitleDecision]) -> Text:
    return join([Text.of(d.title) for d in ds if d.proposed])
