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
    "yes": ("có", "yes"), "no": ("không", "no"), "default": ("mặc định", "default"),
    "old_rules": ("Bộ quy tắc cũ", "Old rules"), "new_rules": ("Bộ quy tắc mới", "New rules"),
}


#: The fixed phrases of a diff.
word = Phrasebook("diff", _WORDS)

statuses = Phrasebook("diff statuses", {
    "changed": ("thay đổi", "changed"), "only_old": ("chỉ theo quy tắc cũ", "old only"),
    "only_new": ("chỉ theo quy tắc mới", "new only")})



#: What the keys of a rule file are called, for "where" a rule was written differently.
RULE_KEYS: dict[str, tuple[str, str]] = {
    "holds": ("điều kiện", "condition"), "checks": ("điều kiện", "conditions"),
    "routes": ("cách đạt", "routes"), "quota": ("giới hạn số lượng", "quota"),
    "share": ("tỷ lệ", "share"), "of": ("tính trên", "taken of"),
    "rounding": ("cách làm tròn", "rounding"), "keys": ("thứ tự ưu tiên", "priority keys"),
    "prize": ("tiền thưởng", "prize"), "multiplier": ("hệ số", "multiplier"),
    "scoring": ("cách tính điểm", "scoring"), "method": ("phương pháp", "method"),
    "bands": ("mức", "bands"), "min_ratio": ("tỷ lệ đạt tối thiểu", "least ratio"),
    "full_at": ("tỷ lệ đạt đủ điểm", "ratio for full points"), "floor": ("mức sàn", "floor"),
    "max_points": ("điểm tối đa", "maximum points"), "achieved": ("mức đạt", "achieved"),
    "target": ("chỉ tiêu giao", "target"), "condition": ("điều kiện", "condition"),
    "applies": ("áp dụng khi", "applies when"), "when": ("khi", "when"),
    "points": ("điểm", "points"), "max": ("tối đa", "cap"), "per": ("nhân với", "times"),
    "values": ("giá trị", "values"), "value": ("giá trị", "value"),
    "min_total": ("tổng điểm tối thiểu", "least total"), "max_class": ("xếp loại tối đa",
                                                                        "highest class"),
    "min_class": ("xếp loại tối thiểu", "least class"), "ranks": ("thứ hạng", "ranks"),
    "scope": ("phạm vi", "scope"), "criterion": ("chỉ tiêu", "criterion"),
    "subject": ("đối tượng", "subject"), "titles": ("danh hiệu", "titles"),
    "recorded_as": ("coi là đã được tặng khi", "held when"), "exclusions": ("loại trừ",
                                                                             "exclusions"),
    "criteria": ("chỉ tiêu", "criteria"), "deductions": ("điểm trừ", "deductions"),
    "classes": ("xếp loại", "classes"), "vetoes": ("điều kiện hạ loại", "vetoes"),
    "ranking": ("xếp hạng", "ranking"), "awards": ("khen thưởng", "awards"),
    "parameters": ("tham số", "parameters"), "inputs": ("dữ liệu đầu vào", "inputs"),
    "unit_inputs": ("dữ liệu tập thể", "unit inputs"), "standards": ("tiêu chuẩn", "standards"),
    "groups": ("thành phần", "groups"), "levels": ("cấp hội nghị", "levels"),
    "meta": ("thông tin chung", "general"), "bonus": ("điểm thưởng", "bonus"),
    "bonus_max": ("điểm thưởng tối đa", "bonus cap"), "cap": ("số tối đa", "cap"),
    "min_share": ("tỷ lệ tối thiểu", "least share"), "max_share": ("tỷ lệ tối đa", "most share"),
    "expr": ("biểu thức", "expression"), "order": ("thứ tự", "order"),
    "type": ("kiểu", "type"), "kind": ("loại", "kind"), "min": ("giá trị nhỏ nhất", "least value"),
    "max_hours": ("thời lượng tối đa", "longest length"), "window": ("thời gian tổ chức",
                                                                     "when held"),
}
rule_keys = Phrasebook("rule keys", RULE_KEYS)

#: One item of a list a rule file writes ("band 2", not "bands 2").
RULE_ITEM: dict[str, tuple[str, str]] = {
    "bands": ("mức", "band"), "checks": ("điều kiện", "condition"),
    "routes": ("cách đạt", "route"), "keys": ("khóa xếp thứ tự", "priority key"),
    "values": ("giá trị", "value"), "ranks": ("thứ hạng", "rank"),
}
rule_item = Phrasebook("rule list items", RULE_ITEM)

