"""A scoring monitor: figures arrive one fact at a time, decisions and alerts update as they do.

Each fact is checked against the rule model (unknown field, wrong type: a typed error naming the
field), merged into its unit's record (per field, the value reported as of the latest date wins),
run through the durable-rules network for that unit only, and the units are ranked again with the
batch engine's selection code. :meth:`Monitor.post` returns what changed.

Until the year-end figures are in, a unit is scored on what it has reported: a figure not yet
reported earns nothing and never raises an alert.
"""
from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from pathlib import Path
from typing import Any, Literal, Optional

import numpy as np
from pydantic import Field

from ...core.jsonable import plain
from ...core.models import Localized, Out
from ...core.params import resolve
from ...core.trace import Value
from ...errors import InputError, UsageError
from ...stream.compile import day_number
from ...stream.network import require
from ...tables.read import header_key, header_map, read_table
from ...tables.validate import ValidInputs, validate
from .api import Rules, load_rules
from ...expr.functions import GROUP_FUNCTIONS
from .engine import expressions
from .network import ScoringNetwork
from .result import ScoreResult
from .trace import UnitResult


class FactError(InputError):
    """A posted fact does not fit the rule model; ``field`` names the culprit."""

    def __init__(self, message: str, field: str | None = None, *,
                 suggestion: str | None = None):
        super().__init__(message, column=field, suggestion=suggestion)
        self.field = field


class UnknownFieldError(FactError):
    """A fact names a field the rule set does not declare (a misspelt field never matches)."""


class Standing(Out):
    """What a unit stands at: the decision a change is about."""
    total: float
    class_id: str
    rank_overall: int
    rank_cluster: int
    awards: list[str]


class Change(Out):
    """A unit's decision that changed with a fact: it entered the table, or its class, total,
    rank or awards moved."""
    unit_id: str
    kind: Literal["entered", "changed"]
    changed: list[str] = Field(description="which of total, class_id, rank_overall, "
                                           "rank_cluster, awards changed")
    before: Optional[Standing] = None
    after: Standing
    result: Optional[UnitResult] = Field(
        default=None, description="the explained result, where the unit's own decision changed "
                                  "(not for a unit that only moved a place in the ranking)")


class AlertRaised(Out):
    """An alert declared in the rule set, raised for a unit (once per unit and period)."""
    alert_id: str
    unit_id: str
    title: Localized
    cite: str
    severity: str
    as_of: dt.date
    expression: str
    values: dict[str, Value]


class Posted(Out):
    """What one :meth:`Monitor.post` did."""
    unit_id: str
    as_of: dt.date
    changes: list[Change]
    alerts: list[AlertRaised]


class PostedMany(Out):
    """What one :meth:`Monitor.post_many` did (changes carry no traces: ask ``result()``)."""
    facts: int
    changes: list[Change]
    alerts: list[AlertRaised]


class MonitorState(Out):
    """Everything needed to resume a monitor: the facts in the order posted and the alerts
    already raised. Restoring replays the facts on the same rule-set version."""
    schema_version: int = 1
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    period: int
    facts: list[dict[str, Any]]
    alerts_raised: list[tuple[str, str]]


