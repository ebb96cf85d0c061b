"""Audit bundle: one file that lets an auditor check a published result against its rules and data.

A bundle holds what job ran and with which options, every rule file's text and hash, the library
version, each input file's size and hash, the parameters in force for the period, the results with
their traces, and (apart, ignored by verification) when and where it ran. A digest over everything
but the run section detects an edited bundle before anything is re-run; it is not a signature
(whoever edits the file can recompute it), the re-run in :mod:`.bundle_verify` is the real check.

The format is JSON (UTF-8, NFC text as produced by the library), gzip-compressed when the name ends
in ``.gz``: readable with any text tool, and diffable. ``schema_version`` lets later sections (for
example the council's manual overrides) be added as optional fields with defaults, so older
bundles still read; a bundle newer than this library is refused rather than half-understood.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import platform
import sys
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from ..core.models import Localized
from ..errors import InputError
from .run import Job, input_files, result_document, result_parameters, rule_source
from ..version import __version__
from ..rulebook.source import version_hash

#: Bumped when a section is added or changed; readers accept bundles up to their own version.
#: A new section (e.g. ``overrides``: council decisions applied after the rules) goes on
#: :class:`Bundle` as an optional field with a default, so version-1 bundles still validate; their
#: digests still hold because :func:`read_bundle` hashes the content as read, not as re-dumped.
SCHEMA_VERSION = 1
FORMAT = "tdkt-audit-bundle"

__all__ = ["Bundle", "BundleError", "make_bundle", "write_bundle", "read_bundle", "canonical",
           "SCHEMA_VERSION", "Job"]


class BundleError(InputError):
    """A bundle cannot be written or read (not a bundle, unsupported version, unsafe path)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleFile(_Model):
    """One rule file exactly as it was read, so the run can be reproduced after the rules on
    disk change."""
    path: str = Field(description="relative to the rule set's root, '/'-separated")
    sha256: str
    text: str


class RuleSetRecord(_Model):
    """A rule set used by the job: where it was, its identity, and every file it read."""
    role: Literal["rules", "scores_rules"] = Field(
        description="'rules' for the job's own rules, 'scores_rules' for a scoring that fed "
                    "cluster ranks into a titles run")
    path: str = Field(description="the RULES argument as given")
    root: str = Field(description="directory the file paths are relative to, in the same style "
                                  "as path (it may be above path when files are included)")
    id: str
    version: str
    version_hash: str = Field(description="model.load.version_hash of the files")
    regime: Optional[str] = None
    files: list[RuleFile]
    tree_sha256: Optional[str] = Field(default=None, description="tree_digest of root: tells "
                                       "without parsing whether any rule file under root changed")


class InputFile(_Model):
    name: str = Field(description="file name, or path inside the DATA directory")
    size: int
    sha256: str


class InputRecord(_Model):
    """The data a job read: DATA as given and the hash of every file read from it."""
    role: Literal["data", "scores_data"]
    path: str
    kind: Literal["file", "directory"]
    files: list[InputFile]


class LibraryInfo(_Model):
    name: str = "thiduakhenthuong"
    version: str


class ParameterRow(_Model):
    """One parameter in force for the period (see :func:`..report.rules_used.rules_used_rows`)."""
    parameter: str
    title: Optional[Localized] = None
    value: Any
    unit: str
    effective_from: dt.date
    basis: Localized
    cite: str
    by: str


class RunInfo(_Model):
    """When and where the bundle was made; never compared, never part of the digest."""
    started_at: Optional[dt.datetime] = None
    elapsed_seconds: Optional[float] = None
    python: str
    platform: str
    working_dir: str = Field(description="relative paths in the bundle are relative to this")
    argv: list[str] = Field(default_factory=list)


class Bundle(_Model):
    """An audit bundle (see the module text). Build with :func:`make_bundle`."""
    format: Literal["tdkt-audit-bundle"] = FORMAT
    schema_version: int
    digest: str = Field(description="sha256 of the canonical JSON of everything except "
                                    "'digest' and 'run'")
    library: LibraryInfo
    job: Job
    rules: list[RuleSetRecord]
    inputs: list[InputRecord]
    parameters: list[ParameterRow]
    results: dict[str, Any] = Field(description="the job's JSON report, with every trace")
    run: RunInfo

    # The digest of the content as read from disk, which may differ from a re-serialisation if
    # a later schema added fields with defaults.
    _content_digest: Optional[str] = PrivateAttr(default=None)

    def content_digest(self) -> str:
        """The digest of this bundle's content now (compare with :attr:`digest`)."""
        if self._content_digest is None:
            self._content_digest = _digest(self.model_dump(mode="json"))
        return self._content_digest

    def rule_set(self, role: str = "rules") -> RuleSetRecord:
        return next(r for r in self.rules if r.role == role)

    def input(self, role: str = "data") -> InputRecord:
        return next(i for i in self.inputs if i.role == role)

    def subject(self) -> str:
        """One line naming the job, e.g. ``score lao-cai-2023 2023.1 on fixtures/...``."""
        r, d = self.rule_set(), self.input()
        opts = ", ".join(f"{k}={v}" for k, v in self.job.model_dump(mode="json").items()
                         if k != "kind" and v not in (None, False))
        return (f"{self.job.kind} {r.id} {r.version} ({r.version_hash})"
                + (f" [{opts}]" if opts else "") + f" — {d.path}")


