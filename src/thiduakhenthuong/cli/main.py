"""Command line: ``tdkt score``, ``tdkt explain``, ``tdkt check``, ``tdkt titles``,
``tdkt delegates``, ``tdkt plan-check``; ``tdkt report``, ``tdkt verify``, ``tdkt docs`` and
``tdkt diff`` are registered by their own modules (imported at the end).

Exit codes: 0 every row scored; 1 some rows rejected (results for the rest still written);
2 rule, file or usage error.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click
from rich.console import Console
from rich.markup import escape

from ..errors import InputFileError, RuleError, RuleErrors
from ..render.phrases import t
from ..jobs.scoring.terminal import explain_tree, ranking_table
from ..jobs.scoring.api import load_rules


def _console(stderr: bool = False) -> Console:
    # Wide output when piped (CI logs, files) so the table is not folded to 80 columns.
    c = Console(stderr=stderr, highlight=False)
    if not c.is_terminal:
        c = Console(stderr=stderr, highlight=False, width=220, no_color=True)
    return c


class _Exit(click.ClickException):
    exit_code = 2


@contextmanager
def _user_errors(usage: bool = True) -> Iterator[None]:
    """Errors a user can mend (input file, rules and, with ``usage``, a bad option value) end
    the command with exit code 2 and the reason, without a traceback."""
    try:
        yield
    except InputFileError as e:
        raise _Exit(f"input error: {e}") from None
    except (RuleError, RuleErrors) as e:
        raise _Exit(f"rule error:\n{e}") from None
    except ValueError as e:
        if not usage:
            raise
        raise _Exit(f"usage error: {e}") from None


def _write_outputs(paths: tuple[str, ...], write: Callable[[str], list[Path]],
                   err: Console) -> None:
    """Write every ``-o`` path with ``write`` and name each file written."""
    for path in paths:
        try:
            files = write(path)
        except (OSError, ValueError) as e:
            raise _Exit(f"cannot write {path}: {e}") from None
        for f in files:
            err.print(f"→ {f}")


def _load(rules_path: str):
    try:
        return load_rules(rules_path)
    except (RuleError, RuleErrors) as e:
        raise _Exit(f"rule error:\n{e}") from None


def _score(rules, data: str, as_of: str | None, err: Console):
    with _user_errors(usage=False), err.status(f"scoring {data} ..."):
        start = time.perf_counter()
        res = rules.score(data, as_of=as_of)
        elapsed = time.perf_counter() - start
    return res, elapsed


def _print_rejected(rejected, lang: str, out: Console) -> None:
    """Every problem of every rejected row, one line each (prefixed by its table, if any)."""
    if not rejected:
        return
    out.print(f"[bold]{t('rejected_title', lang)}[/bold]")
    for r in rejected:
        for p in r.problems:
            unit = f" ({r.unit_id})" if r.unit_id else ""
            value = f" = {p.value!r}" if p.value is not None else ""
            table = f"[{r.table}] " if r.table else ""
            out.print("  " + escape(table + t("rejected_line", lang, row=r.row, unit=unit,
                                               column=p.header or p.column or "-", value=value,
                                               reason=p.message.get(lang))))


def _report_rejected(res, lang: str, out: Console) -> None:
    for w in res.warnings:
        out.print(f"[bold]{t('warnings', lang)}:[/bold] {escape(w.message.get(lang))}")
    _print_rejected(res.rejected, lang, out)
    out.print(t("counts", lang, rows_in=res.rows_in, scored=res.scored,
                rejected=len(res.rejected)))


def _apply_overrides(res, path: str | None, lang: str, out: Console) -> list:
    """Apply the council's overrides in ``path`` (if given), print them beside the rules'
    outcomes, and return the override records (for the audit bundle)."""
    if not path:
        return []
    from rich.table import Table
    from ..select.overrides import apply_overrides, read_overrides
    with _user_errors(usage=False):
        records, bad_rows = read_overrides(path)
    done, bad = apply_overrides(res, records)
    vi = lang != "en"
    tbl = Table(title="Điều chỉnh của Hội đồng (sau khi áp dụng quy tắc)" if vi else
                "Council overrides (applied after the rules)")
    for h in (("Mã", "Id"), ("Nội dung", "Decision"), ("Theo quy tắc", "By the rules"),
              ("Quyết định", "Final"), ("Cơ quan", "Decided by"), ("Văn bản", "Document"),
              ("Ngày", "Date"), ("Lý do", "Reason")):
        tbl.add_column(h[0] if vi else h[1])
    for a in done:
        o = a.override
        tbl.add_row(escape(o.subject_id), escape(o.decision), escape(a.rule_value),
                    escape(a.final_value) + ("" if a.changed else (" (giữ nguyên)" if vi else
                                                                  " (confirmed)")),
                    escape(o.decided_by), escape(o.document), o.decided_on.isoformat(),
                    escape(o.reason))
    out.print(tbl)
    _print_rejected(bad_rows + bad, lang, out)
    return records


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="thiduakhenthuong")
def main() -> None:
    """Emulation scoring and commendation by declarative rules (thi đua, khen thưởng)."""


@main.command()
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                                     "(may be given several times)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--as-of", help="judge with parameters in force on this date (YYYY-MM-DD)")
@click.option("--limit", type=int, help="print only the first N rows of the table")
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@click.option("--overrides", "overrides_path", metavar="FILE",
              help="council decisions changing classes (CSV/XLSX), shown beside the rules'")
def score(rules_path: str, data: str, output: tuple[str, ...], lang: str, as_of: str | None,
          limit: int | None, bundle_path: str | None, overrides_path: str | None) -> None:
    """Score DATA (CSV or XLSX) with RULES and print the ranked table."""
    from ..jobs.scoring.workbook import write_result
    out, err = _console(), _console(stderr=True)
    rules = _load(rules_path)
    res, elapsed = _score(rules, data, as_of, err)
    out.print(ranking_table(res, lang, limit))
    overrides = _apply_overrides(res, overrides_path, lang, out)
    _write_outputs(output, lambda path: write_result(res, path, lang), err)
    if bundle_path:
        from .audit import write_cli_bundle
        from ..jobs.scoring.options import ScoreJob
        write_cli_bundle(bundle_path, ScoreJob(as_of=as_of, overrides=overrides), res,
                         rules_path, data, err, elapsed)
    _report_rejected(res, lang, out)
    err.print(f"{res.scored} units in {elapsed:.3f} s; rules {rules.id} {rules.version} "
              f"({rules.hash})")
    sys.exit(1 if res.rejected or getattr(res, "overrides_rejected", None) else 0)


@main.command()
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.argument("unit")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--as-of", help="judge with parameters in force on this date (YYYY-MM-DD)")
def explain(rules_path: str, data: str, unit: str, lang: str, as_of: str | None) -> None:
    """Explain one UNIT's score, class, rank and awards as a tree."""
    out, err = _console(), _console(stderr=True)
    rules = _load(rules_path)
    res, _ = _score(rules, data, as_of, err)
    try:
        u = res.unit(unit)
    except KeyError:
        rejected = [r for r in res.rejected if r.unit_id == unit]
        if rejected:
            _report_rejected(res, lang, out)
            raise _Exit(f"unit '{unit}' was rejected (row {rejected[0].row}), see above")
        known = ", ".join(sorted(str(x) for x in res.valid.columns[res._key]))
        raise _Exit(f"no unit '{unit}' in {data}; units: {known}") from None
    out.print(explain_tree(res, u, lang))


