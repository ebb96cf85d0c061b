"""Check chapters' conference plans and report dates against the rule set: each finding is an
error or a warning with its clause. A missing or misplaced programme item is a warning (chapters
may adapt the programme, §II.3) unless the rule file marks the item required."""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import numpy as np

from ...core.models import Localized
from ...core.params import ResolvedParameter
from .model import DelegateRuleSet
from .trace import Finding


def _d(v: Any) -> dt.date | None:
    if v is None or (isinstance(v, np.datetime64) and np.isnat(v)):
        return None
    return np.datetime64(v, "D").astype(dt.date)


def _fmt(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "—"


def _same_name(a: str, b: str) -> bool:
    norm = lambda s: " ".join(unicodedata.normalize("NFC", s).casefold().split())  # noqa: E731
    return norm(a) == norm(b)


def programme_items(text: str, rules: DelegateRuleSet) -> tuple[list[str], list[str]]:
    """Item ids from '1;2;3' (numbers in the rule file's order) or ids; and unknown tokens.

    >>> from thiduakhenthuong.rulebook.load import read_rule_set
    >>> from pathlib import Path
    >>> m, _ = read_rule_set(Path("rules/thai-nguyen-2019"))
    >>> programme_items("1; 2;3, p9_closing; x", m)
    (['p1_opening', 'p2_report', 'p3_presentations', 'p9_closing'], ['x'])
    """
    ids = [p.id for p in rules.programme]
    out, bad = [], []
    for tok in str(text or "").replace(",", ";").split(";"):
        tok = tok.strip().rstrip(".")
        if not tok:
            continue
        if tok.isdigit() and 1 <= int(tok) <= len(ids):
            out.append(ids[int(tok) - 1])
        elif tok in ids:
            out.append(tok)
        else:
            bad.append(tok)
    return out, bad


def check_plan_rows(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                    cols: dict[str, np.ndarray], rows: np.ndarray) -> list[Finding]:
    """Findings for every plan row (already validated)."""
    p = {k: v.value for k, v in params.items()}
    role = {f.role: name for name, f in rules.plan_inputs.items() if f.role}
    out: list[Finding] = []
    for i in range(len(rows)):
        cid = str(cols[role["key"]][i])
        name = str(cols[role["name"]][i]) if "name" in role else None
        lv = rules.level(str(cols[role["level"]][i]))
        row = int(rows[i])

        def add(sev: str, code: str, vi: str, en: str, cite: str, **values) -> None:
            out.append(Finding(chapter_id=cid, name=name or None, row=row, severity=sev,
                               code=code, message=Localized(vi=vi, en=en), cite=cite,
                               values=values))

        form = str(cols.get("form_name", [""] * len(rows))[i])
        if not _same_name(form, lv.form.vi):
            add("error", "wrong_form", f"tên hội nghị phải là “{lv.form.vi}”, kế hoạch ghi “{form}”",
                f"the conference must be called “{lv.form.vi}”, the plan says “{form}”",
                lv.form_cite, form_name=form, expected=lv.form.vi)
        day = _d(cols["held_on"][i])
        combined = bool(cols["combined_year_end"][i]) if "combined_year_end" in cols else False
        w = lv.combined_window if combined and lv.combined_window else lv.window
        start, end = p[w.start], p[w.end]
        if day is not None and not (start <= day <= end):
            add("error", "outside_window",
                f"tổ chức ngày {_fmt(day)}, ngoài thời gian {_fmt(start)}–{_fmt(end)}",
                f"held on {_fmt(day)}, outside {_fmt(start)}–{_fmt(end)}", w.cite,
                held_on=day, start=start, end=end)
        hours = float(cols["hours"][i])
        most = float(p[lv.max_hours])
        if not np.isnan(hours) and hours > most:
            add("error", "too_long", f"thời lượng {hours:g} giờ, vượt ½ ngày ({most:g} giờ)",
                f"{hours:g} hours, longer than half a day ({most:g} hours)", lv.length_cite,
                hours=hours, max_hours=most)
        cap = int(float(p[lv.cap]))
        expected = {g.id: cols.get(f"expected_{g.id}") for g in rules.groups}
        counts = {g: (0 if v is None or np.isnan(v[i]) else int(v[i])) for g, v in expected.items()}
        total = sum(counts.values())
        if total > cap:
            add("error", "over_cap", f"dự kiến {total} đại biểu, vượt mức tối đa {cap}",
                f"{total} delegates expected, more than the cap of {cap}", lv.cap_cite,
                expected=total, cap=cap)
        for g in rules.groups:
            if g.max_share and counts[g.id] > int(float(p[g.max_share]) * cap + 1e-9):
                most_g = int(float(p[g.max_share]) * cap + 1e-9)
                add("warning", f"{g.id}_over_share" if g.id != "khach_moi" else
                    "invited_over_share",
                    f"{g.title.vi}: {counts[g.id]}, vượt {most_g} chỗ",
                    f"{g.title.en}: {counts[g.id]}, more than {most_g} seats", g.cite,
                    expected=counts[g.id], max=most_g)
        items, unknown = programme_items(cols["programme"][i] if "programme" in cols else "",
                                         rules)
        by_id = {x.id: x for x in rules.programme}
        for x in rules.programme:
            if x.id not in items:
                add("error" if x.required else "warning", "programme_missing",
                    f"chương trình thiếu mục: {x.title.vi}", f"programme item missing: "
                    f"{x.title.en}", x.cite, item=x.id)
        pos = [list(by_id).index(x) for x in items]
        if pos != sorted(pos):
            add("warning", "programme_order", "các mục của chương trình không theo thứ tự quy định",
                "programme items are not in the required order", rules.programme[0].cite,
                programme=";".join(str(k + 1) for k in pos))
        if unknown:
            add("warning", "programme_unknown", f"mục chương trình không rõ: {', '.join(unknown)}",
                f"unknown programme items: {', '.join(unknown)}", rules.programme[0].cite)
    return out


def check_report_rows(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                      cols: dict[str, np.ndarray], rows: np.ndarray, level: str
                      ) -> list[Finding]:
    """A finding for each chapter whose report is late or missing (the deadline is the last
    allowed day)."""
    lv = rules.level(level)
    if lv.reports_by is None:
        return []
    deadline = params[lv.reports_by].value
    role = {f.role: name for name, f in rules.report_inputs.items() if f.role}
    out = []
    for i in range(len(rows)):
        cid = str(cols[role["key"]][i])
        name = (str(cols[role["name"]][i]) or None) if "name" in role else None
        day = _d(cols["submitted_on"][i])
        if day is None:
            out.append(Finding(chapter_id=cid, name=name, row=int(rows[i]), severity="error",
                               code="missing", cite=lv.report_cite,
                               message=Localized(vi=f"chưa gửi báo cáo (hạn cuối {_fmt(deadline)})",
                                                 en=f"no report (last day {_fmt(deadline)})")))
        elif day > deadline:
            out.append(Finding(chapter_id=cid, name=name, row=int(rows[i]), severity="error",
                               code="late", cite=lv.report_cite,
                               values={"submitted_on": day, "deadline": deadline},
                               message=Localized(
                                   vi=f"gửi báo cáo ngày {_fmt(day)}, quá hạn (hạn cuối {_fmt(deadline)})",
                                   en=f"report sent {_fmt(day)}, late (last day {_fmt(deadline)})")))
    return out
