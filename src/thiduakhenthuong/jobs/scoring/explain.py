"""One unit's explanation as a typed tree, in both languages: total, class and why, rank, every
target with the figures read, the points worked out and the parameters used, deductions, the gap
to the next class, ties and awards. The terminal (``tdkt explain``), the HTML report and the
explanation checks read this one tree; codes and expressions hang on the nodes (``Node.code``)
and are shown only on demand.
"""
from __future__ import annotations

from typing import Any, Optional

from ...render.names import Names, with_measure
from ...render.page import Node, Text, join, msg, number
from ...render.sections import param_anchor
from ...render.ties import tie_text
from .labels import clause_labels
from .model import Criterion, RuleSet
from .result import ScoreResult
from .trace import CriterionTrace, UnitResult


def names_of(res: ScoreResult) -> Names:
    """The names of a scoring run's rule set, with the units' names read from the data (the
    registry's names first), made once per result."""
    got = res.__dict__.get("_names")
    if got is None:
        cols = res.valid.columns
        name_field = next((n for n, f in res.model.inputs.items() if f.role == "name"), None)
        data = {}
        if name_field is not None and name_field in cols:
            data = {str(k): str(v) for k, v in zip(cols[res._key], cols[name_field])
                    if isinstance(v, str) and v}
        got = Names(res.model, data)
        res.__dict__["_names"] = got
    return got


def _pct(x: Optional[float]) -> Text:
    return number(round((x or 0) * 100, 1)) + "%"


def stage_names(res: ScoreResult) -> tuple[Text, Text]:
    """The names of the unit's own stage and the reviewer's, as the rule set declares them."""
    st = res.model.stages
    if st is None:
        return msg("stage_claimed"), msg("stage_reviewed")
    return Text.of(st.claimed), Text.of(st.reviewed)


def param_node(p: Any, names: Names) -> Node:
    """A parameter a decision used: its title, the value used (for its key), the date in force
    and its basis, linked to the report's table of parameters."""
    key = Text()
    if p.key:
        field, _, code = p.key.partition("=")
        key = Text.same(" (") + names.field(field) + ": " + names.value(field, code) + ")"
    return Node(text=msg("param", title=names.field(p.name), value=names.value(p.name, p.value),
                         key=key, date=p.effective_from.strftime("%d/%m/%Y"),
                         basis=Text.of(p.basis)),
                status="info", link=param_anchor(p.name), code=p.name)


def _values(c: Any) -> dict[str, Any]:
    """Every value a criterion read: its inputs and the parameters it used."""
    out = dict(c.inputs)
    out.update({p.name: p.value for p in c.parameters})
    return out


def _calls(c: Any) -> dict[str, Any]:
    """The values of the calls a criterion read over its group or its past years."""
    out = {g.call: g.value for g in getattr(c, "groups", [])}
    out.update({y.call: y.value for y in getattr(c, "history", [])})
    return out


def _points_line(c: CriterionTrace, rule: Criterion) -> Optional[Text]:
    """How the points were worked out, in numbers."""
    s = rule.scoring
    mx = number(c.max_points)
    if c.condition is False and rule.achieved is not None:
        return msg("pts_gate")
    if s.method == "all_or_nothing":
        return msg("pts_all", max=mx) if c.met else msg("pts_none")
    if s.method == "proportional":
        if s.floor and (c.ratio or 0) < s.floor:
            return msg("pts_floor", pct=_pct(c.ratio), floor=_pct(s.floor))
        if s.full_at != 1:
            return msg("pts_prop_full_at", max=mx, pct=_pct(c.ratio), full_at=_pct(s.full_at),
                       points=number(c.points))
        return msg("pts_prop", max=mx, pct=_pct(c.ratio), points=number(c.points))
    if s.method == "bands" and s.bands:
        reached = [b for b in s.bands if (c.ratio or 0) >= b.min_ratio - 1e-12]
        if not reached:
            return msg("pts_band_none", pct=_pct(c.ratio), band=_pct(s.bands[0].min_ratio))
        b = reached[-1]
        return msg("pts_band", pct=_pct(c.ratio), band=_pct(b.min_ratio), share=_pct(b.share),
                   max=mx, points=number(c.points))
    return None


def _measure(c: CriterionTrace) -> Text:
    """Achieved against the target, with the unit of measure and the ratio."""
    if c.unit == "tỷ lệ":
        return msg("measure", achieved=_pct(c.achieved), target=_pct(c.target),
                   pct=_pct(c.ratio))
    return msg("measure", achieved=with_measure(number(c.achieved), c.unit),
               target=with_measure(number(c.target), c.unit), pct=_pct(c.ratio))