@main.command()
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("--year", type=int, required=True, help="the year judged (picks the legal regime)")
@click.option("-o", "--output", multiple=True, help="write results: .csv, .xlsx or .json "
                                                     "(may be given several times)")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--decision-date", help="date of the award decision (YYYY-MM-DD); default: the "
                                      "rule set's usual day in the following year")
@click.option("--explain", "explain_ids", multiple=True, metavar="ID",
              help="print the explanation tree of this person or unit (may be repeated)")
@click.option("--title", "title_id", help="with --explain: only this title")
@click.option("--scores", nargs=2, metavar="SCORING_RULES SCORING_DATA",
              help="take cluster ranks from a year-end scoring of the same year")
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
@click.option("--overrides", "overrides_path", metavar="FILE",
              help="council decisions on proposals (CSV/XLSX), shown beside the rules'")
def titles(rules_path: str, data: str, year: int, output: tuple[str, ...], lang: str,
           decision_date: str | None, explain_ids: tuple[str, ...], title_id: str | None,
           scores: tuple[str, str] | None, bundle_path: str | None,
           overrides_path: str | None) -> None:
    """Decide emulation titles for the people and units in DATA (a workbook with the people and
    units sheets, or a directory with their CSV files) for YEAR, and print the proposal list.

    RULES is a title rule set, or a directory of rule sets by legal regime (the one covering
    YEAR is used)."""
    from ..jobs.titles.terminal import proposals_table, subject_tree, totals_lines
    from ..jobs.titles.workbook import write_titles
    from ..jobs.titles.api import evaluate_titles
    out, err = _console(), _console(stderr=True)
    with _user_errors():
        scored = None
        if scores:
            scored, _ = _score(_load(scores[0]), scores[1], None, err)
        with err.status(f"judging {data} for {year} ..."):
            start = time.perf_counter()
            res = evaluate_titles(rules_path, data, year, decision_date=decision_date,
                                  scores=scored)
            elapsed = time.perf_counter() - start
    out.print(proposals_table(res, lang))
    overrides = _apply_overrides(res, overrides_path, lang, out)
    for sid in explain_ids:
        try:
            out.print(subject_tree(res, sid, lang, title_id))
        except KeyError:
            rejected = [r for r in res.rejected if r.unit_id == sid]
            if rejected:
                out.print(f"{sid}: rejected (row {rejected[0].row}, {rejected[0].table})")
            else:
                raise _Exit(f"no person or unit '{sid}' judged in {year}") from None
    _write_outputs(output, lambda path: write_titles(res, path, lang), err)
    if bundle_path:
        from .audit import write_cli_bundle
        from ..jobs.titles.options import TitlesJob
        write_cli_bundle(bundle_path, TitlesJob(year=year, decision_date=decision_date,
                                                scores=bool(scores), overrides=overrides),
                         res, rules_path, data, err, elapsed, scores or None)
    for w in res.notices:
        out.print(f"[bold]{t('warnings', lang)}:[/bold] {escape(w.message.get(lang))}")
    _print_rejected(res.rejected, lang, out)
    for line in totals_lines(res, lang):
        out.print(escape(line))
    m = res.model
    err.print(f"{res.counts()['judged']} subjects in {elapsed:.3f} s; rules {m.meta.id} "
              f"{m.meta.version} ({res.hash})")
    sys.exit(1 if res.rejected or getattr(res, "overrides_rejected", None) else 0)


