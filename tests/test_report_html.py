"""The HTML report (`tdkt report`, `report.html.render_html`): content per job, escaping of every
input string, self-containment, determinism, print CSS, and rendering in headless Chromium."""
import base64
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from markupsafe import escape

import thiduakhenthuong as tdkt
from thiduakhenthuong.cli.main import main
from thiduakhenthuong.jobs.conferences.api import evaluate_delegates
from thiduakhenthuong.render.cite import citations_of
from thiduakhenthuong.render.html import render_html
from thiduakhenthuong.jobs.scoring.api import Rules
from thiduakhenthuong.jobs.titles.api import evaluate_titles

from conftest import FIXTURE, ROOT

TITLES = ROOT / "fixtures" / "titles-lao-cai"
CONF = ROOT / "fixtures" / "thai-nguyen-2019"
SCRIPT = "<script>alert(1)</script>"
ATTR = '"onmouseover=alert(1) x="'
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def titles_res():
    return evaluate_titles(ROOT / "rules" / "titles", TITLES / "titles.xlsx", year=2024)


@pytest.fixture(scope="module")
def conf_res():
    return evaluate_delegates(ROOT / "rules" / "thai-nguyen-2019", CONF, "huyen")


@pytest.fixture(scope="module")
def reports(result, titles_res, conf_res):
    return {"scoring": (result, render_html(result)),
            "titles": (titles_res, render_html(titles_res)),
            "delegates": (conf_res, render_html(conf_res))}


class _Doc(HTMLParser):
    """Ids, in-page links, tags and text of a page, from the standard library's parser."""

    def __init__(self, html: str):
        super().__init__()
        self.ids, self.links, self.tags, self.text = set(), [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])

    def handle_data(self, data):
        self.text.append(data)


def _items(html: str) -> int:
    return len(re.findall(r'<details (?:open )?class="item', html))


# ----- content per job ---------------------------------------------------------------------

def test_scoring_report_shows_ranking_units_charts_and_parameters(result, reports):
    html = reports["scoring"][1]
    top = result.units[0]
    assert top.name == "Hội CTĐ thành phố Lào Cai"
    for s in (top.name, result.rules.meta.title.vi, "lao-cai-2023", result.ruleset_hash,
              "2023.1", "31/12/2023", "fixtures/lao-cai-2023/units.csv",
              "Số dòng đầu vào 11 = đã chấm 11 + bị loại 0", "mục II.1 Công văn số 21/CTĐ-VP",
              "Điều 12 Nghị định số 91/2017/NĐ-CP", "Không có dòng nào bị loại."):
        assert s in html, s
    assert _items(html) == result.scored == 11
    # Per unit: points by target and the total against the thresholds; plus one overview.
    assert html.count('<svg class="chart"') == 1 + 2 * 11
    assert html.count('class="bar-max"') == 11 * len(result.rules.criteria)
    # Classes by title, never by code (threshold lines and the legend).
    assert "Hoàn thành xuất sắc nhiệm vụ (≥ 90)" in html and "Hoàn thành tốt nhiệm vụ (≥ 75)" in html
    assert "Hoàn thành nhiệm vụ (≥ 50)" in html and "htxs ≥ 90" not in html
    # Two targets share clause 7, so they are told apart.
    assert ">CT7a<" in html and ">CT7b<" in html
    # The explanation of bat_xat: total, class threshold with its parameter, its award.
    bx = html[html.index('id="u-1-bat_xat"'):html.index('id="u-2-')]
    assert "Hội CTĐ huyện Bát Xát (bat_xat) — Cụm thi đua số 2 — 101 —" in bx
    assert "Tổng điểm 101 = 100 điểm chỉ tiêu + 1 điểm thưởng − 0 điểm trừ" in bx
    assert "ngưỡng ≥ 90 điểm (“Điểm tối thiểu hoàn thành xuất sắc nhiệm vụ”" in bx
    assert "Đề nghị tặng Cờ thi đua" in bx
    # A unit short of the top class says why, with the points missing.
    low = result.units[-1]
    assert low.gap is not None
    assert escape(f"Vì sao chưa đạt “{low.gap.next_class_title.vi}”") in html
    # The parameters table has every parameter, each with an anchor the trees link to.
    doc = _Doc(html)
    assert {f"p-{name}" for name in result.params} <= doc.ids
    assert 'href="#p-class_htxs_min"' in html


