"""Every sentence the renderers print, in Vietnamese and English. Placeholders use str.format."""
from __future__ import annotations

from typing import Any

from ..core.phrases import Phrasebook

__all__ = ["MESSAGES", "WORKBOOK", "COLUMNS", "SHEETS", "STATUS_WORDS", "Phrasebook", "t",
           "wb", "col", "sheet", "status", "tpl", "TEMPLATE",
           "CLI", "HELP_VI", "cli"]

MESSAGES: dict[str, dict[str, str]] = {
    "unit": {"vi": "{name} ({id}) — cụm {cluster}", "en": "{name} ({id}) — cluster {cluster}"},
    "total": {"vi": "Tổng điểm {total} = {base} điểm chỉ tiêu + {bonus} điểm thưởng − {ded} điểm trừ",
              "en": "Total {total} = {base} target points + {bonus} bonus − {ded} deductions"},
    "bonus_capped": {"vi": "điểm thưởng {raw} vượt mức tối đa, tính {capped}",
                     "en": "bonus {raw} is above the cap, {capped} counted"},
    "class": {"vi": "Xếp loại: {title}", "en": "Class: {title}"},
    "class_threshold": {"vi": "ngưỡng {op} {value} điểm ({param} = {value}, hiệu lực từ {date}; căn cứ: {basis})",
                        "en": "threshold {op} {value} points ({param} = {value}, in force from {date}; basis: {basis})"},
    "veto_applied": {"vi": "Bị hạ xuống '{cls}' vì không đạt tiêu chí {crit}: {title} [{cite}]",
                     "en": "Lowered to '{cls}' because criterion {crit} is not met: {title} [{cite}]"},
    "rank": {"vi": "Hạng {rc}/{size} trong cụm {cluster}; hạng {ro}/{n} toàn bộ",
             "en": "Rank {rc} of {size} in cluster {cluster}; {ro} of {n} overall"},
    "targets": {"vi": "Các chỉ tiêu", "en": "Targets"},
    "crit_line": {"vi": "{mark} {title} [{cite}]: {points}/{max} điểm",
                  "en": "{mark} {title} [{cite}]: {points}/{max} points"},
    "na": {"vi": "không áp dụng với đơn vị này: được tính đủ điểm",
           "en": "does not apply to this unit: full points"},
    "measure": {"vi": "đạt {achieved} / chỉ tiêu {target} {unit}= {pct}",
                "en": "achieved {achieved} / target {target} {unit}= {pct}"},
    "short": {"vi": "thiếu {short} {unit}", "en": "{short} {unit} short"},
    "condition_ok": {"vi": "điều kiện {expr}: đạt", "en": "condition {expr}: holds"},
    "condition_fail": {"vi": "điều kiện {expr}: không đạt", "en": "condition {expr}: does not hold"},
    "bonus": {"vi": "điểm thưởng vượt chỉ tiêu: {bonus}", "en": "bonus for exceeding: {bonus}"},
    "formula": {"vi": "công thức: {formula}", "en": "formula: {formula}"},
    "inputs": {"vi": "dữ liệu: {values}", "en": "inputs: {values}"},
    "param": {"vi": "tham số {name} = {value}{key} (hiệu lực từ {date}; căn cứ: {basis})",
              "en": "parameter {name} = {value}{key} (in force from {date}; basis: {basis})"},
    "deductions": {"vi": "Điểm trừ", "en": "Deductions"},
    "ded_line": {"vi": "{title} [{cite}]: −{points} (tính được {raw}, tối đa {max})",
                 "en": "{title} [{cite}]: −{points} (computed {raw}, cap {max})"},
    "why_not": {"vi": "Vì sao chưa đạt '{next}'", "en": "Why not '{next}'"},
    "what_it_takes": {"vi": "Cách ít tốn nhất để đạt (thêm {gain} điểm):",
                      "en": "The cheapest way there (+{gain} points):"},
    "raise_to": {"vi": "nâng {what} từ {old} lên {new} (+{gain} điểm) [{cite}]",
                 "en": "raise {what} from {old} to {new} (+{gain} points) [{cite}]"},
    "fulfil": {"vi": "đạt chỉ tiêu {id} “{title}” (+{gain} điểm) [{cite}]",
               "en": "meet {id} “{title}” (+{gain} points) [{cite}]"},
    "and_condition": {"vi": ", đồng thời đạt điều kiện của chỉ tiêu",
                      "en": ", and meet the target's condition"},
    "not_reachable": {"vi": "không thể đạt loại này kể cả khi đạt tối đa mọi chỉ tiêu còn lại",
                      "en": "not reachable even with full points on every remaining target"},
    "points_short": {"vi": "còn thiếu {short} điểm", "en": "{short} points short"},
    "veto_blocks": {"vi": "bị chặn bởi quy định: {title} [{cite}]",
                    "en": "blocked by rule: {title} [{cite}]"},
    "unmet_line": {"vi": "chỉ tiêu {clause} ({id}) chưa đạt: {detail}; mất {lost} điểm",
                   "en": "target {clause} ({id}) not met: {detail}; {lost} points lost"},
    "top_class": {"vi": "Đã ở mức xếp loại cao nhất", "en": "Already in the top class"},
    "ties": {"vi": "Đồng điểm và cách phân định", "en": "Ties and how they were broken"},
    "tie_line": {"vi": "{scope}: bằng {tied} với {other}; xếp {pos} nhờ '{key}' ({own} so với {theirs})",
                 "en": "{scope}: level on {tied} with {other}; placed {pos} by '{key}' ({own} vs {theirs})"},
    "above": {"vi": "trên", "en": "above"},
    "below": {"vi": "dưới", "en": "below"},
    "scope_cluster": {"vi": "trong cụm", "en": "in cluster"},
    "scope_overall": {"vi": "toàn bộ", "en": "overall"},
    "awards": {"vi": "Khen thưởng", "en": "Awards"},
    "award_line": {"vi": "{title} [{cite}] — hạng {rank} {scope}",
                   "en": "{title} [{cite}] — rank {rank} {scope}"},
    "award_missed": {"vi": "Hạng {rank} {scope} nhưng chưa đủ xếp loại '{cls}' để được {title}",
                     "en": "Rank {rank} {scope} but below class '{cls}' needed for {title}"},
    "no_award": {"vi": "Không được đề nghị khen thưởng", "en": "Not proposed for an award"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "empty": {"vi": "(trống)", "en": "(empty)"},
    "rejected_title": {"vi": "Dòng bị loại", "en": "Rejected rows"},
    "rejected_line": {"vi": "dòng {row}{unit}: cột {column}{value} — {reason}",
                      "en": "row {row}{unit}: column {column}{value} — {reason}"},
    "rejected_rows_line": {"vi": "{n} dòng ({rows}): cột {column}{value} — {reason}",
                           "en": "{n} rows ({rows}): column {column}{value} — {reason}"},
    "counts": {"vi": "Số dòng đầu vào {rows_in} = đã chấm {scored} + bị loại {rejected}",
               "en": "Rows in {rows_in} = scored {scored} + rejected {rejected}"},
    "warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    # Titles
    "outcome_eligible": {"vi": "Đủ điều kiện", "en": "Eligible"},
    "outcome_not_eligible": {"vi": "Không đủ điều kiện", "en": "Not eligible"},
    "outcome_not_determinable": {"vi": "Chưa xác định được", "en": "Not determinable"},
    "seat_invited": {"vi": "Khách mời", "en": "Invited"},
    "seat_reserved": {"vi": "Chỗ dành riêng cho nhóm", "en": "Reserved for the group"},
    "seat_open": {"vi": "Chỗ chung", "en": "Open seat"},
    "title_head": {"vi": "{title} [{cite}] — {outcome}{proposed}",
                   "en": "{title} [{cite}] — {outcome}{proposed}"},
    "proposed": {"vi": ", đề nghị", "en": ", proposed"},
    "not_proposed_quota": {"vi": ", không đề nghị do vượt chỉ tiêu", "en": ", not proposed: over the cap"},
    "person": {"vi": "{name} ({id}), đơn vị {unit} — năm {year}",
               "en": "{name} ({id}), unit {unit} — year {year}"},
    "collective": {"vi": "{name} ({id}) — năm {year}", "en": "{name} ({id}) — year {year}"},
    "check_line": {"vi": "{mark} {title} [{cite}]", "en": "{mark} {title} [{cite}]"},
    "route_line": {"vi": "Cách {mark} {title}", "en": "Route {mark} {title}"},
    "one_route": {"vi": "Đạt một trong các cách sau:", "en": "Meets one of these routes:"},
    "years_line": {"vi": "{call} = {value}: {years}", "en": "{call} = {value}: {years}"},
    "years_none": {"vi": "không có năm nào (lịch sử từ {first})", "en": "no year counts (history from {first})"},
    "years_list": {"vi": "các năm {years}", "en": "years {years}"},
    "streak_line": {"vi": "{what} {years}: {n} năm liên tục", "en": "{what} {years}: {n} in a row"},
    "members_line": {"vi": "{call}: {count}/{members} thành viên{share}",
                     "en": "{call}: {count} of {members} members{share}"},
    "pending": {"vi": "chờ xác định: {who}", "en": "pending: {who}"},
    "missing_evidence": {"vi": "Thiếu xác nhận: {what}", "en": "Evidence missing: {what}"},
    "needs": {"vi": "→ {what}", "en": "→ {what}"},
    "exclusion_applies": {"vi": "✗ Bị loại trừ: {title} [{cite}]", "en": "✗ Excluded: {title} [{cite}]"},
    "exclusion_unknown": {"vi": "? Chưa rõ loại trừ: {title} [{cite}]", "en": "? Exclusion unknown: {title} [{cite}]"},
    "quota_line": {"vi": "Chỉ tiêu nhóm {group}: tối đa {cap} = {share} × {holders} người đạt {of}; xếp thứ {rank}/{eligible} người đủ điều kiện → {verdict}",
                   "en": "Cap in group {group}: at most {cap} = {share} × {holders} holders of {of}; ranked {rank} of {eligible} eligible → {verdict}"},
    "quota_in": {"vi": "trong chỉ tiêu", "en": "within the cap"},
    "quota_out": {"vi": "ngoài chỉ tiêu", "en": "outside the cap"},
    "quota_tie": {"vi": "so với {other}: phân định bởi {key} ({own} so với {theirs})",
                  "en": "against {other}: decided by {key} ({own} vs {theirs})"},
    "prize_line": {"vi": "Tiền thưởng: {mult} × {base} đồng (mức lương cơ sở từ {since}, ngày quyết định {day}) = {amount} đồng [{cite}]",
                   "en": "Prize: {mult} × {base} VND (base salary from {since}, decision date {day}) = {amount} VND [{cite}]"},
    "title_counts": {"vi": "Số dòng đầu vào {rows_in} = được xét {judged} + lịch sử {history} + năm khác {ignored} + bị loại {rejected}",
                     "en": "Rows in {rows_in} = judged {judged} + history {history} + other years {ignored} + rejected {rejected}"},
    "title_totals": {"vi": "{title}: đề nghị {proposed}, đủ điều kiện {eligible}, không đủ {not_eligible}, chưa xác định {unknown}; tiền thưởng {prize} đồng",
                     "en": "{title}: proposed {proposed}, eligible {eligible}, not eligible {not_eligible}, not determinable {unknown}; prizes {prize} VND"},
    "regime": {"vi": "Năm xét {year} — {regime}; ngày quyết định {day}", "en": "Year judged {year} — {regime}; decision date {day}"},
    # tdkt verify
    "verify_bundle": {"vi": "Gói kiểm toán {path}: {subject}",
                      "en": "Audit bundle {path}: {subject}"},
    "verify_rerun_on": {"vi": "Chạy lại với quy tắc trong gói, trên dữ liệu {data}",
                 "en": "Re-run with the bundle's rules on the data {data}"},
    "verify_error": {"vi": "✗ {text}", "en": "✗ {text}"},
    "verify_info": {"vi": "ℹ {text}", "en": "ℹ {text}"},
    "verify_diffs": {"vi": "Khác biệt giữa gói và lần chạy lại ({n}, ở {m} mục):",
              "en": "Differences between the bundle and the re-run ({n}, in {m} items):"},
    "verify_changed": {"vi": "{where}: trong gói {a} → chạy lại {b}",
                "en": "{where}: bundle {a} → re-run {b}"},
    "verify_missing": {"vi": "{where}: có trong gói{a}, không có khi chạy lại",
                "en": "{where}: in the bundle{a}, absent from the re-run"},
    "verify_added": {"vi": "{where}: không có trong gói, có khi chạy lại{b}",
              "en": "{where}: not in the bundle, present in the re-run{b}"},
    "verify_param_prefix": {"vi": "tham số của kỳ: ", "en": "parameter of the period: "},
    "verify_more": {"vi": "… và {n} khác biệt khác (xem đủ bằng -o verify.json)",
             "en": "… and {n} more differences (all of them with -o verify.json)"},
    "verify_identical": {"vi": "trùng khớp", "en": "identical"},
    "verify_not_identical": {"vi": "KHÔNG trùng khớp: {n} khác biệt, {e} lỗi",
                      "en": "NOT identical: {n} differences, {e} errors"},
}


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
    "cite": ("Căn cứ", "Citation"), "applicable": ("Áp dụng", "Applies"), "met": ("Đạt", "Met"),
    "achieved": ("Thực hiện", "Achieved"), "target": ("Chỉ tiêu giao", "Target"),
    "ratio": ("Tỷ lệ thực hiện", "Achieved share"), "shortfall": ("Còn thiếu", "Shortfall"),
    "points": ("Điểm", "Points"), "max_points": ("Điểm tối đa", "Maximum points"),
    "bonus": ("Điểm thưởng", "Bonus"), "formula": ("Công thức", "Formula"),
    "inputs": ("Số liệu đã đọc", "Values read"), "column": ("Cột", "Column"),
    "value": ("Giá trị", "Value"), "reason": ("Lý do", "Reason"), "code": ("Mã lỗi", "Code"),
    "message": ("Nội dung", "Message"), "notice_code": ("Mã cảnh báo", "Code"),
    "title_id": ("Mã danh hiệu", "Title id"), "award_title": ("Danh hiệu", "Title"),
    "outcome": ("Kết quả", "Outcome"), "outcome_code": ("Mã kết quả", "Outcome code"),
    "check": ("Mã điều kiện", "Condition id"), "check_title": ("Điều kiện", "Condition"),
    "route": ("Cách", "Route"), "status": ("Trạng thái", "Status"),
    "status_code": ("Mã trạng thái", "Status code"), "values": ("Giá trị", "Values"),
    "history": ("Lịch sử", "History"), "members": ("Thành viên", "Members"),
    "missing_evidence": ("Thiếu xác nhận", "Evidence missing"), "needs": ("Cần", "Needs"),
    "expression": ("Biểu thức", "Expression"), "proposed": ("Đề nghị", "Proposed"),
    "eligible": ("Đủ điều kiện", "Eligible"), "not_eligible": ("Không đủ điều kiện", "Not eligible"),
    "not_determinable": ("Chưa xác định", "Not determinable"),
    "prize_total": ("Tổng tiền thưởng (đồng)", "Prize money (VND)"),
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

#: Sheet names of the workbooks.
SHEETS: dict[str, Any] = {
    "rank": ("Xếp hạng", "Ranking"), "reasons": ("Lý do", "Reasons"),
    "rejected": ("Dòng bị loại", "Rejected rows"), "warnings": ("Cảnh báo", "Warnings"),
    "rules": ("Quy tắc áp dụng", "Rules used"), "overrides": ("Điều chỉnh", "Overrides"),
    "proposals": ("Đề nghị", "Proposals"), "decisions": ("Kết quả", "Decisions"),
    "totals": ("Tổng hợp", "Totals"), "delegates": ("Quyết định", "Decisions"),
    "standards": ("Tiêu chuẩn", "Standards"), "conferences": ("Hội nghị", "Conferences"),
    "findings": ("Kết quả kiểm tra", "Findings"),
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

#: What the command line says besides results: error prefixes, summary lines, progress phases.
CLI: dict[str, Any] = {
    "input_error": ("lỗi dữ liệu vào: {text}", "input error: {text}"),
    "rule_error": ("lỗi bộ quy tắc:\n{text}", "rule error:\n{text}"),
    "usage_error": ("lỗi cách dùng: {text}", "usage error: {text}"),
    "error": ("lỗi: {text}", "error: {text}"),
    "cannot_write": ("không ghi được {path}: {text}", "cannot write {path}: {text}"),
    "bad_date": ("'{value}' không phải là ngày (ghi dạng 31/12/2023 hoặc 2023-12-31)",
                 "'{value}' is not a date (write it as 31/12/2023 or 2023-12-31)"),
    "scored_summary": ("{n} đơn vị trong {s} giây; bộ quy tắc {rules} {version} ({hash})",
                       "{n} units in {s} s; rules {rules} {version} ({hash})"),
    "judged_summary": ("{n} đối tượng trong {s} giây; bộ quy tắc {rules} {version} ({hash})",
                       "{n} subjects in {s} s; rules {rules} {version} ({hash})"),
    "hidden_columns": ("{n} cột không đủ chỗ được ẩn (dùng --width, hoặc -o để ghi bảng tính)",
                       "{n} columns that do not fit are hidden (use --width, or -o for a workbook)"),
    "more_rows": ("… và {n} dòng nữa (xem đủ bằng --limit hoặc -o)",
                  "… and {n} more rows (all of them with --limit or -o)"),
    "phase_reading": ("Đọc dữ liệu", "Reading"),
    "phase_validating": ("Kiểm tra dữ liệu", "Validating"),
    "phase_evaluating": ("Đánh giá theo quy tắc", "Evaluating"),
    "phase_writing": ("Ghi {what}", "Writing {what}"),
    "rejected_in_report": ("{n} dòng bị loại: liệt kê trong báo cáo", "{n} rejected rows: listed in the report"),
}

#: Vietnamese help of the commands ("<command> help") and options ("<command> <option>", or
#: "* <option>" for every command); the English help is the text in the code.
HELP_VI: dict[str, str] = {
    "main help": "Chấm điểm, xét danh hiệu thi đua và khen thưởng theo quy tắc khai báo "
                 "(thi đua, khen thưởng). Ngôn ngữ: tiếng Việt; tiếng Anh với --lang en hoặc "
                 "biến môi trường TDKT_LANG=en.",
    "score help": "Chấm điểm DATA (CSV, XLSX, XLS, ODS) theo RULES và in bảng xếp hạng. RULES là "
                  "thư mục bộ quy tắc hoặc tên một bộ có sẵn (xem tdkt rules). Bảng số liệu "
                  "được tìm đúng chỗ trong trang tính (bỏ quốc hiệu, tên biểu, dòng tổng cộng, "
                  "phần ký tên).",
    "explain help": "Giải thích điểm, xếp loại, thứ hạng và khen thưởng của một đơn vị UNIT "
                    "dưới dạng cây.",
    "titles help": "Xét danh hiệu thi đua cho cá nhân và tập thể trong DATA (bảng tính có "
                   "trang Cá nhân, Tập thể hoặc thư mục các tệp CSV) cho năm YEAR và in danh "
                   "sách đề nghị.",
    "delegates help": "Chọn đại biểu dự hội nghị điển hình tiên tiến cấp LEVEL trong DATA; in "
                      "người được chọn và người không được chọn, kèm lý do.",
    "plan-check help": "Kiểm tra kế hoạch hội nghị (và ngày gửi báo cáo) của các đơn vị theo "
                       "RULES. Mã thoát 0 khi không có lỗi, 1 khi có lỗi hoặc dòng bị loại.",
    "check help": "Kiểm tra bộ quy tắc; in mọi lỗi kèm tệp và dòng.",
    "rules help": "Liệt kê các bộ quy tắc có sẵn: tên dùng cho mọi lệnh, nội dung xét, kỳ xét, "
                  "phiên bản và mã phiên bản.",
    "report help": "Ghi báo cáo HTML (một tệp, xem được khi không có mạng, in được khổ A4) của "
                   "một lần chấm điểm, xét danh hiệu hoặc chọn đại biểu.",
    "verify help": "Chạy lại gói kiểm toán BUNDLE với bộ quy tắc trong gói, trên DATA (mặc "
                   "định: dữ liệu đã ghi) và báo 'trùng khớp' hoặc từng khác biệt.",
    "docs help": "Ghi (hoặc kiểm tra) danh mục quy tắc dạng Markdown của RULES vào DIR.",
    "diff help": "Xét DATA theo OLD_RULES và NEW_RULES và liệt kê từng đơn vị hoặc cá nhân có "
                 "kết quả, xếp loại hoặc thứ hạng thay đổi, kèm lý do.",
    "template help": "Ghi biểu mẫu nhập số liệu trống cho RULES: trang hướng dẫn, mỗi bảng "
                     "một trang tính, đơn vị điền sẵn, ghi chú, định dạng số và kiểm tra dữ "
                     "liệu cho từng cột.",
    "map help": "Ghi bảng ánh xạ cột ban đầu cho DATA: mỗi tiêu đề cột trong tệp với trường "
                "của RULES mà nó chỉ, các dòng đoán được đánh dấu để xem lại; sửa rồi dùng "
                "với --map.",
    "* --help": "in trợ giúp này và thoát",
    "* --lang": "ngôn ngữ đầu ra: vi (mặc định) hoặc en; hoặc đặt TDKT_LANG",
    "* --output": "ghi kết quả: .csv, .xlsx hoặc .json (có thể ghi nhiều lần)",
    "* --limit": "chỉ in N dòng đầu của danh sách",
    "* --quiet": "không hiện thanh tiến trình",
    "* --width": "độ rộng bảng in ra (số ký tự; mặc định: độ rộng cửa sổ)",
    "* --sheet": "trang tính cần đọc (mặc định: trang có bảng số liệu)",
    "* --map": "bảng ánh xạ cột (YAML, xem tdkt map) cho tiêu đề cột khác với bộ quy tắc",
    "* --as-of": "áp dụng tham số có hiệu lực vào ngày này (31/12/2023 hoặc 2023-12-31)",
    "* --decision-date": "ngày quyết định khen thưởng (31/01/2025 hoặc 2025-01-31); mặc "
                         "định: ngày thường lệ của năm sau theo bộ quy tắc",
    "* --year": "năm được xét (chọn chế độ pháp lý)",
    "* --level": "cấp hội nghị, ví dụ co_so, huyen, tinh",
    "* --bundle": "ghi gói kiểm toán (ví dụ run.tdkt.json; nén gzip nếu tên kết thúc .gz)",
    "* --overrides": "quyết định điều chỉnh của Hội đồng (CSV/XLSX), in bên cạnh kết quả theo "
                     "quy tắc",
    "titles --explain": "in cây giải thích của cá nhân hoặc đơn vị này (có thể lặp lại)",
    "titles --title": "dùng với --explain: chỉ danh hiệu này",
    "titles --scores": "lấy hạng trong cụm từ kết quả chấm điểm cuối năm cùng năm",
    "diff --details": "in mỗi thay đổi dạng cây với số liệu, tham số và quy tắc",
    "diff --output": "ghi so sánh: .xlsx, .csv hoặc .json (có thể ghi nhiều lần)",
    "docs --output": "thư mục của danh mục (ví dụ docs/rules)",
    "docs --check": "không ghi gì; thoát 1 và nêu từng tệp cũ, thiếu hoặc thừa",
    "report --output": "tệp HTML cần ghi ('-' để in ra đầu ra chuẩn)",
    "verify --output": "ghi toàn bộ kết quả kiểm tra dạng JSON",
    "verify --limit": "in tối đa N khác biệt",
    "template --output": "tệp bảng tính cần ghi (mặc định: mau-<bộ quy tắc>.xlsx)",
    "template --year": "danh hiệu: năm sẽ xét (chọn chế độ pháp lý; mặc định: mới nhất)",
    "map --output": "tệp ánh xạ cột cần ghi (YAML; mặc định: đầu ra chuẩn)",
}

#: The sentences of explanations, the terminal and the report.
t = Phrasebook("messages", MESSAGES)

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
#: The command line's own words (see :data:`CLI`).
cli = Phrasebook("command line", CLI)
