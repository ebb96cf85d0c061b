"""What every command shares: consoles, the mapping of library errors to exit code 2, writing
``-o`` outputs, printing rejected rows and council overrides, fitting and limiting tables,
timing a run with a progress bar, and reading DATA with a sheet and a column map.

Results go to standard output; everything else (notices, counts, summaries, progress, the files
written) goes to standard error, so a pipe receives only the data."""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import InputError, RulesError, TdktError, UsageError
from ..render.phrases import cli, t
from ..select.overrides import apply_overrides, read_overrides
from ..tables.colmap import load_map
from ..tables.read import TableSource
from .ui import option, progress_bar

LANG = click.Choice(["vi", "en"])


def console(stderr: bool = False, width: int | None = None) -> Console:
    """A console for results (stdout) or progress and file names (stderr); ``width`` fixes
    its width (``--width``), else the terminal's."""
    # Wide output when piped (CI logs, files) so the table is not folded to 80 columns.
    c = Console(stderr=stderr, highlight=False, width=width)
    if not c.is_terminal and width is None:
        c = Console(stderr=stderr, highlight=False, width=220, no_color=True)
    return c


def quiet_option() -> Any:
    return option("-q", "--quiet", is_flag=True, help="no progress bar")


def width_option() -> Any:
    return option("--width", type=click.IntRange(min=40),
                  help="width of the printed table in characters (default: the terminal's)")


def limit_option(what: str = "rows") -> Any:
    return option("--limit", type=click.IntRange(min=0), help=f"print only the first N {what}")


def data_options(f: Any) -> Any:
    """``--sheet`` and ``--map``: where the table is in DATA and how its headers read."""
    f = option("--map", "map_path", metavar="MAP.yaml",
               help="a column map (YAML, see tdkt map) for headers that differ from the rules'")(f)
    return option("--sheet", help="the sheet to read (default: the one holding the table)")(f)


def source(data: str, sheet: str | None, map_path: str | None, fields: Any = None) -> Any:
    """DATA as the job reads it: the path itself, or with a sheet and a column map."""
    if not sheet and not map_path:
        return data
    cmap = load_map(map_path, fields) if map_path else None
    return TableSource(data, sheet=sheet, column_map=cmap)


def fit_table(table: Table, out: Console, lang: str) -> Table:
    """Drop middle columns of ``table`` (keeping the first three and the last three) until each
    column can show its header words and values at a readable width within ``out``'s width,
    and say how many were left out; rich wraps what still does not fit."""
    def comfortable(c: Any) -> int:
        words = max((len(w) for w in str(c.header).split()), default=1)
        cells = max((len(str(x)) for x in c._cells[:200]), default=1)
        return min(max(words, cells), 16) + 3
    dropped = 0
    while len(table.columns) > 6 and sum(map(comfortable, table.columns)) + 1 > out.width:
        del table.columns[len(table.columns) - 4]
        dropped += 1
    if dropped:
        note = cli("hidden_columns", lang, n=dropped)
        table.caption = f"{table.caption}\n{note}" if table.caption else note
    return table


def limit_table(table: Table, limit: int | None, lang: str) -> Table:
    """Keep the first ``limit`` rows of ``table`` and say how many more there are."""
    if limit is None or table.row_count <= limit:
        return table
    more = table.row_count - limit
    for c in table.columns:
        c._cells = c._cells[:limit]
    table.rows = table.rows[:limit]
    note = cli("more_rows", lang, n=more)
    table.caption = f"{table.caption}\n{note}" if table.caption else note
    return table


class Exit(click.ClickException):
    """End the command with exit code 2 and a message (no traceback). The message says what
    kind of error it is in the reader's language (the command line's words), so it is shown
    as it is, without click's English "Error:" prefix."""
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), file=file, err=True)


@contextmanager
def user_errors(lang: str = "vi") -> Iterator[None]:
    """Errors a user can mend (the data, the rules, an option) end the command with exit code 2
    and the reason, without a traceback."""
    try:
        yield
    except InputError as e:
        raise Exit(cli("input_error", lang, text=e.text(lang))) from None
    except RulesError as e:
        raise Exit(cli("rule_error", lang, text=e.text(lang))) from None
    except UsageError as e:
        raise Exit(cli("usage_error", lang, text=e.text(lang))) from None
    except TdktError as e:
        raise Exit(cli("error", lang, text=e.text(lang))) from None


