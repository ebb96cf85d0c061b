"""Jobs and their registry: what each kind of rule set provides to the parts that know no job.

A job (year-end scoring, honour titles, conference delegates, ...) is one package under
``jobs/``. It describes itself with one :class:`Job` and is registered under its rule-set kind
(``meta.kind`` in its rule files) through the entry-point group ``thiduakhenthuong.jobs`` of
the package metadata (``pyproject.toml``), the way OpenFisca loads a country package's
extensions. Loading rules, the HTML report, the workbook, the rule catalogue, ``tdkt diff``, the
audit bundle and the command line find a job here by kind and call what it registered; none of
them imports a job. A new job is one folder and one entry-point line (see
``docs/architecture.md``); a package outside this one can register a job the same way, or call
:func:`register`.

>>> get("scoring").command, get("titles").model.__name__
('score', 'TitleRuleSet')
>>> sorted(j.kind for j in jobs())
['delegates', 'scoring', 'titles']
"""
from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Callable, Optional

from pydantic import BaseModel, ConfigDict

from ..errors import TdktError, UsageError
from ..i18n.errors import errors as _error_words
from .models import Localized

#: The entry-point group a job registers in.
GROUP = "thiduakhenthuong.jobs"
#: The kind of a rule set whose ``meta`` names none (the first rule sets written were scoring).
DEFAULT_KIND = "scoring"


#: The engines a job can run on: column-wise (batch) or the durable-rules network (Rete).
ENGINES = ("columns", "rete")


