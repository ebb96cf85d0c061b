"""The web app and HTTP API in process (FastAPI's test client): the rule sets and their
catalogues, each job's route answering the same JSON as ``result.to_json()``, errors as problem
details with the command line's messages and exit codes, verification, comparison, plan
checks, the safety rules (hosts, token, limits, private folders deleted, no recorded path read)
and the pages (the reader's decisions, the column questions, the result with its downloads)."""
import base64
import json
import re
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

import thiduakhenthuong as tdkt  # noqa: E402
from thiduakhenthuong.web.app import create_app  # noqa: E402
from thiduakhenthuong.web.rulesets import RuleSets  # noqa: E402
from thiduakhenthuong.web.settings import Settings  # noqa: E402

from conftest import FIXTURE, ROOT  # noqa: E402

UNITS_XLSX = FIXTURE / "units.xlsx"
TITLES = ROOT / "fixtures" / "titles-lao-cai"
CONF = ROOT / "fixtures" / "thai-nguyen-2019"
LAYOUTS = ROOT / "fixtures" / "office-layouts"
BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def lib():
    return RuleSets.load(())


@pytest.fixture(scope="module")
def client(lib):
    return TestClient(create_app(Settings(), lib), base_url=BASE)


def _file(path, name=None):
    return (name or Path(path).name, Path(path).read_bytes())


def _workspaces():
    return set(Path(tempfile.gettempdir()).glob("tdkt-web-*"))


def _same_json(api_text, result, path):
    """The API's JSON is result.to_json() with the upload's name where the path was."""
    mine = json.loads(result.to_json().replace(str(path), Path(path).name))
    assert json.loads(api_text) == mine


# ----- rule sets ----------------------------------------------------------------------------

def test_rulesets_and_their_catalogue(client):
    r = client.get("/api/v1/rulesets")
    assert r.status_code == 200
    by_id = {x["id"]: x for x in r.json()}
    assert {"lao-cai-2023", "titles", "thai-nguyen-2019"} <= set(by_id)
    assert by_id["titles"]["command"] == "titles"
    assert [m["folder"] for m in by_id["titles"]["members"]][:2] == ["regime-2003", "regime-2022"]
    assert by_id["thai-nguyen-2019"]["levels"] == ["co_so", "huyen", "tinh"]
    cat = client.get("/api/v1/rulesets/lao-cai-2023").json()
    assert cat["inputs"][0]["fields"]["blood_units"]["type"]
    assert "mục II.7 Công văn số 21/CTĐ-VP" in cat["catalogue"][0]["vi"]
    assert cat["rules"][0]["meta"]["id"] == "lao-cai-2023"
    assert {o["name"] for o in cat["options"]} == {"as_of"}


def test_template_download(client):
    r = client.get("/api/v1/rulesets/titles/template?year=2025")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "mau-titles.xlsx" in r.headers["content-disposition"]


# ----- jobs -----------------------------------------------------------------------------------

def test_score_upload_answers_to_json(client, result):
    r = client.post("/api/v1/rulesets/lao-cai-2023/score", files={"data": _file(UNITS_XLSX)})
    assert r.status_code == 200 and r.headers["tdkt-exit-code"] == "0"
    doc = r.json()
    assert doc["source"] == "units.xlsx" and "tdkt-web" not in r.text
    _same_json(r.text, tdkt.load_rules("lao-cai-2023").score(UNITS_XLSX), UNITS_XLSX)
    assert [u["unit_id"] for u in doc["units"]] == [u.unit_id for u in result.units]


def test_score_json_records_and_rejected_rows(client, result):
    records = json.loads(result.to_json())
    rows = tdkt.load_rules("lao-cai-2023").score(FIXTURE / "units.csv")
    import pandas as pd
    frame = pd.read_csv(FIXTURE / "units.csv", dtype=str, keep_default_na=False)
    recs = frame.to_dict(orient="records")
    r = client.post("/api/v1/rulesets/lao-cai-2023/score", json={"records": recs})
    assert r.status_code == 200 and r.headers["tdkt-exit-code"] == "0"
    assert [u["total"] for u in r.json()["units"]] == [u["total"] for u in records["units"]]
    assert rows.scored == 11
    bad = client.post("/api/v1/rulesets/lao-cai-2023/score?lang=en",
                      files={"data": _file(ROOT / "fixtures" / "bad" / "wrong_types.csv")})
    assert bad.status_code == 200 and bad.headers["tdkt-exit-code"] == "1"
    rej = bad.json()["rejected"]
    assert rej and rej[0]["row"] >= 2 and rej[0]["problems"][0]["message"]["en"]


