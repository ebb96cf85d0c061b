"""Candidates' award counts from a table of dated awards (the rule set's ``meta.awards``).

An award counts when it was decided within the achievement period (§I.1 of plan 14/KH: the five
years 2015–2020, parameters ``meta.period_start`` .. ``period_end``) and, with ``meta.cutoff``,
not after the day of the candidate's conference. Each count field takes the awards its
expression selects. Every row of the table ends up counted, not counted with its reason, among
the awards of candidates of other levels, or rejected (an unknown candidate), and the numbers
reconcile.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core.models import Localized
from ...core.params import ResolvedParameter, to_column
from ...core.trace import Notice, Problem, RejectedRow
from ...expr import evaluate
from .model import DelegateRuleSet
from .trace import AwardsSummary, AwardUse, HeldOn
from ...render.cite import citations_of
from .words import conference, say


@dataclass
class AwardCounts:
    counts: dict[str, np.ndarray]                  # count field -> per candidate of the level
    uses: list[list[AwardUse]]                     # per candidate of the level
    rejected: list[RejectedRow]
    summary: AwardsSummary
    notices: list[Notice] = field(default_factory=list)


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def _describe(rules: DelegateRuleSet, cols: dict[str, np.ndarray], i: int) -> Localized:
    """An award in words: its fields other than the number, the candidate and the date."""
    aw = rules.meta.awards
    vi, en = [], []
    for name, f in rules.award_inputs.items():
        if f.role == "key" or name in (aw.candidate, aw.date):
            continue
        v = str(cols[name][i]) if name in cols else ""
        if not v:
            continue
        label = f.labels.get(v) if f.labels else None
        vi.append(label.vi if label else v)
        en.append(label.en if label else v)
    return Localized(vi="; ".join(vi) or "—", en="; ".join(en) or "—")


def count_awards(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                 awards: tuple[Any, Any], candidates: np.ndarray, conferences: np.ndarray,
                 known_ids: set[str], held: dict[str, HeldOn],
                 names: dict[str, str] | None = None) -> AwardCounts:
    """Count the dated awards of the candidates ``candidates`` (ids of the level judged, with
    their ``conferences``); ``known_ids`` are every candidate id of the candidates table;
    ``names`` the chapters' names of the conferences, for the reasons."""
    aw = rules.meta.awards
    raw, valid = awards
    cols = valid.columns
    n_award = len(valid.rows)
    start = params[rules.meta.period_start].value
    end = params[rules.meta.period_end].value
    period_cite = citations_of(rules).text(rules.parameters[rules.meta.period_start].cite or
                                           aw.cite)
    env = {**cols, **{k: to_column(p.value) for k, p in params.items()}}
    takes = {name: np.broadcast_to(np.asarray(evaluate(node, env), dtype=bool), (n_award,))
             for name, node in aw.counts.items()}
    index = {str(c): j for j, c in enumerate(candidates.tolist())}
    counts = {name: np.zeros(len(candidates), dtype=float) for name in aw.counts}
    uses: list[list[AwardUse]] = [[] for _ in range(len(candidates))]
    rejected = list(valid.rejected)
    other = counted = not_counted = 0
    for i in range(n_award):
        cid = str(cols[aw.candidate][i])
        row = int(valid.rows[i])
        j = index.get(cid)
        if j is None:
            if cid in known_ids:
                other += 1
                continue
            rejected.append(RejectedRow(row=row, unit_id=cid or None, table="awards", problems=[
                Problem(column=aw.candidate, header=raw.headers.get(aw.candidate), value=cid,
                        code="unknown_candidate",
                        message=say("conf_award_unknown_candidate"))]))
            continue
        day = np.datetime64(cols[aw.date][i], "D").astype(dt.date)
        conf_day = held[str(conferences[j])] if str(conferences[j]) in held else None
        into = [name for name, t in takes.items() if t[i]]
        if day < start:
            status, why = "before_period", say("conf_award_before", day=_fmt(day),
                                               start=_fmt(start), cite=period_cite)
        elif day > end:
            status, why = "after_period", say("conf_award_after_period", day=_fmt(day),
                                              end=_fmt(end), cite=period_cite)
        elif conf_day is not None and day > conf_day.day:
            status, why = "after_conference", say("conf_award_after_conference", day=_fmt(day),
                                                  held=_fmt(conf_day.day),
                                                  conference=conference(names or {},
                                                                        str(conferences[j])))
        elif not into:
            status, why = "no_count", say("conf_award_no_count")
        else:
            status = "counted"
            why = say("conf_award_counted", fields=Localized(
                vi=", ".join(f"“{rules.inputs[x].title.vi}”" for x in into),
                en=", ".join(f"“{rules.inputs[x].title.en}”" for x in into)))
            for x in into:
                counts[x][j] += 1
        if status == "counted":
            counted += 1
        else:
            not_counted += 1
        uses[j].append(AwardUse(row=row, award=_describe(rules, cols, i), decided_on=day,
                                counted_in=into if status == "counted" else [],
                                status=status, reason=why))
    for u in uses:
        u.sort(key=lambda a: (a.decided_on, a.row))
    summary = AwardsSummary(source=raw.source, rows_in=valid.rows_in, counted=counted,
                            not_counted=not_counted, not_judged=other,
                            rejected=len(rejected))
    return AwardCounts(counts, uses, rejected, summary)


def replace_counts(cols: dict[str, np.ndarray], got: AwardCounts, key: str,
                   titles: dict[str, Localized]) -> list[Notice]:
    """Put the computed counts in place of the candidates table's; a notice names the
    candidates whose given counts differed."""
    differ: list[tuple[str, str, str]] = []       # (vi, en) per candidate and field
    for name, values in got.counts.items():
        given = cols.get(name)
        if given is not None:
            g = np.asarray(given, dtype=float)
            bad = ~np.isnan(g) & (g != values)
            differ += [(str(cols[key][j]), name, f"{g[j]:g} → {values[j]:g}")
                       for j in np.nonzero(bad)[0]]
        cols[name] = values
    if not differ:
        return []

    def which(lang: str) -> str:
        shown = "; ".join(f"{cid}: {titles[name].get(lang)} {change}"
                          for cid, name, change in differ[:10])
        return shown + (" …" if len(differ) > 10 else "")
    return [Notice(code="award_counts_replaced",
                   message=say("conf_award_counts_replaced", n=len(differ),
                               which=Localized(vi=which("vi"), en=which("en"))),
                   details={"candidates": len({cid for cid, _, _ in differ})})]
