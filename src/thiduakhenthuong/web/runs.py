"""A run of a job for the web app and the API, without HTTP: the uploads placed in the
request's workspace, the options typed from form or query strings and checked by the job, the
row limit, the column map answered in the page, the job run through the registry, and what is
downloaded afterwards (workbook, HTML report, audit bundle, JSON), each made by the library's
own writers and renderers.

>>> from .rulesets import RuleSets
>>> from .uploads import Workspace
>>> entry = RuleSets.load(()).get("lao-cai-2023")
>>> with Workspace() as ws:
...     data = place(ws, [("units.csv", open("fixtures/lao-cai-2023/units.csv", "rb"))],
...                  entry, 10**6)
...     run = judge(entry, data, {})
...     run.result.scored, run.exit_code, run.shown("ranking of " + str(data.path))
(11, 0, 'ranking of units.csv')
"""
from __future__ import annotations

import datetime as dt
import html as html_lib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Optional

from ..audit.bundle import make_bundle, write_bundle
from ..core import progress
from ..core.models import Localized
from ..core.trace import Notice
from ..errors import UsageError
from ..render.html import render_html
from ..i18n.web import web
from ..tables.colmap import ColumnMap, Guess, guess_map
from ..tables.read import TableSource
from .rulesets import RuleSetEntry
from .uploads import LimitError, UploadError, Workspace, display_name, suffix_of, table_file

#: The folder of the workspace several CSV files (one per table) are placed in.
FOLDER = "data"


@dataclass
class Data:
    """What a request gave to judge: a file or folder in its workspace, or records."""
    path: Optional[Path]
    name: str
    size: int = 0
    records: Any = None

    @property
    def source(self) -> Any:
        return self.records if self.path is None else self.path


def place(ws: Workspace, files: list[tuple[Optional[str], BinaryIO]], entry: RuleSetEntry,
          max_bytes: int) -> Data:
    """Store uploaded files in ``ws``: one workbook or CSV file as ``input.<suffix>``, or several
    CSV files in a folder, each under the file name its table has in the rule set."""
    files = [(n, s) for n, s in files if n]
    if not files:
        raise UploadError(localized("err_no_file"))
    if len(files) == 1:
        name, stream = files[0]
        p = ws.store(stream, name, max_bytes)
        return Data(path=p, name=display_name(name), size=p.stat().st_size)
    if any(suffix_of(n) != ".csv" for n, _ in files):
        raise UploadError(localized("err_mixed"))
    tables = input_tables(entry)
    size = 0
    for name, stream in files:
        p = ws.store(stream, name, max_bytes, folder=FOLDER, as_name=table_file(name, tables))
        size += p.stat().st_size
    return Data(path=ws.file(FOLDER), name=", ".join(display_name(n) for n, _ in files),
                size=size)


def input_tables(entry: RuleSetEntry, year: int | None = None) -> list[Any]:
    """The tables a rule set reads (``Job.inputs``), and a title rule set's succession table."""
    model = entry.for_year(year).model
    tables = list(entry.job.inputs(model)) if entry.job.inputs else []
    extra = getattr(model, "successions", None)
    return tables + ([extra] if extra is not None else [])


def localized(key: str, **kw: Any) -> Localized:
    """A phrase of the web phrase book in both languages, for an error message."""
    return Localized(vi=web(key, "vi", **kw), en=web(key, "en", **kw))


def typed_period(entry: RuleSetEntry, given: dict[str, Any]) -> dict[str, Any]:
    """The job's options from strings (a form, a query), typed and checked by the job's own
    options model: blanks dropped, dates as people type them (31/12/2023 or 2023-12-31); an
    option the job does not take, or one it needs, is a :class:`UsageError` in the command
    line's words.

    >>> from .rulesets import RuleSets
    >>> typed_period(RuleSets.load(()).get("titles"), {"year": "2024", "decision_date": ""})
    {'year': 2024}
    >>> typed_period(RuleSets.load(()).get("lao-cai-2023"), {"level": "huyen"})
    Traceback (most recent call last):
    ...
    thiduakhenthuong.errors.UsageError: --level does not apply to a scoring rule set
    """
    raw = {k: v.strip() if isinstance(v, str) else v for k, v in given.items()
           if v is not None and not (isinstance(v, str) and not v.strip())}
    options = entry.job.options_for(**raw)
    return {k: getattr(options, k) for k in raw}


@dataclass
class Run:
    """A finished run: its result, the options it ran with and where its data was."""
    entry: RuleSetEntry
    options: Any
    result: Any
    data: Data
    reader: "Reading"

    @property
    def exit_code(self) -> int:
        """The command line's exit code: 1 when rows (or overrides) were rejected, else 0."""
        return 1 if self.result.rejected else 0

    def shown(self, text: str, how: str = "text") -> str:
        """``text`` with the workspace paths replaced by the upload's name (escaped for
        ``how``: 'text', 'html' or 'json')."""
        return shown(text, self.data, how)


def shown(text: str, data: Data, how: str = "text") -> str:
    """See :meth:`Run.shown`."""
    if data.path is None:
        return text
    esc: Callable[[str], str] = {"text": str, "html": html_lib.escape,
                                 "json": lambda s: json.dumps(s, ensure_ascii=False)[1:-1]}[how]
    p = str(data.path)
    if data.path.is_dir():
        text = text.replace(p + "/", "")
    return text.replace(p, esc(data.name))


