"""The table reader's words: what it decided about a workbook and the problems it found."""
from __future__ import annotations

from typing import Any

from .book import Phrasebook

#: What the table reader decided and the problems it found, in the words of the office.
READER: dict[str, dict[str, str]] = {
    "sheet_chosen": {"vi": "đọc trang tính '{sheet}' (bảng số liệu được tìm thấy ở đây; các trang khác: {others})",
                     "en": "read sheet '{sheet}' (the table is there; other sheets: {others})"},
    "sheet_given": {"vi": "đọc trang tính '{sheet}' theo yêu cầu", "en": "read sheet '{sheet}' as asked"},
    "header_found": {"vi": "dòng tiêu đề cột ở dòng {row}; bỏ qua {skipped} dòng phía trên (quốc hiệu, tên biểu)",
                     "en": "column headers found at row {row}; {skipped} rows above skipped (motto, title)"},
    "header_two_rows": {"vi": "tiêu đề cột hai tầng ở dòng {top}–{sub} được ghép (nhóm + cột con)",
                        "en": "two-row headers at rows {top}–{sub} combined (group + sub-header)"},
    "numbering_row": {"vi": "bỏ qua dòng đánh số cột (1), (2), (3)… ở dòng {row}",
                      "en": "numbering row (1), (2), (3)… at row {row} skipped"},
    "stt_column": {"vi": "bỏ qua cột số thứ tự '{header}'", "en": "row-number column '{header}' ignored"},
    "totals_row": {"vi": "dòng tổng cộng ở dòng {row} ('{text}') không phải một đơn vị: không tính",
                   "en": "totals row at row {row} ('{text}') is not a unit: left out"},
    "footer": {"vi": "dừng đọc ở dòng {row} ('{text}'): phần ký tên, ghi chú cuối biểu",
               "en": "stopped reading at row {row} ('{text}'): signature block or notes"},
    "blank_rows": {"vi": "bỏ qua {n} dòng trống hoặc dòng tiêu đề mục (dòng {rows})",
                   "en": "{n} blank or section-heading rows skipped (rows {rows})"},
    "sep_line": {"vi": "dòng '{line}' đầu tệp CSV cho biết dấu phân cách", "en": "the CSV's first line '{line}' names the separator"},
    "percent_cells": {"vi": "{n} ô định dạng phần trăm được đọc theo số hiển thị (0,38 hiển thị 38% là 38)",
                      "en": "{n} percent-formatted cells read as shown (0.38 shown as 38% is 38)"},
    "fractions_as_percent": {"vi": "cột '{header}' chỉ có số từ 0 đến 1 (như 0,38): đọc là phần trăm (38%), kiểm tra lại",
                             "en": "column '{header}' holds only numbers from 0 to 1 (such as 0.38): read as percentages (38%), please check"},
    "error_cells": {"vi": "{n} ô báo lỗi Excel (như #DIV/0!, #N/A): sửa công thức trong tệp",
                    "en": "{n} cells hold an Excel error (such as #DIV/0!, #N/A): fix the formulas in the file"},
    "formula_cells": {"vi": "{n} ô có công thức chưa được tính: mở tệp và lưu lại trong Excel",
                      "en": "{n} cells hold a formula that was never computed: open the file and save it again in Excel"},
    "header_plain": {"vi": "cột '{header}' được nhận là '{title}' khi bỏ dấu: kiểm tra lại",
                     "en": "column '{header}' read as '{title}' when accents are ignored: please check"},
    "header_mapped": {"vi": "cột '{header}' được đọc là '{title}' theo bảng ánh xạ cột",
                      "en": "column '{header}' read as '{title}' by the column map"},
    "unused_columns": {"vi": "bỏ qua các cột không dùng: {columns}", "en": "ignored unused columns: {columns}"},
    "nfc": {"vi": "đã chuẩn hóa Unicode NFC cho {n} ô", "en": "normalised {n} cells to Unicode NFC"},
    "units_by_name": {"vi": "{n} đơn vị ghi bằng tên hoặc tên gọi khác được nhận theo danh sách đơn vị: {pairs}",
                      "en": "{n} units given by name or alias matched to the list of units: {pairs}"},
    "units_plain": {"vi": "đơn vị '{given}' được nhận là '{name}' khi bỏ dấu: kiểm tra lại",
                    "en": "unit '{given}' read as '{name}' when accents are ignored: please check"},
    "missing_column": {"vi": "thiếu cột '{header}'", "en": "column '{header}' is missing"},
    "did_you_mean": {"vi": "có phải ý bạn là {options}?", "en": "did you mean {options}?"},
    "map_hint": {"vi": "ghi cột này vào bảng ánh xạ cột (--map)", "en": "add the column to a column map (--map)"},
    "unknown_unit": {"vi": "mã đơn vị không có trong danh sách đơn vị của bộ quy tắc",
                     "en": "unit id not in the rule set's list of units"},
    "excel_error": {"vi": "ô báo lỗi Excel {value}: sửa công thức trong tệp",
                    "en": "the cell holds the Excel error {value}: fix the formula in the file"},
    "formula_not_computed": {"vi": "công thức chưa được tính: mở tệp và lưu lại trong Excel",
                             "en": "a formula that was never computed: open the file and save it again in Excel"},
    "or": {"vi": " hoặc ", "en": " or "},
    "map_head": {"vi": "Bảng ánh xạ cột cho bộ quy tắc {rules}: tiêu đề cột trong tệp → trường của bộ quy tắc",
                 "en": "Column map for the rule set {rules}: header in the file → field of the rule set"},
    "map_use": {"vi": "Xem lại các dòng 'đoán', sửa nếu cần, rồi dùng: tdkt score ... --map tệp-này.yaml (null: bỏ qua cột)",
                "en": "Review the 'guess' lines, correct them, then use: tdkt score ... --map this-file.yaml (null: ignore the column)"},
    "map_sure": {"vi": "chắc chắn: {title}", "en": "sure: {title}"},
    "map_guess": {"vi": "đoán, cần xem lại: {title}", "en": "guess, to review: {title}"},
    "map_none": {"vi": "không tìm thấy trường phù hợp: ghi tên trường hoặc để null",
                 "en": "no field found: write a field name or leave null"},
}

#: The reader's phrases (see :data:`READER`).
reader = Phrasebook("reader", READER)
