"""The HTML report of a delegate selection: per conference the cap and seats by group, those
selected and those left out with the reason, and per candidate the standards checked."""
from __future__ import annotations

from ...render.charts import Bar, bars
from ...render.page import Fact, Item, Page, Section, Table, Text, cell, label, msg
from ...render.sections import (anchor, generator, parameters_section, rejected_section,
                                ruleset_facts, warnings_section)
from .explain import STATUS, candidate_tree, conference_name, names_of, reason_text
from .result import DelegateResult
from .trace import ConferenceSummary, DelegateDecision
from .words import awards_line

_SEAT = {"invited": "seat_invited_short", "reserved": "seat_reserved_short",
         "open": "seat_open_short"}


def _conference(res: DelegateResult, s: ConferenceSummary) -> tuple[Table, Table]:
    m = res.model
    names = names_of(res)
    cap = Text.same(f"{s.cap} [") + names.cite(s.cap_cite) + "]"
    nxt = (Text.of(s.next_level_title) + f": {s.next_cap}") if s.next_level_title else \
        Text.same("—")
    held = Text.of(s.held.text) if s.held is not None else Text.same("—")
    summary = Table(caption=conference_name(res, s.conference) + " — " + Text.of(s.level_title),
                    head=[label(h) for h in ("cap", "candidates", "eligible", "selected",
                                             "forwarded", "next_cap", "held_on")],
                    rows=[[cell(cap), cell(s.candidates), cell(s.eligible), cell(s.selected),
                           cell(s.forwarded), cell(nxt), cell(held)]])
    groups = Table(head=[label(h) for h in ("group", "selected", "seats")],
                   rows=[[cell(Text.of(g.title)), cell(s.by_group.get(g.id, 0)),
                          cell(Text.same(f"{s.seats[g.id]['min']}–{s.seats[g.id]['max']}"
                                         if g.id in s.seats else "—"))]
                         for g in m.groups])
    return summary, groups


_FW_STATUS = {"ok": "met", "warning": "unknown", "error": "failed"}


def _forwarding(res: DelegateResult) -> Table:
    """Honourees forwarded, per higher conference, against its cap (across conferences)."""
    names = names_of(res)
    rows = []
    for f in res.forwarding:
        higher = conference_name(res, f.higher_conference) if f.higher_conference else \
            Text.same("—")
        parts = [conference_name(res, c) + f": {n}" for c, n in f.conferences.items()]
        rows.append([cell(higher),
                     cell(Text(vi="; ".join(p.vi for p in parts), en="; ".join(p.en for p in parts))),
                     cell(f.forwarded), cell(f.cap), cell(f.over),
                     cell(Text.of(f.message) + " [" + names.cite(f.cite) + "]",
                          _FW_STATUS[f.severity])])
    return Table(caption=label("forwarded_caption"),
                 head=[label(h) for h in ("higher_conference", "from_conferences", "forwarded",
                                          "cap", "over", "finding")], rows=rows)


def _lists(res: DelegateResult, decisions: list[DelegateDecision], anchors: dict[str, str]
           ) -> Section:
    tables = []
    heads = [label(h) for h in ("id", "name", "group", "rank", "seat", "reason")]
    # In merit order, as the conference would read the list; unranked candidates last.
    decisions = sorted(decisions, key=lambda d: (d.rank is None, d.rank or 0, d.row))
    for s in res.summaries():
        for chosen in (True, False):
            rows = [[cell(Text.same(d.candidate_id), link=anchors[d.candidate_id]),
                     cell(Text.same(d.name or "")), cell(Text.of(d.group_title)),
                     cell(d.rank if d.rank else Text.same("—")),
                     cell(label(_SEAT[d.seat]) if d.seat else Text.same("—")),
                     cell(reason_text(d, res), "met" if chosen else STATUS[d.outcome])]
                    for d in decisions if d.conference == s.conference and d.selected == chosen]
            tables.append(Table(caption=label("selected" if chosen else "left_out") + " — "
                                + conference_name(res, s.conference) + f" ({len(rows)})",
                                head=heads, rows=rows, empty=Text.same("—")))
    return Section(id="lists", heading=label("selected") + " / " + label("left_out"),
                   tables=tables)


def _item(res: DelegateResult, d: DelegateDecision, anchor_id: str) -> Item:
    outcome = msg("outcome_" + d.outcome)
    chosen = label("selected" if d.selected else "left_out")
    summary = Text.same(f"{d.candidate_id} — {d.name or ''} — ") + outcome + " — " + chosen
    status = "met" if d.selected else ("unknown" if d.outcome == "not_determinable" else
                                       "failed" if d.outcome == "not_eligible" else None)
    return Item(id=anchor_id, summary=summary, status=status, tree=candidate_tree(res, d))


def delegates_page(res: DelegateResult, lang: str = "vi") -> Page:
    """The report of a delegate selection as a :class:`.html_view.Page`.

    >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
    >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "huyen")
    >>> page = delegates_page(res)
    >>> [s.id for s in page.sections]
    ['conferences', 'lists', 'candidates', 'parameters', 'rejected', 'warnings']
    """
    m = res.model
    meta = m.meta
    decisions = res.decisions()
    anchors = {d.candidate_id: anchor("d", k, d.candidate_id) for k, d in enumerate(decisions)}
    level = m.level(res.level)
    rejected = res.rejected
    cand_rejected = len(res.valid.rejected)
    counts = msg("delegate_counts", rows_in=res.valid.rows_in, judged=len(res.rows),
                 other=res.other_levels, rejected=cand_rejected)
    facts = ruleset_facts(meta.id, meta.version, res.hash) + [
        Fact(label=label("level"), value=Text.of(level.title)),
        Fact(label=label("source"), value=Text.same(res.source)),
        Fact(label=label("counts"), value=counts)]
    if res.awards is not None:
        facts.append(Fact(label=label("awards_table"),
                          value=Text.of(awards_line(res.awards.summary))))
    tables, charts = [], []
    for s in res.summaries():
        tables += list(_conference(res, s))
        charts.append(bars([Bar(label=Text.of(g.title), value=s.by_group.get(g.id, 0),
                                max=s.seats.get(g.id, {}).get("max", s.cap),
                                floor=s.seats.get(g.id, {}).get("min"), tip=Text.of(g.title))
                            for g in m.groups], label("chart_groups") + " — "
                           + conference_name(res, s.conference), label_width=220))
    if res.forwarding:
        tables.append(_forwarding(res))
    sections = [Section(id="conferences", heading=label("conferences"), charts=charts,
                        tables=tables),
                _lists(res, decisions, anchors),
                Section(id="candidates", heading=label("people"),
                        items=[_item(res, d, anchors[d.candidate_id])
                               for d in decisions]),
                parameters_section(m, res.params), rejected_section(rejected),
                warnings_section(res.notices)]
    return Page(lang="en" if lang == "en" else "vi", kind="delegates", title=Text.of(meta.title),
                subtitle=Text.of(level.title), facts=facts, sections=sections,
                generator=generator())


__all__ = ["delegates_page"]
