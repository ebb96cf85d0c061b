"""thiduakhenthuong: evaluate Vietnamese emulation-and-commendation work by declarative rules.

>>> import thiduakhenthuong as tdkt
>>> rules = tdkt.load_rules("rules/lao-cai-2023")
>>> result = rules.score("fixtures/lao-cai-2023/units.csv")
>>> result.units[0].rank_overall
1
"""
from .engine.results import (CriterionTrace, Notice, RejectedRow, ScoreReport, UnitResult)
from .engine.scored import ScoreResult
from .errors import InputFileError, RuleError, RuleErrors, TdktError
from .rules_api import Rules, load_rules
from .engine.title_results import TitleDecision, TitleReport
from .engine.titled import TitleResult
from .titles_api import TitleRules, evaluate_titles, load_title_rules

__version__ = "0.1.0"

__all__ = ["load_rules", "Rules", "ScoreResult", "ScoreReport", "UnitResult", "CriterionTrace",
           "RejectedRow", "Notice", "RuleError", "RuleErrors", "InputFileError", "TdktError",
           "evaluate_titles", "load_title_rules", "TitleRules", "TitleResult", "TitleDecision",
           "TitleReport", "__version__"]
