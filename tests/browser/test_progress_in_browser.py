"""The progress page in Chromium: the burn-up and the weekly moves draw from a recorded history, at
desktop and phone width, with nothing fetched from outside."""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from harness import save_screenshot, wait_for_app
from lib.cleaning import clean_workbook
from lib.history.snapshot import build_snapshot
from lib.history.store import open_history
from tests.history.copies import set_as_of

PRINTER, TRAINED = 7, 10  # 0-based columns of a district tab: "Có máy in", "Số cán bộ đã tập huấn"
WEEKS = 4


@pytest.fixture(scope="module")
def history_url(tmp_path_factory, demo_raw, geography):
    """Five weekly copies of the demo (22/04 … 20/05/2017): each week two more points per district
    have their printer and trained staff."""
    url = f"sqlite:///{tmp_path_factory.mktemp('history') / 'history.sqlite3'}"
    store = open_history(url)
    for week in range(WEEKS + 1):
        day = date(2017, 4, 22) + timedelta(weeks=week)
        raw = copy.deepcopy(demo_raw)
        set_as_of(raw.tabs, day)
        for title in list(raw.tabs)[3:-2]:  # the district tabs
            for row in raw.tabs[title][1:1 + 2 * (WEEKS - week)]:
                row[PRINTER], row[TRAINED] = "Không", 0
        raw = replace(raw, provenance=replace(raw.provenance, read_at=datetime(day.year, day.month, day.day, 8)))
        assert store.record(build_snapshot(clean_workbook(raw, geography), raw.provenance, geography)).changed
    store.dispose()
    return url


@pytest.fixture(scope="module")
def progress_server(start_dashboard, history_url):
    """One dashboard serving `history_url`'s history for the whole module: its tests only read."""
    with start_dashboard({"DASHBOARD_HISTORY_URL": history_url}) as base_url:
        yield base_url


@contextmanager
def _dashboard_page(base_url: str, browser, width: int, height: int):
    """(base URL, a page of that size in its own browser context, the page's script errors)."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield base_url, page, errors
    finally:
        context.close()


@pytest.mark.parametrize("width, height, name", [(1366, 900, "desktop"), (390, 844, "phone")])
def test_the_progress_page_draws_its_charts(progress_server, browser, width, height, name):
    with _dashboard_page(progress_server, browser, width, height) as (base_url, page, errors):
        page.goto(base_url.rstrip("/") + "/progress")
        wait_for_app(page)
        page.get_by_text("Lịch sử: 5 ngày đã ghi, từ 22/04/2017 đến 20/05/2017 (4,0 tuần).").wait_for()
        charts = page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg")
        charts.first.wait_for(timeout=20_000)
        assert page.locator("[data-testid='stVegaLiteChart']").count() == 2
        assert page.get_by_text("Tốc độ theo lịch sử và dự báo").is_visible()
        # Nothing wider than the window (the legend stacks its names at phone width).
        overflow = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert overflow <= width
        save_screenshot(page, f"progress-{name}", full_page=True)
        assert errors == []


@pytest.mark.parametrize("width, height, name", [(1366, 900, "desktop"), (390, 844, "phone")])
def test_since_on_the_overview_map_and_the_follow_up(progress_server, browser, width, height, name):
    """The change since 13/05 on the overview and the map, and a district's follow-up message with its copy icon."""
    with _dashboard_page(progress_server, browser, width, height) as (base_url, page, errors):
        for path, sign in (("", "Thay đổi từ 13/05/2017: so số liệu ghi ngày 13/05/2017 với ngày 20/05/2017."),
                           ("/map", "Thay đổi từ 13/05/2017"), ("/district", "Còn thiếu:")):
            page.goto(base_url.rstrip("/") + path)
            wait_for_app(page)
            page.get_by_text(sign).first.wait_for(timeout=30_000)
            overflow = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
            assert overflow <= width, path
            # Streamlit scrolls inside its main block: bring what this test is about into the window.
            page.get_by_text(sign).first.scroll_into_view_if_needed()
            save_screenshot(page, f"since{path.replace('/', '-') or '-overview'}-{name}")
        # The follow-up box has Streamlit's copy button.
        code = page.locator("[data-testid='stCode']")
        assert "Kính gửi Thành phố Nha Trang," in code.inner_text()
        code.hover()
        assert page.locator("[data-testid='stCode'] button").count() >= 1
        assert errors == []


def test_the_since_last_meeting_slide(progress_server, browser):
    with _dashboard_page(progress_server, browser, 1366, 768) as (base_url, page, _):
        page.goto(base_url.rstrip("/") + "/present?present=1&interval=3600")
        wait_for_app(page)
        page.get_by_role("button", name="Tiếp").click()
        page.get_by_text("Thay đổi từ buổi họp trước (13/05/2017)").wait_for(timeout=30_000)
        wait_for_app(page)
        assert page.locator(".big-card").count() == 6
        save_screenshot(page, "since-slide-projector")
