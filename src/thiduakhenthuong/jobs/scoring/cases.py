"""What a rule author's test case reads of a scoring result (``tdkt test``): each unit's values
by key, and the part of its explanation behind a key that differs."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.tree import Tree

from ...core.job import CasePart
from ...render.phrases import t
from .result import ScoreResult
from .terminal import explain_tree


def case_values(res: ScoreResult, unit_id: str) -> dict[str, Any]:
    """A unit's checkable values: ``total``, ``base``, ``bonus``, ``deduction``, ``events``,
    ``class``, ``class_by_total``, ``rank_cluster``, ``rank_overall``, ``rank.<grouping>``,
    ``awards`` (ids), ``award.<id>``, ``points.<criterion>``, ``met.<criterion>``,
    ``ratio.<criterion>``, ``claimed.<criterion>`` (the unit's own score before review),
    ``section.<id>``, ``event.<id>`` and ``deduction.<id>``.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load("ccb-cum-3").evaluate("fixtures/ccb-cum-3/diem-cum-3.csv")
    >>> v = case_values(res, "bau_lam")
    >>> v["class"], v["claimed.scale_90"], v["points.scale_90"]
    ('tien_tien', 87.0, 80.5)
    """
    u = res.unit(unit_id)
    out: dict[str, Any] = {
        "total": u.total, "base": u.base, "bonus": u.bonus, "deduction": u.deduction,
        "class": u.class_id, "class_by_total": u.class_by_total, "rank_cluster": u.rank_cluster,
        "rank_overall": u.rank_overall, "awards": [a.id for a in u.awards]}
    if u.events is not None:
        out["events"] = u.events
    for a in res.model.awards:
        out[f"award.{a.id}"] = any(x.id == a.id for x in u.awards)
    for c in u.criteria:
        out[f"points.{c.id}"] = c.points
        out[f"met.{c.id}"] = c.met
        if c.ratio is not None:
            out[f"ratio.{c.id}"] = c.ratio
        if c.review is not None:
            out[f"claimed.{c.id}"] = c.review.claimed_points
    for g in u.ranks:
        out[f"rank.{g.grouping}"] = g.rank
    for s in u.sections:
        out[f"section.{s.id}"] = s.points
    for e in u.event_points:
        out[f"event.{e.id}"] = e.points
    for d in u.deductions:
        out[f"deduction.{d.id}"] = d.points
    return out


#: Which top-level part of the explanation each kind of key is explained by.
_PARTS = {"total": ("total", "sections", "events", "deductions"),
          "class": ("class", "why_not"), "rank": ("rank", "ties"), "award": ("awards",)}


def case_explain(res: ScoreResult, unit_id: str, key: str, lang: str = "vi") -> list[str]:
    """The lines of the unit's explanation behind ``key``: a criterion's node for its points,
    the total with its parts, the class with its threshold, the rank with its ties, or the
    awards."""
    u = res.unit(unit_id)
    tree = explain_tree(res, u, lang)
    head, _, rest = key.partition(".")
    if head in ("points", "met", "ratio", "claimed") and rest:
        title = next((c.title.get(lang) for c in u.criteria if c.id == rest), None)
        nodes = [n for part in tree.children if _label(part).startswith(t("targets", lang))
                 for n in part.children if title and title in _label(n)]
        return _lines(nodes)
    kind = {"total": "total", "base": "total", "bonus": "total", "deduction": "total",
            "events": "total", "section": "total", "event": "total", "class": "class",
            "class_by_total": "class", "rank_cluster": "rank", "rank_overall": "rank",
            "rank": "rank", "awards": "award", "award": "award"}.get(head, "total")
    starts = [_start(p, lang) for p in _PARTS[kind]]
    return _lines([n for n in tree.children if any(_label(n).startswith(s) for s in starts)])


def _start(part: str, lang: str) -> str:
    fill = {"total": dict(total="", base="", bonus="", ded=""), "class": dict(title=""),
            "rank": dict(rc="", size="", cluster="", ro="", n=""), "why_not": dict(next="")}
    if part not in fill:
        return t(part, lang)  # a heading: its whole text
    return t(part, lang, **fill[part]).split(" ")[0]


def _label(node: Tree) -> str:
    return str(node.label)


def _lines(nodes: list[Tree]) -> list[str]:
    console = Console(width=200, record=True, no_color=True, file=_Null())
    out: list[str] = []
    for n in nodes:
        console.print(n)
    out = [line.rstrip() for line in console.export_text().splitlines() if line.strip()]
    return out[:40]


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass


CASES = CasePart(values=case_values, explain=case_explain, table="units")
