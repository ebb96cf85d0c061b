"""The command lines whose whole output is pinned by ``test_golden.py``: every command on every
bundled fixture, with every output format. A transcript records the exit code, what the command
printed and the content of each file it wrote (workbooks as their cells), so any change of
behaviour shows up as a readable diff.

Refresh the pinned transcripts after an intended change with::

    TDKT_GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_golden.py
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"

SC = "rules/lao-cai-2023"
UNITS = "fixtures/lao-cai-2023/units.csv"
TI = "rules/titles"
TBOOK = "fixtures/titles-lao-cai/titles.xlsx"
TN = "rules/thai-nguyen-2019"
TND = "fixtures/thai-nguyen-2019"
BAD = "fixtures/bad"


@dataclass(frozen=True)
class Case:
    """One command line; ``{out}`` in an argument is a fresh output directory."""
    name: str
    args: tuple[str, ...]
    files: tuple[str, ...] = field(default=())   # output files, relative to {out}


def _o(*names: str) -> tuple[str, ...]:
    return tuple(a for n in names for a in ("-o", "{out}/" + n))


CASES: list[Case] = [
    Case("score", ("score", SC, UNITS, *_o("s.json", "s.csv", "s.xlsx")),
         ("s.json", "s.csv", "s.xlsx")),
    Case("score_xlsx_en", ("score", SC, "fixtures/lao-cai-2023/units.xlsx", "--lang", "en",
                           *_o("s.csv")), ("s.csv",)),
    Case("score_as_of", ("score", SC, UNITS, "--as-of", "2023-06-30", "--limit", "3")),
    Case("score_bundle", ("score", SC, UNITS, "--bundle", "{out}/run.tdkt.json"),
         ("run.tdkt.json",)),
    *[Case("explain_" + u + ("_en" if en else ""),
           ("explain", SC, UNITS, u, *(("--lang", "en") if en else ())))
      for u, en in (("bat_xat", False), ("van_ban", False), ("van_ban", True),
                    ("bao_thang", False), ("tp_lao_cai", True), ("nope", False))],
    *[Case("bad_" + f, ("score", SC, f"{BAD}/{f}.csv", *_o("s.csv")),
           ("s.csv", "s.rejected.csv"))
      for f in ("bad_enum", "duplicate_unit", "impossible_values", "missing_column",
                "negative_counts", "nfd_text", "not_utf8", "share_over_100",
                "targets_do_not_add_up", "unknown_unit", "wrong_types")],
    *[Case("check_" + d.replace("/", "_"), ("check", d))
      for d in (SC, TI, "rules/titles/regime-2022", TN)],
    *[Case("check_bad_" + d, ("check", f"{BAD}/rules/{d}"))
      for d in ("bad_yaml", "missing_citation", "param_not_in_force", "python_code",
                "unknown_field")],
    Case("titles_2024", ("titles", TI, TBOOK, "--year", "2024", "--explain", "p005",
                         "--explain", "si_ma_cai", *_o("t.json", "t.csv", "t.xlsx")),
         ("t.json", "t.csv", "t.xlsx")),
    Case("titles_2023_dir_en", ("titles", TI, "fixtures/titles-lao-cai", "--year", "2023",
                                "--lang", "en", "--explain", "p068", *_o("t.csv")),
         ("t.csv", "t.rejected.csv")),
    Case("titles_scores", ("titles", TI, TBOOK, "--year", "2023", "--scores", SC, UNITS,
                           "--bundle", "{out}/t.tdkt.json"), ("t.tdkt.json",)),
    Case("titles_no_regime", ("titles", TI, TBOOK, "--year", "2010")),
    # Across the July 2025 re-organisation: streaks carried by the succession table, Decree 152
    # (2025) and the reported 2026 amendment with its caveat.
    Case("titles_2025", ("titles", TI, TBOOK, "--year", "2025", "--explain", "p005",
                         "--explain", "co_quan_tinh_hoi", *_o("t.json", "t.csv", "t.xlsx")),
         ("t.json", "t.csv", "t.xlsx")),
    Case("titles_2026_en", ("titles", TI, TBOOK, "--year", "2026", "--lang", "en",
                            "--explain", "p068", "--explain", "xa_bat_xat", *_o("t.csv")),
         ("t.csv",)),
    *[Case(f"delegates_{lv}" + ("_en" if en else ""),
           ("delegates", TN, TND, "--level", lv, *(("--lang", "en") if en else ()),
            *_o("d.json", "d.csv", "d.xlsx")), ("d.json", "d.csv", "d.xlsx"))
      for lv, en in (("huyen", False), ("co_so", True))],
    Case("delegates_bad_level", ("delegates", TN, TND, "--level", "xa")),
    Case("plan_check", ("plan-check", TN, TND, *_o("p.json", "p.csv", "p.xlsx")),
         ("p.json", "p.csv", "p.xlsx")),
    Case("plan_check_level_en", ("plan-check", TN, TND, "--level", "huyen", "--lang", "en")),
    Case("plan_check_level_without_deadline", ("plan-check", TN, TND, "--level", "co_so")),
    Case("report_score", ("report", SC, UNITS, "-o", "{out}/r.html"), ("r.html",)),
    Case("report_titles_en", ("report", TI, TBOOK, "--year", "2024", "--lang", "en", "-o",
                              "{out}/r.html"), ("r.html",)),
    Case("report_delegates", ("report", TN, TND, "--level", "huyen", "-o", "{out}/r.html"),
         ("r.html",)),
    Case("report_wrong_option", ("report", SC, UNITS, "--year", "2023", "-o", "{out}/r.html")),
    Case("diff_regimes", ("diff", "rules/titles/regime-2003", "rules/titles/regime-2022", TBOOK,
                          "--year", "2023", "--limit", "5", *_o("d.json", "d.xlsx")),
         ("d.json", "d.xlsx")),
    Case("diff_same_scoring", ("diff", SC, SC, UNITS, *_o("d.csv")), ("d.csv",)),
    Case("diff_delegates", ("diff", TN, TN, TND, "--level", "huyen", "--lang", "en")),
    Case("docs_check", ("docs", "rules", "-o", "docs/rules", "--check")),
    Case("score_office_layout", ("score", SC, "fixtures/office-layouts/bieu-tong-hop.xlsx",
                                 "--as-of", "31/12/2023")),
    Case("score_office_headers", ("score", SC, "fixtures/office-layouts/tieu-de-khac.xlsx")),
    Case("map_office_headers", ("map", SC, "fixtures/office-layouts/tieu-de-khac.xlsx")),
    *[Case("template_" + r.split("/")[-1].replace("-", "_"),
           ("template", r, "-o", "{out}/mau.xlsx"), ("mau.xlsx",)) for r in (SC, TI, TN)],
]


def _normalise(text: str, out: Path) -> str:
    text = text.replace(str(out), "{out}")
    # Elapsed times differ run to run; nothing else in an output may.
    return re.sub(r"\b\d+\.\d{3} (s|giây)\b", r"N \1", text)


def _bundle(data: bytes) -> str:
    doc = json.loads(data)
    # When and where the bundle was made, and on which interpreter, are metadata (verify ignores
    # them), as is the digest over them.
    for k in ("run", "digest"):
        doc.pop(k, None)
    lib = doc.get("library", {})
    for k in ("python", "platform", "dependencies"):
        lib.pop(k, None)
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)


def _workbook(path: Path) -> str:
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"== sheet {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else repr(v) for v in row))
    return "\n".join(lines)


def transcript(case: Case, code: int, stdout: str, stderr: str, out: Path) -> str:
    """Everything a run produced, as one normalised text."""
    parts = [f"$ tdkt {' '.join(case.args)}", f"exit {code}", "--- stdout",
             _normalise(stdout, out), "--- stderr", _normalise(stderr, out)]
    for name in case.files:
        p = out / name
        parts.append(f"--- file {name}")
        if not p.exists():
            parts.append("(not written)")
        elif name.endswith(".xlsx"):
            parts.append(_workbook(p))
        elif ".tdkt.json" in name:
            parts.append(_bundle(p.read_bytes()))
        else:
            parts.append(_normalise(p.read_text(encoding="utf-8-sig"), out))
    return "\n".join(parts) + "\n"


def golden_path(case: Case) -> Path:
    return GOLDEN / f"{case.name}.txt.gz"


def read_golden(case: Case) -> str | None:
    p = golden_path(case)
    return gzip.decompress(p.read_bytes()).decode("utf-8") if p.exists() else None


def write_golden(case: Case, text: str) -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same transcript gives the same bytes, so git sees no change.
    golden_path(case).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
