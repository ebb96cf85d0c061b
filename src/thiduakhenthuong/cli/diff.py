"""``tdkt diff OLD_RULES NEW_RULES DATA``: what a change of rules changes.

Exit codes as the other commands: 0 compared, 1 compared but some rows were rejected under
either rule set (they are listed), 2 rule, file or usage error.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diff.compare import diff_rule_sets
from ..diff.render import render
from ..diff.text import side_notice_prefix
from ..diff.write import write_diff
from .common import LANG, Exit, console, print_rejected, user_errors, write_outputs
from .main import short


@click.command("diff", short_help=short("diff"))
@click.argument("old_rules")
@click.argument("new_rules")
@click.argument("data")
@click.option("--year", type=int, help="titles: the year judged (a directory of regimes picks "
                                       "the regime covering it; a named regime is applied to it "
                                       "even outside its declared years, and the output says so)")
@click.option("--level", help="conferences: the level, an id the rule set declares")
@click.option("--as-of", help="scoring: judge both with parameters in force on this date "
                              "(YYYY-MM-DD)")
@click.option("--decision-date", help="titles: date of the award decision (YYYY-MM-DD)")
@click.option("-o", "--output", multiple=True, help="write the diff: .xlsx, .csv or .json "
                                                     "(may be given several times)")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--details/--no-details", default=True, show_default=True,
              help="print each change as a tree with the values read, parameters and rules")
@click.option("--limit", type=int, help="print only the first N changes")
def diff(old_rules: str, new_rules: str, data: str, year: int | None, level: str | None,
         as_of: str | None, decision_date: str | None, output: tuple[str, ...], lang: str,
         details: bool, limit: int | None) -> None:
    """Judge DATA under OLD_RULES and NEW_RULES (two rule sets of one kind: scoring, titles or
    conferences) and list each unit or person whose decision, class or rank changes, with the
    criteria that changed and why."""
    out, err = console(), console(stderr=True)
    for path in output:
        # Refused before the (longer) comparison runs, not after it.
        if Path(path).suffix.lower() not in (".xlsx", ".csv", ".json"):
            raise Exit(f"unknown output type '{Path(path).suffix}' (use .xlsx, .csv or .json)")
    with user_errors(), err.status(f"comparing {old_rules} and {new_rules} on {data} ..."):
        d = diff_rule_sets(old_rules, new_rules, data, year=year, level=level, as_of=as_of,
                           decision_date=decision_date)
    for part in render(d, lang, details, limit):
        out.print(part)
    for side, rejected in (("old", d.rejected_old), ("new", d.rejected_new)):
        if rejected:
            out.print(f"[bold]{side_notice_prefix(side, lang)}[/bold]")
            print_rejected(rejected, lang, out)
    write_outputs(output, lambda path: write_diff(d, path, lang), err)
    sys.exit(1 if d.rejected_old or d.rejected_new else 0)
