"""On which day each conference is held, and which attestations come after it.

A conference cannot honour, nor choose delegates on, what was recognised after it (the rule
set's ``meta.cutoff``). Its day is the one the chapters' plans give for it (the plans table's
field with role ``conference``); where no plan names the conference, the last day the rule set
allows its level (the latest end of the level's windows), said as such in every explanation.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Optional

import numpy as np

from ...core.params import ResolvedParameter
from ...core.trace import Notice
from ...render.cite import citations_of
from .model import DelegateRuleSet
from .trace import HeldOn
from .words import conference, in_sentence, say


def _fmt(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


def latest_allowed(rules: DelegateRuleSet, params: dict[str, ResolvedParameter], level: str
                   ) -> tuple[dt.date, str]:
    """The last day the rule set allows a conference of ``level``, and the clause that says so.

    >>> from thiduakhenthuong.jobs.conferences.api import load_conference_rules
    >>> r = load_conference_rules("thai-nguyen-2019")
    >>> latest_allowed(r.model, r.params(), r.model.levels[0].id)
    (datetime.date(2020, 3, 31), '14/KH-CTĐTNg §II.2')
    """
    lv = rules.level(level)
    windows = [w for w in (lv.window, lv.combined_window) if w is not None]
    last = max(windows, key=lambda w: params[w.end].value)
    return params[last.end].value, last.cite


def conference_names(rules: DelegateRuleSet, plans: Optional[tuple[Any, Any]]) -> dict[str, str]:
    """The name of the chapter whose plan names each conference (the plans table's name field),
    so explanations name a conference by its chapter rather than its code."""
    if plans is None:
        return {}
    _, valid = plans
    role = {f.role: name for name, f in rules.plan_inputs.items() if f.role}
    if "conference" not in role or "name" not in role:
        return {}
    out: dict[str, str] = {}
    for c, n in zip(valid.columns[role["conference"]].tolist(),
                    valid.columns[role["name"]].tolist()):
        if c and n and str(c) not in out:
            out[str(c)] = str(n)
    return out


def conference_days(rules: DelegateRuleSet, params: dict[str, ResolvedParameter], level: str,
                    conferences: list[str], plans: Optional[tuple[Any, Any]]
                    ) -> tuple[dict[str, HeldOn], list[Notice]]:
    """For each conference id of ``level``: the day it is held and where that day comes from
    (``plans`` is the validated plans table, ``(raw, valid)``, or None)."""
    from_plans: dict[str, list[tuple[dt.date, str, int]]] = {}
    notices: list[Notice] = []
    names = conference_names(rules, plans)
    chapters: dict[str, str] = {}
    if plans is not None:
        _, valid = plans
        role = {f.role: name for name, f in rules.plan_inputs.items() if f.role}
        if "name" in role:
            chapters = {str(k): str(n) for k, n in zip(valid.columns[role["key"]].tolist(),
                                                       valid.columns[role["name"]].tolist())
                        if n}
        if "conference" in role:
            conf, key = valid.columns[role["conference"]], valid.columns[role["key"]]
            for i, c in enumerate(conf.tolist()):
                day = valid.columns["held_on"][i]
                if c and not np.isnat(day):
                    from_plans.setdefault(str(c), []).append(
                        (np.datetime64(day, "D").astype(dt.date), str(key[i]),
                         int(valid.rows[i])))
        if valid.rejected:
            notices.append(Notice(code="plans_rejected",
                                  message=say("conf_plans_rejected", n=len(valid.rejected)),
                                  details={"rows": [r.row for r in valid.rejected]}))
    last, cite = latest_allowed(rules, params, level)
    out: dict[str, HeldOn] = {}
    for c in conferences:
        found = sorted(from_plans.get(c, []))
        if found:
            day, chapter, row = found[0]
            out[c] = HeldOn(day=day, source="plan", chapter_id=chapter, row=row,
                            text=say("conf_held_plan", day=_fmt(day),
                                     chapter=chapters.get(chapter, chapter), row=row))
            if len({d for d, _, _ in found}) > 1:
                notices.append(Notice(code="conference_two_dates",
                                      message=say("conf_two_dates",
                                                  conference=conference(names, c),
                                                  day=_fmt(day)),
                                      details={"conference": c,
                                               "dates": [d for d, _, _ in found]}))
        else:
            out[c] = HeldOn(day=last, source="rules", cite=cite,
                            text=say("conf_held_rules", level=in_sentence(rules.level(level)),
                                     day=_fmt(last), cite=citations_of(rules).text(cite)))
    return out, notices


def late_attestations(cols: dict[str, np.ndarray], attested: list[str],
                      known: dict[str, np.ndarray], days: np.ndarray) -> dict[str, np.ndarray]:
    """Per attested field, the rows whose attestation is complete but dated after the row's
    conference day (``days``, datetime64[D] per row)."""
    return {a: known[a] & (cols[f"{a}_on"].astype("datetime64[D]") > days) for a in attested}
