"""Council overrides of honour titles: a proposal made or withdrawn, beside the rules' own."""
from __future__ import annotations

from typing import Any

from ...core.trace import Override, OverrideApplied, RejectedRow
from ...select.overrides import rejected_override

VALUES = ("proposed", "not_proposed")


def apply_title_overrides(res: Any, overrides: list[Override]
                          ) -> tuple[list[OverrideApplied], list[RejectedRow]]:
    """Overrides of title proposals, beside each rule-derived decision."""
    titles = [t.id for t in res.model.titles]
    out, bad = [], []
    for o in sorted(overrides, key=lambda o: (o.subject_id, o.decision, o.row_id)):
        if o.decision not in titles or o.value not in VALUES:
            bad.append(rejected_override(
                o, f"danh hiệu phải là một trong {titles}, kết quả là {list(VALUES)}",
                f"the title must be one of {titles} and the outcome one of {list(VALUES)}"))
            continue
        try:
            d = res.decision(o.subject_id, o.decision)
        except KeyError:
            bad.append(rejected_override(o, "không có người/tập thể này trong năm xét",
                                         "no such person or collective in the year judged"))
            continue
        rule = "proposed" if d.proposed else "not_proposed"
        out.append(OverrideApplied(override=o, rule_value=rule, final_value=o.value,
                                   changed=o.value != rule))
    return out, bad