def criterion_extras(c: CriterionTrace, names: Names, stages: tuple[Text, Text]) -> list[Node]:
    """The lines a criterion's later features add: the points given, the reviewer's change,
    each scorer's points, the group values and years read."""
    out: list[Node] = []
    claimed, reviewed = stages
    if c.review is not None:
        r = c.review
        if r.changed:
            reason = msg("review_reason", reason=r.reason) if r.reason else Text()
            out.append(Node(text=msg("review_changed", claimed_stage=claimed,
                                     reviewed_stage=reviewed, claimed=number(r.claimed_points),
                                     points=number(c.points), reason=reason)))
        elif r.reviewed:
            out.append(Node(text=msg("review_kept", claimed_stage=claimed,
                                     reviewed_stage=reviewed, points=number(c.points))))
        else:
            out.append(Node(text=msg("review_none", claimed_stage=claimed,
                                     reviewed_stage=reviewed, points=number(c.points))))
    elif c.given is not None and not c.scorers:
        if c.given != c.points and c.condition is not False:
            out.append(Node(text=msg("given_capped", given=number(c.given),
                                     max=number(c.max_points), points=number(c.points))))
        else:
            out.append(Node(text=msg("given", given=number(c.given))))
    for sp in c.scorers:
        out.append(Node(text=msg("scorer_line", scorer=names.value(_scorer_field(names), sp.scorer),
                                 row=sp.row, points=number(sp.points))))
    for g in c.groups:
        group = names.cluster(g.group) if g.group else msg("group_all")
        out.append(Node(text=msg("group_read", call=names.expr(g.call),
                                 value=names.value("", g.value), group=group, size=g.size),
                        code=g.call))
    for y in c.history:
        years = ", ".join(map(str, y.years)) or "—"
        out.append(Node(text=msg("years_read", call=names.expr(y.call), value=number(y.value),
                                 years=years), code=y.call))
    return out


def _scorer_field(names: Names) -> str:
    sc = getattr(names.model, "scorers", None)
    return sc.field if sc is not None else ""


def criterion_node(c: CriterionTrace, res: ScoreResult, names: Names) -> Node:
    """One target: met or not, its citation, the figures, the points worked out, the
    parameters; the formula as written hangs on the node, shown on demand."""
    rule = next(x for x in res.model.criteria if x.id == c.id)
    values = _values(c)
    kids: list[Node] = []
    if not c.applicable:
        kids.append(Node(text=msg("na"), status="info"))
    else:
        kids += criterion_extras(c, names, stage_names(res))
        if c.achieved is not None and rule.achieved is not None:
            for part, node in (("achieved_is", rule.achieved), ("target_is", rule.target)):
                if node is not None and node.names() and type(node).__name__ != "Name":
                    kids.append(Node(text=msg(part, expr=names.expr(node, values, _calls(c))),
                                     code=node.text()))
            kids.append(Node(text=_measure(c)))
            if c.shortfall:
                short = _pct(c.shortfall) if c.unit == "tỷ lệ" else \
                    with_measure(number(c.shortfall), c.unit)
                kids.append(Node(text=msg("short", short=short), status="failed"))
        if c.condition is not None and rule.condition is not None:
            kids.append(Node(text=msg("condition_ok" if c.condition else "condition_fail",
                                      expr=names.expr(rule.condition, values, _calls(c))),
                             status="met" if c.condition else "failed",
                             code=rule.condition.text()))
        pts = _points_line(c, rule)
        if pts is not None:
            kids.append(Node(text=msg("points_worked", how=pts), code=c.formula))
        if c.bonus:
            kids.append(Node(text=msg("bonus", bonus=number(c.bonus)), status="met"))
        if c.inputs and not c.scorers:
            kids.append(Node(text=msg("inputs", values=names.pairs(c.inputs)),
                             code=", ".join(c.inputs)))
        kids += [param_node(p, names) for p in c.parameters]
    return Node(text=msg("crit_line", mark="✓" if c.met else "✗", title=Text.of(c.title),
                         cite=names.cite(c.cite), points=number(c.points),
                         max=number(c.max_points)),
                status="met" if c.met else "failed", cite=c.cite, children=kids, code=c.id)


def unit_head(res: ScoreResult, u: UnitResult, names: Names) -> Text:
    """The unit's name, code and cluster."""
    return msg("unit", name=u.name or u.unit_id, id=u.unit_id, cluster=names.cluster(u.cluster))


