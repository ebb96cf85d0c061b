"""The one-cell number parser (used for streamed facts) reads every cell as the column parser."""
import numpy as np
import pandas as pd
from hypothesis import given, settings, strategies as st

from thiduakhenthuong.tables.validate import _number, parse_numbers

cells = st.one_of(st.text(alphabet="0123456789.,' %-+\u00a0eE", max_size=12),
                  st.integers(-10**9, 10**9), st.floats(allow_nan=True, allow_infinity=False),
                  st.none(), st.sampled_from(["20.000", "1.234,5", "1,234.5", "12,5", "7 %"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, min_size=1, max_size=10))
def test_one_cell_parser_agrees_with_the_column_parser(vals):
    column_vals, column_bad = parse_numbers(pd.Series(vals * 20, dtype=object), False)
    few_vals, few_bad = parse_numbers(pd.Series(vals, dtype=object), False)
    for i, x in enumerate(vals):
        v, bad = _number(x)
        assert bad == column_bad[i] == few_bad[i], x
        if not bad:
            assert (np.isnan(v) and np.isnan(column_vals[i])) or v == column_vals[i], x
