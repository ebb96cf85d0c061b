"""The HTML report of a year-end scoring run: ranking, per-unit charts and explanation trees."""
from __future__ import annotations

from ...expr import evaluate
from ...render.charts import Band, Bar, bars, overview, total_gauge
from ...render.page import (Fact, Item, Page, Section, Table, Text, cell, join, label, msg,
                            number, value)
from ...render.sections import (anchor, generator, parameters_section, rejected_section,
                                ruleset_facts, warnings_section)
from .explain import clause_labels, names_of, unit_head, unit_tree
from .model import RuleSet
from .result import ScoreResult
from .trace import UnitResult


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


def _criteria_table(res: ScoreResult, u: UnitResult) -> Table:
    rules = res.model
    names = names_of(res)
    clauses = clause_labels(rules)
    rows = []
    for c in u.criteria:
        st = "info" if not c.applicable else ("met" if c.met else "failed")
        mark = label("not_applicable") if not c.applicable else \
            Text.same("✓" if c.met else "✗")
        rows.append([cell(clauses[c.id]), cell(Text.of(c.title)), cell(names.cite(c.cite)),
                     cell(c.achieved), cell(c.target),
                     cell(number(round(c.ratio * 100, 1)) + "%" if c.ratio is not None
                          else Text.same("—")),
                     cell(c.shortfall), cell(c.points), cell(c.max_points), cell(mark, st)])
    for d in u.deductions:
        rows.append([cell(label("deduction")), cell(Text.of(d.title)), cell(names.cite(d.cite)),
                     cell(None), cell(None), cell(Text.same("—")), cell(None),
                     cell(-d.points or 0.0), cell(-d.max_points or 0.0),
                     cell(Text.same("✓" if d.points == 0 else "✗"),
                          "met" if d.points == 0 else "failed")])
    heads = ["criterion", "doc_title", "cite", "achieved", "target", "ratio", "shortfall",
             "points", "max", "met"]
    return Table(head=[label(h) for h in heads], rows=rows)


def _ranking(res: ScoreResult, units: list[UnitResult], anchors: dict[str, str]) -> Section:
    rules = res.model
    names = names_of(res)
    award_title = {a.id: Text.of(a.title) for a in rules.awards}
    # What an auditor comes for (total, class, award) right after the unit, then the parts of
    # the total: the table fits a 1,280-pixel screen up to the award without scrolling.
    head = [label(h) for h in ("rank", "rank_cluster", "unit", "cluster", "total", "class",
                               "award", "bonus", "deduction")]
    clauses = clause_labels(rules)
    head += [clauses[c.id] for c in rules.criteria]
    top, bottom = rules.classes[0].id, rules.classes[-1].id
    rows = []
    for u in units:
        pts = {c.id: c.points for c in u.criteria}
        st = "met" if u.class_id == top else ("failed" if u.class_id == bottom else None)
        rows.append([cell(u.rank_overall), cell(u.rank_cluster),
                     cell(Text.same(u.name or u.unit_id), link=anchors[u.unit_id]),
                     cell(names.cluster(u.cluster)), cell(u.total),
                     cell(Text.of(u.class_title), st),
                     cell(join([award_title[a.id] for a in u.awards], "; ")),
                     cell(u.bonus), cell(u.deduction)]
                    + [cell(pts[c.id]) for c in rules.criteria])
    charts = []
    if units:
        order = [c.id for c in rules.classes]
        bands = [_bands(rules, u) for u in units]
        common = bands[0] if all(b == bands[0] for b in bands) else None
        charts.append(overview([(Text.same(u.name or u.unit_id), u.total, order.index(u.class_id))
                                for u in units], common, _scale(rules, units[0]),
                               label("chart_overview")))
    return Section(id="ranking", heading=label("ranking"), charts=charts,
                   tables=[Table(head=head, rows=rows, id="ranking-table")])


def _unit_item(res: ScoreResult, u: UnitResult, anchor_id: str) -> Item:
    rules = res.model
    clauses = clause_labels(rules)
    bar_rows = [Bar(label=clauses[c.id], value=c.points, max=c.max_points,
                    status="info" if not c.applicable else ("met" if c.met else "failed"),
                    tip=Text.of(c.title)) for c in u.criteria]
    charts = [bars(bar_rows, label("chart_points")),
              total_gauge(u.total, _bands(rules, u), _scale(rules, u), label("chart_total"))]
    awards = join([Text.of(a.title) for a in u.awards], "; ")
    summary = Text.same(f"{u.rank_overall}. ") + unit_head(res, u, names_of(res)) + " — " + \
        number(u.total) + " — " + Text.of(u.class_title) + \
        (Text.same(" — ") + awards if u.awards else Text.same(""))
    top, bottom = rules.classes[0].id, rules.classes[-1].id
    status = "met" if u.class_id == top else ("failed" if u.class_id == bottom else None)
    return Item(id=anchor_id, summary=summary, status=status, charts=charts,
                tables=[_criteria_table(res, u)], tree=unit_tree(res, u))


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
