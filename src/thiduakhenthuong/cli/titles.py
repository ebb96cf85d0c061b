"""``tdkt titles``: honour titles and commendations for a year."""
from __future__ import annotations

import sys

import click
from rich.markup import escape

from ..errors import NotJudgedError
from ..jobs.titles.api import evaluate_titles
from ..jobs.titles.options import TitlesJob
from ..jobs.titles.terminal import proposals_table, regime_lines, subject_tree, totals_lines
from ..jobs.titles.workbook import write_titles
from .audit import write_cli_bundle
from .common import (LANG, Exit, console, exit_code, overrides, print_notices, print_rejected,
                     timed, write_outputs)
from .main import short
from .scoring import score_with


@click.command(short_help=short("titles"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("--year", type=int, required=True, help="the year judged (picks the legal regime)")
@click.option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                                     "(may be given several times)")
@click.option("--lang", type=LANG, default="vi", show_default=True)
@click.option("--decision-date", help="date of the award decision (31/01/2025 or 2025-01-31); "
                                      "default: the rule set's usual day in the following year")
@click.option("--dossier-date", help="the day the dossier was received (31/12/2025 or "
                                     "2025-12-31); it may keep a case under an earlier regime")
@click.option("--regime", help="apply this regime's folder of RULES (e.g. regime-2022) instead "
                               "of the one the declared rule picks")
@click.option("--explain", "explain_ids", multiple=True, metavar="ID",
              help="print the explanation tree of this person or unit (may be repeated)")
@click.option("--title", "title_id", help="with --explain: only this title")
@click.option("--scores", nargs=2, metavar="SCORING_RULES SCORING_DATA",
              help="take cluster ranks from a year-end scoring of the same year")
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@click.option("--overrides", "overrides_path", metavar="FILE",
              help="council decisions on proposals (CSV/XLSX), shown beside the rules'")
def titles(rules_path: str, data: str, year: int, output: tuple[str, ...], lang: str,
           decision_date: str | None, dossier_date: str | None, regime: str | None,
           explain_ids: tuple[str, ...], title_id: str | None,
           scores: tuple[str, str] | None, bundle_path: str | None,
           overrides_path: str | None) -> None:
    """Decide emulation titles for the people and units in DATA (a workbook with the people and
    units sheets, or a directory with their CSV files) for YEAR, and print the proposal list.

    RULES is a title rule set, or a directory of rule sets by legal regime (the one its declared
    rule picks for the decision date, or the dossier date, is used; --regime names another), or
    the name of a bundled one (see tdkt rules)."""
    out, err = console(), console(stderr=True)
    scored = score_with(scores[0], scores[1], None, err)[1] if scores else None
    with timed(err, f"judging {data} for {year} ...") as elapsed:
        res = evaluate_titles(rules_path, data, year, decision_date=decision_date,
                              scores=scored, dossier_date=dossier_date, regime=regime)
    for line in regime_lines(res, lang):
        out.print(escape(line))
    out.print(proposals_table(res, lang))
    records = overrides(res, overrides_path, lang, out)
    for sid in explain_ids:
        try:
            out.print(subject_tree(res, sid, lang, title_id))
        except NotJudgedError as e:
            rejected = [r for r in res.rejected if r.unit_id == sid]
            if not rejected:
                raise Exit(str(e)) from None
            out.print(f"{sid}: rejected (row {rejected[0].row}, {rejected[0].table})")
    write_outputs(output, lambda path: write_titles(res, path, lang), err)
    if bundle_path:
        write_cli_bundle(bundle_path, TitlesJob(year=year, decision_date=decision_date,
                                                dossier_date=dossier_date, regime=regime,
                                                scores=bool(scores), overrides=records),
                         res, rules_path, data, err, elapsed[0], scores or None)
    print_notices(res.notices, lang, out)
    print_rejected(res.rejected, lang, out)
    for line in totals_lines(res, lang):
        out.print(escape(line))
    err.print(f"{res.counts()['judged']} subjects in {elapsed[0]:.3f} s; rules {res.rules.id} "
              f"{res.rules.version} ({res.hash})")
    sys.exit(exit_code(res))