def class_rule_lines(u: UnitResult, rules: RuleSet, names: Names) -> list[Text]:
    """How the class was read from a written range and from the criteria's shares."""
    r = u.class_rule
    if r is None:
        return []
    out = []
    if r.range is not None and r.threshold is not None:
        out.append(msg("class_range", range=r.range, op=">" if r.strict else "≥",
                       value=number(r.threshold), side=msg(f"band_{r.between_bands}")))
    shares = {c.id: c.min_share for c in rules.classes}
    for cid in r.blocked:
        out.append(msg("class_share", cls=names.klass(cid), share=_pct(shares[cid] or 0.0),
                       low=_pct(r.lowest_share or 0)))
    if r.min_share is not None:
        out.append(msg("class_share", cls=names.klass(u.class_by_total), share=_pct(r.min_share),
                       low=_pct(r.lowest_share or 0)))
    return out


def quota_lines(res: ScoreResult, u: UnitResult, names: Names) -> list[Text]:
    """Where the cut of each award's quota fell for this unit."""
    out = []
    for q in u.quotas:
        line = msg("quota_award", title=names.thing(q.award), cap=q.cap, share=_pct(q.share),
                   units=q.units, group=names.cluster(q.group) if q.group else msg("group_all"),
                   pos=q.position, eligible=q.eligible,
                   verdict=msg("quota_in" if q.selected else "quota_out"))
        if q.other_unit is not None and q.decided_by is not None:
            line = line + "; " + msg("quota_tie", other=names.unit(q.other_unit),
                                     key=_key_title(res.model, q.decided_by, names),
                                     own=_key_value(q.decided_by, q.own_value, names),
                                     theirs=_key_value(q.decided_by, q.other_value, names))
        out.append(line)
    return out


def _key_title(rules: RuleSet, key: str, names: Names) -> Text:
    for k in rules.ranking.keys:
        if k.key == key and k.title is not None:
            return Text.of(k.title).lower_first()
    head, _, rest = key.partition(".")
    if head in ("points", "ratio") and rest:
        return msg(f"key_{head}", crit=names.thing(rest))
    if head in ("class", "total", "base", "bonus", "deduction", "events"):
        return msg(f"key_{head}")
    return names.field(key).lower_first()


def _key_value(key: str, v: Any, names: Names) -> Text:
    if key == "class" and isinstance(v, str):
        return names.klass(v)
    classes = getattr(names.model, "classes", None) or []
    if key == "class" and isinstance(v, (int, float)) and classes:
        # The ranking reads a class as its place from the bottom (higher is better).
        k = len(classes) - 1 - int(v)
        if 0 <= k < len(classes):
            return Text.of(classes[k].title)
    if key.startswith("ratio.") and isinstance(v, (int, float)):
        return _pct(float(v))
    return names.value(key, v)


def _ties(res: ScoreResult, u: UnitResult, names: Names) -> Node:
    rules = res.model
    key_field = next(n for n, f in rules.inputs.items() if f.role == "key")
    kids = []
    for tb in u.ties:
        tied = join([_key_title(rules, k, names) for k in tb.tied_on])
        other = names.unit(tb.other_unit)
        if tb.shared:
            kids.append(Node(text=msg("shared_rank", scope=msg(f"scope_{tb.scope}"),
                                      other=other, tied=tied)))
            continue
        kids.append(Node(text=tie_text(tb.scope, tied, other, tb.position,
                                       _key_title(rules, tb.decided_by, names),
                                       _key_value(tb.decided_by, tb.own_value, names),
                                       _key_value(tb.decided_by, tb.other_value, names),
                                       by_code=tb.decided_by == key_field)))
    return Node(text=msg("ties"), children=kids)


