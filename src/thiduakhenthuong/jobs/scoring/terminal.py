"""Render results for people: an explanation tree per unit, and the ranked table."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ...render.numbers import num
from ...render.phrases import t
from ...render.ties import key_title, key_titles, ranked_tie
from ...render.values import show_value
from .result import ScoreResult
from .trace import CriterionTrace, UnitResult


def stage_names(res: ScoreResult, lang: str) -> tuple[str, str]:
    """The names of the unit's own stage and the reviewer's, as the rule set declares them."""
    st = res.model.stages
    if st is None:
        return t("stage_claimed", lang), t("stage_reviewed", lang)
    return st.claimed.get(lang), st.reviewed.get(lang)


def _criterion_node(parent: Tree, c: CriterionTrace, lang: str,
                    stages: tuple[str, str] = ("", "")) -> None:
    mark = "✓" if c.met else "✗"
    node = parent.add(escape(t("crit_line", lang, mark=mark, title=c.title.get(lang), cite=c.cite,
                               points=num(c.points, lang), max=num(c.max_points, lang))))
    if not c.applicable:
        node.add(escape(t("na", lang)))
        return
    for line in criterion_extras(c, lang, stages):
        node.add(escape(line))
    if c.achieved is not None:
        pct = f"{num(round((c.ratio or 0) * 100, 1), lang)}%"
        unit = f"{c.unit} " if c.unit else ""
        node.add(escape(t("measure", lang, achieved=num(c.achieved, lang),
                          target=num(c.target, lang), unit=unit, pct=pct)))
        if c.shortfall:
            node.add(escape(t("short", lang, short=num(c.shortfall, lang), unit=c.unit or "")))
    if c.condition is not None:
        node.add(escape(t("condition_ok" if c.condition else "condition_fail", lang,
                          expr=_condition_text(c))))
    if c.bonus:
        node.add(escape(t("bonus", lang, bonus=num(c.bonus, lang))))
    node.add(escape(t("formula", lang, formula=c.formula)))
    if c.inputs and not c.scorers:
        node.add(escape(t("inputs", lang, values=", ".join(
            f"{k} = {show_value(v, lang)}" for k, v in c.inputs.items()))))
    for p in c.parameters:
        node.add(escape(_param(p, lang)))


def criterion_extras(c: CriterionTrace, lang: str, stages: tuple[str, str]) -> list[str]:
    """The lines a criterion's later features add: the points given, the reviewer's change,
    each scorer's points, the group values and years read."""
    out = []
    if c.review is not None:
        r = c.review
        claimed, reviewed = stages
        if r.changed:
            reason = t("review_reason", lang, reason=r.reason) if r.reason else ""
            out.append(t("review_changed", lang, claimed_stage=claimed, reviewed_stage=reviewed,
                         claimed=num(r.claimed_points, lang), points=num(c.points, lang),
                         reason=reason))
        elif r.reviewed:
            out.append(t("review_kept", lang, claimed_stage=claimed, reviewed_stage=reviewed,
                         points=num(c.points, lang)))
        else:
            out.append(t("review_none", lang, claimed_stage=claimed, reviewed_stage=reviewed,
                         points=num(c.points, lang)))
    elif c.given is not None and not c.scorers:
        if c.given != c.points and c.condition is not False:
            out.append(t("given_capped", lang, given=num(c.given, lang),
                         max=num(c.max_points, lang), points=num(c.points, lang)))
        else:
            out.append(t("given", lang, given=num(c.given, lang)))
    for sp in c.scorers:
        out.append(t("scorer_line", lang, scorer=sp.scorer, row=sp.row,
                     points=num(sp.points, lang)))
    for g in c.groups:
        out.append(t("group_read", lang, call=g.call, value=show_value(g.value, lang),
                     group=g.group or t("group_all", lang), size=g.size))
    for y in c.history:
        years = ", ".join(map(str, y.years)) or "—"
        out.append(t("years_read", lang, call=y.call, value=num(y.value, lang), years=years))
    return out


def _condition_text(c: CriterionTrace) -> str:
    f = c.formula
    if " if " in f:
        return f.split(" if ", 1)[1].rsplit(" else ", 1)[0]
    return f


