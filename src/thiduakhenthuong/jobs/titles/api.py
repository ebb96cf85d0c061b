"""Public entry point for honour titles: pick the legal regime for the judged year, read the
people and units tables, decide every title."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...core.params import ResolvedParameter
from ...core.trace import Notice
from ...tables.history import split_years
from .result import TitleResult
from .engine import run_titles
from ...errors import RuleError
from ...tables.read import read_named_table
from ...rulebook.load import read_rule_set
from ...rulebook.source import version_hash
from ...core.models import Localized
from .model import TitleRuleSet
from ...tables.attested import expand_attested


class TitleRules:
    """A loaded title rule set (one legal regime)."""

    def __init__(self, model: TitleRuleSet, source, path: Path):
        self.model = model
        self.source = source
        self.path = path
        self.hash = version_hash(source)

    def covers(self, year: int) -> bool:
        r = self.model.meta.regime
        return r.from_year <= year <= r.to_year


def load_title_rules(path: str | Path, year: int, outside_years: bool = False) -> TitleRules:
    """The title rule set for ``year``: ``path`` is one regime's directory, or a directory of
    regimes from which the one covering the year is chosen.

    ``outside_years=True`` lets one named regime judge a year outside its declared range (to see
    what a change of law would have changed); :func:`evaluate_titles` then says so in a notice.
    It has no effect on a directory of regimes, which always picks the regime covering the year.

    >>> load_title_rules("rules/titles", 2023).model.meta.regime.id
    'law-2003'
    >>> load_title_rules("rules/titles", 2024).model.meta.regime.id
    'law-2022'
    >>> load_title_rules("rules/titles/regime-2022", 2023, outside_years=True).covers(2023)
    False
    """
    p = Path(path)
    if p.is_dir() and not any(p.glob("*.yaml")):
        # Directories starting with "_" hold shared files (included), not rule sets.
        candidates = [d for d in sorted(p.iterdir()) if d.is_dir() and any(d.glob("*.yaml"))
                      and not d.name.startswith("_")]
        loaded = []
        for d in candidates:
            model, src = read_rule_set(d)
            if isinstance(model, TitleRuleSet):
                loaded.append(TitleRules(model, src, d))
        hits = [r for r in loaded if r.covers(year)]
        if not hits:
            known = "; ".join(f"{r.path.name}: {r.model.meta.regime.from_year}–"
                              f"{r.model.meta.regime.to_year}" for r in loaded) or "none"
            raise RuleError(f"no title rule set covers the year {year} (regimes: {known})",
                            file=str(p))
        if len(hits) > 1:
            raise RuleError(f"several title rule sets cover {year}: "
                            + ", ".join(r.path.name for r in hits), file=str(p))
        return hits[0]
    model, src = read_rule_set(p)
    if not isinstance(model, TitleRuleSet):
        raise RuleError("not a title rule set (meta.kind must be 'titles')", file=str(p))
    rules = TitleRules(model, src, p)
    if not rules.covers(year) and not outside_years:
        r = model.meta.regime
        raise RuleError(f"this rule set judges the years {r.from_year}–{r.to_year}, not {year}",
                        file=str(p))
    return rules


def evaluate_titles(rules: str | Path | TitleRules, data: Any, year: int,
                    decision_date: dt.date | str | None = None, scores: Any = None,
                    outside_years: bool = False, engine: str = "columns") -> TitleResult:
    """Decide every title for the people and units judged in ``year``.

    ``data``: a workbook with the people and units sheets, a directory with their CSV files, a
    mapping ``{"people": ..., "units": ...}`` (paths, DataFrames or records), or a people table
    alone (no collective titles then). ``decision_date`` (default: the rule set's usual day in
    the following year) fixes the base salary for prize money and the 12-month discipline window.
    ``scores``: a :class:`~thiduakhenthuong.jobs.scoring.result.ScoreResult` of the same year, whose
    cluster ranks are used for the emulation flag. ``outside_years``: see
    :func:`load_title_rules`; a regime judging a year outside its range always adds the notice
    ``regime_outside_years``. ``engine``: 'columns' (batch) or 'rete' (the durable-rules
    network, Python 3.12 or older; same decisions, much slower).

    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> res.model.meta.regime.id, res.counts()["rejected"]
    ('law-2003', 0)
    """
    tr = rules if isinstance(rules, TitleRules) else load_title_rules(rules, year, outside_years)
    model = tr.model
    if decision_date is None:
        d = model.meta.decision
        day = dt.date(year + 1, d.month, d.day)
    else:
        day = decision_date if isinstance(decision_date, dt.date) else \
            dt.date.fromisoformat(str(decision_date))
    params: dict[str, ResolvedParameter] = {}
    for name, p in model.parameters.items():
        try:
            dv = p.as_of(day)
        except ValueError as e:
            raise RuleError(f"parameter '{name}': {e}", file=str(tr.path)) from None
        params[name] = ResolvedParameter(name, dv.value, dv.from_, p.basis, None)
    meta = model.meta
    units_raw = read_named_table(data, "units", meta.units.sheet, meta.units.file,
                                 expand_attested(model.unit_inputs), required=False)
    people_raw = read_named_table(data, "people", meta.people.sheet, meta.people.file,
                                  expand_attested(model.inputs), required=True)
    sources = [people_raw.source] + ([units_raw.source] if units_raw is not None else [])
    hist = meta.history_years
    notices: list[Notice] = []
    units = None
    member_unit = None
    if units_raw is not None:
        units = split_years(units_raw, model.unit_inputs, model.unit_checks, year, hist, "units")
        if scores is not None:
            notices += _apply_scores(units, scores, year)
    unit_field = next(n for n, f in model.inputs.items() if f.role == "unit")
    raw_units, in_year = _judged_units(people_raw, model, year, unit_field)
    unknown: dict[str, Localized] = {}
    if units is not None:
        known = pd.Index(units.subjects.ids)
        stray = in_year & (raw_units != "") & (known.get_indexer(raw_units) < 0)
        pids = people_raw.frame[_key(model.inputs)].astype(str).str.strip().to_numpy()
        for pid, uid in zip(pids[stray].tolist(), raw_units[stray].tolist()):
            unknown[pid] = Localized(vi=f"đơn vị '{uid}' không có trong bảng tập thể năm {year}",
                                     en=f"unit '{uid}' is not in the units table for {year}")
    people = split_years(people_raw, model.inputs, model.checks, year, hist, "people", unknown)
    ghost_rows: dict[int, list[int]] = {}
    ghosts = None
    if units is not None:
        member_unit = pd.Index(units.subjects.ids).get_indexer(people.subjects.cols[unit_field])
        # Members whose judged row was rejected still count, as members about whom nothing is
        # known, so their unit is never judged on part of its members.
        pos = {int(r): i for i, r in enumerate(people_raw.rows)}
        uidx = pd.Index(units.subjects.ids).get_indexer(raw_units)
        ghosts = np.zeros(len(units.subjects), dtype=np.int64)
        for r in people.rejected:
            i = pos.get(r.row)
            if i is not None and in_year[i] and uidx[i] >= 0:
                ghosts[uidx[i]] += 1
                ghost_rows.setdefault(int(uidx[i]), []).append(r.row)
    notices = people.notices + (units.notices if units else []) + notices
    if not tr.covers(year):
        notices.append(_outside_notice(model, year))
    decide = None
    if engine == "rete":
        from .network import NetworkDecider
        decide = NetworkDecider(model, tr.hash)
    elif engine != "columns":
        raise ValueError(f"unknown engine '{engine}' (columns or rete)")
    cols = run_titles(model, params, people.subjects, units.subjects if units else None, year,
                      day, member_unit, ghosts, decide=decide)
    return TitleResult(model, tr.hash, params, year, day, sources, people, units, cols, notices,
                       member_unit, ghost_rows)


def _outside_notice(model: TitleRuleSet, year: int) -> Notice:
    """A regime judging a year it does not declare is never silent: the run says so."""
    r = model.meta.regime
    return Notice(code="regime_outside_years", details={"regime": r.id, "from_year": r.from_year,
                                                        "to_year": r.to_year, "year": year},
                  message=Localized(
                      vi=f"bộ quy tắc {model.meta.id} ({r.id}) áp dụng cho các năm {r.from_year}–"
                         f"{r.to_year}, nhưng được dùng để xét năm {year} ngoài phạm vi đó",
                      en=f"rule set {model.meta.id} ({r.id}) covers the years {r.from_year}–"
                         f"{r.to_year} but was applied to {year}, outside its declared years"))


def _judged_units(raw, model: TitleRuleSet, year: int, unit_field: str):
    """Each raw row's unit id (stripped) and whether the row is of the judged year."""
    from ...tables.validate import parse_numbers
    n = len(raw.frame)
    yname = next(nm for nm, f in model.inputs.items() if f.role == "year")
    if yname not in raw.frame.columns or unit_field not in raw.frame.columns:
        return np.full(n, "", dtype=object), np.zeros(n, dtype=bool)
    years, _ = parse_numbers(raw.frame[yname], integer=True)
    units = raw.frame[unit_field].astype(str).str.strip().to_numpy(dtype=object)
    units[raw.frame[unit_field].isna().to_numpy()] = ""
    return units, years == year