def canonical(doc: Any) -> bytes:
    """The canonical bytes a digest is computed over: sorted keys, no spaces, UTF-8.

    >>> canonical({"b": 1, "a": "Lào Cai"})
    b'{"a":"L\\xc3\\xa0o Cai","b":1}'
    """
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _digest(doc: dict[str, Any]) -> str:
    body = {k: v for k, v in doc.items() if k not in ("digest", "run")}
    return hashlib.sha256(canonical(body)).hexdigest()


def _common_root(paths: list[Path]) -> Path:
    return Path(os.path.commonpath([str(p) for p in paths]))


def rule_set_record(role: str, path: str | Path, model: Any, source: Any) -> RuleSetRecord:
    """Every file a loaded rule set read, with its text, relative to their common directory.

    >>> from thiduakhenthuong.jobs.titles.api import load_title_rules
    >>> tr = load_title_rules("rules/titles/regime-2022", 2024)
    >>> r = rule_set_record("rules", "rules/titles/regime-2022", tr.model, tr.source)
    >>> r.root, r.regime, sorted({f.path.split("/")[0] for f in r.files})
    ('rules/titles', 'law-2022', ['_common', 'regime-2022', 'regimes.yaml'])
    """
    given = Path(path)
    files = sorted({Path(f).resolve() for f in source.files})
    anchor = given.resolve()
    root = _common_root([p.parent for p in files] + [anchor if anchor.is_dir()
                                                      else anchor.parent])
    out = []
    for f in files:
        data = f.read_bytes()
        out.append(RuleFile(path=f.relative_to(root).as_posix(),
                            sha256=hashlib.sha256(data).hexdigest(), text=data.decode("utf-8")))
    regime = getattr(model.meta, "regime", None)
    return RuleSetRecord(
        role=role, path=str(path),
        root=os.path.normpath(os.path.join(str(path), os.path.relpath(root, anchor))),
        id=model.meta.id, version=model.meta.version, version_hash=version_hash(source),
        regime=regime.id if regime is not None else None, files=out,
        tree_sha256=tree_digest(root))


def tree_digest(root: Path) -> str:
    """sha256 over the relative path and content of every rule file (``.yaml``, ``.yml``) under
    ``root``, so verification tells unchanged rules on disk apart without parsing them. A rule
    set's own test cases (``tests/`` folders) decide nothing and are left out.

    >>> len(tree_digest(Path("rules/lao-cai-2023")))
    64
    """
    h = hashlib.sha256()
    files = sorted(p for p in Path(root).rglob("*") if p.suffix in (".yaml", ".yml")
                   and p.is_file() and "tests" not in p.relative_to(root).parts)
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + file_sha256(f).encode() + b"\n")
    return h.hexdigest()


def input_record(role: str, data: str | Path, sources: list[str]) -> InputRecord:
    """Size and sha256 of each file read from ``data`` (a file, or the files of a directory
    named in ``sources``).

    >>> rec = input_record("data", "fixtures/thai-nguyen-2019",
    ...                    ["fixtures/thai-nguyen-2019/ung-vien.csv"])
    >>> rec.kind, [f.name for f in rec.files], len(rec.files[0].sha256)
    ('directory', ['ung-vien.csv'], 64)
    """
    if not isinstance(data, (str, Path)):
        raise BundleError("an audit bundle needs the input as a file or directory path, so it "
                          "can be hashed and read again")
    p = Path(data)
    files = input_files(p, sources)
    return InputRecord(role=role, path=str(data), kind="directory" if p.is_dir() else "file",
                       files=[InputFile(name=name, size=f.stat().st_size, sha256=file_sha256(f))
                              for name, f in files])


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read in blocks (inputs may be large).

    >>> p = Path("fixtures/lao-cai-2023/units.csv")
    >>> file_sha256(p) == hashlib.sha256(p.read_bytes()).hexdigest()
    True
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _run_info(started_at: dt.datetime | None = None, elapsed: float | None = None,
             argv: list[str] | None = None) -> RunInfo:
    return RunInfo(started_at=started_at, elapsed_seconds=elapsed,
                   python=platform.python_version(), platform=platform.platform(),
                   working_dir=os.getcwd(), argv=list(argv if argv is not None else sys.argv))


