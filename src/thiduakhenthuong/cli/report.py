"""``tdkt report``: the HTML report of a scoring, title or delegate run (kind read from RULES)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import click

from .main import _Exit, _console, _load, _score, _user_errors, main
from ..errors import RuleError, RuleErrors

Kind = Literal["scoring", "titles", "delegates"]


def rule_kind(path: str | Path) -> Kind:
    """What a rule path judges: 'scoring', 'titles' (one regime, or a directory of regimes) or
    'delegates'.

    >>> rule_kind("rules/lao-cai-2023"), rule_kind("rules/titles"), \\
    ...     rule_kind("rules/thai-nguyen-2019")
    ('scoring', 'titles', 'delegates')
    """
    from ..jobs.conferences.model import DelegateRuleSet
    from ..rulebook.load import read_rule_set
    from ..jobs.titles.model import TitleRuleSet
    p = Path(path)
    if p.is_dir() and not any(p.glob("*.y*ml")):
        # A directory of title regimes; "_" directories hold shared, included files.
        regimes = [d for d in sorted(p.iterdir()) if d.is_dir() and not d.name.startswith("_")
                   and any(d.glob("*.y*ml"))]
        if not regimes:
            raise RuleError("no rule files here, nor rule sets in sub-directories", file=str(p))
        p = regimes[0]
    model, _ = read_rule_set(p)
    if isinstance(model, TitleRuleSet):
        return "titles"
    if isinstance(model, DelegateRuleSet):
        return "delegates"
    return "scoring"


def _check_options(kind: Kind, year: int | None, decision_date: str | None, level: str | None,
                   as_of: str | None) -> None:
    wrong = {"--year": year is not None and kind != "titles",
             "--decision-date": decision_date is not None and kind != "titles",
             "--level": level is not None and kind != "delegates",
             "--as-of": as_of is not None and kind != "scoring"}
    bad = [k for k, v in wrong.items() if v]
    if bad:
        raise _Exit(f"usage error: {', '.join(bad)} does not apply to a {kind} rule set")
    if kind == "titles" and year is None:
        raise _Exit("usage error: a title rule set needs --year (the year judged)")
    if kind == "delegates" and level is None:
        raise _Exit("usage error: a conference rule set needs --level (e.g. huyen, co_so)")


def _run(kind: Kind, rules_path: str, data: str, year: int | None, decision_date: str | None,
         level: str | None, as_of: str | None):
    """The result to report, and its rejected rows."""
    err = _console(stderr=True)
    if kind == "scoring":
        res, _ = _score(_load(rules_path), data, as_of, err)
        return res, res.rejected
    with _user_errors():
        if kind == "titles":
            from ..jobs.titles.api import evaluate_titles
            with err.status(f"judging {data} for {year} ..."):
                res = evaluate_titles(rules_path, data, year, decision_date=decision_date)
            return res, res.rejected
        from ..jobs.conferences.api import evaluate_delegates
        res = evaluate_delegates(rules_path, data, level)
        return res, res.valid.rejected


@main.command()
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="the HTML file to write ('-' for standard output)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True,
              help="language shown first; the page can switch to the other")
@click.option("--year", type=int, help="titles: the year judged (picks the legal regime)")
@click.option("--decision-date", help="titles: date of the award decision (YYYY-MM-DD)")
@click.option("--level", help="delegates: conference level, e.g. co_so, huyen")
@click.option("--as-of", help="scoring: judge with parameters in force on this date")
def report(rules_path: str, data: str, output: str, lang: str, year: int | None,
           decision_date: str | None, level: str | None, as_of: str | None) -> None:
    """Write one self-contained HTML report of DATA judged by RULES: the ranking or decisions,
    charts, an explanation with citations for every unit or person, the parameters used and
    the rejected rows. It works offline and prints on A4.

    The kind of job follows RULES: a scoring rule set; a title rule set or a directory of them
    by legal regime (needs --year); a conference rule set (needs --level)."""
    from ..render.html import render_html
    err = _console(stderr=True)
    try:
        kind = rule_kind(rules_path)
    except (RuleError, RuleErrors) as e:
        raise _Exit(f"rule error:\n{e}") from None
    _check_options(kind, year, decision_date, level, as_of)
    res, rejected = _run(kind, rules_path, data, year, decision_date, level, as_of)
    html = render_html(res, lang)
    if output == "-":
        sys.stdout.write(html)
    else:
        p = Path(output)
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(html, encoding="utf-8")
        except OSError as e:
            raise _Exit(f"cannot write {output}: {e}") from None
        err.print(f"→ {p} ({len(html.encode('utf-8')):,} bytes, {kind})")
    if rejected:
        err.print(f"{len(rejected)} rejected rows: listed in the report")
    sys.exit(1 if rejected else 0)
