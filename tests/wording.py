"""What a reader sees, gathered from every output of every job, and the words that must not be in
it (``test_wording.py``).

Every command of :data:`RUNS` runs in-process on the bundled fixtures, in Vietnamese and in
English; from each output only what a person reads is kept:

- terminal output (stdout and stderr) as printed;
- HTML reports: the text of the page in the language shown, without the other language's spans,
  the script and style, and without what is shown only on demand (the collapsed expression
  lines, ``<details class="expr">``);
- workbooks: every visible cell of every sheet (hidden columns hold codes for machines: shown on
  demand only);
- the rule catalogue: the committed Markdown pages of the language, without code spans (ids and
  expressions marked as such).

A Vietnamese output must hold no word of :data:`ENGLISH` or :data:`MARKERS` and no identifier of
a rule, parameter or input field of the bundled rule sets; an English output no Vietnamese word
that is not a name found in the data or the rule sets' registries.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "src" / "thiduakhenthuong" / "rules"

SC, UNITS = "rules/lao-cai-2023", "fixtures/lao-cai-2023/units.csv"
TI, TBOOK = "rules/titles", "fixtures/titles-lao-cai/titles.xlsx"
TN, TND = "rules/thai-nguyen-2019", "fixtures/thai-nguyen-2019"
HCM, HCMD = "rules/tphcm-quan-huyen", "fixtures/tphcm-quan-huyen/diem-so-nganh.csv"
CCB, CCBD = "rules/ccb-cum-3", "fixtures/ccb-cum-3/diem-cum-3.csv"


@dataclass(frozen=True)
class Run:
    """One command line; ``{out}`` is a fresh directory; ``files`` are read as outputs."""
    name: str
    args: tuple[str, ...]
    files: tuple[str, ...] = ()


def _o(*names: str) -> tuple[str, ...]:
    return tuple(a for n in names for a in ("-o", "{out}/" + n))


#: Every job's outputs: terminal, workbook, HTML report, diff, verify; errors a user meets.
RUNS: list[Run] = [
    Run("score", ("score", SC, UNITS, *_o("s.xlsx"), "--bundle", "{out}/s.tdkt.json"),
        ("s.xlsx",)),
    *[Run(f"explain_{u}", ("explain", SC, UNITS, u))
      for u in ("bao_thang", "bat_xat", "tp_lao_cai", "van_ban", "si_ma_cai")],
    Run("report_score", ("report", SC, UNITS, "-o", "{out}/r.html"), ("r.html",)),
    Run("score_hcm", ("score", HCM, HCMD, *_o("s.xlsx")), ("s.xlsx",)),
    Run("explain_hcm", ("explain", HCM, HCMD, "q5")),
    Run("report_hcm", ("report", HCM, HCMD, "-o", "{out}/r.html"), ("r.html",)),
    Run("score_ccb", ("score", CCB, CCBD, *_o("s.xlsx")), ("s.xlsx",)),
    Run("explain_ccb", ("explain", CCB, CCBD, "hoa_hung")),
    Run("titles_2024", ("titles", TI, TBOOK, "--year", "2024", "--explain", "p005",
                        "--explain", "p016", "--explain", "si_ma_cai", *_o("t.xlsx"),
                        "--bundle", "{out}/t.tdkt.json"), ("t.xlsx",)),
    Run("titles_2025", ("titles", TI, TBOOK, "--year", "2025", "--explain", "p005",
                        "--explain", "co_quan_tinh_hoi", "--explain", "xa_bat_xat")),
    Run("titles_2023", ("titles", TI, TBOOK, "--year", "2023", "--explain", "p068")),
    Run("report_titles", ("report", TI, TBOOK, "--year", "2024", "-o", "{out}/r.html"),
        ("r.html",)),
    Run("delegates", ("delegates", TN, TND, "--level", "huyen", *_o("d.xlsx"),
                      "--bundle", "{out}/d.tdkt.json"), ("d.xlsx",)),
    Run("delegates_co_so", ("delegates", TN, TND, "--level", "co_so")),
    Run("plan_check", ("plan-check", TN, TND, *_o("p.xlsx")), ("p.xlsx",)),
    Run("report_delegates", ("report", TN, TND, "--level", "huyen", "-o", "{out}/r.html"),
        ("r.html",)),
    Run("diff_regimes", ("diff", "rules/titles/regime-2003", "rules/titles/regime-2022", TBOOK,
                         "--year", "2023", "--details", *_o("d.xlsx")), ("d.xlsx",)),
    Run("diff_scoring", ("diff", SC, SC, UNITS, "--details")),
    Run("diff_delegates", ("diff", TN, TN, TND, "--level", "huyen", "--details")),
    *[Run(f"check_{r.split('/')[-1]}", ("check", r)) for r in (SC, TI, TN, HCM, CCB)],
    Run("rules", ("rules",)),
    Run("explain_unknown", ("explain", SC, UNITS, "nope")),
    Run("bad_level", ("delegates", TN, TND, "--level", "xa")),
    Run("no_regime", ("titles", TI, TBOOK, "--year", "2010")),
    Run("wrong_option", ("report", SC, UNITS, "--year", "2023", "-o", "{out}/r.html")),
    Run("bad_rows", ("score", SC, "fixtures/bad/wrong_types.csv")),
]

#: Commands that print tables and take --width.
_WIDE = {"score", "titles", "delegates", "plan-check", "diff", "rules"}

#: Runs of ``tdkt verify`` on the bundles the runs above wrote (run name, bundle file).
VERIFY: list[tuple[str, str]] = [("score", "s.tdkt.json"), ("titles_2024", "t.tdkt.json"),
                                 ("delegates", "d.tdkt.json")]

#: English words that have no business in a Vietnamese sentence (whole words, any case).
ENGLISH = """
policy default chosen eligible met true false none null error errors the of and with from for by
is are not this that which when where units unit rule rules points point rank class cluster
total bonus target applies holds condition formula parameter basis value yes no missing reading
letter project local confirmed unconfirmed partial reported recalled verify wording sheet fact
see based people person years year decision proposed selected delegates conference level
""".split()

#: Internal markers and code-shaped text (case-sensitive regular expressions).
MARKERS = [r"UNCONFIRMED", r"CONFIRMED", r"PARTIAL", r"REPORTED", r"§\s?Art", r"\bArt\.",
           r"units in", r"rule error", r"fact sheet", r"\bTrue\b", r"\bFalse\b", r"\bNone\b",
           r"Error:", r"Traceback", r"\bnan\b", r"\bNaN\b", r"\{[a-z_]+\}"]

_VI_LETTERS = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def vietnamese_word(word: str) -> bool:
    """A word written with a Vietnamese letter (a diacritic English does not use)."""
    return any(ch in _VI_LETTERS for ch in word.lower())


class _Visible(HTMLParser):
    """The text a reader of the page sees in one language: spans of the other language, the
    script, the style and the on-demand expression lines left out."""

    def __init__(self, lang: str):
        super().__init__(convert_charrefs=True)
        self.other = "en" if lang != "en" else "vi"
        self.skip: list[str] = []
        self.out: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self.skip or tag in ("script", "style") or a.get("lang") == self.other \
                or "expr" in classes or tag == "code":
            self.skip.append(tag)
        if tag in ("br", "p", "li", "tr", "td", "th", "div", "h1", "h2", "h3", "h4", "summary",
                   "dt", "dd", "caption", "figcaption", "text", "title", "button"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()

    def handle_startendtag(self, tag, attrs):
        if tag in ("br",):
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def html_text(html: str, lang: str) -> str:
    """What a reader of ``html`` sees in ``lang``."""
    p = _Visible(lang)
    p.feed(html)
    return "".join(p.out)


def workbook_text(path: Path) -> str:
    """Every visible cell of every sheet, a line per row (hidden columns left out)."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    wb = load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(ws.title)
        hidden = {k for k, d in ws.column_dimensions.items() if d.hidden}
        for row in ws.iter_rows():
            cells = [c.value for c in row
                     if get_column_letter(c.column) not in hidden and c.value is not None]
            if cells:
                lines.append("\t".join(str(v) for v in cells))
        for side in (ws.oddHeader, ws.oddFooter):
            for part in (side.left, side.center, side.right):
                if part.text:
                    lines.append(part.text)
    return "\n".join(lines)


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def markdown_text(text: str) -> str:
    """A catalogue page without its code spans (ids and expressions marked as code)."""
    return _CODE_SPAN.sub(" ", text)


