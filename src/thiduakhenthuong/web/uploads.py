"""Uploads: each request gets a private temporary folder (mode 0700), deleted when its response
has been sent; files are written there under names chosen here, never under a name or path the
request gives; their size and their tables' rows are limited, with clear errors.

>>> with Workspace() as ws:
...     p = ws.store_bytes(b"a,b\\n1,2\\n", "../../etc/units.CSV", max_bytes=100)
...     p.name, p.parent == ws.path, oct(ws.path.stat().st_mode & 0o777)
('input.csv', True, '0o700')
>>> ws.path.exists()
False
"""
from __future__ import annotations

import gzip
import io
import shutil
import tempfile
import unicodedata
from pathlib import Path, PurePath
from typing import Any, BinaryIO, Iterable

from ..core.models import Localized
from ..errors import InputError
from ..i18n.web import web
from ..tables.grid import TEXT_SUFFIXES, WORKBOOK_SUFFIXES
from ..tables.text import header_key

#: The suffixes of data files read (the reader's own list).
DATA_SUFFIXES = tuple(sorted(set(WORKBOOK_SUFFIXES) | set(TEXT_SUFFIXES)))
_CHUNK = 1 << 16


class LimitError(InputError):
    """An upload over the server's limits (HTTP 413)."""

    def __init__(self, message: Localized):
        self.localized = message
        super().__init__(message.en)


def _msg(key: str, **kw: Any) -> Localized:
    return Localized(vi=web(key, "vi", **kw), en=web(key, "en", **kw))


class UploadError(InputError):
    """An upload that cannot be used as given (no file, a type not read, ...)."""

    def __init__(self, message: Localized):
        self.localized = message
        super().__init__(message.en)


def too_large(max_bytes: int) -> LimitError:
    return LimitError(_msg("err_too_large", limit=f"{max_bytes / 2**20:g}"))


def display_name(name: str | None, default: str = "data") -> str:
    """The name an upload is shown under (never a path): its last part, NFC, without control
    characters, at most 120 characters.

    >>> display_name("C:\\\\Users\\\\an\\\\Biểu 01.xlsx"), display_name("../x\\x00.csv")
    ('Biểu 01.xlsx', 'x.csv')
    """
    if not name:
        return default
    last = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in last if unicodedata.category(c)[0] != "C").strip()
    return clean[:120] or default


def suffix_of(name: str | None) -> str:
    """The lower-case suffix of an upload's name ('' if none).

    >>> suffix_of("Bieu.XLSX"), suffix_of("run.tdkt.json.gz"), suffix_of(None)
    ('.xlsx', '.gz', '')
    """
    return PurePath(display_name(name)).suffix.lower() if name else ""


class Workspace:
    """A private temporary folder for one request's files; removed on exit, whatever happens."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="tdkt-web-"))

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def file(self, name: str) -> Path:
        """A path in the workspace for a name chosen by the server."""
        return self.path / name

    def store(self, stream: BinaryIO, name: str | None, max_bytes: int,
              folder: str | None = None, as_name: str | None = None) -> Path:
        """Copy ``stream`` into the workspace, at most ``max_bytes``; the file is named
        ``input<suffix>`` (or ``as_name``, a name the server chose), in ``folder`` if given."""
        suffix = suffix_of(name)
        if suffix not in DATA_SUFFIXES:
            raise UploadError(_msg("err_file_type", suffix=suffix or "?"))
        target_dir = self.path / folder if folder else self.path
        target_dir.mkdir(exist_ok=True)
        target = target_dir / (as_name or f"input{suffix}")
        copy_limited(stream, target, max_bytes)
        return target

    def store_bytes(self, data: bytes, name: str | None, max_bytes: int) -> Path:
        """:meth:`store` for bytes already in memory."""
        return self.store(io.BytesIO(data), name, max_bytes)

    def store_bundle(self, stream: BinaryIO, max_bytes: int) -> Path:
        """An uploaded audit bundle, un-gzipped (at most ten times ``max_bytes`` unpacked) and
        written as ``bundle.tdkt.json``."""
        raw = self.path / "bundle.upload"
        copy_limited(stream, raw, max_bytes)
        target = self.path / "bundle.tdkt.json"
        with open(raw, "rb") as fh:
            gz = fh.read(2) == b"\x1f\x8b"
        if not gz:
            raw.replace(target)
            return target
        try:
            with gzip.open(raw, "rb") as src:
                copy_limited(src, target, 10 * max_bytes, LimitError(_msg("err_bundle_gz")))
        except (OSError, EOFError):
            raw.replace(target)       # not gzip after all: the bundle reader says what it is
        return target


def copy_limited(src: BinaryIO, target: Path, max_bytes: int,
                 error: Exception | None = None) -> int:
    """Copy ``src`` to ``target`` in chunks; more than ``max_bytes`` raises ``error`` (default:
    the upload is too large) and leaves nothing behind."""
    n = 0
    with open(target, "wb") as out:
        while True:
            chunk = src.read(_CHUNK)
            if not chunk:
                break
            n += len(chunk)
            if n > max_bytes:
                out.close()
                target.unlink(missing_ok=True)
                raise error or too_large(max_bytes)
            out.write(chunk)
    return n


def table_file(name: str | None, tables: Iterable[Any]) -> str:
    """The file name (as the rule set declares it) of the table an uploaded CSV file holds,
    matched by its name against each table's file and sheet names; the upload's own name is
    never used on disk.

    >>> from types import SimpleNamespace as T
    >>> table_file("Ca-Nhan.CSV", [T(file="ca-nhan.csv", sheet="Cá nhân")])
    'ca-nhan.csv'
    """
    shown = display_name(name)
    stem = header_key(PurePath(shown).stem)
    files = []
    for t in tables:
        files.append(t.file)
        if stem in (header_key(PurePath(t.file).stem), header_key(t.sheet)):
            return t.file
    raise UploadError(_msg("err_csv_name", name=shown, files=", ".join(files)))
