"""A scoring run's result: columns kept as computed, typed per-unit traces built on demand."""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

import numpy as np
import pandas as pd

from ...core.jsonable import plain
from ...core.params import ResolvedParameter
from ...core.result import Labels, Result
from ...i18n.workbook import rank_columns
from ...core.trace import Notice, ParameterUse, RejectedRow, YearsRead
from ...expr import ast as A
from ...expr import evaluate
from ...expr.evaluate import Context, year_grids
from ...expr.functions import FUNCTIONS, GROUP_FUNCTIONS, WINDOW_FUNCTIONS, group_codes
from ...select.quota import cut_off_neighbour
from ...tables.validate import ValidInputs
from .engine import ScoreColumns, final
from .model import Criterion
from .trace import (AwardDecision, ClassGap, ClassRule, CriterionTrace, DeductionTrace,
                    EventTrace, GroupRank, GroupRead, QuotaTrace, ReviewTrace, ScorerPoints,
                    ScorerTotal, ScoreReport, SectionTrace, TieBreak, UnitResult, VetoTrace)
from .labels import clause_labels
from .what_it_takes import what_it_takes

class ScoreResult(Result):
    """Result of :meth:`Rules.score`: ranked units with explanations, rejected rows, warnings
    (see :mod:`thiduakhenthuong.core.result` for what every result offers).

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> res.rows_in == res.scored + len(res.rejected)
    True
    """
    kind = "scoring"
    json_indent = 2

    def __init__(self, rules: Any, params: dict[str, ResolvedParameter], as_of: dt.date,
                 source: str, valid: ValidInputs, cols: ScoreColumns, notices: list[Notice]):
        self.rules = rules
        self.params = params
        self.as_of = as_of
        self.source = source
        # With several scorers the table has a row per unit and scorer; the unit's own values
        # (name, cluster) come from its first row.
        self.valid_rows = valid
        self.valid = cols.unit_valid if cols.rows is not None and cols.unit_valid else valid
        self.cols = cols
        self.history_rows = self.ignored_rows = 0
        self._notices = notices
        self.overrides: list = []  # council decisions beside the rules' (select.overrides)
        self.rows_in = valid.rows_in
        self.scored = len(self.valid)
        self.rows_scored = len(valid)
        m = rules.model
        self._key = next(n for n, f in m.inputs.items() if f.role == "key")
        self._roles = {f.role: n for n, f in m.inputs.items() if f.role}
        self._index = {uid: i for i, uid in enumerate(self.valid.columns[self._key])}
        # Parameters behind every unit's class thresholds and bonus cap: the same for all units.
        self._class_params = sorted(set().union(
            *[c.min_total.names() for c in m.classes if c.min_total is not None],
            m.meta.bonus_max.names()))

    @property
    def sources(self) -> list[str]:
        return [self.source]

    @property
    def rejected(self) -> list[RejectedRow]:
        return self.valid.rejected

    @property
    def notices(self) -> list[Notice]:
        return self._notices

    @property
    def warnings(self) -> list[Notice]:
        """The notices (the name this result had before all results shared one protocol)."""
        return self._notices

    @property
    def ruleset_hash(self) -> str:
        """The rules' version hash (see :attr:`hash`)."""
        return self.rules.hash

    # --- per-unit access -------------------------------------------------------------------
    def unit(self, unit_id: str) -> UnitResult:
        """The explained result of one unit; :class:`~thiduakhenthuong.errors.NotJudgedError`
        (a ``KeyError``) naming the rejection if it was not scored.

        >>> import thiduakhenthuong as tdkt
        >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/bad/wrong_types.csv")
        >>> res.unit("bat_xat")
        Traceback (most recent call last):
        ...
        thiduakhenthuong.errors.NotJudgedError: unit 'bat_xat' was not judged: its row was rejected (row 7: Số đơn vị máu tiếp nhận: not a whole number) (see result.rejected; mend the row and run again)
        """
        i = self._index.get(unit_id)
        if i is None:
            names = {u.id: u.name for u in self.model.units or []}
            if "name" in self._roles:
                names.update({str(k): str(v) for k, v in zip(
                    self.valid.columns[self._key], self.valid.columns[self._roles["name"]]) if v})
            raise self.not_judged(unit_id, self._index, names=names)
        return self._unit(i)

    get = unit

    @property
    def units(self) -> list[UnitResult]:
        """All scored units, best overall rank first."""
        return [self._unit(int(i)) for i in self.cols.ranked.order_overall]

    def __iter__(self) -> Iterator[UnitResult]:
        return iter(self.units)

    def _param_use(self, name: str, i: int) -> ParameterUse:
        p = self.params[name]
        if p.by is None:
            return ParameterUse(name=name, value=p.value, effective_from=p.effective_from,
                                basis=p.basis.reader())
        k = self.valid.columns[p.by][i]
        v = p.value.get(k, p.value.get("default"))
        return ParameterUse(name=name, value=v, effective_from=p.effective_from,
                            basis=p.basis.reader(),
                            key=f"{p.by}={k}")

    def _inputs(self, names: set[str], i: int, valid: ValidInputs | None = None
                ) -> dict[str, Any]:
        out = {}
        cols = (valid or self.valid).columns
        for nm in sorted(names):
            f = self.model.inputs.get(nm)
            if f is not None:
                out[nm] = plain(cols[nm][i])
        return out

    def _unit_rows(self, i: int) -> list[int]:
        """The rows of unit ``i`` (one per scorer), or [i]."""
        r = self.cols.rows
        if r is None:
            return [i]
        return [int(j) for j in np.nonzero(r.unit == i)[0]]

    def _groups(self, nodes: list, i: int) -> list[GroupRead]:
        """The values computed over a group that ``nodes`` read, for unit ``i``."""
        ctx = self.cols.ctx
        if ctx is None or not ctx.groups:
            return []
        cols = self.valid_rows.columns
        row = self._unit_rows(i)[0]
        out = []
        seen = set()
        for node in nodes:
            if node is None:
                continue
            for call in node.calls():
                key = call.text()
                if call.func not in GROUP_FUNCTIONS or key in seen or key not in ctx.groups:
                    continue
                seen.add(key)
                by = call.args[1].name if len(call.args) > 1 and \
                    isinstance(call.args[1], A.Name) else None
                n = len(self.valid_rows)
                codes = group_codes(None if by is None else cols[by], n)
                out.append(GroupRead(call=key, group=None if by is None else str(cols[by][row]),
                                     value=plain(ctx.groups[key][row]),
                                     size=int((codes == codes[row]).sum())))
        return out

    def _history(self, nodes: list, i: int) -> list[YearsRead]:
        ctx = self.cols.ctx
        if ctx is None or ctx.yearly is None:
            return []
        out = []
        first = self.model.meta.period.year - self.model.history.years
        years = list(range(first, self.model.meta.period.year + 1))
        for node in nodes:
            if node is None:
                continue
            for call in node.calls():
                if call.func not in WINDOW_FUNCTIONS:
                    continue
                env = {k: (v[i:i + 1] if np.ndim(v) >= 1 else v)
                       for k, v in ctx.yearly.items() if k in call.names()}
                one = Context(yearly=env)
                value = float(np.asarray(evaluate(call, {}, one)).reshape(-1)[0])
                mask = FUNCTIONS[call.func].counted(*year_grids(call, one))[0]
                out.append(YearsRead(call=call.text(), value=value,
                                     years=[y for y, m in zip(years, mask) if m],
                                     first_year=first))
        return out

    def _review(self, c: Criterion, cc: Any, i: int) -> ReviewTrace | None:
        if c.review is None or cc.claimed is None:
            return None
        rows = self._unit_rows(i)
        j = rows[0]
        r = c.review
        own = {k: getattr(c, k) for k in ("points", "achieved", "target") if getattr(r, k)}
        fin = final(c)
        env, ctx, n = self.cols.env, None if self.cols.rows else self.cols.ctx, self.scored
        del j

        def at(node: Any) -> Any:
            return plain(np.broadcast_to(np.asarray(evaluate(node, env, ctx)), (n,))[i])
        claimed = {k: at(v) for k, v in own.items()}
        finals = {k: at(getattr(fin, k)) for k in own}
        reason = None
        if cc.reason is not None:
            reason = str(cc.reason[i]) or None
        claimed_pts = float(cc.claimed.points[i])
        return ReviewTrace(claimed_points=claimed_pts, claimed_met=bool(cc.claimed.met[i]),
                           reviewed=bool(cc.reviewed[i]),
                           changed=abs(claimed_pts - float(cc.points[i])) > 1e-9,
                           reason=reason, claimed=claimed, final=finals)

    def _criterion(self, c: Criterion, i: int) -> CriterionTrace:
        cc = self.cols.criteria[c.id]
        names: set[str] = set()
        fc = final(c)
        nodes = [c.applies, fc.achieved, fc.target, c.condition, c.max_points, fc.points,
                 *((c.bonus.points_per_step, c.bonus.max) if c.bonus else ())]
        if c.review is not None and c.review.reason is not None:
            nodes.append(c.review.reason)
        for node in nodes:
            if node is not None:
                names |= node.names_outside(WINDOW_FUNCTIONS)
        applicable = bool(cc.applicable[i])
        achieved = None if cc.achieved is None else plain(cc.achieved[i])
        target = None if cc.target is None else plain(cc.target[i])
        short = None
        if achieved is not None and target is not None and achieved < target:
            short = float(target - achieved)
        scorers = []
        rows = self.cols.rows
        if rows is not None:
            rc = rows.criteria[c.id]
            scorers = [ScorerPoints(scorer=str(rows.scorer[j]), row=int(rows.source_rows[j]),
                                    points=float(rc.points[j]), met=bool(rc.met[j]))
                       for j in sorted(self._unit_rows(i), key=lambda j: str(rows.scorer[j]))]
        given = None
        if cc.given is not None:
            given = plain(cc.given[i])
        return CriterionTrace(
            id=c.id, title=c.title, cite=c.cite, clause=c.clause, applicable=applicable,
            inputs=self._inputs(names, i), achieved=achieved, target=target,
            ratio=float(cc.ratio[i]) if c.achieved is not None else None,
            condition=None if cc.condition is None else bool(cc.condition[i]),
            met=bool(cc.met[i]), method=c.scoring.method, formula=formula(c),
            points=float(cc.points[i]), max_points=float(cc.max_points[i]),
            bonus=float(cc.bonus[i]), shortfall=short if applicable else None, unit=c.unit,
            parameters=[self._param_use(nm, i) for nm in sorted(names) if nm in self.params],
            section=c.section, given=given, review=self._review(c, cc, i), scorers=scorers,
            groups=self._groups(nodes, i), history=self._history(nodes, i))

    def _unit(self, i: int) -> UnitResult:
        r, cols, cls = self.model, self.cols, self.model.classes
        col = self.valid.columns
        crits = [self._criterion(c, i) for c in r.criteria]
        deds = []
        for d in r.deductions:
            raw, capped, mx = cols.deductions[d.id]
            names = d.points.names() | d.max.names()
            deds.append(DeductionTrace(
                id=d.id, title=d.title, cite=d.cite, inputs=self._inputs(names, i),
                formula=f"min({d.points.text()}, {d.max.text()})", raw_points=float(raw[i]),
                points=float(capped[i]), max_points=float(mx[i]),
                parameters=[self._param_use(nm, i) for nm in sorted(names) if nm in self.params]))
        vetoes = [VetoTrace(id=v.id, title=v.title, cite=v.cite, criterion=v.criterion,
                            max_class=v.max_class, applied=bool(cols.veto_applied[v.id][i]),
                            when=None if v.when is None else v.when.text())
                  for v in r.vetoes if self._veto_cause(v, i)]
        rk = cols.ranked
        awards = [AwardDecision(id=a.id, title=a.title, cite=a.cite, scope=a.scope,
                                rank=self._rank_in(a.scope, i))
                  for a in r.awards if cols.awards[a.id][i]]
        ties = []
        for up, low, scope, k in rk.ties_of(i):
            other = low if i == up else up
            same = rk.shared and (rk.rank_overall if scope == "overall" else
                                  rk.rank_group)[i] == (rk.rank_overall if scope == "overall"
                                                        else rk.rank_group)[other]
            ties.append(TieBreak(scope=scope, other_unit=str(col[self._key][other]),
                                 position="above" if i == up else "below",
                                 tied_on=rk.keys[:k], decided_by=rk.keys[k],
                                 own_value=plain(rk.values[k][i]),
                                 other_value=plain(rk.values[k][other]),
                                 shared=True if same else None))
        ci = int(cols.class_idx[i])
        gap = None
        if ci > 0:
            nxt = cls[ci - 1]
            thr = cols.thresholds[ci - 1]
            need = float(thr[i]) if thr is not None else 0.0
            blocking = [v.id for v in r.vetoes if cols.veto_applied[v.id][i]] or \
                [v.id for v in r.vetoes if self._veto_cause(v, i)
                 and [c.id for c in cls].index(v.max_class) >= ci]
            unmet = sorted((c for c in crits if c.applicable and not c.met),
                           key=lambda c: (-(c.max_points - c.points), c.id))
            short = max(round(need - float(cols.total[i]), 2), 0.0)
            veto = blocking[0] if blocking else None
            gap = ClassGap(next_class=nxt.id, next_class_title=nxt.title, points_short=short,
                           blocked_by_veto=veto, unmet=[c.id for c in unmet],
                           what_it_takes=what_it_takes(r, crits, short, nxt.id, veto))
        return UnitResult(
            unit_id=str(col[self._key][i]),
            name=_opt(col, self._roles.get("name"), i), cluster=str(rk.group[i]),
            level=_opt(col, self._roles.get("level"), i), kind=_opt(col, self._roles.get("kind"), i),
            row=int(self.valid.rows[i]), base=float(cols.base[i]), bonus=float(cols.bonus[i]),
            bonus_uncapped=float(cols.bonus_uncapped[i]), deduction=float(cols.deduction[i]),
            total=float(cols.total[i]), class_id=cls[ci].id, class_title=cls[ci].title,
            class_by_total=cls[int(cols.class_by_total[i])].id,
            rank_cluster=int(rk.rank_group[i]), rank_overall=int(rk.rank_overall[i]),
            cluster_size=int(rk.group_size[i]), criteria=crits, deductions=deds, vetoes=vetoes,
            awards=awards, ties=ties, gap=gap,
            parameters=[self._param_use(nm, i) for nm in self._class_params],
            events=float(cols.events_total[i]) if r.events else None,
            event_points=self._events(i), sections=self._sections(i),
            ranks=[GroupRank(grouping=g, group=str(rg.group[i]), rank=int(rg.rank_group[i]),
                             size=int(rg.group_size[i])) for g, rg in cols.ranks_in.items()],
            quotas=self._quotas(i), scorers=self._scorer_totals(i),
            class_rule=self._class_rule(i))

    # --- the parts of a unit's result the later features add ------------------------------
    def _veto_cause(self, v: Any, i: int) -> bool:
        return bool(self.cols.vetoed_by_event[v.id][i])

    def _rank_in(self, scope: str, i: int) -> int:
        rk = self.cols.ranked
        if scope == "cluster":
            return int(rk.rank_group[i])
        if scope == "overall":
            return int(rk.rank_overall[i])
        return int(self.cols.ranks_in[scope].rank_group[i])

    def _events(self, i: int) -> list[EventTrace]:
        out = []
        for e in self.model.events:
            nodes = [x for x in (e.points, e.when, e.per, e.max) if x is not None]
            names = set().union(*(x.names() for x in nodes))
            pts = float(self.cols.events[e.id][i])
            happened = pts != 0 if e.when is None else bool(np.broadcast_to(np.asarray(
                evaluate(e.when, self.cols.env, None if self.cols.rows else self.cols.ctx),
                dtype=bool), (self.scored,))[i])
            f = e.points.text() + (f" × {e.per.text()}" if e.per is not None else "")
            f += f" if {e.when.text()}" if e.when is not None else ""
            f += f", within ±{e.max.text()}" if e.max is not None else ""
            out.append(EventTrace(id=e.id, title=e.title, cite=e.cite, happened=happened,
                                  points=pts, formula=f, inputs=self._inputs(names, i),
                                  parameters=[self._param_use(nm, i) for nm in sorted(names)
                                              if nm in self.params]))
        return out

    def _sections(self, i: int) -> list[SectionTrace]:
        out = []
        for sec in self.model.sections:
            raw, capped, mx = self.cols.sections[sec.id]
            m = float(mx[i])
            out.append(SectionTrace(id=sec.id, title=sec.title, cite=sec.cite,
                                    raw_points=float(raw[i]), points=float(capped[i]),
                                    max_points=None if np.isinf(m) else m,
                                    criteria=[c.id for c in self.model.criteria
                                              if c.section == sec.id]))
        return out

    def _quotas(self, i: int) -> list[QuotaTrace]:
        out = []
        col = self.valid.columns
        for a in self.model.awards:
            q = self.cols.quotas.get(a.id)
            if q is None or q.rank[i] == 0:
                continue
            of = a.quota.of or a.scope
            group = "" if of == "overall" else str(
                self.cols.ranked.group[i] if of == "cluster" else self.cols.ranks_in[of].group[i])
            j, k = cut_off_neighbour(q, i, q_group(self, of, i))
            names = self.cols.ranked.keys
            out.append(QuotaTrace(
                award=a.id, group=group, units=int(q.holders[i]), share=q.share,
                cap=int(q.cap[i]), position=int(q.rank[i]), eligible=int(q.eligible_in_group[i]),
                selected=bool(q.selected[i]),
                other_unit=None if j is None else str(col[self._key][j]),
                decided_by=None if k is None else names[min(k, len(names) - 1)],
                own_value=None if k is None else plain(q.keys[k][i]),
                other_value=None if j is None else plain(q.keys[k][j])))
        return out

    def _scorer_totals(self, i: int) -> list[ScorerTotal]:
        rows = self.cols.rows
        if rows is None:
            return []
        return [ScorerTotal(scorer=str(rows.scorer[j]), row=int(rows.source_rows[j]),
                            total=float(rows.total[j]))
                for j in sorted(self._unit_rows(i), key=lambda j: str(rows.scorer[j]))]

    def _class_rule(self, i: int) -> ClassRule | None:
        m = self.model
        ranged = any(c.range for c in m.classes)
        shared = any(c.min_share is not None for c in m.classes)
        if not ranged and not shared:
            return None
        cols = self.cols
        ci = int(cols.class_by_total[i])
        cl = m.classes[ci]
        th = cols.thresholds[ci]
        blocked = []
        low = float(cols.min_share[i]) if cols.min_share is not None else None
        for k in range(ci):
            better = m.classes[k]
            t = cols.thresholds[k]
            reached = t is not None and (cols.total[i] > t[i] + 1e-9 if cols.strict[k]
                                         else cols.total[i] >= t[i] - 1e-9)
            if reached and better.min_share is not None and low is not None and \
                    low < better.min_share - 1e-9:
                blocked.append(better.id)
        return ClassRule(range=cl.range, between_bands=m.meta.between_bands if ranged else None,
                         threshold=None if th is None else float(th[i]),
                         strict=bool(cols.strict[ci]) if cols.strict else False,
                         min_share=cl.min_share, lowest_share=low if shared else None,
                         blocked=blocked)

    # --- whole-run outputs ---------------------------------------------------------------------
    def to_frame(self, labels: Labels = None) -> pd.DataFrame:
        """One row per unit, best overall first: ranks, unit, cluster, points per criterion,
        base, bonus, deduction, total, class and awards, and the input row.

        Without ``labels``: snake_case columns, the class as its code and one yes/no column
        ``award.<id>`` per award. With ``labels="vi"`` or ``"en"``: the headers, class titles and
        award titles a person reads (as in the workbook). Built from the columns directly, so
        it is cheap even for a million units.

        >>> import thiduakhenthuong as tdkt
        >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
        >>> f = res.to_frame()
        >>> list(f.columns[:5]), str(f["award.co_thi_dua"].dtype), f["class"].iloc[0]
        (['rank_overall', 'rank_cluster', 'unit_id', 'name', 'cluster'], 'bool', 'htxs')
        >>> list(res.to_frame(labels="vi").columns[:3])
        ['Hạng chung', 'Hạng trong cụm', 'Mã đơn vị']
        """
        c, r, rk = self.cols, self.model, self.cols.ranked
        o = rk.order_overall
        col = self.valid.columns
        data: dict[str, Any] = {
            "rank_overall": rk.rank_overall[o], "rank_cluster": rk.rank_group[o],
            "unit_id": col[self._key][o],
        }
        if "name" in self._roles:
            data["name"] = col[self._roles["name"]][o]
        data["cluster"] = rk.group[o]
        for cr in r.criteria:
            data[f"points.{cr.id}"] = c.criteria[cr.id].points[o]
        for sec in r.sections:
            data[f"section.{sec.id}"] = c.sections[sec.id][1][o]
        data.update({"base": c.base[o], "bonus": c.bonus[o], "deduction": c.deduction[o]})
        if r.events:
            data["events"] = c.events_total[o]
        data["total"] = c.total[o]
        for g, rg in c.ranks_in.items():
            data[f"rank.{g}"] = rg.rank_group[o]
        ids = np.array([cl.id for cl in r.classes], dtype=object)
        data["class"] = ids[c.class_idx[o]]
        if labels is None:
            for a in r.awards:
                data[f"award.{a.id}"] = np.asarray(c.awards[a.id][o], dtype=bool)
            data["row"] = self.valid.rows[o]
            return pd.DataFrame(data)
        titles = np.array([cl.title.get(labels) for cl in r.classes], dtype=object)
        data["class_title"] = titles[c.class_idx[o]]
        aw = np.full(len(o), "", dtype=object)
        for a in r.awards:
            hit = c.awards[a.id][o]
            name = a.title.get(labels)
            aw = np.where(hit, np.where(aw == "", name, aw + "; " + name), aw)
        data["awards"] = aw
        data["row"] = self.valid.rows[o]
        clusters = {x.id: x.title.get(labels) for x in r.clusters}
        if clusters:
            data["cluster"] = pd.Series(data["cluster"], dtype=object).map(
                lambda v: clusters.get(v, v)).to_numpy(dtype=object)
        clause = clause_labels(r)
        heads = {k: rank_columns(k, labels) for k in data if k in rank_columns}
        heads.update({f"points.{cr.id}": rank_columns("points_of", labels,
                                                       label=clause[cr.id].get(labels))
                      for cr in r.criteria})
        heads.update({f"section.{sec.id}": sec.title.get(labels) for sec in r.sections})
        heads.update({f"rank.{g}": rank_columns("rank_by", labels,
                                                by=r.inputs[g].title.get(labels)
                                                if g in r.inputs else g)
                      for g in c.ranks_in})
        return pd.DataFrame(data).rename(columns=heads)

    def report(self) -> ScoreReport:
        """The whole run as one typed, serialisable document."""
        return ScoreReport(
            ruleset_id=self.rules.id, ruleset_version=self.rules.version,
            ruleset_hash=self.rules.hash, as_of=self.as_of, source=self.source,
            rows_in=self.rows_in, scored=self.scored, rejected_count=len(self.rejected),
            units=self.units, rejected=self.rejected, warnings=self.notices,
            ranking_keys=self.cols.ranked.keys, overrides=self.overrides)


