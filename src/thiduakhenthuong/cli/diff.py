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
from ..render.phrases import cli
from .common import (Exit, console, print_rejected, quiet_option, timed, width_option,
                     write_outputs)
from .main import short
from .ui import DATE, command, lang_option, option


@command("diff", short_help=short("diff"))
@click.argument("old_rules")
@click.argument("new_rules")
@click.argument("data")
@option("--year", type=int, help="titles: the year judged (a directory of regimes picks "
                                       "the regime covering it; a named regime is applied to it "
                                       "even outside its declared years, and the output says so)")
@option("--level", help="conferences: the level, an id the rule set declares")
@option("--as-of", type=DATE, help="scoring: judge both with parameters in force on this date "
                                    "(31/12/2023 or 2023-12-31)")
@option("--decision-date", type=DATE, help="titles: date of the award decision (31/01/2025 "
                                            "or 2025-01-31)")
@option("-o", "--output", multiple=True, help="write the diff: .xlsx, .csv or .json "
                                               "(may be given several times)")
@lang_option()
@option("--details/--no-details", default=True, show_default=True,
        help="print each change as a tree with the values read, parameters and rules")
@option("--limit", type=click.IntRange(min=0), help="print only the first N changes")
@option("--show-expressions", is_flag=True,
        help="show under each line the codes and expressions it comes from")
@quiet_option()
@width_option()
def diff(old_rules: str, new_rules: str, data: str, year: int | None, level: str | None,
         as_of: object, decision_date: object, output: tuple[str, ...], lang: str,
         details: bool, limit: int | None, quiet: bool, width: int | None,
         show_expressions: bool) -> None:
    """Judge DATA under OLD_RULES and NEW_RULES (two rule sets of one kind: scoring, titles or
    conferences) and list each unit or person whose decision, class or rank changes, with the
    criteria that changed and why."""
    out, err = console(width=width), console(stderr=True)
    for path in output:
        # Refused before the (longer) comparison runs, not after it.
        if Path(path).suffix.lower() not in (".xlsx", ".csv", ".json"):
            raise Exit(cli("usage_error", lang, text=f"unknown output type "
                           f"'{Path(path).suffix}' (use .xlsx, .csv or .json)"))
    with timed(err, lang=lang, quiet=quiet):
        d = diff_rule_sets(old_rules, new_rules, data, year=year, level=level, as_of=as_of,
                           decision_date=decision_date)
    for part in render(d, lang, details, limit, show_expressions):
        out.print(part)
    for side, rejected in (("old", d.rejected_old), ("new", d.rejected_new)):
        if rejected:
            out.print(f"[bold]{side_notice_prefix(side, lang)}[/bold]")
            print_rejected(rejected, lang, out)
    write_outputs(output, lambda path: write_diff(d, path, lang), err, lang, quiet)
    sys.exit(1 if d.rejected_old or d.rejected_new else 0)
