"""The HTML report of a delegate selection: per conference the cap and seats by group, those
selected and those left out with the reason, and per candidate the standards checked."""
from __future__ import annotations

from ...render.charts import Bar, bars
from ...render.checks import check_node
from ...render.labels import BiLabels
from ...render.page import Fact, Item, Node, Page, Section, Table, Text, cell, label, msg, value
from ...render.sections import (anchor, generator, parameters_section, rejected_section,
                                ruleset_facts, warnings_section)
from .result import DelegateResult
from .trace import ConferenceSummary, DelegateDecision
from .words import awards_line

_SEAT = {"invited": Text(vi="khách mời", en="invited"),
         "reserved": Text(vi="dành riêng", en="reserved"),
         "open": Text(vi="theo thành tích", en="open, by merit")}
_STATUS = {"eligible": "met", "not_eligible": "failed", "not_determinable": "unknown"}


def reason(d: DelegateDecision, labels: BiLabels) -> Text:
    """The reason a candidate is in or out, with the merit key that separated them from the
    last one in and any missing evidence (as ``tdkt delegates`` prints it)."""
    why = Text.of(d.reason)
    if d.decided_by:
        why = why + Text(
            vi=f"; so với {d.neighbour}: {d.decided_by} ({value(d.own_value).vi} so với "
               f"{value(d.neighbour_value).vi})",
            en=f"; against {d.neighbour}: {d.decided_by} ({value(d.own_value).en} vs "
               f"{value(d.neighbour_value).en})")
    if d.missing_evidence:
        why = why + Text(vi="; thiếu xác nhận: ", en="; evidence missing: ") + \
            labels.names(d.missing_evidence)
    return why


def _conference(res: DelegateResult, s: ConferenceSummary) -> tuple[Table, Table]:
    m = res.model
    cap = Text.same(f"{s.cap} [{s.cap_cite}]")
    nxt = (Text.of(s.next_level_title) + f": {s.next_cap}") if s.next_level_title else \
        Text.same("—")
    held = Text.of(s.held.text) if s.held is not None else Text.same("—")
    summary = Table(caption=Text.same(s.conference) + " — " + Text.of(s.level_title),
                    head=[label(h) for h in ("cap", "candidates", "eligible", "selected",
                                             "forwarded")] + [Text(vi="Cấp trên: tối đa",
                                                                   en="Next level: cap"),
                                                              Text(vi="Ngày tổ chức",
                                                                   en="Held on")],
                    rows=[[cell(cap), cell(s.candidates), cell(s.eligible), cell(s.selected),
                           cell(s.forwarded), cell(nxt), cell(held)]])
    groups = Table(head=[label(h) for h in ("group", "id", "selected", "seats")],
                   rows=[[cell(Text.of(g.title)), cell(Text.same(g.id)),
                          cell(s.by_group.get(g.id, 0)),
                          cell(Text.same(f"{s.seats[g.id]['min']}–{s.seats[g.id]['max']}"
                                         if g.id in s.seats else "—"))]
                         for g in m.groups])
    return summary, groups


_FW_STATUS = {"ok": "met", "warning": "unknown", "error": "failed"}


def _forwarding(res: DelegateResult) -> Table:
    """Honourees forwarded, per higher conference, against its cap (across conferences)."""
    rows = [[cell(Text.same(f.higher_conference or "—")),
             cell(Text.same(", ".join(f"{c}: {n}" for c, n in f.conferences.items()))),
             cell(f.forwarded), cell(f.cap), cell(f.over),
             cell(Text.of(f.message) + f" [{f.cite}]", _FW_STATUS[f.severity])]
            for f in res.forwarding]
    return Table(caption=Text(vi="Người được tôn vinh chuyển lên hội nghị cấp trên",
                              en="Honourees forwarded to the higher conference"),
                 head=[Text(vi="Hội nghị cấp trên", en="Higher conference"),
                       Text(vi="Từ các hội nghị", en="From the conferences"),
                       label("forwarded"), label("cap"), Text(vi="Vượt", en="Over"),
                       Text(vi="Kết luận", en="Finding")], rows=rows)


