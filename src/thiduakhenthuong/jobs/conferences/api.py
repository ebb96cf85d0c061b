"""Public entry points for advanced-model conferences: delegate selection and plan checks."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np

from ...core import progress
from ...core.dates import as_date
from ...core.job import check_engine
from ...core.params import ResolvedParameter, resolve
from ...errors import RuleError, UsageError
from ...rulebook.base import Table
from ...rulebook.ruleset import LoadedRules, load
from ...tables.attested import expand_attested
from ...tables.read import read_named_table
from ...tables.spec import TableSpec
from ...tables.validate import validate
from .engine import select
from .model import DelegateRuleSet
from .plans import check_plan_rows, check_report_rows
from .result import DelegateResult
from .trace import PlanReport


class ConferenceRules(LoadedRules):
    """A loaded conference rule set: who may be a delegate at each level, and what a
    conference plan must look like."""

    def default_day(self) -> dt.date:
        """The day parameters are read on when none is given: the latest value's start."""
        return max(v.from_ for p in self.model.parameters.values() for v in p.values)

    def params(self, as_of: dt.date | None = None) -> dict[str, ResolvedParameter]:
        """The parameters in force on ``as_of`` (default: :meth:`default_day`)."""
        return resolve(self.model, as_of or self.default_day(), str(self.path))


def load_conference_rules(path: str | Path) -> ConferenceRules:
    """A conference (delegate) rule set from a directory, a YAML file or a bundled name.

    >>> load_conference_rules("thai-nguyen-2019").id
    'thai-nguyen-2019'
    """
    rules = load(path)
    if not isinstance(rules, ConferenceRules):
        raise RuleError(f"this is a {rules.kind} rule set, not a conference one",
                        file=str(path), suggestion="meta.kind must be 'delegates'")
    return rules


def load_delegate_rules(path: str | Path) -> tuple[DelegateRuleSet, str]:
    """A conference rule set's model and version hash (see :func:`load_conference_rules`).

    >>> load_delegate_rules("rules/thai-nguyen-2019")[0].meta.id
    'thai-nguyen-2019'
    """
    rules = load_conference_rules(path)
    return rules.model, rules.hash


def _validated(data: Any, fields: dict, table: Table, key: str, required: bool, checks=()):
    """The named table read and validated, or None when it is optional and absent."""
    raw = read_named_table(data, key, table.sheet, table.file, expand_attested(fields), required)
    if raw is None:
        return None
    valid = validate(raw, TableSpec(inputs=expand_attested(fields), checks=list(checks),
                                          units=None))
    return raw, valid


def evaluate_delegates(rules: str | Path | ConferenceRules, data: Any, level: str,
                       as_of: dt.date | str | None = None,
                       engine: str = "columns") -> DelegateResult:
    """Decide who may be a delegate to the ``level`` conferences in ``data`` (a workbook, a
    directory of CSV files, or ``{"candidates": ...}``) and select them within the caps.
    ``engine``: 'columns' (batch) or 'rete' (standards matched on the durable-rules network)."""
    cr = rules if isinstance(rules, ConferenceRules) else load_conference_rules(rules)
    model, h = cr.model, cr.hash
    if level not in [x.id for x in model.levels]:
        raise UsageError(f"unknown level '{level}'",
                         suggestion="levels: " + ", ".join(x.id for x in model.levels))
    check_engine(engine)
    params = cr.params(as_date(as_of) if as_of is not None else None)
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
        # The network is imported only when asked for: durable-rules is optional.
        from ...stream.tri import tri_on_network

        def on_network(items, envs, n, _h=h):
            return tri_on_network("standards", _h, items, envs, {}, n)
        decide = on_network
    with progress.phase("evaluating", total=int(keep.sum())):
        sel = select(model, params, cols, known, level, decide=decide)
    return DelegateResult(cr, params, level, raw.source, raw, valid, cols,
                          valid.rows[keep], sel, int((~keep).sum()), known)


def check_plans(rules: str | Path | ConferenceRules, data: Any,
                report_level: str = "huyen") -> PlanReport:
    """Check every chapter's conference plan (and report dates, where the data has them).

    >>> rep = check_plans("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019")
    >>> rep.checked > 0
    True
    """
    cr = rules if isinstance(rules, ConferenceRules) else load_conference_rules(rules)
    model, params = cr.model, cr.params()
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


def run(options: Any, rules: Any, data: Any, scores: Any = None) -> DelegateResult:
    """Select delegates as ``options`` say (the job's entry for the generic parts)."""
    return evaluate_delegates(rules, data, options.level, as_of=options.as_of)
