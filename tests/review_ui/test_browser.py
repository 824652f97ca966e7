"""End to end in a real browser: Debian's Chromium, driven by Playwright, against the Streamlit app and API.

At 1440×900 and 1280×720: sign in, claim a case, decide it by keyboard only, and after "Decide & next"
check that the new case opens at its header with its posting and the decision buttons in view and nothing
chosen; undo from the confirmation; a linked case (``?case=N``) whose posting carries a right-to-left
override shows the marker instead of reversed text. Decisions are checked through the API. Screenshots of
the layout land in ``review_ui/screenshots/`` (the README shows them), failures in ``test-artifacts/``.
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
from typing import Any

import httpx
import pytest

from tests.review_ui.conftest import URGENT, LiveApi, free_port

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = REPO / "review_ui" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BROWSER_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
# A busy machine (CI under load) may need longer: VIGIL_BROWSER_TIMEOUT_MS scales every wait of the test.
TIMEOUT_MS = int(os.environ.get("VIGIL_BROWSER_TIMEOUT_MS", "30000"))
VIEWPORTS = {"1440x900": {"width": 1440, "height": 900}, "1280x720": {"width": 1280, "height": 720}}
REVERSED = URGENT.replace("Text seven one three", "Text \u202e7710-555-317\u202c") + " no\u200bcops"


@pytest.fixture(autouse=True)
def _expect_timeout() -> Iterator[None]:
    """``expect`` waits 5 s by default; on a slow machine it waits as long as the page's actions."""
    from playwright.sync_api import expect

    expect.set_options(timeout=max(5000, TIMEOUT_MS // 6))
    yield
    expect.set_options(timeout=5000)


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


def _more_cases(api: LiveApi, count: int) -> None:
    """Enough standard-queue cases for several decisions per viewport."""
    postings = [
        {"source": "ui-test", "external_id": f"more-{n}", "text": URGENT.replace("seven", f"{n} {n}"),
         "location": f"City {n}"}
        for n in range(count)
    ]  # fmt: skip
    api.call("POST", "/v1/postings", as_role="integrator", json={"postings": postings})


def _case_id(page: Any, *, after: int | None = None) -> int:
    """The open case's number; with ``after``, once the page has moved on from that case."""
    from playwright.sync_api import expect

    heading = page.get_by_role("heading", name=re.compile(r"^Case #\d+"))
    expect(heading).to_be_visible()
    if after is not None:
        expect(heading).not_to_have_text(re.compile(rf"^Case #{after}\b"))
    return int(re.findall(r"\d+", heading.inner_text())[0])


def _assert_case_opened_at_its_header(page: Any, case_id: int) -> None:
    """The case's heading, the start of its posting and the decision buttons are on screen, none chosen."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", name=f"Case #{case_id}")).to_be_in_viewport()
    expect(page.locator(".vigil-posting").first).to_be_in_viewport()
    for label in ("Confirm violation", "Dismiss", "Escalate"):
        choice = page.locator(f".st-key-decision-{case_id}-{label.split()[0].lower()} button")
        expect(choice).to_be_in_viewport(ratio=1)
        expect(choice).to_have_attribute("data-testid", "stBaseButton-secondary")  # not chosen
    expect(page.locator(f".st-key-decide-next-{case_id} button")).to_be_in_viewport(ratio=1)


def _settle(page: Any) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_timeout(300)
    page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT_MS)
    page.wait_for_timeout(300)


def _work_a_shift(page: Any, api: LiveApi, ui_url: str, size: str) -> None:
    from playwright.sync_api import expect

    page.goto(ui_url)
    page.get_by_label("API key").fill(api.keys["reviewer"])
    page.get_by_role("button", name="Sign in").click()
    # This reviewer reads urgent postings without the wellness step (a sidebar setting, on by default).
    page.get_by_text("Hide minor-cue and urgent postings until I reveal them").click()
    _settle(page)
    page.get_by_role("button", name="Claim next case").click()
    first = _case_id(page)
    expect(page.locator(".vigil-posting mark").first).to_be_visible()
    _settle(page)
    _assert_case_opened_at_its_header(page, first)
    page.screenshot(
        path=str(SCREENSHOTS / ("case-review.png" if size == "1440x900" else f"case-review-{size}.png"))
    )

    # The lease and the time in queue tick in the browser between reruns (no Streamlit run involved).
    clocks = [page.locator(f"[id^='lease-{first}-']"), page.locator(f"#in-queue-{first}")]
    # The first tick may not have come yet (10:00 left): wait for it, as a reviewer would see it.
    expect(clocks[0]).to_contain_text("You hold this case · lease 9:", timeout=TIMEOUT_MS)
    shown = [clock.inner_text() for clock in clocks]
    assert shown[0].startswith("You hold this case · lease 9:") and shown[1].startswith("In queue for ")
    for clock, before in zip(clocks, shown, strict=True):
        expect(clock).not_to_have_text(before)

    # Keyboard only: V chooses "Confirm violation", Ctrl+Enter records it and opens the next case.
    page.keyboard.press("v")
    submit = page.locator(f".st-key-decide-next-{first} button")
    expect(submit).to_contain_text("Confirm violation & next")
    expect(page.locator(f".st-key-decision-{first}-confirm button")).to_have_attribute(
        "data-testid", "stBaseButton-primary"
    )
    # The reviewer had scrolled down to the evidence: the next case must still open at its header.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text(f"Case #{first} confirmed as a violation — recorded.")).to_be_visible()
    _settle(page)
    second = _case_id(page, after=first)
    _assert_case_opened_at_its_header(page, second)
    expect(page.get_by_role("button", name=re.compile(rf"^Undo case #{first}"))).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / f"after-decide-next-{size}.png"))
    assert api.call("GET", f"/v1/cases/{first}", as_role="reviewer")["case"]["decision"] == "confirm"

    # Dismiss with a reason and a note by mouse, then undo it from the confirmation.
    page.locator(f".st-key-decision-{second}-dismiss button").click()
    page.locator(f".st-key-option-{second}-duplicate button").click()
    expect(page.locator(f".st-key-decide-next-{second} button")).to_contain_text(
        "Dismiss as duplicate & next"
    )
    # Typing letters that are shortcuts (v, d, e) into the note chooses nothing.
    page.get_by_label(re.compile(r"^Note")).press_sequentially("same ad, seen before: duplicate", delay=10)
    expect(page.locator(f".st-key-decision-{second}-dismiss button")).to_have_attribute(
        "data-testid", "stBaseButton-primary"
    )
    expect(page.locator(f".st-key-decide-next-{second} button")).to_contain_text(
        "Dismiss as duplicate & next"
    )
    page.locator(f".st-key-decide-next-{second} button").click()
    expect(page.get_by_text(f"Case #{second} dismissed as duplicate — recorded.")).to_be_visible()
    _settle(page)
    third = _case_id(page, after=second)
    _assert_case_opened_at_its_header(page, third)
    detail = api.call("GET", f"/v1/cases/{second}", as_role="reviewer")
    assert (detail["case"]["decision"], detail["case"]["decision_reason"]) == ("dismiss", "duplicate")
    assert detail["history"][-1]["notes"] == "same ad, seen before: duplicate"
    page.get_by_role("button", name=re.compile(rf"^Undo case #{second}")).click()
    expect(page.get_by_role("heading", name=f"Case #{second}")).to_be_visible()
    undone = api.call("GET", f"/v1/cases/{second}", as_role="reviewer")
    assert (undone["case"]["state"], undone["history"][-1]["action"]) == ("assigned", "undo")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_reviewer_decides_by_keyboard_and_the_next_case_opens_at_its_header(
    live_api: LiveApi, ui_url: str, size: str
) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    _more_cases(live_api, 6)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport=VIEWPORTS[size])
        page.set_default_timeout(TIMEOUT_MS)
        try:
            _work_a_shift(page, live_api, ui_url, size)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / f"browser-failure-{size}.png"))
            raise
        finally:
            browser.close()


def test_a_linked_case_with_a_right_to_left_override_shows_the_marker(live_api: LiveApi, ui_url: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    posting = {"source": "ui-test", "external_id": "rlo", "text": REVERSED}
    (result,) = live_api.call("POST", "/v1/postings", as_role="integrator", json={"postings": [posting]})[
        "results"
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport=VIEWPORTS["1440x900"])
        page.set_default_timeout(TIMEOUT_MS)
        try:
            page.goto(f"{ui_url}/?case={result['case_id']}")
            page.get_by_label("API key").fill(live_api.keys["reviewer"])
            page.get_by_role("button", name="Sign in").click()
            assert _case_id(page) == result["case_id"]
            page.get_by_role("button", name="Reveal text and evidence").click()  # urgent: hidden at first
            posting_box = page.locator(".vigil-posting").first
            marker = posting_box.locator(".vigil-ctl[data-cp='202e']")
            expect(marker).to_have_text("⟨RLO⟩")
            # What is shown is what was written, in order: the override acts on nothing.
            shown = posting_box.inner_text()
            assert "⟨RLO⟩7710-555-317⟨PDF⟩" in shown and "\u202e" not in shown
            expect(page.get_by_text(re.compile("invisible or direction-changing character"))).to_be_visible()
            posting_box.screenshot(path=str(ARTIFACTS / "bidi-markers.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "browser-failure-bidi.png"))
            raise
        finally:
            browser.close()
