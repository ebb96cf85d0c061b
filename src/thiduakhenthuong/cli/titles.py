"""``tdkt titles``: honour titles and commendations for a year."""
from __future__ import annotations

import sys
from typing import Any

import click
from rich.markup import escape

from ..errors import NotJudgedError
from ..jobs.titles.api import evaluate_titles, load_title_rules
from ..jobs.titles.options import TitlesJob
from ..jobs.titles.terminal import proposals_table, regime_lines, subject_tree, totals_lines
from ..jobs.titles.workbook import write_titles
from ..render.phrases import cli
from .audit import write_cli_bundle
from .common import (Exit, console, data_options, exit_code, fit_table, limit_option,
                     limit_table, overrides, print_notices, print_rejected, quiet_option,
                     source, timed, user_errors, width_option, write_outputs)
from .main import short
from .scoring import score_with
from .ui import DATE, command, lang_option, option


@command(short_help=short("titles"))
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@option("--year", type=int, required=True, help="the year judged (picks the legal regime)")
@option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                               "(may be given several times)")
@lang_option()
@option("--decision-date", type=DATE, help="date of the award decision (31/01/2025 or "
                                            "2025-01-31); default: the rule set's usual day "
                                            "in the following year")
@option("--dossier-date", type=DATE, help="the day the dossier was received (31/12/2025 or "
                                            "2025-12-31); it may keep a case under an earlier "
                                            "regime")
@option("--regime", help="apply this regime's folder of RULES (e.g. regime-2022) instead of the "
                         "one the declared rule picks")
@option("--explain", "explain_ids", multiple=True, metavar="ID",
        help="print the explanation tree of this person or unit (may be repeated)")
@option("--title", "title_id", help="with --explain: only this title")
@option("--show-expressions", is_flag=True,
        help="show under each line the codes and expressions it comes from")
@option("--scores", nargs=2, metavar="SCORING_RULES SCORING_DATA",
        help="take cluster ranks from a year-end scoring of the same year")
@option("--bundle", "bundle_path", metavar="PATH",
        help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@option("--overrides", "overrides_path", metavar="FILE",
        help="council decisions on proposals (CSV/XLSX), shown beside the rules'")
@limit_option()
@data_options
@quiet_option()
@width_option()
def titles(rules_path: str, data: str, year: int, output: tuple[str, ...], lang: str,
           decision_date: Any, dossier_date: Any, regime: str | None,
           explain_ids: tuple[str, ...], title_id: str | None,
           scores: tuple[str, str] | None, bundle_path: str | None,
           overrides_path: str | None, limit: int | None, sheet: str | None,
           map_path: str | None, quiet: bool, width: int | None,
           show_expressions: bool) -> None:
    """Decide emulation titles for the people and units in DATA (a workbook with the people and
    units sheets, or a directory with their CSV files) for YEAR, and print the proposal list.

    RULES is a title rule set, or a directory of rule sets by legal regime (the one its declared
    rule picks for the decision date, or the dossier date, is used; --regime names another), or
    the name of a bundled one (see tdkt rules)."""
    out, err = console(width=width), console(stderr=True)
    scored = score_with(scores[0], scores[1], None, err, lang, quiet)[1] if scores else None
    with user_errors(lang):
        fields = None
        if map_path:
            model = load_title_rules(rules_path, year, outside_years=True).model
            fields = {**model.inputs, **model.unit_inputs}
        src = source(data, sheet, map_path, fields)
    with timed(err, lang=lang, quiet=quiet) as elapsed:
        res = evaluate_titles(rules_path, src, year, decision_date=decision_date,
                              scores=scored, dossier_date=dossier_date, regime=regime)
    for line in regime_lines(res, lang):
        err.print(escape(line))
    out.print(fit_table(limit_table(proposals_table(res, lang), limit, lang), out, lang))
    records = overrides(res, overrides_path, lang, out)
    for sid in explain_ids:
        try:
            out.print(subject_tree(res, sid, lang, title_id, show_expressions))
        except NotJudgedError as e:
            rejected = [r for r in res.rejected if r.unit_id == sid]
            if not rejected:
                raise Exit(cli("error", lang, text=e.text(lang))) from None
            out.print(escape(cli("explain_rejected", lang, id=sid, row=rejected[0].row,
                                 table=rejected[0].table or "")))
    write_outputs(output, lambda path: write_titles(res, path, lang), err, lang, quiet)
    if bundle_path:
        write_cli_bundle(bundle_path, TitlesJob(year=year, decision_date=decision_date,
                                                dossier_date=dossier_date, regime=regime,
                                                scores=bool(scores), overrides=records),
                         res, rules_path, data, err, elapsed[0], scores or None, lang=lang)
    print_notices(res.notices, lang, err)
    print_rejected(res.rejected, lang, out)
    for line in totals_lines(res, lang):
        out.print(escape(line))
    err.print(escape(cli("judged_summary", lang, n=res.counts()["judged"],
                         s=f"{elapsed[0]:.3f}", rules=res.rules.id, version=res.rules.version,
                         hash=res.hash)))
    sys.exit(exit_code(res))