def q_group(res: "ScoreResult", of: str, i: int) -> object:
    """The group value the quota of scope ``of`` keyed unit ``i`` by."""
    if of == "overall":
        return ""
    return res.cols.ranked.group[i] if of == "cluster" else res.cols.ranks_in[of].group[i]


def _opt(col: dict[str, np.ndarray], name: str | None, i: int) -> str | None:
    if name is None:
        return None
    v = col[name][i]
    return str(v) if v not in ("", None) else None


def formula(c: Criterion) -> str:
    """The criterion's scoring rule as one line of text, for traces and catalogues."""
    s = c.scoring
    gate = f"if {c.condition.text()}" if c.condition is not None else ""
    if s.method == "points":
        core = f"min(max({c.points.text()}, 0), {c.max_points.text()})"
        return f"{core} {gate}".strip() + (" else 0" if gate else "")
    if c.achieved is not None:
        r = f"ratio({c.achieved.text()}, {c.target.text()})"
    else:
        r = None
    mp = c.max_points.text()
    if s.method == "all_or_nothing":
        test = " and ".join(x for x in [c.condition.text() if c.condition is not None else None,
                                        f"{r} >= 1" if r else None] if x)
        return f"{mp} if {test} else 0"
    if s.method == "proportional":
        core = f"{mp} × min({r}, 1)" if s.full_at == 1 else \
            f"{mp} × min({r} / {s.full_at:g}, 1)"
        if s.floor:
            core += f", 0 below ratio {s.floor:g}"
    else:
        bands = ", ".join(f"≥{b.min_ratio:g}→{b.share:g}" for b in s.bands)
        core = f"{mp} × band({r}: {bands})"
    return f"{core} {gate}".strip() + (" else 0" if gate else "")
