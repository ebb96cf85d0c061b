"""The rule catalogue (`tdkt docs`): the committed copy is current, and the pages say what the
rules say, in Vietnamese and English, with citations, parameters and inputs."""
import re
import unicodedata

import pytest
from click.testing import CliRunner

from thiduakhenthuong.cli.main import main
from thiduakhenthuong.errors import RuleError
from thiduakhenthuong.expr import parse
from thiduakhenthuong.core.models import Localized
from thiduakhenthuong.render.catalogue.build import build_catalogue, compare_catalogue
from thiduakhenthuong.render.catalogue.expr import NameBook, NameEntry, readable

from conftest import ROOT

RULES_DIR = ROOT / "rules"
DOCS = ROOT / "docs" / "rules"
REFRESH = "tdkt docs rules -o docs/rules"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def cat():
    return build_catalogue(RULES_DIR)


def section(text: str, item_id: str) -> str:
    """The part of a page under the heading of ``item_id``, up to the next heading."""
    m = re.search(r"^#{2,3} .*\(`" + re.escape(item_id) + r"`\)$", text, re.M)
    assert m, f"no heading for {item_id}"
    end = re.search(r"^#{2,3} ", text[m.end():], re.M)
    return text[m.start(): m.end() + (end.start() if end else len(text))]


def test_committed_catalogue_is_up_to_date(tmp_path):
    r = run("docs", RULES_DIR, "-o", tmp_path)
    assert r.exit_code == 0, r.output
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in DOCS.glob("*.md")} if DOCS.is_dir() else {}
    stale = sorted(f"docs/rules/{n}" for n in fresh if committed.get(n) != fresh[n])
    extra = sorted(f"docs/rules/{n}" for n in committed if n not in fresh)
    assert not stale and not extra, (
        f"the rule catalogue is out of date: stale or missing {stale}, no longer produced "
        f"{extra}; refresh it with `{REFRESH}` (and delete the files no longer produced)")


def test_walks_every_rule_set_and_indexes_version_and_hash(cat):
    from thiduakhenthuong.rulebook.load import read_rule_set
    from thiduakhenthuong.rulebook.source import version_hash
    assert [e.source for e in cat.entries] == [
        "rules/ccb-cum-3", "rules/lao-cai-2023", "rules/lao-cai-titles + regime-2022",
        "rules/lao-cai-titles + regime-2025", "rules/lao-cai-titles + regime-2026",
        "rules/thai-nguyen-2019", "rules/titles/regime-2003",
        "rules/titles/regime-2022", "rules/titles/regime-2025", "rules/titles/regime-2026",
        "rules/tphcm-quan-huyen"]
    assert [e.kind for e in cat.entries] == ["scoring", "scoring"] + ["titles"] * 3 + \
        ["delegates"] + ["titles"] * 4 + ["scoring"]
    _, src = read_rule_set(RULES_DIR / "titles" / "regime-2022")
    index = cat.files["README.md"]
    row = next(line for line in index.splitlines() if "`vnrc-titles-2024`" in line)
    assert f"`{version_hash(src)}`" in row and "2024.1" in row
    assert "[Tiếng Việt](vnrc-titles-2024.vi.md)" in row and "(vnrc-titles-2024.en.md)" in row
    assert sorted(cat.files) == sorted(
        ["README.md"] + [f"{e.id}.{lang}.md" for e in cat.entries for lang in ("vi", "en")])


def test_blood_criterion_in_vietnamese(cat):
    page = cat.files["lao-cai-2023.vi.md"]
    blood = section(page, "t07_blood_units")
    assert "**Trích dẫn:** mục II.7 Công văn số 21/CTĐ-VP — chỉ tiêu số 7" in blood
    assert "**Mức đạt:** “Số đơn vị máu tiếp nhận”" in blood
    assert "“Điểm tối đa chỉ tiêu II.7” (= 10 điểm)" in blood
    assert "`achieved: blood_units`" in blood
    # Its weight parameter: the dated value, the basis and where it is used.
    weight = section(page, "w_t07_units")
    assert "| 2023-01-01 | 10 điểm |" in weight
    assert "Quy định của đơn vị (có thể điều chỉnh): tổng các trọng số bằng 100 điểm" in weight
    assert "weights sum to 100" not in weight   # the authors' note stays out of the page
    assert "**Dùng trong:** `t07_blood_units`" in weight
    # A parameter set by level: one column per level, labelled.
    by_level = section(page, "t02_min_value")
    assert "| Áp dụng từ | Cơ sở (`co_so`) | Huyện (`huyen`) | Tỉnh (`tinh`) |" in by_level
    assert "| 2023-01-01 | 0 đồng | 30.000.000 đồng | 50.000.000 đồng |" in by_level
    # The input table lists the field with its accepted headers.
    row = next(line for line in page.splitlines() if line.startswith("| `blood_units` |"))
    assert "Số đơn vị máu tiếp nhận" in row and "Đơn vị máu" in row and "≥ 0" in row


