"""The table a scoring rule set reads, for a blank workbook to fill (``tdkt template``)."""
from __future__ import annotations

from ...core.job import InputTable
from ...core.models import Localized
from ...render.uses import uses
from .model import RuleSet


def input_tables(m: RuleSet) -> list[InputTable]:
    """One table: a row per unit of the registry (pre-filled), a column per input."""
    items = []
    for c in m.criteria:
        exprs = [c.applies, c.achieved, c.target, c.condition, c.max_points]
        if c.bonus:
            exprs += [c.bonus.points_per_step, c.bonus.max]
        label = f"CT{c.clause or ''} {c.title.vi}".strip()
        items.append((label, c.cite, exprs))
    for d in m.deductions:
        items.append((f"Điểm trừ: {d.title.vi}", d.cite, [d.points, d.max]))
    return [InputTable(key="units", title=Localized(vi="Số liệu", en="Data"), sheet="Số liệu",
                       file="units.csv", fields=m.inputs, units=list(m.units or []),
                       uses=uses(items))]