def _lists(res: DelegateResult, decisions: list[DelegateDecision], anchors: dict[str, str],
           labels: BiLabels) -> Section:
    tables = []
    heads = [label(h) for h in ("id", "name", "group", "rank", "seat", "reason")]
    # In merit order, as the conference would read the list; unranked candidates last.
    decisions = sorted(decisions, key=lambda d: (d.rank is None, d.rank or 0, d.row))
    for s in res.summaries():
        for chosen in (True, False):
            rows = [[cell(Text.same(d.candidate_id), link=anchors[d.candidate_id]),
                     cell(Text.same(d.name or "")), cell(Text.of(d.group_title)),
                     cell(d.rank if d.rank else Text.same("—")),
                     cell(_SEAT[d.seat] if d.seat else Text.same("—")),
                     cell(reason(d, labels), "met" if chosen else _STATUS[d.outcome])]
                    for d in decisions if d.conference == s.conference and d.selected == chosen]
            tables.append(Table(caption=label("selected" if chosen else "left_out")
                                + f" — {s.conference} ({len(rows)})", head=heads, rows=rows,
                                empty=Text.same("—")))
    return Section(id="lists", heading=label("selected") + " / " + label("left_out"),
                   tables=tables)


def _item(res: DelegateResult, d: DelegateDecision, anchor_id: str, labels: BiLabels) -> Item:
    m = res.model
    kids: list[Node] = [Node(text=label("group") + ": " + Text.of(d.group_title) + f" ({d.group})")]
    if d.held_to_standards:
        kids += [check_node(c, labels) for c in d.checks]
    else:
        kids.append(Node(text=label("no_standards"), status="info"))
    keys = list(d.merit.items())
    merit = [Node(text=Text.of(k.title) + ": " + value(v), children=[
                Node(text=label("expression"), code=expr, status="info")])
             for k, (expr, v) in zip(m.keys, keys)]
    kids.append(Node(text=label("merit") + (f": {d.rank}" if d.rank else ""), children=merit))
    if d.awards:
        kids.append(Node(text=Text(vi="Khen thưởng", en="Awards"), children=[
            Node(text=Text.same(f"{a.decided_on:%d/%m/%Y} — ") + Text.of(a.award) + " — "
                 + Text.of(a.reason), status="met" if a.status == "counted" else "info")
            for a in d.awards]))
    if d.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=labels.names(d.missing_evidence)),
                         status="unknown"))
    kids.append(Node(text=reason(d, labels), status="met" if d.selected else _STATUS[d.outcome]))
    outcome = msg("outcome_" + d.outcome)
    chosen = label("selected" if d.selected else "left_out")
    summary = Text.same(f"{d.candidate_id} — {d.name or ''} — ") + outcome + " — " + chosen
    status = "met" if d.selected else ("unknown" if d.outcome == "not_determinable" else
                                       "failed" if d.outcome == "not_eligible" else None)
    return Item(id=anchor_id, summary=summary, status=status, tree=kids)


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
    labels = BiLabels(m)
    decisions = res.decisions()
    anchors = {d.candidate_id: anchor("d", k, d.candidate_id) for k, d in enumerate(decisions)}
    level = m.level(res.level)
    rejected = res.rejected
    cand_rejected = len(res.valid.rejected)
    counts = Text(vi=f"Số dòng đầu vào {res.valid.rows_in} = được xét {len(res.rows)} + cấp khác "
                     f"{res.other_levels} + bị loại {cand_rejected}",
                  en=f"Rows in {res.valid.rows_in} = judged {len(res.rows)} + other levels "
                     f"{res.other_levels} + rejected {cand_rejected}")
    facts = ruleset_facts(meta.id, meta.version, res.hash) + [
        Fact(label=label("level"), value=Text.of(level.title) + f" ({level.id})"),
        Fact(label=label("source"), value=Text.same(res.source)),
        Fact(label=label("counts"), value=counts)]
    if res.awards is not None:
        facts.append(Fact(label=Text(vi="Bảng khen thưởng", en="Awards table"),
                          value=Text.of(awards_line(res.awards.summary))))
    tables, charts = [], []
    for s in res.summaries():
        tables += list(_conference(res, s))
        charts.append(bars([Bar(label=Text.same(g.id), value=s.by_group.get(g.id, 0),
                                max=s.seats.get(g.id, {}).get("max", s.cap),
                                floor=s.seats.get(g.id, {}).get("min"), tip=Text.of(g.title))
                            for g in m.groups], label("chart_groups") + f" — {s.conference}",
                           label_width=140))
    if res.forwarding:
        tables.append(_forwarding(res))
    sections = [Section(id="conferences", heading=label("conferences"), charts=charts,
                        tables=tables),
                _lists(res, decisions, anchors, labels),
                Section(id="candidates", heading=label("people"),
                        items=[_item(res, d, anchors[d.candidate_id], labels)
                               for d in decisions]),
                parameters_section(m, res.params), rejected_section(rejected),
                warnings_section(res.notices)]
    return Page(lang="en" if lang == "en" else "vi", kind="delegates", title=Text.of(meta.title),
                subtitle=Text.of(level.title), facts=facts, sections=sections,
                generator=generator())


__all__ = ["delegates_page", "reason"]
