"""The work behind a page's form, done in a worker thread: judge an upload and make its
downloads, check conference plans, verify a bundle, compare two rule sets. Each returns the
fragment of page that answers the form; an error becomes the fragment that explains it.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from ..audit.bundle import read_bundle
from ..audit.verify import verify_bundle
from ..core import progress
from ..diff.compare import diff_rule_sets
from ..diff.write import write_diff
from ..jobs.conferences.api import check_plans
from ..jobs.conferences.workbook import write_plan_report
from ..render.page import Text
from . import runs, views
from .problems import problem_of
from .rulesets import RuleSetEntry
from .uploads import Workspace
from .views import XLSX, Download, w

Listener = Optional[Callable[[str, int, Optional[int]], None]]


def guarded(lang: str, f: Callable[[], str]) -> str:
    """``f()``, or the fragment explaining the error it raised."""
    try:
        return f()
    except Exception as e:            # every error is shown, none is a traceback
        return views.problem_fragment(problem_of(e, lang), lang)


def judge_page(entry: RuleSetEntry, ws: Workspace, data: runs.Data, period: dict[str, Any],
               answers: Optional[dict[str, Optional[str]]], lang: str, max_rows: int,
               listener: Listener = None) -> str:
    """How the file was read and, unless a header needs confirming first, the outcome with its
    downloads and the report's content."""
    period_form = {k: (v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
                   for k, v in period.items()}
    if answers is None:
        reading = runs.read_columns(entry, data, period, {})
        if reading.questions:
            return views.fragment("run.html.j2", lang, entry=entry, data=data, reading=reading,
                                  questions=reading.questions, answered={},
                                  fields=runs.input_tables(entry, period.get("year"))[0].fields,
                                  period_form=period_form)
    run = runs.judge(entry, data, period, answers, max_rows, listener)
    if listener:
        listener("writing", 0, None)
    xlsx = runs.workbook(run, ws, lang)
    html = runs.report(run, lang)
    bundle = runs.bundle(run, ws) if data.path is not None else None
    stem = f"{entry.id}-ket-qua"
    downloads = [Download("workbook", f"{stem}.xlsx", w("dl_workbook"), XLSX, xlsx),
                 Download("report", f"{stem}.html", w("dl_report"), "text/html", html.encode())]
    if bundle is not None:
        downloads.append(Download("bundle", f"{stem}.tdkt.json", w("dl_bundle"),
                                  "application/json", bundle))
    return views.fragment("run.html.j2", lang, entry=entry, data=data, reading=run.reader,
                          questions=[], answered=answers or {}, fields={},
                          period_form=period_form, exit_code=run.exit_code,
                          rejected=run.result.rejected, downloads=downloads,
                          body=views.report_body(html))


def plan_page(entry: RuleSetEntry, ws: Workspace, data: runs.Data, level: Optional[str],
              lang: str, max_rows: int, listener: Listener = None) -> str:
    """A conference plan check (``tdkt plan-check``) and its workbook."""
    with progress.listening(runs.listeners(runs.row_limit(max_rows), listener)):
        rep = check_plans(entry.latest, data.source, level or None)
    target = ws.file("kiem-tra-ke-hoach.xlsx")
    write_plan_report(rep, entry.latest.model, entry.latest.params(), target, lang)
    downloads = [Download("workbook", f"{entry.id}-kiem-tra-ke-hoach.xlsx", w("dl_workbook"),
                          XLSX, target.read_bytes())]
    return views.plan_fragment(rep, lang, downloads)


def verify_page(ws: Workspace, bundle_path: Any, data: runs.Data, lang: str,
                listener: Listener = None) -> str:
    """Verify an uploaded bundle against the uploaded data; no path the bundle records is
    read."""
    with progress.listening(listener or (lambda *a: None)):
        v = verify_bundle(read_bundle(bundle_path), data.path, look_on_disk=False)
    return views.verification_fragment(v, lang)


def diff_page(old: RuleSetEntry, new: RuleSetEntry, ws: Workspace, data: runs.Data,
              options: dict[str, Any], lang: str, max_rows: int,
              listener: Listener = None) -> str:
    """``tdkt diff`` of two served rule sets on the uploaded data, and its workbook."""
    with progress.listening(runs.listeners(runs.row_limit(max_rows), listener)):
        d = diff_rule_sets(old.path, new.path, data.source, **options)
    target = ws.file("so-sanh.xlsx")
    write_diff(d, target, lang)
    downloads = [Download("workbook", f"so-sanh-{old.id}-{new.id}.xlsx", w("dl_diff"), XLSX,
                          target.read_bytes())]
    return views.diff_fragment(d, lang, downloads, lambda s: runs.shown(s, data))


def phase_label(phase: str, lang: str) -> Text:
    """A progress phase in words."""
    key = phase.split(" ", 1)[0]
    return w(f"phase_{key}") if key in ("reading", "validating", "evaluating", "writing") \
        else w("phase_other")
