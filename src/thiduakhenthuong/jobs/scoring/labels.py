"""Short labels of a scoring rule set's criteria, for column heads (CT7a, T7b)."""
from __future__ import annotations

from ...render.page import Text
from .model import RuleSet


def clause_labels(rules: RuleSet) -> dict[str, Text]:
    """A short label per criterion: its target number in the source (CT7 / T7), with a letter
    where two criteria share a number, else its id.

    >>> import thiduakhenthuong as tdkt
    >>> labels = clause_labels(tdkt.load_rules("rules/lao-cai-2023").model)
    >>> labels["t01_programme"].vi, labels["t07_blood_units"].en, labels["t07_blood_share"].en
    ('CT1', 'T7a', 'T7b')
    """
    counts: dict[str, int] = {}
    for c in rules.criteria:
        if c.clause:
            counts[c.clause] = counts.get(c.clause, 0) + 1
    seen: dict[str, int] = {}
    out = {}
    for c in rules.criteria:
        if not c.clause:
            out[c.id] = Text.of(c.title)
            continue
        suffix = ""
        if counts[c.clause] > 1:
            suffix = "abcdefghijklmnopqrstuvwxyz"[seen.get(c.clause, 0) % 26]
            seen[c.clause] = seen.get(c.clause, 0) + 1
        out[c.id] = Text(vi=f"CT{c.clause}{suffix}", en=f"T{c.clause}{suffix}")
    return out