def _param(p, lang: str) -> str:
    key = f" [{p.key}]" if p.key else ""
    return t("param", lang, name=p.name, value=show_value(p.value, lang), key=key,
             date=p.effective_from.strftime("%d/%m/%Y"), basis=p.basis)


def explain_tree(res: ScoreResult, u: UnitResult, lang: str = "vi") -> Tree:
    """One unit's explanation as a tree: total, class, rank, each target, gap, ties, awards."""
    rules = res.model
    root = Tree(escape(t("unit", lang, name=u.name or u.unit_id, id=u.unit_id, cluster=u.cluster)))
    if u.events is None:
        tot = root.add(escape(t("total", lang, total=num(u.total, lang), base=num(u.base, lang),
                                bonus=num(u.bonus, lang), ded=num(u.deduction, lang))))
    else:
        tot = root.add(escape(t("total_events", lang, total=num(u.total, lang),
                                base=num(u.base, lang), bonus=num(u.bonus, lang),
                                ded=num(u.deduction, lang), sign="−" if u.events < 0 else "+",
                                events=num(abs(u.events), lang))))
    if u.bonus_uncapped > u.bonus:
        tot.add(escape(t("bonus_capped", lang, raw=num(u.bonus_uncapped, lang),
                         capped=num(u.bonus, lang))))
    if u.scorers:
        how = t(f"scorers_{rules.scorers.combine}", lang, n=len(u.scorers))
        sc = tot.add(escape(t("scorers", lang, how=how)))
        for s_ in u.scorers:
            sc.add(escape(t("scorer_line", lang, scorer=s_.scorer, row=s_.row,
                            points=num(s_.total, lang))))
    cls = root.add(escape(t("class", lang, title=u.class_title.get(lang))))
    for line in class_rule_lines(u, lang, rules):
        cls.add(escape(line))
    band = next(c for c in rules.classes if c.id == u.class_id)
    if band.min_total is not None:
        pname = band.min_total.text()
        p = next((x for x in u.parameters if x.name == pname), None)
        if p is not None:
            cls.add(escape(t("class_threshold", lang, op="≥", value=show_value(p.value, lang), param=pname,
                             date=p.effective_from.strftime("%d/%m/%Y"), basis=p.basis)))
    for v in u.vetoes:
        if v.applied and v.criterion is None:
            cls.add(escape(t("veto_event", lang, cls=v.max_class, title=v.title.get(lang),
                             cite=v.cite)))
        elif v.applied:
            cls.add(escape(t("veto_applied", lang, cls=v.max_class, crit=v.criterion,
                             title=v.title.get(lang), cite=v.cite)))
    rk = root.add(escape(t("rank", lang, rc=u.rank_cluster, size=u.cluster_size,
                           cluster=u.cluster, ro=u.rank_overall, n=res.scored)))
    for g in u.ranks:
        rk.add(escape(t("rank_in", lang, rank=g.rank, size=g.size, grouping=g.grouping,
                        group=g.group)))
    if u.sections:
        sn = root.add(escape(t("sections", lang)))
        for sec in u.sections:
            node = sn.add(escape(t("section_line", lang, title=sec.title.get(lang),
                                   cite=sec.cite, points=num(sec.points, lang))))
            if sec.max_points is not None:
                node.add(escape(t("section_max", lang, max=num(sec.max_points, lang))))
            if sec.raw_points > sec.points:
                node.add(escape(t("section_capped", lang, raw=num(sec.raw_points, lang),
                                  points=num(sec.points, lang))))
    tg = root.add(escape(t("targets", lang)))
    stages = stage_names(res, lang)
    for c in u.criteria:
        _criterion_node(tg, c, lang, stages)
    if u.event_points:
        en = root.add(escape(t("events", lang)))
        for e in u.event_points:
            node = en.add(escape(t("event_line", lang, mark="✓" if e.happened else "·",
                                   title=e.title.get(lang), cite=e.cite,
                                   points=num(e.points, lang))))
            node.add(escape(t("formula", lang, formula=e.formula)))
            if e.inputs:
                node.add(escape(t("inputs", lang, values=", ".join(
                    f"{k} = {show_value(v, lang)}" for k, v in e.inputs.items()))))
    if u.deductions:
        dd = root.add(escape(t("deductions", lang)))
        for d in u.deductions:
            n = dd.add(escape(t("ded_line", lang, title=d.title.get(lang), cite=d.cite,
                                points=num(d.points, lang), raw=num(d.raw_points, lang),
                                max=num(d.max_points, lang))))
            n.add(escape(t("formula", lang, formula=d.formula)))
            n.add(escape(t("inputs", lang, values=", ".join(
                f"{k} = {show_value(v, lang)}" for k, v in d.inputs.items()))))
            for p in d.parameters:
                n.add(escape(_param(p, lang)))
    if u.gap is None:
        root.add(escape(t("top_class", lang)))
    else:
        g = root.add(escape(t("why_not", lang, next=u.gap.next_class_title.get(lang))))
        if u.gap.points_short > 0:
            g.add(escape(t("points_short", lang, short=num(u.gap.points_short, lang))))
        if u.gap.blocked_by_veto:
            v = next(x for x in rules.vetoes if x.id == u.gap.blocked_by_veto)
            g.add(escape(t("veto_blocks", lang, title=v.title.get(lang), cite=v.cite)))
        by_id = {c.id: c for c in u.criteria}
        for cid in u.gap.unmet:
            c = by_id[cid]
            if c.shortfall:
                detail = t("short", lang, short=num(c.shortfall, lang), unit=c.unit or "").strip()
            elif c.condition is False:
                detail = t("condition_fail", lang, expr=_condition_text(c))
            elif c.given is not None:
                detail = t("short", lang, short=num(round(c.max_points - c.points, 2), lang),
                           unit="điểm" if lang != "en" else "points").strip()
            else:
                detail = t("short", lang, short=num(1 - (c.ratio or 0), lang), unit="").strip()
            g.add(escape(t("unmet_line", lang, clause=c.clause or "", id=c.id, detail=detail,
                           lost=num(round(c.max_points - c.points, 2), lang))))
        w = u.gap.what_it_takes
        if w is not None and w.reachable and w.steps:
            wt = g.add(escape(t("what_it_takes", lang, gain=num(w.points_gain, lang))))
            for st in w.steps:
                what = st.field or st.criterion
                if st.needed is not None and st.achieved is not None and st.needed > st.achieved:
                    line = t("raise_to", lang, what=what, old=show_value(st.achieved, lang),
                             new=show_value(st.needed, lang), gain=num(st.points_gain, lang),
                             cite=st.cite)
                else:
                    line = t("fulfil", lang, id=st.criterion, title=st.title.get(lang),
                             gain=num(st.points_gain, lang), cite=st.cite)
                if st.condition and st.needed is not None and st.needed > (st.achieved or 0):
                    line += t("and_condition", lang)
                wt.add(escape(line))
        elif w is not None and not w.reachable:
            g.add(escape(t("not_reachable", lang)))
    if u.ties:
        tn = root.add(escape(t("ties", lang)))
        titles = key_titles(rules.ranking.keys)
        for tb in u.ties:
            if tb.shared:
                tied = ", ".join(key_title(titles, k).get(lang) for k in tb.tied_on)
                tn.add(escape(t("shared_rank", lang, scope=t(f"scope_{tb.scope}", lang),
                                other=tb.other_unit, tied=tied)))
                continue
            tn.add(escape(ranked_tie(tb.scope, [key_title(titles, k) for k in tb.tied_on],
                                     tb.other_unit, tb.position, key_title(titles, tb.decided_by),
                                     tb.own_value, tb.other_value).get(lang)))
    aw = root.add(escape(t("awards", lang)))
    for line in quota_lines(res, u, lang):
        aw.add(escape(line))
    for a in u.awards:
        aw.add(escape(t("award_line", lang, title=a.title.get(lang), cite=a.cite, rank=a.rank,
                        scope=t(f"scope_{a.scope}", lang) if a.scope in ("cluster", "overall")
                        else a.scope)))
    class_order = [c.id for c in rules.classes]
    for a in rules.awards:
        rank = u.rank_cluster if a.scope == "cluster" else u.rank_overall
        if a.ranks is None or a.scope not in ("cluster", "overall"):
            continue
        if a.ranks[0] <= rank <= a.ranks[1] and not any(x.id == a.id for x in u.awards) and \
                class_order.index(u.class_id) > class_order.index(a.min_class):
            aw.add(escape(t("award_missed", lang, rank=rank, scope=t(f"scope_{a.scope}", lang),
                            cls=a.min_class, title=a.title.get(lang))))
    if not u.awards and not aw.children:
        aw.add(escape(t("no_award", lang)))
    return root


