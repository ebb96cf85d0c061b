"""``tdkt delegates`` and ``tdkt plan-check``: advanced-model conferences."""
from __future__ import annotations

import sys

import click

from ..jobs.conferences.api import check_plans, evaluate_delegates, load_conference_rules
from ..jobs.conferences.options import DelegatesJob
from ..jobs.conferences.terminal import decision_tables, findings_table
from ..jobs.conferences.workbook import write_delegates, write_plan_report
from .audit import write_cli_bundle
from .common import (LANG, console, print_notices, print_rejected, timed, user_errors,
                     write_outputs)
from .main import short


@click.command(short_help=short("delegates"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("--level", required=True,
              help="conference level: an id the rule set declares (tdkt check RULES lists them)")
@click.option("-o", "--output", multiple=True, help="write decisions: .json, .csv or .xlsx")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
def delegates(rules_path: str, data: str, level: str, output: tuple[str, ...], lang: str,
              bundle_path: str | None) -> None:
    """Select delegates for the LEVEL conferences in DATA: prints those selected and those left
    out, each with the reason."""
    out, err = console(), console(stderr=True)
    with timed(err, f"selecting delegates in {data} ...") as elapsed:
        res = evaluate_delegates(rules_path, data, level)
    for part in decision_tables(res, lang):
        out.print(part)
    print_notices(res.notices, lang, out)
    print_rejected(res.rejected, lang, out)
    write_outputs(output, lambda path: write_delegates(res, path, lang), err)
    if bundle_path:
        write_cli_bundle(bundle_path, DelegatesJob(level=level), res, rules_path, data, err,
                         elapsed[0])
    sys.exit(1 if res.rejected else 0)


@click.command("plan-check", short_help=short("plan-check"))
@click.argument("rules_path", metavar="RULES")
@click.argument("plans")
@click.option("--level", default=None,
              help="the level whose report dates are checked (default: the one level the rule "
                   "set gives a report deadline)")
@click.option("-o", "--output", multiple=True, help="write findings: .json, .csv or .xlsx")
@click.option("--lang", type=LANG, default="vi", show_default=True)
def plan_check(rules_path: str, plans: str, level: str | None, output: tuple[str, ...],
               lang: str) -> None:
    """Check chapters' conference plans (and report dates of the LEVEL chapters, if PLANS has
    them) against RULES. Exit 0 when no errors are found, 1 when there are errors or rejected
    rows."""
    out, err = console(), console(stderr=True)
    with user_errors():
        rules = load_conference_rules(rules_path)
        rep = check_plans(rules, plans, level)
    for part in findings_table(rep, lang):
        out.print(part)
    print_rejected(rep.rejected, lang, out)
    params = rules.params()
    write_outputs(output, lambda path: write_plan_report(rep, rules.model, params, path, lang),
                  err)
    errors = any(f.severity == "error" for f in rep.findings)
    sys.exit(1 if errors or rep.rejected else 0)