def test_every_in_page_link_has_a_target(reports):
    for kind, (_, html) in reports.items():
        doc = _Doc(html)
        targets = [h[1:] for h in doc.links if h.startswith("#")]
        assert targets, kind
        assert set(targets) <= doc.ids, (kind, sorted(set(targets) - doc.ids)[:5])
        assert all(h.startswith("#") for h in doc.links), kind


def test_titles_report_shows_totals_proposals_and_every_decision(titles_res, reports):
    html = reports["titles"][1]
    m = titles_res.model
    for s in (m.meta.regime.title.vi, m.meta.id, titles_res.hash, "31/01/2025",
              "titles.xlsx[Cá nhân]", "titles.xlsx[Tập thể]"):
        assert s in html, s
    c = titles_res.counts()
    assert f"Số dòng đầu vào {c['rows_in']} = được xét {c['judged']}" in html
    assert _items(html) == c["judged"]
    ldtt = next(x for x in titles_res.totals() if x.title_id == "ldtt")
    proposed = sum(x.proposed for x in titles_res.totals())
    assert f"Danh sách đề nghị ({proposed})" in html
    row = re.search(r"<td><span lang=\"vi\">Lao động tiên tiến</span><span lang=\"en\">Advanced "
                    r"Worker</span></td><td class=\"num\">(\d+)</td>", html)
    assert row and int(row.group(1)) == ldtt.proposed
    # p001's advanced-worker decision: outcome, a check with its citation, the prize.
    d = titles_res.decision("p001", "ldtt")
    assert d.proposed and d.prize is not None
    p1 = html[html.index('id="s-0-p001"'):html.index('id="s-1-')]
    assert ("Nguyễn Văn Thành (p001), Văn phòng Tỉnh hội Chữ thập đỏ tỉnh Lào Cai — năm 2024"
            in p1)
    cite = citations_of(m).text(d.checks[0].cite)
    assert cite.vi == "điểm a khoản 1 Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15"
    assert d.checks[0].title.vi in p1 and cite.vi in p1 and cite.en in p1
    # The prize worked out whole: the base salary and its date, the rounding up stated.
    assert ("Tiền thưởng: 0,3 × 2.340.000 đồng (mức lương cơ sở từ 01/07/2024, ngày quyết định "
            "31/01/2025) = 702.000 đồng, làm tròn lên bội số của 10.000 đồng: 710.000 đồng") in p1
    # A failed decision says what it takes.
    failed = next(x for x in titles_res.decisions() if x.outcome == "not_eligible" and x.needs)
    assert escape(f"→ {failed.needs[0].vi}") in html


def test_titles_report_follows_the_regime_of_the_year(titles_res, reports):
    people = pd.read_csv(TITLES / "ca-nhan.csv", dtype=str, keep_default_na=False)
    res = evaluate_titles(ROOT / "rules" / "titles", {"people": people}, year=2023)
    html = render_html(res)
    assert res.model.meta.regime.id == "law-2003" != titles_res.model.meta.regime.id
    assert res.model.meta.regime.title.vi in html and "(2018–2023)" in html
    assert "(2024–" in reports["titles"][1] and "(2018–2023)" not in reports["titles"][1]


