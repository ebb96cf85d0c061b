"""Catalogue sections of a scoring rule set: criteria (how points are earned), deductions,
classes, vetoes, ranking, awards, total checks, the unit registry and the inputs."""
from __future__ import annotations

from typing import Optional

from ...expr import ast as A
from ...render.catalogue.common import (PageContext, input_entries, inputs, loc, param_entries,
                                        parameters, row_checks, say_name)
from ...render.catalogue.expr import NameBook
from ...render.names import measure
from ...render.catalogue.md import code, field, md, table
from ...render.catalogue.words import w
from ...render.numbers import num
from .model import Criterion, RuleSet


def scoring_book(m: RuleSet) -> NameBook:
    """The names a scoring rule set's expressions read: its inputs and parameters."""
    return NameBook({**input_entries(m.inputs), **param_entries(m.parameters, m.inputs)})


def scoring_about(m: RuleSet, ctx: PageContext) -> list[tuple[str, str]]:
    lang = ctx.lang
    meta = m.meta
    bonus = ctx.say(meta.bonus_max, "meta.bonus_max")
    return [
        (w("period", lang), w("period_text", lang, year=meta.period.year,
                              as_of=meta.period.as_of.isoformat())),
        (w("meta_scale", lang), w("scale_text", lang, base=num(meta.base_max, lang), bonus=bonus)),
        (w("not_applicable", lang), w("na_full_points", lang)
         if meta.not_applicable == "full_points" else
         w("na_excluded", lang, base=num(meta.base_max, lang))),
        (w("basis", lang), md(meta.basis.get(lang))),
    ]


def scoring_sections(m: RuleSet, ctx: PageContext) -> list[str]:
    """Everything a scoring rule set decides, in the order the engine applies it."""
    out = _scorers(m, ctx) + _sections(m, ctx) + _criteria(m, ctx) + _deductions(m, ctx)
    out += _events(m, ctx) + _classes(m, ctx) + _vetoes(m, ctx)
    out += _ranking(m, ctx) + _awards(m, ctx) + _totals(m, ctx) + _alerts(m, ctx)
    out += parameters(m.parameters, m.inputs, ctx)
    out += inputs(m.inputs, w("inputs", ctx.lang), ctx)
    out += row_checks(m.checks, w("row_checks", ctx.lang), ctx)
    out += _units(m, ctx)
    return out


def _fixed(node: Optional[A.Node], m: RuleSet) -> Optional[float]:
    """The number a parameter-only expression stands for when it is a constant or a parameter
    with one value; None when it varies (then the page shows the expression)."""
    if isinstance(node, A.Const) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, A.Name) and node.name in m.parameters:
        p = m.parameters[node.name]
        if len(p.values) == 1 and isinstance(p.values[0].value, (int, float)) \
                and not isinstance(p.values[0].value, bool):
            return float(p.values[0].value)
    return None


def _pct(x: float, lang: str) -> str:
    return num(x * 100, lang) + "%"