# ---- what is allowed: names found in the data and the rule sets ------------------------------

def _rule_files() -> list[Path]:
    return sorted(p for p in RULES.rglob("*.yaml") if "tests" not in p.parts)


def identifiers() -> set[str]:
    """Ids of rules, parameters, input fields and codes of the bundled rule sets: every mapping
    key under ``parameters``/``inputs`` sections and every ``id:`` value, from the YAML."""
    import yaml
    out: set[str] = set()

    def walk(node, parent: str | None = None):
        if isinstance(node, dict):
            for k, v in node.items():
                if parent in ("parameters", "inputs", "unit_inputs", "plan_inputs",
                              "report_inputs", "award_inputs", "successions_inputs"):
                    out.add(str(k))
                if k in ("id", "max_class", "min_class", "criterion") and isinstance(v, str) \
                        and parent != "units":
                    out.add(v)
                walk(v, str(k))
        elif isinstance(node, list):
            for v in node:
                walk(v, parent)

    for p in _rule_files():
        walk(yaml.safe_load(p.read_text(encoding="utf-8")))
    # Attested fields read two more columns each.
    out |= {f"{x}_by" for x in list(out)} | {f"{x}_on" for x in list(out)}
    # Words that are ids somewhere and plain words (or numbers) elsewhere are not evidence.
    return {x for x in out if "_" in x or len(x) > 3 and x.isascii() and x.islower()
            and x not in _COMMON}


