"""Delegate decisions in words, in both languages: each candidate's reason with the merit key that
separated them from the last one in and the evidence missing, each conference by its chapter's
name, and each candidate's explanation tree (standards, merit order, awards, reason). The
terminal, the HTML report and the workbook read these."""
from __future__ import annotations

from ...render.checks import check_node
from ...render.names import Names
from ...render.page import Node, Text, msg
from ...render.ties import broken_tie
from .result import DelegateResult
from .trace import ConferenceSummary, DelegateDecision
from .words import conference

STATUS = {"eligible": "met", "not_eligible": "failed", "not_determinable": "unknown"}


def names_of(res: DelegateResult) -> Names:
    """The names of a delegate selection's rule set, made once per result."""
    got = res.__dict__.get("_names")
    if got is None:
        got = Names(res.model)
        res.__dict__["_names"] = got
    return got


def conference_name(res: DelegateResult, cid: str) -> Text:
    """A conference by the chapter whose plan names it (its code where no plan does)."""
    return Text.of(conference(res.conference_names, cid))


def _merit_key(res: DelegateResult, key: str) -> tuple[Text, bool]:
    if key == "id":
        return msg("candidate_code"), True
    for k in res.model.keys:
        if k.expr.text() == key:
            return Text.of(k.title).lower_first(), False
    return names_of(res).expr(key), False


def _candidate(res: DelegateResult, cid: str) -> Text:
    try:
        d = res.get(cid)
    except Exception:   # a neighbour outside the level's candidates: shown by its code
        return Text.same(cid)
    return Text.same(f"{d.name} ({cid})" if d.name else cid)


def reason_text(d: DelegateDecision, res: DelegateResult) -> Text:
    """Why a candidate is in or out, with the merit key that separated them from the last one
    in (or their code alone, every key being level) and any missing evidence."""
    why = Text.of(d.reason)
    if d.decided_by and d.neighbour:
        key, by_code = _merit_key(res, d.decided_by)
        own = Text.same(str(d.own_value)) if by_code else names_of(res).value("", d.own_value)
        theirs = Text.same(str(d.neighbour_value)) if by_code else \
            names_of(res).value("", d.neighbour_value)
        why = why + "; " + broken_tie(_candidate(res, d.neighbour), key, own, theirs, by_code)
    if d.missing_evidence:
        why = why + msg("conf_missing", what=names_of(res).names(d.missing_evidence))
    return why


def summary_line(res: DelegateResult, s: ConferenceSummary) -> Text:
    """A conference's cap, selection by group, eligible candidates and those forwarded."""
    names = names_of(res)
    parts = [names.thing(g) + f": {n}" for g, n in s.by_group.items()]
    groups = Text(vi="; ".join(p.vi for p in parts), en="; ".join(p.en for p in parts))
    return msg("conf_summary", conference=conference_name(res, s.conference),
               level=Text.of(s.level_title), selected=s.selected, cap=s.cap,
               cite=names.cite(s.cap_cite), groups=groups, eligible=s.eligible,
               candidates=s.candidates, forwarded=s.forwarded)


def candidate_tree(res: DelegateResult, d: DelegateDecision) -> list[Node]:
    """One candidate's explanation: group, standards checked, merit order, awards, reason."""
    m = res.model
    names = names_of(res)
    kids: list[Node] = [Node(text=msg("conf_group_line", group=Text.of(d.group_title)),
                             code=d.group)]
    if d.held_to_standards:
        kids += [check_node(c, names) for c in d.checks]
    else:
        kids.append(Node(text=msg("no_standards"), status="info"))
    merit = [Node(text=Text.of(k.title) + ": " + names.value("", v), code=expr)
             for k, (expr, v) in zip(m.keys, d.merit.items())]
    rank = Text.same(f": {d.rank}") if d.rank else Text()
    kids.append(Node(text=msg("conf_merit", rank=rank), children=merit))
    if d.awards:
        kids.append(Node(text=msg("conf_awards"), children=[
            Node(text=Text.same(f"{a.decided_on:%d/%m/%Y} — ") + Text.of(a.award) + " — "
                 + Text.of(a.reason), status="met" if a.status == "counted" else "info")
            for a in d.awards]))
    if d.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=names.names(d.missing_evidence)),
                         status="unknown"))
    kids.append(Node(text=reason_text(d, res),
                     status="met" if d.selected else STATUS[d.outcome]))
    return kids

