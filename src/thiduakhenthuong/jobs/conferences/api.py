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
from ...core.trace import Notice
from ...errors import RuleError, UsageError
from ...rulebook.base import Table
from ...rulebook.ruleset import LoadedRules, load
from ...tables.attested import expand_attested
from ...tables.read import read_named_table
from ...tables.spec import TableSpec
from ...tables.validate import validate
from .awards import count_awards, replace_counts
from .engine import select
from .forwarding import forwarding_checks, higher_conferences
from .held import conference_days, conference_names, late_attestations
from .model import DelegateRuleSet, Level
from .plans import check_plan_rows, check_report_rows
from .result import DelegateResult
from .trace import HeldOn, PlanReport


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
    model.level(level)
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
    conf = np.asarray(cols[role["conference"]], dtype=object)
    conferences = sorted(set(conf.tolist()))
    notices: list[Notice] = []
    days: dict[str, HeldOn] = {}
    sources: list[str] = []
    late = {a: np.zeros(len(conf), dtype=bool) for a in attested}
    names: dict[str, str] = {}
    if model.meta.cutoff is not None:
        plans = _validated(data, model.plan_inputs, model.meta.plans, "plans", False)
        if plans is not None:
            sources.append(plans[0].source)
        names = conference_names(model, plans)
        days, found = conference_days(model, params, level, conferences, plans)
        notices += found
        day_of = np.array([np.datetime64(days[c].day, "D") for c in conf.tolist()],
                          dtype="datetime64[D]")
        late = late_attestations(cols, attested, known, day_of)
        # An attestation dated after the conference was not evidence at it.
        known = {a: known[a] & ~late[a] for a in attested}
    awards = None
    if model.meta.awards is not None:
        table = _validated(data, model.award_inputs, model.meta.awards.table, "awards", False)
        if table is not None:
            sources.append(table[0].source)
            known_ids = {str(x) for x in valid.columns[role["key"]].tolist()} | \
                {r.unit_id for r in valid.rejected if r.unit_id}
            awards = count_awards(model, params, table, cols[role["key"]], conf, known_ids, days,
                                  names)
            titles = {n: model.inputs[n].title for n in model.meta.awards.counts}
            notices += replace_counts(cols, awards, role["key"], titles)
    higher, found = higher_conferences(model, cols, role["conference"], names)
    notices += found
    decide = None
    if engine == "rete":
        # The network is imported only when asked for: durable-rules is optional.
        from ...stream.tri import tri_on_network

        def on_network(items, envs, n, _h=h):
            return tri_on_network("standards", _h, items, envs, {}, n)
        decide = on_network
    with progress.phase("evaluating", total=int(keep.sum())):
        sel = select(model, params, cols, known, level, decide=decide)
    checks = forwarding_checks(model, params, level, conf, sel.forwarded, higher, names)
    return DelegateResult(cr, params, level, raw.source, raw, valid, cols,
                          valid.rows[keep], sel, int((~keep).sum()), known,
                          held=days, late=late, higher=higher, forwarding=checks,
                          notices=notices, awards=awards, sources=sources,
                          conference_names=names)


def reporting_level(model: DelegateRuleSet, level: str | None = None,
                    report_level: str | None = None) -> Level:
    """The level whose reports are checked: ``level`` (or its older name ``report_level``), else
    the one level the rule set declares a report deadline for.

    >>> from thiduakhenthuong.jobs.conferences.api import load_delegate_rules
    >>> reporting_level(load_delegate_rules("thai-nguyen-2019")[0]).title.en
    'District, city, town'
    """
    if level is not None and report_level is not None and level != report_level:
        raise UsageError(f"two levels given: level='{level}', report_level='{report_level}'",
                         suggestion="report_level is the older name of level: give one")
    chosen = level if level is not None else report_level
    reporting = model.reporting_levels()
    if chosen is None:
        if len(reporting) == 1:
            return reporting[0]
        why = ("no level declares a report deadline (reports_by)" if not reporting else
               "several levels declare a report deadline: " + model.level_names(reporting))
        raise UsageError(f"which level's reports should be checked? {why}",
                         suggestion="give --level (level=...), one of: " + model.level_names())
    lv = model.level(chosen)
    if lv.reports_by is None:
        raise UsageError(f"level '{lv.id}' ({lv.title.vi} / {lv.title.en}) declares no report "
                         "deadline (reports_by)",
                         suggestion=("levels with one: " + model.level_names(reporting))
                         if reporting else "no level of this rule set declares one")
    return lv


def check_plans(rules: str | Path | ConferenceRules, data: Any, level: str | None = None, *,
                report_level: str | None = None) -> PlanReport:
    """Check every chapter's conference plan, and the report dates of the chapters of ``level``
    where the data has them. ``level`` defaults to the one level the rule set declares a report
    deadline for (``reports_by``); ``report_level`` is its older name.

    >>> rep = check_plans("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019")
    >>> rep.checked > 0, rep.report_level_title.en
    (True, 'District, city, town')
    """
    cr = rules if isinstance(rules, ConferenceRules) else load_conference_rules(rules)
    model, params = cr.model, cr.params()
    raw, valid = _validated(data, model.plan_inputs, model.meta.plans, "plans", True)
    rep = _validated(data, model.report_inputs, model.meta.reports, "reports", False)
    # A level is needed only to judge reports; a named level must exist all the same.
    lv = None
    if rep is not None:
        lv = reporting_level(model, level, report_level)
    elif level is not None or report_level is not None:
        lv = model.level(level if level is not None else report_level)
    findings = check_plan_rows(model, params, valid.columns, valid.rows)
    rejected, notices = list(valid.rejected), list(valid.notices)
    reports_checked, deadline = 0, None
    if rep is not None:
        rraw, rvalid = rep
        findings += check_report_rows(model, params, rvalid.columns, rvalid.rows, lv.id)
        rejected += [r.model_copy(update={"table": "reports"}) for r in rvalid.rejected]
        reports_checked = len(rvalid.rows)
        deadline = params[lv.reports_by].value
    key = next(n for n, f in model.plan_inputs.items() if f.role == "key")
    flagged = {f.chapter_id for f in findings}
    compliant = sorted(str(x) for x in valid.columns[key] if str(x) not in flagged)
    return PlanReport(ruleset_id=model.meta.id, source=raw.source, rows_in=valid.rows_in,
                      checked=len(valid.rows), rejected_count=len(rejected),
                      findings=sorted(findings, key=lambda f: (f.row, f.code)),
                      compliant=compliant, reports_checked=reports_checked,
                      report_level=lv.id if lv else None,
                      report_level_title=lv.title if lv else None,
                      report_deadline=deadline, rejected=rejected, warnings=notices)


def run(options: Any, rules: Any, data: Any, scores: Any = None) -> DelegateResult:
    """Select delegates as ``options`` say (the job's entry for the generic parts)."""
    return evaluate_delegates(rules, data, options.level, as_of=options.as_of)
