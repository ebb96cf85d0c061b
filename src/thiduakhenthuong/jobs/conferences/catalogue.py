"""Catalogue sections of a conference (delegate) rule set: levels with their form, length, dates,
caps and deadlines, delegate groups, the programme, the standards, the merit order, row checks and
the three input tables."""
from __future__ import annotations

from typing import Optional

from ...render.catalogue.common import (PageContext, input_entries, inputs, loc, param_entries,
                                        parameters, row_checks)
from ...render.catalogue.expr import NameBook
from ...render.catalogue.md import code, field, md, table
from ...render.catalogue.words import w
from .model import DelegateRuleSet, Window


def delegates_book(m: DelegateRuleSet) -> NameBook:
    """The names a conference rule set's expressions read: candidate fields and parameters."""
    return NameBook({**input_entries(m.inputs), **param_entries(m.parameters, m.inputs)})


def _param(name: Optional[str], item: str, ctx: PageContext) -> str:
    """A parameter named by a level or group (not an expression): its title and value."""
    if name is None:
        return ""
    ctx.book.use(name, item)
    e = ctx.book.entries.get(name)
    if e is None:
        return code(name)
    note = e.note.get(ctx.lang) if e.note else None
    return f"“{md(e.title.get(ctx.lang))}” ({code(name)}" + (f"; {note})" if note else ")")


def delegates_about(m: DelegateRuleSet, ctx: PageContext) -> list[tuple[str, str]]:
    lang = ctx.lang
    meta = m.meta
    tables = [("candidates_table", meta.candidates), ("plans_table", meta.plans),
              ("reports_table", meta.reports)]
    if meta.awards is not None:
        tables.append(("awards_table", meta.awards.table))
    return [
        (w("achievements", lang), w("window_text", lang,
                                    start=_param(meta.period_start, "meta", ctx),
                                    end=_param(meta.period_end, "meta", ctx))),
        (w("tables", lang), "; ".join(
            w("table_text", lang, what=w(what, lang), sheet=f"“{md(t.sheet)}”", file=code(t.file))
            for what, t in tables)),
        (w("basis", lang), md(meta.basis.get(lang))),
    ]


