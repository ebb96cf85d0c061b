"""Render title decisions for people: an explanation tree per subject, the proposal table."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ...errors import NotJudgedError
from ...render.labels import Labels
from ...render.numbers import num
from ...render.phrases import t
from ...render.ties import broken_tie
from .carried import check_notes
from .result import TitleResult
from .trace import TitleCheckTrace, TitleDecision

MARK = {"met": "✓", "failed": "✗", "unknown": "?"}


def _check_node(parent: Tree, c: TitleCheckTrace, lang: str, field_title: "Labels",
                policy: str = "all") -> None:
    node = parent.add(escape(t("check_line", lang, mark=MARK[c.status], title=c.title.get(lang),
                               cite=c.cite)))
    shown = field_title.pairs(c.values)
    if shown:
        node.add(escape(shown))
    for h in c.history:
        years = ", ".join(map(str, h.years))
        if h.call.startswith("streak(") and h.years:
            node.add(escape(t("streak_line", lang, what=h.call, years=years, n=len(h.years))))
        else:
            what = t("years_list", lang, years=years) if h.years else \
                t("years_none", lang, first=h.first_year)
            node.add(escape(t("years_line", lang, call=h.call, value=num(h.value, lang),
                              years=what)))
    for note in check_notes(c, policy):
        node.add(escape(note.get(lang)))
    for m in c.members:
        share = f" ({num(round(m.value * 100, 1), lang)}%)" if m.call.startswith("members_share") \
            and m.value is not None else ""
        node.add(escape(t("members_line", lang, call=m.call, count=m.count, members=m.members,
                          share=share)))
        if m.pending:
            node.add(escape(t("pending", lang, who=", ".join(m.pending[:10]))))
    if c.missing_evidence:
        node.add(escape(t("missing_evidence", lang,
                          what=", ".join(field_title(e) for e in c.missing_evidence))))
    if c.needs is not None:
        node.add(escape(t("needs", lang, what=c.needs.get(lang))))


def decision_tree(d: TitleDecision, lang: str = "vi", field_title: Labels | None = None,
                  policy: str = "all") -> Tree:
    """One decision as a tree: outcome, checks with values and history (with the years counted
    in other units and the successions linking them; ``policy`` is the merger policy), routes,
    exclusions, quota, prize, missing evidence and what it takes."""
    field_title = field_title or Labels(lang=lang)
    proposed = t("proposed", lang) if d.proposed else (
        t("not_proposed_quota", lang) if d.quota is not None and not d.quota.selected else "")
    root = Tree(escape(t("title_head", lang, title=d.title.get(lang), cite=d.cite,
                         outcome=t("outcome_" + d.outcome, lang), proposed=proposed)))
    for c in d.checks:
        if c.route is None:
            _check_node(root, c, lang, field_title, policy)
    if d.routes:
        rnode = root.add(escape(t("one_route", lang)))
        for r in d.routes:
            sub = rnode.add(escape(t("route_line", lang, mark=MARK[r.status],
                                     title=r.title.get(lang))))
            for c in d.checks:
                if c.route == r.id:
                    _check_node(sub, c, lang, field_title, policy)
    for x in d.exclusions:
        if x.status != "clear":
            key = "exclusion_applies" if x.status == "applies" else "exclusion_unknown"
            node = root.add(escape(t(key, lang, title=x.title.get(lang), cite=x.cite)))
            shown = field_title.pairs(x.values)
            if shown:
                node.add(escape(shown))
    if d.quota is not None:
        q = d.quota
        node = root.add(escape(t("quota_line", lang, group=q.group, cap=q.cap,
                                 share=num(q.share, lang), holders=q.holders, of=q.holders_of,
                                 rank=q.rank, eligible=q.eligible_in_group,
                                 verdict=t("quota_in" if q.selected else "quota_out", lang))))
        if q.neighbour is not None:
            node.add(escape(broken_tie(q.neighbour, q.decided_by or "", q.own_value,
                                       q.neighbour_value).get(lang)))
    if d.prize is not None:
        p = d.prize
        root.add(escape(t("prize_line", lang, mult=num(p.multiplier, lang),
                          base=num(p.base_salary, lang), since=p.base_salary_from.strftime("%d/%m/%Y"),
                          day=p.decision_date.strftime("%d/%m/%Y"), amount=num(p.amount, lang),
                          cite=p.cite)))
    if d.missing_evidence:
        root.add(escape(t("missing_evidence", lang,
                          what=", ".join(field_title(e) for e in d.missing_evidence))))
    for n in d.needs:
        root.add(escape(t("needs", lang, what=n.get(lang))))
    return root


def subject_tree(res: TitleResult, subject_id: str, lang: str = "vi",
                 title_id: str | None = None) -> Tree:
    """Every title decision for one person or unit.

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> tree = subject_tree(res, "p001", "en")
    """
    ds = [d for d in res.get(subject_id) if title_id is None or d.title_id == title_id]
    if not ds:
        raise NotJudgedError(f"no decision on the title '{title_id}' for '{subject_id}'",
                             suggestion="titles judged: " + ", ".join(
                                 sorted({d.title_id for d in res.get(subject_id)})))
    d0 = ds[0]
    if d0.subject == "person":
        head = t("person", lang, name=d0.name or "", id=d0.subject_id, unit=d0.unit_id,
                 year=res.year)
    else:
        head = t("collective", lang, name=d0.name or "", id=d0.subject_id, year=res.year)
    root = Tree(escape(head))
    titles = Labels(res.model, lang)
    for d in ds:
        root.add(decision_tree(d, lang, titles, res.merger_policy))
    return root


def regime_lines(res: TitleResult, lang: str = "vi") -> list[str]:
    """Which legal regime governs the run and why, one line per step.

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("titles", "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> regime_lines(res, "en")[2].startswith("  Achievements of 2023")
    True
    """
    why = res.regime_choice
    if why is None:
        return []
    return [t("regime_applied", lang, title=why.title.get(lang), folder=why.rule_set)] + \
        ["  " + step.text.get(lang) for step in why.steps]


def proposals_table(res: TitleResult, lang: str = "vi") -> Table:
    """The proposal list: every proposed title with subject, unit and prize."""
    vi = lang != "en"
    table = Table(title=t("regime", lang, year=res.year,
                          regime=res.model.meta.regime.title.get(lang),
                          day=res.decision_date.strftime("%d/%m/%Y")))
    for h in (("Danh hiệu", "Title"), ("Mã", "Id"), ("Tên", "Name"), ("Đơn vị", "Unit"),
              ("Tiền thưởng", "Prize")):
        table.add_column(h[0] if vi else h[1], justify="right" if h[1] == "Prize" else "left")
    frame = res.to_frame(labels=lang, proposed_only=True)
    if len(frame):
        cols = list(frame.columns)
        for row in frame.itertuples(index=False):
            r = dict(zip(cols, row))
            table.add_row(escape(str(r[cols[5]])), escape(str(r[cols[1]])), escape(str(r[cols[2]])),
                          escape(str(r[cols[3]])), num(float(r[cols[8]]), lang))
    return table


def totals_lines(res: TitleResult, lang: str = "vi") -> list[str]:
    out = [t("title_counts", lang, rows_in=c["rows_in"], judged=c["judged"], history=c["history"],
             ignored=c["ignored"], rejected=c["rejected"]) for c in [res.counts()]]
    s = res.successions
    if s.source is not None:
        c = res.succession_counts()
        out.append(t("succession_counts", lang, source=s.source, policy=res.merger_policy, **c))
    for x in res.totals():
        out.append(t("title_totals", lang, title=x.title.get(lang), proposed=x.proposed,
                     eligible=x.eligible, not_eligible=x.not_eligible, unknown=x.not_determinable,
                     prize=num(x.prize_total, lang)))
    return out
