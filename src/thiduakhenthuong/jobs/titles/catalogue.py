"""Catalogue sections of a title rule set (one legal regime): exclusions, each title with its
conditions, routes, quota and prize, the row checks and both input tables."""
from __future__ import annotations

from ...core.models import Localized
from ...expr import ast as A
from ...render.catalogue.common import (PageContext, input_entries, inputs, loc, param_entries,
                                        parameters, row_checks)
from ...render.catalogue.expr import NameBook, NameEntry
from ...render.catalogue.md import code, field, md
from ...render.catalogue.words import MONTHS_EN, WORDS, w
from ...rulebook.base import Check
from .model import BUILTINS, Prize, Title, TitleRuleSet


def _builtins() -> dict[str, NameEntry]:
    out = {}
    for name in BUILTINS:
        vi, en = WORDS.get(f"b_{name}", (name, name))
        out[name] = NameEntry(Localized(vi=vi, en=en), "builtin")
    return out


def titles_book(m: TitleRuleSet) -> NameBook:
    """The names a title regime's person rules read: person fields, parameters, built-in dates
    and the titles themselves (a title's id reads as "holds that title")."""
    return NameBook({**input_entries(m.inputs), **param_entries(m.parameters, {}), **_builtins(),
                     **{t.id: NameEntry(t.title, "title") for t in m.titles}})


def unit_book(m: TitleRuleSet, person: NameBook) -> NameBook:
    """A unit's rules also read its members' person fields inside ``members_share`` and
    ``members_count``, so the unit book extends the person book, the unit's own fields winning
    where a name is in both tables."""
    return person.merged(input_entries(m.unit_inputs))


def titles_about(m: TitleRuleSet, ctx: PageContext) -> list[tuple[str, str]]:
    lang = ctx.lang
    meta = m.meta
    r = meta.regime
    d = meta.decision
    month = MONTHS_EN[d.month - 1] if lang == "en" else str(d.month)
    years = str(r.from_year) if r.from_year == r.to_year else f"{r.from_year}–{r.to_year}"
    return [
        (w("regime", lang), f"{md(r.title.get(lang))} ({code(r.id)}); "
                            + w("regime_years", lang, years=years)),
        (w("decision_day", lang), w("decision_text", lang, day=d.day, month=month)
         + f" — {md(d.basis.get(lang))}"),
        (w("history", lang), w("history_text", lang, n=meta.history_years)),
        (w("tables", lang), "; ".join(
            w("table_text", lang, what=what, sheet=f"“{md(t.sheet)}”", file=code(t.file))
            for what, t in ((w("people", lang), meta.people), (w("units_table", lang), meta.units),
                            *([(_SUCCESSIONS.get(lang), m.successions)] if m.successions
                              else [])))),
        (w("basis", lang), md(meta.basis.get(lang))),
    ]


def titles_sections(m: TitleRuleSet, ctx: PageContext) -> list[str]:
    """Everything a title regime decides: exclusions first (they bar titles), then the titles."""
    person = ctx.book
    unit = unit_book(m, person)
    books = {"person": person, "unit": unit}
    out = _exclusions(m, ctx, books) + _titles(m, ctx, books)
    out += parameters(m.parameters, {}, ctx)
    out += inputs(m.inputs, w("person_inputs", ctx.lang), ctx)
    out += row_checks(m.checks, w("row_checks", ctx.lang), ctx, person)
    out += inputs(m.unit_inputs, w("unit_inputs", ctx.lang), ctx)
    out += row_checks(m.unit_checks, w("unit_row_checks", ctx.lang), ctx, unit)
    if m.successions is not None:
        out += inputs(m.successions.inputs, _SUCCESSION_HEADING.get(ctx.lang), ctx)
        out += [md(m.successions.basis.get(ctx.lang)), ""]
    return out


#: The unit succession table, in the catalogue (see :mod:`...tables.succession`).
_SUCCESSIONS = Localized(vi="Kế thừa đơn vị", en="Unit succession")
_SUCCESSION_HEADING = Localized(
    vi="Bảng kế thừa đơn vị (mỗi lần đổi tên, hợp nhất, chia tách một dòng; không bắt buộc)",
    en="Unit succession table (one row per rename, merger or split; optional)")


def _title_name(m: TitleRuleSet, tid: str, lang: str) -> str:
    t = next((t for t in m.titles if t.id == tid), None)
    return f"“{md(t.title.get(lang))}” ({code(tid)})" if t else code(tid)


