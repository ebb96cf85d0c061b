"""What an audit bundle records about a job, and how to run that job again.

A job is one of the batch commands with the options that change its result (never the output
language): scoring (``as_of``), titles (``year``, ``decision_date``, whether a scoring fed cluster
ranks) and delegates (``level``, ``as_of``). The same :func:`run_job` serves the bundle's author
and the verifier, so a re-run means exactly what the first run meant."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Union
from pydantic import Field
from ..render.rules_used import rules_used_rows
from ..jobs.conferences.options import DelegatesJob
from ..jobs.scoring.options import ScoreJob
from ..jobs.titles.options import TitlesJob


Job = Annotated[Union[ScoreJob, TitlesJob, DelegatesJob], Field(discriminator="kind")]


def run_job(job: ScoreJob | TitlesJob | DelegatesJob, rules: str | Path, data: str | Path,
            scores: tuple[str | Path, str | Path] | None = None) -> Any:
    """Run ``job`` on ``rules`` and ``data`` (and the scoring ``scores`` = (rules, data) for a
    titles job that used one), as the command line does; returns the library's result object.

    >>> res = run_job(ScoreJob(), "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> res.units[0].rank_overall
    1
    """
    from ..jobs.scoring.api import load_rules
    from ..select.overrides import apply_overrides
    if isinstance(job, ScoreJob):
        res = load_rules(rules).score(data, as_of=job.as_of)
        if job.overrides:
            apply_overrides(res, list(job.overrides))
        return res
    if isinstance(job, TitlesJob):
        from ..jobs.titles.api import evaluate_titles
        scored = load_rules(scores[0]).score(scores[1]) if job.scores and scores else None
        if job.scores and scored is None:
            raise ValueError("this titles job took cluster ranks from a scoring; give its rules "
                             "and data")
        res = evaluate_titles(rules, data, job.year, decision_date=job.decision_date,
                              scores=scored)
        if job.overrides:
            apply_overrides(res, list(job.overrides))
        return res
    from ..jobs.conferences.api import evaluate_delegates
    return evaluate_delegates(rules, data, job.level, as_of=job.as_of)


def rule_source(job: ScoreJob | TitlesJob | DelegatesJob, role: str,
                path: str | Path) -> tuple[Any, Any]:
    """The rule model and :class:`~..model.load.Source` the job reads from ``path``: for titles,
    the regime covering the year when ``path`` holds several.

    >>> model, src = rule_source(TitlesJob(year=2023), "rules", "rules/titles")
    >>> model.meta.regime.id, any("regime-2022" in f for f in src.files)
    ('law-2003', False)
    """
    from ..rulebook.load import read_rule_set
    if role == "rules" and isinstance(job, TitlesJob):
        from ..jobs.titles.api import load_title_rules
        tr = load_title_rules(path, job.year)
        return tr.model, tr.source
    return read_rule_set(Path(path))


def _kind(result: Any) -> str:
    from ..jobs.conferences.result import DelegateResult
    from ..jobs.scoring.result import ScoreResult
    from ..jobs.titles.result import TitleResult
    for cls, name in ((ScoreResult, "score"), (TitleResult, "titles"),
                      (DelegateResult, "delegates")):
        if isinstance(result, cls):
            return name
    raise TypeError(f"not a scoring, titles or delegates result: {type(result).__name__}")


def result_document(result: Any) -> dict[str, Any]:
    """The job's full JSON report (every decision with its trace) as plain data.

    >>> res = run_job(DelegatesJob(level="huyen"), "rules/thai-nguyen-2019",
    ...               "fixtures/thai-nguyen-2019")
    >>> doc = result_document(res)
    >>> doc["level"], doc["ruleset_hash"] == result_hash(res), result_sources(res)
    ('huyen', True, ['fixtures/thai-nguyen-2019/ung-vien.csv'])
    """
    _kind(result)
    return json.loads(result.to_json())


def result_hash(result: Any) -> str:
    """The version hash of the rules the result was computed with (example at
    :func:`result_document`)."""
    return result.ruleset_hash if _kind(result) == "score" else result.hash


def _result_model(result: Any) -> Any:
    return result.rules if _kind(result) == "score" else result.model


def result_sources(result: Any) -> list[str]:
    """The table sources the run read, as the result names them (``path`` or
    ``path[sheet]``; example at :func:`result_document`)."""
    return list(result.sources) if _kind(result) == "titles" else [result.source]


def result_parameters(result: Any) -> list[dict[str, Any]]:
    """The parameters in force for the run, with their titles in both languages.

    >>> res = run_job(ScoreJob(), "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> row = result_parameters(res)[0]
    >>> row["parameter"], sorted(row["title"])
    ('bonus_per_step', ['en', 'vi'])
    """
    model = _result_model(result)
    vi = rules_used_rows(model, result.params, "vi")
    en = rules_used_rows(model, result.params, "en")
    out = []
    for a, b in zip(vi, en):
        title = {"vi": a["title"], "en": b["title"]} if a["title"] and b["title"] else None
        out.append({**a, "title": title})
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