@contextmanager
def timed(err: Console, what: str = "", lang: str = "vi",
          quiet: bool = False) -> Iterator[list[float]]:
    """Run the block with a progress bar (see :func:`.ui.progress_bar`); the list it gives
    holds the elapsed seconds after. Library errors end the command (exit code 2)."""
    elapsed: list[float] = []
    with user_errors(lang), progress_bar(err, lang, quiet):
        start = time.perf_counter()
        yield elapsed
        elapsed.append(time.perf_counter() - start)


def write_outputs(paths: tuple[str, ...], write: Callable[[str], list[Path]],
                  err: Console, lang: str = "vi", quiet: bool = False) -> None:
    """Write every ``-o`` path with ``write`` (with a progress bar) and name each file written.
    """
    for path in paths:
        try:
            with user_errors(lang), progress_bar(err, lang, quiet):
                files = write(path)
        except (OSError, ValueError) as e:
            raise Exit(cli("cannot_write", lang, path=path, text=e)) from None
        for f in files:
            err.print(escape(f"→ {f}"))


def print_rejected(rejected: list[Any], lang: str, out: Console) -> None:
    """Every problem of the rejected rows, one line each; a problem shared by several rows (a
    missing column, an unknown unit) is printed once with the rows it hits. Lines are prefixed by
    their table, if any."""
    if not rejected:
        return
    out.print(f"[bold]{t('rejected_title', lang)}[/bold]")
    groups: dict[tuple, list[Any]] = {}
    for r in rejected:
        for p in r.problems:
            key = (r.table, p.header or p.column or "-", p.value, p.message.get(lang))
            groups.setdefault(key, []).append(r)
    for (table, column, value, reason), rows in groups.items():
        shown = f" = {value!r}" if value is not None else ""
        prefix = f"[{table}] " if table else ""
        if len(rows) == 1:
            r = rows[0]
            unit = f" ({r.unit_id})" if r.unit_id else ""
            line = t("rejected_line", lang, row=r.row, unit=unit, column=column, value=shown,
                     reason=reason)
        else:
            line = t("rejected_rows_line", lang, n=len(rows), rows=row_ranges([r.row for r in rows]),
                     column=column, value=shown, reason=reason)
        out.print("  " + escape(prefix + line))


def row_ranges(rows: list[int]) -> str:
    """Row numbers as ranges.

    >>> row_ranges([2, 3, 4, 7, 9, 10])
    '2–4, 7, 9–10'
    """
    rows = sorted(set(rows))
    parts, start = [], None
    for i, r in enumerate(rows):
        if start is None:
            start = r
        if i + 1 == len(rows) or rows[i + 1] != r + 1:
            parts.append(str(start) if start == r else f"{start}–{r}")
            start = None
    return ", ".join(parts)


def print_notices(notices: list[Any], lang: str, out: Console) -> None:
    """The run's notices (what the reader decided, totals that do not add up), one a line."""
    for w in notices:
        out.print(f"[bold]{t('warnings', lang)}:[/bold] {escape(w.message.get(lang))}")


def overrides(res: Any, path: str | None, lang: str, out: Console) -> list:
    """Apply the council's overrides in ``path`` (if given), print them beside the rules'
    outcomes, and return the override records (for the audit bundle)."""
    if not path:
        return []
    with user_errors(lang):
        records, bad_rows = read_overrides(path)
        done, bad = apply_overrides(res, records)
    vi = lang != "en"
    tbl = Table(title="Điều chỉnh của Hội đồng (sau khi áp dụng quy tắc)" if vi else
                "Council overrides (applied after the rules)")
    for h in (("Mã", "Id"), ("Nội dung", "Decision"), ("Theo quy tắc", "By the rules"),
              ("Quyết định", "Final"), ("Cơ quan", "Decided by"), ("Văn bản", "Document"),
              ("Ngày", "Date"), ("Lý do", "Reason")):
        tbl.add_column(h[0] if vi else h[1])
    for a in done:
        o = a.override
        tbl.add_row(escape(o.subject_id), escape(o.decision), escape(a.rule_value),
                    escape(a.final_value) + ("" if a.changed else (" (giữ nguyên)" if vi else
                                                                  " (confirmed)")),
                    escape(o.decided_by), escape(o.document), o.decided_on.isoformat(),
                    escape(o.reason))
    out.print(tbl)
    print_rejected(bad_rows + bad, lang, out)
    return records


def exit_code(res: Any) -> int:
    """1 when some input rows (or overrides) were rejected, else 0."""
    return 1 if res.rejected or getattr(res, "overrides_rejected", None) else 0
