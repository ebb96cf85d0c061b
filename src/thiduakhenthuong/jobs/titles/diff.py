"""Compare two title runs of the same year: per person (or unit) and title, the outcome, whether
proposed, and the prize; for each change the checks, routes, exclusions and quota behind it."""
from __future__ import annotations

from typing import Any

from ...core.models import Localized
from ...core.tri import F, T, U
from ...diff.common import changes, only_entry
from ...diff.model import CriterionChange, DefinitionChange, DiffEntry
from ...diff.rules import parameter_changes
from ...diff.text import reason
from ...rulebook.base import Check
from .model import Title, TitleRuleSet
from .result import TitleResult
from .trace import TitleDecision

DECISION = ("outcome", "proposed", "prize")
_OUTCOME = {F: "not_eligible", U: "not_determinable", T: "eligible"}
_QUOTA = ("within_cap", "cap", "rank", "holders", "eligible_in_group")


def _subjects(res: TitleResult, t: Title):
    s = res.people if t.subject == "person" else res.units
    return s.subjects if s is not None else None


def _headline(res: TitleResult) -> dict[tuple[str, str], dict[str, Any]]:
    """Each judged subject's decision on each title, read from the columns."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    c = res.cols
    for t in res.titles():
        s = _subjects(res, t)
        if s is None:
            continue
        status = c.status[t.id].tolist()
        sel = c.selected[t.id].tolist()
        prize = c.prize[t.id].tolist() if t.id in c.prize else [None] * len(status)
        for i, sid in enumerate(s.ids.tolist()):
            out[(str(sid), t.id)] = {"outcome": _OUTCOME[int(status[i])], "proposed": bool(sel[i]),
                                     "prize": prize[i]}
    return out


def _checks(model: TitleRuleSet) -> dict[str, Check]:
    return {ck.id: ck for t in model.titles for ck in [*t.checks, *(c for r in t.routes
                                                                  for c in r.checks)]}


def _params(old, new, names: set[str]):
    """The parameters among ``names`` whose values differ between the two runs."""
    return parameter_changes(old.params, new.params, old.model, new.model, names)


def _criteria(old: TitleResult, new: TitleResult, do: TitleDecision, dn: TitleDecision,
              defs: list[DefinitionChange]) -> list[CriterionChange]:
    out: list[CriterionChange] = []
    known = set(old.params) | set(new.params)
    ck_old, ck_new = _checks(old.model), _checks(new.model)
    for kind, o_list, n_list in (("check", do.checks, dn.checks), ("route", do.routes, dn.routes),
                                 ("exclusion", do.exclusions, dn.exclusions)):
        o = {c.id: c for c in o_list}
        n = {c.id: c for c in n_list}
        for cid in list(o) + [k for k in n if k not in o]:
            co, cn = o.get(cid), n.get(cid)
            ch = changes(co, cn, ("status",))
            if co is not None and cn is not None and not ch:
                continue
            ref = cn or co
            if (co is None or cn is None) and ref.status == "failed" and \
                    (kind == "route" or getattr(ref, "route", None)):
                # A route that does not hold, on one side only, changes nothing: routes are
                # alternatives.
                continue
            names: set[str] = set()
            for ck in (ck_old.get(cid), ck_new.get(cid)):
                if ck is not None and kind == "check":
                    names |= ck.holds.names() & known
            out.append(CriterionChange(
                id=cid, kind=kind, title=ref.title, cite_old=getattr(co, "cite", None),
                cite_new=getattr(cn, "cite", None),
                only_in=None if co and cn else ("old" if co else "new"), changes=ch,
                values_old=_read(co), values_new=_read(cn),
                parameters=_params(old, new, names),
                definition=[d for d in defs if d.item == cid]))
    qo, qn = _quota_values(do.quota), _quota_values(dn.quota)
    # With no quota on one side, only "within the cap" changes; the rest is in the values.
    ch = changes(qo or None, qn or None, _QUOTA if qo and qn else ("within_cap",))
    if ch:
        to = old.model.title(do.title_id) if do.title_id in {t.id for t in old.model.titles} \
            else None
        tn = new.model.title(dn.title_id) if dn.title_id in {t.id for t in new.model.titles} \
            else None
        names = set()
        for t in (to, tn):
            if t is not None and t.quota is not None:
                names |= t.quota.share.names() & known
        has_o, has_n = bool(to and to.quota), bool(tn and tn.quota)
        out.append(CriterionChange(
            id="quota", kind="quota", title=None,
            only_in=None if has_o == has_n else ("old" if has_o else "new"),
            cite_old=to.quota.cite if to and to.quota else None,
            cite_new=tn.quota.cite if tn and tn.quota else None, changes=ch,
            values_old=qo, values_new=qn,
            parameters=_params(old, new, names),
            definition=[d for d in defs if d.item == do.title_id and ".quota" in d.path]))
    po, pn = do.prize, dn.prize
    if po is not None and pn is not None and changes(po, pn, ("amount",)):
        names = {"base_salary", "prize_rounding"}
        for m in (old.model, new.model):
            if dn.title_id in {t.id for t in m.titles} and m.title(dn.title_id).prize:
                names |= m.title(dn.title_id).prize.multiplier.names()
        out.append(CriterionChange(
            id="prize", kind="prize", cite_old=po.cite, cite_new=pn.cite,
            changes=changes(po, pn, ("multiplier", "base_salary", "amount")),
            parameters=_params(old, new, names & known),
            definition=[d for d in defs if d.item == do.title_id and ".prize" in d.path]))
    return out


def _read(c) -> dict[str, Any]:
    """What a check read: its values, and each history or member function's result."""
    if c is None:
        return {}
    out = dict(getattr(c, "values", {}) or {})
    for h in getattr(c, "history", []):
        out[h.call] = h.value
    for m in getattr(c, "members", []):
        out[m.call] = f"{m.count}/{m.members}"
    return out


