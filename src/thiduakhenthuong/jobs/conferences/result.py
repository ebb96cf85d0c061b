"""The result of a delegate selection."""
from __future__ import annotations

import datetime as dt
import json
from .trace import ConferenceSummary, DelegateDecision, DelegateReport
from .engine import neighbour, outcome_name, reason
from ...core.trace import ParameterUse
from ...core.trace import CheckTrace
from ...core.jsonable import py
from ...core.tri import U


class DelegateResult:
    """Delegate decisions for one level: every candidate eligible or not, selected or left out,
    with the reason.

    >>> from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
    >>> res = evaluate_delegates("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "huyen")
    >>> res.report().conferences[0].selected <= 150
    True
    """

    def __init__(self, model, rules_hash, params, level, source, raw, valid, cols, rows, sel,
                 other_levels, known):
        self.model, self.hash, self.params, self.level = model, rules_hash, params, level
        self.source, self.raw, self.valid, self.cols, self.rows = source, raw, valid, cols, rows
        self.sel, self.other_levels = sel, other_levels
        self.known = known      # attested field -> evidence complete, per candidate

    def decisions(self) -> list[DelegateDecision]:
        m, s, c = self.model, self.sel, self.cols
        role = {f.role: name for name, f in m.inputs.items() if f.role}
        group = c[role["group"]]
        attested = [n for n, f in m.inputs.items() if f.type == "attested"]
        out = []
        for i in range(len(self.rows)):
            g = m.group(str(group[i]))
            checks = []
            missing = []
            if g.held_to_standards:
                for ck in m.standards:
                    st = int(s.checks[ck.id][i])
                    names = sorted(ck.holds.names())
                    miss = [a for a in names if a in attested and not self.known[a][i]]
                    missing += [x for x in miss if x not in missing]
                    checks.append(CheckTrace(
                        id=ck.id, title=ck.title, cite=ck.cite,
                        status={0: "failed", 1: "unknown", 2: "met"}[st],
                        expression=ck.holds.text(),
                        values={k: (py(c[k][i]) if k not in attested or self.known[k][i]
                                    else None) for k in names if k in c},
                        missing_evidence=miss if st == U else [], needs=ck.hint))
            cid = str(c[role["conference"]][i])
            decided_by = nb = own = other = None
            if s.status[i] == 2 and not s.selected[i]:
                j, k = neighbour(s, i, cid, not g.held_to_standards)
                if j is not None:
                    names = [kk.title.vi for kk in m.keys] + ["mã ứng viên"]
                    decided_by, nb = names[k], str(c[role["key"]][j])
                    own, other = py(s.keys[k][i]), py(s.keys[k][j])
            out.append(DelegateDecision(
                candidate_id=str(c[role["key"]][i]),
                name=(str(c[role["name"]][i]) or None) if "name" in role else None,
                kind=str(c["kind"][i]) if "kind" in c else None, group=g.id, group_title=g.title,
                conference=cid, row=int(self.rows[i]), outcome=outcome_name(s.status[i]),
                held_to_standards=g.held_to_standards, checks=checks,
                missing_evidence=missing if s.status[i] == U else [],
                merit={k.expr.text(): py(s.keys[n][i]) for n, k in enumerate(m.keys)},
                rank=int(s.rank[i]) or None, selected=bool(s.selected[i]),
                seat=s.seat[i] or None, reason=reason(s, i, g.id, cid, m),
                decided_by=decided_by, neighbour=nb, own_value=own, neighbour_value=other,
                forwarded=bool(s.forwarded[i])))
        return out

    def summaries(self) -> list[ConferenceSummary]:
        m, s = self.model, self.sel
        role = {f.role: name for name, f in m.inputs.items() if f.role}
        conf = self.cols[role["conference"]]
        group = self.cols[role["group"]]
        lv = m.level(self.level)
        nxt = m.level(lv.next_level) if lv.next_level else None
        out = []
        for cid in sorted(set(conf.tolist())):
            mask = conf == cid
            out.append(ConferenceSummary(
                conference=cid, level=self.level, cap=s.cap, cap_cite=lv.cap_cite,
                candidates=int(mask.sum()), eligible=int((mask & (s.status == 2)).sum()),
                selected=int((mask & s.selected).sum()),
                by_group={g.id: int((mask & s.selected & (group == g.id)).sum())
                          for g in m.groups},
                seats={g: {"min": lo, "max": hi} for g, (lo, hi) in s.seats[cid].items()},
                forwarded=int((mask & s.forwarded).sum()),
                next_level=nxt.id if nxt else None,
                next_cap=int(float(self.params[nxt.cap].value)) if nxt else None))
        return out

    def report(self) -> DelegateReport:
        return DelegateReport(
            ruleset_id=self.model.meta.id, ruleset_version=self.model.meta.version,
            ruleset_hash=self.hash, level=self.level, source=self.source,
            rows_in=self.valid.rows_in, rows_judged=len(self.rows),
            rows_other_levels=self.other_levels, rejected_count=len(self.valid.rejected),
            conferences=self.summaries(), decisions=self.decisions(),
            parameters=[ParameterUse(name=p.name, value=py(p.value) if not isinstance(
                p.value, dt.date) else p.value, effective_from=p.effective_from, basis=p.basis)
                for p in sorted(self.params.values(), key=lambda p: p.name)],
            rejected=self.valid.rejected, warnings=self.valid.notices)

    def to_json(self) -> str:
        return json.dumps(self.report().model_dump(mode="json"), ensure_ascii=False, indent=1,
                          sort_keys=True)