def _gap_node(res: ScoreResult, u: UnitResult, names: Names) -> Node:
    if u.gap is None:
        return Node(text=msg("top_class"), status="met")
    g = u.gap
    kids = []
    if g.points_short > 0:
        kids.append(Node(text=msg("points_short", short=number(g.points_short)), status="failed"))
    if g.blocked_by_veto:
        v = next(x for x in res.model.vetoes if x.id == g.blocked_by_veto)
        kids.append(Node(text=msg("veto_blocks", title=Text.of(v.title), cite=names.cite(v.cite)),
                         status="failed", cite=v.cite))
    by_id = {c.id: c for c in u.criteria}
    rules = {c.id: c for c in res.model.criteria}
    for cid in g.unmet:
        c = by_id[cid]
        if c.shortfall:
            detail = msg("short", short=_pct(c.shortfall) if c.unit == "tỷ lệ"
                         else with_measure(number(c.shortfall), c.unit))
        elif c.condition is False and rules[cid].condition is not None:
            detail = msg("condition_fail", expr=names.expr(rules[cid].condition, _values(c),
                                                           _calls(c)))
        elif c.given is not None:
            detail = msg("short", short=with_measure(number(round(c.max_points - c.points, 2)),
                                                     "điểm"))
        else:
            detail = msg("short", short=_pct(1 - (c.ratio or 0)))
        clause = Text.same(f" {c.clause}") if c.clause else Text()
        kids.append(Node(text=msg("unmet_line", clause=clause, title=Text.of(c.title),
                                  detail=detail, lost=number(round(c.max_points - c.points, 2))),
                         status="failed", cite=c.cite, code=c.id))
    w = g.what_it_takes
    if w is not None and w.reachable and w.steps:
        steps = []
        for st in w.steps:
            if st.needed is not None and st.achieved is not None and st.needed > st.achieved:
                what = names.field(st.field) if st.field else Text.of(st.title)
                text = msg("raise_to", what=what, old=names.value(st.field or "", st.achieved),
                           new=names.value(st.field or "", st.needed),
                           gain=number(st.points_gain), cite=names.cite(st.cite))
            else:
                text = msg("fulfil", title=Text.of(st.title), gain=number(st.points_gain),
                           cite=names.cite(st.cite))
            if st.condition and st.needed is not None and st.needed > (st.achieved or 0):
                text = text + msg("and_condition")
            steps.append(Node(text=text, cite=st.cite, code=st.field or st.criterion))
        kids.append(Node(text=msg("what_it_takes", gain=number(w.points_gain)), children=steps))
    elif w is not None and not w.reachable:
        kids.append(Node(text=msg("not_reachable"), status="failed"))
    return Node(text=msg("why_not", next=Text.of(g.next_class_title)), children=kids)


def _awards_node(res: ScoreResult, u: UnitResult, names: Names) -> Node:
    rules = res.model
    kids = [Node(text=msg("award_line", title=Text.of(a.title), cite=names.cite(a.cite),
                          rank=a.rank, scope=_scope(a.scope, u, names)),
                 status="met", cite=a.cite)
            for a in u.awards]
    kids += [Node(text=x, status="info") for x in quota_lines(res, u, names)]
    order = [c.id for c in rules.classes]
    for a in rules.awards:
        if a.ranks is None or a.scope not in ("cluster", "overall"):
            continue
        rank = u.rank_cluster if a.scope == "cluster" else u.rank_overall
        if a.ranks[0] <= rank <= a.ranks[1] and not any(x.id == a.id for x in u.awards) and \
                order.index(u.class_id) > order.index(a.min_class):
            kids.append(Node(text=msg("award_missed", rank=rank, scope=_scope(a.scope, u, names),
                                      cls=names.klass(a.min_class), title=Text.of(a.title)),
                             status="failed"))
    if not kids:
        kids.append(Node(text=msg("no_award")))
    return Node(text=msg("awards"), children=kids)


def _scope(scope: str, u: UnitResult, names: Names) -> Text:
    if scope == "cluster":
        return msg("scope_in", group=names.cluster(u.cluster))
    if scope == "overall":
        return msg("scope_overall")
    return msg("scope_in", group=names.field(scope))


def _event_worked(res: ScoreResult, e: Any, names: Names) -> Text:
    """How an event's points are worked out, in words: the points, times the count, when it
    happened, within the cap."""
    rule = next(x for x in res.model.events if x.id == e.id)
    values = _values(e)
    out = names.expr(rule.points, values)
    if rule.per is not None:
        out = out + " × " + names.expr(rule.per, values)
    if rule.when is not None:
        out = out + msg("event_when", when=names.expr(rule.when, values))
    if rule.max is not None:
        out = out + msg("event_cap", max=names.expr(rule.max, values))
    return msg("formula", formula=out)


def _class_node(res: ScoreResult, u: UnitResult, names: Names) -> Node:
    rules = res.model
    kids = []
    band = next(c for c in rules.classes if c.id == u.class_id)
    if band.min_total is not None:
        pname = band.min_total.text()
        p = next((x for x in u.parameters if x.name == pname), None)
        if p is not None:
            kids.append(Node(text=msg("class_threshold", op="≥", value=names.value(pname, p.value),
                                      title=names.field(pname),
                                      date=p.effective_from.strftime("%d/%m/%Y"),
                                      basis=Text.of(p.basis)),
                             status="info", link=param_anchor(pname), code=pname))
    kids += [Node(text=x, status="info") for x in class_rule_lines(u, rules, names)]
    for v in u.vetoes:
        if not v.applied:
            continue
        if v.criterion is None:
            kids.append(Node(text=msg("veto_event", cls=names.klass(v.max_class),
                                      title=Text.of(v.title), cite=names.cite(v.cite)),
                             status="failed", cite=v.cite, code=v.when))
        else:
            kids.append(Node(text=msg("veto_applied", cls=names.klass(v.max_class),
                                      crit=names.thing(v.criterion), title=Text.of(v.title),
                                      cite=names.cite(v.cite)),
                             status="failed", cite=v.cite, code=v.criterion))
    return Node(text=msg("class", title=Text.of(u.class_title)), children=kids)