def test_scoring_methods_bands_vetoes_and_conditions_in_words(cat):
    page = cat.files["lao-cai-2023.vi.md"]
    share = section(page, "t07_blood_share")
    # Bands with the points they give at the 6-point maximum.
    assert "| 80% | 75% | 4,5 |" in share and "| 100% | 100% | 6 |" in share
    rating = section(page, "t10_task_rating")
    assert ("thuộc {‘Hoàn thành xuất sắc nhiệm vụ’; ‘Hoàn thành tốt nhiệm vụ’}" in rating)
    training = section(page, "t11_training")
    assert "**Áp dụng khi:** “Loại đơn vị” = ‘Huyện/thị xã/thành phố’" in training
    veto = section(page, "no_top_class_without_t10")
    assert "xếp loại cao nhất là “Hoàn thành tốt nhiệm vụ” (`htt`)" in veto
    assert "| `htxs` | Hoàn thành xuất sắc nhiệm vụ | ≥ “Điểm tối thiểu hoàn thành xuất sắc " \
           "nhiệm vụ” (= 90 điểm) |" in page
    assert "| `kht` | Không hoàn thành nhiệm vụ | các trường hợp còn lại |" in page
    assert "- **tỷ lệ(a; b)** (`ratio`):" in page  # the legend explains the functions used


def test_english_page_uses_english_titles(cat):
    page = cat.files["lao-cai-2023.en.md"]
    blood = section(page, "t07_blood_units")
    assert blood.startswith("### Blood units received against the assigned target")
    assert "**Achieved:** “Blood units received”" in blood
    assert "**Citation:** section II.7 of Letter No. 21/CTĐ-VP — target 7" in blood
    assert "(= 0.5 points)" in blood  # English number format and unit of measure
    assert "Tiếp nhận đơn vị máu" not in page
    assert "[Bản tiếng Việt](lao-cai-2023.vi.md)" in page
    rating = section(page, "t10_task_rating")
    assert "is one of {‘Excellently completed tasks’, ‘Well completed tasks’}" in rating


def test_titles_regime_shows_quota_prize_routes_and_exclusions(cat):
    vi = cat.files["vnrc-titles-2018.vi.md"]
    cstdcs = section(vi, "cstdcs")
    assert ("**Giới hạn số lượng:** tối đa “Tỷ lệ CSTĐCS tối đa so với số LĐTT” (= 0,15) × số "
            "người đạt “Lao động tiên tiến” (`ldtt`) trong cùng “Mã đơn vị” (`unit_id`), làm "
            "tròn xuống") in cstdcs
    assert "  - **Trích dẫn:** khoản 3 Điều 9 Nghị định số 91/2017/NĐ-CP" in cstdcs
    assert "`iif(initiative_scope == 'toan_quoc', 3," in cstdcs
    en = cat.files["vnrc-titles-2018.en.md"]
    assert "**Quota:** at most “Most Grassroots Emulation Fighters as a share of Advanced Worker holders” (= 0.15)" in \
        section(en, "cstdcs")
    # Routes: one of several ways; each check with its citation.
    bk = section(cat.files["vnrc-titles-2024.en.md"], "bang_khen_tinh")
    assert "**And one of these routes:**" in bk
    assert "the consecutive years holding “Grassroots Emulation Fighter” (not reaching back " \
        "past a year holding “Provincial certificate of merit”)" \
        in bk
    # The prize names the base salary, whose dated values are listed with their basis.
    base = section(en, "base_salary")
    assert "| 2023-07-01 | 1,800,000 VND |" in base and "Decree No. 24/2023/NĐ-CP" in base
    assert "`ldtt`" in base.split("**Used in:**", 1)[1]
    excl = section(vi, "x_recent_discipline")
    assert "**Áp dụng với:** mọi danh hiệu" in excl
    assert "mục I Phần 6 Hướng dẫn số 548/HD-TƯHCTĐ" in excl