def test_delegates_report_shows_selected_and_left_out_with_reasons(conf_res, reports):
    html = reports["delegates"][1]
    s = conf_res.summaries()[0]
    assert (s.conference, s.selected, s.cap) == ("hn_dai_tu", 150, 150)
    assert f"{s.cap} [mục III.3 Kế hoạch số 14/KH-CTĐTNg]" in html
    # Conferences by name (from the plans), not by code.
    name = "hội nghị của Hội Chữ thập đỏ huyện Đại Từ"
    assert f"Được chọn — {name} ({s.selected})" in html
    assert f"Không được chọn — {name} ({s.candidates - s.selected})" in html
    assert "Số dòng đầu vào 270 = được xét 200 + cấp khác 70 + bị loại 0" in html
    assert _items(html) == s.candidates
    out = next(d for d in conf_res.decisions() if not d.selected and d.outcome == "eligible")
    assert escape(out.reason.vi) in html
    failed = next(d for d in conf_res.decisions() if d.outcome == "not_eligible")
    check = next(c for c in failed.checks if c.status == "failed")
    item = html[html.index(f'-{failed.candidate_id}"'):]
    item = item[:item.index("</details>\n<details") if "</details>\n<details" in item else None]
    cite = citations_of(conf_res.model).text(check.cite)
    assert escape(check.title.vi) in item and escape(cite.vi) in item


def test_english_is_a_switch_away_and_can_be_the_default(result):
    vi, en = render_html(result), render_html(result, lang="en")
    assert '<html lang="vi">' in vi and '<body class="show-vi' in vi
    assert '<html lang="en">' in en and '<body class="show-en' in en
    # Both languages are in either file; only the default differs.
    for html in (vi, en):
        assert "Bảng xếp hạng" in html and "Ranking" in html
        assert '<span lang="en">Ranking</span>' in html
    assert vi.replace("show-vi", "X").replace('lang="vi">\n<head', "Y") != en


# ----- safety: escaping, self-containment, determinism ------------------------------------

def _hostile_scoring(rules):
    # Without a unit registry the names come from the file, so hostile text reaches the report.
    rules = Rules(rules.model.model_copy(update={"units": None}), rules.source, rules.path)
    df = pd.read_csv(FIXTURE / "units.csv", dtype=str, keep_default_na=False)
    df["Tên đơn vị"] = df["Tên đơn vị"].astype(object)
    df.loc[0, "Tên đơn vị"] = SCRIPT
    df.loc[1, "Tên đơn vị"] = ATTR
    df.loc[2, "Số đơn vị máu tiếp nhận"] = IMG       # rejected: its value is shown
    return rules.score(df)


def _hostile_titles():
    people = pd.read_csv(TITLES / "ca-nhan.csv", dtype=str, keep_default_na=False)
    units = pd.read_csv(TITLES / "tap-the.csv", dtype=str, keep_default_na=False)
    people.loc[people["Mã cá nhân"] == "p001", "Họ và tên"] = SCRIPT
    people.loc[people["Mã cá nhân"] == "p002", "Họ và tên"] = ATTR
    units.loc[units["Mã đơn vị"] == units.loc[0, "Mã đơn vị"], "Tên đơn vị"] = IMG
    return evaluate_titles(ROOT / "rules" / "titles", {"people": people, "units": units},
                           year=2024)


def _hostile_delegates():
    df = pd.read_csv(CONF / "ung-vien.csv", dtype=str, keep_default_na=False)
    df.loc[0, "Họ tên / tên tập thể"] = SCRIPT
    df.loc[1, "Họ tên / tên tập thể"] = ATTR
    return evaluate_delegates(ROOT / "rules" / "thai-nguyen-2019", {"candidates": df}, "huyen")