def _key(fields) -> str:
    return next(n for n, f in fields.items() if f.role == "key")


def _apply_scores(units, scores, year: int) -> list[Notice]:
    """Take cluster ranks from a year-end scoring of the same year."""
    if scores.as_of.year != year:
        return [Notice(code="scores_other_year", message=Localized(
            vi=f"kết quả chấm điểm là của năm {scores.as_of.year}, không dùng cho năm {year}",
            en=f"the scoring is for {scores.as_of.year}; not used for {year}"))]
    ranks = {u.unit_id: u.rank_cluster for u in scores.units}
    s = units.subjects
    col = s.cols["cluster_rank"].copy()
    changed = []
    for i, uid in enumerate(s.ids.tolist()):
        if uid in ranks:
            if not np.isnan(col[i]) and col[i] != ranks[uid]:
                changed.append(f"{uid}: {int(col[i])} → {ranks[uid]}")
            col[i] = ranks[uid]
    s.cols["cluster_rank"] = col
    s.yearly["cluster_rank"][:, -1] = col
    out = [Notice(code="scores_used", message=Localized(
        vi=f"hạng trong cụm lấy từ kết quả chấm điểm {scores.rules.meta.id}",
        en=f"cluster ranks taken from the scoring {scores.rules.meta.id}"))]
    if changed:
        out.append(Notice(code="scores_override", message=Localized(
            vi="hạng trong cụm khác bảng tập thể, dùng kết quả chấm điểm: " + "; ".join(changed),
            en="cluster ranks differ from the units table; the scoring's are used: "
               + "; ".join(changed))))
    return out
