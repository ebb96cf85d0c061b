"""The words of the workbooks: sheets, columns, statuses, page furniture, blank templates."""
from __future__ import annotations

from typing import Any

from .book import Phrasebook

#: The words of the workbooks we write: page header and footer, yes/no, split sheets.
WORKBOOK: dict[str, Any] = {
    "page": ("Trang &P/&N", "Page &P of &N"),
    "part": ("{name} ({n})", "{name} ({n})"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "to_csv": ("trang tính '{name}' có {rows} dòng, quá giới hạn {limit} dòng của Excel: "
               "ghi ra tệp CSV {file} bên cạnh bảng tính",
               "sheet '{name}' has {rows} rows, over Excel's limit of {limit}: written to the "
               "CSV file {file} beside the workbook"),
    "split": ("trang tính '{name}' có {rows} dòng, quá giới hạn {limit} dòng của Excel: "
              "chia thành {parts} trang tính",
              "sheet '{name}' has {rows} rows, over Excel's limit of {limit}: split into "
              "{parts} sheets"),
}

#: Column headers of the sheets we write (reasons, rejected rows, warnings, totals).
COLUMNS: dict[str, Any] = {
    "row": ("Dòng", "Row"), "unit_id": ("Mã đơn vị", "Unit id"), "subject_id": ("Mã", "Id"),
    "id": ("Mã", "Id"), "table": ("Bảng", "Table"), "year": ("Năm", "Year"),
    "criterion": ("Mã chỉ tiêu", "Criterion id"), "title": ("Nội dung", "Title"),
    "cite": ("Trích dẫn", "Citation"), "applicable": ("Áp dụng", "Applies"), "met": ("Đạt", "Met"),
    "achieved": ("Thực hiện", "Achieved"), "target": ("Chỉ tiêu giao", "Target"),
    "ratio": ("Tỷ lệ thực hiện", "Achieved share"), "shortfall": ("Còn thiếu", "Shortfall"),
    "points": ("Điểm", "Points"), "max_points": ("Điểm tối đa", "Maximum points"),
    "bonus": ("Điểm thưởng", "Bonus"), "formula": ("Công thức (như viết)", "Formula (as written)"),
    "how": ("Cách tính điểm", "How the points are worked out"),
    "fields": ("Mã trường dữ liệu", "Field codes"),
    "parameter_code": ("Mã tham số", "Parameter code"), "parameter": ("Tham số", "Parameter"),
    "unit_of": ("Đơn vị tính", "Unit"), "effective_from": ("Áp dụng từ", "In force from"),
    "basis": ("Căn cứ", "Basis"), "by": ("Theo trường", "By field"),
    "class_code": ("Mã xếp loại", "Class code"), "conference_code": ("Mã hội nghị", "Conference code"),
    "candidate_group": ("Mã thành phần", "Group code"), "severity_code": ("Mã mức", "Severity code"),
    "unit_name": ("Tên đơn vị", "Unit"), "conference": ("Hội nghị", "Conference"),
    "inputs": ("Số liệu đã đọc", "Values read"), "column": ("Cột", "Column"),
    "value": ("Giá trị", "Value"), "reason": ("Lý do", "Reason"), "code": ("Mã lỗi", "Code"),
    "message": ("Nội dung", "Message"), "notice_code": ("Mã cảnh báo", "Code"),
    "title_id": ("Mã danh hiệu", "Title id"), "award_title": ("Danh hiệu", "Title"),
    "outcome": ("Kết quả", "Outcome"), "outcome_code": ("Mã kết quả", "Outcome code"),
    "check": ("Mã điều kiện", "Condition id"), "check_title": ("Điều kiện", "Condition"),
    "route": ("Cách", "Route"), "status": ("Trạng thái", "Status"),
    "status_code": ("Mã trạng thái", "Status code"), "values": ("Giá trị", "Values"),
    "history": ("Lịch sử", "History"), "members": ("Thành viên", "Members"),
    "condition": ("Điều kiện (bằng lời, kèm giá trị đã đọc)", "Condition (in words, with the values read)"),
    "subject_name": ("Tên", "Name"), "subject": ("Đối tượng", "Subject"),
    "subject_person": ("Cá nhân", "Person"), "subject_unit": ("Tập thể", "Collective"),
    "yes_word": ("Có", "Yes"), "no_word": ("Không", "No"),
    "missing_evidence": ("Thiếu xác nhận", "Evidence missing"), "needs": ("Cần", "Needs"),
    "expression": ("Biểu thức", "Expression"), "proposed": ("Đề nghị", "Proposed"),
    "other_units": ("Năm tính ở đơn vị khác", "Years counted in another unit"),
    "from_unit": ("Mã đơn vị cũ", "Former unit"), "from_name": ("Tên đơn vị cũ", "Former name"),
    "to_unit": ("Mã đơn vị kế thừa", "Successor"), "to_name": ("Tên đơn vị kế thừa",
                                                               "Successor's name"),
    "on": ("Ngày hiệu lực", "In force on"), "document": ("Văn bản", "Document"),
    "kind": ("Hình thức", "Kind"), "main": ("Đơn vị chính", "Main predecessor"),
    "succession_status": ("Áp dụng", "Applied"),
    "eligible": ("Đủ điều kiện", "Eligible"), "not_eligible": ("Không đủ điều kiện", "Not eligible"),
    "not_determinable": ("Chưa xác định", "Not determinable"),
    "prize_total": ("Tổng tiền thưởng (đồng)", "Prize money (VND)"),
    "prize": ("Tiền thưởng (đồng)", "Prize (VND)"),
    "severity": ("Mức", "Severity"), "chapter_id": ("Đơn vị", "Chapter"), "name": ("Tên", "Name"),
}

#: What a status or severity code means, in words.
STATUS_WORDS: dict[str, Any] = {
    "met": ("Đạt", "Met"), "failed": ("Không đạt", "Not met"),
    "unknown": ("Chưa xác định", "Unknown"), "eligible": ("Đủ điều kiện", "Eligible"),
    "not_eligible": ("Không đủ điều kiện", "Not eligible"),
    "not_determinable": ("Chưa xác định được", "Not determinable"),
    "error": ("Lỗi", "Error"), "warning": ("Cảnh báo", "Warning"), "info": ("Thông tin", "Note"),
    "proposed": ("Đề nghị", "Proposed"), "not_proposed": ("Không đề nghị", "Not proposed"),
}

#: Whether a succession row applied to the judged year.
SUCCESSION_STATUS: dict[str, Any] = {
    "applied": ("áp dụng", "applied"),
    "later": ("sau năm xét, không áp dụng", "after the judged year, not applied"),
}
succession_status = Phrasebook("succession statuses", SUCCESSION_STATUS)

#: Sheet names of the workbooks.
SHEETS: dict[str, Any] = {
    "rank": ("Xếp hạng", "Ranking"), "reasons": ("Lý do", "Reasons"),
    "rejected": ("Dòng bị loại", "Rejected rows"), "warnings": ("Cảnh báo", "Warnings"),
    "rules": ("Quy tắc áp dụng", "Rules used"), "overrides": ("Điều chỉnh", "Overrides"),
    "proposals": ("Đề nghị", "Proposals"), "decisions": ("Kết quả", "Decisions"),
    "totals": ("Tổng hợp", "Totals"), "delegates": ("Quyết định", "Decisions"),
    "standards": ("Tiêu chuẩn", "Standards"), "conferences": ("Hội nghị", "Conferences"),
    "findings": ("Kết quả kiểm tra", "Findings"),
    "forwarding": ("Chuyển lên cấp trên", "Forwarding"), "awards": ("Khen thưởng", "Awards"),
    "succession": ("Kế thừa đơn vị", "Unit succession"),
    "title_score": ("Kết quả chấm điểm thi đua — {rules} (phiên bản {version})",
                    "Year-end scoring — {rules} (version {version})"),
    "title_titles": ("Danh hiệu thi đua năm {year} — {rules} (phiên bản {version})",
                     "Emulation titles {year} — {rules} (version {version})"),
    "title_delegates": ("Đại biểu hội nghị điển hình tiên tiến — {rules} (phiên bản {version})",
                        "Conference delegates — {rules} (version {version})"),
    "title_plans": ("Kiểm tra kế hoạch hội nghị — {rules} (phiên bản {version})",
                    "Conference plan check — {rules} (version {version})"),
    "page_version": ("Bộ quy tắc {rules} {version} ({hash})", "Rules {rules} {version} ({hash})"),
}

#: The words of a blank input workbook (tdkt template).
TEMPLATE: dict[str, Any] = {
    "title": ("Biểu mẫu nhập số liệu — bộ quy tắc {rules} (phiên bản {version})",
              "Input workbook — rule set {rules} (version {version})"),
    "instructions": ("Hướng dẫn", "Instructions"),
    "lists": ("Danh mục", "Lists"),
    "how_1": ("1. Mỗi trang tính là một bảng số liệu; giữ nguyên dòng tiêu đề cột (dòng 1).",
              "1. Each sheet is one table; keep the header row (row 1) as it is."),
    "how_2": ("2. Mã và tên đơn vị đã điền sẵn theo danh sách đơn vị của bộ quy tắc và được khóa; "
              "chỉ điền các ô trắng.",
              "2. Unit codes and names are pre-filled from the rule set's list of units and "
              "locked; fill in the white cells only."),
    "how_3": ("3. Di chuột vào tiêu đề cột để xem nội dung, đơn vị tính, chỉ tiêu sử dụng và căn "
              "cứ; ô Có/Không và xếp loại chọn trong danh sách.",
              "3. Hover over a header for its meaning, unit, the criteria using it and their "
              "citations; yes/no and rating cells take a value from the list."),
    "how_4": ("4. Số ghi bằng chữ số (không ghi đơn vị); tỷ lệ ghi số phần trăm (38 là 38%); ngày "
              "ghi dd/mm/yyyy.",
              "4. Numbers as digits (no units); percentages as numbers of percent (38 is 38%); "
              "dates as dd/mm/yyyy."),
    "how_5": ("5. Chấm điểm bằng: tdkt score/titles/delegates <bộ quy tắc> <tệp này>.",
              "5. Evaluate with: tdkt score/titles/delegates <rule set> <this file>."),
    "sheet_line": ("Trang tính '{sheet}' ({title})", "Sheet '{sheet}' ({title})"),
    "prefilled": ("Một dòng cho mỗi đơn vị (đã điền sẵn mã và tên).",
                  "One row per unit (code and name pre-filled)."),
    "rows": ("Mỗi đối tượng một dòng.", "One row per subject."),
    "long": ("Mỗi đối tượng một dòng cho mỗi năm: năm xét và các năm trước (lịch sử danh hiệu, "
             "xếp loại) trên cùng bảng, phân biệt bằng cột Năm.",
             "One row per subject per year: the year judged and the earlier years (history of "
             "titles and ratings) in the same table, told apart by the Year column."),
    "unit": ("Đơn vị tính: {unit}", "Unit: {unit}"),
    "type_integer": ("Số nguyên từ {low} đến {high}", "Whole number from {low} to {high}"),
    "type_number": ("Số từ {low} đến {high}", "Number from {low} to {high}"),
    "type_percent": ("Tỷ lệ phần trăm từ {low} đến {high} (38 là 38%)",
                     "Percentage from {low} to {high} (38 is 38%)"),
    "type_date": ("Ngày (dd/mm/yyyy)", "Date (dd/mm/yyyy)"),
    "type_bool": ("Chọn: {values}", "Choose: {values}"),
    "type_enum": ("Chọn: {values}", "Choose: {values}"),
    "type_text": ("Văn bản", "Text"),
    "required": ("Bắt buộc", "Required"),
    "optional": ("Không bắt buộc", "Optional"),
    "used_by": ("Dùng cho: {what}", "Used by: {what}"),
    "yes": ("Có", "Yes"),
    "no": ("Không", "No"),
    "version": ("Bộ quy tắc {rules}, phiên bản {version}, mã phiên bản {hash}",
                "Rule set {rules}, version {version}, version hash {hash}"),
    "invalid_title": ("Giá trị không hợp lệ", "Invalid value"),
    "invalid_integer": ("Nhập số nguyên từ {low} đến {high}.", "Enter a whole number from {low} to {high}."),
    "invalid_number": ("Nhập số từ {low} đến {high}.", "Enter a number from {low} to {high}."),
    "invalid_percent": ("Nhập số phần trăm từ {low} đến {high} (38 là 38%).",
                        "Enter a percentage from {low} to {high} (38 is 38%)."),
    "invalid_date": ("Nhập ngày dạng dd/mm/yyyy.", "Enter a date as dd/mm/yyyy."),
    "invalid_bool": ("Chọn một giá trị trong danh sách: {values}.", "Choose from the list: {values}."),
    "invalid_enum": ("Chọn một giá trị trong danh sách: {values}.", "Choose from the list: {values}."),
}

#: The workbooks' words (see :data:`WORKBOOK`).
wb = Phrasebook("workbook", WORKBOOK)
#: Column headers (see :data:`COLUMNS`).
col = Phrasebook("columns", COLUMNS)
#: Sheet names and page titles (see :data:`SHEETS`).
sheet = Phrasebook("sheets", SHEETS)
#: Status, outcome and severity codes in words (see :data:`STATUS_WORDS`).
status = Phrasebook("statuses", STATUS_WORDS)
#: The blank input workbook's words (see :data:`TEMPLATE`).
tpl = Phrasebook("template", TEMPLATE)

#: Column heads of a scoring's ranking (``ScoreResult.to_frame(labels=...)``), the workbook's
#: first sheet and the CSV.
RANK_COLUMNS: dict[str, Any] = {
    "rank_overall": ("Hạng chung", "Overall rank"), "rank_cluster": ("Hạng trong cụm", "Rank in cluster"),
    "unit_id": ("Mã đơn vị", "Unit id"), "name": ("Tên đơn vị", "Unit"),
    "cluster": ("Cụm thi đua", "Emulation cluster"), "base": ("Điểm chỉ tiêu", "Target points"),
    "bonus": ("Điểm thưởng", "Bonus"), "deduction": ("Điểm trừ", "Deductions"),
    "total": ("Tổng điểm", "Total"), "class": ("Mã xếp loại", "Class code"),
    "class_title": ("Xếp loại", "Class"), "awards": ("Đề nghị khen thưởng", "Proposed awards"),
    "row": ("Dòng dữ liệu", "Input row"), "events": ("Điểm cộng, trừ", "Event points"),
    "points_of": ("Điểm {label}", "Points {label}"), "rank_by": ("Hạng theo {by}", "Rank by {by}"),
}
rank_columns = Phrasebook("ranking columns", RANK_COLUMNS)

#: Column heads of the delegates' and plan checks' sheets.
DELEGATE_COLUMNS: dict[str, Any] = {
    "candidate_id": ("Mã", "Id"), "name": ("Tên", "Name"), "group": ("Thành phần", "Group"),
    "group_code": ("Mã thành phần", "Group code"), "conference": ("Hội nghị", "Conference"),
    "conference_code": ("Mã hội nghị", "Conference code"), "row": ("Dòng dữ liệu", "Input row"),
    "outcome": ("Tiêu chuẩn", "Standards"), "outcome_code": ("Mã kết quả", "Outcome code"),
    "selected": ("Được chọn", "Selected"), "seat": ("Suất", "Seat"),
    "seat_code": ("Mã suất", "Seat code"), "rank": ("Thứ tự", "Merit place"),
    "reason": ("Lý do", "Reason"), "forwarded": ("Chuyển lên cấp trên", "Forwarded"),
    "missing_evidence": ("Thiếu xác nhận", "Evidence missing"),
    "check": ("Mã tiêu chuẩn", "Standard code"), "title": ("Tiêu chuẩn", "Standard"),
    "status": ("Trạng thái", "Status"), "status_code": ("Mã trạng thái", "Status code"),
    "cite": ("Trích dẫn", "Citation"), "values": ("Giá trị đã đọc", "Values read"),
    "table": ("Bảng", "Table"), "id": ("Mã", "Id"), "column": ("Cột", "Column"),
    "value": ("Giá trị ô", "Cell value"), "code": ("Mã lỗi", "Code"),
    "chapter_code": ("Mã đơn vị", "Chapter code"), "severity": ("Mức", "Severity"),
    "severity_code": ("Mã mức", "Severity code"), "message": ("Nội dung", "Message"),
    "higher_conference": ("Hội nghị cấp trên", "Higher conference"),
    "conferences": ("Từ các hội nghị", "From the conferences"), "cap": ("Tối đa", "Cap"),
    "over": ("Vượt", "Over"), "award": ("Khen thưởng", "Award"),
    "decided_on": ("Ngày quyết định", "Decision date"), "level": ("Cấp hội nghị", "Level"),
    "candidates": ("Số ứng viên", "Candidates"), "eligible": ("Đủ tiêu chuẩn", "Eligible"),
    "selected_n": ("Số được chọn", "Selected"), "by_group": ("Theo thành phần", "By group"),
    "forwarded_n": ("Chuyển lên cấp trên", "Forwarded"), "held": ("Ngày tổ chức", "Held on"),
    "next_cap": ("Cấp trên: tối đa", "Next level: cap"), "forwarded_count": ("Số chuyển lên",
                                                                            "Forwarded"),
    "yes": ("Có", "Yes"), "no": ("Không", "No"),
}
delegate_columns = Phrasebook("delegate columns", DELEGATE_COLUMNS)