def delegates_sections(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    """Everything a conference rule set checks or decides."""
    out = _levels(m, ctx) + _groups(m, ctx) + _programme(m, ctx) + _standards(m, ctx)
    out += _keys(m, ctx) + _readings(m, ctx)
    out += parameters(m.parameters, m.inputs, ctx)
    out += inputs(m.inputs, w("candidate_inputs", ctx.lang), ctx)
    out += row_checks(m.checks, w("row_checks", ctx.lang), ctx)
    out += inputs(m.plan_inputs, w("plan_inputs", ctx.lang), ctx)
    out += inputs(m.report_inputs, w("report_inputs", ctx.lang), ctx)
    if m.award_inputs:
        out += inputs(m.award_inputs, w("award_inputs", ctx.lang), ctx)
    return out


def _readings(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    """Dated awards, the conference day and forwarding across conferences, with their basis."""
    lang, meta = ctx.lang, m.meta
    if meta.awards is None and meta.cutoff is None and meta.forwarding is None:
        return []
    out = [f"## {w('readings', lang)}", ""]
    aw = meta.awards
    if aw is not None:
        out += [f"### {md(aw.title.get(lang))}", "",
                field(w("cite", lang), ctx.cite(aw.cite)),
                field(w("achievements", lang), w("window_text", lang,
                                                 start=_param(meta.period_start, "awards", ctx),
                                                 end=_param(meta.period_end, "awards", ctx))),
                field(w("award_date", lang), code(aw.date)),
                field(w("awards_counts", lang), "")]
        for name, node in aw.counts.items():
            title = m.inputs[name].title.get(lang) if name in m.inputs else name
            out.append(field(f"“{md(title)}” ({code(name)})", code(node.text()), 1))
        out += [field(w("basis", lang), md(aw.basis.get(lang))), ""]
    if meta.cutoff is not None:
        c = meta.cutoff
        out += [f"### {md(c.title.get(lang))}", "", field(w("cite", lang), ctx.cite(c.cite)),
                field(w("basis", lang), md(c.basis.get(lang))), ""]
    fw = meta.forwarding
    if fw is not None:
        col = m.inputs[fw.higher_conference].title.get(lang) \
            if fw.higher_conference in m.inputs else fw.higher_conference
        out += [f"### {md(fw.title.get(lang))}", "", field(w("cite", lang), ctx.cite(fw.cite)),
                field(w("higher_conference", lang), f"“{md(col)}” ({code(fw.higher_conference)})"),
                field(w("when_unstated", lang), _param(fw.when_unstated, "forwarding", ctx)),
                field(w("basis", lang), md(fw.basis.get(lang))), ""]
    return out


def _window(win: Window, item: str, ctx: PageContext) -> str:
    text = w("window_text", ctx.lang, start=_param(win.start, item, ctx),
             end=_param(win.end, item, ctx))
    return f"{text} — {ctx.cite(win.cite)}"


def _levels(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('levels', lang)}", ""]
    titles = {lv.id: lv.title for lv in m.levels}
    for lv in m.levels:
        out += [f"### {md(lv.title.get(lang))} ({code(lv.id)})", "",
                field(w("form", lang), f"“{md(lv.form.get(lang))}” — {ctx.cite(lv.form_cite)}"),
                field(w("max_hours", lang), f"{_param(lv.max_hours, lv.id, ctx)} — "
                                            f"{ctx.cite(lv.length_cite)}"),
                field(w("window", lang), _window(lv.window, lv.id, ctx))]
        if lv.combined_window is not None:
            out.append(field(w("combined_window", lang), _window(lv.combined_window, lv.id, ctx)))
        out.append(field(w("cap", lang), f"{_param(lv.cap, lv.id, ctx)} — "
                                         f"{ctx.cite(lv.cap_cite)}"))
        if lv.next_level is not None:
            nxt = titles.get(lv.next_level)
            out.append(field(w("next_level", lang), (f"{md(nxt.get(lang))} " if nxt else "")
                             + f"({code(lv.next_level)})"))
        if lv.reports_by is not None:
            cite = f" — {ctx.cite(lv.report_cite)}" if lv.report_cite else ""
            out.append(field(w("reports_by", lang), _param(lv.reports_by, lv.id, ctx) + cite))
        out.append("")
    return out


def _groups(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('groups', lang)}", ""]
    for g in m.groups:
        out += [f"### {md(g.title.get(lang))} ({code(g.id)})", "",
                field(w("cite", lang), ctx.cite(g.cite)),
                field(w("held_to_standards", lang), w("yes" if g.held_to_standards else "no",
                                                      lang))]
        if g.min_share:
            out.append(field(w("min_share", lang), _param(g.min_share, g.id, ctx)))
        if g.max_share:
            out.append(field(w("max_share", lang), _param(g.max_share, g.id, ctx)))
        if g.basis:
            out.append(field(w("basis", lang), md(g.basis.get(lang))))
        out.append("")
    return out


def _programme(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('programme', lang)}", ""]
    out += table(["#", w("check_id", lang), w("item", lang), w("required", lang),
                  w("cite", lang)],
                 ([str(i), code(p.id, True), md(p.title.get(lang)),
                   w("yes" if p.required else "no", lang), ctx.cite(p.cite)]
                  for i, p in enumerate(m.programme, 1)))
    return out + [""]


def _standards(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('standards', lang)}", "", w("standards_intro", lang), ""]
    for c in m.standards:
        out += [f"- **{md(c.title.get(lang))}** ({code(c.id)}) — {ctx.cite(c.cite)}",
                field(w("condition", lang), ctx.say(c.holds, c.id), 1),
                field(w("expression", lang), code(c.holds.text()), 1)]
        if c.hint is not None:
            out.append(field(w("hint", lang), loc(c.hint, lang), 1))
        if c.basis:
            out.append(field(w("basis", lang), md(c.basis.get(lang)), 1))
    return out + [""]


def _keys(m: DelegateRuleSet, ctx: PageContext) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('keys', lang)}", "", w("keys_intro", lang), ""]
    for i, k in enumerate(m.keys, 1):
        out.append(f"{i}. {md(k.title.get(lang))}: {ctx.say(k.expr, 'keys')} — "
                   f"{w(k.order, lang)} ({code(k.expr.text())})")
    return out + [""]
