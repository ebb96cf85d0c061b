"""``tdkt score`` and ``tdkt explain``: year-end scoring of units."""
from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from ..errors import NotJudgedError
from ..jobs.scoring.api import Rules, load_rules
from ..jobs.scoring.options import ScoreJob
from ..jobs.scoring.result import ScoreResult
from ..jobs.scoring.terminal import explain_tree, ranking_table
from ..jobs.scoring.workbook import write_result
from ..render.phrases import cli, t
from ..tables.validate import resolve_unit
from .audit import write_cli_bundle
from .common import (Exit, console, data_options, exit_code, fit_table, limit_option,
                     overrides, print_notices, print_rejected, quiet_option, source, timed,
                     user_errors, width_option, write_outputs)
from .main import short
from .ui import DATE, command, lang_option, option


def score_with(rules_path: str, data: Any, as_of: Any, err: Console, lang: str = "vi",
               quiet: bool = False) -> tuple[Rules, ScoreResult, float]:
    """Load the rules and score ``data``, showing progress; errors end the command."""
    with user_errors(lang):
        rules = load_rules(rules_path)
    with timed(err, lang=lang, quiet=quiet) as elapsed:
        res = rules.score(data, as_of=as_of)
    return rules, res, elapsed[0]


def _counts(res: ScoreResult, lang: str, out: Console, err: Console) -> None:
    print_notices(res.notices, lang, err)
    print_rejected(res.rejected, lang, out)
    err.print(counts_line(res, lang))


def counts_line(res: ScoreResult, lang: str) -> str:
    """Where every input row went: scored, history, other years, rejected."""
    if res.history_rows or res.ignored_rows:
        return t("counts_history", lang, rows_in=res.rows_in, scored=res.scored,
                 history=res.history_rows, ignored=res.ignored_rows, rejected=len(res.rejected))
    if res.rows_scored != res.scored:
        return t("counts_scorers", lang, rows_in=res.rows_in, rows=res.rows_scored,
                 scored=res.scored, rejected=len(res.rejected))
    return t("counts", lang, rows_in=res.rows_in, scored=res.scored, rejected=len(res.rejected))


def _data(f):
    f = click.argument("data")(f)
    return click.argument("rules_path", metavar="RULES")(f)


@command(short_help=short("score"))
@_data
@option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                               "(may be given several times)")
@lang_option()
@option("--as-of", type=DATE, help="judge with parameters in force on this date (31/12/2023 "
                                    "or 2023-12-31)")
@limit_option()
@option("--bundle", "bundle_path", metavar="PATH",
        help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@option("--overrides", "overrides_path", metavar="FILE",
        help="council decisions changing classes (CSV/XLSX), shown beside the rules'")
@data_options
@quiet_option()
@width_option()
def score(rules_path: str, data: str, output: tuple[str, ...], lang: str, as_of: Any,
          limit: int | None, bundle_path: str | None, overrides_path: str | None,
          sheet: str | None, map_path: str | None, quiet: bool, width: int | None) -> None:
    """Score DATA (CSV, XLSX, XLS or ODS) with RULES and print the ranked table.

    RULES is a rule set's directory or the name of a bundled one (see tdkt rules). The table
    is found where it is in the sheet (motto and title rows, totals and signatures left out)."""
    out, err = console(width=width), console(stderr=True)
    with user_errors(lang):
        fields = load_rules(rules_path).model.inputs if map_path else None
        src = source(data, sheet, map_path, fields)
    rules, res, elapsed = score_with(rules_path, src, as_of, err, lang, quiet)
    out.print(fit_table(ranking_table(res, lang, limit), out, lang))
    records = overrides(res, overrides_path, lang, out)
    write_outputs(output, lambda path: write_result(res, path, lang), err, lang, quiet)
    if bundle_path:
        write_cli_bundle(bundle_path, ScoreJob(as_of=as_of, overrides=records), res,
                         rules_path, data, err, elapsed, lang=lang)
    _counts(res, lang, out, err)
    err.print(escape(cli("scored_summary", lang, n=res.scored, s=f"{elapsed:.3f}",
                         rules=rules.id, version=rules.version, hash=rules.hash)))
    sys.exit(exit_code(res))


@command(short_help=short("explain"))
@_data
@click.argument("unit")
@lang_option()
@option("--as-of", type=DATE, help="judge with parameters in force on this date (31/12/2023 "
                                    "or 2023-12-31)")
@option("--show-expressions", is_flag=True,
        help="show under each line the codes and expressions it comes from")
@data_options
@quiet_option()
@width_option()
def explain(rules_path: str, data: str, unit: str, lang: str, as_of: Any, sheet: str | None,
            map_path: str | None, quiet: bool, width: int | None,
            show_expressions: bool) -> None:
    """Explain one UNIT's score, class, rank and awards as a tree (UNIT: its code, registered
    name or alias)."""
    out, err = console(width=width), console(stderr=True)
    with user_errors(lang):
        fields = load_rules(rules_path).model.inputs if map_path else None
        src = source(data, sheet, map_path, fields)
    _, res, _ = score_with(rules_path, src, as_of, err, lang, quiet)
    try:
        u = res.unit(_unit_id(res, unit))
    except NotJudgedError as e:
        if e.row is not None:
            _counts(res, lang, out, err)
        raise Exit(cli("error", lang, text=e.text(lang))) from None
    out.print(explain_tree(res, u, lang, show_expressions))


def _unit_id(res: ScoreResult, given: str) -> str:
    """The id of a unit given by id, registered name or alias (as the reader matches them)."""
    units = res.model.units or []
    if any(u.id == given for u in units) or not units:
        return given
    from_names = resolve_unit(given, units)
    return from_names or given