def _quota_values(q) -> dict[str, Any]:
    if q is None:
        return {}
    return {"within_cap": q.selected, "group": q.group, "holders_of": q.holders_of,
            "share": q.share, "holders": q.holders, "cap": q.cap, "rank": q.rank,
            "eligible_in_group": q.eligible_in_group, "decided_by": q.decided_by,
            "neighbour": q.neighbour}


def _explain(d: TitleDecision) -> Localized | None:
    """What the decision says it would take, when not eligible."""
    if not d.needs:
        return None
    return Localized(vi="; ".join(n.vi for n in d.needs), en="; ".join(n.en for n in d.needs))


def diff_titles(old: TitleResult, new: TitleResult, defs: list[DefinitionChange]
                ) -> tuple[list[DiffEntry], int]:
    """Entries for every (subject, title) whose outcome, proposal or prize differs, or that is
    judged on one side only; and how many pairs were judged on both sides.

    >>> from thiduakhenthuong import evaluate_titles
    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> entries, both = diff_titles(res, res, [])
    >>> entries, both > 0
    ([], True)
    """
    ho, hn = _headline(old), _headline(new)
    order = {t.id: i for i, t in enumerate(old.titles())}
    order.update({t.id: len(order) + i for i, t in enumerate(new.titles()) if t.id not in order})
    keys = sorted(set(ho) | set(hn), key=lambda k: (k[0], order[k[1]]))
    titles_old = {t.id for t in old.titles()}
    titles_new = {t.id for t in new.titles()}
    entries: list[DiffEntry] = []
    both = 0
    for sid, tid in keys:
        if (sid, tid) not in ho or (sid, tid) not in hn:
            side = "old" if (sid, tid) in ho else "new"
            res = old if side == "old" else new
            d = res.decision(sid, tid)
            missing_title = tid not in (titles_new if side == "old" else titles_old)
            entries.append(only_entry(
                sid, side, (ho if side == "old" else hn)[(sid, tid)],
                [] if missing_title else (new if side == "old" else old).rejected,
                name=d.name, group=d.unit_id, title_id=tid, title=d.title,
                why=f"title_only_{side}" if missing_title else None))
            continue
        both += 1
        if not changes(ho[(sid, tid)], hn[(sid, tid)], DECISION):
            continue
        do, dn = old.decision(sid, tid), new.decision(sid, tid)
        crit = _criteria(old, new, do, dn, defs)
        entries.append(DiffEntry(
            id=sid, title_id=tid, title=dn.title, name=dn.name or do.name, group=dn.unit_id,
            status="changed", changes=changes(ho[(sid, tid)], hn[(sid, tid)], DECISION)
            + changes(do, dn, ("route_used",)),
            criteria=crit, reason=reason(crit), explain_old=_explain(do),
            explain_new=_explain(dn)))
    return entries, both
