"""Render title decisions for people: an explanation tree per subject, the proposal table."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ...errors import NotJudgedError
from ...i18n.explain import merger_policies
from ...i18n.report import labels
from ...render.numbers import num
from ...render.phrases import t
from ...render.tree import rich_tree
from .explain import decision_node, names_of, subject_head
from .result import TitleResult

def subject_tree(res: TitleResult, subject_id: str, lang: str = "vi",
                 title_id: str | None = None, show_expressions: bool = False) -> Tree:
    """Every title decision for one person or unit (:func:`.explain.decision_node`), in ``lang``;
    the codes and expressions behind each line with ``show_expressions``.

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
    >>> tree = subject_tree(res, "p001", "en")
    """
    ds = [d for d in res.get(subject_id) if title_id is None or d.title_id == title_id]
    if not ds:
        raise NotJudgedError(f"no decision on the title '{title_id}' for '{subject_id}'",
                             suggestion="titles judged: " + ", ".join(
                                 sorted({d.title_id for d in res.get(subject_id)})))
    return rich_tree(subject_head(res, ds), [decision_node(d, res) for d in ds], lang,
                     show_expressions)


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
    table = Table(title=t("regime", lang, year=res.year,
                          regime=res.model.meta.regime.title.get(lang),
                          day=res.decision_date.strftime("%d/%m/%Y")))
    for h in ("title", "id", "name", "unit", "prize"):
        table.add_column(labels(h, lang), justify="right" if h == "prize" else "left")
    names = names_of(res)
    frame = res.to_frame(proposed_only=True)
    titles = {x.id: x.title.get(lang) for x in res.model.titles}
    for r in frame.itertuples(index=False):
        unit = names.unit(r.unit_id).get(lang) if r.unit_id else ""
        table.add_row(escape(titles[r.title_id]), escape(str(r.subject_id)),
                      escape(str(r.name or "")), escape(unit), num(float(r.prize), lang))
    return table


def totals_lines(res: TitleResult, lang: str = "vi") -> list[str]:
    out = [t("title_counts", lang, rows_in=c["rows_in"], judged=c["judged"], history=c["history"],
             ignored=c["ignored"], rejected=c["rejected"]) for c in [res.counts()]]
    s = res.successions
    if s.source is not None:
        c = res.succession_counts()
        out.append(t("succession_counts", lang, source=s.source,
                     policy=merger_policies(res.merger_policy, lang), **c))
    for x in res.totals():
        out.append(t("title_totals", lang, title=x.title.get(lang), proposed=x.proposed,
                     eligible=x.eligible, not_eligible=x.not_eligible, unknown=x.not_determinable,
                     prize=num(x.prize_total, lang)))
    return out
