"""Verify an audit bundle: check it was not edited, run its job again with the rules it carries,
and compare the inputs' hashes and every result field with what it recorded."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from ..core.models import Localized
from ..errors import RuleError, RuleErrors, TdktError
from ..version import __version__
from .bundle import (Bundle, BundleError, InputRecord, ParameterRow, RuleSetRecord, file_sha256,
                     input_record, safe_relative, tree_digest, version_of)
from .compare import Difference, compare
from .run import result_document, result_parameters, rule_source, run_job

#: Result fields naming where the data was read from: the input's identity is checked by hash,
#: so verifying a copy of the data at another path is not a difference.
_LOCATION_FIELDS = ("source", "sources")


class Finding(BaseModel):
    """Something verification found besides result differences: an edited bundle, changed
    input, rules on disk that moved on."""
    model_config = ConfigDict(frozen=True)
    code: str
    severity: Literal["error", "info"] = Field(description="errors make the verification fail; "
                                                           "info does not")
    message: Localized


class Verification(BaseModel):
    """The outcome of :func:`verify_bundle`."""
    model_config = ConfigDict(frozen=True)
    bundle: str = Field(description="the job the bundle records, in one line")
    data: str = Field(description="the input the job was run on again")
    identical: bool = Field(description="bundle intact, same input, same results")
    digest_ok: bool
    rules_intact: bool = Field(description="every embedded rule file matches its recorded hash")
    inputs_match: bool
    rerun_ok: bool
    findings: list[Finding] = Field(default_factory=list)
    differences: list[Difference] = Field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _msg(vi: str, en: str) -> Localized:
    return Localized(vi=vi, en=en)


def locate(path: str, bundle: Bundle) -> Optional[Path]:
    """A path recorded in the bundle, as it is now: relative to the current directory, else to
    the directory the bundle was made in; None when neither exists.

    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> from thiduakhenthuong.audit.bundle import make_bundle
    >>> from thiduakhenthuong.audit.run import run_job
    >>> args = ("rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> b = make_bundle(ScoreJob(), run_job(ScoreJob(), *args), *args)
    >>> locate("fixtures/lao-cai-2023/units.csv", b).name, locate("no/such.csv", b)
    ('units.csv', None)
    """
    p = Path(path)
    if p.is_absolute():
        return p if p.exists() else None
    if p.exists():
        return p
    q = Path(bundle.run.working_dir) / p
    return q if q.exists() else None


def verify_bundle(bundle: Bundle, data: str | Path | None = None, *,
                  look_on_disk: bool = True) -> Verification:
    """Check ``bundle`` and run its job again on ``data`` (default: the recorded input) with the
    rules embedded in it. ``look_on_disk=False`` reads no path the bundle records (the recorded
    input, the rules now at the recorded place): a server verifying an uploaded bundle must not
    let it name files on the server, so ``data`` is then required.

    >>> from thiduakhenthuong.jobs.scoring.options import ScoreJob
    >>> from thiduakhenthuong.audit.bundle import make_bundle
    >>> from thiduakhenthuong.audit.run import run_job
    >>> args = ("rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv")
    >>> b = make_bundle(ScoreJob(), run_job(ScoreJob(), *args), *args)
    >>> v = verify_bundle(b)
    >>> v.identical, v.differences
    (True, [])
    """
    findings: list[Finding] = []
    digest_ok = bundle.digest == bundle.content_digest()
    if not digest_ok:
        findings.append(Finding(code="digest_mismatch", severity="error", message=_msg(
            "mã kiểm (digest) không khớp nội dung: gói kiểm toán đã bị sửa sau khi ghi",
            "the digest does not match the content: the bundle was edited after it was "
            "written")))
    rules_intact = True
    for rs in bundle.rules:
        for f in rs.files:
            if _sha(f.text) != f.sha256:
                rules_intact = False
                findings.append(Finding(code="rule_file_altered", severity="error", message=_msg(
                    f"tệp quy tắc {f.path} trong gói không khớp mã băm đã ghi",
                    f"rule file {f.path} in the bundle does not match its recorded hash")))
    if bundle.library.version != __version__:
        findings.append(Finding(code="library_version", severity="info", message=_msg(
            f"gói được tạo bằng thiduakhenthuong {bundle.library.version}, chạy lại bằng "
            f"{__version__}",
            f"the bundle was made with thiduakhenthuong {bundle.library.version}, re-run with "
            f"{__version__}")))
    if not look_on_disk and (data is None or any(i.role == "scores_data"
                                                 for i in bundle.inputs)):
        raise BundleError("the data must be given with the bundle: no recorded path is read here")
    paths = {"data": _input_path(bundle, "data", data)}
    if any(i.role == "scores_data" for i in bundle.inputs):
        paths["scores_data"] = _input_path(bundle, "scores_data", None)
    with tempfile.TemporaryDirectory(prefix="tdkt-verify-") as tmp:
        rules = {rs.role: _materialise(rs, Path(tmp) / rs.role) for rs in bundle.rules}
        scores = (rules["scores_rules"], paths["scores_data"]) if "scores_rules" in rules \
            else None
        try:
            result = run_job(bundle.job, rules["rules"], paths["data"], scores)
            error = None
        except (TdktError, ValueError, OSError) as e:
            result, error = None, str(e)
    differences: list[Difference] = []
    inputs_ok = True
    for rec in bundle.inputs:
        sources = result.sources if result is not None and rec.role == "data" else \
            [str(paths[rec.role] / f.name) for f in rec.files] if paths[rec.role].is_dir() else []
        now = input_record(rec.role, paths[rec.role], sources)
        found = _compare_inputs(rec, now)
        inputs_ok = inputs_ok and not found
        findings += found
    if error is not None:
        findings.append(Finding(code="rerun_failed", severity="error", message=_msg(
            f"không chạy lại được: {error}", f"the job could not be run again: {error}")))
    else:
        recorded = {k: v for k, v in bundle.results.items() if k not in _LOCATION_FIELDS}
        doc = {k: v for k, v in result_document(result).items() if k not in _LOCATION_FIELDS}
        differences = compare(recorded, doc)
        params_now = [ParameterRow.model_validate(p).model_dump(mode="json")
                      for p in result_parameters(result)]
        differences += compare({"parameters": [p.model_dump(mode="json")
                                               for p in bundle.parameters]},
                               {"parameters": params_now}, "parameters")
    for rs in bundle.rules if look_on_disk else []:
        findings += _rules_on_disk(bundle, rs)
    return Verification(
        bundle=bundle.subject(), data=str(paths["data"]),
        identical=digest_ok and rules_intact and inputs_ok and error is None and not differences,
        digest_ok=digest_ok, rules_intact=rules_intact, inputs_match=inputs_ok,
        rerun_ok=error is None, findings=findings, differences=differences)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _input_path(bundle: Bundle, role: str, given: str | Path | None) -> Path:
    if given is not None:
        p = Path(given)
        if not p.exists():
            raise BundleError(f"{p}: no such file or directory")
        return p
    rec = bundle.input(role)
    p = locate(rec.path, bundle)
    if p is None:
        raise BundleError(f"the recorded input {rec.path} is not found (from here or from "
                          f"{bundle.run.working_dir}); give DATA")
    return p


def _materialise(rs: RuleSetRecord, root: Path) -> Path:
    """Write the embedded rule files under ``root``; return the RULES path to run with."""
    for f in rs.files:
        target = root.joinpath(*safe_relative(f.path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.text.encode("utf-8"))
    entry = os.path.relpath(os.path.normpath(rs.path), os.path.normpath(rs.root))
    if entry != ".":
        return root.joinpath(*safe_relative(Path(entry).as_posix()).parts)
    return root


def _compare_inputs(rec: InputRecord, now: InputRecord) -> list[Finding]:
    out = []
    before = {f.name: f for f in rec.files}
    after = {f.name: f for f in now.files}
    if len(before) == 1 and len(after) == 1 and rec.kind == now.kind == "file":
        # A single file may be verified under another name (a copy kept by the auditor).
        before = {"": rec.files[0]}
        after = {"": now.files[0]}
    for name, f in before.items():
        g = after.get(name)
        shown = name or (f.name if f.name == now.files[0].name
                         else f"{f.name} → {now.files[0].name}")
        if g is None:
            out.append(Finding(code="input_missing", severity="error", message=_msg(
                f"dữ liệu đầu vào: tệp {name} có trong gói nhưng lần chạy lại không đọc",
                f"input: file {name} is in the bundle but was not read by the re-run")))
        elif g.sha256 != f.sha256:
            out.append(Finding(code="input_changed", severity="error", message=_msg(
                f"dữ liệu đầu vào đã thay đổi: {shown}: sha256 {f.sha256[:12]}… trong gói, "
                f"{g.sha256[:12]}… hiện tại ({f.size} → {g.size} byte)",
                f"the input has changed: {shown}: sha256 {f.sha256[:12]}… in the bundle, "
                f"{g.sha256[:12]}… now ({f.size} → {g.size} bytes)")))
    for name in after:
        if name not in before:
            out.append(Finding(code="input_added", severity="error", message=_msg(
                f"dữ liệu đầu vào: lần chạy lại đọc thêm tệp {name} không có trong gói",
                f"input: the re-run also read {name}, which is not in the bundle")))
    return out


def _rules_on_disk(bundle: Bundle, rs: RuleSetRecord) -> list[Finding]:
    """Informational: do the rules now at the recorded path still match the embedded ones?"""
    disk = locate(rs.path, bundle)
    if disk is None:
        return [Finding(code="rules_not_on_disk", severity="info", message=_msg(
            f"không còn quy tắc tại {rs.path}; đã dùng bản trong gói",
            f"no rules at {rs.path} any more; the bundle's copy was used"))]
    root = locate(rs.root, bundle)
    if root is not None and tree_digest(root) == rs.tree_sha256:
        return []
    try:
        model, src = rule_source(bundle.job, rs.role, disk)
    except (RuleError, RuleErrors, OSError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        return [Finding(code="rules_on_disk_invalid", severity="info", message=_msg(
            f"quy tắc hiện tại ở {rs.path} không đọc được ({first}); đã dùng bản trong gói",
            f"the rules now at {rs.path} do not load ({first}); the bundle's copy was used"))]
    if version_of(src) == rs.version_hash:
        return []
    embedded = {f.path: f.sha256 for f in rs.files}
    on_disk: dict[str, str] = {}
    if root is not None:
        base = root.resolve()
        for f in src.files:
            p = Path(f).resolve()
            try:
                on_disk[p.relative_to(base).as_posix()] = file_sha256(p)
            except ValueError:
                on_disk[p.as_posix()] = file_sha256(p)
    changed = sorted(k for k in embedded if k in on_disk and on_disk[k] != embedded[k])
    added = sorted(k for k in on_disk if k not in embedded)
    removed = sorted(k for k in embedded if k not in on_disk)
    parts_vi = [f"sửa {', '.join(changed)}" if changed else "",
                f"thêm {', '.join(added)}" if added else "",
                f"bỏ {', '.join(removed)}" if removed else ""]
    parts_en = [f"changed {', '.join(changed)}" if changed else "",
                f"added {', '.join(added)}" if added else "",
                f"removed {', '.join(removed)}" if removed else ""]
    vi = "; ".join(p for p in parts_vi if p) or "khác tên tệp"
    en = "; ".join(p for p in parts_en if p) or "file names differ"
    return [Finding(code="rules_on_disk_differ", severity="info", message=_msg(
        f"quy tắc hiện tại ở {rs.path} ({model.meta.version}, {version_of(src)}) khác bản trong "
        f"gói ({rs.version}, {rs.version_hash}): {vi}; đã dùng bản trong gói",
        f"the rules now at {rs.path} ({model.meta.version}, {version_of(src)}) differ from the "
        f"bundle's ({rs.version}, {rs.version_hash}): {en}; the bundle's copy was used"))]


def summary_counts(v: Verification) -> dict[str, Any]:
    """Numbers for a one-line summary: differences, items they are in, errors, infos.

    >>> summary_counts(Verification(bundle="b", data="d", identical=True, digest_ok=True,
    ...                             rules_intact=True, inputs_match=True, rerun_ok=True))
    {'differences': 0, 'subjects': 0, 'errors': 0, 'infos': 0}
    """
    subjects = {d.subject for d in v.differences if d.subject}
    return {"differences": len(v.differences), "subjects": len(subjects),
            "errors": len(v.errors), "infos": len(v.findings) - len(v.errors)}
