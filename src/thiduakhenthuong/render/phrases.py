"""Every sentence the renderers print, in Vietnamese and English. Placeholders use str.format."""
from __future__ import annotations

from typing import Any

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
    # Conferences (plan checks, delegates); {level} is a level's declared title in a sentence
    "conf_level": {"vi": "hội nghị {level}", "en": "a {level} conference"},
    "conf_wrong_form": {"vi": "hội nghị {level} phải mang tên “{expected}”, kế hoạch ghi “{given}”",
                        "en": "a {level} conference must be called “{expected}”, the plan says “{given}”"},
    "conf_outside_window": {"vi": "tổ chức ngày {day}, ngoài thời gian {start}–{end} dành cho hội nghị {level}",
                            "en": "held on {day}, outside {start}–{end}, the dates for a {level} conference"},
    "conf_too_long": {"vi": "thời lượng {hours} giờ, vượt ½ ngày ({most} giờ) của hội nghị {level}",
                      "en": "{hours} hours, longer than the half day ({most} hours) of a {level} conference"},
    "conf_over_cap": {"vi": "dự kiến {total} đại biểu, vượt mức tối đa {cap} của hội nghị {level}",
                      "en": "{total} delegates expected, more than the cap of {cap} for a {level} conference"},
    "conf_over_share": {"vi": "{group}: {count}, vượt {most} chỗ của hội nghị {level}",
                        "en": "{group}: {count}, more than the {most} seats of a {level} conference"},
    "conf_report_late": {"vi": "Hội {level} gửi báo cáo ngày {day}, quá hạn (hạn cuối {deadline})",
                         "en": "the {level} chapter sent its report on {day}, late (last day {deadline})"},
    "conf_report_missing": {"vi": "Hội {level} chưa gửi báo cáo (hạn cuối {deadline})",
                            "en": "no report from the {level} chapter (last day {deadline})"},
    "conf_no_seat": {"vi": "hết chỗ: thứ {place} trong số ứng viên đủ tiêu chuẩn, còn {seats} chỗ ngoài khách mời (tối đa {cap} đại biểu hội nghị {level})",
                     "en": "no seat left: place {place} among eligible candidates, {seats} seats besides invited delegates (cap {cap} for a {level} conference)"},
    "conf_invited_full": {"vi": "hết chỗ dành cho khách mời: thứ {place} trong số khách mời, có {seats} chỗ (hội nghị {level})",
                          "en": "invited seats are full: place {place} among invited delegates, {seats} seats (a {level} conference)"},
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


class Phrasebook:
    """Phrases in Vietnamese and English by key, each a ``{"vi": ..., "en": ...}`` mapping or a
    ``(vi, en)`` pair, filled in with ``str.format``; the one lookup every phrase table of the
    library uses. A key that is not in the book is a ``KeyError`` naming the book.

    >>> book = Phrasebook("demo", {"short": ("thiếu {n} điểm", "{n} points short")})
    >>> book("short", "vi", n="3,5"), book("short", "en", n="3.5")
    ('thiếu 3,5 điểm', '3.5 points short')
    """

    def __init__(self, name: str, table: dict[str, Any]):
        self.name = name
        self.table = table

    def __contains__(self, key: str) -> bool:
        return key in self.table

    def __call__(self, key: str, lang: str, /, **kw: Any) -> str:
        try:
            entry = self.table[key]
        except KeyError:
            raise KeyError(f"no phrase '{key}' in the {self.name} phrasebook") from None
        en = lang == "en"
        text = (entry["en"] if en else entry["vi"]) if isinstance(entry, dict) else entry[en]
        return text.format(**kw) if kw else text


#: The sentences of explanations, the terminal and the report.
t = Phrasebook("messages", MESSAGES)
