"""What every command shares: consoles, the mapping of library errors to exit code 2, writing
``-o`` outputs, printing rejected rows and council overrides, timing a run."""
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
from ..render.phrases import t
from ..select.overrides import apply_overrides, read_overrides

LANG = click.Choice(["vi", "en"])


def console(stderr: bool = False) -> Console:
    """A console for results (stdout) or progress and file names (stderr)."""
    # Wide output when piped (CI logs, files) so the table is not folded to 80 columns.
    c = Console(stderr=stderr, highlight=False)
    if not c.is_terminal:
        c = Console(stderr=stderr, highlight=False, width=220, no_color=True)
    return c


class Exit(click.ClickException):
    """End the command with exit code 2 and a message (no traceback)."""
    exit_code = 2


@contextmanager
def user_errors() -> Iterator[None]:
    """Errors a user can mend (the data, the rules, an option) end the command with exit code 2
    and the reason, without a traceback."""
    try:
        yield
    except InputError as e:
        raise Exit(f"input error: {e}") from None
    except RulesError as e:
        raise Exit(f"rule error:\n{e}") from None
    except UsageError as e:
        raise Exit(f"usage error: {e}") from None
    except TdktError as e:
        raise Exit(f"error: {e}") from None


@contextmanager
def timed(err: Console, what: str) -> Iterator[list[float]]:
    """Show ``what`` while the block runs; the list it gives holds the elapsed seconds after."""
    elapsed: list[float] = []
    with user_errors(), err.status(what):
        start = time.perf_counter()
        yield elapsed
        elapsed.append(time.perf_counter() - start)


def write_outputs(paths: tuple[str, ...], write: Callable[[str], list[Path]],
                  err: Console) -> None:
    """Write every ``-o`` path with ``write`` and name each file written."""
    for path in paths:
        try:
            files = write(path)
        except (OSError, ValueError) as e:
            raise Exit(f"cannot write {path}: {e}") from None
        for f in files:
            err.print(f"→ {f}")


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
    for w in notices:
        out.print(f"[bold]{t('warnings', lang)}:[/bold] {escape(w.message.get(lang))}")


def overrides(res: Any, path: str | None, lang: str, out: Console) -> list:
    """Apply the council's overrides in ``path`` (if given), print them beside the rules'
    outcomes, and return the override records (for the audit bundle)."""
    if not path:
        return []
    with user_errors():
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
