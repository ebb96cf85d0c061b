"""The HTML report of a title run: totals, the proposal list and, per person and collective,
every title decision with its checks, history, exclusions, quota, prize and citations."""
from __future__ import annotations

from ...render.charts import stacked
from ...render.checks import MARK, check_node
from ...render.labels import BiLabels
from ...render.page import (Fact, Item, Node, Page, Section, Table, Text, cell, join, label, msg,
                            number, value)
from ...render.sections import (anchor, generator, parameters_section, rejected_section,
                                ruleset_facts, warnings_section)
from ...render.ties import broken_tie
from .carried import check_notes
from .result import TitleResult
from .trace import TitleCheckTrace, TitleDecision


def _status(d: TitleDecision) -> str:
    return {"eligible": "met", "not_eligible": "failed", "not_determinable": "unknown"}[d.outcome]


def _check(c: TitleCheckTrace, labels: BiLabels, policy: str) -> Node:
    """A check as the shared report node, with the years it counted in other units."""
    node = check_node(c, labels)
    notes = [Node(text=Text.of(n), status="info") for n in check_notes(c, policy)]
    if notes:
        at = len(c.history) + (1 if labels.pairs(c.values).vi else 0)
        node.children[at:at] = notes
    return node


def decision_node(d: TitleDecision, labels: BiLabels, policy: str = "all") -> Node:
    """One title for one subject, line for line the terminal's explanation tree (``policy``:
    the merger policy the run applied)."""
    if d.proposed:
        proposed = msg("proposed")
    elif d.quota is not None and not d.quota.selected:
        proposed = msg("not_proposed_quota")
    else:
        proposed = Text.same("")
    kids = [_check(c, labels, policy) for c in d.checks if c.route is None]
    if d.routes:
        kids.append(Node(text=msg("one_route"), children=[
            Node(text=msg("route_line", mark=MARK[r.status], title=Text.of(r.title)),
                 status=r.status,
                 children=[_check(c, labels, policy) for c in d.checks if c.route == r.id])
            for r in d.routes]))
    for x in d.exclusions:
        key = {"applies": "exclusion_applies", "unknown": "exclusion_unknown"}.get(x.status)
        if key is None:
            continue
        shown = labels.pairs(x.values)
        kids.append(Node(text=msg(key, title=Text.of(x.title), cite=x.cite),
                         status="failed" if x.status == "applies" else "unknown", cite=x.cite,
                         children=[Node(text=shown)] if shown.vi else []))
    if d.quota is not None:
        q = d.quota
        tie = [Node(text=broken_tie(q.neighbour, q.decided_by or "", q.own_value,
                                    q.neighbour_value))] if q.neighbour is not None else []
        kids.append(Node(text=msg("quota_line", group=q.group, cap=q.cap, share=number(q.share),
                                  holders=q.holders, of=q.holders_of, rank=q.rank,
                                  eligible=q.eligible_in_group,
                                  verdict=msg("quota_in" if q.selected else "quota_out")),
                         status="met" if q.selected else "failed", children=tie))
    if d.prize is not None:
        p = d.prize
        kids.append(Node(text=msg("prize_line", mult=number(p.multiplier),
                                  base=number(p.base_salary),
                                  since=p.base_salary_from.strftime("%d/%m/%Y"),
                                  day=p.decision_date.strftime("%d/%m/%Y"),
                                  amount=number(p.amount), cite=p.cite), cite=p.cite))
    if d.missing_evidence:
        kids.append(Node(text=msg("missing_evidence", what=labels.names(d.missing_evidence)),
                         status="unknown"))
    kids += [Node(text=msg("needs", what=Text.of(n)), status="failed") for n in d.needs]
    return Node(text=msg("title_head", title=Text.of(d.title), cite=d.cite,
                         outcome=msg("outcome_" + d.outcome), proposed=proposed),
                status=_status(d), cite=d.cite, children=kids)


def _subjects(res: TitleResult) -> list[tuple[str, list[TitleDecision]]]:
    """Every judged subject with its decisions, people first, each in input order."""
    out = []
    kinds = [("person", res.people)] + ([("unit", res.units)] if res.units else [])
    for kind, split in kinds:
        for sid in split.subjects.ids.tolist():
            ds = [d for d in res.decisions(subject_id=str(sid)) if d.subject == kind]
            if ds:
                out.append((kind, ds))
    return out


