"""``tdkt delegates`` and ``tdkt plan-check``: advanced-model conferences."""
from __future__ import annotations

import sys
from typing import Any

import click
from rich.table import Table

from ..jobs.conferences.api import check_plans, evaluate_delegates, load_conference_rules
from ..jobs.conferences.options import DelegatesJob
from ..jobs.conferences.terminal import decision_tables, findings_table
from ..render.names import Names
from ..jobs.conferences.workbook import write_delegates, write_plan_report
from .audit import write_cli_bundle
from .common import (console, data_options, fit_table, limit_option, limit_table, print_notices,
                     print_rejected, quiet_option, source, timed, user_errors, width_option,
                     write_outputs)
from .main import short
from .ui import command, lang_option, option


def _fields(rules_path: str, map_path: str | None) -> dict | None:
    if not map_path:
        return None
    m = load_conference_rules(rules_path).model
    return {**m.inputs, **m.plan_inputs, **m.report_inputs}


def _shown(part: Any, limit: int | None, out: Any, lang: str) -> Any:
    if isinstance(part, Table):
        return fit_table(limit_table(part, limit, lang), out, lang)
    return part


@command(short_help=short("delegates"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@option("--level", required=True,
        help="conference level: an id the rule set declares (tdkt check RULES lists them)")
@option("-o", "--output", multiple=True, help="write decisions: .json, .csv or .xlsx")
@lang_option()
@option("--bundle", "bundle_path", metavar="PATH",
        help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@limit_option()
@data_options
@quiet_option()
@width_option()
def delegates(rules_path: str, data: str, level: str, output: tuple[str, ...], lang: str,
              bundle_path: str | None, limit: int | None, sheet: str | None,
              map_path: str | None, quiet: bool, width: int | None) -> None:
    """Select delegates for the LEVEL conferences in DATA: prints those selected and those left
    out, each with the reason."""
    out, err = console(width=width), console(stderr=True)
    with user_errors(lang):
        src = source(data, sheet, map_path, _fields(rules_path, map_path))
    with timed(err, lang=lang, quiet=quiet) as elapsed:
        res = evaluate_delegates(rules_path, src, level)
    for part in decision_tables(res, lang):
        out.print(_shown(part, limit, out, lang))
    print_notices(res.notices, lang, err)
    print_rejected(res.rejected, lang, out)
    write_outputs(output, lambda path: write_delegates(res, path, lang), err, lang, quiet)
    if bundle_path:
        write_cli_bundle(bundle_path, DelegatesJob(level=level), res, rules_path, data, err,
                         elapsed[0], lang=lang)
    sys.exit(1 if res.rejected else 0)


@command("plan-check", short_help=short("plan-check"))
@click.argument("rules_path", metavar="RULES")
@click.argument("plans")
@option("--level", default=None,
        help="the level whose report dates are checked (default: the one level the rule set "
             "gives a report deadline)")
@option("-o", "--output", multiple=True, help="write findings: .json, .csv or .xlsx")
@lang_option()
@limit_option()
@data_options
@quiet_option()
@width_option()
def plan_check(rules_path: str, plans: str, level: str | None, output: tuple[str, ...],
               lang: str,
               limit: int | None, sheet: str | None, map_path: str | None, quiet: bool,
               width: int | None) -> None:
    """Check chapters' conference plans (and report dates of the LEVEL chapters, if PLANS has
    them) against RULES. Exit 0 when no errors are found, 1 when there are errors or rejected
    rows."""
    out, err = console(width=width), console(stderr=True)
    with user_errors(lang):
        rules = load_conference_rules(rules_path)
        src = source(plans, sheet, map_path, _fields(rules_path, map_path))
    with timed(err, lang=lang, quiet=quiet):
        rep = check_plans(rules, src, level)
    for part in findings_table(rep, lang, Names(rules.model)):
        out.print(_shown(part, limit, out, lang))
    print_rejected(rep.rejected, lang, out)
    params = rules.params()
    write_outputs(output, lambda path: write_plan_report(rep, rules.model, params, path, lang),
                  err, lang, quiet)
    errors = any(f.severity == "error" for f in rep.findings)
    sys.exit(1 if errors or rep.rejected else 0)
