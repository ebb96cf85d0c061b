"""The library's errors as a person reads them: each error raised with words from this book
(``TdktError(..., words=("key", {...}))``) is shown in the reader's language; the English text
given in the code is the error's ``str()`` for programs."""
from __future__ import annotations

from .book import Phrasebook

ERRORS: dict[str, tuple[str, str]] = {
    "not_in_data": ("không có {what} '{id}' trong dữ liệu", "no {what} '{id}' in the data"),
    "judged_ids": ("{near}{n} {what} được xét: {ids}", "{near}{n} judged ({what}): {ids}"),
    "did_you_mean": ("có phải ý bạn là '{id}'? ", "did you mean '{id}'? "),
    "not_judged": ("{what} '{id}' không được xét: dòng dữ liệu bị loại ({why})",
                   "{what} '{id}' was not judged: its row was rejected ({why})"),
    "mend_row": ("xem danh sách dòng bị loại; sửa dòng rồi chạy lại",
                 "see result.rejected; mend the row and run again"),
    "row_problem": ("{table}dòng {row}: {problems}", "{table}row {row}: {problems}"),
    "what_unit": ("đơn vị", "unit"), "what_candidate": ("ứng viên", "candidate"),
    "what_subject": ("đối tượng", "subject"), "what_person": ("cá nhân", "person"),
    "unknown_level": ("không có cấp hội nghị '{level}'", "unknown level '{level}'"),
    "levels": ("các cấp: {levels}", "levels: {levels}"),
    "option_not_for_kind": ("{option} không dùng cho bộ quy tắc loại {kind}",
                            "{option} does not apply to a {kind} rule set"),
    "option_needed": ("bộ quy tắc loại {kind} cần có {option}{what}",
                      "a {kind} rule set needs {option}{what}"),
    "option_year": (" (năm được xét)", " (the year judged)"),
    "option_level": (" (cấp hội nghị: một mã cấp mà bộ quy tắc khai báo)",
                     " (the conference level: an id the rule set declares)"),
    "section_elsewhere": ("mục '{section}' không thuộc bộ quy tắc loại {kind}",
                          "section '{section}' does not belong in a {kind} rule set"),
    "section_of_kinds": ("đó là mục của bộ quy tắc loại {kinds}",
                         "it is a section of {kinds} rule sets"),
    "unknown_section": ("không có mục '{section}'", "unknown section '{section}'"),
    "sections_of_kind": ("các mục của bộ quy tắc loại {kind}: {sections}",
                         "sections of a {kind} rule set: {sections}"),
    "did_you_mean_plain": ("có phải ý bạn là '{id}'?", "did you mean '{id}'?"),
    "kind_scoring": ("chấm điểm", "scoring"), "kind_titles": ("danh hiệu", "titles"),
    "kind_delegates": ("đại biểu hội nghị", "delegates"),
    "no_regime": ("không có chế độ pháp lý nào có hiệu lực ngày {day} ({what}); gần nhất: "
                  "{nearest}", "no regime is in force on {day} ({what}); nearest: {nearest}"),
    "no_regime_hint": ("ghi ngày quyết định thực tế (--decision-date), hoặc thư mục của một chế "
                       "độ (--regime) để áp dụng ngoài thời gian hiệu lực của nó",
                       "give the real decision date (--decision-date), or name one regime's "
                       "folder (--regime) to apply it outside its dates"),
    "param_not_in_force": ("không có giá trị có hiệu lực ngày {day} (giá trị đầu tiên từ "
                           "{first}); bộ quy tắc được xét theo ngày {as_of}",
                           "no value in force on {day} (first from {first}) (the rule set is "
                           "judged as of {as_of})"),
    "only_functions": ("chỉ được gọi các hàm trong danh sách: {names}",
                       "only the listed functions can be called: {names}"),
    "at_column": (" tại cột {column}", " at column {column}"),
    "in_expression": ("{message}{where} trong biểu thức {text}",
                      "{message}{where} in expression {text}"),
    "unknown_key": ("khóa '{key}' không có trong mẫu tệp quy tắc", "unknown key '{key}'"),
    "missing_key": ("thiếu khóa '{key}'", "missing key '{key}'"),
    "yaml_syntax": ("lỗi cú pháp YAML: {problem}", "YAML syntax: {problem}"),
    "unknown_name": ("tên '{name}' không phải trường dữ liệu hay tham số nào",
                     "unknown name '{name}'"),
    "not_utf8": ("{path}: không phải văn bản UTF-8 (byte {byte}); lưu lại dạng 'CSV UTF-8' "
                 "rồi thử lại",
                 "{path}: not UTF-8 text (byte {byte}); save it as 'CSV UTF-8' and try again"),
    "unknown_names": ("không có trường dữ liệu hay tham số {names}{hint}",
                      "unknown input field or parameter {names}{hint}"),
    "did_you_mean_names": (" (có phải ý bạn là {names}?)", " (did you mean {names}?)"),
    "path_message": ("{path}: {message}", "{path}: {message}"),
    "rules_judged_as_of": ("; bộ quy tắc được xét theo ngày {as_of}",
                           " (the rule set is judged as of {as_of})"),
}
errors = Phrasebook("errors", ERRORS)
