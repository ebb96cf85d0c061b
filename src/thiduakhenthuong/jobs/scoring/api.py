"""Scoring's entry points: load a scoring rule set, score data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ...core import progress
from ...core.dates import as_date
from ...core.job import check_engine
from ...core.params import resolve
from ...errors import RuleError
from ...expr.evaluate import Context
from ...rulebook.ruleset import LoadedRules, load
from ...select.overrides import apply_overrides
from ...tables.history import split_years
from ...tables.read import read_table
from ...tables.validate import ValidInputs, validate
from .engine import check_totals, score_columns
from .options import ScoreJob
from .result import ScoreResult


class Rules(LoadedRules):
    """A loaded, checked scoring rule set, ready to score data.

    >>> rules = load_rules("rules/lao-cai-2023")
    >>> rules.id, len(rules.model.criteria)
    ('lao-cai-2023', 13)
    """

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
        check_engine(engine)
        day = as_date(as_of) if as_of is not None else self.model.meta.period.as_of
        params = resolve(self.model, day, str(self.path))
        raw = read_table(data, self.model.inputs)
        valid, ctx, counts = self._validate(raw)
        with progress.phase("evaluating", total=len(valid)):
            if engine == "rete":
                # The network is imported only when asked for: durable-rules is optional.
                from .network import score_columns_rete
                cols = score_columns_rete(self.model, params, valid, self.hash, ctx)
            else:
                cols = score_columns(self.model, params, valid, ctx)
        notices = list(valid.notices) + check_totals(self.model, valid, params)
        res = ScoreResult(self, params, day, raw.source, valid, cols, notices)
        res.history_rows, res.ignored_rows = counts
        return res

    def _validate(self, raw: Any) -> tuple[ValidInputs, Context | None, tuple[int, int]]:
        """The rows to score, the history of years they read (if the rule set has one) and the
        number of history rows and of rows of other years."""
        m = self.model
        if m.history is not None:
            split = split_years(raw, m.inputs, m.checks, m.meta.period.year, m.history.years,
                                "", units=m.units)
            s = split.subjects
            rejected = [r.model_copy(update={"table": None}) for r in split.rejected]
            valid = ValidInputs(columns=s.cols, rows=s.rows, rejected=rejected,
                                notices=split.notices, rows_in=split.rows_in)
            return valid, Context(yearly=s.yearly), (split.history, split.ignored)
        also = m.scorers.field if m.scorers is not None else None
        return validate(raw, m, also_key=also), None, (0, 0)


def load_rules(path: str | Path) -> Rules:
    """Load and check a scoring rule set from a directory, a YAML file or a bundled name.

    Raises :class:`~thiduakhenthuong.errors.RuleErrors` listing every problem with file and line.

    >>> load_rules("rules/lao-cai-2023").version
    '2023.1'
    """
    rules = load(path)
    if not isinstance(rules, Rules):
        raise RuleError(f"this is a {rules.kind} rule set, not a scoring one", file=str(path),
                        suggestion="load it with tdkt.load() or evaluate it with tdkt.evaluate()")
    return rules


def run(options: ScoreJob, rules: str | Path | Rules, data: Any, scores: Any = None) -> ScoreResult:
    """Score ``data`` as ``options`` say (the job's entry for the generic parts)."""
    r = rules if isinstance(rules, Rules) else load_rules(rules)
    res = r.score(data, as_of=options.as_of)
    if options.overrides:
        apply_overrides(res, list(options.overrides))
    return res
