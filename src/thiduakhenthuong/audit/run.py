"""What an audit bundle records about a job, and how to run that job again.

A job is one of the batch commands with the options that change its result (never the output
language), as the job registered them (``Job.options``): scoring (``as_of``), titles (``year``,
``decision_date``, whether a scoring fed cluster ranks) and delegates (``level``, ``as_of``). The same :func:`run_job` serves the bundle's author
and the verifier, so a re-run means exactly what the first run meant."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BeforeValidator, SerializeAsAny

from ..core import job as jobs
from ..core.job import JobOptions
from ..errors import UsageError
from ..render.rules_used import rules_used_rows
from ..rulebook.ruleset import Regimes, load


def _options(v: Any) -> Any:
    if isinstance(v, JobOptions) or not isinstance(v, dict) or "kind" not in v:
        return v
    return jobs.by_command(str(v["kind"])).options.model_validate(v)


#: A job's options in a bundle: read back as the options class of the job its ``kind`` names.
Job = Annotated[SerializeAsAny[JobOptions], BeforeValidator(_options)]


def run_job(job: JobOptions, rules: str | Path, data: str | Path,
            scores: tuple[str | Path, str | Path] | None = None) -> Any:
    """Run ``job`` on ``rules`` and ``data`` (and the scoring ``scores`` = (rules, data) for a
    titles job that used one), as the command line does; returns the library's result object.

    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> res = run_job(ScoreJob(), "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> res.units[0].rank_overall
    1
    """
    return jobs.of(job).run(job, rules, data, scores)


def rule_source(job: JobOptions, role: str, path: str | Path) -> tuple[Any, Any]:
    """The rule model and :class:`~thiduakhenthuong.rulebook.source.Source` the job reads from
    ``path``: when ``path`` holds rule sets by regime, the one covering the year judged.

    >>> from thiduakhenthuong.jobs.titles.options import TitlesJob
    >>> model, src = rule_source(TitlesJob(year=2023), "rules", "rules/titles")
    >>> model.meta.regime.id, any("regime-2022" in f for f in src.files)
    ('law-2003', False)
    """
    loaded = load(path)
    if isinstance(loaded, Regimes):
        year = job.judged_year() if role == "rules" else None
        if year is None:
            raise UsageError(f"{path} holds several rule sets; the year judged picks one")
        decided, dossier, regime = job.regime_dates()
        named = [m for m in loaded if regime is not None and m.path.name == regime]
        loaded = named[0] if named else loaded.choose(year, decided, dossier)[0]
    return loaded.model, loaded.source


def result_document(result: Any) -> dict[str, Any]:
    """The job's full JSON report (every decision with its trace) as plain data.

    >>> from thiduakhenthuong.jobs.conferences.options import DelegatesJob
    >>> res = run_job(DelegatesJob(level="huyen"), "rules/thai-nguyen-2019",
    ...               "fixtures/thai-nguyen-2019")
    >>> doc = result_document(res)
    >>> doc["level"], doc["ruleset_hash"] == res.rules.hash, res.sources[0]
    ('huyen', True, 'fixtures/thai-nguyen-2019/ung-vien.csv')
    """
    return json.loads(result.to_json())


def result_parameters(result: Any) -> list[dict[str, Any]]:
    """The parameters in force for the run, with their titles in both languages.

    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> res = run_job(ScoreJob(), "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> row = result_parameters(res)[0]
    >>> row["parameter"], sorted(row["title"])
    ('apply_news_deduction', ['en', 'vi'])
    """
    vi = rules_used_rows(result.model, result.params, "vi")
    en = rules_used_rows(result.model, result.params, "en")
    out = []
    for a, b in zip(vi, en):
        title = {"vi": a["title"], "en": b["title"]} if a["title"] and b["title"] else None
        out.append({**a, "title": title, "basis": {"vi": a["basis"], "en": b["basis"]}})
    return out


def input_files(data: Path, sources: list[str]) -> list[tuple[str, Path]]:
    """(name, path) of each file read: ``data`` itself, or the files of directory ``data`` that
    ``sources`` name, sorted by name.

    >>> [n for n, _ in input_files(Path("fixtures/titles-lao-cai"),
    ...                            ["fixtures/titles-lao-cai/tap-the.csv",
    ...                             "fixtures/titles-lao-cai/ca-nhan.csv"])]
    ['ca-nhan.csv', 'tap-the.csv']
    """
    if not data.is_dir():
        return [(data.name, data)]
    root = data.resolve()
    found: dict[str, Path] = {}
    for s in sources:
        p = Path(s)
        if not p.exists() and s.endswith("]") and "[" in s:
            p = Path(s[:s.rindex("[")])
        if p.is_file():
            try:
                name = p.resolve().relative_to(root).as_posix()
            except ValueError:
                continue
            found[name] = p
    return sorted(found.items())