def row_limit(max_rows: int) -> Callable[[str, int, Optional[int]], None]:
    """A progress listener that stops a run whose table read has more than ``max_rows`` rows,
    before it is validated or judged."""
    def check(phase: str, done: int, total: Optional[int]) -> None:
        if phase == "reading" and done > max_rows:
            raise LimitError(localized("err_too_many_rows", limit=f"{max_rows:,}"))
    return check


def listeners(*fs: Optional[Callable]) -> Callable[[str, int, Optional[int]], None]:
    """One progress listener calling each of ``fs`` (None skipped)."""
    live = [f for f in fs if f is not None]

    def call(phase: str, done: int, total: Optional[int]) -> None:
        for f in live:
            f(phase, done, total)
    return call


@dataclass
class Reading:
    """What the reader decided about an uploaded file: its notices (header row, sheet, totals,
    ...) and each header with the field it was matched to, and the headers to confirm."""
    notices: list[Notice] = field(default_factory=list)
    columns: list[Guess] = field(default_factory=list)
    answered: dict[str, Optional[str]] = field(default_factory=dict)

    @property
    def questions(self) -> list[Guess]:
        """Headers matched only by a guess, and not answered yet."""
        return [g for g in self.columns if g.how == "guess" and g.header not in self.answered]


def read_columns(entry: RuleSetEntry, data: Data, period: dict[str, Any],
                 answered: dict[str, Optional[str]]) -> Reading:
    """Each header of an uploaded file (one file) with the field of the main table it names,
    found as the reader finds it (:func:`..tables.colmap.guess_map`)."""
    if data.path is None or data.path.is_dir():
        return Reading(answered=answered)
    fields = input_tables(entry, period.get("year"))[0].fields
    guesses = guess_map(data.path, fields)
    out = []
    for g in guesses:
        if g.header in answered:
            f = answered[g.header]
            out.append(Guess(g.header, f, "map" if f else "none",
                             fields[f].title.vi if f in fields else ""))
        else:
            out.append(g)
    return Reading(columns=out, answered=answered)


def column_map(entry: RuleSetEntry, period: dict[str, Any],
               answers: dict[str, Optional[str]]) -> Optional[ColumnMap]:
    """The column map of the answers given in the page (header -> field, None: ignore); a field
    the rule set does not have is a :class:`UsageError`."""
    if not answers:
        return None
    fields = {}
    for t in input_tables(entry, period.get("year")):
        fields.update(t.fields if hasattr(t, "fields") else t.inputs)
    bad = [v for v in answers.values() if v is not None and v not in fields]
    if bad:
        raise UsageError(f"no such field in the rule set: {', '.join(bad)}",
                         suggestion="fields: " + ", ".join(fields))
    return ColumnMap(columns=dict(answers))


def judge(entry: RuleSetEntry, data: Data, period: dict[str, Any],
          answers: Optional[dict[str, Optional[str]]] = None, max_rows: int = 10**9,
          listener: Optional[Callable] = None, columns: bool = True) -> Run:
    """Run the entry's job on ``data`` with ``period`` (see :func:`typed_period`), the column map
    of ``answers`` and the row limit, reporting progress to ``listener``; ``columns`` also
    says how each header was matched (for the page; the API does not need it)."""
    answers = answers or {}
    options = entry.job.options_for(**period)
    cmap = column_map(entry, period, answers)
    src = data.source
    if cmap is not None and data.path is not None:
        src = TableSource(data.path, column_map=cmap)
    if data.records is not None and _too_many(data.records, max_rows):
        raise LimitError(localized("err_too_many_rows", limit=f"{max_rows:,}"))
    with progress.listening(listeners(row_limit(max_rows), listener)):
        result = entry.loaded.evaluate(src, **period)
    notices = [n for n in result.notices if n.code.startswith("reader_")]
    reading = read_columns(entry, data, period, answers) if columns else Reading(answered=answers)
    reading.notices = notices
    return Run(entry=entry, options=options, result=result, data=data, reader=reading)


def _too_many(records: Any, max_rows: int) -> bool:
    if isinstance(records, dict):
        return any(isinstance(v, list) and len(v) > max_rows for v in records.values())
    return isinstance(records, list) and len(records) > max_rows


# ----- what is downloaded ----------------------------------------------------------------------

def workbook(run: Run, ws: Workspace, lang: str) -> bytes:
    """The job's printable workbook (``Job.write``), as bytes."""
    target = ws.file("ket-qua.xlsx")
    with progress.listening(lambda *a: None):
        files = run.entry.job.write(run.result, target, lang)
    return Path(files[0]).read_bytes()


def report(run: Run, lang: str) -> str:
    """The HTML report (``tdkt report``) with the upload's name for the workspace path."""
    return run.shown(render_html(run.result, lang), "html")


def result_json(run: Run) -> str:
    """``result.to_json()`` with the upload's name for the workspace path."""
    return run.shown(run.result.to_json(), "json")


def bundle(run: Run, ws: Workspace) -> bytes:
    """The audit bundle of the run (``--bundle``); it records the workspace path of the input,
    which ``tdkt verify BUNDLE DATA`` does not need."""
    if run.data.path is None:
        raise UsageError("an audit bundle needs the data as an uploaded file")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    b = make_bundle(run.options, run.result, str(run.entry.path), str(run.data.path),
                    started_at=now, argv=["tdkt", "serve", run.entry.job.command, run.entry.id,
                                          run.data.name])
    return write_bundle(b, ws.file("ket-qua.tdkt.json")).read_bytes()
