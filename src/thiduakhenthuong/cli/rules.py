"""``tdkt check`` (validate rule sets) and ``tdkt rules`` (the bundled rule sets)."""
from __future__ import annotations

import click
from rich.markup import escape
from rich.table import Table

from ..core import job as jobs
from ..i18n.cli import cli
from ..rulebook.discover import BUNDLED, bundled_names
from ..rulebook.ruleset import Regimes, load
from .common import console, fit_table, limit_table, limit_option, user_errors, width_option
from .main import short
from .ui import command, lang_option


@command(short_help=short("check"))
@click.argument("rules_path", metavar="RULES")
@lang_option()
def check(rules_path: str, lang: str) -> None:
    """Validate a rule set (or a directory of rule sets by regime, or a bundled one by name);
    print every problem with file and line."""
    out = console()
    with user_errors(lang):
        loaded = load(rules_path)
    for r in (loaded if isinstance(loaded, Regimes) else [loaded]):
        out.print(escape(cli("check_ok", lang, id=r.id, version=r.version, hash=r.hash,
                             summary=jobs.get(r.kind).summary(r.model, lang))))


@command("rules", short_help=short("rules"))
@lang_option()
@limit_option()
@width_option()
def list_rules(lang: str, limit: int | None, width: int | None) -> None:
    """List the rule sets that ship with the library: the name to give any command (tdkt score
    lao-cai-2023 ...), what they judge, the period, version and version hash. A directory of
    rule sets by regime (titles) picks its regime from the year judged."""
    out = console(width=width)
    tbl = Table(title=cli("rules_title", lang, where=BUNDLED))
    for h in ("name", "kind", "period", "id", "version", "hash", "title_col"):
        tbl.add_column(cli("rules_" + h, lang), overflow="fold")
    with user_errors(lang):
        for name in bundled_names():
            loaded = load(name)
            job = jobs.get(loaded.kind)
            if isinstance(loaded, Regimes):
                periods = ", ".join(job.period(r.model) for r in loaded)
                tbl.add_row(escape(name), escape(job.title.get(lang)), escape(periods),
                            "", "", "", escape(cli("rules_by_regime", lang, regimes=", ".join(
                                r.path.name for r in loaded))))
                continue
            tbl.add_row(escape(name), escape(job.title.get(lang)), escape(job.period(loaded.model)),
                        escape(loaded.id), escape(loaded.version), loaded.hash,
                        escape(loaded.model.meta.title.get(lang)))
    out.print(fit_table(limit_table(tbl, limit, lang), out, lang))