@pytest.mark.parametrize("make", ["scoring", "titles", "delegates"])
def test_every_input_string_is_escaped(rules, make):
    res = {"scoring": lambda: _hostile_scoring(rules), "titles": _hostile_titles,
           "delegates": _hostile_delegates}[make]()
    html = render_html(res)
    assert SCRIPT not in html and ATTR not in html and IMG not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;onmouseover=alert(1) x=&#34;" in html
    assert "onmouseover=" not in re.sub(r"&#34;onmouseover=", "", html)
    # The page's own script is the only one, and no element carries an event handler.
    assert html.count("<script") == 1
    doc = _Doc(html)
    assert not [(t, a) for t, a in doc.tags if any(k.startswith("on") for k in a)]
    assert not [t for t, _ in doc.tags if t in ("img", "iframe", "object", "embed")]
    text = "".join(doc.text)
    assert SCRIPT in text and ATTR.strip('"') in text        # shown, as text
    if make != "delegates":
        assert "&lt;img src=x onerror=alert(1)&gt;" in html and IMG in text
    if make == "scoring":
        # A data frame's rows are numbered as records (the third one here).
        assert [r.row for r in res.rejected] == [3]
        assert '<td class="num">3</td><td>bao_thang</td>' in html


def _csp(html: str) -> str:
    import html as h
    return h.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">',
                                html).group(1))


