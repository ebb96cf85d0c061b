"""The HTML report of a year-end scoring run: ranking, per-unit charts and explanation trees."""
from __future__ import annotations

from ...expr import evaluate
from ...render.charts import Band, Bar, bars, overview, total_gauge
from ...render.page import (Fact, Item, Node, Page, Section, Table, Text, cell, join, label, msg,
                            number, value)
from ...render.sections import (anchor, generator, param_anchor, param_node, parameters_section,
                                rejected_section, ruleset_facts, warnings_section)
from ...render.ties import key_title, key_titles, ranked_tie
from .model import RuleSet
from .result import ScoreResult
from .terminal import class_rule_lines, criterion_extras, quota_lines, stage_names
from .trace import CriterionTrace, UnitResult


def _both(lines_of) -> list[Text]:
    """The same lines in both languages (``lines_of(lang)`` gives one language's list)."""
    return [Text(vi=vi, en=en) for vi, en in zip(lines_of("vi"), lines_of("en"))]


def clause_labels(rules: RuleSet) -> dict[str, Text]:
    """A short label per criterion: its target number in the source (CT7 / T7), with a letter
    where two criteria share a number, else its id.

    >>> import thiduakhenthuong as tdkt
    >>> labels = clause_labels(tdkt.load_rules("rules/lao-cai-2023").model)
    >>> labels["t01_programme"].vi, labels["t07_blood_units"].en, labels["t07_blood_share"].en
    ('CT1', 'T7a', 'T7b')
    """
    counts: dict[str, int] = {}
    for c in rules.criteria:
        if c.clause:
            counts[c.clause] = counts.get(c.clause, 0) + 1
    seen: dict[str, int] = {}
    out = {}
    for c in rules.criteria:
        if not c.clause:
            out[c.id] = Text.same(c.id)
            continue
        suffix = ""
        if counts[c.clause] > 1:
            suffix = "abcdefghijklmnopqrstuvwxyz"[seen.get(c.clause, 0) % 26]
            seen[c.clause] = seen.get(c.clause, 0) + 1
        out[c.id] = Text(vi=f"CT{c.clause}{suffix}", en=f"T{c.clause}{suffix}")
    return out


def _bands(rules: RuleSet, u: UnitResult) -> list[Band]:
    env = {p.name: p.value for p in u.parameters}
    out = []
    for c in rules.classes:
        lower = 0.0 if c.min_total is None else float(evaluate(c.min_total, env))
        out.append(Band(id=c.id, title=Text.of(c.title), lower=lower))
    return out


def _scale(rules: RuleSet, u: UnitResult) -> float:
    env = {p.name: p.value for p in u.parameters}
    return float(rules.meta.base_max) + float(evaluate(rules.meta.bonus_max, env))


def _condition_text(c: CriterionTrace) -> str:
    f = c.formula
    return f.split(" if ", 1)[1].rsplit(" else ", 1)[0] if " if " in f else f


def _inputs(values: dict) -> Text:
    return join([Text.same(f"{k} = ") + value(v) for k, v in values.items()])


def _criterion_node(c: CriterionTrace, res: ScoreResult | None = None) -> Node:
    kids: list[Node] = []
    if not c.applicable:
        kids.append(Node(text=msg("na"), status="info"))
    else:
        if res is not None:
            kids += [Node(text=x) for x in _both(
                lambda lang: criterion_extras(c, lang, stage_names(res, lang)))]
        if c.achieved is not None:
            pct = number(round((c.ratio or 0) * 100, 1)) + "%"
            kids.append(Node(text=msg("measure", achieved=number(c.achieved),
                                      target=number(c.target), unit=f"{c.unit} " if c.unit else "",
                                      pct=pct)))
            if c.shortfall:
                kids.append(Node(text=msg("short", short=number(c.shortfall), unit=c.unit or ""),
                                 status="failed"))
        if c.condition is not None:
            kids.append(Node(text=msg("condition_ok" if c.condition else "condition_fail",
                                      expr=_condition_text(c)),
                             status="met" if c.condition else "failed"))
        if c.bonus:
            kids.append(Node(text=msg("bonus", bonus=number(c.bonus)), status="met"))
        kids.append(Node(text=label("formula"), code=c.formula))
        if c.inputs and not c.scorers:
            kids.append(Node(text=msg("inputs", values=_inputs(c.inputs))))
        kids += [param_node(p) for p in c.parameters]
    return Node(text=msg("crit_line", mark="✓" if c.met else "✗", title=Text.of(c.title),
                         cite=c.cite, points=number(c.points), max=number(c.max_points)),
                status="met" if c.met else "failed", cite=c.cite, children=kids)


