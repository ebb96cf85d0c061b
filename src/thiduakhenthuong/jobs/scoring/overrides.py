"""Council overrides of a scoring: a unit's class, set beside the class the rules gave."""
from __future__ import annotations

from typing import Any

from ...core.trace import Override, OverrideApplied, RejectedRow
from ...select.overrides import rejected_override


def apply_score_overrides(res: Any, overrides: list[Override]
                          ) -> tuple[list[OverrideApplied], list[RejectedRow]]:
    """Overrides of a scoring's classes, beside each unit's rule-derived class."""
    classes = [c.id for c in res.model.classes]
    out, bad = [], []
    for o in sorted(overrides, key=lambda o: (o.subject_id, o.row_id)):
        try:
            u = res.unit(o.subject_id)
        except KeyError:
            bad.append(rejected_override(o, "không có đơn vị này trong kết quả chấm điểm",
                                         "no such unit among the scored units"))
            continue
        if o.decision != "class" or o.value not in classes:
            bad.append(rejected_override(
                o, f"chỉ điều chỉnh được 'class' thành một trong {classes}",
                f"only 'class' can be overridden, to one of {classes}"))
            continue
        out.append(OverrideApplied(override=o, rule_value=u.class_id, final_value=o.value,
                                   changed=o.value != u.class_id))
    return out, bad