#: Words a rule file writes as values (methods, orders, roundings, kinds).
RULE_VALUES: dict[str, tuple[str, str]] = {
    "group_by": ("nhóm theo", "grouped by"), "floor": ("làm tròn xuống", "rounded down"),
    "ceil": ("làm tròn lên", "rounded up"), "nearest": ("làm tròn đến số gần nhất",
                                                         "rounded to the nearest"),
    "desc": ("giảm dần", "descending"), "asc": ("tăng dần", "ascending"),
    "unit": ("tập thể", "collective"), "person": ("cá nhân", "person"),
    "form": ("hình thức khen thưởng", "form of commendation"), "title": ("danh hiệu", "title"),
    "all_or_nothing": ("đạt thì đủ điểm", "all or nothing"),
    "proportional": ("theo tỷ lệ đạt", "proportional"), "bands": ("theo mức", "by bands"),
    "points": ("điểm chấm trực tiếp", "points given"), "cluster": ("cụm", "cluster"),
    "overall": ("toàn bộ", "overall"), "all": ("tất cả", "all"),
}
rule_values = Phrasebook("rule values", RULE_VALUES)

#: The terminal's and the workbook's words of a diff.
DIFF_TEXT: dict[str, tuple[str, str]] = {
    "data": ("Dữ liệu: {what}", "Data: {what}"),
    "year": ("năm {year}", "year {year}"), "level": ("cấp {level}", "level {level}"),
    "as_of": ("tham số ngày {day}", "parameters as of {day}"),
    "warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "rule_set": ("{side}: {path} — {id} {version} ({hash}){years}",
                 "{side}: {path} — {id} {version} ({hash}){years}"),
    "summary": ("So sánh {compared}: thay đổi {changed}, không đổi {unchanged}; chỉ theo quy tắc "
                "cũ {only_old}, chỉ theo quy tắc mới {only_new}; dòng bị loại: cũ {rejected_old}, "
                "mới {rejected_new}; tham số khác {parameters_changed}, quy tắc khác "
                "{definitions_changed}",
                "Compared {compared}: changed {changed}, unchanged {unchanged}; old rules only "
                "{only_old}, new rules only {only_new}; rejected rows: old {rejected_old}, new "
                "{rejected_new}; parameters changed {parameters_changed}, rules changed "
                "{definitions_changed}"),
    "params_title": ("Tham số khác nhau", "Parameters that differ"),
    "defs_title": ("Quy tắc viết khác", "Rules written differently"),
    "changes_title": ("Thay đổi", "Changes"),
    "no_change": ("Không có đơn vị hay người nào thay đổi kết quả.",
                  "No unit or person changes outcome."),
    "only_in": ("chỉ có trong {side}", "only in the {side}"),
    "values_read": ("giá trị đọc ({side}): {values}", "values read ({side}): {values}"),
    "parameter": ("tham số {text}", "parameter {text}"),
    "rule": ("quy tắc {text}", "rule {text}"),
    "h_parameter": ("Tham số", "Parameter"), "h_old": ("Cũ", "Old"), "h_new": ("Mới", "New"),
    "h_from": ("Hiệu lực từ", "In force from"), "h_basis": ("Căn cứ, trích dẫn", "Basis, citation"),
    "h_item": ("Mục", "Item"), "h_where": ("Nội dung", "What"),
    "h_id": ("Mã", "Id"), "h_name": ("Tên", "Name"), "h_title": ("Danh hiệu", "Title"),
    "h_group": ("Nhóm", "Group"), "h_status": ("Tình trạng", "Status"),
    "h_changes": ("Thay đổi", "Changes"), "h_reason": ("Lý do", "Reason"),
    "row_of": ("dòng {row}", "row {row}"),
}
text = Phrasebook("diff text", DIFF_TEXT)

