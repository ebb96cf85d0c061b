"""thiduakhenthuong: evaluate Vietnamese emulation-and-commendation work by declarative rules.

>>> import thiduakhenthuong as tdkt
>>> rules = tdkt.load_rules("rules/lao-cai-2023")
>>> result = rules.score("fixtures/lao-cai-2023/units.csv")
>>> result.units[0].rank_overall
1
"""
from .jobs.scoring.trace import CriterionTrace, ScoreReport, UnitResult
from .core.trace import Notice, RejectedRow
from .jobs.scoring.result import ScoreResult
from .errors import InputFileError, RuleError, RuleErrors, TdktError
from .jobs.scoring.api import Rules, load_rules
from .jobs.titles.trace import TitleDecision, TitleReport
from .jobs.titles.result import TitleResult
from .jobs.titles.api import TitleRules, evaluate_titles, load_title_rules

__version__ = "0.1.0"
