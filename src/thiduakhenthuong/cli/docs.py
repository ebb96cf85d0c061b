"""``tdkt docs``: write (or check) the Markdown rule catalogue of one rule set or a tree of them."""
from __future__ import annotations

import sys

import click

from ..render.catalogue.build import build_catalogue, compare_catalogue, write_catalogue
from .common import Exit, console, user_errors
from .main import short
from .ui import command, option


@command(short_help=short("docs"))
@click.argument("rules_path", metavar="RULES")
@option("-o", "--output", "out_dir", required=True, metavar="DIR",
              help="directory for the catalogue (e.g. docs/rules)")
@option("--check", is_flag=True,
              help="write nothing; exit 1 and name each file that is stale, missing or extra")
def docs(rules_path: str, out_dir: str, check: bool) -> None:
    """Write a readable catalogue of RULES into DIR: for each rule set a Vietnamese and an
    English page (<id>.vi.md, <id>.en.md) with every criterion, title or check in words, its
    citation, its parameters with dated values and basis, and its inputs; plus README.md listing
    the rule sets with version and version hash.

    RULES is a rule set, or a directory of rule sets walked recursively (e.g. rules/)."""
    out, err = console(), console(stderr=True)
    with user_errors():
        cat = build_catalogue(rules_path)
    if check:
        problems = compare_catalogue(cat, out_dir)
        for p in problems:
            out.print(p, markup=False)
        if problems:
            out.print(f"the catalogue in {out_dir} is out of date; refresh it with: "
                      f"tdkt docs {rules_path} -o {out_dir}", markup=False)
            sys.exit(1)
        out.print(f"up to date: {len(cat.entries)} rule sets, {len(cat.files)} files in "
                  f"{out_dir}", markup=False)
        return
    try:
        written = write_catalogue(cat, out_dir)
    except OSError as e:
        raise Exit(f"cannot write {out_dir}: {e}") from None
    for f in written:
        err.print(f"→ {f.as_posix()}", markup=False)
    for e in cat.entries:
        out.print(f"{e.id} {e.version} ({e.hash}): {e.kind}, {e.source} → "
                  f"{', '.join(e.pages.values())}", markup=False)
    out.print(f"{len(cat.files)} files, {len(written)} changed, in {out_dir}", markup=False)