def test_titles_and_delegates_routes(client):
    r = client.post("/api/v1/rulesets/titles/titles?year=2025&decision_date=31/01/2026",
                    files={"data": _file(TITLES / "titles.xlsx")})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["regime_choice"]["regime"] and doc["decision_date"] == "2026-01-31"
    _same_json(r.text, tdkt.evaluate("titles", TITLES / "titles.xlsx", year=2025,
                                     decision_date="2026-01-31"), TITLES / "titles.xlsx")
    # Several CSV files, one per table, named as the rule set names them.
    files = [("data", _file(CONF / n)) for n in ("ung-vien.csv", "khen-thuong.csv")]
    d = client.post("/api/v1/rulesets/thai-nguyen-2019/delegates?level=huyen", files=files)
    assert d.status_code == 200, d.text
    assert d.json()["level"] == "huyen" and d.json()["decisions"]


def test_other_formats(client):
    url = "/api/v1/rulesets/lao-cai-2023/score"
    x = client.post(url + "?format=xlsx", files={"data": _file(UNITS_XLSX)})
    assert x.status_code == 200 and x.content[:2] == b"PK"
    h = client.post(url + "?format=html&lang=en", files={"data": _file(UNITS_XLSX)})
    assert h.text.startswith("<!DOCTYPE html>") and '<body class="show-en' in h.text
    assert "units.xlsx" in h.text and "tdkt-web" not in h.text and "://" not in h.text
    b = client.post(url + "?format=bundle", files={"data": _file(UNITS_XLSX)})
    assert b.json()["format"] == "tdkt-audit-bundle"


def test_plan_check(client):
    r = client.post("/api/v1/rulesets/thai-nguyen-2019/plan-check",
                    files={"data": _file(CONF / "thai-nguyen-2019.xlsx")})
    assert r.status_code == 200 and r.headers["tdkt-exit-code"] == "1"
    assert r.json()["findings"] and r.json()["source"].startswith("thai-nguyen-2019.xlsx")


# ----- errors ---------------------------------------------------------------------------------

def test_errors_are_problem_details_with_the_command_lines_words(client):
    r = client.post("/api/v1/rulesets/lao-cai-2023/score?level=huyen",
                    files={"data": _file(UNITS_XLSX)})
    assert r.status_code == 400 and r.headers["content-type"] == "application/problem+json"
    p = r.json()
    assert p["detail"] == "Lỗi cách dùng lệnh: --level không dùng cho bộ quy tắc loại chấm điểm"
    assert p["exit_code"] == 2 and p["type"] == "urn:tdkt:problem:usage"
    r = client.post("/api/v1/rulesets/titles/titles", files={"data": _file(UNITS_XLSX)})
    assert r.status_code == 400 and "--year" in r.json()["detail"]
    r = client.post("/api/v1/rulesets/nope/score", json={"records": []})
    assert r.status_code == 404 and "lao-cai-2023" in r.json()["suggestion"]
    r = client.post("/api/v1/rulesets/titles/score?lang=en", json={"records": []})
    assert r.status_code == 400 and "/titles" in r.json()["detail"]
    r = client.post("/api/v1/rulesets/lao-cai-2023/score?lang=en",
                    files={"data": ("notes.pdf", b"hello")})
    assert r.status_code == 400 and ".pdf" in r.json()["detail"]
    r = client.post("/api/v1/rulesets/lao-cai-2023/score?lang=en",
                    files={"data": ("units.xlsx", b"not a workbook")})
    assert r.status_code == 422 and r.json()["detail"].startswith("Input error: ")
    assert "tdkt-web" not in r.text
    r = client.post("/api/v1/rulesets/lao-cai-2023/score?lang=en", json={"rows": []})
    assert r.status_code == 400 and '"records"' in r.json()["detail"]


def test_limits(lib):
    small = TestClient(create_app(Settings(max_upload_bytes=4096, max_rows=5), lib),
                       base_url=BASE)
    r = small.post("/api/v1/rulesets/lao-cai-2023/score?lang=en",
                   files={"data": _file(UNITS_XLSX)})
    assert r.status_code == 413 and "20" not in r.json()["detail"]
    assert r.json()["type"] == "urn:tdkt:problem:too-large"
    r = small.post("/api/v1/rulesets/lao-cai-2023/score?lang=en",
                   files={"data": _file(FIXTURE / "units.csv")})
    assert r.status_code == 413 and "more than 5 rows" in r.json()["detail"]