def _criteria(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('criteria', lang)}", ""]
    for c in m.criteria:
        head = md(c.title.get(lang))
        out += [f"### {head} ({code(c.id)})", ""]
        cite = ctx.cite(c.cite)
        if c.clause:
            cite += f" — {w('clause', lang, clause=md(c.clause))}"
        out.append(field(w("cite", lang), cite))
        if c.applies is not None:
            out.append(field(w("applies", lang), ctx.say(c.applies, c.id)))
        if c.achieved is not None and c.target is not None:
            out.append(field(w("achieved", lang), ctx.say(c.achieved, c.id)))
            out.append(field(w("target", lang), ctx.say(c.target, c.id)))
        if c.condition is not None:
            label = "condition_gate" if c.achieved is not None else "condition"
            out.append(field(w(label, lang), ctx.say(c.condition, c.id)))
        if c.section:
            sec = next((x for x in m.sections if x.id == c.section), None)
            out.append(field(w("in_section", lang), md(sec.title.get(lang)) if sec
                             else code(c.section)))
        if c.unit:
            out.append(field(w("measure_unit", lang), md(measure(c.unit).get(lang))))
        if c.achieved is not None:
            cond = w("ratio_rule_cond", lang) if c.condition is not None else ""
            out.append(f"- {w('ratio_rule', lang, cond=cond)}")
        out.append(field(w("max_points", lang), ctx.say(c.max_points, c.id)))
        out += _points(c, m, ctx)
        if c.bonus is not None:
            b = c.bonus
            out.append(field(w("bonus", lang), w(
                "bonus_text", lang, step=_pct(b.step, lang),
                per=ctx.say(b.points_per_step, c.id), max=ctx.say(b.max, c.id))))
            out.append(field(w("basis", lang), md(b.basis.get(lang)), 1))
        if c.review is not None:
            r = c.review
            what = ", ".join(f"{w('review_' + k, lang)} = {ctx.say(getattr(r, k), c.id)}"
                             for k in ("points", "achieved", "target") if getattr(r, k))
            stage = m.stages.reviewed.get(lang) if m.stages else w("stage_reviewed", lang)
            reason = w("review_reason", lang, reason=ctx.say(r.reason, c.id)) \
                if r.reason is not None else ""
            out.append(field(w("review", lang), w("review_text", lang, stage=md(stage), what=what,
                                                  reason=reason)))
        if c.note is not None:
            out.append(field(w("note", lang), loc(c.note, lang)))
        out.append(field(w("expression", lang), _exprs(c)))
        out.append("")
    return out


