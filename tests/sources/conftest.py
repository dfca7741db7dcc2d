"""Fixtures for reading Google Sheets with no Internet: a local Sheets-API server and a test key."""

from __future__ import annotations

import json

import pytest

from lib import DEMO_WORKBOOK
from lib.sources.google_sheet import RetryPolicy, clear_metadata_cache
from tests.sources.sheets_server import SheetsServer, new_private_key, service_account_info, tabs_from_workbook

SHEET_ID = "1TestKhanhHoa2017RolloutSheet0123456789abcd"
SHEET_TITLE = "Triển khai Hệ thống TTTC — Khánh Hòa"
EMAIL = "dashboard-reader@test-project.iam.gserviceaccount.com"
# Quick retries and short timeouts, so fault tests take well under a second each.
FAST = RetryPolicy(attempts=3, first_wait=0.01, max_wait=0.05, total=3.0, connect_timeout=1.0, read_timeout=0.5)


@pytest.fixture(scope="session")
def private_key():
    return new_private_key()


@pytest.fixture(scope="session")
def demo_tabs():
    return tabs_from_workbook(DEMO_WORKBOOK)


@pytest.fixture(autouse=True)
def _local_only(monkeypatch):
    """No proxy between the client and 127.0.0.1, and no tab list cached by an earlier test."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    clear_metadata_cache()


@pytest.fixture
def sheets(private_key, demo_tabs):
    """A running server holding the demo workbook as SHEET_ID, shared with the test account."""
    with SheetsServer() as server:
        server.google.register_account(EMAIL, private_key.public_key())
        server.google.add_spreadsheet(SHEET_ID, SHEET_TITLE, demo_tabs, shared_with={EMAIL})
        yield server


@pytest.fixture
def key_info(sheets, private_key) -> dict:
    """The test service account's key, its token endpoint on the local server."""
    return service_account_info(private_key, sheets.token_uri, EMAIL)


@pytest.fixture
def environment(sheets, key_info, tmp_path):
    """What an operator sets to run on this sheet: the sheet, a key file; plus the test-only API base."""
    key_file = tmp_path / "key.json"
    key_file.write_text(json.dumps(key_info), encoding="utf-8")
    return {"DASHBOARD_SOURCE": SHEET_ID, "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
            "DASHBOARD_SHEETS_API": sheets.base_url, "DASHBOARD_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
            "NO_PROXY": "127.0.0.1,localhost"}
