"""Render results for people: an explanation tree per unit, and the ranked table."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from ...i18n.report import labels
from ...render.numbers import num
from ...render.tree import rich_tree
from .explain import clause_labels, names_of, unit_head, unit_tree
from .result import ScoreResult
from .trace import UnitResult


def explain_tree(res: ScoreResult, u: UnitResult, lang: str = "vi",
                 show_expressions: bool = False) -> Tree:
    """One unit's explanation as a tree (:func:`.explain.unit_tree`) in ``lang``; the codes and
    expressions behind each line with ``show_expressions``."""
    names = names_of(res)
    return rich_tree(unit_head(res, u, names), unit_tree(res, u), lang, show_expressions)


def ranking_table(res: ScoreResult, lang: str = "vi", limit: int | None = None) -> Table:
    """The ranked table: rank, unit, cluster, points per target, total, class, awards."""
    tbl = Table(title=res.model.meta.title.get(lang), show_lines=False)
    names = names_of(res)
    for h in ("rank", "rank_cluster", "unit", "cluster"):
        # A unit's name is read whole; the cluster's may wrap.
        tbl.add_column(labels(h, lang), overflow="fold", no_wrap=h == "unit")
    clauses = clause_labels(res.model)
    for c in res.model.criteria:
        tbl.add_column(clauses[c.id].get(lang), justify="right")
    events = bool(res.model.events)
    if events:
        tbl.add_column(labels("events", lang), justify="right")
    for h in ("bonus", "deduction", "total", "class", "award"):
        tbl.add_column(labels(h, lang), justify="right" if h in ("bonus", "deduction", "total")
                       else "left", overflow="fold")
    df = res.to_frame()
    class_title = {c.id: c.title.get(lang) for c in res.model.classes}
    for _, row in (df.head(limit) if limit else df).iterrows():
        name = row.get("name") or row["unit_id"]
        cells = [str(row["rank_overall"]), str(row["rank_cluster"]), escape(str(name)),
                 escape(names.cluster(str(row["cluster"])).get(lang))]
        cells += [num(row[f"points.{c.id}"], lang) for c in res.model.criteria]
        if events:
            cells.append(num(row["events"], lang))
        awards = "; ".join(a.title.get(lang) for a in res.model.awards if row[f"award.{a.id}"])
        cells += [num(row["bonus"], lang), num(row["deduction"], lang), num(row["total"], lang),
                  escape(class_title[row["class"]]), escape(awards)]
        tbl.add_row(*cells)
    return tbl
