"""What it takes: applying the suggested steps to the data reaches the next class, and no
cheaper single step would have."""
import pandas as pd

from thiduakhenthuong import load_rules
from thiduakhenthuong.tables.read import header_key, header_map

RULES = load_rules("rules/lao-cai-2023")
DATA = "fixtures/lao-cai-2023/units.csv"


def _frame():
    df = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    hmap = header_map(RULES.model.inputs)
    return df.rename(columns={c: hmap[header_key(c)] for c in df.columns})


def test_every_unit_below_the_top_gets_an_answer():
    res = RULES.score(DATA)
    below = [u for u in res.units if u.gap is not None]
    assert below
    for u in below:
        w = u.gap.what_it_takes
        assert w.next_class == u.gap.next_class
        if w.reachable:
            assert w.points_gain >= u.gap.points_short - 1e-9
            assert all(s.cite.startswith("21/CTĐ-VP") for s in w.steps)


def test_applying_the_steps_reaches_the_next_class():
    res = RULES.score(DATA)
    order = [c.id for c in RULES.model.classes]
    checked = 0
    for u in res.units:
        w = u.gap.what_it_takes if u.gap else None
        if not w or not w.reachable or any(s.field is None or s.condition for s in w.steps):
            continue
        df = _frame()
        row = df.index[df["unit_id"] == u.unit_id][0]
        for s in w.steps:
            df.loc[row, s.field] = str(s.needed)
        after = RULES.score(df).unit(u.unit_id)
        assert order.index(after.class_id) <= order.index(w.next_class), (u.unit_id, w)
        checked += 1
    assert checked >= 2


def test_no_single_cheaper_step_closes_the_gap():
    res = RULES.score(DATA)
    van_ban = res.unit("van_ban")
    w = van_ban.gap.what_it_takes
    assert [s.field for s in w.steps] == ["medical_people", "blood_participation"]
    # Fulfilling a yes/no target would also close the gap but costs a whole target (1.0).
    assert w.cost < 1.0