def unit_tree(res: ScoreResult, u: UnitResult) -> list[Node]:
    """One unit's explanation: total, class and its threshold, rank, every target, events,
    deductions, the gap to the next class, ties and awards.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> tree = unit_tree(res, res.unit("bat_xat"))
    >>> tree[0].text.en.startswith("Total ")
    True
    """
    rules = res.model
    names = names_of(res)
    out: list[Node] = []
    capped = [Node(text=msg("bonus_capped", raw=number(u.bonus_uncapped), capped=number(u.bonus)))
              ] if u.bonus_uncapped > u.bonus else []
    if u.scorers:
        field = _scorer_field(names)
        capped.append(Node(text=msg("scorers", how=msg(f"scorers_{rules.scorers.combine}",
                                                        n=len(u.scorers))),
                           children=[Node(text=msg("scorer_line",
                                                   scorer=names.value(field, s_.scorer),
                                                   row=s_.row, points=number(s_.total)))
                                     for s_ in u.scorers]))
    if u.events is None:
        out.append(Node(text=msg("total", total=number(u.total), base=number(u.base),
                                 bonus=number(u.bonus), ded=number(u.deduction)),
                        children=capped))
    else:
        out.append(Node(text=msg("total_events", total=number(u.total), base=number(u.base),
                                 bonus=number(u.bonus), ded=number(u.deduction),
                                 sign="−" if u.events < 0 else "+",
                                 events=number(abs(u.events))), children=capped))
    out.append(_class_node(res, u, names))
    out.append(Node(text=msg("rank", rc=u.rank_cluster, size=u.cluster_size,
                             cluster=names.cluster(u.cluster), ro=u.rank_overall, n=res.scored),
                    children=[Node(text=msg("rank_in", rank=g.rank, size=g.size,
                                            grouping=names.field(g.grouping),
                                            group=names.value(g.grouping, g.group)))
                              for g in u.ranks]))
    if u.sections:
        out.append(Node(text=msg("sections"), children=[
            Node(text=msg("section_line", title=Text.of(sec.title), cite=names.cite(sec.cite),
                          points=number(sec.points)), cite=sec.cite,
                 children=([Node(text=msg("section_max", max=number(sec.max_points)))]
                           if sec.max_points is not None else []) +
                 ([Node(text=msg("section_capped", raw=number(sec.raw_points),
                                 points=number(sec.points)), status="info")]
                  if sec.raw_points > sec.points else []))
            for sec in u.sections]))
    out.append(Node(text=msg("targets"),
                    children=[criterion_node(c, res, names) for c in u.criteria]))
    if u.event_points:
        out.append(Node(text=msg("events"), children=[
            Node(text=msg("event_line", mark="✓" if e.happened else "·", title=Text.of(e.title),
                          cite=names.cite(e.cite), points=number(e.points)), cite=e.cite,
                 status="met" if e.points > 0 else "failed" if e.points < 0 else "info",
                 children=[Node(text=_event_worked(res, e, names), code=e.formula)] +
                 ([Node(text=msg("inputs", values=names.pairs(e.inputs)))] if e.inputs else []) +
                 [param_node(p, names) for p in e.parameters])
            for e in u.event_points]))
    if u.deductions:
        out.append(Node(text=msg("deductions"), children=[
            Node(text=msg("ded_line", title=Text.of(d.title), cite=names.cite(d.cite),
                          points=number(d.points), raw=number(d.raw_points),
                          max=number(d.max_points)),
                 status="failed" if d.points else "met", cite=d.cite,
                 children=[Node(text=msg("formula", formula=names.expr(d.formula, _values(d))),
                                code=d.formula),
                           Node(text=msg("inputs", values=names.pairs(d.inputs)))]
                 + [param_node(p, names) for p in d.parameters])
            for d in u.deductions]))
    out.append(_gap_node(res, u, names))
    if u.ties:
        out.append(_ties(res, u, names))
    out.append(_awards_node(res, u, names))
    return out


