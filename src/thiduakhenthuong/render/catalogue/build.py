"""The rule catalogue: readable Markdown of every rule set, for auditors and office staff who never
read YAML.

Each rule set gets two pages with the same layout, ``<id>.vi.md`` and ``<id>.en.md``: a reader
reads one language, tables stay narrow, and an item sits at the same place in both pages, so
checking a translation is a side-by-side read. ``README.md`` lists every rule set with its
version and version hash. Pages hold no dates of generation and list everything in a fixed order,
so a committed catalogue can be compared byte for byte with what the rules produce now.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ...core import job as jobs
from ...core.models import Localized
from ...errors import RuleError
from ...rulebook.discover import find_rule_sets, is_collection, member_dirs
from ...rulebook.layers import applies_to
from ...rulebook.load import extends_of, read_rule_set
from ...rulebook.source import Source, version_hash
from .common import PageContext, about, documents, layer_changes, legend
from .md import code, md, page, table
from .words import w

LANGS = ("vi", "en")
INDEX = "README.md"
# Rule-set ids become file names: nothing that could leave the output directory.
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

class CatalogueEntry(BaseModel):
    """One rule set in the catalogue."""
    model_config = ConfigDict(frozen=True)
    id: str
    kind: str
    version: str
    hash: str
    source: str
    title: Localized
    pages: dict[str, str]


class Catalogue(BaseModel):
    """The whole catalogue: its entries and every file's content, by file name."""
    model_config = ConfigDict(frozen=True)
    entries: list[CatalogueEntry]
    files: dict[str, str]


def build_catalogue(root: str | Path) -> Catalogue:
    """Read every rule set under ``root`` and render its pages and the index.

    >>> cat = build_catalogue("rules/lao-cai-2023")
    >>> sorted(cat.files)
    ['README.md', 'lao-cai-2023.en.md', 'lao-cai-2023.vi.md']
    >>> "mục II.7 Công văn số 21/CTĐ-VP" in cat.files["lao-cai-2023.vi.md"]
    True
    """
    root = Path(root)
    base = root.resolve().name
    entries: list[CatalogueEntry] = []
    files: dict[str, str] = {}
    for path, on, model, src in _rule_sets(root):
        meta = model.meta
        page_id = meta.id if on is None else f"{path.name}.{on.name}"
        if not _SAFE_ID.match(page_id):
            raise RuleError(f"rule set id '{page_id}' cannot name a catalogue page (letters, "
                            "digits, '.', '_' and '-' only)", file=str(path))
        # Named from the directory given, so the page is the same wherever the rules live.
        source = (f"{base}/{path.relative_to(root).as_posix()}" if path != root
                  else root.resolve().name) + ("" if on is None else f" + {on.name}")
        entry = CatalogueEntry(id=page_id, kind=model.meta.kind, version=meta.version,
                               hash=version_hash(src), source=source, title=meta.title,
                               pages={lang: f"{page_id}.{lang}.md" for lang in LANGS})
        for name in entry.pages.values():
            if name in files:
                raise RuleError(f"two rule sets have the id '{meta.id}'", file=str(path))
        for lang in LANGS:
            files[entry.pages[lang]] = render_page(model, src, path, entry, lang)
        entries.append(entry)
    entries.sort(key=lambda e: e.source)
    files[INDEX] = render_index(entries)
    return Catalogue(entries=entries, files=dict(sorted(files.items())))


def _rule_sets(root: Path):
    """Every rule set under ``root`` as (folder, regime it is layered on or None, model,
    sources); a layer over a directory of regimes gives one page per regime it applies to."""
    for path in find_rule_sets(root):
        ext = extends_of(path)
        if ext is not None and is_collection(ext.target):
            for on in member_dirs(ext.target):
                base_model, _ = read_rule_set(on)
                if applies_to(ext, getattr(base_model.meta, "regime", None)):
                    model, src = read_rule_set(path, on)
                    yield path, on, model, src
        else:
            model, src = read_rule_set(path)
            yield path, None, model, src