#: Column heads of the diff's sheets.
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("Mã", "Id"), "name": ("Tên", "Name"), "title_id": ("Mã danh hiệu", "Title id"),
    "title": ("Danh hiệu", "Title"), "group": ("Nhóm", "Group"), "status": ("Tình trạng", "Status"),
    "changes": ("Thay đổi", "Changes"), "reason": ("Lý do", "Reason"),
    "criteria": ("Tiêu chí thay đổi", "Criteria changed"),
    "explain_old": ("Giải thích (cũ)", "Explanation (old)"),
    "explain_new": ("Giải thích (mới)", "Explanation (new)"),
    "criterion": ("Tiêu chí", "Criterion"), "kind": ("Loại", "Kind"),
    "criterion_title": ("Nội dung", "Description"), "cite_old": ("Trích dẫn (cũ)", "Citation (old)"),
    "cite_new": ("Trích dẫn (mới)", "Citation (new)"), "only_in": ("Chỉ có ở", "Only in"),
    "values_old": ("Giá trị đọc (cũ)", "Values read (old)"),
    "values_new": ("Giá trị đọc (mới)", "Values read (new)"),
    "parameters": ("Tham số thay đổi", "Parameters changed"),
    "definition": ("Quy tắc thay đổi", "Rules changed"),
    "parameter": ("Tham số", "Parameter"), "old": ("Cũ", "Old"), "new": ("Mới", "New"),
    "old_from": ("Hiệu lực từ (cũ)", "In force from (old)"),
    "new_from": ("Hiệu lực từ (mới)", "In force from (new)"),
    "old_basis": ("Căn cứ (cũ)", "Basis (old)"), "new_basis": ("Căn cứ (mới)", "Basis (new)"),
    "cite": ("Trích dẫn", "Citation"), "section": ("Phần", "Section"), "item": ("Mục", "Item"),
    "path": ("Vị trí", "Path"), "side": ("Bộ quy tắc", "Rule set"), "table": ("Bảng", "Table"),
    "row": ("Dòng", "Row"), "column": ("Cột", "Column"), "value": ("Giá trị", "Value"),
    "field": ("Mục", "Field"), "where": ("Nội dung", "What"),
    "old_code": ("Quy tắc cũ (như viết)", "Old rule (as written)"),
    "new_code": ("Quy tắc mới (như viết)", "New rule (as written)"),
}
#: The summary sheet's fields.
SUMMARY: dict[str, tuple[str, str]] = {
    "year": ("Năm xét", "Year judged"), "level": ("Cấp hội nghị", "Conference level"),
    "as_of": ("Tham số theo ngày", "Parameters as of"), "compared": ("Số so sánh", "Compared"),
    "changed": ("Thay đổi", "Changed"), "unchanged": ("Không đổi", "Unchanged"),
    "only_old": ("Chỉ theo quy tắc cũ", "Old rules only"),
    "only_new": ("Chỉ theo quy tắc mới", "New rules only"),
    "rejected_old": ("Dòng bị loại (cũ)", "Rejected rows (old)"),
    "rejected_new": ("Dòng bị loại (mới)", "Rejected rows (new)"),
    "parameters_changed": ("Tham số khác nhau", "Parameters changed"),
    "definitions_changed": ("Quy tắc viết khác", "Rules changed"),
    "data": ("Dữ liệu", "Data"), "notice": ("Cảnh báo", "Notice"),
}
#: The diff's sheets.
SHEET_WORDS: dict[str, tuple[str, str]] = {"summary": ("Tóm tắt", "Summary"), "changes": ("Thay đổi", "Changes"),
           "criteria": ("Tiêu chí", "Criteria"), "parameters": ("Tham số", "Parameters"),
           "definitions": ("Quy tắc", "Rule changes"), "rejected": ("Dòng bị loại",
                                                                    "Rejected rows")}


diff_headers = Phrasebook("diff headers", HEADERS)
diff_summary = Phrasebook("diff summary", SUMMARY)
diff_sheets = Phrasebook("diff sheets", SHEET_WORDS)

#: What kind of rule a changed criterion is.
diff_kinds = Phrasebook("diff kinds", {
    "criterion": ("chỉ tiêu", "target"), "deduction": ("điểm trừ", "deduction"),
    "class": ("xếp loại", "class"), "award": ("khen thưởng", "award"),
    "ranking": ("xếp hạng", "ranking"), "check": ("điều kiện", "condition"),
    "route": ("cách đạt", "route"), "exclusion": ("loại trừ", "exclusion"),
    "quota": ("giới hạn số lượng", "quota"), "prize": ("tiền thưởng", "prize"),
    "standard": ("tiêu chuẩn", "standard"), "selection": ("chọn đại biểu", "selection")})
