"""The HTML report: one self-contained file (CSS, script and SVG charts inline, nothing fetched)
for a scoring, title or delegate run, in Vietnamese with an English switch, printable on A4.

Each job turns its result into a typed :class:`.page.Page` (``Job.page``); this module renders it with one Jinja2 template whose autoescaping
escapes every input string. The same result and language give byte-identical HTML.
"""
from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..core import job as jobs
from .page import Page, label

_TEMPLATES = "templates"


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("thiduakhenthuong.render", _TEMPLATES),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True)


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    text = resources.files(__package__).joinpath(_TEMPLATES, name).read_text(encoding="utf-8")
    return unicodedata.normalize("NFC", text)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() \
        + "'"


def _csp(css: str, js: str) -> str:
    # Only this page's own style and script may run, and nothing may be fetched: a name in the
    # data that slipped past escaping still could not execute or phone home.
    return (f"default-src 'none'; style-src {_sha256(css)}; script-src {_sha256(js)}; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def page_of(result: Any, lang: str = "vi") -> Page:
    """The typed page of any job's result, built by the job that made it (``Job.page``).

    >>> from thiduakhenthuong import evaluate_titles
    >>> page_of(evaluate_titles("rules/titles", "fixtures/titles-lao-cai/titles.xlsx",
    ...                         year=2024)).kind
    'titles'
    """
    return jobs.of(result).page(result, lang)


def render_page(page: Page) -> str:
    """Render a page to a complete HTML document (NFC-normalised text)."""
    css, js = _asset("report.css"), _asset("report.js")
    html = _env().get_template("report.html.j2").render(
        page=page, css=css, js=js, csp=_csp(css, js),
        expand=label("expand_all"), collapse=label("collapse_all"),
        expr_label=label("show_expression"))
    if page.lang == "en":
        html = _TIP.sub(lambda m: m.group(0).replace(f">{m.group(1)}</title>",
                                                     f">{m.group(2)}</title>"), html)
    return unicodedata.normalize("NFC", html)


#: A chart tooltip with both languages (see :mod:`.charts`): its text is the Vietnamese one.
_TIP = re.compile(r'<title data-vi="([^"]*)" data-en="([^"]*)">[^<]*</title>')


def render_html(result: Any, lang: str = "vi") -> str:
    """The report of ``result`` as one self-contained HTML document; ``lang`` ('vi' or 'en') is
    the language shown first, the other one a click away.

    >>> import thiduakhenthuong as tdkt
    >>> res = tdkt.load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> html = render_html(res, lang="en")
    >>> html.startswith("<!DOCTYPE html>"), '<body class="show-en' in html, "://" in html
    (True, True, False)
    """
    return render_page(page_of(result, lang))


def write_html(result: Any, path: str | Path, lang: str = "vi") -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8); returns the path written."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render_html(result, lang), encoding="utf-8")
    return p


__all__ = ["render_html", "write_html", "page_of", "render_page"]