def class_rule_lines(u: UnitResult, lang: str, rules) -> list[str]:
    """How the class was read from a written range and from the criteria's shares."""
    r = u.class_rule
    if r is None:
        return []
    out = []
    if r.range is not None and r.threshold is not None:
        out.append(t("class_range", lang, range=r.range, op=">" if r.strict else "≥",
                     value=num(r.threshold, lang), side=t(f"band_{r.between_bands}", lang)))
    shares = {c.id: c.min_share for c in rules.classes}
    for cid in r.blocked:
        out.append(t("class_share", lang, cls=cid, share=_pct(shares[cid] or 0.0, lang),
                     low=_pct(r.lowest_share or 0, lang)))
    if r.min_share is not None:
        out.append(t("class_share", lang, cls=u.class_by_total, share=_pct(r.min_share, lang),
                     low=_pct(r.lowest_share or 0, lang)))
    return out


def _pct(x: float, lang: str) -> str:
    return num(round(x * 100, 2), lang) + "%"


def quota_lines(res: ScoreResult, u: UnitResult, lang: str) -> list[str]:
    """Where the cut of each award's quota fell for this unit."""
    out = []
    titles = {a.id: a.title.get(lang) for a in res.model.awards}
    for q in u.quotas:
        verdict = t("quota_in" if q.selected else "quota_out", lang)
        line = t("quota_award", lang, title=titles[q.award], cap=q.cap,
                 share=_pct(q.share, lang), units=q.units, group=q.group or t("group_all", lang),
                 pos=q.position, eligible=q.eligible, verdict=verdict)
        if q.other_unit is not None and q.decided_by is not None:
            line += "; " + t("quota_tie", lang, other=q.other_unit, key=q.decided_by,
                             own=show_value(q.own_value, lang),
                             theirs=show_value(q.other_value, lang))
        out.append(line)
    return out


