"""Compare two delegate selections for one conference level: who is selected, left out or
forwarded, and for each change the standards and the seats (caps, shares) behind it."""
from __future__ import annotations

from typing import Any

from ...diff.common import changes, only_entry
from ...diff.model import CriterionChange, DefinitionChange, DiffEntry
from ...diff.rules import parameter_changes
from ...diff.text import reason
from .result import DelegateResult
from .trace import DelegateDecision

DECISION = ("outcome", "selected", "forwarded")
DETAIL = ("seat", "rank", "conference")


def _seat_parameters(res: DelegateResult) -> set[str]:
    """The parameters that size the seats of this level and the next (caps, group shares)."""
    m = res.model
    lv = m.level(res.level)
    names = {lv.cap}
    if lv.next_level:
        names.add(m.level(lv.next_level).cap)
    for g in m.groups:
        names |= {x for x in (g.min_share, g.max_share) if x}
    return names


def _params(old, new, names: set[str]):
    """The parameters among ``names`` whose values differ between the two runs."""
    return parameter_changes(old.params, new.params, old.model, new.model, names)


def _decision(d: DelegateDecision) -> dict[str, Any]:
    return {"outcome": d.outcome, "selected": d.selected, "forwarded": d.forwarded,
            "seat": d.seat, "rank": d.rank, "conference": d.conference}


def _criteria(old: DelegateResult, new: DelegateResult, do: DelegateDecision,
              dn: DelegateDecision, defs: list[DefinitionChange]) -> list[CriterionChange]:
    out: list[CriterionChange] = []
    known = set(old.params) | set(new.params)
    std_old = {c.id: c for c in old.model.standards}
    std_new = {c.id: c for c in new.model.standards}
    o = {c.id: c for c in do.checks}
    n = {c.id: c for c in dn.checks}
    for cid in list(o) + [k for k in n if k not in o]:
        co, cn = o.get(cid), n.get(cid)
        ch = changes(co, cn, ("status",))
        if co is not None and cn is not None and not ch:
            continue
        names: set[str] = set()
        for ck in (std_old.get(cid), std_new.get(cid)):
            if ck is not None:
                names |= ck.holds.names() & known
        ref = cn or co
        out.append(CriterionChange(
            id=cid, kind="standard", title=ref.title, cite_old=co.cite if co else None,
            cite_new=cn.cite if cn else None,
            only_in=None if co and cn else ("old" if co else "new"), changes=ch,
            values_old=dict(co.values) if co else {}, values_new=dict(cn.values) if cn else {},
            parameters=_params(old, new, names),
            definition=[d for d in defs if d.item == cid]))
    seats = _params(old, new, _seat_parameters(old) | _seat_parameters(new))
    seat_defs = [d for d in defs if d.section in ("levels", "groups", "keys")]
    ch = changes(_decision(do), _decision(dn), ("selected", "seat", "rank", "forwarded"))
    if ch and (seats or seat_defs):
        lo, ln = old.model.level(old.level), new.model.level(new.level)
        out.append(CriterionChange(
            id="selection", kind="selection", cite_old=lo.cap_cite, cite_new=ln.cap_cite,
            changes=ch, values_old=dict(do.merit), values_new=dict(dn.merit), parameters=seats,
            definition=seat_defs))
    return out


def diff_delegates(old: DelegateResult, new: DelegateResult, defs: list[DefinitionChange]
                   ) -> tuple[list[DiffEntry], int]:
    """Entries for every candidate whose eligibility, selection or forwarding differs, or who is
    judged on one side only; and how many candidates were judged on both sides.

    >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
    >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "co_so")
    >>> diff_delegates(res, res, [])
    ([], 70)
    """
    do_all = {d.candidate_id: d for d in old.decisions()}
    dn_all = {d.candidate_id: d for d in new.decisions()}
    entries: list[DiffEntry] = []
    both = 0
    for cid in sorted(set(do_all) | set(dn_all)):
        do, dn = do_all.get(cid), dn_all.get(cid)
        if do is None or dn is None:
            side = "old" if do is not None else "new"
            d = do if do is not None else dn
            entries.append(only_entry(
                cid, side, {k: v for k, v in _decision(d).items() if k in DECISION},
                (new if side == "old" else old).valid.rejected, name=d.name, group=d.conference))
            continue
        both += 1
        if not changes(_decision(do), _decision(dn), DECISION):
            continue
        crit = _criteria(old, new, do, dn, defs)
        entries.append(DiffEntry(
            id=cid, name=dn.name or do.name, group=dn.conference, status="changed",
            changes=changes(_decision(do), _decision(dn), DECISION + DETAIL), criteria=crit,
            reason=reason(crit, "others_selected"), explain_old=do.reason, explain_new=dn.reason))
    return entries, both
