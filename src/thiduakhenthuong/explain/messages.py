"""Every sentence the renderers print, in Vietnamese and English. Placeholders use str.format."""
from __future__ import annotations

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
}


def t(msg_id: str, lang: str, **kw) -> str:
    """Render message ``msg_id`` in ``lang`` ('vi' or 'en').

    >>> t("points_short", "en", short="3.5")
    '3.5 points short'
    """
    return MESSAGES[msg_id]["en" if lang == "en" else "vi"].format(**kw)