def check_engine(engine: str) -> str:
    """``engine`` if it is one of :data:`ENGINES`, else a :class:`UsageError`."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine '{engine}'", suggestion=" or ".join(ENGINES))
    return engine


class JobOptions(BaseModel):
    """What a run needs besides its rules and data (the year judged, a conference level, ...):
    recorded in audit bundles so the run can be repeated. Each job subclasses it with a ``kind``
    literal naming its command."""
    model_config = ConfigDict(extra="forbid", frozen=True)

    def judged_year(self) -> Optional[int]:
        """The year these options judge, where the job judges years (it picks the regime)."""
        return None

    def regime_dates(self) -> tuple[Optional[dt.date], Optional[dt.date], Optional[str]]:
        """The decision date, dossier date and explicitly named regime folder that pick a
        legal regime, where the job takes them (see :mod:`..rulebook.regimes`)."""
        return None, None, None


@dataclass(frozen=True)
class CataloguePart:
    """A job's pages of the rule catalogue: the name book of its expressions, the lines about
    the rule set, and the sections listing its rules (see :mod:`..render.catalogue`)."""
    book: Callable[[Any], Any]
    about: Callable[[Any, Any], list]
    sections: Callable[[Any, Any], list[str]]


@dataclass(frozen=True)
class CasePart:
    """How a rule-author's test case reads a job's result (``tdkt test``): ``values(result,
    subject)`` gives a subject's checkable values by key (``total``, ``class``,
    ``points.<criterion>``...), ``explain(result, subject, key, lang)`` the lines of the
    explanation behind a key, and ``table`` names the table a spreadsheet case fills."""
    values: Callable[[Any, str], dict[str, Any]]
    explain: Callable[[Any, str, str, str], list[str]]
    table: Optional[str] = None


@dataclass(frozen=True)
class InputTable:
    """One table a job reads, as a blank workbook to fill shows it (``tdkt template``): the
    sheet (or CSV file) the reader looks for, its columns, the units to pre-fill (code and name,
    from the rule set's registry) and, for each column, what it is used for (criteria or
    conditions with their citations)."""
    key: str
    title: Localized
    sheet: str
    file: str
    fields: Any                                  # Mapping[str, InputField]
    units: Optional[list] = None                 # registry rows to pre-fill
    uses: dict = None                            # field -> ["CT7 Tiếp nhận máu [21/CTĐ-VP §II.7]"]
    long: bool = False                           # one row per subject per year (with history)
    required: bool = True


@dataclass(frozen=True)
class Job:
    """Everything the generic parts of the library need from one job.

    Fields are the job's own classes and functions; none is called at registration, so
    describing a job costs nothing until it is used."""
    kind: str                                   # meta.kind of its rule sets
    command: str                                # its CLI command; the kind of its options
    title: Localized                            # what the job decides, for listings
    model: type[BaseModel]                      # a rule set as validated from its YAML files
    check: Callable[[Any, Any], None]           # meaning checks (model, source); raise RuleErrors
    rules: type                                 # the loaded rule set (rulebook.ruleset)
    options: type[JobOptions]                   # see JobOptions
    run: Callable[..., Any]                     # run(options, rules, data, scores=None) -> result
    result: type                                # the result class (core.result.Result)
    summary: Callable[[Any], str]               # what a rule set holds, for `tdkt check`
    period: Callable[[Any], str]                # what it judges (years, dates), for `tdkt rules`
    page: Callable[[Any, str], Any]             # the HTML report's page (render.page.Page)
    write: Callable[[Any, Any, str], list]      # write(result, path, lang) -> files written
    catalogue: CataloguePart
    diff: Callable[[Any, Any, list], tuple]     # (old, new, definitions) -> (entries, compared)
    overrides: Optional[Callable[[Any, list], tuple[list, list]]] = None  # council decisions
    cases: Optional[CasePart] = None            # rule-author tests (rulebook.cases)
    inputs: Optional[Callable[[Any], list[InputTable]]] = None  # the tables a model reads

    def options_for(self, **given: Any) -> JobOptions:
        """The job's options from keyword arguments (None means not given); an option that
        does not apply, or a required one left out, is a :class:`UsageError` naming it.

        >>> get("titles").options_for(year=2024).year
        2024
        >>> get("scoring").options_for(level="huyen")
        Traceback (most recent call last):
        ...
        thiduakhenthuong.errors.UsageError: --level does not apply to a scoring rule set
        """
        fields = self.options.model_fields
        wrong = [k for k, v in given.items() if v is not None and k not in fields]
        if wrong:
            options = ", ".join("--" + k.replace("_", "-") for k in wrong)
            raise UsageError(options + f" does not apply to a {self.kind} rule set",
                             words=("option_not_for_kind", {
                                 "option": options, "kind": ("kind_" + self.kind, {})}))
        for name, f in fields.items():
            if f.is_required() and given.get(name) is None:
                option = "--" + name.replace("_", "-")
                said = "option_" + name
                raise UsageError(f"a {self.kind} rule set needs {option} ({f.description})",
                                 words=("option_needed", {
                                     "kind": ("kind_" + self.kind, {}), "option": option,
                                     "what": (said, {}) if said in _error_words else ""}))
        try:
            return self.options(**{k: v for k, v in given.items() if v is not None})
        except ValueError as e:
            raise UsageError(_first_error(e)) from None


def _first_error(e: ValueError) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"--{where.replace('_', '-')}: {first.get('msg', e)}"
    return str(e)


class UnknownJobError(TdktError):
    """No job is registered for a kind of rule set."""


_JOBS: dict[str, Job] = {}
_LOCK = threading.Lock()


def register(job: Job) -> Job:
    """Register ``job`` under its kind (replacing any job of that kind); returns it."""
    with _LOCK:
        _JOBS[job.kind] = job
    return job


def _entry_points() -> dict[str, metadata.EntryPoint]:
    return {ep.name: ep for ep in metadata.entry_points(group=GROUP)}


def get(kind: str) -> Job:
    """The job registered for rule sets of ``kind``; it is imported on first use."""
    job = _JOBS.get(kind)
    if job is not None:
        return job
    ep = _entry_points().get(kind)
    if ep is None:
        known = sorted(set(_JOBS) | set(_entry_points()))
        raise UnknownJobError(f"no job for rule sets of kind '{kind}'",
                              suggestion="known kinds: " + (", ".join(known) or
                                                            "none (is the package installed?)"))
    return register(ep.load())


def jobs() -> list[Job]:
    """Every registered job (each imported), in kind order."""
    for name in _entry_points():
        get(name)
    return [_JOBS[k] for k in sorted(_JOBS)]


def by_command(command: str) -> Job:
    """The job whose command (and options kind) is ``command``, e.g. 'score'."""
    for job in jobs():
        if job.command == command:
            return job
    raise UnknownJobError(f"no job runs the command '{command}'",
                          suggestion="commands: " + ", ".join(j.command for j in jobs()))


def of(obj: Any) -> Job:
    """The job of a result, loaded rule set or options object (its ``kind`` attribute, or for
    options, its command)."""
    if isinstance(obj, JobOptions):
        return by_command(getattr(obj, "kind"))
    return get(getattr(obj, "kind"))