def _exclusions(m: TitleRuleSet, ctx: PageContext, books: dict[str, NameBook]) -> list[str]:
    lang = ctx.lang
    if not m.exclusions:
        return []
    out = [f"## {w('exclusions', lang)}", "", w("exclusions_intro", lang), ""]
    for x in m.exclusions:
        which = (w("all_titles", lang) if x.titles == "all" else
                 ", ".join(_title_name(m, t, lang) for t in x.titles))
        out += [f"### {md(x.title.get(lang))} ({code(x.id)})", "",
                field(w("subject", lang), w(f"s_{x.subject}", lang)),
                field(w("for_titles", lang), which),
                field(w("cite", lang), ctx.cite(x.cite)),
                field(w("excluded_when", lang), ctx.say(x.when, x.id, books[x.subject])),
                field(w("expression", lang), code(x.when.text())),
                field(w("basis", lang), md(x.basis.get(lang))), ""]
    return out


def _check(c: Check, ctx: PageContext, book: NameBook, indent: int) -> list[str]:
    lang = ctx.lang
    pad = "  " * indent
    out = [f"{pad}- **{md(c.title.get(lang))}** ({code(c.id)}) — {ctx.cite(c.cite)}",
           field(w("condition", lang), ctx.say(c.holds, c.id, book), indent + 1),
           field(w("expression", lang), code(c.holds.text()), indent + 1)]
    if c.hint is not None:
        out.append(field(w("hint", lang), loc(c.hint, lang), indent + 1))
    if c.basis:
        out.append(field(w("basis", lang), md(c.basis.get(lang)), indent + 1))
    return out


def _titles(m: TitleRuleSet, ctx: PageContext, books: dict[str, NameBook]) -> list[str]:
    lang = ctx.lang
    out = [f"## {w('titles', lang)}", ""]
    for t in m.titles:
        book = books[t.subject]
        out += [f"### {md(t.title.get(lang))} ({code(t.id)})", "",
                field(w("kind", lang), w("title_kind", lang, kind=w(f"k_{t.kind}", lang),
                                         subject=w(f"s_{t.subject}", lang))),
                field(w("cite", lang), ctx.cite(t.cite))]
        if t.decided_by is not None:
            out.append(field(w("decided_by", lang), loc(t.decided_by, lang)))
        out.append(field(w("recorded_as", lang), f"{ctx.say(t.recorded_as, t.id, book)} "
                                                 f"({code(t.recorded_as.text())})"))
        if t.checks:
            out.append(field(w("checks_all", lang), ""))
            for c in t.checks:
                out += _check(c, ctx, book, 1)
        if t.routes:
            out.append(field(w("routes", lang), ""))
            for r in t.routes:
                out.append(f"  - **{w('route', lang)} {md(r.title.get(lang))}** ({code(r.id)})")
                for c in r.checks:
                    out += _check(c, ctx, book, 2)
        out += _quota(t, m, ctx, book)
        if t.prize is not None:
            out += _prize(t.id, t.prize, m, ctx, book)
        out.append("")
    return out


def _prize(tid: str, p: Prize, m: TitleRuleSet, ctx: PageContext, book: NameBook) -> list[str]:
    # The engine prices every prize with these two parameters; no expression names them.
    lang = ctx.lang
    text = w("prize_text", lang, mult=ctx.say(p.multiplier, tid, book),
             base=ctx.say(A.Name("base_salary"), tid, book))
    if "prize_rounding" in m.parameters:
        text += w("prize_rounding", lang, step=ctx.say(A.Name("prize_rounding"), tid, book))
    out = [field(w("prize", lang), text)]
    out.append(field(w("cite", lang), ctx.cite(p.cite), 1))
    if p.basis:
        out.append(field(w("basis", lang), md(p.basis.get(lang)), 1))
    return out


def _quota(t: Title, m: TitleRuleSet, ctx: PageContext, book: NameBook) -> list[str]:
    lang = ctx.lang
    q = t.quota
    if q is None:
        return []
    book.use(q.group_by, t.id)
    group = book.entries.get(q.group_by)
    gtext = f"“{md(group.title.get(lang))}” ({code(q.group_by)})" if group else code(q.group_by)
    text = w("quota_text", lang, share=ctx.say(q.share, t.id, book),
             of_subject=w(f"of_{t.subject}", lang), of=_title_name(m, q.of, lang), group=gtext,
             rounding=w(f"r_{q.rounding}", lang))
    out = [field(w("quota", lang), text),
           field(w("cite", lang), ctx.cite(q.cite), 1),
           field(w("basis", lang), md(q.basis.get(lang)), 1),
           field(w("merit_keys", lang), "", 1)]
    for i, k in enumerate(q.keys, 1):
        out.append(f"    {i}. {md(k.title.get(lang))}: {ctx.say(k.expr, t.id, book)} — "
                   f"{w(k.order, lang)} ({code(k.expr.text())})")
    return out
