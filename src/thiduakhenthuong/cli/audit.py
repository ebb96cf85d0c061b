"""Command line for audit bundles: ``tdkt verify BUNDLE [DATA]``, and the ``--bundle`` writer the
batch commands call.

Exit codes of ``verify``: 0 identical; 1 the bundle was edited, the input changed, the re-run
failed or a result differs; 2 the bundle or the data cannot be read.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from ..audit.bundle import BundleError, make_bundle, read_bundle, write_bundle
from ..audit.compare import Difference
from ..audit.compare import short as shown
from ..audit.verify import Verification, summary_counts, verify_bundle
from ..diff.text import Words
from ..errors import RuleError, RuleErrors, TdktError
from ..render.phrases import cli, t
from .common import Exit, console, quiet_option, width_option
from .main import short
from .ui import command, lang_option, option, progress_bar


def _t(key: str, lang: str, **kw: Any) -> str:
    return t(f"verify_{key}", lang, **kw)


def write_cli_bundle(path: str, job: Any, result: Any, rules: str, data: str, err: Console,
                     elapsed: float | None = None,
                     scores: tuple[str, str] | None = None, lang: str = "vi") -> None:
    """Write the audit bundle of a finished command (``--bundle PATH``); usage errors exit 2.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from thiduakhenthuong.audit.bundle import read_bundle
    >>> from thiduakhenthuong.jobs.conferences.options import DelegatesJob
    >>> from thiduakhenthuong.audit.run import run_job
    >>> args = ("rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019")
    >>> res = run_job(DelegatesJob(level="co_so"), *args)
    >>> p = Path(tempfile.mkdtemp()) / "d.tdkt.json"
    >>> write_cli_bundle(str(p), DelegatesJob(level="co_so"), res, *args, console(), 0.5)
    → ...d.tdkt.json
    >>> read_bundle(p).run.elapsed_seconds
    0.5
    """
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    started = now - dt.timedelta(seconds=elapsed) if elapsed is not None else now
    try:
        bundle = make_bundle(job, result, rules, data, scores=scores, started_at=started,
                             elapsed=round(elapsed, 6) if elapsed is not None else None)
        p = write_bundle(bundle, path)
    except (BundleError, OSError, RuleError, RuleErrors) as e:
        raise Exit(cli("cannot_write", lang, path=path,
                       text=e.text(lang) if isinstance(e, TdktError) else e)) from None
    err.print(escape(f"→ {p}"))


def _value(v: Any, lang: str) -> str:
    """A recorded value as a reader reads it: yes/no, (trống), numbers and dates the language's
    way; a structure as compact JSON."""
    if isinstance(v, (dict, list)):
        return shown(v)
    if isinstance(v, str) and len(v) > 70:
        return v[:69] + "…"
    return Words().show(v, lang) if v is not None else t("empty", lang)


def _difference_line(d: Difference, lang: str) -> str:
    where = (_t("param_prefix", lang) if d.section == "parameters" else "") + d.path
    if d.change == "changed":
        return _t(d.change, lang, where=where, a=_value(d.recorded, lang),
                  b=_value(d.rerun, lang))
    # A whole unit or decision appearing or vanishing is named by its path; its content would
    # only be noise on one line.
    value = d.recorded if d.change == "missing" else d.rerun
    text = "" if isinstance(value, (dict, list)) else f" ({_value(value, lang)})"
    return _t(d.change, lang, where=where, a=text, b=text)


def _subject(bundle: Any, lang: str) -> str:
    """The job a bundle records, in words: what was run, with which rule set and options, on
    which data."""
    r, d = bundle.rule_set(), bundle.input()
    opts = []
    for k, v in bundle.job.model_dump(mode="json").items():
        if k == "kind" or v in (None, False, [], {}):
            continue
        key = f"verify_opt_{k}"
        shown_v = Words().show(v, lang) if not isinstance(v, list) else len(v)
        opts.append(t(key, lang, value=shown_v) if key in t else f"{k} = {shown_v}")
    return t("verify_subject", lang, job=t(f"verify_job_{bundle.job.kind}", lang), id=r.id,
             version=r.version, hash=r.version_hash,
             options=f" [{'; '.join(opts)}]" if opts else "", data=d.path)


def _print_verification(v: Verification, path: str, lang: str, limit: int, out: Console,
                        subject: str | None = None) -> None:
    """Everything found, errors first, then at most ``limit`` differences and the verdict."""
    out.print(escape(_t("bundle", lang, path=path, subject=subject or v.bundle)))
    out.print(escape(_t("rerun_on", lang, data=v.data)))
    for f in sorted(v.findings, key=lambda f: f.severity != "error"):
        out.print(escape(_t(f.severity, lang, text=f.message.get(lang))))
    counts = summary_counts(v)
    if v.differences:
        out.print(escape(_t("diffs", lang, n=counts["differences"], m=counts["subjects"])))
        for d in v.differences[:limit]:
            out.print("  " + escape(_difference_line(d, lang)))
        if len(v.differences) > limit:
            out.print("  " + escape(_t("more", lang, n=len(v.differences) - limit)))
    out.print("[bold]" + escape(_t("identical", lang) if v.identical else _t(
        "not_identical", lang, n=counts["differences"], e=counts["errors"])) + "[/bold]")


@command(short_help=short("verify"))
@click.argument("bundle_path", metavar="BUNDLE")
@click.argument("data", required=False)
@lang_option()
@option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
        help="print at most N differences")
@option("-o", "--output", help="write the whole verification as JSON")
@quiet_option()
@width_option()
def verify(bundle_path: str, data: str | None, lang: str, limit: int, output: str | None,
           quiet: bool, width: int | None) -> None:
    """Re-run the job recorded in BUNDLE with the rules it carries, on DATA (default: the
    recorded input), and report "identical" or each difference. Exit 0 identical, 1 different,
    2 unreadable bundle or data."""
    out, err = console(width=width), console(stderr=True)
    try:
        bundle = read_bundle(bundle_path)
        with progress_bar(err, lang, quiet):
            v = verify_bundle(bundle, data)
    except BundleError as e:
        raise Exit(cli("error", lang, text=e.text(lang))) from None
    except TdktError as e:
        raise Exit(cli("cannot_verify", lang, path=bundle_path, text=e.text(lang))) from None
    _print_verification(v, bundle_path, lang, limit, out, _subject(bundle, lang))
    if output:
        p = Path(output)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(v.model_dump_json(indent=1) + "\n", encoding="utf-8")
        err.print(escape(f"→ {p}"))
    sys.exit(0 if v.identical else 1)