def unit_tree(res: ScoreResult, u: UnitResult) -> list[Node]:
    """One unit's explanation, line for line the terminal's ``tdkt explain``, in both
    languages: total, class and its threshold, rank, every target, deductions, the gap to the
    next class, ties and awards.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> tree = unit_tree(res, res.unit("bat_xat"))
    >>> tree[0].text.en.startswith("Total ")
    True
    """
    rules = res.model
    out: list[Node] = []
    capped = [Node(text=msg("bonus_capped", raw=number(u.bonus_uncapped), capped=number(u.bonus)))
              ] if u.bonus_uncapped > u.bonus else []
    if u.scorers:
        how = {lang: rules.scorers.combine for lang in ("vi", "en")}
        capped.append(Node(text=msg("scorers", how=msg(f"scorers_{how['vi']}",
                                                        n=len(u.scorers))),
                           children=[Node(text=msg("scorer_line", scorer=s_.scorer, row=s_.row,
                                                   points=number(s_.total)))
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
    cls_kids = []
    band = next(c for c in rules.classes if c.id == u.class_id)
    if band.min_total is not None:
        pname = band.min_total.text()
        p = next((x for x in u.parameters if x.name == pname), None)
        if p is not None:
            cls_kids.append(Node(text=msg("class_threshold", op="≥", value=value(p.value),
                                          param=pname, date=p.effective_from.strftime("%d/%m/%Y"),
                                          basis=p.basis), status="info",
                                 link=param_anchor(pname)))
    cls_kids += [Node(text=x, status="info") for x in
                 _both(lambda lang: class_rule_lines(u, lang, rules))]
    for v in u.vetoes:
        if v.applied and v.criterion is None:
            cls_kids.append(Node(text=msg("veto_event", cls=v.max_class, title=Text.of(v.title),
                                          cite=v.cite), status="failed", cite=v.cite))
        elif v.applied:
            cls_kids.append(Node(text=msg("veto_applied", cls=v.max_class, crit=v.criterion,
                                          title=Text.of(v.title), cite=v.cite),
                                 status="failed", cite=v.cite))
    out.append(Node(text=msg("class", title=Text.of(u.class_title)), children=cls_kids))
    out.append(Node(text=msg("rank", rc=u.rank_cluster, size=u.cluster_size, cluster=u.cluster,
                             ro=u.rank_overall, n=res.scored),
                    children=[Node(text=msg("rank_in", rank=g.rank, size=g.size,
                                            grouping=g.grouping, group=g.group))
                              for g in u.ranks]))
    if u.sections:
        out.append(Node(text=msg("sections"), children=[
            Node(text=msg("section_line", title=Text.of(sec.title), cite=sec.cite,
                          points=number(sec.points)), cite=sec.cite,
                 children=([Node(text=msg("section_max", max=number(sec.max_points)))]
                           if sec.max_points is not None else []) +
                 ([Node(text=msg("section_capped", raw=number(sec.raw_points),
                                 points=number(sec.points)), status="info")]
                  if sec.raw_points > sec.points else []))
            for sec in u.sections]))
    out.append(Node(text=msg("targets"), children=[_criterion_node(c, res) for c in u.criteria]))
    if u.event_points:
        out.append(Node(text=msg("events"), children=[
            Node(text=msg("event_line", mark="✓" if e.happened else "·", title=Text.of(e.title),
                          cite=e.cite, points=number(e.points)), cite=e.cite,
                 status="met" if e.points > 0 else "failed" if e.points < 0 else "info",
                 children=[Node(text=label("formula"), code=e.formula)] +
                 ([Node(text=msg("inputs", values=_inputs(e.inputs)))] if e.inputs else []))
            for e in u.event_points]))
    if u.deductions:
        out.append(Node(text=msg("deductions"), children=[
            Node(text=msg("ded_line", title=Text.of(d.title), cite=d.cite,
                          points=number(d.points), raw=number(d.raw_points),
                          max=number(d.max_points)),
                 status="failed" if d.points else "met", cite=d.cite,
                 children=[Node(text=label("formula"), code=d.formula),
                           Node(text=msg("inputs", values=_inputs(d.inputs)))]
                 + [param_node(p) for p in d.parameters])
            for d in u.deductions]))
    out.append(_gap_node(res, u))
    if u.ties:
        titles = key_titles(rules.ranking.keys)
        out.append(Node(text=msg("ties"), children=[
            Node(text=msg("shared_rank", scope=msg(f"scope_{tb.scope}"), other=tb.other_unit,
                          tied=join([key_title(titles, k) for k in tb.tied_on])))
            if tb.shared else
            Node(text=ranked_tie(tb.scope, [key_title(titles, k) for k in tb.tied_on],
                                 tb.other_unit, tb.position, key_title(titles, tb.decided_by),
                                 tb.own_value, tb.other_value))
            for tb in u.ties]))
    out.append(_awards_node(res, u))
    return out


def _gap_node(res: ScoreResult, u: UnitResult) -> Node:
    if u.gap is None:
        return Node(text=msg("top_class"), status="met")
    g = u.gap
    kids = []
    if g.points_short > 0:
        kids.append(Node(text=msg("points_short", short=number(g.points_short)), status="failed"))
    if g.blocked_by_veto:
        v = next(x for x in res.model.vetoes if x.id == g.blocked_by_veto)
        kids.append(Node(text=msg("veto_blocks", title=Text.of(v.title), cite=v.cite),
                         status="failed", cite=v.cite))
    by_id = {c.id: c for c in u.criteria}
    for cid in g.unmet:
        c = by_id[cid]
        if c.shortfall:
            detail = msg("short", short=number(c.shortfall), unit=c.unit or "")
        elif c.condition is False:
            detail = msg("condition_fail", expr=_condition_text(c))
        else:
            detail = msg("short", short=number(1 - (c.ratio or 0)), unit="")
        detail = Text(vi=detail.vi.strip(), en=detail.en.strip())
        kids.append(Node(text=msg("unmet_line", clause=c.clause or "", id=c.id, detail=detail,
                                  lost=number(round(c.max_points - c.points, 2))),
                         status="failed", cite=c.cite))
    w = g.what_it_takes
    if w is not None and w.reachable and w.steps:
        steps = []
        for st in w.steps:
            if st.needed is not None and st.achieved is not None and st.needed > st.achieved:
                text = msg("raise_to", what=st.field or st.criterion, old=number(st.achieved),
                           new=number(st.needed), gain=number(st.points_gain), cite=st.cite)
            else:
                text = msg("fulfil", id=st.criterion, title=Text.of(st.title),
                           gain=number(st.points_gain), cite=st.cite)
            steps.append(Node(text=text, cite=st.cite))
        kids.append(Node(text=msg("what_it_takes", gain=number(w.points_gain)), children=steps))
    elif w is not None and not w.reachable:
        kids.append(Node(text=msg("not_reachable"), status="failed"))
    return Node(text=msg("why_not", next=Text.of(g.next_class_title)), children=kids)


def _awards_node(res: ScoreResult, u: UnitResult) -> Node:
    rules = res.model
    kids = [Node(text=msg("award_line", title=Text.of(a.title), cite=a.cite, rank=a.rank,
                          scope=msg(f"scope_{a.scope}") if a.scope in ("cluster", "overall")
                          else Text.same(a.scope)), status="met", cite=a.cite)
            for a in u.awards]
    kids += [Node(text=x, status="info") for x in _both(lambda lang: quota_lines(res, u, lang))]
    order = [c.id for c in rules.classes]
    for a in rules.awards:
        if a.ranks is None or a.scope not in ("cluster", "overall"):
            continue
        rank = u.rank_cluster if a.scope == "cluster" else u.rank_overall
        if a.ranks[0] <= rank <= a.ranks[1] and not any(x.id == a.id for x in u.awards) and \
                order.index(u.class_id) > order.index(a.min_class):
            kids.append(Node(text=msg("award_missed", rank=rank, scope=msg(f"scope_{a.scope}"),
                                      cls=a.min_class, title=Text.of(a.title)), status="failed"))
    if not kids:
        kids.append(Node(text=msg("no_award")))
    return Node(text=msg("awards"), children=kids)


def _criteria_table(rules: RuleSet, u: UnitResult) -> Table:
    clauses = clause_labels(rules)
    rows = []
    for c in u.criteria:
        st = "info" if not c.applicable else ("met" if c.met else "failed")
        mark = Text(vi="không áp dụng", en="n/a") if not c.applicable else \
            Text.same("✓" if c.met else "✗")
        rows.append([cell(clauses[c.id]), cell(Text.of(c.title)), cell(Text.same(c.cite)),
                     cell(c.achieved), cell(c.target),
                     cell(number(round(c.ratio * 100, 1)) + "%" if c.ratio is not None
                          else Text.same("—")),
                     cell(c.shortfall), cell(c.points), cell(c.max_points), cell(mark, st)])
    for d in u.deductions:
        rows.append([cell(Text.same(d.id)), cell(Text.of(d.title)), cell(Text.same(d.cite)),
                     cell(None), cell(None), cell(Text.same("—")), cell(None),
                     cell(-d.points or 0.0), cell(-d.max_points or 0.0),
                     cell(Text.same("✓" if d.points == 0 else "✗"),
                          "met" if d.points == 0 else "failed")])
    heads = ["criterion", "doc_title", "cite", "achieved", "target", "ratio", "shortfall",
             "points", "max", "met"]
    return Table(head=[label(h) for h in heads], rows=rows)


def _ranking(res: ScoreResult, units: list[UnitResult], anchors: dict[str, str]) -> Section:
    rules = res.model
    award_title = {a.id: Text.of(a.title) for a in rules.awards}
    head = [label(h) for h in ("rank", "rank_cluster", "unit", "cluster")]
    clauses = clause_labels(rules)
    head += [clauses[c.id] for c in rules.criteria]
    head += [label(h) for h in ("bonus", "deduction", "total", "class", "award")]
    top, bottom = rules.classes[0].id, rules.classes[-1].id
    rows = []
    for u in units:
        pts = {c.id: c.points for c in u.criteria}
        st = "met" if u.class_id == top else ("failed" if u.class_id == bottom else None)
        rows.append([cell(u.rank_overall), cell(u.rank_cluster),
                     cell(Text.same(u.name or u.unit_id), link=anchors[u.unit_id]),
                     cell(Text.same(u.cluster))]
                    + [cell(pts[c.id]) for c in rules.criteria]
                    + [cell(u.bonus), cell(u.deduction), cell(u.total),
                       cell(Text.of(u.class_title), st),
                       cell(join([award_title[a.id] for a in u.awards], "; "))])
    charts = []
    if units:
        order = [c.id for c in rules.classes]
        bands = [_bands(rules, u) for u in units]
        common = bands[0] if all(b == bands[0] for b in bands) else None
        charts.append(overview([(Text.same(u.name or u.unit_id), u.total, order.index(u.class_id))
                                for u in units], common, _scale(rules, units[0]),
                               label("chart_overview")))
    return Section(id="ranking", heading=label("ranking"), charts=charts,
                   tables=[Table(head=head, rows=rows)])


def _unit_item(res: ScoreResult, u: UnitResult, anchor_id: str) -> Item:
    rules = res.model
    clauses = clause_labels(rules)
    bar_rows = [Bar(label=clauses[c.id], value=c.points, max=c.max_points,
                    status="info" if not c.applicable else ("met" if c.met else "failed"),
                    tip=Text.of(c.title)) for c in u.criteria]
    charts = [bars(bar_rows, label("chart_points")),
              total_gauge(u.total, _bands(rules, u), _scale(rules, u), label("chart_total"))]
    awards = join([Text.of(a.title) for a in u.awards], "; ")
    summary = Text.same(f"{u.rank_overall}. {u.name or u.unit_id} ({u.unit_id}) — ") + \
        number(u.total) + " — " + Text.of(u.class_title) + \
        (Text.same(" — ") + awards if u.awards else Text.same(""))
    top, bottom = rules.classes[0].id, rules.classes[-1].id
    status = "met" if u.class_id == top else ("failed" if u.class_id == bottom else None)
    return Item(id=anchor_id, summary=summary, status=status, charts=charts,
                tables=[_criteria_table(rules, u)], tree=unit_tree(res, u))


def score_page(res: ScoreResult, lang: str = "vi") -> Page:
    """The report of a scoring run as a :class:`.html_view.Page`.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> page = score_page(res)
    >>> [s.id for s in page.sections]
    ['ranking', 'units', 'parameters', 'rejected', 'warnings']
    """
    rules = res.model
    units = res.units
    anchors = {u.unit_id: anchor("u", k, u.unit_id) for k, u in enumerate(units)}
    meta = rules.meta
    facts = ruleset_facts(meta.id, meta.version, res.ruleset_hash) + [
        Fact(label=label("period"), value=Text.same(meta.period.year)),
        Fact(label=label("as_of"), value=value(res.as_of)),
        Fact(label=label("source"), value=Text.same(res.source)),
        Fact(label=label("counts"), value=msg("counts", rows_in=res.rows_in, scored=res.scored,
                                               rejected=len(res.rejected)))]
    sections = [_ranking(res, units, anchors),
                Section(id="units", heading=label("units"),
                        items=[_unit_item(res, u, anchors[u.unit_id]) for u in units]),
                parameters_section(rules, res.params), rejected_section(res.rejected),
                warnings_section(res.warnings)]
    return Page(lang="en" if lang == "en" else "vi", kind="scoring", title=Text.of(meta.title),
                subtitle=label("period") + f" {meta.period.year}", facts=facts,
                sections=sections, generator=generator())


__all__ = ["score_page", "unit_tree", "anchor"]