def _points(c: Criterion, m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    s = c.scoring
    if s.method == "points":
        return [field(w("points", lang), w("points_given", lang, points=ctx.say(c.points, c.id)))]
    if s.method == "all_or_nothing":
        return [field(w("points", lang), w("all_or_nothing", lang))]
    if s.method == "proportional":
        text = (w("proportional", lang) if s.full_at == 1 else
                w("proportional_full_at", lang, full_at=_pct(s.full_at, lang)))
        if s.floor:
            text += w("floor", lang, floor=_pct(s.floor, lang))
        return [field(w("points", lang), text)]
    top = _fixed(c.max_points, m)
    rows = [[_pct(b.min_ratio, lang), _pct(b.share, lang),
             num(round(top * b.share, 2), lang) if top is not None else "—"]
            for b in s.bands or []]
    return [field(w("points", lang), w("bands", lang)), ""] + \
        ["  " + line for line in table([w("band_from", lang), w("band_share", lang),
                                        w("band_points", lang)], rows)] + [""]


def _exprs(c: Criterion) -> str:
    parts = []
    for key in ("applies", "achieved", "target", "condition", "points", "max_points"):
        node = getattr(c, key)
        if node is not None:
            parts.append(code(f"{key}: {node.text()}"))
    return "; ".join(parts)


def _deductions(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.deductions:
        return []
    out = [f"## {w('deductions', lang)}", ""]
    for d in m.deductions:
        out += [f"### {md(d.title.get(lang))} ({code(d.id)})", "",
                field(w("cite", lang), ctx.cite(d.cite)),
                field(w("deduction_points", lang), ctx.say(d.points, d.id)),
                field(w("deduction_max", lang), ctx.say(d.max, d.id)),
                field(w("basis", lang), md(d.basis.get(lang))),
                field(w("expression", lang), f"{code('points: ' + d.points.text())}; "
                                             f"{code('max: ' + d.max.text())}"), ""]
    return out


def _classes(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('classes', lang)}", "", w("classes_intro", lang), ""]
    ranged = any(k.range for k in m.classes)
    shares = any(k.min_share is not None for k in m.classes)
    heads = [w("class", lang), w("title", lang),
             w("class_range", lang) if ranged else w("min_total", lang)]
    if shares:
        heads.append(w("class_min_share", lang))

    def row(k) -> list[str]:
        if ranged:
            third = md(k.range or "")
        else:
            third = "≥ " + ctx.say(k.min_total, k.id) if k.min_total is not None \
                else w("otherwise", lang)
        cells = [code(k.id, True), md(k.title.get(lang)), third]
        if shares:
            cells.append(_pct(k.min_share, lang) if k.min_share is not None else "—")
        return cells
    out += table(heads, (row(k) for k in m.classes))
    if ranged and m.meta.between_bands:
        out += ["", w(f"between_{m.meta.between_bands}", lang)]
    return out + [""]


def _scorers(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = []
    if m.scorers is not None:
        ctx.book.use(m.scorers.field, "scorers")
        out += [f"## {w('scorers', lang)}", "",
                w("scorers_text", lang, field=say_name(m.scorers.field, ctx.book.entries, lang),
                  how=w(f"how_{m.scorers.combine}", lang)), "",
                field(w("basis", lang), md(m.scorers.basis.get(lang))), ""]
    if m.stages is not None:
        out += [f"## {w('stages', lang)}", "",
                w("stages_text", lang, claimed=md(m.stages.claimed.get(lang)),
                  reviewed=md(m.stages.reviewed.get(lang))), "",
                field(w("basis", lang), md(m.stages.basis.get(lang))), ""]
    if m.history is not None:
        out += [f"## {w('score_history', lang)}", "",
                w("score_history_text", lang, years=m.history.years),
                "", field(w("basis", lang), md(m.history.basis.get(lang))), ""]
    return out


def _sections(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.sections:
        return []
    out = [f"## {w('sections', lang)}", "", w("sections_intro", lang), ""]
    out += table([w("check_id", lang), w("title", lang), w("section_max", lang),
                  w("cite", lang)],
                 ([code(x.id, True), md(x.title.get(lang)),
                   ctx.say(x.max, x.id) if x.max is not None else w("no_cap", lang),
                   ctx.cite(x.cite)] for x in m.sections))
    return out + [""]


def _events(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.events:
        return []
    out = [f"## {w('events', lang)}", "", w("events_intro", lang), ""]
    for e in m.events:
        out += [f"### {md(e.title.get(lang))} ({code(e.id)})", "",
                field(w("cite", lang), ctx.cite(e.cite)),
                field(w("event_points", lang), ctx.say(e.points, e.id))]
        if e.when is not None:
            out.append(field(w("event_when", lang), ctx.say(e.when, e.id)))
        if e.per is not None:
            out.append(field(w("event_per", lang), ctx.say(e.per, e.id)))
        if e.max is not None:
            out.append(field(w("event_max", lang), ctx.say(e.max, e.id)))
        out += [field(w("basis", lang), md(e.basis.get(lang))), ""]
    return out


def _class_title(m: RuleSet, cid: str, lang: str) -> str:
    k = next((k for k in m.classes if k.id == cid), None)
    return f"“{md(k.title.get(lang))}” ({code(cid)})" if k else code(cid)


def _vetoes(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.vetoes:
        return []
    out = [f"## {w('vetoes', lang)}", ""]
    titles = {c.id: c for c in m.criteria}
    for v in m.vetoes:
        if v.when is not None:
            text = w("veto_when_text", lang, when=ctx.say(v.when, v.id),
                     cls=_class_title(m, v.max_class, lang))
        else:
            crit = titles.get(v.criterion)
            ctext = f"“{md(crit.title.get(lang))}” ({code(v.criterion)})" if crit \
                else code(v.criterion)
            text = w("veto_text", lang, crit=ctext, cls=_class_title(m, v.max_class, lang))
        out += [f"### {md(v.title.get(lang))} ({code(v.id)})", "", text, "",
                field(w("cite", lang), ctx.cite(v.cite)),
                field(w("basis", lang), md(v.basis.get(lang))), ""]
    return out


def _alerts(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.alerts:
        return []
    out = [f"## {w('alerts', lang)}", "", w("alerts_intro", lang), ""]
    for a in m.alerts:
        out += [f"### {md(a.title.get(lang))} ({code(a.id)})", "",
                field(w("cite", lang), ctx.cite(a.cite)),
                field(w("alert_from", lang), a.from_.isoformat()),
                field(w("alert_when", lang), ctx.say(a.when, a.id)),
                field(w("alert_severity", lang), code(a.severity)),
                field(w("basis", lang), md(a.basis.get(lang))),
                field(w("expression", lang), code(a.when.text())), ""]
    return out


def _rank_key(key: str, m: RuleSet, lang: str) -> str:
    if key in ("class", "total", "base", "bonus", "deduction"):
        return w(f"k_{key}", lang)
    if key == "events":
        return w("events", lang)
    if key.startswith("section."):
        sec = next((x for x in m.sections if x.id == key[8:]), None)
        return f"“{md(sec.title.get(lang))}”" if sec else code(key)
    if key.startswith(("points.", "ratio.")):
        kind, cid = key.split(".", 1)
        crit = next((c for c in m.criteria if c.id == cid), None)
        name = f"“{md(crit.title.get(lang))}”" if crit else code(cid)
        return w(f"k_{kind}", lang, crit=name)
    f = m.inputs.get(key)
    return f"“{md(f.title.get(lang))}”" if f else md(key)


def _ranking(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    r = m.ranking
    group = say_name(r.group_by, ctx.book.entries, lang)
    out = [f"## {w('ranking', lang)}", "", w("ranking_intro", lang, group=group), ""]
    out += table(["#", w("rank_key", lang), w("order", lang)],
                 ([str(i), f"{_rank_key(k.key, m, lang)} ({code(k.key, True)})",
                   w(k.order, lang)] for i, k in enumerate(r.keys, 1)))
    out.append("")
    if r.groupings:
        out.append(field(w("groupings", lang), ", ".join(
            say_name(g, ctx.book.entries, lang) for g in r.groupings)))
    if r.ties == "shared" or r.tie_through is not None:
        out.append(w("ties_shared" if r.ties == "shared" else "ties_broken", lang,
                     key=code(r.tie_through or "total")))
        out.append("")
    return out + [field(w("basis", lang), md(r.basis.get(lang))), ""]


def _awards(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.awards:
        return []
    out = [f"## {w('awards', lang)}", ""]
    for a in m.awards:
        scope = w(f"scope_{a.scope}", lang) if a.scope in ("cluster", "overall") else \
            w("scope_grouping", lang, group=say_name(a.scope, ctx.book.entries, lang))
        lines = [f"### {md(a.title.get(lang))} ({code(a.id)})", ""]
        if a.ranks is not None:
            first, last = a.ranks
            ranks = str(first) if first == last else f"{first}–{last}"
            lines += [w("award_text", lang, ranks=ranks, scope=scope,
                        cls=_class_title(m, a.min_class, lang)), ""]
        else:
            lines += [f"{_class_title(m, a.min_class, lang)}+", ""]
        if a.quota is not None:
            of = a.quota.of or a.scope
            of_text = w("quota_overall", lang) if of == "overall" else \
                w("scope_cluster", lang) if of == "cluster" else \
                say_name(of, ctx.book.entries, lang)
            lines += [w("award_quota_text", lang, share=_pct(a.quota.share, lang), of=of_text,
                        rounding=code(a.quota.rounding)), "",
                      field(w("basis", lang), md(a.quota.basis.get(lang)))]
        out += lines + [field(w("cite", lang), ctx.cite(a.cite)),
                        field(w("basis", lang), md(a.basis.get(lang))), ""]
    return out


def _totals(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.totals:
        return []
    out = [f"## {w('totals', lang)}", "", w("totals_intro", lang), ""]
    for t in m.totals:
        ctx.book.use(t.field, t.id)
        text = w("total_text", lang, agg=w(f"agg_{t.aggregate}", lang),
                 field=say_name(t.field, ctx.book.entries, lang),
                 op="=" if t.compare == "==" else "≥", expected=ctx.say(t.expected, t.id))
        out += [f"### {md(t.title.get(lang))} ({code(t.id)})", "", text, "",
                field(w("cite", lang), ctx.cite(t.cite)), ""]
    return out


def _units(m: RuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    if not m.units:
        return []
    level = next((f for f in m.inputs.values() if f.role == "level"), None)
    kind = next((f for f in m.inputs.values() if f.role == "kind"), None)

    def label(f, v):
        if v is None:
            return ""
        if f is not None and f.labels and v in f.labels:
            return f"{md(f.labels[v].get(lang))} ({code(v, True)})"
        return code(v, True)

    out = [f"## {w('units', lang)}", ""]
    out += table([w("unit_id", lang), w("unit_name", lang), w("unit_level", lang),
                  w("unit_kind", lang), w("unit_cluster", lang)],
                 ([code(u.id, True), md(u.name), label(level, u.level), label(kind, u.kind),
                   code(u.cluster, True)] for u in m.units))
    return out + [""]