def make_bundle(job: Job, result: Any, rules: str | Path, data: str | Path,
                scores: tuple[str | Path, str | Path] | None = None,
                started_at: dt.datetime | None = None, elapsed: float | None = None,
                argv: list[str] | None = None) -> Bundle:
    """The audit bundle of a finished run. ``job`` says what ran (the job's options,
    e.g. :class:`~thiduakhenthuong.jobs.scoring.options.ScoreJob`), ``result`` is what it returned,
    ``rules`` and ``data`` the paths it was given; ``scores`` the scoring rules and data of a
    titles run that took cluster ranks from a scoring.

    >>> from thiduakhenthuong import load_rules
    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> res = load_rules("rules/lao-cai-2023").score("fixtures/lao-cai-2023/units.csv")
    >>> b = make_bundle(ScoreJob(), res, "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> b.rule_set().id, "meta.yaml" in [f.path for f in b.rule_set().files]
    ('lao-cai-2023', True)
    >>> f = b.input().files[0]
    >>> f.name, f.size == Path("fixtures/lao-cai-2023/units.csv").stat().st_size
    ('units.csv', True)
    >>> b.digest == b.content_digest() and len(b.results["units"])
    11
    """
    if (scores is not None) != bool(getattr(job, "scores", False)):
        raise BundleError("give the scoring rules and data exactly when the job used scores")
    model, source = rule_source(job, "rules", rules)
    if version_of(source) != result.rules.hash:
        raise BundleError(f"the rules at {rules} changed since the run (version "
                          f"{result.rules.hash}, now {version_of(source)})")
    records = [rule_set_record("rules", rules, model, source)]
    inputs = [input_record("data", data, result.sources)]
    if scores is not None:
        smodel, ssource = rule_source(job, "scores_rules", scores[0])
        records.append(rule_set_record("scores_rules", scores[0], smodel, ssource))
        inputs.append(input_record("scores_data", scores[1], [str(scores[1])]))
    doc = {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "digest": "",
        "library": LibraryInfo(version=__version__).model_dump(mode="json"),
        "job": job.model_dump(mode="json"),
        "rules": [r.model_dump(mode="json") for r in records],
        "inputs": [i.model_dump(mode="json") for i in inputs],
        "parameters": [ParameterRow.model_validate(p).model_dump(mode="json")
                       for p in result_parameters(result)],
        "results": result_document(result),
        "run": _run_info(started_at, elapsed, argv).model_dump(mode="json"),
    }
    doc["digest"] = _digest(doc)
    bundle = Bundle.model_validate(doc)
    bundle._content_digest = doc["digest"]
    return bundle


def version_of(source: Any) -> str:
    """:func:`~..model.load.version_hash` of a rule set's source.

    >>> from thiduakhenthuong import load_rules
    >>> r = load_rules("rules/lao-cai-2023")
    >>> version_of(r.source) == r.hash
    True
    """
    return version_hash(source)


def write_bundle(bundle: Bundle, path: str | Path) -> Path:
    """Write ``bundle`` as JSON (gzip when ``path`` ends in ``.gz``); returns the path.

    Same bundle, same bytes: keys keep the model's order, gzip carries no name or time.

    >>> import tempfile
    >>> from thiduakhenthuong.audit.run import run_job
    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> args = ("rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> b = make_bundle(ScoreJob(), run_job(ScoreJob(), *args), *args)
    >>> p = write_bundle(b, Path(tempfile.mkdtemp()) / "run.tdkt.json.gz")
    >>> again = read_bundle(p)
    >>> again.digest == again.content_digest() == b.digest, again.job.kind
    (True, 'score')
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(bundle.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"
    data = text.encode("utf-8")
    if p.name.endswith(".gz"):
        with open(p, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                                                 mtime=0) as gz:
            gz.write(data)
    else:
        p.write_bytes(data)
    return p


def read_bundle(path: str | Path) -> Bundle:
    """Read a bundle written by :func:`write_bundle` (plain or gzip JSON).

    The digest is recomputed from the text as read, so any edit shows as
    ``bundle.digest != bundle.content_digest()`` (example at :func:`write_bundle`).
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise BundleError(f"{p}: cannot read ({e.strerror})") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise BundleError(f"{p}: damaged gzip file ({e})") from None
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BundleError(f"{p}: not a JSON audit bundle ({e})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BundleError(f"{p}: not an audit bundle (no \"format\": \"{FORMAT}\")")
    version = doc.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise BundleError(f"{p}: invalid schema_version {version!r}")
    if version > SCHEMA_VERSION:
        raise BundleError(f"{p}: bundle schema {version} is newer than this library reads "
                          f"({SCHEMA_VERSION}); upgrade thiduakhenthuong")
    try:
        bundle = Bundle.model_validate(doc)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise BundleError(f"{p}: invalid bundle at {where}: {first['msg']} "
                          f"({e.error_count()} problem(s))") from None
    bundle._content_digest = _digest(doc)
    return bundle


def safe_relative(path: str) -> PurePosixPath:
    """A bundle's relative file path, refused if it could point outside its directory (an edited
    bundle must not make ``verify`` write anywhere else).

    >>> safe_relative("regime-2022/meta.yaml").parts
    ('regime-2022', 'meta.yaml')
    >>> safe_relative("../x.yaml")
    Traceback (most recent call last):
    ...
    thiduakhenthuong.audit.bundle.BundleError: unsafe file path in bundle: '../x.yaml'
    """
    p = PurePosixPath(path)
    if not path or p.is_absolute() or "\\" in path or ":" in path or ".." in p.parts:
        raise BundleError(f"unsafe file path in bundle: {path!r}")
    return p