@main.command()
@click.argument("rules_path", metavar="RULES")
@click.argument("data")
@click.option("--level", required=True, help="conference level, e.g. co_so, huyen, tinh")
@click.option("-o", "--output", multiple=True, help="write decisions: .json, .csv or .xlsx")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
@click.option("--bundle", "bundle_path", metavar="PATH",
              help="write an audit bundle (e.g. run.tdkt.json, gzip if it ends in .gz)")
def delegates(rules_path: str, data: str, level: str, output: tuple[str, ...], lang: str,
              bundle_path: str | None) -> None:
    """Select delegates for the LEVEL conferences in DATA: prints those selected and those left
    out, each with the reason."""
    from rich.table import Table
    from ..jobs.conferences.api import evaluate_delegates
    out, err = _console(), _console(stderr=True)
    with _user_errors():
        start = time.perf_counter()
        res = evaluate_delegates(rules_path, data, level)
        elapsed = time.perf_counter() - start
    vi = lang != "en"
    decisions = res.decisions()
    for summ in res.summaries():
        for chosen in (True, False):
            title = (("Đại biểu được chọn" if chosen else "Không được chọn") if vi else
                     ("Selected" if chosen else "Left out")) + f" — {summ.conference}"
            tbl = Table(title=title)
            for h in (("Mã", "Id"), ("Tên", "Name"), ("Thành phần", "Group"),
                      ("Thứ tự", "Place"), ("Lý do", "Reason")):
                tbl.add_column(h[0] if vi else h[1])
            for d in decisions:
                if d.conference != summ.conference or d.selected != chosen:
                    continue
                why = d.reason.get(lang)
                if d.decided_by:
                    why += (f"; so với {d.neighbour}: {d.decided_by} ({d.own_value} so với "
                            f"{d.neighbour_value})" if vi else
                            f"; against {d.neighbour}: {d.decided_by} ({d.own_value} vs "
                            f"{d.neighbour_value})")
                if d.missing_evidence:
                    why += ("; thiếu xác nhận: " if vi else "; evidence missing: ") + \
                        ", ".join(d.missing_evidence)
                tbl.add_row(escape(d.candidate_id), escape(d.name or ""),
                            escape(d.group_title.get(lang)), str(d.rank or "—"), escape(why))
            out.print(tbl)
        out.print(escape(
            (f"{summ.conference}: {summ.selected}/{summ.cap} đại biểu [{summ.cap_cite}]; "
             f"theo thành phần {summ.by_group}; đủ tiêu chuẩn {summ.eligible}/{summ.candidates}; "
             f"chuyển lên cấp trên {summ.forwarded}") if vi else
            (f"{summ.conference}: {summ.selected} of at most {summ.cap} delegates "
             f"[{summ.cap_cite}]; by group {summ.by_group}; eligible {summ.eligible} of "
             f"{summ.candidates}; forwarded {summ.forwarded}")))
    _print_rejected(res.valid.rejected, lang, out)
    from ..jobs.conferences.workbook import write_delegates
    _write_outputs(output, lambda path: write_delegates(res, path, lang), err)
    if bundle_path:
        from .audit import write_cli_bundle
        from ..jobs.conferences.options import DelegatesJob
        write_cli_bundle(bundle_path, DelegatesJob(level=level), res, rules_path, data, err,
                         elapsed)
    sys.exit(1 if res.valid.rejected else 0)