def _totals(res: TitleResult) -> Section:
    totals = res.totals()
    rows = [[cell(Text.of(x.title)), cell(Text.same(x.title_id)), cell(x.proposed),
             cell(x.eligible), cell(x.not_eligible), cell(x.not_determinable),
             cell(x.prize_total)] for x in totals]
    chart = stacked([(Text.of(x.title), [(x.proposed, "met"), (x.eligible - x.proposed, "info"),
                                         (x.not_determinable, "unknown"),
                                         (x.not_eligible, "failed")]) for x in totals],
                    [(label("proposed"), "met"),
                     (label("eligible") + Text(vi=", không đề nghị", en=", not proposed"), "info"),
                     (label("not_determinable"), "unknown"), (label("not_eligible"), "failed")],
                    label("chart_titles"))
    heads = ["title", "id", "proposed", "eligible", "not_eligible", "not_determinable", "prize"]
    return Section(id="totals", heading=label("totals"), charts=[chart],
                   tables=[Table(head=[label(h) for h in heads], rows=rows)])


def _proposals(subjects, anchors) -> Section:
    rows = []
    for kind, ds in subjects:
        for d in ds:
            if d.proposed:
                rows.append([cell(Text.of(d.title)),
                             cell(Text.same(d.subject_id), link=anchors[(kind, d.subject_id)]),
                             cell(Text.same(d.name or "")), cell(Text.same(d.unit_id or "")),
                             cell(Text.same(d.cite)),
                             cell(d.prize.amount if d.prize is not None else None)])
    heads = ["title", "id", "name", "unit", "cite", "prize"]
    return Section(id="proposals", heading=label("proposals") + f" ({len(rows)})",
                   tables=[Table(head=[label(h) for h in heads], rows=rows,
                                 empty=label("none_proposed"))])


def _item(res: TitleResult, kind: str, ds: list[TitleDecision], anchor_id: str,
          labels: BiLabels) -> Item:
    d0 = ds[0]
    if kind == "person":
        head = msg("person", name=d0.name or "", id=d0.subject_id, unit=d0.unit_id,
                   year=res.year)
    else:
        head = msg("collective", name=d0.name or "", id=d0.subject_id, year=res.year)
    proposed = [Text.of(d.title) for d in ds if d.proposed]
    if proposed:
        head = head + Text(vi=" — đề nghị: ", en=" — proposed: ") + join(proposed)
    status = "met" if proposed else ("unknown" if any(d.outcome == "not_determinable"
                                                      for d in ds) else None)
    table = Table(head=[label(h) for h in ("title", "status", "proposed", "cite")],
                  rows=[[cell(Text.of(d.title)), cell(msg("outcome_" + d.outcome), _status(d)),
                         cell(d.proposed), cell(Text.same(d.cite))] for d in ds])
    return Item(id=anchor_id, summary=head, status=status, tables=[table],
                tree=[decision_node(d, labels, res.merger_policy) for d in ds])


def titles_page(res: TitleResult, lang: str = "vi") -> Page:
    """The report of a title run as a :class:`.html_view.Page`.

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> page = titles_page(res)
    >>> [s.id for s in page.sections]
    ['totals', 'proposals', 'subjects', 'parameters', 'rejected', 'warnings']
    """
    m = res.model
    meta = m.meta
    labels = BiLabels(m)
    subjects = _subjects(res)
    anchors = {(kind, ds[0].subject_id): anchor("s" if kind == "person" else "c", k,
                                                ds[0].subject_id)
               for k, (kind, ds) in enumerate(subjects)}
    c = res.counts()
    regime = Text.of(meta.regime.title) + f" ({meta.regime.from_year}–{meta.regime.to_year})"
    facts = ruleset_facts(meta.id, meta.version, res.hash) + [
        Fact(label=label("regime"), value=regime),
        Fact(label=label("year_judged"), value=Text.same(res.year)),
        Fact(label=label("decision_date"), value=value(res.decision_date)),
        Fact(label=label("source"), value=Text.same("; ".join(res.sources))),
        Fact(label=label("counts"), value=msg("title_counts", rows_in=c["rows_in"],
                                               judged=c["judged"], history=c["history"],
                                               ignored=c["ignored"], rejected=c["rejected"]))]
    if res.successions.source is not None:
        facts.append(Fact(label=Text(vi="Kế thừa đơn vị", en="Unit succession"), value=msg(
            "succession_counts", source=res.successions.source, policy=res.merger_policy,
            **res.succession_counts())))
    sections = [_totals(res), _proposals(subjects, anchors),
                Section(id="subjects", heading=label("subjects"),
                        items=[_item(res, kind, ds, anchors[(kind, ds[0].subject_id)], labels)
                               for kind, ds in subjects]),
                parameters_section(m, res.params), rejected_section(res.rejected),
                warnings_section(res.notices)]
    return Page(lang="en" if lang == "en" else "vi", kind="titles", title=Text.of(meta.title),
                subtitle=msg("regime", year=res.year, regime=Text.of(meta.regime.title),
                             day=res.decision_date.strftime("%d/%m/%Y")),
                facts=facts, sections=sections, generator=generator())