def test_hosts_and_token(lib):
    evil = TestClient(create_app(Settings(), lib), base_url="http://evil.example:8765")
    assert evil.get("/api/v1/rulesets").status_code == 421
    token = "s3cret-token-0123456789"
    app = create_app(Settings(host="0.0.0.0", token=token), lib)
    c = TestClient(app, base_url="http://10.0.0.5:8765")
    assert c.get("/api/v1/rulesets").status_code == 401
    assert c.get("/").status_code == 401
    assert c.get("/api/v1/rulesets", headers={"Authorization": f"Bearer {token}"}).status_code \
        == 200
    assert c.get("/api/v1/rulesets", headers={"Authorization": "Bearer wrong"}).status_code \
        == 401
    first = c.get(f"/?token={token}")
    assert first.status_code == 200 and "tdkt_token" in first.headers["set-cookie"]
    assert c.get("/").status_code == 200          # the cookie carries it from now on
    with pytest.raises(tdkt.UsageError):
        create_app(Settings(host="0.0.0.0"), lib)


def test_private_folders_are_deleted(client):
    before = _workspaces()
    client.post("/api/v1/rulesets/lao-cai-2023/score", files={"data": _file(UNITS_XLSX)})
    client.post("/rulesets/lao-cai-2023/run", files={"data": _file(UNITS_XLSX)},
                headers={"X-Tdkt-Stream": "1"})
    client.post("/api/v1/rulesets/lao-cai-2023/score", files={"data": ("x.xlsx", b"bad")})
    assert _workspaces() <= before


# ----- audit bundles ----------------------------------------------------------------------------

def test_verify_round_trip_and_no_recorded_path_is_read(client, tmp_path):
    b = client.post("/api/v1/rulesets/lao-cai-2023/score?format=bundle",
                    files={"data": _file(UNITS_XLSX)}).content
    ok = client.post("/api/v1/verify", files={"bundle": ("run.tdkt.json", b),
                                              "data": _file(UNITS_XLSX)})
    assert ok.status_code == 200 and ok.json()["identical"] and \
        ok.headers["tdkt-exit-code"] == "0"
    doc = json.loads(b)
    doc["results"]["units"][0]["total"] = 1
    # An edited bundle that also points its rules at a folder of this machine: the folder is
    # not read (no finding about the rules on disk), the edit is found.
    doc["rules"][0]["path"] = str(ROOT / "rules" / "lao-cai-2023")
    doc["rules"][0]["root"] = "/"
    bad = client.post("/api/v1/verify?lang=en",
                      files={"bundle": ("run.tdkt.json", json.dumps(doc).encode()),
                             "data": _file(UNITS_XLSX)})
    v = bad.json()
    assert bad.headers["tdkt-exit-code"] == "1" and not v["identical"] and not v["digest_ok"]
    assert not any(f["code"].startswith("rules_") for f in v["findings"])
    page = client.post("/verify", files={"bundle": ("run.tdkt.json", b),
                                         "data": _file(UNITS_XLSX)})
    assert 'class="verdict ok"' in page.text


def test_diff_route_and_page(client):
    r = client.post("/api/v1/diff?old=titles&new=lao-cai-titles&year=2024",
                    files={"data": _file(TITLES / "titles.xlsx")})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["old"]["id"] and d["new"]["id"] and "summary" in d
    page = client.post("/diff", data={"old": "titles", "new": "lao-cai-titles", "year": "2024"},
                       files={"data": _file(TITLES / "titles.xlsx")})
    assert 'id="diff"' in page.text and "lao-cai-titles" in page.text


# ----- OpenAPI and the pages ------------------------------------------------------------------

def test_openapi_and_offline_reference(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/rulesets", "/api/v1/rulesets/{rid}", "/api/v1/rulesets/{rid}/score",
                 "/api/v1/rulesets/{rid}/titles", "/api/v1/rulesets/{rid}/delegates",
                 "/api/v1/rulesets/{rid}/plan-check", "/api/v1/verify"):
        assert path in doc["paths"], path
    score = doc["paths"]["/api/v1/rulesets/{rid}/score"]["post"]
    assert "ScoreReport" in json.dumps(score["responses"]["200"])
    assert {"ProblemDetails", "ScoreReport", "TitleReport", "DelegateReport"} <= \
        set(doc["components"]["schemas"])
    page = client.get("/api/v1/docs?lang=en").text
    assert "/api/v1/rulesets/{rid}/score" in page and "ScoreReport" in page
    _offline(page)
    assert client.get("/docs").status_code == 404       # no pages that fetch from a CDN