def test_unit_titles_read_member_fields(cat):
    page = cat.files["vnrc-titles-2024.vi.md"]
    share = section(page, "ttldtt")
    assert "tỷ lệ thành viên đạt “Lao động tiên tiến” > “Tỷ lệ LĐTT tối thiểu" in share
    assert "số thành viên “Hình thức kỷ luật” thuộc {‘Cảnh cáo’;" in share


def test_delegates_page_levels_programme_and_standards(cat):
    page = cat.files["thai-nguyen-2019.vi.md"]
    huyen = section(page, "huyen")
    assert "“Số đại biểu tối đa cấp huyện” (`cap_huyen`; = 150) — mục III.3 Kế hoạch số 14/KH-CTĐTNg" in huyen
    assert "(`report_deadline`; = 2020-04-14)" in huyen
    assert "| 9 | `p9_closing` | Bế mạc | không | mục II.3 Kế hoạch số 14/KH-CTĐTNg |" in page
    assert "- **Tiêu biểu, có nhiều đóng góp cho hoạt động và phong trào Chữ thập đỏ** " \
           "(`std_typical`) — mục III.2 Kế hoạch số 14/KH-CTĐTNg" in page
    en = cat.files["thai-nguyen-2019.en.md"]
    assert "**Most delegates:** “Most delegates, district” (`cap_huyen`; = 150)" in en


def test_pages_are_deterministic_nfc_and_independent_of_the_path(cat, monkeypatch):
    monkeypatch.chdir(ROOT)
    again = build_catalogue("rules")
    assert again.files == cat.files
    for name, text in cat.files.items():
        assert unicodedata.is_normalized("NFC", text), name
        assert text.endswith("\n") and not text.endswith("\n\n"), name
        assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", text), name  # no run time stamps


def test_readable_expressions_keep_meaning():
    book = NameBook({
        "a": NameEntry(Localized(vi="A", en="A"), "input"),
        "b": NameEntry(Localized(vi="B", en="B"), "input"),
        "c": NameEntry(Localized(vi="C", en="C"), "input"),
        "k": NameEntry(Localized(vi="Loại", en="Kind"), "input",
                       labels={"x": Localized(vi="Ích", en="Ex")}),
        "p": NameEntry(Localized(vi="Ngưỡng", en="Limit"), "parameter",
                       note={"vi": "= 0,5", "en": "= 0.5"})})
    say = lambda text, lang="vi": readable(parse(text), book, lang, "r1")  # noqa: E731
    assert say("a - (b - c)") == "“A” − (“B” − “C”)"
    assert say("(a + b) * c") == "(“A” + “B”) × “C”"
    assert say("not (a > 1 or b < 2.5) and k != 'x'") == \
        "không phải (“A” > 1 hoặc “B” < 2,5) và “Loại” ≠ ‘Ích’"
    assert say("k not in ['x', 'y', '']", "en") == "“Kind” is not one of {‘Ex’, ‘y’, (empty)}"
    assert say("iif(a >= p, 1, 0)", "en") == "(1 if “A” ≥ “Limit” (= 0.5), otherwise 0)"
    assert say("min(ratio(a, b), 1.5)") == "giá trị nhỏ nhất trong (tỷ lệ “A” trên “B”; 1,5)"
    assert say("-a + abs(b)", "en") == "−“A” + the absolute value of “B”"
    assert book.uses == {"a": {"r1"}, "b": {"r1"}, "c": {"r1"}, "k": {"r1"}, "p": {"r1"}}
    assert book.functions == {"iif", "min", "ratio", "abs"}


