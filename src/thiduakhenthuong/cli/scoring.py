"""``tdkt score`` and ``tdkt explain``: year-end scoring of units."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from ..errors import NotJudgedError
from ..jobs.scoring.api import Rules, load_rules
from ..jobs.scoring.options import ScoreJob
from ..jobs.scoring.result import ScoreResult
from ..jobs.scoring.terminal import explain_tree, ranking_table
from ..jobs.scoring.workbook import write_result
from ..render.phrases import t
from .audit import write_cli_bundle
from .common import (LANG, Exit, console, exit_code, overrides, print_notices, print_rejected,
                     timed, user_errors, write_outputs)
from .main import short


def score_with(rules_path: str, data: str, as_of: str | None,
               err: Console) -> tuple[Rules, ScoreResult, float]:
    """Load the rules and score ``data``, showing progress; errors end the command."""
    with user_errors():
        rules = load_rules(rules_path)
    with timed(err, f"scoring {data} ...") as elapsed:
        res = rules.score(data, as_of=as_of)
    return rules, res, elapsed[0]


def _counts(res: ScoreResult, lang: str, out: Console) -> None:
    print_notices(res.notices, lang, out)
    print_rejected(res.rejected, lang, out)
    out.print(counts_line(res, lang))


def counts_line(res: ScoreResult, lang: str) -> str:
    """Where every input row went: scored, history, other years, rejected."""
    if res.history_rows or res.ignored_rows:
        return t("counts_history", lang, rows_in=res.rows_in, scored=res.scored,
                 history=res.history_rows, ignored=res.ignored_rows, rejected=len(res.rejected))
    if res.rows_scored != res.scored:
        return t("counts_scorers", lang, rows_in=res.rows_in, rows=res.rows_scored,
                 scored=res.scored, rejected=len(res.rejected))
    return t("counts", lang, rows_in=res.rows_in, scored=res.scored, rejected=len(res.rejected))


@click.command(short_help=short("score"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                                     "(may be given several times)")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--as-of", help="judge with parameters in force on this date (31/12/2023 or "
                              "2023-12-31)")
@click.option("--limit", type=int, help="print only the first N rows of the table")
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@click.option("--overrides", "overrides_path", metavar="FILE",
              help="council decisions changing classes (CSV/XLSX), shown beside the rules'")
def score(rules_path: str, data: str, output: tuple[str, ...], lang: str, as_of: str | None,
          limit: int | None, bundle_path: str | None, overrides_path: str | None) -> None:
    """Score DATA (CSV or XLSX) with RULES and print the ranked table.

    RULES is a rule set's directory or the name of a bundled one (see tdkt rules)."""
    out, err = console(), console(stderr=True)
    rules, res, elapsed = score_with(rules_path, data, as_of, err)
    out.print(ranking_table(res, lang, limit))
    records = overrides(res, overrides_path, lang, out)
    write_outputs(output, lambda path: write_result(res, path, lang), err)
    if bundle_path:
        write_cli_bundle(bundle_path, ScoreJob(as_of=as_of, overrides=records), res,
                         rules_path, data, err, elapsed)
    _counts(res, lang, out)
    err.print(f"{res.scored} units in {elapsed:.3f} s; rules {rules.id} {rules.version} "
              f"({rules.hash})")
    sys.exit(exit_code(res))


@click.command(short_help=short("explain"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.argument("unit")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--as-of", help="judge with parameters in force on this date (31/12/2023 or "
                              "2023-12-31)")
def explain(rules_path: str, data: str, unit: str, lang: str, as_of: str | None) -> None:
    """Explain one UNIT's score, class, rank and awards as a tree."""
    out, err = console(), console(stderr=True)
    _, res, _ = score_with(rules_path, data, as_of, err)
    try:
        u = res.unit(unit)
    except NotJudgedError as e:
        if e.row is not None:
            _counts(res, lang, out)
        raise Exit(str(e)) from None
    out.print(explain_tree(res, u, lang))
