"""Public entry point for honour titles: pick the legal regime for the judged year, read the
people and units tables, decide every title."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...core import progress
from ...core.dates import as_date
from ...core.job import check_engine
from ...core.models import Localized
from ...core.params import resolve
from ...core.trace import Notice
from ...errors import RuleError, UsageError
from ...rulebook.regimes import RegimeChoice, named
from ...rulebook.ruleset import LoadedRules, Regimes, load
from ...select.overrides import apply_overrides
from ...tables.attested import expand_attested
from ...tables.history import split_years
from ...tables.read import read_named_table
from ...tables.succession import SuccessionTable, read_successions, unit_ids
from .engine import run_titles
from .model import TitleRuleSet
from .result import TitleResult
from ...tables.validate import parse_numbers


class TitleRules(LoadedRules):
    """A loaded title rule set: one legal regime and the years it judges."""


def choose_title_rules(path: str | Path | LoadedRules | Regimes, year: int,
                       decision_date: dt.date | str | None = None,
                       dossier_date: dt.date | str | None = None, regime: str | None = None,
                       outside_years: bool = False) -> tuple[TitleRules, RegimeChoice]:
    """The title rule set governing ``year`` and why: from a directory of regimes, the one its
    declared rule picks for the decision date (and dossier date); ``regime`` names one member
    folder to apply instead; a single regime's folder is applied as named.

    ``outside_years=True`` lets a named regime judge a year outside its declared years (to see
    what a change of law would have changed); the run then says so in a notice.

    >>> rules, why = choose_title_rules("titles", 2025)
    >>> rules.model.meta.regime.id, why.rule_set
    ('decree-152', 'regime-2025')
    >>> choose_title_rules("titles", 2025, regime="regime-2022")[1].by
    'explicit'
    """
    tr, why, _ = _choose(path, year, decision_date, dossier_date, regime, outside_years)
    return tr, why


def _choose(path: Any, year: int, decision_date: Any, dossier_date: Any, regime: str | None,
            outside_years: bool) -> tuple[TitleRules, RegimeChoice, TitleRules | None]:
    """:func:`choose_title_rules`, with the newer regime that applies instead where it is more
    favourable (when the transitional rule says so)."""
    if isinstance(path, LoadedRules):
        outside_years = True          # a rule set handed over loaded is applied as given
    loaded = path if isinstance(path, (LoadedRules, Regimes)) else load(path)
    decided = as_date(decision_date) if decision_date is not None else None
    dossier = as_date(dossier_date) if dossier_date is not None else None
    if isinstance(loaded, Regimes):
        if regime is not None:
            named_one = [m for m in loaded if regime in (m.path.name, m.label) or
                         (m.base is not None and m.base.name == regime) or
                         (m.regime is not None and m.regime.id == regime)]
            if not named_one:
                raise UsageError(f"no regime '{regime}' in {loaded.path}",
                                 suggestion="regimes: " + ", ".join(m.label for m in loaded))
            loaded, outside_years = named_one[0], True
        else:
            chosen, why = loaded.choose(year, decided, dossier)
            newer = next((m for m in loaded if m.label == why.compare_with), None)
            return (_title_rules(chosen, path), why,
                    None if newer is None else _title_rules(newer, path))
    elif regime is not None:
        raise UsageError("--regime picks one regime of a directory of regimes; this is a "
                         "single rule set")
    tr = _title_rules(loaded, path)
    if not tr.covers(year) and not outside_years:
        r = tr.regime
        raise RuleError(f"this rule set judges the years {r.from_year}–{r.to_year}, not {year}",
                        file=str(tr.path),
                        suggestion="judge it through its directory of regimes, or name the "
                                   "regime explicitly to apply it outside its years")
    day = decided or _default_day(tr.model, year)
    return tr, named(tr, year, day, dossier), None


def _title_rules(loaded: Any, path: Any) -> TitleRules:
    if not isinstance(loaded, TitleRules):
        raise RuleError(f"this is a {loaded.kind} rule set, not a title one", file=str(path),
                        suggestion="meta.kind must be 'titles'")
    return loaded


def _default_day(model: TitleRuleSet, year: int) -> dt.date:
    d = model.meta.decision
    return dt.date(year + 1, d.month, d.day)


def load_title_rules(path: str | Path, year: int, outside_years: bool = False) -> TitleRules:
    """The title rule set for ``year`` (see :func:`choose_title_rules`).

    >>> load_title_rules("rules/titles", 2023).model.meta.regime.id
    'law-2003'
    >>> load_title_rules("titles", 2024).model.meta.regime.id
    'law-2022'
    >>> load_title_rules("rules/titles/regime-2022", 2023, outside_years=True).covers(2023)
    False
    """
    return choose_title_rules(path, year, outside_years=outside_years)[0]


def evaluate_titles(rules: str | Path | TitleRules | Regimes, data: Any, year: int,
                    decision_date: dt.date | str | None = None, scores: Any = None,
                    outside_years: bool = False, engine: str = "columns",
                    dossier_date: dt.date | str | None = None,
                    regime: str | None = None) -> TitleResult:
    """Decide every title for the people and units judged in ``year``.

    ``data``: a workbook with the people and units sheets, a directory with their CSV files, a
    mapping ``{"people": ..., "units": ...}`` (paths, DataFrames or records), or a people table
    alone (no collective titles then). ``decision_date`` (default: the rule set's usual day in
    the following year) fixes the base salary for prize money, the 12-month discipline window
    and, with ``dossier_date`` (the day the dossier was received), the legal regime that governs
    (:func:`choose_title_rules`; ``regime`` names one instead). The result's ``regime_choice``
    says which regime applied and why.
    ``scores``: a :class:`~thiduakhenthuong.jobs.scoring.result.ScoreResult` of the same year, whose
    cluster ranks are used for the emulation flag. ``outside_years``: see
    :func:`choose_title_rules`; a regime judging a year outside its range always adds the notice
    ``regime_outside_years``. ``engine``: 'columns' (batch) or 'rete' (the durable-rules
    network, Python 3.12 or older; same decisions, much slower).

    >>> res = evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx", year=2023)
    >>> res.model.meta.regime.id, res.counts()["rejected"], res.regime_choice.by
    ('law-2003', 0, 'decision_date')
    """
    tr, why, newer = _choose(rules, year, decision_date, dossier_date, regime, outside_years)
    res = _evaluate(tr, data, year, why.decision_date, scores, engine, why)
    if newer is not None:
        res.notices.extend(_more_favourable(res, _evaluate(newer, data, year, why.decision_date,
                                                           scores, engine, why)))
    return res


def _evaluate(tr: TitleRules, data: Any, year: int, day: dt.date, scores: Any, engine: str,
              why: RegimeChoice) -> TitleResult:
    model = tr.model
    params = resolve(model, day, str(tr.path))
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
    succ, policy = _successions(model, params, data, units_raw)
    if succ.source is not None:
        sources.append(succ.source)
    if units_raw is not None:
        carries, carry_notices = {}, []
        for uid in sorted({s.to_unit for s in succ.in_force(year)}):
            carries[uid], found = succ.carries(uid, year, policy)
            carry_notices += found
        ended = {uid: _ended(s, year, model) for uid, s in succ.ended(year).items()}
        units = split_years(units_raw, model.unit_inputs, model.unit_checks, year, hist, "units",
                            ended, carries=carries)
        notices += carry_notices
        if scores is not None:
            notices += _apply_scores(units, scores, year)
    notices += succ.notices + _later_notice(succ, year)
    unit_field = next(n for n, f in model.inputs.items() if f.role == "unit")
    raw_units, in_year = _judged_units(people_raw, model, year, unit_field)
    unknown: dict[str, Localized] = {}
    if units is not None:
        known = pd.Index(units.subjects.ids)
        stray = in_year & (raw_units != "") & (known.get_indexer(raw_units) < 0)
        pids = people_raw.frame[_key(model.inputs)].astype(str).str.strip().to_numpy()
        for pid, uid in zip(pids[stray].tolist(), raw_units[stray].tolist()):
            unknown[pid] = _stray(uid, year, succ, model)
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
    if why.by == "explicit" and not tr.covers(year):
        notices.append(_outside_notice(model, year))
    caveats = [c.message for c in model.meta.regime.caveats if c.from_ <= day]
    notices += [Notice(code="regime_caveat", message=c) for c in caveats]
    check_engine(engine)
    decide = None
    if engine == "rete":
        # The network is imported only when asked for: durable-rules is optional.
        from .network import NetworkDecider
        decide = NetworkDecider(model, tr.hash)
    with progress.phase("evaluating", total=len(people.subjects)):
        cols = run_titles(model, params, people.subjects, units.subjects if units else None,
                          year, day, member_unit, ghosts, decide=decide)
    return TitleResult(tr, params, year, day, sources, people, units, cols, notices,
                       member_unit, ghost_rows, regime_choice=why, caveats=caveats,
                       successions=succ, merger_policy=policy,
                       unit_names=_unit_names(units_raw, model))


def _successions(model: TitleRuleSet, params: dict, data: Any,
                 units_raw: Any) -> tuple[SuccessionTable, str]:
    """The succession table read with the data (empty when the data have none) and the merger
    policy in force."""
    spec = model.successions
    policy = str(params["merger_history"].value) if "merger_history" in params else "all"
    if spec is None:
        return SuccessionTable(), policy
    raw = read_named_table(data, "successions", spec.sheet, spec.file, spec.inputs,
                           required=False)
    return read_successions(raw, spec.inputs, unit_ids(units_raw, _key(model.unit_inputs))), \
        policy


def _kind_label(model: TitleRuleSet, kind: str) -> Localized:
    f = model.successions.inputs["kind"] if model.successions is not None else None
    label = (f.labels or {}).get(kind) if f is not None else None
    return label or Localized(vi=kind, en=kind)


def _ended(s: Any, year: int, model: TitleRuleSet) -> Localized:
    """Why a unit's judged row is rejected: a rename or merger ended it before the year's end."""
    day = s.on.strftime("%d/%m/%Y")
    kind = _kind_label(model, s.kind)
    return Localized(
        vi=f"đơn vị đã kết thúc ngày {day} ({kind.vi.lower()} vào '{s.to_unit}', văn bản "
           f"{s.document}, dòng {s.row} bảng kế thừa): năm {year} được xét cho đơn vị kế thừa",
        en=f"the unit ended on {day} ({kind.en.lower()} into '{s.to_unit}', document "
           f"{s.document}, succession row {s.row}): {year} is judged for its successor")


def _stray(uid: str, year: int, succ: SuccessionTable, model: TitleRuleSet) -> Localized:
    """Why a person's judged row names a unit that is not judged, with its successors when the
    succession table has them."""
    after = succ.successors(uid, year)
    if not after:
        return Localized(vi=f"đơn vị '{uid}' không có trong bảng tập thể năm {year}",
                         en=f"unit '{uid}' is not in the units table for {year}")
    names = ", ".join(f"'{s.to_unit}'" for s in after)
    s = after[0]
    day = s.on.strftime("%d/%m/%Y")
    return Localized(
        vi=f"đơn vị '{uid}' không có trong bảng tập thể năm {year}: từ {day} "
           f"({s.document}) được kế thừa bởi {names}; ghi đơn vị mới của người này",
        en=f"unit '{uid}' is not in the units table for {year}: from {day} ({s.document}) it "
           f"was succeeded by {names}; give this person's new unit")


def _later_notice(succ: SuccessionTable, year: int) -> list[Notice]:
    later = succ.later(year)
    if not later:
        return []
    rows = ", ".join(str(s.row) for s in later)
    return [Notice(code="succession_later", details={"count": len(later)}, message=Localized(
        vi=f"{len(later)} dòng bảng kế thừa có ngày hiệu lực sau năm {year} (dòng {rows}): "
           "không áp dụng khi xét năm này",
        en=f"{len(later)} succession row(s) take effect after {year} (rows {rows}): not applied "
           "when judging it"))]


def _unit_names(units_raw: Any, model: TitleRuleSet) -> dict[str, str]:
    """Each unit's latest name in the units table, any year (for units no longer judged)."""
    if units_raw is None:
        return {}
    frame = units_raw.frame
    key = _key(model.unit_inputs)
    name = next((n for n, f in model.unit_inputs.items() if f.role == "name"), None)
    yname = next(n for n, f in model.unit_inputs.items() if f.role == "year")
    if name is None or name not in frame.columns or key not in frame.columns:
        return {}
    years = parse_numbers(frame[yname], integer=True)[0] if yname in frame.columns \
        else np.zeros(len(frame))
    out: dict[str, tuple[float, str]] = {}
    for uid, n, y in zip(frame[key].tolist(), frame[name].tolist(), years.tolist()):
        uid = "" if uid is None or uid != uid else str(uid).strip()
        n = "" if n is None or n != n else str(n).strip()
        y = -1.0 if y != y else y
        if uid and n and (uid not in out or y >= out[uid][0]):
            out[uid] = (y, n)
    return {k: v[1] for k, v in out.items()}


