"""What the command line says and how: the language (Vietnamese unless ``--lang en`` or
``TDKT_LANG=en``), help texts in that language, dates typed as people type them, and a
progress bar on standard error for any run longer than about a second.

Every command is declared with :func:`command` and :func:`option`, so its help is looked up in
the help book (``render/phrases.HELP_VI``) by command and option name, the English text given in
the code being the English help.
"""
from __future__ import annotations

import datetime as dt
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

import click
from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn,
                           TextColumn, TimeElapsedColumn)

from ..core import progress as library_progress
from ..core.dates import as_date
from ..errors import UsageError
from ..render.phrases import HELP_VI, cli
from .lang import ENV, help_lang

#: A progress bar appears only for runs still going after this many seconds.
DELAY = 1.0


class LocalOption(click.Option):
    """An option whose help is Vietnamese unless English is asked for."""

    def get_help_record(self, ctx: click.Context) -> Optional[tuple[str, str]]:
        rec = super().get_help_record(ctx)
        if rec is None or help_lang(ctx) == "en":
            return rec
        cmd = ctx.command.name or ""
        name = self.opts[-1] if self.opts else self.name
        vi = HELP_VI.get(f"{cmd} {name}") or HELP_VI.get(f"* {name}")
        if vi is None:
            return rec
        extra = rec[1][len(self.help or ""):] if self.help and rec[1].startswith(self.help) \
            else ""
        extra = extra.replace("default:", "mặc định:").replace("required", "bắt buộc")
        return rec[0], vi + extra


class LocalCommand(click.Command):
    """A command whose help and usage lines are Vietnamese unless English is asked for."""

    def format_help_text(self, ctx: click.Context, formatter: Any) -> None:
        if help_lang(ctx) == "en":
            return super().format_help_text(ctx, formatter)
        text = HELP_VI.get(f"{self.name} help")
        if text is None:
            return super().format_help_text(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit)

    def format_usage(self, ctx: click.Context, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        prefix = "Usage: " if help_lang(ctx) == "en" else "Cách dùng: "
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_options(self, ctx: click.Context, formatter: Any) -> None:
        rows = [r for r in (p.get_help_record(ctx) for p in self.get_params(ctx)
                            if isinstance(p, click.Option)) if r]
        if help_lang(ctx) != "en":
            rows = [(a, HELP_VI["* --help"]) if "--help" in a else (a, b) for a, b in rows]
        if rows:
            with formatter.section("Options" if help_lang(ctx) == "en" else "Tùy chọn"):
                formatter.write_dl(rows)


def command(*args: Any, **kw: Any) -> Callable:
    """``click.command`` with Vietnamese help (see :class:`LocalCommand`)."""
    kw.setdefault("cls", LocalCommand)
    return click.command(*args, **kw)


def option(*args: Any, **kw: Any) -> Callable:
    """``click.option`` with Vietnamese help (see :class:`LocalOption`)."""
    kw.setdefault("cls", LocalOption)
    return click.option(*args, **kw)


def lang_option(**kw: Any) -> Callable:
    """``--lang vi|en``: the language of what the command prints and writes (default: the
    ``TDKT_LANG`` environment variable, else Vietnamese). Read before ``--help`` when given
    first, so ``tdkt score --lang en --help`` is in English."""
    kw.setdefault("help", "language of the output: vi (default) or en; or set TDKT_LANG")
    return option("--lang", type=click.Choice(["vi", "en"]), envvar=ENV, default="vi",
                  show_default=True, is_eager=True, **kw)


class DateType(click.ParamType):
    """A date as people type it: 31/12/2023 or 2023-12-31; anything else is a usage error
    (exit code 2) naming the option."""
    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return as_date(value)
        except UsageError:
            lang = help_lang(ctx)
            self.fail(cli("bad_date", lang, value=value), param, ctx)


#: The type of --as-of and --decision-date.
DATE = DateType()


@contextmanager
def progress_bar(err: Console, lang: str, quiet: bool = False) -> Iterator[None]:
    """Show the library's progress reports (reading, validating, evaluating, writing each
    output) as bars with percentage and counts on ``err``, in ``lang``, once the run has taken
    :data:`DELAY` seconds; nothing when ``quiet`` or when ``err`` is not a terminal."""
    if quiet or not err.is_terminal:
        yield
        return
    bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                   MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True)
    state: dict[str, tuple[int, Optional[int]]] = {}
    tasks: dict[str, Any] = {}
    lock = threading.Lock()
    shown = [False]

    def show(phase: str) -> None:
        done, total = state[phase]
        if phase not in tasks:
            tasks[phase] = bar.add_task(_phase_words(phase, lang), total=total)
        bar.update(tasks[phase], completed=done, total=total)

    def listen(phase: str, done: int, total: Optional[int]) -> None:
        with lock:
            state[phase] = (done, total)
            if shown[0]:
                show(phase)

    def start() -> None:
        with lock:
            bar.start()
            shown[0] = True
            for phase in state:
                show(phase)

    timer = threading.Timer(DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        with library_progress.listening(listen):
            yield
    finally:
        timer.cancel()
        with lock:
            if shown[0]:
                bar.stop()


def _phase_words(phase: str, lang: str) -> str:
    verb, _, rest = phase.partition(" ")
    key = "phase_" + verb
    return cli(key, lang, what=rest) if key in cli else phase
