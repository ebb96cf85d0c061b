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
from .words import in_sentence, say


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


def _fmt_hours(x: float) -> str:
    return f"{x:g}"


def check_plan_rows(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                    cols: dict[str, np.ndarray], rows: np.ndarray) -> list[Finding]:
    """Findings for every plan row (already validated); each names the row's level by its
    declared title."""
    p = {k: v.value for k, v in params.items()}
    role = {f.role: name for name, f in rules.plan_inputs.items() if f.role}
    out: list[Finding] = []
    for i in range(len(rows)):
        cid = str(cols[role["key"]][i])
        name = str(cols[role["name"]][i]) if "name" in role else None
        lv = rules.level(str(cols[role["level"]][i]))
        level = in_sentence(lv)
        row = int(rows[i])

        def add(sev: str, code: str, message: Localized, cite: str, **values) -> None:
            out.append(Finding(chapter_id=cid, name=name or None, row=row, severity=sev,
                               code=code, message=message, cite=cite, level=lv.id,
                               level_title=lv.title, values=values))

        form = str(cols.get("form_name", [""] * len(rows))[i])
        if not _same_name(form, lv.form.vi):
            add("error", "wrong_form", say("conf_wrong_form", level=level, expected=lv.form.vi,
                                           given=form),
                lv.form_cite, form_name=form, expected=lv.form.vi)
        day = _d(cols["held_on"][i])
        combined = bool(cols["combined_year_end"][i]) if "combined_year_end" in cols else False
        w = lv.combined_window if combined and lv.combined_window else lv.window
        start, end = p[w.start], p[w.end]
        if day is not None and not (start <= day <= end):
            add("error", "outside_window",
                say("conf_outside_window", level=level, day=_fmt(day), start=_fmt(start),
                    end=_fmt(end)), w.cite, held_on=day, start=start, end=end)
        hours = float(cols["hours"][i])
        most = float(p[lv.max_hours])
        if not np.isnan(hours) and hours > most:
            add("error", "too_long", say("conf_too_long", level=level, hours=_fmt_hours(hours),
                                         most=_fmt_hours(most)),
                lv.length_cite, hours=hours, max_hours=most)
        cap = int(float(p[lv.cap]))
        expected = {g.id: cols.get(f"expected_{g.id}") for g in rules.groups}
        counts = {g: (0 if v is None or np.isnan(v[i]) else int(v[i])) for g, v in expected.items()}
        total = sum(counts.values())
        if total > cap:
            add("error", "over_cap", say("conf_over_cap", level=level, total=total, cap=cap),
                lv.cap_cite, expected=total, cap=cap)
        for g in rules.groups:
            if g.max_share and counts[g.id] > int(float(p[g.max_share]) * cap + 1e-9):
                most_g = int(float(p[g.max_share]) * cap + 1e-9)
                # Groups not held to the standards are the invited delegates (§III.1).
                code = "invited_over_share" if not g.held_to_standards else f"{g.id}_over_share"
                add("warning", code, say("conf_over_share", level=level, group=g.title,
                                         count=counts[g.id], most=most_g),
                    g.cite, expected=counts[g.id], max=most_g)
        items, unknown = programme_items(cols["programme"][i] if "programme" in cols else "",
                                         rules)
        by_id = {x.id: x for x in rules.programme}
        for x in rules.programme:
            if x.id not in items:
                add("error" if x.required else "warning", "programme_missing",
                    Localized(vi=f"chương trình thiếu mục: {x.title.vi}",
                              en=f"programme item missing: {x.title.en}"), x.cite, item=x.id)
        pos = [list(by_id).index(x) for x in items]
        if pos != sorted(pos):
            add("warning", "programme_order",
                Localized(vi="các mục của chương trình không theo thứ tự quy định",
                          en="programme items are not in the required order"),
                rules.programme[0].cite, programme=";".join(str(k + 1) for k in pos))
        if unknown:
            add("warning", "programme_unknown",
                Localized(vi=f"mục chương trình không rõ: {', '.join(unknown)}",
                          en=f"unknown programme items: {', '.join(unknown)}"),
                rules.programme[0].cite)
    return out


def check_report_rows(rules: DelegateRuleSet, params: dict[str, ResolvedParameter],
                      cols: dict[str, np.ndarray], rows: np.ndarray, level: str
                      ) -> list[Finding]:
    """A finding for each chapter of ``level`` whose report is late or missing (the deadline is
    the last allowed day)."""
    lv = rules.level(level)
    if lv.reports_by is None:
        return []
    deadline = params[lv.reports_by].value
    said = in_sentence(lv)
    role = {f.role: name for name, f in rules.report_inputs.items() if f.role}
    out = []
    for i in range(len(rows)):
        cid = str(cols[role["key"]][i])
        name = (str(cols[role["name"]][i]) or None) if "name" in role else None
        day = _d(cols["submitted_on"][i])
        common = dict(chapter_id=cid, name=name, row=int(rows[i]), severity="error",
                      cite=lv.report_cite, level=lv.id, level_title=lv.title)
        if day is None:
            out.append(Finding(**common, code="missing", values={"deadline": deadline},
                               message=say("conf_report_missing", level=said,
                                           deadline=_fmt(deadline))))
        elif day > deadline:
            out.append(Finding(**common, code="late",
                               values={"submitted_on": day, "deadline": deadline},
                               message=say("conf_report_late", level=said, day=_fmt(day),
                                           deadline=_fmt(deadline))))
    return out
