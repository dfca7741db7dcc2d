"""The dashboard on a live Google Sheet, in headless Chromium: the local Sheets server stands in for
Google. An edit on the sheet shows after one TTL (by itself, then on reload); a fault brings the
banner over the last good figures."""

from __future__ import annotations

import json

import pytest

from harness import assert_no_exception, save_screenshot, wait_for_app
from lib import DEMO_WORKBOOK
from tests.sources.sheets_server import Fault, SheetsServer, new_private_key, service_account_info, tabs_from_workbook

SHEET_ID = "1TestKhanhHoa2017RolloutSheet0123456789abcd"
SHEET_TITLE = "Triển khai Hệ thống TTTC — Khánh Hòa (máy chủ thử)"
EMAIL = "dashboard-reader@test-project.iam.gserviceaccount.com"
TTL_SECONDS = 2


@pytest.fixture
def live_sheet(tmp_path):
    key = new_private_key()
    with SheetsServer() as server:
        server.google.register_account(EMAIL, key.public_key())
        server.google.add_spreadsheet(SHEET_ID, SHEET_TITLE, tabs_from_workbook(DEMO_WORKBOOK), shared_with={EMAIL})
        key_file = tmp_path / "key.json"
        key_file.write_text(json.dumps(service_account_info(key, server.token_uri, EMAIL)), encoding="utf-8")
        server.environment = {
            "DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
            "DASHBOARD_SHEETS_API": server.base_url, "DASHBOARD_TTL_SECONDS": str(TTL_SECONDS),
            "DASHBOARD_SNAPSHOT_DIR": str(tmp_path / "snapshots"), "NO_PROXY": "127.0.0.1,localhost",
        }
        yield server


def metric(page, label: str):
    return page.locator('[data-testid="stMetric"]', has_text=label).locator('[data-testid="stMetricValue"]')


def test_an_edit_on_the_sheet_shows_after_one_ttl(start_dashboard, page, recorder, live_sheet):
    google = live_sheet.google
    with start_dashboard(live_sheet.environment) as base_url:
        page.goto(base_url)
        wait_for_app(page)
        assert_no_exception(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_text(SHEET_TITLE).count() == 1
        assert sidebar.get_by_text("Google Sheet").count() >= 1
        assert sidebar.get_by_role("button", name="Làm mới").count() == 1
        assert metric(page, "Điểm tiêm chủng").inner_text() == "150"

        # A district adds a point: a copy of Nha Trang's first point under a new code.
        nha_trang = google.tab(SHEET_ID, "Nha Trang").rows
        google.append_row(SHEET_ID, "Nha Trang", ["KH-568-99", "Phòng tiêm dịch vụ thử nghiệm", *nha_trang[1][2:]])
        # The page updates itself (its sidebar timer notices the new copy) …
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
                   .some(m => m.innerText.includes('Điểm tiêm chủng') && m.innerText.includes('151'))""",
            timeout=30_000)
        wait_for_app(page)
        # … and a fresh page load shows it too.
        page.reload()
        wait_for_app(page)
        assert metric(page, "Điểm tiêm chủng").inner_text() == "151"
        save_screenshot(page, "live-sheet-updated", full_page=True)
        batch_gets = google.counts["batchGet"]
        assert google.counts["token"] == 1 and google.counts["metadata"] == 1
        assert batch_gets >= 2

        # Google refuses: the banner says what to do, over the last good figures.
        google.spreadsheets[SHEET_ID].shared_with = set()
        page.wait_for_timeout(TTL_SECONDS * 1000 + 500)
        page.reload()
        wait_for_app(page)
        banner = page.locator('[data-testid="stAlert"]', has_text="Không cập nhật được dữ liệu")
        banner.wait_for(timeout=30_000)
        assert f"thêm {EMAIL} với quyền Người xem" in banner.inner_text()
        assert metric(page, "Điểm tiêm chủng").inner_text() == "151"
        assert_no_exception(page)
        save_screenshot(page, "live-sheet-fault-banner", full_page=False)
    assert recorder.blocked_requests == [] and recorder.page_errors == []
