"""``tdkt template RULES``: a blank input workbook to send to the units, and ``tdkt map RULES
DATA``: a starting column map for a workbook whose headers differ from the rule set's."""
from __future__ import annotations

import click
from rich.markup import escape

from ..core import job as jobs
from ..render.template import write_template
from ..rulebook.ruleset import Regimes, load
from ..tables.colmap import guess_map, write_map
from .common import Exit, console, user_errors
from .main import short
from .ui import command, lang_option, option


def _one(rules_path: str, year: int | None):
    loaded = load(rules_path)
    if isinstance(loaded, Regimes):
        if year is not None:
            return loaded.for_year(year)
        return max(loaded, key=lambda m: m.regime.from_year if m.regime else 0)
    return loaded


@command(short_help=short("template"))
@click.argument("rules_path", metavar="RULES")
@option("-o", "--output", metavar="FILE", help="the workbook to write "
                                                      "(default: mau-<rule set>.xlsx)")
@option("--year", type=int, help="titles: the year to be judged (picks the legal regime; "
                                       "default: the latest)")
@lang_option()
def template(rules_path: str, output: str | None, year: int | None, lang: str) -> None:
    """Write a blank input workbook for RULES: an instructions sheet, then one sheet per table
    the job reads, units pre-filled, a note, number format and validation on every column."""
    err = console(stderr=True)
    with user_errors(lang):
        rules = _one(rules_path, year)
        job = jobs.get(rules.kind)
        if job.inputs is None:
            raise Exit(f"no template for rule sets of kind '{rules.kind}'")
        tables = job.inputs(rules.model)
    path = output or f"mau-{rules.id}.xlsx"
    try:
        p = write_template(path, tables, rules, lang)
    except OSError as e:
        raise Exit(f"cannot write {path}: {e}") from None
    err.print(escape(f"→ {p}"))


@command("map", short_help=short("map"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@option("-o", "--output", metavar="FILE", help="the column map to write (YAML; "
                                                      "default: standard output)")
@option("--sheet", help="the sheet to read (default: the one holding the table)")
@option("--year", type=int, help="titles: the year to be judged (picks the regime)")
@lang_option()
def map_columns(rules_path: str, data: str, output: str | None, sheet: str | None,
                year: int | None, lang: str) -> None:
    """Write a starting column map for DATA: each header of the file with the field of RULES it
    names, the best guesses marked for review; edit it, then pass it with --map."""
    out, err = console(), console(stderr=True)
    with user_errors(lang):
        rules = _one(rules_path, year)
        tables = jobs.get(rules.kind).inputs(rules.model)
        text = write_map(guess_map(data, tables[0].fields, sheet), rules.id, lang)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            raise Exit(f"cannot write {output}: {e}") from None
        err.print(escape(f"→ {output}"))
    else:
        out.out(text, end="", highlight=False)