@main.command("plan-check")
@click.argument("rules_path", metavar="RULES")
@click.argument("plans")
@click.option("-o", "--output", multiple=True, help="write findings: .json, .csv or .xlsx")
@click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", show_default=True)
def plan_check(rules_path: str, plans: str, output: tuple[str, ...], lang: str) -> None:
    """Check chapters' conference plans (and report dates, if PLANS has them) against RULES.
    Exit 0 when no errors are found, 1 when there are errors or rejected rows."""
    from rich.table import Table
    from ..jobs.conferences.api import check_plans
    out, err = _console(), _console(stderr=True)
    with _user_errors(usage=False):
        rep = check_plans(rules_path, plans)
    vi = lang != "en"
    tbl = Table(title="Kết quả kiểm tra kế hoạch" if vi else "Plan check findings")
    for h in (("Đơn vị", "Chapter"), ("Mức", "Severity"), ("Nội dung", "Finding"),
              ("Căn cứ", "Clause")):
        tbl.add_column(h[0] if vi else h[1])
    for f in rep.findings:
        sev = {"error": "lỗi", "warning": "cảnh báo"}[f.severity] if vi else f.severity
        tbl.add_row(escape(f.name or f.chapter_id), sev, escape(f.message.get(lang)), f.cite)
    out.print(tbl)
    out.print(escape(("Đạt yêu cầu: " if vi else "Compliant: ") + ", ".join(rep.compliant)))
    _print_rejected(rep.rejected, lang, out)
    if output:
        from ..jobs.conferences.api import _params, load_delegate_rules
        from ..jobs.conferences.workbook import write_plan_report
        model, _ = load_delegate_rules(rules_path)
        params = _params(model, None)
        _write_outputs(output, lambda path: write_plan_report(rep, model, params, path, lang),
                       err)
    errors = any(f.severity == "error" for f in rep.findings)
    sys.exit(1 if errors or rep.rejected else 0)


@main.command()
@click.argument("rules_path", metavar="RULES")
def check(rules_path: str) -> None:
    """Validate a rule directory (or a directory of title regimes); print every problem with
    file and line."""
    from pathlib import Path

    from ..rulebook.load import read_rule_set
    from ..rulebook.source import version_hash
    from ..jobs.titles.model import TitleRuleSet
    out = _console()
    root = Path(rules_path)
    dirs = [root]
    if root.is_dir() and not any(root.glob("*.y*ml")):
        dirs = [d for d in sorted(root.iterdir()) if d.is_dir() and not d.name.startswith("_")]
    for d in dirs:
        try:
            m, src = read_rule_set(d)
        except (RuleError, RuleErrors) as e:
            raise _Exit(f"rule error:\n{e}") from None
        if type(m).__name__ == "DelegateRuleSet":
            out.print(f"OK {m.meta.id} {m.meta.version} ({version_hash(src)}): conferences, "
                      f"{len(m.levels)} levels, {len(m.groups)} groups, {len(m.programme)} "
                      f"programme items, {len(m.standards)} standards")
        elif isinstance(m, TitleRuleSet):
            r = m.meta.regime
            out.print(f"OK {m.meta.id} {m.meta.version} ({version_hash(src)}): titles "
                      f"{r.from_year}–{r.to_year}, {len(m.inputs)} person fields, "
                      f"{len(m.unit_inputs)} unit fields, {len(m.parameters)} parameters, "
                      f"{len(m.titles)} titles, {len(m.exclusions)} exclusions")
        else:
            out.print(f"OK {m.meta.id} {m.meta.version} ({version_hash(src)}): "
                      f"{len(m.inputs)} inputs, {len(m.parameters)} parameters, "
                      f"{len(m.criteria)} criteria, {len(m.deductions)} deductions, "
                      f"{len(m.classes)} classes, {len(m.awards)} awards")


from . import audit as cli_audit# noqa: E402,F401  (registers tdkt verify)
from . import docs as cli_docs# noqa: E402,F401  (registers tdkt docs)
from . import diff as cli_diff# noqa: E402,F401  (registers tdkt diff)
from . import report as cli_report# noqa: E402,F401  (registers tdkt report)


if __name__ == "__main__":  # pragma: no cover
    main()