def _more_favourable(res: TitleResult, newer: TitleResult) -> list[Notice]:
    """Where the newer regime is more favourable to a subject than the one applied (a title it
    would propose that the applied one does not), one notice naming them: the transitional rule
    applies the newer text to them."""
    old = res.to_frame()
    new = newer.to_frame()
    key = ["subject", "subject_id", "title_id"]
    both = old.merge(new, on=key, how="inner", suffixes=("", "_new"))
    better = both[~both["proposed"] & both["proposed_new"]]
    if better.empty:
        return []
    who = [f"{r.subject_id}: {r.title_id}" for r in better.itertuples()]
    name = newer.model.meta.regime.title
    return [Notice(code="more_favourable_under_new", details={"count": len(who)},
                   message=Localized(
                       vi=f"{name.vi} có lợi hơn cho {len(who)} trường hợp ({', '.join(who)}): "
                          "theo quy định chuyển tiếp, áp dụng văn bản mới cho các trường hợp này "
                          "(chạy lại với --regime " + newer.rules.label + ")",
                       en=f"{name.en} is more favourable in {len(who)} case(s) "
                          f"({', '.join(who)}): by the transitional rule the new text applies to "
                          "them (run again with --regime " + newer.rules.label + ")"))]


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


def run(options: Any, rules: Any, data: Any, scores: Any = None) -> TitleResult:
    """Decide titles as ``options`` say (the job's entry for the generic parts). ``scores``:
    (rules, data) of the scoring whose cluster ranks the run took, when ``options.scores``."""
    scored = None
    if options.scores:
        if not scores:
            raise UsageError("this titles run took cluster ranks from a scoring; give its rules "
                             "and data")
        scored = load(scores[0]).evaluate(scores[1])
    res = evaluate_titles(rules, data, options.year, decision_date=options.decision_date,
                          scores=scored, dossier_date=options.dossier_date,
                          regime=options.regime)
    if options.overrides:
        apply_overrides(res, list(options.overrides))
    return res
