"""Council decisions that change an outcome, applied after the rules and shown beside them.

An override is data: who decided (the council), when, why, and the document number. It never
replaces the rule-derived result; the result keeps both, and the final outcome is the override's.
Overrides read from a table (CSV/XLSX, Vietnamese headers) are validated like any input: a bad row
is rejected with its row number and reason, and an override naming an unknown subject or
decision is rejected, not silently ignored.

Which decisions can be overridden is the job's (registered as ``Job.overrides``): for scoring,
``class`` (value: a class id); for titles, a title id (value: ``proposed`` or ``not_proposed``).
"""
from __future__ import annotations

from typing import Any

from ..core import job as jobs
from ..core.models import Localized
from ..core.trace import Override, OverrideApplied, Problem, RejectedRow
from ..errors import UsageError
from ..rulebook.base import InputField
from ..tables.read import read_table
from ..tables.spec import TableSpec
from ..tables.validate import validate


def _f(type_: str, vi: str, en: str, aliases: list[str], role: str | None = None) -> InputField:
    return InputField(type=type_, title={"vi": vi, "en": en}, aliases=aliases, role=role)


#: The columns of an overrides table.
FIELDS = {
    "row_id": _f("text", "Số thứ tự quyết định", "Override number", ["STT", "override_id"], "key"),
    "subject_id": _f("text", "Mã đơn vị / cá nhân", "Subject id", ["Mã", "Mã đơn vị",
                                                                   "Mã cá nhân"]),
    "decision": _f("text", "Nội dung điều chỉnh", "Decision",
                   ["Danh hiệu / xếp loại", "Điều chỉnh"]),
    "value": _f("text", "Kết quả của Hội đồng", "Council's outcome", ["Kết quả"]),
    "decided_by": _f("text", "Cơ quan quyết định", "Decided by", ["Hội đồng"]),
    "decided_on": _f("date", "Ngày quyết định", "Decided on", []),
    "reason": _f("text", "Lý do", "Reason", []),
    "document": _f("text", "Số văn bản", "Document number", ["Số quyết định", "Văn bản"]),
}


def read_overrides(source: Any) -> tuple[list[Override], list[RejectedRow]]:
    """Overrides from a CSV/XLSX path, a DataFrame or records; bad rows are rejected.

    >>> ovs, bad = read_overrides([{"STT": "1", "Mã": "p005", "Nội dung điều chỉnh": "cstdcs",
    ...     "Kết quả": "not_proposed", "Hội đồng": "Hội đồng TĐKT tỉnh Lào Cai",
    ...     "Ngày quyết định": "20/01/2025", "Lý do": "đang xem xét kỷ luật",
    ...     "Số văn bản": "05/QĐ-HĐTĐKT"}])
    >>> ovs[0].decided_on, bad
    (datetime.date(2025, 1, 20), [])
    """
    raw = read_table(source, FIELDS)
    valid = validate(raw, TableSpec(inputs=FIELDS))
    cols = valid.columns
    out = []
    for i in range(len(valid)):
        out.append(Override(
            row_id=str(cols["row_id"][i]), subject_id=str(cols["subject_id"][i]),
            decision=str(cols["decision"][i]), value=str(cols["value"][i]),
            decided_by=str(cols["decided_by"][i]),
            decided_on=cols["decided_on"][i].astype("datetime64[D]").item(),
            reason=str(cols["reason"][i]), document=str(cols["document"][i]),
            row=int(valid.rows[i])))
    rejected = [r.model_copy(update={"table": "overrides"}) for r in valid.rejected]
    return out, rejected


def rejected_override(o: Override, vi: str, en: str) -> RejectedRow:
    """An override that cannot apply (unknown subject or decision), as a rejected row."""
    return RejectedRow(row=o.row or 0, unit_id=o.subject_id, table="overrides", problems=[
        Problem(column="decision", value=f"{o.decision}={o.value}", code="override_unknown",
                message=Localized(vi=vi, en=en))])


def apply_overrides(res: Any, overrides: list[Override] | Any
                    ) -> tuple[list[OverrideApplied], list[RejectedRow]]:
    """Apply council overrides to a scoring or titles result, keeping the rule-derived outcome.

    ``overrides``: a list of :class:`Override` or anything :func:`read_overrides` reads. Sets
    ``res.overrides`` (in its report and JSON) and ``res.overrides_rejected``.

    >>> from thiduakhenthuong import load_rules
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> done, bad = apply_overrides(res, [{"STT": "1", "Mã": "van_ban", "Nội dung điều chỉnh":
    ...     "class", "Kết quả": "htt", "Hội đồng": "Hội đồng TĐKT Hội CTĐ tỉnh",
    ...     "Ngày quyết định": "2024-01-10", "Lý do": "bổ sung minh chứng chỉ tiêu 6",
    ...     "Số văn bản": "12/QĐ-HĐ"}])
    >>> done[0].rule_value, done[0].final_value, res.unit("van_ban").class_id
    ('ht', 'htt', 'ht')
    """
    rejected: list[RejectedRow] = []
    if not (isinstance(overrides, list) and all(isinstance(o, Override) for o in overrides)):
        overrides, rejected = read_overrides(overrides)
    job = jobs.of(res)
    if job.overrides is None:
        raise UsageError(f"{job.kind} results take no overrides")
    done, bad = job.overrides(res, overrides)
    res.overrides = done
    res.overrides_rejected = rejected + bad
    return done, rejected + bad