def render_page(model: Any, src: Source, path: Path, entry: CatalogueEntry, lang: str) -> str:
    """One rule set's page in ``lang``."""
    kind = entry.kind
    part = jobs.get(kind).catalogue
    book = part.book(model)
    ctx = PageContext(lang, list(model.meta.documents), book)
    other = "en" if lang == "vi" else "vi"
    extra = part.about(model, ctx)
    body = part.sections(model, ctx)
    lines = [f"# {md(model.meta.title.get(lang))}", "",
             f"[{w('other_lang', lang)}]({entry.pages[other]}) · "
             f"[{w('index_link', lang)}]({INDEX})", "",
             w("generated", lang), "",
             f"## {w('about', lang)}", ""]
    lines += about([(w("rule_set_id", lang), code(entry.id, True)),
                    (w("kind", lang), w(f"kind_{kind}", lang)),
                    (w("version", lang), md(entry.version)),
                    (w("version_hash", lang), code(entry.hash, True)),
                    (w("index_source", lang), code(entry.source, True)),
                    *extra], lang)
    lines += ["", f"**{w('files', lang)}:** " + ", ".join(
        f"{code(name)} {code(digest[:16])}" for name, digest in _files(src, path))]
    # The legend goes before the rules it explains; it lists the functions the body used.
    lines += ["", *layer_changes(src, path, lang), *documents(ctx), *legend(ctx), *body]
    return page(lines)


def _files(src: Source, path: Path) -> list[tuple[str, str]]:
    # Names relative to the rule set, so included shared files read '../_common/inputs.yaml'
    # and the page does not depend on where the rules were checked out.
    start = path if path.is_dir() else path.parent
    return sorted((Path(os.path.relpath(f, start)).as_posix(), digest)
                  for f, digest in src.files.items())


def render_index(entries: list[CatalogueEntry]) -> str:
    """The catalogue's index, in both languages."""
    def both(key: str) -> str:
        return f"{w(key, 'vi')} · {w(key, 'en')}"

    lines = [f"# {both('index_title')}", "", w("generated", "vi"), w("generated", "en"), ""]
    lines += table([both("rule_set_id"), both("title"), both("kind"), both("version"),
                    both("version_hash"), both("index_source"), "Trang · Pages"],
                   ([code(e.id, True), f"{md(e.title.vi)} · {md(e.title.en)}",
                     f"{w('kind_' + e.kind, 'vi')} · {w('kind_' + e.kind, 'en')}",
                     md(e.version), code(e.hash, True), code(e.source, True),
                     f"[Tiếng Việt]({e.pages['vi']}) · [English]({e.pages['en']})"]
                    for e in entries))
    return page(lines)


def write_catalogue(cat: Catalogue, out_dir: str | Path) -> list[Path]:
    """Write the catalogue into ``out_dir``; only files whose content changed are rewritten.
    Returns the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in cat.files.items():
        target = out / name
        data = text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.write_bytes(data)
        written.append(target)
    return written


def compare_catalogue(cat: Catalogue, out_dir: str | Path) -> list[str]:
    """What differs between ``cat`` and the Markdown files in ``out_dir``: one line per file,
    'stale', 'missing' or 'extra' (a page no rule set produces any more). Empty when up to date.

    >>> compare_catalogue(build_catalogue("rules/lao-cai-2023"), "no/such/dir")[0]
    'missing: no/such/dir/README.md'
    """
    out = Path(out_dir)
    problems = []
    for name, text in cat.files.items():
        target = out / name
        if not target.is_file():
            problems.append(f"missing: {target.as_posix()}")
        elif target.read_bytes() != text.encode("utf-8"):
            problems.append(f"stale: {target.as_posix()}")
    if out.is_dir():
        for extra in sorted(out.glob("*.md")):
            if extra.name not in cat.files:
                problems.append(f"extra: {extra.as_posix()}")
    return problems
