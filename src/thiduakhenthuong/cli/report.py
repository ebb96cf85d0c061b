"""``tdkt report``: the HTML report of a scoring, title or delegate run (kind read from RULES)."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.markup import escape

from ..render.html import render_html
from ..rulebook.ruleset import load
from ..render.numbers import num
from ..render.phrases import cli
from .common import Exit, console, data_options, quiet_option, source, timed, user_errors
from .main import short
from .ui import DATE, command, lang_option, option


@command(short_help=short("report"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@option("-o", "--output", required=True, metavar="FILE",
        help="the HTML file to write ('-' for standard output)")
@lang_option(help="language shown first; the page can switch to the other")
@option("--year", type=int, help="titles: the year judged (picks the legal regime)")
@option("--decision-date", type=DATE, help="titles: date of the award decision (31/01/2025)")
@option("--level", help="delegates: conference level, an id the rule set declares")
@option("--as-of", type=DATE, help="scoring: judge with parameters in force on this date")
@data_options
@quiet_option()
def report(rules_path: str, data: str, output: str, lang: str, year: int | None,
           decision_date: object, level: str | None, as_of: object, sheet: str | None,
           map_path: str | None, quiet: bool) -> None:
    """Write one self-contained HTML report of DATA judged by RULES: the ranking or decisions,
    charts, an explanation with citations for every unit or person, the parameters used and
    the rejected rows. It works offline and prints on A4.

    The kind of job follows RULES: a scoring rule set; a title rule set or a directory of them
    by legal regime (needs --year); a conference rule set (needs --level)."""
    err = console(stderr=True)
    with user_errors(lang):
        rules = load(rules_path)
        src = source(data, sheet, map_path, None)
    with timed(err, lang=lang, quiet=quiet):
        res = rules.evaluate(src, year=year, decision_date=decision_date, level=level,
                             as_of=as_of)
    html = render_html(res, lang)
    if output == "-":
        sys.stdout.write(html)
    else:
        p = Path(output)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(html, encoding="utf-8")
        except OSError as e:
            raise Exit(cli("cannot_write", lang, path=output, text=e)) from None
        err.print(escape(cli("report_written", lang, path=p, size=num(len(html.encode("utf-8")),
                                                                    lang),
                             kind=cli(f"report_kind_{res.kind}", lang))))
    if res.rejected:
        err.print(cli("rejected_in_report", lang, n=len(res.rejected)))
    sys.exit(1 if res.rejected else 0)