def _offline(html):
    """Nothing in a page is fetched from elsewhere: no link, script or style source at all, and
    the page's policy forbids it."""
    assert re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', html) is None
    assert "default-src &#39;none&#39;" in html and "@import" not in html


def test_pages(client):
    index = client.get("/").text
    assert 'href="/rulesets/lao-cai-2023?lang=vi"' in index and "Bộ quy tắc" in index
    _offline(index)
    page = client.get("/rulesets/lao-cai-2023?lang=en").text
    assert '<body class="show-en web">' in page and 'id="catalogue"' in page
    assert "mục II.7 Công văn số 21/CTĐ-VP" in page and 'type="file" name="data"' in page
    _offline(page)
    r = client.get("/rulesets/nope")
    assert r.status_code == 404 and 'id="problem"' in r.text


def test_run_page_shows_reading_result_and_downloads(client, result):
    html = client.post("/rulesets/lao-cai-2023/run", data={"lang": "vi"},
                       files={"data": _file(LAYOUTS / "bieu-tong-hop.xlsx")}).text
    assert "dòng tiêu đề cột ở dòng 6" in html                # the reader's decision
    assert 'id="columns"' in html and 'id="outcome"' in html
    top = result.units[0]
    body = html[html.index('id="report"'):]
    assert top.name in body and "Tổng điểm 101 = 100 điểm chỉ tiêu" in body
    links = dict(re.findall(r'data-kind="(\w+)"', html) and
                 re.findall(r'<a download="[^"]+" href="data:([^;]+);base64,([^"]+)" '
                            r'data-kind="(\w+)"', html) and
                 [(k, base64.b64decode(d)) for _, d, k in
                  re.findall(r'href="data:([^;]+);base64,([^"]+)" data-kind="(\w+)"', html)])
    assert links["workbook"][:2] == b"PK" and links["report"].startswith(b"<!DOCTYPE html>")
    assert json.loads(links["bundle"])["format"] == "tdkt-audit-bundle"
    _offline(html)


def test_run_page_streams_progress_then_asks_about_unclear_headers(client):
    r = client.post("/rulesets/lao-cai-2023/run", headers={"X-Tdkt-Stream": "1"},
                    files={"data": _file(LAYOUTS / "tieu-de-khac.xlsx")})
    lines = [json.loads(x) for x in r.text.splitlines()]
    html = lines[-1]["html"]
    asked = re.findall(r'name="map_header" value="([^"]*)"', html)
    assert "Số HCS" in asked and 'id="questions"' in html and 'id="outcome"' not in html
    chosen = re.findall(r'<option value="(\w+)" selected>', html)
    r = client.post("/rulesets/lao-cai-2023/run", headers={"X-Tdkt-Stream": "1"},
                    data={"map_header": asked, "map_field": chosen},
                    files={"data": _file(LAYOUTS / "tieu-de-khac.xlsx")})
    lines = [json.loads(x) for x in r.text.splitlines()]
    phases = [x["phase"] for x in lines[:-1]]
    assert phases[0] == "reading" and "evaluating" in phases and phases[-1] == "writing"
    html = lines[-1]["html"]
    assert 'id="outcome"' in html and "Mọi dòng đã được xét" in html
    assert html.count("theo câu trả lời") == len(asked)


def test_run_page_errors_and_titles_options(client):
    html = client.post("/rulesets/titles/run", data={"year": "abc"},
                       files={"data": _file(TITLES / "titles.xlsx")}).text
    assert 'id="problem"' in html and "--year" in html
    res = tdkt.evaluate("titles", TITLES / "titles.xlsx", year=2025)
    html = client.post("/rulesets/titles/run", data={"year": "2025"},
                       files={"data": _file(TITLES / "titles.xlsx")}).text
    assert 'id="outcome"' in html and res.model.meta.regime.title.vi in html
    assert 'data-kind="bundle"' in html and "titles.xlsx[Cá nhân]" in html
    html = client.post("/rulesets/thai-nguyen-2019/run", data={"level": "huyen"},
                       files={"data": _file(CONF / "thai-nguyen-2019.xlsx")}).text
    conf = tdkt.evaluate("thai-nguyen-2019", CONF / "thai-nguyen-2019.xlsx", level="huyen")
    assert 'id="outcome"' in html and conf.decisions()[0].name in html
    html = client.post("/rulesets/thai-nguyen-2019/plan-check",
                       files={"data": _file(CONF / "thai-nguyen-2019.xlsx")}).text
    assert 'id="findings"' in html
