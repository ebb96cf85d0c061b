"""The tables a title rule set reads, for a blank workbook to fill (``tdkt template``): people
and units, one row per subject per year, the earlier years being the history."""
from __future__ import annotations

from ...core.job import InputTable
from ...core.models import Localized
from ...render.uses import uses
from ...tables.attested import expand_attested
from .model import TitleRuleSet


def input_tables(m: TitleRuleSet) -> list[InputTable]:
    def used_by(subject: str) -> dict:
        items = []
        for t in m.titles:
            if t.subject != subject:
                continue
            for c in t.checks + [c for r in t.routes for c in r.checks]:
                items.append((f"{t.title.vi}: {c.title.vi}", c.cite, [c.holds]))
        for x in m.exclusions:
            if x.subject == subject:
                items.append((f"Loại trừ: {x.title.vi}", x.cite, [x.when]))
        return uses(items)
    meta = m.meta
    return [InputTable(key="people", title=Localized(vi="Cá nhân", en="People"),
                       sheet=meta.people.sheet, file=meta.people.file,
                       fields=expand_attested(m.inputs), uses=used_by("person"), long=True),
            InputTable(key="units", title=Localized(vi="Tập thể", en="Units"),
                       sheet=meta.units.sheet, file=meta.units.file,
                       fields=expand_attested(m.unit_inputs), uses=used_by("unit"), long=True,
                       required=False)]
