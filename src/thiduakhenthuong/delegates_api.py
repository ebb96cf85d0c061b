"""Public entry points for advanced-model conferences: delegate selection and plan checks."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from .engine.delegate_results import (ConferenceSummary, DelegateDecision, DelegateReport,
                                      PlanReport)
from .engine.delegates import neighbour, outcome_name, reason, select
from .engine.inputs import validate
from .engine.params import ResolvedParameter
from .engine.results import ParameterUse
from .engine.plans import check_plan_rows, check_report_rows
from .engine.title_results import CheckTrace
from .engine.titled import py
from .engine.titles import U
from .errors import RuleError
from .io.read import read_named_table
from .model.delegates import DelegateRuleSet
from .model.load import read_rule_set, version_hash
from .model.rules import Localized
from .model.titles import Table, expand_attested


def load_delegate_rules(path: str | Path) -> tuple[DelegateRuleSet, str]:
    """A conference (delegate) rule set and its version hash.

    >>> load_delegate_rules("rules/thai-nguyen-2019")[0].meta.id
    'thai-nguyen-2019'
    """
    model, src = read_rule_set(Path(path))
    if not isinstance(model, DelegateRuleSet):
        raise RuleError("not a conference rule set (meta.kind must be 'delegates')",
                        file=str(path))
    return model, version_hash(src)


def _params(model: DelegateRuleSet, as_of: dt.date | None) -> dict[str, ResolvedParameter]:
    day = as_of or max(v.from_ for p in model.parameters.values() for v in p.values)
    out = {}
    for name, p in model.parameters.items():
        dv = p.as_of(day)
        out[name] = ResolvedParameter(name, dv.value, dv.from_, p.basis, None)
    return out


def _validated(data: Any, fields: dict, table: Table, key: str, required: bool, checks=()):
    """The named table read and validated, or None when it is optional and absent."""
    raw = read_named_table(data, key, table.sheet, table.file, expand_attested(fields), required)
    if raw is None:
        return None
    valid = validate(raw, SimpleNamespace(inputs=expand_attested(fields), checks=list(checks),
                                          units=None))
    return raw, valid


class DelegateResult:
    """Delegate decisions for one level: every candidate eligible or not, selected or left out,
    with the reason.

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


def evaluate_delegates(rules: str | Path, data: Any, level: str,
                       as_of: dt.date | None = None, engine: str = "columns") -> DelegateResult:
    """Decide who may be a delegate to the ``level`` conferences in ``data`` (a workbook, a
    directory of CSV files, or ``{"candidates": ...}``) and select them within the caps.
    ``engine``: 'columns' (batch) or 'rete' (standards matched on the durable-rules network)."""
    model, h = load_delegate_rules(rules)
    if level not in [x.id for x in model.levels]:
        raise ValueError(f"unknown level '{level}'; levels: "
                         + ", ".join(x.id for x in model.levels))
    params = _params(model, as_of)
    raw, valid = _validated(data, model.inputs, model.meta.candidates, "candidates", True,
                            model.checks)
    role = {f.role: name for name, f in model.inputs.items() if f.role}
    keep = valid.columns[role["level"]] == level
    cols = {k: v[keep] for k, v in valid.columns.items()}
    attested = [n for n, f in model.inputs.items() if f.type == "attested"]
    known = {a: ~valid.blanks[a][keep] & (cols[f"{a}_by"] != "") & ~np.isnat(cols[f"{a}_on"])
             for a in attested}
    decide = None
    if engine == "rete":
        from .stream.tri import tri_on_network

        def on_network(items, envs, n, _h=h):
            return tri_on_network("standards", _h, items, envs, {}, n)
        decide = on_network
    elif engine != "columns":
        raise ValueError(f"unknown engine '{engine}' (columns or rete)")
    sel = select(model, params, cols, known, level, decide=decide)
    return DelegateResult(model, h, params, level, raw.source, raw, valid, cols,
                          valid.rows[keep], sel, int((~keep).sum()), known)


def check_plans(rules: str | Path, data: Any, report_level: str = "huyen") -> PlanReport:
    """Check every chapter's conference plan (and report dates, where the data has them).

    >>> rep = check_plans("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019")
    >>> rep.checked > 0
    True
    """
    model, _ = load_delegate_rules(rules)
    params = _params(model, None)
    raw, valid = _validated(data, model.plan_inputs, model.meta.plans, "plans", True)
    findings = check_plan_rows(model, params, valid.columns, valid.rows)
    rejected, notices = list(valid.rejected), list(valid.notices)
    reports_checked, deadline = 0, None
    rep = _validated(data, model.report_inputs, model.meta.reports, "reports", False)
    if rep is not None:
        rraw, rvalid = rep
        findings += check_report_rows(model, params, rvalid.columns, rvalid.rows, report_level)
        rejected += [r.model_copy(update={"table": "reports"}) for r in rvalid.rejected]
        reports_checked = len(rvalid.rows)
        lv = model.level(report_level)
        deadline = params[lv.reports_by].value if lv.reports_by else None
    key = next(n for n, f in model.plan_inputs.items() if f.role == "key")
    flagged = {f.chapter_id for f in findings}
    compliant = sorted(str(x) for x in valid.columns[key] if str(x) not in flagged)
    return PlanReport(ruleset_id=model.meta.id, source=raw.source, rows_in=valid.rows_in,
                      checked=len(valid.rows), rejected_count=len(rejected),
                      findings=sorted(findings, key=lambda f: (f.row, f.code)),
                      compliant=compliant, reports_checked=reports_checked,
                      report_deadline=deadline, rejected=rejected, warnings=notices)


__all__ = ["evaluate_delegates", "check_plans", "load_delegate_rules", "DelegateResult",
           "Localized"]
