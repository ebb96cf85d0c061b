"""The words of ``tdkt diff``: result fields, values, statuses and the fixed phrases of a reason."""
from __future__ import annotations

from .book import Phrasebook

_FIELDS: dict[str, tuple[str, str]] = {
    "total": ("tổng điểm", "total"), "class": ("xếp loại", "class"),
    "class_by_total": ("xếp loại theo điểm", "class by total"),
    "rank_overall": ("hạng chung", "overall rank"), "rank_cluster": ("hạng trong cụm",
                                                                     "rank in cluster"),
    "awards": ("khen thưởng", "awards"), "base": ("điểm chỉ tiêu", "target points"),
    "bonus": ("điểm thưởng", "bonus"), "deduction": ("điểm trừ", "deductions"),
    "cluster": ("cụm", "cluster"), "vetoes": ("quy định hạ loại", "vetoes applied"),
    "applicable": ("áp dụng", "applies"), "met": ("đạt", "met"), "points": ("điểm", "points"),
    "max_points": ("điểm tối đa", "max points"), "achieved": ("đạt được", "achieved"),
    "target": ("chỉ tiêu", "target"), "ratio": ("tỷ lệ", "ratio"),
    "condition": ("điều kiện", "condition"), "raw_points": ("điểm tính được", "computed points"),
    "outcome": ("kết quả", "outcome"), "proposed": ("đề nghị", "proposed"),
    "prize": ("tiền thưởng", "prize"), "route_used": ("cách đạt", "route"),
    "status": ("trạng thái", "status"), "selected": ("được chọn", "selected"),
    "within_cap": ("trong chỉ tiêu", "within the cap"),
    "cap": ("chỉ tiêu tối đa", "cap"), "rank": ("thứ tự", "place"),
    "holders": ("số người làm căn cứ", "holders"),
    "eligible_in_group": ("số đủ điều kiện trong nhóm", "eligible in group"),
    "multiplier": ("hệ số", "multiplier"), "base_salary": ("lương cơ sở", "base salary"),
    "seat": ("loại chỗ", "seat"), "forwarded": ("chuyển lên cấp trên", "forwarded"),
    "scored": ("được chấm", "judged"),
}
field_labels = Phrasebook("diff fields", _FIELDS)

values = Phrasebook("diff values", {
    "eligible": ("đủ điều kiện", "eligible"), "not_eligible": ("không đủ điều kiện",
                                                               "not eligible"),
    "not_determinable": ("chưa xác định được", "not determinable"),
    "met": ("đạt", "met"), "failed": ("không đạt", "failed"), "unknown": ("chưa rõ", "unknown"),
    "applies": ("bị loại trừ", "applies"), "clear": ("không vướng", "clear"),
    "invited": ("khách mời", "invited"), "reserved": ("chỗ dành riêng", "reserved"),
    "open": ("chỗ chung", "open"),
})

_WORDS: dict[str, tuple[str, str]] = {
    "because": ("do", "because of"),
    "others_moved": ("không tiêu chí nào của đơn vị này thay đổi: thứ hạng đổi vì kết quả của "
                     "đơn vị khác thay đổi",
                     "none of this unit's criteria changed: its rank moved because other units' "
                     "results changed"),
    "others_selected": ("tiêu chuẩn của người này không đổi: kết quả chọn đổi theo số chỗ và "
                        "thứ tự của người khác",
                        "this candidate's standards did not change: the selection moved with "
                        "the seats and the others' places"),
    "no_rule_change": ("không có quy tắc nào của mục này thay đổi", "no rule of this item "
                       "changed"),
    "only_old": ("chỉ được xét theo bộ quy tắc cũ", "judged under the old rules only"),
    "only_new": ("chỉ được xét theo bộ quy tắc mới", "judged under the new rules only"),
    "rejected_new": ("bị loại khi đọc theo bộ quy tắc mới", "rejected under the new rules"),
    "rejected_old": ("bị loại khi đọc theo bộ quy tắc cũ", "rejected under the old rules"),
    "title_only_old": ("danh hiệu chỉ có trong bộ quy tắc cũ", "the title exists in the old "
                       "rules only"),
    "title_only_new": ("danh hiệu chỉ có trong bộ quy tắc mới", "the title exists in the new "
                       "rules only"),
    "added": ("thêm", "added"), "removed": ("bỏ", "removed"),
    "old_rules": ("Bộ quy tắc cũ", "Old rules"), "new_rules": ("Bộ quy tắc mới", "New rules"),
}


#: The fixed phrases of a diff.
word = Phrasebook("diff", _WORDS)

statuses = Phrasebook("diff statuses", {
    "changed": ("thay đổi", "changed"), "only_old": ("chỉ theo quy tắc cũ", "old only"),
    "only_new": ("chỉ theo quy tắc mới", "new only")})


