"""The ``tdkt`` command group. Each command lives in the module of its group (scoring, titles,
conferences, rules, report, audit, docs, diff) and is imported only when it runs, so ``tdkt
--help`` starts in a fraction of the time a command takes to import the library.

Exit codes: 0 every row judged; 1 some rows rejected (results for the rest still written);
2 rule, file or usage error.
"""
from __future__ import annotations

import importlib
from typing import Any

import click

#: command -> (module in this package, function, the line ``tdkt --help`` shows for it; the
#: command's own help uses the same line, see :func:`short`).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "score": ("scoring", "score", "Score DATA with RULES and print the ranked table."),
    "explain": ("scoring", "explain", "Explain one unit's score, class, rank and awards."),
    "titles": ("titles", "titles", "Decide emulation titles and commendations for a year."),
    "delegates": ("conferences", "delegates", "Select conference delegates for a level."),
    "plan-check": ("conferences", "plan_check", "Check chapters' conference plans."),
    "check": ("rules", "check", "Validate rule sets; print every problem with file and line."),
    "rules": ("rules", "list_rules", "List the bundled rule sets."),
    "report": ("report", "report", "Write a self-contained HTML report of a run."),
    "verify": ("audit", "verify", "Re-run an audit bundle and report any difference."),
    "docs": ("docs", "docs", "Write (or check) the readable rule catalogue."),
    "diff": ("diff", "diff", "Show what a change of rules changes on the same data."),
    "test": ("authoring", "test", "Run the cases in a rule set's tests/ folder."),
    "schema": ("authoring", "schema", "Write the JSON Schema of rule files, for editors."),
    "new": ("authoring", "new", "Create a new rule set to start from."),
}


def short(command: str) -> str:
    """The one-line help of ``command``, for its ``short_help``."""
    return COMMANDS[command][2]


class LazyGroup(click.Group):
    """A group whose commands are imported when called (see :data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        module = importlib.import_module(f"{__package__}.{spec[0]}")
        return getattr(module, spec[1])

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="thiduakhenthuong")
def main() -> None:
    """Emulation scoring and commendation by declarative rules (thi đua, khen thưởng)."""
