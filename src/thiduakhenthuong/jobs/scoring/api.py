"""The public entry point: load a rule set, score data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...tables.validate import validate
from ...core.params import resolve
from .result import ScoreResult
from .engine import check_totals, score_columns
from ...errors import RuleError
from ...tables.read import read_table
from ...rulebook.source import Source, version_hash
from ...rulebook.load import read_rule_set
from .model import RuleSet


class Rules:
    """A loaded, checked rule set, ready to score data.

    >>> rules = load_rules("rules/lao-cai-2023")
    >>> rules.id, len(rules.model.criteria)
    ('lao-cai-2023', 13)
    """

    def __init__(self, model: RuleSet, source: Source, path: Path):
        self.model = model
        self.source = source
        self.path = path
        self.hash = version_hash(source)

    @property
    def id(self) -> str:
        return self.model.meta.id

    @property
    def version(self) -> str:
        return self.model.meta.version

    def score(self, data: Any, as_of: dt.date | str | None = None,
              engine: str = "columns") -> ScoreResult:
        """Score a table: a CSV/XLSX path, a pandas DataFrame, or a list of dicts.

        Column names may be field names or any declared alias (Vietnamese headers).
        ``as_of`` picks parameter values in force on that date (default: the rule set's period).
        ``engine``: 'columns' (batch) or 'rete' (the durable-rules network, Python 3.12 or older;
        same results, for checking and streaming).

        >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
        >>> res.units[0].rank_overall
        1
        """
        day = _day(as_of) if as_of is not None else self.model.meta.period.as_of
        try:
            params = resolve(self.model, day)
        except ValueError as e:
            raise RuleError(str(e), file=str(self.path)) from None
        raw = read_table(data, self.model.inputs)
        valid = validate(raw, self.model)
        if engine == "rete":
            from .network import score_columns_rete
            cols = score_columns_rete(self.model, params, valid, self.hash)
        elif engine == "columns":
            cols = score_columns(self.model, params, valid)
        else:
            raise ValueError(f"unknown engine '{engine}' (columns or rete)")
        notices = list(valid.notices) + check_totals(self.model, valid, params)
        return ScoreResult(self.model, self.hash, params, day, raw.source, valid, cols, notices)


def _day(v: dt.date | str) -> dt.date:
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(v)


def load_rules(path: str | Path) -> Rules:
    """Load and check a rule directory (or one YAML file).

    Raises :class:`~thiduakhenthuong.errors.RuleErrors` listing every problem with file and line.

    >>> load_rules("rules/lao-cai-2023").version
    '2023.1'
    """
    p = Path(path)
    model, source = read_rule_set(p)
    if not isinstance(model, RuleSet):
        raise RuleError("this is a title rule set; use evaluate_titles (tdkt titles)", file=str(p))
    return Rules(model, source, p)