def _sha(s: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()


@pytest.mark.parametrize("kind", ["scoring", "titles", "delegates"])
def test_report_is_self_contained(reports, kind):
    html = reports[kind][1]
    assert "http://" not in html and "https://" not in html and "://" not in html
    # Every reference stays inside the page: links are to #anchors, nothing has a src.
    assert not re.search(r"\b(src|href|action|srcset|poster|data)\s*=\s*(?![\"']?#)", html,
                         re.I)
    assert "@import" not in html and "url(" not in html and "<link" not in html
    assert "@font-face" not in html
    # Nothing may be fetched; only this page's own style and script may run, and the hashes
    # in the policy are those of the style and script the page carries (else they'd be blocked).
    csp = _csp(html)
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    assert f"style-src '{_sha(style)}'" in csp and f"script-src '{_sha(script)}'" in csp


def test_report_is_deterministic_and_nfc(result, reports, tmp_path):
    import unicodedata
    for kind, (res, html) in reports.items():
        assert render_html(res) == html, kind
        assert unicodedata.is_normalized("NFC", html), kind
    runner = CliRunner()
    args = ["report", str(ROOT / "rules" / "lao-cai-2023"), str(FIXTURE / "units.csv")]
    a, b = tmp_path / "a.html", tmp_path / "sub" / "b.html"
    assert runner.invoke(main, args + ["-o", str(a)]).exit_code == 0
    assert runner.invoke(main, args + ["-o", str(b)]).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_prints_on_a4(reports):
    html = reports["scoring"][1]
    assert "@page { size: A4;" in html
    print_css = html[html.index("@media print"):]
    assert ".toolbar { display: none !important; }" in print_css
    assert "details::details-content { content-visibility: visible;" in print_css
    assert "thead { display: table-header-group; }" in print_css
    # Without the script the language switch stays hidden and the default language shows.
    assert '<nav id="toolbar" class="toolbar" hidden>' in html
    assert 'body.show-vi [lang="en"], body.show-en [lang="vi"] { display: none; }' in html


def test_rejected_rows_and_warnings_are_listed():
    rules = tdkt.load_rules(ROOT / "rules" / "lao-cai-2023")
    res = rules.score(ROOT / "fixtures" / "bad" / "duplicate_unit.csv")
    assert [r.row for r in res.rejected] == [8, 13]
    html = render_html(res, lang="en")
    r = res.rejected[0]
    p = r.problems[0]
    assert f"Dòng bị loại ({len(res.rejected)})" in html
    row = f'<td class="num">{r.row}</td><td>{r.unit_id}</td>'
    assert row in html
    assert escape(p.message.en) in html
    # Assigned targets below the province total are warned (above it is no fault: a floor).
    warned = rules.score(ROOT / "fixtures" / "bad" / "targets_do_not_add_up.csv")
    assert warned.warnings
    assert escape(warned.warnings[0].message.vi) in render_html(warned, lang="en")


# ----- command line --------------------------------------------------------------------------

@pytest.mark.parametrize("args, kind, expect", [
    (["rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv"], "scoring",
     "Hội CTĐ thành phố Lào Cai"),
    (["rules/titles", "fixtures/titles-lao-cai/titles.xlsx", "--year", "2024",
      "--decision-date", "2025-02-15"], "titles", "15/02/2025"),
    (["rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "--level", "co_so", "--lang", "en"],
     "delegates", '<body class="show-en kind-delegates">'),
])
def test_cli_writes_each_kind(args, kind, expect, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["report", *args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert f"kind-{kind}" in html and expect in html


@pytest.mark.parametrize("args, message", [
    (["rules/titles", "fixtures/titles-lao-cai/titles.xlsx"],
     "bộ quy tắc loại danh hiệu cần có --year (năm được xét)"),
    (["rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019"],
     "bộ quy tắc loại đại biểu hội nghị cần có --level"),
    (["rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv", "--year", "2023"],
     "--year không dùng cho bộ quy tắc loại chấm điểm"),
    (["rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019", "--level", "xa"],
     "không có cấp hội nghị 'xa'"),
    (["fixtures", "fixtures/lao-cai-2023/units.csv"], "Lỗi trong bộ quy tắc"),
    (["rules/titles", "fixtures/titles-lao-cai/titles.xlsx", "--lang", "en"],
     "Usage error: a titles rule set needs --year (the year judged)"),
])
def test_cli_usage_errors_exit_2(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    r = CliRunner().invoke(main, ["report", *args, "-o", str(tmp_path / "r.html")])
    assert r.exit_code == 2 and message in r.output, r.output
    assert not (tmp_path / "r.html").exists()


def test_cli_exit_1_when_rows_are_rejected(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["report", "rules/lao-cai-2023",
                                  "fixtures/bad/wrong_types.csv", "-o", str(out)])
    assert r.exit_code == 1 and "Dòng bị loại (" in out.read_text(encoding="utf-8")


# ----- headless Chromium ------------------------------------------------------------------

def _browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    why = ROOT / "out" / "browser-setup.txt"
    said = f"the set-up step .ci/browser.sh said: {why.read_text(encoding='utf-8').strip()}" \
        if why.exists() else "the set-up step (.ci/browser.sh, run by `make test`) has not run"
    pytest.skip(f"no Chromium to render the report in (none of chromium, chromium-browser, "
                f"google-chrome on PATH); {said}")


def _chromium(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def _expected(kind: str, res) -> list[str]:
    cites = citations_of(res.model if kind != "scoring" else res.rules)
    if kind == "scoring":
        u = res.units[0]
        return [u.name, cites.text(u.criteria[0].cite).en, cites.text(u.criteria[0].cite).vi,
                "Bảng xếp hạng"]
    if kind == "titles":
        d = res.decision("p001", "ldtt")
        return [d.name, cites.text(d.cite).en, cites.text(d.checks[0].cite).vi]
    d = res.decisions()[0]
    return [d.name, cites.text(res.summaries()[0].cap_cite).en, d.reason.vi]


@pytest.mark.parametrize("kind", ["scoring", "titles", "delegates"])
def test_renders_in_headless_chromium(kind, reports, tmp_path):
    browser = _browser()
    res, html = reports[kind]
    page = tmp_path / f"report-{kind}.html"
    page.write_text(html, encoding="utf-8")
    url = page.resolve().as_uri()
    # Opened asking for English (report.html#lang=en), which only the page's script can do.
    dom = _chromium(browser, tmp_path / "profile", "--dump-dom", url + "#lang=en")
    assert dom.returncode == 0, dom.stderr[-2000:]
    for s in _expected(kind, res):
        # How the browser serialises text: only &, < and > are escaped.
        assert s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in dom.stdout, s
    # The script ran under the page's own security policy: the switch bar was un-hidden and
    # the language switched.
    assert '<nav id="toolbar" class="toolbar">' in dom.stdout, "the page's script did not run"
    body = re.search(r'<body class="([^"]*)"', dom.stdout).group(1).split()
    assert "show-en" in body and "show-vi" not in body and '<html lang="en">' in dom.stdout
    shots = ROOT / "out" / "report-html"
    shots.mkdir(parents=True, exist_ok=True)
    png = shots / f"{kind}.png"
    png.unlink(missing_ok=True)
    shot = _chromium(browser, tmp_path / "profile", f"--screenshot={png}",
                     "--window-size=1280,1800", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    print(f"\nscreenshot of the {kind} report: {png}")
    if kind == "scoring":
        pdf = tmp_path / "report.pdf"
        out = _chromium(browser, tmp_path / "profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", url)
        assert out.returncode == 0, out.stderr[-2000:]
        raw = pdf.read_bytes()
        boxes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", raw))
        assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842
                             for w, h in boxes), boxes
        # Printed, every unit's closed explanation is expanded: far more pages than units.
        assert len(re.findall(rb"/Type\s*/Page\b", raw)) > res.scored


# A script added to a copy of the page (its security policy let through for this script alone)
# that measures where the ranking's columns are drawn and writes it into the page.
_MEASURE = """
(function () {
  var table = document.getElementById("ranking-table"), out = {};
  var wrap = table.parentElement, box = wrap.getBoundingClientRect();
  out.viewport = document.documentElement.clientWidth;
  out.wrapLeft = box.left; out.wrapRight = box.left + wrap.clientWidth;
  out.scrolls = wrap.scrollWidth > wrap.clientWidth;
  var heads = table.querySelectorAll("thead th");
  for (var i = 0; i < heads.length; i++) {
    var r = heads[i].getBoundingClientRect(), t = heads[i].innerText.trim();
    out[t] = [Math.round(r.left), Math.round(r.right)];
  }
  var pre = document.createElement("pre"); pre.id = "measured";
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
}());
"""


@pytest.mark.parametrize("lang,heads", [("vi", ("Xếp loại", "Khen thưởng")),
                                        ("en", ("Class", "Award"))])
def test_class_and_award_columns_are_seen_without_scrolling_at_1280_px(lang, heads, result,
                                                                      tmp_path):
    browser = _browser()
    html = render_html(result, lang)
    digest = "'sha256-" + base64.b64encode(hashlib.sha256(_MEASURE.encode()).digest()).decode() \
        + "'"
    html = html.replace("script-src ", f"script-src {digest} ", 1)
    html = html.replace("</body>", f"<script>{_MEASURE}</script></body>")
    page = tmp_path / f"ranking-{lang}.html"
    page.write_text(html, encoding="utf-8")
    dom = _chromium(browser, tmp_path / "profile", "--window-size=1280,900",
                    "--virtual-time-budget=3000", "--dump-dom", page.resolve().as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'<pre id="measured">([^<]*)</pre>', dom.stdout)
    assert found, "the measuring script did not run"
    m = json.loads(found.group(1).replace("&amp;", "&"))
    visible_right = min(m["viewport"], m["wrapRight"])
    for h in heads:
        left, right = m[h]
        assert m["wrapLeft"] <= left and right <= visible_right, (h, m)
    shots = ROOT / "out" / "report-html"
    shots.mkdir(parents=True, exist_ok=True)
    png = shots / f"ranking-1280-{lang}.png"
    _chromium(browser, tmp_path / "profile", f"--screenshot={png}", "--window-size=1280,900",
              page.resolve().as_uri())
    print(f"\n{lang}: {', '.join(f'{h} {m[h][0]}–{m[h][1]} px' for h in heads)} of "
          f"{m['viewport']} px (table visible to {round(visible_right)} px); screenshot {png}")
