"""End to end in a real headless browser: Debian's Chromium (installed by .ci/browser.sh),
driven by Playwright, against a live server on loopback: open a rule set, upload the fixture
workbook (dropped on the upload area), watch the result arrive, check the ranking and one explanation, switch to English,
download the workbook; screenshots under out/web/."""
import base64
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

from conftest import FIXTURE, ROOT  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from web_server import serving  # noqa: E402

SHOTS = ROOT / "out" / "web"
#: Flags for a machine whose only network is loopback (no background connections to make).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    why = ROOT / "out" / "browser-setup.txt"
    said = why.read_text(encoding="utf-8").strip() if why.exists() else "not run"
    pytest.skip(f"no Chromium on PATH; the set-up step .ci/browser.sh said: {said}")


def test_upload_rank_explain_download_in_chromium(result, tmp_path):
    binary = _chromium()
    SHOTS.mkdir(parents=True, exist_ok=True)
    top, bat_xat = result.units[0], result.unit("bat_xat")
    with serving() as base, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=binary, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900},
                                    accept_downloads=True)
            problems, outside = [], []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:"))
                    else outside.append(r.url))
            page.goto(f"{base}/")
            page.click("a[href^='/rulesets/lao-cai-2023']")
            page.wait_for_selector("#run-form")
            page.screenshot(path=str(SHOTS / "1-rule-set.png"))
            # The catalogue is readable in place.
            assert "21/CTĐ-VP" in page.inner_text("#catalogue")
            # Dropped on the upload area, as a person drags it from the file manager.
            dropped = page.evaluate_handle(
                """(b64) => { const dt = new DataTransfer();
                   const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                   dt.items.add(new File([bytes], "units.xlsx")); return dt; }""",
                base64.b64encode((FIXTURE / "units.xlsx").read_bytes()).decode())
            page.dispatch_event("#run-form .dropzone", "drop", {"dataTransfer": dropped})
            assert "units.xlsx" in page.inner_text("#run-form .chosen")
            page.click("#run-button")
            page.wait_for_selector("#outcome", timeout=120_000)
            # Stayed on the page: the script streamed the answer in place.
            assert page.url.startswith(f"{base}/rulesets/lao-cai-2023")
            reading = page.inner_text("#reading")
            assert "units.xlsx" in reading and "Cách đọc tệp" in reading
            # The ranking: the report's first table, first row is the top unit.
            first_row = page.locator("#report table tbody tr").first.inner_text()
            assert top.name in first_row
            page.screenshot(path=str(SHOTS / "2-result.png"), full_page=False)
            item = page.locator("details.item[id$='-bat_xat']").first
            item.locator("> summary").click()
            text = item.inner_text()
            assert f"Tổng điểm {bat_xat.total:g} = " in text.replace(",", ".") or \
                "Tổng điểm 101 = 100 điểm chỉ tiêu + 1 điểm thưởng − 0 điểm trừ" in text
            assert "21/CTĐ-VP" in text
            item.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / "3-explanation.png"))
            page.click("[data-lang=en]")
            assert page.locator("html").get_attribute("lang") == "en"
            assert "How the file was read" in page.inner_text("#reading")
            assert "Total 101 = 100 target points + 1 bonus" in item.inner_text()
            page.screenshot(path=str(SHOTS / "4-english.png"))
            with page.expect_download() as dl:
                page.click("#downloads a[data-kind=workbook]")
            saved = tmp_path / "ket-qua.xlsx"
            dl.value.save_as(saved)
            assert saved.read_bytes()[:2] == b"PK" and saved.stat().st_size > 5000
            assert not problems, problems          # no script error, no policy violation
            assert not outside, outside            # nothing fetched from elsewhere
        finally:
            browser.close()
    for n in ("1-rule-set", "2-result", "3-explanation", "4-english"):
        png = SHOTS / f"{n}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    print(f"\nscreenshots of the web app: {SHOTS}")
