"""Audit bundles: written by each batch command, verified by re-running with the embedded rules;
an edited bundle, changed data or changed rules on disk are each reported for what they are."""
import csv
import gzip
import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import thiduakhenthuong as tdkt
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.audit.bundle import BundleError, canonical, make_bundle, read_bundle, safe_relative, write_bundle
from thiduakhenthuong.audit.compare import compare
from thiduakhenthuong.audit.run import run_job
from thiduakhenthuong.audit.verify import Verification, verify_bundle

ROOT = Path(__file__).resolve().parents[1]

#: kind -> (command arguments before --bundle, data to copy into tmp, how the data is named)
JOBS = {
    "score": (["score", ROOT / "rules" / "lao-cai-2023"], ROOT / "fixtures" / "lao-cai-2023" /
              "units.csv", []),
    "titles": (["titles", ROOT / "rules" / "titles"], ROOT / "fixtures" / "titles-lao-cai" /
               "titles.xlsx", ["--year", "2024"]),
    "delegates": (["delegates", ROOT / "rules" / "thai-nguyen-2019"],
                  ROOT / "fixtures" / "thai-nguyen-2019", ["--level", "huyen"]),
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_data(src: Path, dest_dir: Path) -> Path:
    """The fixture copied under ``dest_dir`` (a directory fixture: only its tables)."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        target = dest_dir / src.name
        target.mkdir()
        for f in src.glob("*.csv"):
            shutil.copy(f, target / f.name)
        return target
    return Path(shutil.copy(src, dest_dir / src.name))


_WRITTEN: dict = {}


def _written(kind, tmp_path_factory):
    """A bundle written by the command itself, from a copy of the fixture data (once per
    kind: every run of the titles engine costs about a second)."""
    if kind not in _WRITTEN:
        head, data, opts = JOBS[kind]
        tmp = tmp_path_factory.mktemp(kind)
        copy = copy_data(data, tmp / "data")
        path = tmp / f"{kind}.tdkt.json{'.gz' if kind == 'titles' else ''}"
        r = run(*head, copy, *opts, "--bundle", path)
        assert r.exit_code == 0, r.output
        _WRITTEN[kind] = (kind, copy, path, read_bundle(path))
    return _WRITTEN[kind]


@pytest.fixture(scope="module", params=sorted(JOBS))
def written(request, tmp_path_factory):
    return _written(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def score_written(tmp_path_factory):
    return _written("score", tmp_path_factory)


def test_bundle_holds_rules_inputs_parameters_and_results_deterministically(written, tmp_path):
    kind, copy, path, b = written
    head, _, opts = JOBS[kind]
    assert b.job.kind == kind and b.schema_version == 1
    assert b.library.version == tdkt.__version__
    rs = b.rule_set()
    # Every rule file as read, with a hash matching the file on disk and its full text.
    root = Path(head[1]) if kind != "titles" else ROOT / "rules" / "titles"
    for f in rs.files:
        on_disk = root / f.path
        assert f.sha256 == sha(on_disk) and f.text == on_disk.read_text(encoding="utf-8")
    if kind == "titles":
        assert rs.regime == "law-2022" and b.job.year == 2024
        assert {f.path.split("/")[0] for f in rs.files} == {"_common", "regime-2022", "regimes.yaml"}
    assert (rs.id, rs.version, rs.version_hash) == (
        b.results["ruleset_id"], b.results["ruleset_version"], b.results["ruleset_hash"])
    inp = b.input()
    # Delegates read the candidates, and the plans (conference days) and the dated awards.
    expected = [copy] if copy.is_file() else \
        [copy / n for n in ("ke-hoach.csv", "khen-thuong.csv", "ung-vien.csv")]
    assert [(f.name, f.size, f.sha256) for f in inp.files] == \
        [(p.name, p.stat().st_size, sha(p)) for p in expected]
    names = [p.parameter for p in b.parameters]
    assert names == sorted(names) and len(names) > 5
    assert all(p.title is None or (p.title.vi and p.title.en) for p in b.parameters)
    assert b.run.elapsed_seconds is not None and b.run.started_at is not None
    counted = {"score": ("units", 11), "titles": ("decisions", None),
               "delegates": ("decisions", 200)}[kind]
    if counted[1] is not None:
        assert len(b.results[counted[0]]) == counted[1]
    else:
        assert len(b.results["decisions"]) == sum(
            t["eligible"] + t["not_eligible"] + t["not_determinable"] for t in b.results["totals"])
    # Another run of the same job, bundled through the API: the same content to the byte, apart
    # from the run section (time, place).
    res = run_job(b.job, head[1], copy)
    again = make_bundle(b.job, res, head[1], copy)
    one, two = b.model_dump(mode="json"), again.model_dump(mode="json")
    assert one.pop("run") != two.pop("run")
    assert canonical(one) == canonical(two) and again.digest == b.digest
    # The same bundle written twice gives the same bytes (gzip included).
    w1, w2 = write_bundle(b, tmp_path / "1.json.gz"), write_bundle(b, tmp_path / "2.json.gz")
    assert w1.read_bytes() == w2.read_bytes()
    if path.name.endswith(".gz"):
        assert path.read_bytes()[:2] == b"\x1f\x8b"
        assert json.loads(gzip.decompress(path.read_bytes()))["digest"] == b.digest


def test_untouched_bundle_verifies_identical(written):
    kind, _, path, _ = written
    lang = ["--lang", "en"] if kind == "titles" else []
    r = run("verify", path, *lang)
    assert r.exit_code == 0, r.output
    assert ("identical" if lang else "trùng khớp") in r.output
    assert "✗" not in r.output


def _tamper_result(doc: dict, kind: str) -> tuple[str, object, object]:
    """Change one recorded result; return the path verify must name and the two values."""
    res = doc["results"]
    if kind == "score":
        u = res["units"][3]
        old = u["total"]
        u["total"] = old + 7.5
        return f"units[{u['unit_id']}].total", old + 7.5, old
    if kind == "titles":
        d = next(d for d in res["decisions"] if d["outcome"] == "eligible")
        d["outcome"] = "not_eligible"
        return f"decisions[{d['subject_id']}/{d['title_id']}].outcome", "not_eligible", "eligible"
    d = next(d for d in res["decisions"] if not d["selected"])
    d["selected"] = True
    return f"decisions[{d['candidate_id']}].selected", True, False


def test_tampered_results_are_named_and_digest_fires(written, tmp_path):
    kind, _, path, b = written
    doc = b.model_dump(mode="json")
    where, bad, good = _tamper_result(doc, kind)
    edited = tmp_path / "edited.tdkt.json"
    edited.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    report = tmp_path / "verify.json"
    r = run("verify", edited, "--lang", "en", "-o", report)
    assert r.exit_code == 1
    assert where in r.output and "digest does not match" in r.output
    assert "NOT identical: 1 differences, 1 errors" in r.output
    v = Verification.model_validate_json(report.read_text(encoding="utf-8"))
    assert not v.identical and not v.digest_ok and v.inputs_match and v.rerun_ok
    assert [f.code for f in v.errors] == ["digest_mismatch"]
    assert [(d.path, d.recorded, d.rerun) for d in v.differences] == [(where, bad, good)]


def _tamper_data(copy: Path, kind: str) -> str:
    """Change one number in the data; return the subject whose results must change."""
    if kind == "score":
        text = copy.read_text(encoding="utf-8-sig")
        line = next(x for x in text.splitlines() if x.startswith("tx_sa_pa,"))
        cells = line.split(",")
        assert cells[19] == "1180"      # people examined, against a target of 1200
        cells[19] = "400"
        copy.write_text(text.replace(line, ",".join(cells)), encoding="utf-8-sig")
        return "tx_sa_pa"
    if kind == "titles":
        wb = openpyxl.load_workbook(copy)
        ws = wb["Cá nhân"]
        headers = [c.value for c in ws[1]]
        row = next(r for r in ws.iter_rows(min_row=2)
                   if r[0].value == "p001" and r[headers.index("Năm")].value == 2024)
        row[headers.index("Số ngày nghỉ")].value = 60
        wb.save(copy)
        return "p001/ldtt"
    # The award counts come from the dated awards: move dt062's state award (28/04/2020, after
    # the conference of 20/03/2020) before the conference, so that it counts.
    f = copy / "khen-thuong.csv"
    with open(f, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    row = next(r for r in rows if r[1] == "dt062" and r[5] == "28/04/2020")
    assert rows[0][5] == "Ngày quyết định"
    row[5] = "28/02/2020"
    with open(f, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return "dt062"


def test_tampered_data_reports_input_hash_and_result_differences(written, tmp_path):
    kind, copy, path, b = written
    changed = copy_data(copy, tmp_path)
    subject = _tamper_data(changed, kind)
    report = tmp_path / "verify.json"
    r = run("verify", path, changed, "--limit", "1", "-o", report)
    assert r.exit_code == 1
    assert "dữ liệu đầu vào đã thay đổi" in r.output
    v = Verification.model_validate_json(report.read_text(encoding="utf-8"))
    assert not v.identical and v.digest_ok and not v.inputs_match
    assert [f.code for f in v.errors] == ["input_changed"]
    name = changed.name if kind != "delegates" else "khen-thuong.csv"
    recorded = next(f for f in b.input().files if f.name.endswith(name))
    assert name in v.errors[0].message.en and recorded.sha256[:12] in v.errors[0].message.en
    assert any(d.subject == subject for d in v.differences), [d.path for d in v.differences]
    if len(v.differences) > 1:
        assert f"… và {len(v.differences) - 1} khác biệt khác" in r.output


def test_changed_data_at_the_recorded_path_is_reported(tmp_path):
    data = copy_data(JOBS["score"][1], tmp_path)
    bundle = tmp_path / "s.tdkt.json"
    assert run("score", JOBS["score"][0][1], data, "--bundle", bundle).exit_code == 0
    _tamper_data(data, "score")
    r = run("verify", bundle, "--lang", "en")
    assert r.exit_code == 1
    assert "the input has changed: units.csv" in r.output
    assert "units[tx_sa_pa]" in r.output


def test_rules_changed_on_disk_are_reported_but_the_embedded_rules_are_used(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "lao-cai-2023", rules)
    data = ROOT / "fixtures" / "lao-cai-2023" / "units.csv"
    bundle = tmp_path / "s.tdkt.json"
    assert run("score", rules, data, "--bundle", bundle).exit_code == 0
    params = rules / "parameters.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("0.5", "0.75"),
                      encoding="utf-8")
    (rules / "extra.yaml").write_text("", encoding="utf-8")
    r = run("verify", bundle, "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "identical" in r.output
    assert "changed parameters.yaml; added extra.yaml" in r.output
    shutil.rmtree(rules)
    v = verify_bundle(read_bundle(bundle))
    assert v.identical and [f.code for f in v.findings] == ["rules_not_on_disk"]


def test_titles_fed_by_a_scoring_records_both_rule_sets(tmp_path):
    bundle = tmp_path / "t.tdkt.json"
    r = run("titles", ROOT / "rules" / "titles" / "regime-2003", ROOT / "fixtures" /
            "titles-lao-cai", "--year", "2023", "--scores", ROOT / "rules" / "lao-cai-2023",
            ROOT / "fixtures" / "lao-cai-2023" / "units.csv", "--bundle", bundle)
    assert r.exit_code == 0, r.output
    b = read_bundle(bundle)
    assert b.job.scores and [x.role for x in b.rules] == ["rules", "scores_rules"]
    assert [x.id for x in b.rules] == ["vnrc-titles-2018", "lao-cai-2023"]
    assert [f.name for f in b.input().files] == ["ca-nhan.csv", "ke-thua-don-vi.csv",
                                                 "tap-the.csv"]
    assert [f.name for f in b.input("scores_data").files] == ["units.csv"]
    # Included files above the rule directory are kept, so the regime loads on its own.
    assert "_common/inputs.yaml" in [f.path for f in b.rule_set().files]
    assert any(w["code"] == "scores_used" for w in b.results["warnings"])
    assert verify_bundle(b).identical


def test_a_bundle_cannot_write_outside_its_temporary_directory(score_written, tmp_path):
    b = score_written[3]
    doc = b.model_dump(mode="json")
    doc["rules"][0]["files"][0]["path"] = "../../escaped.yaml"
    evil = tmp_path / "evil.tdkt.json"
    evil.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(BundleError, match="unsafe file path"):
        verify_bundle(read_bundle(evil))
    r = run("verify", evil)
    assert r.exit_code == 2 and "unsafe file path" in r.output
    for bad in ("/etc/x.yaml", "a/../../x.yaml", "C:\\x.yaml"):
        with pytest.raises(BundleError):
            safe_relative(bad)


def test_unreadable_or_newer_bundles_and_missing_data_exit_2(score_written, tmp_path):
    b = score_written[3]
    junk = tmp_path / "junk.json"
    junk.write_text('{"units": []}', encoding="utf-8")
    r = run("verify", junk)
    assert r.exit_code == 2 and "not an audit bundle" in r.output
    doc = b.model_dump(mode="json")
    doc["schema_version"] = 99
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(doc), encoding="utf-8")
    r = run("verify", newer)
    assert r.exit_code == 2 and "newer than this library" in r.output
    doc = b.model_dump(mode="json")
    doc["inputs"][0]["path"] = str(tmp_path / "gone.csv")
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(doc), encoding="utf-8")
    r = run("verify", moved)
    assert r.exit_code == 2 and "give DATA" in r.output
    # Given the data explicitly, the same bundle checks (its digest now fails: it was edited).
    r = run("verify", moved, JOBS["score"][1], "--lang", "en")
    assert r.exit_code == 1 and "digest does not match" in r.output
    assert "Differences" not in r.output


def test_compare_names_items_by_their_keys_not_positions():
    a = {"units": [{"unit_id": "a", "rank": 1, "ok": True},
                   {"unit_id": "b", "rank": 2, "ok": False}],
         "decisions": [{"subject_id": "p1", "title_id": "ldtt", "outcome": "eligible"}],
         "keys": ["class", "total"]}
    b = {"units": [{"unit_id": "b", "rank": 1, "ok": 0},
                   {"unit_id": "a", "rank": 2, "ok": True},
                   {"unit_id": "c", "rank": 3, "ok": True}],
         "decisions": [{"subject_id": "p1", "title_id": "ldtt", "outcome": "eligible"}],
         "keys": ["total", "class"]}
    got = [(d.path, d.subject, d.field, d.change, d.recorded, d.rerun) for d in compare(a, b)]
    assert got == [
        ("units[a].rank", "a", "rank", "changed", 1, 2),
        ("units[b].rank", "b", "rank", "changed", 2, 1),
        ("units[b].ok", "b", "ok", "changed", False, 0),          # a boolean is not a number
        ("units[c]", "c", "(item)", "added", None, {"unit_id": "c", "rank": 3, "ok": True}),
        ("keys", None, "keys", "changed", ["class", "total"], ["total", "class"]),
    ]
    assert compare({"x": [1.0, float("nan")]}, {"x": [1, float("nan")]}) == []
