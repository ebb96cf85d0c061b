"""The HTML report of a title run: totals, the proposal list and, per person and collective,
every title decision with its checks, history, exclusions, quota, prize and citations."""
from __future__ import annotations

from ...i18n.explain import merger_policies
from ...render.charts import stacked
from ...render.page import (Fact, Item, Page, Section, Table, Text, cell, join, label, msg,
                            value)
from ...render.sections import (anchor, generator, parameters_section, rejected_section,
                                ruleset_facts, warnings_section)
from .explain import decision_node, names_of, outcome_status, subject_head
from .result import TitleResult
from .trace import TitleDecision


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
    rows = [[cell(Text.of(x.title)), cell(x.proposed),
             cell(x.eligible), cell(x.not_eligible), cell(x.not_determinable),
             cell(x.prize_total)] for x in totals]
    chart = stacked([(Text.of(x.title), [(x.proposed, "met"), (x.eligible - x.proposed, "info"),
                                         (x.not_determinable, "unknown"),
                                         (x.not_eligible, "failed")]) for x in totals],
                    [(label("proposed"), "met"),
                     (label("eligible_not_proposed"), "info"),
                     (label("not_determinable"), "unknown"), (label("not_eligible"), "failed")],
                    label("chart_titles"))
    heads = ["title", "proposed", "eligible", "not_eligible", "not_determinable", "prize"]
    return Section(id="totals", heading=label("totals"), charts=[chart],
                   tables=[Table(head=[label(h) for h in heads], rows=rows)])


def _proposals(res: TitleResult, subjects, anchors) -> Section:
    names = names_of(res)
    rows = []
    for kind, ds in subjects:
        for d in ds:
            if d.proposed:
                rows.append([cell(Text.of(d.title)),
                             cell(Text.same(d.subject_id), link=anchors[(kind, d.subject_id)]),
                             cell(Text.same(d.name or "")), cell(names.unit(d.unit_id)),
                             cell(names.cite(d.cite)),
                             cell(d.prize.amount if d.prize is not None else None)])
    heads = ["title", "id", "name", "unit", "cite", "prize"]
    return Section(id="proposals", heading=label("proposals") + f" ({len(rows)})",
                   tables=[Table(head=[label(h) for h in heads], rows=rows,
                                 empty=label("none_proposed"))])


def _item(res: TitleResult, kind: str, ds: list[TitleDecision], anchor_id: str) -> Item:
    names = names_of(res)
    head = subject_head(res, ds)
    proposed = [Text.of(d.title) for d in ds if d.proposed]
    if proposed:
        head = head + msg("proposed_list", titles=join(proposed))
    status = "met" if proposed else ("unknown" if any(d.outcome == "not_determinable"
                                                      for d in ds) else None)
    table = Table(head=[label(h) for h in ("title", "status", "proposed", "cite")],
                  rows=[[cell(Text.of(d.title)), cell(msg("outcome_" + d.outcome),
                                                      outcome_status(d)),
                         cell(d.proposed), cell(names.cite(d.cite))] for d in ds])
    return Item(id=anchor_id, summary=head, status=status, tables=[table],
                tree=[decision_node(d, res) for d in ds])


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
        facts.append(Fact(label=label("succession"), value=msg(
            "succession_counts", source=res.successions.source,
            policy=Text(vi=merger_policies(res.merger_policy, "vi"),
                        en=merger_policies(res.merger_policy, "en")),
            **res.succession_counts())))
    sections = [_totals(res), _proposals(res, subjects, anchors),
                Section(id="subjects", heading=label("subjects"),
                        items=[_item(res, kind, ds, anchors[(kind, ds[0].subject_id)])
                               for kind, ds in subjects]),
                parameters_section(m, res.params), rejected_section(res.rejected),
                warnings_section(res.notices)]
    return Page(lang="en" if lang == "en" else "vi", kind="titles", title=Text.of(meta.title),
                subtitle=msg("regime", year=res.year, regime=Text.of(meta.regime.title),
                             day=res.decision_date.strftime("%d/%m/%Y")),
                facts=facts, sections=sections, generator=generator())
