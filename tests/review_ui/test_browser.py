"""End to end in a real browser: Debian's Chromium, driven by Playwright, against the Streamlit app and API.

Sign in, claim a case, dismiss it with a reason, and check through the API that the decision and its
audit event are stored. Screenshots land in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.review_ui.conftest import LiveApi, free_port

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


@pytest.fixture
def ui_url(live_api: LiveApi) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("VIGIL_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required (VIGIL_REQUIRE_BROWSER) but {CHROMIUM} does not exist")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "review_ui" / "app.py"),
         "--server.port", str(port), "--server.headless", "true", "--server.fileWatcherType", "none",
         "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"],
        env={**os.environ, "VIGIL_API_URL": live_api.url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the Streamlit UI did not start")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_reviewer_claims_and_dismisses_a_case_in_the_browser(live_api: LiveApi, ui_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2000})
        page.set_default_timeout(30_000)
        try:
            page.goto(ui_url)
            page.get_by_label("API key").fill(live_api.keys["reviewer"])
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("button", name="Claim next case").click()
            heading = page.get_by_role("heading", name=re.compile(r"^Case #\d+"))
            expect(heading).to_be_visible()
            case_id = int(re.findall(r"\d+", heading.inner_text())[0])
            expect(page.locator(".vigil-posting mark").first).to_be_visible()
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "case-review.png"))

            page.get_by_text("Dismiss", exact=True).click()
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Reason").click()
            page.get_by_role("option", name="Duplicate of another case").click()
            note = page.get_by_label(re.compile(r"^Note"))
            note.fill("same ad as an earlier case")
            note.press("Control+Enter")  # commit the text area before clicking
            page.wait_for_timeout(500)
            page.get_by_role("button", name="Decide", exact=True).click()
            expect(page.get_by_text(f"Case #{case_id}: dismiss — recorded.")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "after-decision.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser-failure.png"))
            raise
        finally:
            browser.close()

    detail = live_api.call("GET", f"/v1/cases/{case_id}", as_role="reviewer")
    assert detail["case"]["state"] == "decided"
    assert (detail["case"]["decision"], detail["case"]["decision_reason"]) == ("dismiss", "duplicate")
    last = detail["history"][-1]
    assert (last["action"], last["actor"], last["reason"]) == ("decide", "key:ui-reviewer", "duplicate")
    assert last["notes"] == "same ad as an earlier case"
