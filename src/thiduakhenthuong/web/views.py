"""What the pages show, rendered with the app's Jinja templates (autoescaped): the layout with
its inline style and script under the pages' policy, the rule catalogue's pages in place, the
fragments a run answers (how the file was read, the column questions, the outcome with its
downloads and the HTML report's own content), and the pages of verification, comparison and
plan checks. Every word comes from the phrase book (``i18n/web.py``) or the library's
own renderers.
"""
from __future__ import annotations

import base64
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from markdown_it import MarkdownIt

from ..audit.compare import short as shown_value
from ..audit.verify import Verification, summary_counts
from ..diff.model import Diff
from ..diff.render import header_lines
from ..diff.text import change_text, definition_text, parameter_text, side_notice_prefix, \
    status_label
from ..render.page import Text
from ..i18n.explain import t as msg
from ..i18n.web import web
from ..version import __version__
from .problems import ProblemDetails
from .rulesets import RuleSetEntry
from .security import csp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def w(key: str, **kw: Any) -> Text:
    """A phrase of the web phrase book in both languages."""
    return Text(vi=web(key, "vi", **kw), en=web(key, "en", **kw))


@lru_cache(maxsize=1)
def env() -> jinja2.Environment:
    e = jinja2.Environment(loader=jinja2.PackageLoader("thiduakhenthuong.web", "templates"),
                           autoescape=True, undefined=jinja2.StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True)
    e.globals.update(w=w, version=__version__)
    return e


def _text(package: str, *parts: str) -> str:
    return unicodedata.normalize("NFC", resources.files(package).joinpath(*parts)
                                 .read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def assets() -> tuple[str, str, str]:
    """(style, script, policy): the report's stylesheet and the app's, the app's script, and
    the Content-Security-Policy that allows exactly these."""
    css = _text("thiduakhenthuong.render", "templates", "report.css") + "\n" + \
        _text("thiduakhenthuong.web", "static", "app.css")
    js = _text("thiduakhenthuong.web", "static", "app.js")
    return css, js, csp(css, js)


def page(template: str, lang: str, **ctx: Any) -> str:
    """A whole page in ``lang`` (the other language a click away)."""
    css, js, policy = assets()
    html = env().get_template(template).render(lang=lang, css=css, js=js, csp=policy, **ctx)
    return unicodedata.normalize("NFC", html)


def fragment(template: str, lang: str, **ctx: Any) -> str:
    """A part of a page (a run's answer), shown in place by the page's script or wrapped in
    a whole page without it."""
    return unicodedata.normalize("NFC", env().get_template(template).render(lang=lang, **ctx))


def report_body(html: str) -> str:
    """The content of an HTML report made by :func:`..render.html.render_html` (its header and
    main sections), to show inside a page that carries the report's stylesheet."""
    start, end = html.find("<header>"), html.find("</main>")
    if start < 0 or end < 0:
        return ""
    return html[start:end + len("</main>")]


@dataclass(frozen=True)
class Download:
    """A file offered for download, carried in the page itself (the server keeps nothing)."""
    kind: str
    name: str
    label: Text
    media: str
    data: bytes

    @property
    def href(self) -> str:
        return f"data:{self.media};base64," + base64.b64encode(self.data).decode("ascii")


# ----- the rule catalogue, readable in place ---------------------------------------------------

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")
_PAGE_LINK = re.compile(r'href="([A-Za-z0-9][A-Za-z0-9._-]*)\.(vi|en)\.md(#[^"]*)?"')


@dataclass(frozen=True)
class CataloguePage:
    id: str
    title: Text
    vi: str
    en: str


def catalogue_pages(entry: RuleSetEntry) -> list[CataloguePage]:
    """The catalogue's pages of a rule set (one per regime for a directory of regimes), as HTML
    from its Markdown (no raw HTML passes); links between pages lead within the page."""
    cat = entry.catalogue()
    out = []
    for e in cat.entries:
        pid = re.sub(r"[^A-Za-z0-9_-]", "-", e.id)
        vi, en = (_PAGE_LINK.sub(lambda m: f'href="#cat-{re.sub(r"[^A-Za-z0-9_-]", "-", m[1])}"',
                                 _MD.render(cat.files[e.pages[lang]])) for lang in ("vi", "en"))
        out.append(CataloguePage(id=pid, title=Text.of(e.title), vi=vi, en=en))
    return out


# ----- answers to a run ------------------------------------------------------------------------

def problem_fragment(p: ProblemDetails, lang: str) -> str:
    """An error, as the page shows it."""
    code = p.exit_code
    exit_text = Text(vi=web("error_exit", "vi", code=code, meaning=web(f"exit_meaning_{code}",
                                                                       "vi")),
                     en=web("error_exit", "en", code=code, meaning=web(f"exit_meaning_{code}",
                                                                       "en")))
    return fragment("error.html.j2", lang, problem=p, exit_text=exit_text)


def verification_fragment(v: Verification, lang: str, limit: int = 200) -> str:
    """A verification's verdict, findings and differences."""
    def line(d: Any, lang: str) -> str:
        where = (msg("verify_param_prefix", lang) if d.section == "parameters" else "") + d.path
        if d.change == "changed":
            return msg("verify_changed", lang, where=where, a=shown_value(d.recorded),
                       b=shown_value(d.rerun))
        value = d.recorded if d.change == "missing" else d.rerun
        text = "" if isinstance(value, (dict, list)) else f" ({shown_value(value)})"
        return msg(f"verify_{d.change}", lang, where=where, a=text, b=text)
    lines = [Text(vi=line(d, "vi"), en=line(d, "en")) for d in v.differences[:limit]]
    return fragment("verified.html.j2", lang, v=v, counts=summary_counts(v), lines=lines)


@dataclass(frozen=True)
class DiffRow:
    subject: str
    status: Text
    changes: Text
    reason: Any


def diff_fragment(d: Diff, lang: str, downloads: list[Download], shown: Any) -> str:
    """A comparison of two rule sets, in the words of ``tdkt diff``."""
    def both(f: Any, *a: Any) -> Text:
        return Text(vi=f(*a, "vi"), en=f(*a, "en"))
    head = [Text(vi=shown(v), en=shown(e)) for v, e in zip(header_lines(d, "vi"),
                                                           header_lines(d, "en"))]
    rows = []
    for e in d.entries:
        subject = f"{e.name} ({e.id})" if e.name else e.id
        if e.title is not None:
            subject += f" — {e.title.get(lang)}"
        rows.append(DiffRow(subject=subject, status=both(status_label, e.status),
                            changes=Text(vi="; ".join(change_text(c, "vi") for c in e.changes),
                                         en="; ".join(change_text(c, "en") for c in e.changes)),
                            reason=e.reason))
    params = [both(parameter_text, p) for p in d.parameters]
    definitions = [both(definition_text, x) for x in d.definitions]
    rejected = [(side_notice_prefix(side, lang), rows_)
                for side, rows_ in (("old", d.rejected_old), ("new", d.rejected_new)) if rows_]
    return fragment("diffed.html.j2", lang, diff=d, head=head, rows=rows, params=params,
                    definitions=definitions, rejected=rejected, downloads=downloads)


def plan_fragment(rep: Any, lang: str, downloads: list[Download]) -> str:
    """The findings of a conference plan check."""
    errors = sum(1 for f in rep.findings if f.severity == "error")
    return fragment("plan.html.j2", lang, rep=rep, errors=errors,
                    warnings=len(rep.findings) - errors, downloads=downloads)
