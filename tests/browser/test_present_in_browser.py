"""Presentation mode in headless Chromium: a full-screen first slide with no Streamlit chrome, that
advances by itself and with the controls, offline. Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from harness import VIEWPORT, assert_no_exception, save_screenshot, wait_for_app

HEAD = ".slide-head"


def _index(page) -> int:
    return int(page.locator(HEAD).first.get_attribute("data-index"))


def _wait_for_index(page, index: int, timeout_ms: int = 15_000) -> None:
    page.wait_for_function(f"() => document.querySelector('{HEAD}')?.dataset.index === '{index}'",
                           timeout=timeout_ms)
    wait_for_app(page)  # let the rerun finish, or the next click can land on a button being redrawn


def _press(page, button: str, index: int, tries: int = 3) -> None:
    """Press a control until slide `index` shows. On a loaded machine Streamlit can drop a click
    that lands while a tick of the clock is running; a presenter would press again. Each control
    names its target slide, but the next slide's control names another one, so a press is repeated
    only once the app is idle and still on the slide it started from (the press was dropped, not
    late); a press that arrived late counts."""
    start = _index(page)
    for attempt in range(tries):
        page.get_by_role("button", name=button).click()
        try:
            _wait_for_index(page, index, timeout_ms=10_000)
            return
        except PlaywrightTimeoutError:
            wait_for_app(page)
            now = _index(page)
            if now == index:
                return
            if attempt == tries - 1 or now != start:
                raise


def _hidden(page, selector: str) -> bool:
    found = page.locator(selector)
    return found.count() == 0 or not any(found.nth(i).is_visible() for i in range(found.count()))


def test_present_query_shows_full_screen_slides_that_advance_by_themselves(dashboard_server, page, recorder):
    page.goto(dashboard_server + "?present=1&interval=5")
    wait_for_app(page)
    assert page.url.split("?")[0].endswith("/present"), page.url
    page.locator(HEAD).first.wait_for(timeout=15_000)
    assert_no_exception(page)
    assert page.locator(f"{HEAD} h1").inner_text() == "Tỉnh Khánh Hòa: tiến độ triển khai"
    first = _index(page)
    save_screenshot(page, "present-slide-first")

    # No Streamlit chrome: no sidebar (nor its open button), no header or toolbar.
    for selector in ('[data-testid="stSidebar"]', '[data-testid="stSidebarNav"]', '[data-testid="stHeader"]',
                     '[data-testid="stToolbar"]', '[data-testid="stSidebarCollapsedControl"]',
                     '[data-testid="stExpandSidebarButton"]'):
        assert _hidden(page, selector), f"{selector} is visible in presentation mode"
    # The slide fills the screen, in type readable from the back of the room.
    box = page.locator(".st-key-slide").bounding_box()
    assert box["width"] >= 0.9 * VIEWPORT["width"] and box["height"] >= 0.85 * VIEWPORT["height"], box
    assert box["x"] < 0.06 * VIEWPORT["width"] and box["y"] < 0.06 * VIEWPORT["height"], box
    title_px = page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{HEAD} h1')).fontSize)")
    value_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.big-card .value')).fontSize)")
    assert title_px >= 40 and value_px >= 40, (title_px, value_px)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1

    # It advances by itself (5 s per slide): the map, then training. Read each slide as soon as it shows.
    _wait_for_index(page, first + 1)
    assert page.locator(HEAD).first.get_attribute("data-slide") == "map"
    page.wait_for_selector("iframe[title*='st_folium'], iframe[title*='streamlit_folium']", timeout=4_000)
    page.wait_for_timeout(1_000)
    save_screenshot(page, "present-slide-map")
    _wait_for_index(page, first + 2)
    assert page.locator(HEAD).first.get_attribute("data-slide") == "training"
    page.wait_for_selector(".vega-embed", timeout=4_000)
    page.wait_for_timeout(700)
    save_screenshot(page, "present-slide-training")
    assert_no_exception(page)
    assert recorder.page_errors == [] and recorder.dialogs == []
    assert recorder.blocked_requests == [], recorder.blocked_requests  # nothing asked of the Internet


def test_controls_move_pause_and_leave(dashboard_server, page):
    page.goto(dashboard_server.rstrip("/") + "/present?interval=600")
    wait_for_app(page)
    page.locator(HEAD).first.wait_for(timeout=15_000)
    assert _hidden(page, '[data-testid="stSidebar"]')  # the page itself hides the chrome, not only ?present=1
    _press(page, "Tiếp", 1)
    _press(page, "Trước", 0)
    _press(page, "Trước", 12)  # wraps to the last district
    wait_for_app(page)
    assert page.locator(f"{HEAD} h1").inner_text() == "Huyện Trường Sa"
    save_screenshot(page, "present-slide-district")
    for attempt in range(3):  # "Tạm dừng" asks for "paused": pressing it again is harmless
        page.get_by_role("button", name="Tạm dừng").click()
        try:
            page.get_by_role("button", name="Tự chạy").wait_for(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    page.get_by_text("Đang tạm dừng").wait_for(timeout=15_000)
    wait_for_app(page)
    page.locator("a.exit-link").click()
    page.wait_for_url(lambda url: "/present" not in url, timeout=15_000)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').wait_for(timeout=15_000)
    assert "/present" not in page.url, page.url  # the overview (the default page, shown at "/")
    assert page.locator("h1").first.inner_text().strip() == "Triển khai Hệ thống thông tin tiêm chủng quốc gia"
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    assert_no_exception(page)


def test_english_presentation(dashboard_server, page):
    page.goto(dashboard_server + "?present=1&lang=en&interval=600")
    wait_for_app(page)
    page.locator(HEAD).first.wait_for(timeout=15_000)
    assert page.locator(f"{HEAD} h1").inner_text() == "Khánh Hòa: roll-out progress"
    # The controls come with the same run as the slide, but may reach the page a moment after its title.
    page.get_by_role("button", name="Next").first.wait_for(timeout=15_000)
    assert page.get_by_role("button", name="Next").count() == 1