_HOSTILE = """
meta:
  id: {id}
  version: "1 | 2"
  title: {{vi: "Quy tắc <script>x</script>", en: "Rules *bold* | pipe"}}
  period: {{year: 2023, as_of: 2023-12-31}}
  bonus_max: 0
  basis: "basis with | pipe and `tick` and [link](http://x)"
inputs:
  unit_id: {{type: text, role: key, title: {{vi: Mã, en: Id}}}}
  cluster: {{type: text, role: cluster, title: {{vi: Cụm, en: Cluster}}}}
  done:
    type: integer
    min: 0
    title: {{vi: "Số | việc <b>xong</b>", en: "Done | <b>jobs</b>"}}
    aliases: ["a|b", "=cmd"]
parameters:
  goal:
    title: {{vi: "Mục | tiêu", en: "Goal | x"}}
    basis: "local | policy"
    values: [{{from: 2023-01-01, value: 3}}]
criteria:
  - id: c1
    title: {{vi: "Tiêu chí | một", en: "Criterion | one"}}
    cite: "X §1"
    condition: done >= goal
    scoring: {{method: all_or_nothing}}
    max_points: 10
classes:
  - {{id: ok, title: {{vi: Đạt, en: Pass}}}}
ranking:
  group_by: cluster
  basis: local policy
  keys: [{{key: total, order: desc}}]
"""


def test_rule_text_is_escaped(tmp_path):
    # Rendered by a real CommonMark parser (markdown-it-py, which rich already depends on) with
    # GFM tables: hostile rule text must neither inject HTML nor split a table cell.
    from markdown_it import MarkdownIt
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "rules.yaml").write_text(_HOSTILE.format(id="hostile"), encoding="utf-8")
    cat = build_catalogue(tmp_path / "x")
    parser = MarkdownIt("commonmark").enable("table")
    for name in ("hostile.vi.md", "hostile.en.md", "README.md"):
        html = parser.render(cat.files[name])
        assert "<script>" not in html and "<b>" not in html, name
        assert 'href="http://x"' not in html, name
        tables = re.findall(r"<table>.*?</table>", html, re.S)
        assert tables, name
        for t in tables:
            rows = re.findall(r"<tr>.*?</tr>", t, re.S)
            widths = {len(re.findall(r"<t[hd][ >]", row)) for row in rows}
            assert len(widths) == 1, (name, t)
    vi = parser.render(cat.files["hostile.vi.md"])
    assert "Số | việc &lt;b&gt;xong&lt;/b&gt;" in vi
    assert "<td><code>a|b</code>" not in vi and "a|b" in vi and "=cmd" in vi
    assert "<td>1 | 2</td>" in parser.render(cat.files["README.md"])


def test_unsafe_rule_set_id_is_refused(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "rules.yaml").write_text(_HOSTILE.format(id="../evil"), encoding="utf-8")
    with pytest.raises(RuleError, match="cannot name a catalogue page"):
        build_catalogue(tmp_path / "x")
    r = run("docs", tmp_path / "x", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "cannot name a catalogue page" in r.output
    assert not (tmp_path / "evil.vi.md").exists()


def test_check_names_stale_missing_and_extra_files(tmp_path):
    rules = RULES_DIR / "thai-nguyen-2019"
    assert run("docs", rules, "-o", tmp_path).exit_code == 0
    assert run("docs", rules, "-o", tmp_path, "--check").exit_code == 0
    page = tmp_path / "thai-nguyen-2019.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    (tmp_path / "thai-nguyen-2019.vi.md").unlink()
    (tmp_path / "old.en.md").write_text("x", encoding="utf-8")
    r = run("docs", rules, "-o", tmp_path, "--check")
    assert r.exit_code == 1
    assert f"stale: {page.as_posix()}" in r.output
    assert "missing: " in r.output and "thai-nguyen-2019.vi.md" in r.output
    assert "extra: " in r.output and "old.en.md" in r.output
    assert "refresh it with: tdkt docs" in r.output
    # Writing again repairs only what differs.
    assert run("docs", rules, "-o", tmp_path).exit_code == 0
    assert compare_catalogue(build_catalogue(rules), tmp_path) == [
        f"extra: {(tmp_path / 'old.en.md').as_posix()}"]


def test_bad_rules_path_exits_2(tmp_path):
    r = run("docs", tmp_path / "nope", "-o", tmp_path / "out")
    assert r.exit_code == 2 and "no such rule file or directory" in r.output