class Monitor:
    """Streaming evaluation of a scoring rule set over one period.

    >>> from thiduakhenthuong.stream.network import AVAILABLE
    >>> if AVAILABLE:
    ...     m = Monitor("rules/lao-cai-2023")
    ...     p = m.post({"unit_id": "bat_xat", "as_of": "2023-09-30", "blood_units_target": 1000,
    ...                 "blood_units": 400})
    ...     [a.alert_id for a in p.alerts], [c.kind for c in p.changes]
    ... else:
    ...     (['blood_pace_q3'], ['entered'])
    (['blood_pace_q3'], ['entered'])
    """

    def __init__(self, rules: Rules | str | Path, period: int | None = None):
        require()
        self.rules = rules if isinstance(rules, Rules) else load_rules(rules)
        model = self.rules.model
        self.period = model.meta.period.year
        if period is not None and period != self.period:
            raise UsageError(f"the rule set {model.meta.id} judges {self.period}, not {period}")
        whole = [what for what, used in (
            ("several scorers per unit", model.scorers is not None),
            ("a history of years", model.history is not None),
            ("values computed over a group", any(c.func in GROUP_FUNCTIONS
                                                 for node in expressions(model)
                                                 for c in node.calls())))
            if used]
        if whole:
            # A posted fact changes one unit's row; these read other rows (or other years), so
            # every unit would have to be fired again: score the table in a batch instead.
            raise UsageError(f"the rule set {model.meta.id} uses {', '.join(whole)}: streaming "
                             "posts one unit at a time; score the whole table with tdkt score")
        self.key = next(n for n, f in model.inputs.items() if f.role == "key")
        # Until the year end any figure may still be missing: only the key is required.
        self._model = model.model_copy(update={"inputs": {
            n: f.model_copy(update={"required": n == self.key}) for n, f in model.inputs.items()}})
        self.as_of = model.meta.period.as_of
        self.params = resolve(model, self.as_of)
        self.network = ScoringNetwork(model, self.params, self.rules.hash)
        self._headers = header_map(model.inputs)
        self._records: dict[str, dict[str, tuple[int, int, Any]]] = {}  # field -> (day, seq, v)
        self._index: dict[str, int] = {}
        self._cols: dict[str, np.ndarray] = {}
        self._reported: list[dt.date] = []
        self._matrix = np.zeros((0, len(self.network.rule_ids)), dtype=bool)
        self._standing: dict[str, Standing] = {}
        self._last: dict[str, np.ndarray] = {}
        self._facts: list[dict[str, Any]] = []
        self._raised: set[tuple[str, str]] = set()
        self._seq = 0
        self._result: ScoreResult | None = None

    # -- facts in ------------------------------------------------------------------------------
    def _normalise(self, fact: dict[str, Any]) -> tuple[str, dt.date, dict[str, Any]]:
        if not isinstance(fact, dict):
            raise FactError(f"a fact is a mapping of field to value, not {type(fact).__name__}")
        out: dict[str, Any] = {}
        as_of = self.as_of
        for k, v in fact.items():
            if isinstance(v, str):
                v = unicodedata.normalize("NFC", v)
            hk = header_key(k)
            if hk in ("as_of", "ngày số liệu"):
                try:
                    as_of = v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))
                except ValueError:
                    raise FactError(f"as_of {v!r} is not a date (YYYY-MM-DD)", "as_of") from None
                continue
            name = self._headers.get(hk)
            if name is None:
                near = difflib.get_close_matches(str(k), list(self._model.inputs), n=1)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                raise UnknownFieldError(f"unknown field '{k}' for rule set "
                                        f"{self._model.meta.id}{hint}", str(k))
            out[name] = v
        unit = out.get(self.key)
        if unit is None or str(unit).strip() == "":
            raise FactError(f"a fact needs the unit key '{self.key}'", self.key)
        if as_of.year != self.period:
            raise FactError(f"as_of {as_of} is outside the period {self.period}", "as_of")
        return str(unit).strip(), as_of, out

    def post(self, fact: dict[str, Any]) -> Posted:
        """Merge one fact (a unit's figures as of a date) and return what changed.

        Keys are field names or any accepted header; ``as_of`` (default: the period's end) is
        the date the figures are as of. Raises :class:`FactError` without changing anything
        when the fact does not fit the rule model."""
        [(unit, as_of)], _, [i] = self._merge([fact])
        return Posted(unit_id=unit, as_of=as_of, changes=self._changes(unit),
                      alerts=self._alerts(unit, i, self._reported[i]))

    def post_many(self, facts: list[dict[str, Any]]) -> PostedMany:
        """Merge many facts at once (loading a backlog, restoring a state): one validation, the
        network run unit by unit in sessions, one ranking. All or nothing: a fact that does not
        fit raises :class:`FactError` (naming its position) and nothing is merged."""
        _, touched, index = self._merge(facts)
        changes = self._changes(None, traces=False)
        alerts = [a for u, i in zip(touched, index) for a in self._alerts(u, i,
                                                                          self._reported[i])]
        return PostedMany(facts=len(facts), changes=changes, alerts=alerts)

    def _merge(self, facts: list[dict[str, Any]]
               ) -> tuple[list[tuple[str, dt.date]], list[str], list[int]]:
        """Normalise and merge ``facts`` (per field, the latest reporting date wins), validate
        the records they touch, run those units through the network and store them. All or
        nothing. Returns each fact's (unit, as_of), the units touched and their row indexes."""
        many = len(facts) > 1
        records = {u: dict(r) for u, r in self._records.items()}
        seq = self._seq
        heads, normal = [], []
        latest: dict[str, int] = {}
        for k, fact in enumerate(facts):
            try:
                unit, as_of, values = self._normalise(fact)
            except FactError as e:
                if not many:
                    raise
                raise type(e)(f"fact {k + 1}: {e}", e.field) from None
            seq += 1
            day = day_number(as_of)
            latest[unit] = max(day, latest.get(unit, day))
            rec = records.setdefault(unit, {})
            for name, v in values.items():
                old = rec.get(name)
                if name != self.key and (old is None or (day, seq) >= old[:2]):
                    rec[name] = (day, seq, v)
            heads.append((unit, as_of))
            normal.append({"as_of": as_of.isoformat(), **{n: _plain(v)
                                                         for n, v in values.items()}})
        touched = list(latest)
        rows = [{self.key: u, **{n: v for n, (_, _, v) in records[u].items()}} for u in touched]
        valid = validate(read_table(rows, self._model.inputs), self._model)
        if valid.rejected:
            r = valid.rejected[0]
            p = r.problems[0]
            raise FactError((f"unit {r.unit_id}: " if many else "")
                            + f"{p.header or p.column}: {p.message.en}"
                            + (f" (value {p.value})" if p.value is not None else ""), p.column)
        self._records, self._seq = records, seq
        self._facts += normal
        # A unit is as recent as its newest figure (or, with none yet, its newest fact).
        days = np.array([max(d for d, _, _ in records[u].values()) if records[u] else latest[u]
                         for u in touched])
        fired = self.network.fire(valid, days)
        index = []
        for j, u in enumerate(touched):
            one = ValidInputs(columns={k: v[j:j + 1] for k, v in valid.columns.items()},
                              rows=valid.rows[j:j + 1], rejected=[])
            i = self._store(u, one, dt.date(1970, 1, 1) + dt.timedelta(days=int(days[j])))
            self._matrix[i] = fired[j]
            index.append(i)
        return heads, touched, index

    def _store(self, unit: str, valid: ValidInputs, reported: dt.date) -> int:
        i = self._index.get(unit)
        if i is None:
            i = len(self._index)
            self._index[unit] = i
            self._reported.append(reported)
            if i == len(self._matrix):  # grow by doubling: posting n units stays linear
                cap = max(16, 2 * i)
                self._matrix = np.vstack([self._matrix, np.zeros((cap - i, self._matrix.shape[1]),
                                                                 bool)])
                for name, col in self._cols.items():
                    self._cols[name] = np.concatenate([col, np.empty(cap - i, col.dtype)])
            for name, col in valid.columns.items():
                if name not in self._cols:
                    self._cols[name] = np.empty(len(self._matrix), col.dtype)
        else:
            self._reported[i] = reported
        for name, col in valid.columns.items():
            self._cols[name][i] = col[0]
        return i

    # -- decisions out -------------------------------------------------------------------------
    def result(self) -> ScoreResult:
        """Every unit's current explained result (the batch engine's typed result)."""
        if self._result is None:
            self._result = self._score()
        return self._result

    def _score(self) -> ScoreResult:
        n = len(self._index)
        valid = ValidInputs(columns={k: v[:n] for k, v in self._cols.items()},
                            rows=np.arange(1, n + 1), rejected=[], rows_in=n)
        cols = self.network.columns(valid, self._matrix[:n])
        return ScoreResult(self.rules, self.params, self.as_of, "monitor", valid, cols, [])

    def _changes(self, posted: str | None, traces: bool = True) -> list[Change]:
        """Units whose standing moved, compared column-wise with the last post. The posting unit
        and any unit whose total, class or awards changed carry their full explained result;
        a unit that only moved a place in the ranking carries its standing (its trace did not
        change; ``result().unit(id)`` gives it)."""
        res = self._result = self._score()
        cols = res.cols
        n = len(self._index)
        award_ids = list(cols.awards)
        now = {"total": cols.total, "class_id": cols.class_idx,
               "rank_overall": cols.ranked.rank_overall, "rank_cluster": cols.ranked.rank_group,
               "awards": np.stack([cols.awards[a] for a in award_ids], axis=1) if award_ids
               else np.zeros((n, 0), bool)}
        prev = self._last
        moved = {}
        for k, v in now.items():
            old = prev.get(k)
            if old is None:
                moved[k] = np.ones(n, dtype=bool)
                continue
            grown = np.ones(n, dtype=bool)
            m = len(old)
            same = old == v[:m] if v.ndim == 1 else (old == v[:m]).all(axis=1)
            grown[:m] = ~same
            moved[k] = grown
        self._last = {k: v.copy() for k, v in now.items()}
        any_moved = np.zeros(n, dtype=bool)
        for v in moved.values():
            any_moved |= v
        ids = list(self._index)
        classes = self.rules.model.classes
        out = []
        for i in np.nonzero(any_moved)[0]:
            uid = ids[i]
            after = Standing(total=float(cols.total[i]), class_id=classes[cols.class_idx[i]].id,
                             rank_overall=int(cols.ranked.rank_overall[i]),
                             rank_cluster=int(cols.ranked.rank_group[i]),
                             awards=[a for a in award_ids if cols.awards[a][i]])
            before = self._standing.get(uid)
            self._standing[uid] = after
            changed = [k for k in ("total", "class_id", "rank_overall", "rank_cluster", "awards")
                       if moved[k][i]]
            decided = traces and (uid == posted or bool({"total", "class_id", "awards"} &
                                                         set(changed)))
            out.append(Change(unit_id=uid, kind="entered" if before is None else "changed",
                              changed=changed, before=before, after=after,
                              result=res.unit(uid) if decided else None))
        return out

    def _alerts(self, unit: str, i: int, reported: dt.date) -> list[AlertRaised]:
        out = []
        for a in self.rules.model.alerts:
            if (unit, a.id) in self._raised or not self._matrix[i, self.network.index[
                    f"alert:{a.id}"]]:
                continue
            self._raised.add((unit, a.id))
            env = {n: c[i] for n, c in self._cols.items()}
            values = {nm: _plain(env[nm]) if nm in env else _plain(self.params[nm].value)
                      for nm in sorted(a.when.names()) if nm in env or nm in self.params}
            out.append(AlertRaised(alert_id=a.id, unit_id=unit, title=a.title, cite=a.cite,
                                   severity=a.severity, as_of=reported,
                                   expression=a.when.text(), values=values))
        return out

    # -- stop and resume -----------------------------------------------------------------------
    def export_state(self) -> MonitorState:
        """The facts so far and the alerts raised, to resume later with :meth:`restore`."""
        m = self.rules.model.meta
        return MonitorState(ruleset_id=m.id, ruleset_version=m.version,
                            ruleset_hash=self.rules.hash, period=self.period,
                            facts=list(self._facts), alerts_raised=sorted(self._raised))

    @classmethod
    def restore(cls, rules: Rules | str | Path, state: MonitorState | dict) -> "Monitor":
        """A monitor in the exported state; the rule set must be the exact version exported."""
        st = state if isinstance(state, MonitorState) else MonitorState.model_validate(state)
        mon = cls(rules)
        if st.ruleset_hash != mon.rules.hash:
            raise FactError(f"the state was exported from {st.ruleset_id} {st.ruleset_version} "
                            f"({st.ruleset_hash}); these rules are {mon.rules.hash}")
        mon._raised = {tuple(x) for x in st.alerts_raised}
        if st.facts:
            mon.post_many(st.facts)
        return mon


def _plain(v: Any) -> Any:
    """A posted value as the monitor's state keeps it: plain JSON, dates as ISO text."""
    v = plain(v.date() if isinstance(v, dt.datetime) else v)
    return v.isoformat() if isinstance(v, dt.date) else v