# Ids that are also ordinary words of a sentence in either language.
_COMMON = {"name", "year", "kind", "level", "unit", "cluster", "group", "main", "role", "note",
           "none", "rate", "rating", "total", "score", "points", "class", "rank", "reason",
           "value", "values", "title", "outcome", "status"}


def registry_units() -> dict[str, str]:
    """The units of the rule sets' registries: code -> name. A unit's code is a key, like a
    person's: it may stand in a key column, or beside a unit's name on the same line."""
    import yaml
    out: dict[str, str] = {}
    for p in _rule_files():
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        if isinstance(doc, dict):
            for u in doc.get("units") or []:
                if isinstance(u, dict) and "id" in u and "name" in u:
                    out[str(u["id"])] = str(u["name"])
    return out


def data_names() -> set[str]:
    """Every text cell of the fixtures and every name of the rule sets' registries and
    documents: the proper names an English output may show as they are."""
    import yaml
    out: set[str] = set()
    for p in (ROOT / "fixtures").rglob("*.csv"):
        text = p.read_bytes().decode("utf-8-sig", errors="replace")
        for row in csv.reader(io.StringIO(text)):
            out.update(c.strip() for c in row if c.strip())

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("name", "aliases", "number", "names", "sheet", "range"):
                    if isinstance(v, str):
                        out.add(v)
                    elif isinstance(v, list):
                        out.update(str(x) for x in v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for p in _rule_files():
        walk(yaml.safe_load(p.read_text(encoding="utf-8")))
    return out


# ---- the check ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:_[\w]+)*|[A-Za-z]\w*", re.UNICODE)
_TOKEN = re.compile(r"(?<![\w.])([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?![\w])")


def vietnamese_hits(text: str, ids: set[str], units: dict[str, str] | None = None
                    ) -> list[str]:
    """Every English word, internal marker and raw identifier in a Vietnamese output; a unit's
    code counts only where its line (or table cell) names no unit."""
    text = unicodedata.normalize("NFC", text)
    hits = []
    units = units or {}
    names = set(units.values())
    for line in text.splitlines():
        cells = line.split("\t")
        for m in _TOKEN.finditer(line):
            code = m.group(1)
            if code in units and code not in cells and not any(n in line for n in names) \
                    and not _keyed(line, m):
                hits.append(code)
    english = set(ENGLISH)
    for m in re.finditer(r"(?<![\w/-])([A-Za-z]+)(?![\w/-])", text):
        if m.group(1).lower() in english:
            hits.append(m.group(1))
    for pat in MARKERS:
        hits += [m.group(0) for m in re.finditer(pat, text)]
    for m in _TOKEN.finditer(text):
        if m.group(1) in ids and not _keyed(text, m):
            hits.append(m.group(1))
    return hits


def _keyed(text: str, m: re.Match) -> bool:
    """A code written as a key beside its name: "Name (code)" or "code (Name)" (what a user
    types for an option, shown with what it means)."""
    before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 2]
    return (before == "(" and after[:1] == ")") or after == " ("


