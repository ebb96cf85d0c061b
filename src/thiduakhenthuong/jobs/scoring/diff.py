"""Compare two scorings of the same units: total, class, ranks and awards per unit, and for each
changed unit the criteria whose results changed and the rule changes behind them."""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ...diff.common import changes, only_entry, uses_diff
from ...diff.model import CriterionChange, DefinitionChange, DiffEntry
from ...diff.text import reason
from .result import ScoreResult
from .trace import UnitResult

#: What makes a unit "changed": its decision, class or rank.
DECISION = ("total", "class", "rank_overall", "rank_cluster", "awards")
#: Shown beside the decision when they differ too.
DETAIL = ("class_by_total", "base", "bonus", "deduction", "cluster")
_CRITERION = ("applicable", "met", "points", "max_points", "bonus", "achieved", "target", "ratio",
              "condition")
_DEDUCTION = ("raw_points", "points", "max_points")


def _headline(res: ScoreResult) -> pd.DataFrame:
    """Each scored unit's decision, read from the result's columns, indexed by unit id."""
    f = res.to_frame()
    awards = np.full(len(f), "", dtype=object)
    for a in res.model.awards:
        hit = f[f"award.{a.id}"].to_numpy()
        awards = np.where(hit, np.where(awards == "", a.id, awards + ";" + a.id), awards)
    f = f.assign(awards=awards)[["unit_id", *DECISION, "cluster"]]
    return f.assign(unit_id=f["unit_id"].astype(str)).set_index("unit_id")


def _differs(a: pd.DataFrame, b: pd.DataFrame) -> np.ndarray:
    """Per row of two aligned decision tables: does any decision column differ?"""
    out = np.zeros(len(a), dtype=bool)
    for col in a.columns:
        x, y = a[col].to_numpy(), b[col].to_numpy()
        if col in ("total", "rank_overall", "rank_cluster"):
            # Totals are rounded to 2 decimals by the engine; anything below that is noise.
            out |= ~np.isclose(x.astype(float), y.astype(float), rtol=0.0, atol=1e-9)
        else:
            out |= x != y
    return out


def _decision(u: UnitResult) -> dict[str, Any]:
    return {"total": u.total, "class": u.class_id, "class_by_total": u.class_by_total,
            "rank_overall": u.rank_overall, "rank_cluster": u.rank_cluster,
            "awards": ";".join(a.id for a in u.awards), "base": u.base, "bonus": u.bonus,
            "deduction": u.deduction, "cluster": u.cluster}


def _defs(defs: list[DefinitionChange], item: str, section: str) -> list[DefinitionChange]:
    return [d for d in defs if d.item == item and d.section == section]


def _criteria(old: ScoreResult, new: ScoreResult, uo: UnitResult, un: UnitResult,
              defs: list[DefinitionChange]) -> list[CriterionChange]:
    out: list[CriterionChange] = []
    for section, kind, fields, o_list, n_list in (
            ("criteria", "criterion", _CRITERION, uo.criteria, un.criteria),
            ("deductions", "deduction", _DEDUCTION, uo.deductions, un.deductions)):
        o = {c.id: c for c in o_list}
        n = {c.id: c for c in n_list}
        for cid in list(o) + [k for k in n if k not in o]:
            co, cn = o.get(cid), n.get(cid)
            ch = changes(co, cn, fields)
            if co is not None and cn is not None and not ch:
                continue
            ref = cn or co
            out.append(CriterionChange(
                id=cid, kind=kind, title=ref.title, cite_old=co.cite if co else None,
                cite_new=cn.cite if cn else None,
                only_in=None if co and cn else ("old" if co else "new"), changes=ch,
                values_old=dict(co.inputs) if co else {}, values_new=dict(cn.inputs) if cn else {},
                parameters=uses_diff(co.parameters if co else [], cn.parameters if cn else [],
                                     old.rules, new.rules),
                definition=_defs(defs, cid, section)))
    do, dn = _decision(uo), _decision(un)
    if do["class"] != dn["class"] or do["class_by_total"] != dn["class_by_total"]:
        vo = [v.id for v in uo.vetoes if v.applied]
        vn = [v.id for v in un.vetoes if v.applied]
        ch = changes({**do, "vetoes": ";".join(vo)}, {**dn, "vetoes": ";".join(vn)},
                     ("class_by_total", "class", "vetoes"))
        out.append(CriterionChange(
            id="class", kind="class", changes=ch,
            values_old={"total": uo.total, **{p.name: p.value for p in uo.parameters}},
            values_new={"total": un.total, **{p.name: p.value for p in un.parameters}},
            parameters=uses_diff(uo.parameters, un.parameters, old.rules, new.rules),
            definition=[d for d in defs if d.section in ("classes", "vetoes")
                        or d.path.startswith("meta.bonus_max")]))
    for section, kind, fields in (("awards", "award", ("awards",)),
                                  ("ranking", "ranking", ("rank_overall", "rank_cluster"))):
        ds = [d for d in defs if d.section == section]
        ch = changes(do, dn, fields)
        if ds and ch:
            out.append(CriterionChange(id=section, kind=kind, changes=ch, definition=ds))
    return out


def diff_scores(old: ScoreResult, new: ScoreResult, defs: list[DefinitionChange]
                ) -> tuple[list[DiffEntry], int]:
    """Entries for every unit whose total, class, ranks or awards differ, or that was scored on
    one side only; and how many units were scored on both sides.

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> diff_scores(res, res, [])
    ([], 11)
    """
    ho, hn = _headline(old), _headline(new)
    common = ho.index.intersection(hn.index)
    changed = set(common[_differs(ho.loc[common], hn.loc[common])].tolist())
    entries: list[DiffEntry] = []
    for uid in sorted(set(ho.index) | set(hn.index)):
        if uid not in hn.index or uid not in ho.index:
            side = "old" if uid in ho.index else "new"
            res = old if side == "old" else new
            u = res.unit(uid)
            entries.append(only_entry(
                uid, side, {k: v for k, v in _decision(u).items() if k in DECISION},
                (new if side == "old" else old).rejected, name=u.name, group=u.cluster))
            continue
        if uid not in changed:
            continue
        uo, un = old.unit(uid), new.unit(uid)
        crit = _criteria(old, new, uo, un, defs)
        own = [c for c in crit if c.kind in ("criterion", "deduction", "class")]
        entries.append(DiffEntry(
            id=uid, name=un.name or uo.name, group=un.cluster,
            status="changed", changes=changes(_decision(uo), _decision(un), DECISION + DETAIL),
            criteria=crit, reason=reason(crit, None if own else "others_moved")))
    return entries, len(common)