def ranking_table(res: ScoreResult, lang: str = "vi", limit: int | None = None) -> Table:
    """The ranked table: rank, unit, cluster, points per target, total, class, awards."""
    vi = lang != "en"
    tbl = Table(title=res.model.meta.title.get(lang), show_lines=False)
    heads = (["Hạng", "Hạng cụm", "Đơn vị", "Cụm"] if vi else
             ["Rank", "In cluster", "Unit", "Cluster"])
    for h in heads:
        tbl.add_column(h, overflow="fold")
    for c in res.model.criteria:
        tbl.add_column(c.clause and (f"CT{c.clause}" if vi else f"T{c.clause}") or c.id,
                       justify="right")
    events = bool(res.model.events)
    if events:
        tbl.add_column("Cộng/trừ" if vi else "Events", justify="right")
    for h in (["Thưởng", "Trừ", "Tổng", "Xếp loại", "Khen thưởng"] if vi else
              ["Bonus", "Ded.", "Total", "Class", "Award"]):
        tbl.add_column(h, justify="right" if h in ("Thưởng", "Trừ", "Tổng", "Bonus", "Ded.",
                                                    "Total") else "left", overflow="fold")
    df = res.to_frame()
    class_title = {c.id: c.title.get(lang) for c in res.model.classes}
    for _, row in (df.head(limit) if limit else df).iterrows():
        name = row.get("name") or row["unit_id"]
        cells = [str(row["rank_overall"]), str(row["rank_cluster"]), escape(str(name)),
                 escape(str(row["cluster"]))]
        cells += [num(row[f"points.{c.id}"], lang) for c in res.model.criteria]
        if events:
            cells.append(num(row["events"], lang))
        awards = "; ".join(a.title.get(lang) for a in res.model.awards if row[f"award.{a.id}"])
        cells += [num(row["bonus"], lang), num(row["deduction"], lang), num(row["total"], lang),
                  escape(class_title[row["class"]]), escape(awards)]
        tbl.add_row(*cells)
    return tbl
