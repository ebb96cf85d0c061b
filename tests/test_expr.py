
import numpy as np
import pytest

from thiduakhenthuong.errors import ExpressionError
from thiduakhenthuong.expr import evaluate, infer_type, parse


@pytest.mark.parametrize("text", [
    "__import__('os').system('ls')", "a.b", "a[0]", "lambda: 1", "a ** 2", "a % 2",
    "[x for x in a]", "open('f')", "f'{a}'", "min(a=1, b=2)", "a is None", "(a := 1)", "{1: 2}",
])
def test_rejects_everything_outside_the_whitelist(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_error_names_column():
    with pytest.raises(ExpressionError) as e:
        parse("a + b.c")
    assert e.value.column == 5


def test_round_trip_text_keeps_meaning():
    for src in ["a - (b - c)", "a / (b * c)", "not (a and b)", "-(a + b)", "a < b <= c",
                "x in ['huyen', 'tinh']", "iif(a > 1, 2, 3)"]:
        node = parse(src)
        assert parse(node.text()) == node


def test_chained_comparison_is_conjunction():
    env = {"a": np.array([1.0, 3.0]), "b": np.array([2.0, 2.0]), "c": np.array([3.0, 3.0])}
    assert evaluate(parse("a < b < c"), env).tolist() == [True, False]


def test_ratio_of_zero_target_is_met():
    out = evaluate(parse("ratio(a, b)"), {"a": np.array([0.0, 5.0, 1.0]),
                                          "b": np.array([0.0, 0.0, 4.0])})
    assert out.tolist() == [1.0, 1.0, 0.25]


def test_late_and_missing_dates():
    d = np.array(["2023-03-15", "2023-03-16", "NaT"], dtype="datetime64[D]")
    env = {"d": d, "due": np.datetime64("2023-03-15")}
    assert evaluate(parse("late(d, due)"), env).tolist() == [0.0, 1.0, 0.0]
    assert evaluate(parse("days_late(d, due)"), env).tolist() == [0.0, 1.0, 0.0]
    assert evaluate(parse("missing(d)"), env).tolist() == [False, False, True]


def test_booleans_add_as_numbers():
    env = {"a": np.array([True, False]), "b": np.array([True, True])}
    assert evaluate(parse("a + b"), env).tolist() == [2.0, 1.0]


def test_text_membership():
    env = {"r": np.array(["htxs", "ht", ""], dtype=object)}
    assert evaluate(parse("r in ['htxs', 'htt']"), env).tolist() == [True, False, False]


@pytest.mark.parametrize("text,types", [
    ("d > 3", {"d": "date"}),
    ("t + 1", {"t": "text"}),
    ("a and 1", {"a": "bool"}),
    ("t < 'x'", {"t": "text"}),
    ("x > 1", {}),
])
def test_type_errors_found_before_data(text, types):
    with pytest.raises(ExpressionError):
        infer_type(parse(text), types)


def test_date_compared_with_iso_text():
    assert infer_type(parse("d <= '2023-03-15'"), {"d": "date"}) == "bool"
    env = {"d": np.array(["2023-03-15", "2023-03-16"], dtype="datetime64[D]")}
    assert evaluate(parse("d <= '2023-03-15'"), env).tolist() == [True, False]
