"""thiduakhenthuong: evaluate Vietnamese emulation-and-commendation work (thi đua, khen thưởng)
by declarative rules, with ranked, explained results.

>>> import thiduakhenthuong as tdkt
>>> rules = tdkt.load("lao-cai-2023")                # a bundled rule set, or a path
>>> result = tdkt.evaluate(rules, "fixtures/lao-cai-2023/units.csv")
>>> result.units[0].rank_overall, result.kind
(1, 'scoring')
>>> titles = tdkt.evaluate("titles", "fixtures/titles-lao-cai/titles.xlsx", year=2024)
>>> titles.get("p005")[0].title_id
'ldtt'

Every name below is imported on first use, so ``import thiduakhenthuong`` (and ``tdkt --help``)
loads neither pandas nor the jobs' models.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (EvaluationError, ExpressionError, InputError, InputFileError, NotJudgedError,
                     RuleError, RuleErrors, RulesError, TdktError, UsageError)

from .version import __version__

#: Public name -> module that defines it (relative to this package).
_LAZY: dict[str, str] = {
    # any kind of rule set
    "load": "rulebook.ruleset", "evaluate": "rulebook.ruleset", "LoadedRules": "rulebook.ruleset",
    "Regimes": "rulebook.ruleset", "Result": "core.result", "Job": "core.job",
    "register_job": "core.job", "Notice": "core.trace", "RejectedRow": "core.trace",
    "Problem": "core.trace", "Override": "core.trace",
    # scoring
    "load_rules": "jobs.scoring.api", "Rules": "jobs.scoring.api",
    "ScoreResult": "jobs.scoring.result", "ScoreReport": "jobs.scoring.trace",
    "UnitResult": "jobs.scoring.trace", "CriterionTrace": "jobs.scoring.trace",
    "Monitor": "jobs.scoring.monitor", "FactError": "jobs.scoring.monitor",
    "UnknownFieldError": "jobs.scoring.monitor",
    # titles
    "evaluate_titles": "jobs.titles.api", "load_title_rules": "jobs.titles.api",
    "TitleRules": "jobs.titles.api", "TitleResult": "jobs.titles.result",
    "TitleDecision": "jobs.titles.trace", "TitleReport": "jobs.titles.trace",
    # conferences
    "evaluate_delegates": "jobs.conferences.api", "check_plans": "jobs.conferences.api",
    "load_conference_rules": "jobs.conferences.api",
    "load_delegate_rules": "jobs.conferences.api", "ConferenceRules": "jobs.conferences.api",
    "DelegateResult": "jobs.conferences.result", "DelegateDecision": "jobs.conferences.trace",
    "DelegateReport": "jobs.conferences.trace", "PlanReport": "jobs.conferences.trace",
    # what people receive
    "render_html": "render.html", "write_html": "render.html",
    "verify_bundle": "audit.verify", "read_bundle": "audit.bundle", "make_bundle": "audit.bundle",
    "diff_rule_sets": "diff.compare", "apply_overrides": "select.overrides",
    "read_overrides": "select.overrides",
}
_ALIASES = {"register_job": "register"}

__all__ = sorted([*_LAZY, "__version__", "EvaluationError", "ExpressionError", "InputError",
                  "InputFileError", "NotJudgedError", "RuleError", "RuleErrors", "RulesError",
                  "TdktError", "UsageError"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'thiduakhenthuong' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{module}", __name__), _ALIASES.get(name, name))
    globals()[name] = value   # the next access costs nothing
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # what type checkers and editors see; nothing is imported at run time
    from .audit.bundle import make_bundle, read_bundle
    from .audit.verify import verify_bundle
    from .core.job import Job
    from .core.job import register as register_job
    from .core.result import Result
    from .core.trace import Notice, Override, Problem, RejectedRow
    from .diff.compare import diff_rule_sets
    from .jobs.conferences.api import (ConferenceRules, check_plans, evaluate_delegates,
                                       load_conference_rules, load_delegate_rules)
    from .jobs.conferences.result import DelegateResult
    from .jobs.conferences.trace import DelegateDecision, DelegateReport, PlanReport
    from .jobs.scoring.api import Rules, load_rules
    from .jobs.scoring.monitor import FactError, Monitor, UnknownFieldError
    from .jobs.scoring.result import ScoreResult
    from .jobs.scoring.trace import CriterionTrace, ScoreReport, UnitResult
    from .jobs.titles.api import TitleRules, evaluate_titles, load_title_rules
    from .jobs.titles.result import TitleResult
    from .jobs.titles.trace import TitleDecision, TitleReport
    from .render.html import render_html, write_html
    from .rulebook.ruleset import LoadedRules, Regimes, evaluate, load
    from .select.overrides import apply_overrides, read_overrides
