"""The workbooks we write print as people expect: LibreOffice (headless) turns them into PDF and
the pages are counted. The 11-unit ranking fits on one or two A4 landscape pages; the whole
scoring and titles workbooks stay within a sane number of pages. Without LibreOffice (installed
by .ci/office.sh where it can be) these tests skip, saying why."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import thiduakhenthuong as tdkt
from thiduakhenthuong.jobs.scoring.workbook import workbook_sheets, write_result
from thiduakhenthuong.jobs.titles.api import evaluate_titles
from thiduakhenthuong.jobs.titles.workbook import write_titles
from thiduakhenthuong.render.workbook import page_header, write_book

ROOT = Path(__file__).resolve().parents[1]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _why() -> str:
    status = ROOT / "out" / "office-setup.txt"
    said = status.read_text(encoding="utf-8").strip() if status.exists() else \
        "run .ci/office.sh to install it"
    return f"LibreOffice is not installed ({said})"


pytestmark = pytest.mark.skipif(SOFFICE is None, reason=_why())


def pages(xlsx: Path, tmp: Path) -> int:
    """The number of pages LibreOffice prints ``xlsx`` on (its PDF export)."""
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp), str(xlsx)],
                   check=True, capture_output=True, timeout=300)
    pdf = (tmp / (xlsx.stem + ".pdf")).read_bytes()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.fixture(scope="module")
def score():
    return tdkt.load_rules("lao-cai-2023").score(ROOT / "fixtures/lao-cai-2023/units.csv")


def test_the_11_unit_ranking_prints_on_one_or_two_pages(score, tmp_path):
    rank = workbook_sheets(score, "vi")[0]
    p = tmp_path / "xep-hang.xlsx"
    r = score.rules
    write_book(p, [rank], page_header("score", "vi", r.id, r.version, r.hash))
    assert 1 <= pages(p, tmp_path) <= 2


def test_whole_workbooks_print_in_few_pages(score, tmp_path):
    p = tmp_path / "ket-qua.xlsx"
    write_result(score, p)
    assert pages(p, tmp_path) <= 30          # was 24 pages for the ranking sheet alone
    res = evaluate_titles("titles", ROOT / "fixtures/titles-lao-cai/titles.xlsx", 2024)
    t = tmp_path / "danh-hieu.xlsx"
    write_titles(res, t)
    assert pages(t, tmp_path) <= 120         # was 309 pages
