"""What the command line says besides results, and its Vietnamese help."""
from __future__ import annotations

from typing import Any

from .book import Phrasebook

#: What the command line says besides results: error prefixes, summary lines, progress phases.
CLI: dict[str, Any] = {
    "input_error": ("Lỗi dữ liệu đầu vào: {text}", "Input error: {text}"),
    "rule_error": ("Lỗi trong bộ quy tắc:\n{text}", "Rule error:\n{text}"),
    "usage_error": ("Lỗi cách dùng lệnh: {text}", "Usage error: {text}"),
    "error": ("Lỗi: {text}", "Error: {text}"),
    "cannot_write": ("không ghi được {path}: {text}", "cannot write {path}: {text}"),
    "check_ok": ("Hợp lệ: {id} {version} ({hash}): {summary}", "OK {id} {version} ({hash}): {summary}"),
    "summary_scoring": ("{inputs} trường dữ liệu, {params} tham số, {criteria} chỉ tiêu, {deductions} mục điểm trừ, {classes} loại, {awards} hình thức khen thưởng",
                        "{inputs} inputs, {params} parameters, {criteria} criteria, {deductions} deductions, {classes} classes, {awards} awards"),
    "summary_titles": ("danh hiệu các năm {first}–{last}, {people} trường dữ liệu cá nhân, {units} trường dữ liệu tập thể, {params} tham số, {titles} danh hiệu, {exclusions} trường hợp loại trừ",
                       "titles {first}–{last}, {people} person fields, {units} unit fields, {params} parameters, {titles} titles, {exclusions} exclusions"),
    "summary_conferences": ("hội nghị, {n} cấp ({levels}), {groups} thành phần, {programme} mục chương trình, {standards} tiêu chuẩn",
                            "conferences, {n} levels ({levels}), {groups} groups, {programme} programme items, {standards} standards"),
    "rules_title": ("Bộ quy tắc có sẵn ({where})", "Bundled rule sets ({where})"),
    "rules_name": ("Tên", "Name"), "rules_kind": ("Loại", "Kind"), "rules_period": ("Kỳ xét", "Period"),
    "rules_id": ("Mã", "Id"), "rules_version": ("Phiên bản", "Version"),
    "rules_hash": ("Mã phiên bản", "Hash"), "rules_title_col": ("Nội dung", "Title"),
    "rules_by_regime": ("theo chế độ pháp lý: {regimes}", "by legal regime: {regimes}"),
    "report_written": ("→ {path} ({size} byte, báo cáo {kind})", "→ {path} ({size} bytes, {kind} report)"),
    "report_kind_scoring": ("chấm điểm", "scoring"), "report_kind_titles": ("danh hiệu", "titles"),
    "report_kind_delegates": ("đại biểu hội nghị", "delegates"),
    "cannot_verify": ("không kiểm tra được {path}: {text}", "cannot verify {path}: {text}"),
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
    "explain_rejected": ("{id}: dòng bị loại (dòng {row}, bảng {table})",
                         "{id}: rejected (row {row}, table {table})"),
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
    "test help": "Chạy các trường hợp kiểm thử trong thư mục tests/ của bộ quy tắc RULES; in "
                 "từng trường hợp đạt hay không, kèm phần giải thích liên quan; mã thoát 0 khi "
                 "mọi trường hợp đạt, 1 khi có trường hợp không đạt.",
    "schema help": "Ghi lược đồ JSON của tệp quy tắc (mọi loại, hoặc loại KIND) để trình soạn "
                   "thảo gợi ý và kiểm tra khi viết quy tắc.",
    "new help": "Tạo một bộ quy tắc mới loại KIND tên NAME từ mẫu, để bắt đầu viết.",
    "schema --layer": "lược đồ cho tệp của lớp quy tắc bổ sung (extends), không khóa nào bắt "
                      "buộc",
    "titles --dossier-date": "ngày nhận hồ sơ (31/12/2025 hoặc 2025-12-31); có thể giữ "
                             "trường hợp theo chế độ pháp lý trước",
    "titles --regime": "áp dụng thư mục chế độ này của RULES (ví dụ regime-2022) thay cho chế "
                       "độ mà quy tắc chọn chế độ chỉ định",
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
    "* --show-expressions": "in dưới mỗi dòng mã và biểu thức mà dòng đó dựa vào",
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
    "serve help": "Mở ứng dụng web (trang cho cán bộ văn phòng và kiểm toán viên) và API HTTP "
                  "/api/v1 trên máy này, với các bộ quy tắc có sẵn và các thư mục --rules. Chỉ "
                  "nghe trên 127.0.0.1 trừ khi có --host; khi đó cần mã truy cập (--token hoặc "
                  "TDKT_TOKEN) ở mọi yêu cầu.",
    "serve --host": "địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)",
    "serve --port": "cổng lắng nghe",
    "serve --rules": "thư mục bộ quy tắc phục vụ thêm (có thể ghi nhiều lần)",
    "serve --token": "mã truy cập mọi yêu cầu phải mang (bắt buộc khi không nghe trên 127.0.0.1)",
    "serve --max-upload-mb": "dung lượng tối đa của một tệp tải lên (MB)",
    "serve --max-rows": "số dòng tối đa của một bảng tải lên",
    "serve --jobs": "số lượt xét chạy cùng lúc (các lượt khác chờ đến lượt)",
}

#: The command line's own words (see :data:`CLI`).
cli = Phrasebook("command line", CLI)
