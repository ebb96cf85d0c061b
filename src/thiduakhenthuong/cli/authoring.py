"""Commands for rule authors: ``tdkt test`` (a rule set's own cases), ``tdkt schema`` (JSON
Schema of the rule files, for editors) and ``tdkt new`` (a new rule set to start from)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.markup import escape

from ..errors import RuleError
from ..rulebook.cases import failures_text, run_suite
from ..rulebook.scaffold import KINDS, scaffold
from ..rulebook.schema import file_schema, kinds
from .common import LANG, Exit, console, user_errors
from .main import short


@click.command("test", short_help=short("test"))
@click.argument("rules_paths", metavar="RULES...", nargs=-1, required=True)
@click.option("--lang", type=LANG, default="vi", show_default=True,
              help="language of the explanations printed for a failed case")
def test(rules_paths: tuple[str, ...], lang: str) -> None:
    """Run the cases in the tests/ folder of each rule set in RULES (a rule set, a bundled
    name, or a directory of rule sets) and print, for each failed case, the expected and actual
    values with the part of the explanation that differs.

    Exit codes: 0 every case passed; 1 a case failed, or a rule set has no case; 2 a rule,
    case-file or usage error."""
    out = console()
    failed = False
    for path in rules_paths:
        with user_errors():
            reports = run_suite(path, lang)
        for rep in reports:
            ok, bad = rep.counts
            name = Path(rep.rules).name
            if not rep.outcomes:
                failed = True
                out.print(f"✗ {escape(name)}: no cases (add them to {escape(rep.rules)}/tests/)")
                continue
            checked = sum(o.checked for o in rep.outcomes)
            mark = "✓" if rep.passed else "✗"
            out.print(f"{mark} {escape(name)}: {ok} of {len(rep.outcomes)} cases passed "
                      f"({checked} values checked)")
            for line in failures_text(rep):
                out.print(escape(line), markup=False)
            failed |= not rep.passed
    sys.exit(1 if failed else 0)


@click.command("schema", short_help=short("schema"))
@click.argument("kind", required=False, type=click.Choice(kinds()))
@click.option("-o", "--output", "out_path", metavar="PATH",
              help="a file (one kind) or a directory (every kind: <kind>.schema.json)")
@click.option("--layer", is_flag=True, help="for the files of a rule set that extends another "
                                            "(no key is required: a layer writes what it changes)")
def schema(kind: str | None, out_path: str | None, layer: bool) -> None:
    """Write the JSON Schema of the rule files of KIND (scoring, titles, delegates), or of every
    kind, for editors' completion and validation (see docs/rule-reference.md, Editors)."""
    todo = [kind] if kind else kinds()
    docs = {k: json.dumps(file_schema(k, layer), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n" for k in todo}
    if out_path is None:
        if len(docs) == 1:
            click.echo(next(iter(docs.values())), nl=False)
        else:
            click.echo(json.dumps({k: json.loads(v) for k, v in docs.items()},
                                  ensure_ascii=False, indent=2, sort_keys=True))
        return
    target = Path(out_path)
    try:
        if len(docs) == 1 and target.suffix == ".json":
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, next(iter(docs.values())))
            console(stderr=True).print(f"→ {target.as_posix()}")
            return
        target.mkdir(parents=True, exist_ok=True)
        for k, text in docs.items():
            _write(target / f"{k}.schema.json", text)
            console(stderr=True).print(f"→ {(target / f'{k}.schema.json').as_posix()}")
    except OSError as e:
        raise Exit(f"cannot write {out_path}: {e}") from None


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)


@click.command("new", short_help=short("new"))
@click.argument("kind", type=click.Choice(sorted(KINDS)))
@click.argument("name")
@click.option("-o", "--output", "parent", default=".", show_default=True, metavar="DIR",
              help="the directory to create the rule set in")
@click.option("--year", type=int, default=2026, show_default=True, help="the year it judges")
def new(kind: str, name: str, parent: str, year: int) -> None:
    """Create a rule set NAME of KIND (scoring, titles or conferences) to start from: meta,
    parameters, one criterion (or title, or standard), a units registry where the kind has one,
    and one test case; tdkt check and tdkt test pass on it as it is."""
    with user_errors():
        try:
            written = scaffold(kind, name, Path(parent), year)
        except FileExistsError as e:
            raise RuleError(f"{e}: choose another name or directory", file=str(e)) from None
    err = console(stderr=True)
    for f in written:
        err.print(f"→ {f.as_posix()}")
    console().print(f"created {Path(parent, name).as_posix()}: edit it, then run "
                    f"tdkt check {Path(parent, name).as_posix()} and "
                    f"tdkt test {Path(parent, name).as_posix()}", markup=False)
