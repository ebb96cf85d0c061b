"""The durable-rules engine against the column-wise engine, and the streaming monitor.

Differential tests: hypothesis changes cells of each shipped fixture to other values their field
allows (by the rule model's type, enum values, yes/no, blanks), and both engines must return the
identical typed result, failing criteria included. Skipped, with the reason, where durable-rules
cannot be imported (Python 3.13+).
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import threading
import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from thiduakhenthuong import evaluate_titles, load_rules
from thiduakhenthuong.jobs.conferences.api import evaluate_delegates, load_delegate_rules
from thiduakhenthuong.tables.read import header_key, header_map
from thiduakhenthuong.tables.attested import expand_attested
from thiduakhenthuong.stream import network as netmod
from thiduakhenthuong.jobs.titles.api import load_title_rules

needs_durable = pytest.mark.skipif(not netmod.AVAILABLE, reason=netmod.UNAVAILABLE_REASON)
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SCORING_CSV = "fixtures/lao-cai-2023/units.csv"
PEOPLE_CSV = "fixtures/titles-lao-cai/ca-nhan.csv"
UNITS_CSV = "fixtures/titles-lao-cai/tap-the.csv"
CANDIDATES_CSV = "fixtures/thai-nguyen-2019/ung-vien.csv"


def _read(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _cell_values(field) -> st.SearchStrategy[str]:
    """Values a cell of this field may hold (including blank where that is meaningful)."""
    t = field.type
    if t == "enum":
        return st.sampled_from(list(field.values) + [""])
    if t in ("bool", "attested"):
        return st.sampled_from(["Có", "Không", ""])
    if t == "integer":
        hi = int(field.max) if field.max is not None else 400
        return st.integers(int(field.min or 0), max(hi, 0)).map(str)
    if t in ("number", "percent"):
        hi = field.max if field.max is not None else 400.0
        return st.floats(field.min or 0.0, hi, allow_nan=False).map(lambda x: f"{x:.2f}")
    if t == "date":
        return st.one_of(st.just(""), st.dates(dt.date(2015, 1, 1), dt.date(2025, 12, 31))
                         .map(lambda d: d.strftime("%d/%m/%Y")))
    return st.sampled_from(["", "Nguyễn Thị Lan - Chủ tịch"])


@st.composite
def mutated(draw, frame: pd.DataFrame, fields: dict, max_cells: int = 12) -> pd.DataFrame:
    """``frame`` with up to ``max_cells`` cells of non-role fields set to other allowed values."""
    hmap = header_map(fields)
    columns = [c for c in frame.columns if hmap.get(header_key(c)) in fields
               and fields[hmap[header_key(c)]].role is None
               and fields[hmap[header_key(c)]].type != "text"]
    out = frame.copy()
    for _ in range(draw(st.integers(1, max_cells))):
        col = draw(st.sampled_from(columns))
        row = draw(st.integers(0, len(out) - 1))
        out.iat[row, out.columns.get_loc(col)] = draw(_cell_values(fields[hmap[header_key(col)]]))
    return out


# --- differential: scoring ----------------------------------------------------------------------
SCORING = load_rules("rules/lao-cai-2023")
SCORING_FRAME = _read(SCORING_CSV)


@needs_durable
def test_scoring_engines_agree_on_the_fixture():
    a = SCORING.score(SCORING_CSV)
    b = SCORING.score(SCORING_CSV, engine="rete")
    assert a.to_json() == b.to_json()
    assert sum(u.class_id != "htxs" for u in b.units) > 0  # not a trivially uniform table


@needs_durable
@SETTINGS
@given(mutated(SCORING_FRAME, SCORING.model.inputs))
def test_scoring_engines_agree(frame):
    a = SCORING.score(frame)
    b = SCORING.score(frame, engine="rete")
    assert json.loads(a.to_json()) == json.loads(b.to_json())


# --- differential: titles -----------------------------------------------------------------------
PEOPLE, UNITS = _read(PEOPLE_CSV), _read(UNITS_CSV)
TITLE_RULES = {y: load_title_rules("rules/titles", y) for y in (2023, 2024)}


@needs_durable
@settings(SETTINGS, max_examples=12)
@given(st.sampled_from([2023, 2024]), st.data())
def test_title_engines_agree(year, data):
    tr = TITLE_RULES[year]
    people = data.draw(mutated(PEOPLE, expand_attested(tr.model.inputs)))
    units = data.draw(mutated(UNITS, expand_attested(tr.model.unit_inputs), 4))
    tables = {"people": people, "units": units}
    a = evaluate_titles(tr, tables, year)
    b = evaluate_titles(tr, tables, year, engine="rete")
    assert json.loads(a.to_json()) == json.loads(b.to_json())


# --- differential: delegates --------------------------------------------------------------------
DELEGATES, _ = load_delegate_rules("rules/thai-nguyen-2019")
CANDIDATES = _read(CANDIDATES_CSV)


@needs_durable
@settings(SETTINGS, max_examples=15)
@given(st.sampled_from(["huyen", "co_so"]),
       mutated(CANDIDATES, expand_attested(DELEGATES.inputs), 20))
def test_delegate_engines_agree(level, frame):
    data = {"candidates": frame}
    a = evaluate_delegates("rules/thai-nguyen-2019", data, level)
    b = evaluate_delegates("rules/thai-nguyen-2019", data, level, engine="rete")
    assert a.to_json() == b.to_json()


# --- the monitor ---------------------------------------------------------------------------------
def _facts_of(frame: pd.DataFrame, chunk: int) -> list[dict]:
    facts = []
    for _, row in frame.iterrows():
        d = {k: v for k, v in row.items() if v != ""}
        keys = [k for k in d if k != "Mã đơn vị"]
        for j in range(0, len(keys), chunk):
            facts.append({"Mã đơn vị": d["Mã đơn vị"], **{k: d[k] for k in keys[j:j + chunk]}})
    return facts


def _decisions(res) -> dict:
    return {u["unit_id"]: {k: u[k] for k in ("total", "class_id", "rank_overall", "rank_cluster",
                                             "awards", "criteria")}
            for u in json.loads(res.to_json())["units"]}


@needs_durable
@settings(max_examples=4, deadline=None)
@given(st.integers(1, 15), st.randoms(use_true_random=False))
def test_facts_in_any_order_end_where_the_batch_ends(chunk, rnd):
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    facts = _facts_of(SCORING_FRAME, chunk)
    rnd.shuffle(facts)
    mon = Monitor(SCORING)
    for f in facts:
        mon.post(f)
    assert _decisions(mon.result()) == _decisions(SCORING.score(SCORING_CSV))


@needs_durable
def test_the_latest_reporting_date_wins_whatever_the_posting_order():
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    q2 = {"unit_id": "bat_xat", "as_of": "2023-06-30", "blood_units": 100}
    q3 = {"unit_id": "bat_xat", "as_of": "2023-09-30", "blood_units": 300}
    a, b = Monitor(SCORING), Monitor(SCORING)
    a.post(q2), a.post(q3)
    b.post(q3), b.post(q2)
    assert a.result().to_json() == b.result().to_json()
    assert a.result().unit("bat_xat").criteria[6].achieved == 300


@needs_durable
def test_pace_alert_fires_once_from_its_date_and_never_on_missing_figures():
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    mon = Monitor(SCORING)
    early = mon.post({"unit_id": "tx_sa_pa", "as_of": "2023-06-30", "blood_units_target": 1000,
                      "blood_units": 100})
    assert early.alerts == []  # 10 % but before the end of Q3
    nothing = mon.post({"unit_id": "muong_khuong", "as_of": "2023-09-30",
                        "blood_units_target": 1000})
    assert nothing.alerts == []  # no figure reported yet: no alert
    q3 = mon.post({"unit_id": "tx_sa_pa", "as_of": "2023-09-30", "blood_units": 499})
    assert [(a.alert_id, a.unit_id, a.cite) for a in q3.alerts] == [
        ("blood_pace_q3", "tx_sa_pa", "21/CTĐ-VP §II.7")]
    assert q3.alerts[0].values == {"blood_units": 499.0, "blood_units_target": 1000.0,
                                   "pace_alert_q3_share": 0.5}
    again = mon.post({"unit_id": "tx_sa_pa", "as_of": "2023-10-31", "blood_units": 450})
    assert again.alerts == []  # once per unit and period
    at_half = mon.post({"unit_id": "muong_khuong", "as_of": "2023-09-30", "blood_units": 500})
    assert at_half.alerts == []  # exactly half is not below half


@needs_durable
def test_changes_report_entry_class_and_rank_with_traces():
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    mon = Monitor(SCORING)
    rows = SCORING_FRAME.to_dict("records")
    first = mon.post({k: v for k, v in rows[0].items() if v != ""})
    assert [c.kind for c in first.changes] == ["entered"]
    assert first.changes[0].result.unit_id == rows[0]["Mã đơn vị"]
    second = mon.post({k: v for k, v in rows[1].items() if v != ""})
    kinds = {c.unit_id: (c.kind, c.changed) for c in second.changes}
    assert kinds[rows[1]["Mã đơn vị"]][0] == "entered"
    # The posting unit, and any whose own decision moved, carries its explained result; a unit
    # that only moved a place in the ranking carries its standing before and after.
    for c in second.changes:
        decided = c.unit_id == rows[1]["Mã đơn vị"] or {"total", "class_id", "awards"} & set(
            c.changed)
        assert (c.result is not None) == bool(decided)
        assert c.result is None or c.result.criteria
        assert c.kind == "entered" or c.before != c.after
    quiet = mon.post({"unit_id": rows[0]["Mã đơn vị"],
                      "unit_name": rows[0]["Tên đơn vị"]})
    assert quiet.changes == []


@needs_durable
def test_export_and_restore_resume_without_losing_facts_or_repeating_alerts():
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    facts = _facts_of(SCORING_FRAME, 6)
    whole = Monitor(SCORING)
    for f in facts:
        whole.post(f)
    first = Monitor(SCORING)
    for f in facts[:20]:
        first.post(f)
    first.post({"unit_id": "tx_sa_pa", "as_of": "2023-09-30", "blood_units": 1})
    state = json.loads(first.export_state().model_dump_json())
    resumed = Monitor.restore(SCORING, state)
    assert resumed.export_state() == first.export_state()
    again = resumed.post({"unit_id": "tx_sa_pa", "as_of": "2023-09-30", "blood_units": 2})
    assert again.alerts == []
    other = Monitor.restore(SCORING, state)
    for f in facts[20:]:
        other.post(f)
        first.post(f)
    assert other.result().to_json() == first.result().to_json()


@needs_durable
def test_facts_are_checked_against_the_rule_model():
    from thiduakhenthuong.jobs.scoring.monitor import FactError, Monitor, UnknownFieldError
    mon = Monitor(SCORING)
    with pytest.raises(UnknownFieldError) as e:
        mon.post({"unit_id": "tx_sa_pa", "blood_unit": 3})
    assert e.value.field == "blood_unit" and "blood_units" in str(e.value)
    with pytest.raises(FactError) as e:
        mon.post({"unit_id": "tx_sa_pa", "blood_units": "nhiều"})
    assert e.value.field == "blood_units"
    with pytest.raises(FactError):
        mon.post({"blood_units": 3})
    with pytest.raises(FactError):
        mon.post({"unit_id": "tx_sa_pa", "as_of": "2024-01-02", "blood_units": 3})
    assert mon.export_state().facts == []  # nothing was merged
    name = "Hội CTĐ thị xã Sa Pa"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name
    p = mon.post({"unit_id": "tx_sa_pa", "unit_name": nfd})
    assert mon.export_state().facts[-1]["unit_name"] == name  # NFC before the engine sees it
    assert p.changes[0].result.name == name


# --- the network's hygiene ------------------------------------------------------------------------
@needs_durable
def test_sessions_are_deleted_and_the_host_reused():
    rules = {"big": {"all": [{"m": {"$gt": {"x": 2}}}]}}
    net = netmod.network("hygiene", "v1", rules)
    threads = threading.active_count()
    for i in range(1100):  # more than the 1,024 live sessions durable-rules allows
        assert [f.rule for f in net.evaluate([{"x": 3 + i}])] == ["big"]
    assert netmod.network("hygiene", "v1", copy.deepcopy(rules)) is net
    assert threading.active_count() == threads


@needs_durable
def test_sessions_where_nothing_matches_are_deleted_without_crashing():
    # durable-rules 2.0.28 segfaults deleting such a session unless something matched in it.
    net = netmod.network("nothing", "v1", {"big": {"all": [{"m": {"$gt": {"x": 2}}}]}})
    for i in range(1100):
        assert net.evaluate([{"x": 1, "i": i}]) == []


@needs_durable
def test_action_exceptions_are_raised_to_the_caller():
    def boom(fired):
        raise RuntimeError("hỏng")
    net = netmod.network("boom", "v1", {"r": {"all": [{"m": {"$gt": {"x": 0}}}]}}, {"r": boom})
    with pytest.raises(netmod.EngineError, match="RuntimeError: hỏng"):
        net.evaluate([{"x": 1}])


@pytest.mark.skipif(netmod.AVAILABLE, reason="durable-rules imports here")
def test_without_durable_rules_streaming_says_why_and_the_batch_engine_works():
    from thiduakhenthuong.jobs.scoring.monitor import Monitor
    with pytest.raises(netmod.StreamingUnavailable, match="Python 3.12 or older"):
        Monitor("rules/lao-cai-2023")
    assert SCORING.score(SCORING_CSV).scored == 11


@needs_durable
def test_the_documented_example_streams_the_year_and_ends_at_the_batch(capsys):
    import runpy
    import sys
    argv = sys.argv
    sys.argv = ["stream_lao_cai.py", "--lang", "en"]
    try:
        runpy.run_path("docs/examples/stream_lao_cai.py", run_name="__main__")
    finally:
        sys.argv = argv
    out = capsys.readouterr().out
    assert "ALERT [warning] Below half of the blood-unit target by the end of Q3" in out
    assert out.rstrip().endswith("streamed decisions equal the year-end batch run: True")


@needs_durable
def test_posting_many_at_once_equals_posting_one_by_one():
    from thiduakhenthuong.jobs.scoring.monitor import FactError, Monitor
    facts = _facts_of(SCORING_FRAME, 9)
    one, many = Monitor(SCORING), Monitor(SCORING)
    for f in facts:
        one.post(f)
    batch = many.post_many(facts)
    assert batch.facts == len(facts) and len(batch.changes) == 11
    assert many.result().to_json() == one.result().to_json()
    with pytest.raises(FactError, match="fact 2: unknown field"):
        many.post_many([facts[0], {"unit_id": "bat_xat", "blood_unit": 1}])
    assert many.export_state() == one.export_state()


def test_a_bad_alert_is_a_rule_error_naming_file_and_line(tmp_path):
    import shutil

    from thiduakhenthuong.errors import RuleErrors
    d = tmp_path / "rules"
    shutil.copytree("rules/lao-cai-2023", d)
    text = (d / "alerts.yaml").read_text(encoding="utf-8")
    (d / "alerts.yaml").write_text(text.replace("from: 2023-09-30", "from: 2024-09-30")
                                   .replace("when: gift_packages < gift_packages_target",
                                            "when: gift_package < gift_packages_target"),
                                   encoding="utf-8")
    with pytest.raises(RuleErrors) as e:
        load_rules(d)
    msg = str(e.value)
    assert "alerts.yaml:" in msg and "outside the period 2023" in msg
    assert "gift_package" in msg and "gift_packages" in msg  # unknown name, with a suggestion