#: Proper names an English text writes as Vietnamese does: places, the holiday, the language's
#: own name (the switch to it), the letter's programme as it writes it, a point of an article.
PROPER = ["Lào Cai", "Yên Bái", "Thái Nguyên", "Đại Từ", "Nam Đông", "Hồ Chí Minh", "Sa Pa",
          "Bảo Thắng", "Bà Rịa", "Vũng Tàu", "Xuyên Mộc", "Cẩm Thủy", "Thanh Hóa", "Tết",
          "Tiếng Việt", "Bản tiếng Việt", "INHẠNẠO", "(đ)", "Phạm Nguyễn", "Bảng biểu 4",
          "Thang điểm với con số đẹp"]
#: A document's number (98/2023/NĐ-CP, 21/CTĐ-VP, 14/KH-CTĐTNg).
_NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐƯa-zđư][\wĐđƯư-]*")


def english_hits(text: str, names: set[str]) -> list[str]:
    """Every Vietnamese word of an English output that is not part of a name from the data, a
    document number or a proper name."""
    text = unicodedata.normalize("NFC", text)
    for n in sorted(set(names) | set(PROPER), key=len, reverse=True):
        if vietnamese_word(n):
            text = text.replace(n, " ")
    text = _NUMBER.sub(" ", text)
    # A name a chart shortened ("Hội CTĐ thành phố Là…") is data cut short.
    text = re.sub(r"[^\n…]{0,40}…", " ", text)
    return [w for w in re.findall(r"[^\W\d_]+", text) if vietnamese_word(w)]


def outputs(lang: str, tmp: Path) -> dict[str, str]:
    """Every output of :data:`RUNS` (and of verify) in ``lang``: name -> text a person reads."""
    from click.testing import CliRunner
    from thiduakhenthuong.cli.main import main
    texts: dict[str, str] = {}
    dirs: dict[str, Path] = {}
    for run in RUNS:
        out = tmp / lang / run.name
        out.mkdir(parents=True, exist_ok=True)
        dirs[run.name] = out
        args = [a.replace("{out}", str(out)) for a in run.args] + ["--lang", lang]
        if run.args[0] in _WIDE:
            # Wide enough that no table folds a name from the data over two lines.
            args += ["--width", "1000"]
        if run.name == "rules":
            args = ["rules", "--lang", lang]
        r = CliRunner().invoke(main, args)
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        texts[run.name] = r.stdout + "\n" + r.stderr
        for f in run.files:
            p = out / f
            if not p.exists():
                continue
            if f.endswith(".xlsx"):
                texts[f"{run.name}:{f}"] = workbook_text(p)
            elif f.endswith(".html"):
                texts[f"{run.name}:{f}"] = html_text(p.read_text(encoding="utf-8"), lang)
    for name, bundle in VERIFY:
        r = CliRunner().invoke(main, ["verify", str(dirs[name] / bundle), "--lang", lang])
        if r.exception is not None and not isinstance(r.exception, SystemExit):
            raise r.exception
        texts[f"verify_{name}"] = r.stdout + "\n" + r.stderr
    for page in sorted((ROOT / "docs" / "rules").glob(f"*.{lang}.md")):
        name = page.name.removesuffix(f".{lang}.md")      # the same key in both languages
        texts[f"docs:{name}.md"] = markdown_text(page.read_text(encoding="utf-8"))
    return texts


def report(lang: str, texts: dict[str, str]) -> dict[str, list[str]]:
    """The hits of each output."""
    if lang == "en":
        names = data_names()
        return {k: english_hits(v, names) for k, v in texts.items()}
    ids = identifiers()
    units = registry_units()
    return {k: vietnamese_hits(v, ids, units) for k, v in texts.items()}


if __name__ == "__main__":   # a summary for a person: python tests/wording.py vi|en [out.json]
    import collections
    import sys
    import tempfile
    lang = sys.argv[1] if len(sys.argv) > 1 else "vi"
    with tempfile.TemporaryDirectory() as d:
        texts = outputs(lang, Path(d))
    hits = report(lang, texts)
    total = collections.Counter()
    for k, v in hits.items():
        c = collections.Counter(v)
        total.update(c)
        if v:
            print(f"{k}: {len(v)} {dict(c.most_common(12))}")
    print("TOTAL", sum(total.values()), dict(total.most_common(40)))
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text(json.dumps({"texts": texts, "hits": hits},
                                                ensure_ascii=False))
