"""Fixtures for the real-browser tests: a dashboard server, headless Chromium, an offline page.

Every test under tests/browser gets the `browser` marker (`pytest -m "not browser"` skips them).
Without /usr/bin/chromium the tests are skipped, except under CI (env CI set), where they fail.

Under pytest-xdist a module's tests run on one worker (pytest.ini: --dist loadscope), so a module's
server starts once; `dashboard_server` starts once on each worker that runs a test using it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    VIEWPORT,
    BrowserRecorder,
    save_screenshot,
    start_dashboard as _start_dashboard,
)

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item, so `page` can screenshot a failed test.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def dashboard_server():
    """Base URL of one dashboard server shared by the session (environment passed through)."""
    with _start_dashboard() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def start_dashboard():
    """Factory: `with start_dashboard({"DASHBOARD_SOURCE": path}) as base_url: ...`."""
    return _start_dashboard


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (./test.sh does it)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; browser tests cannot be skipped under CI", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def recorder():
    """What the page did: blocked_requests, console_errors, page_errors, dialogs."""
    return BrowserRecorder()


@pytest.fixture
def page(browser, recorder, request):
    """A fresh offline page (new context, 1366x900): outside requests are blocked and recorded.

    The recorder is also reachable as `page.recorder`. A failed test leaves a screenshot
    named FAILED-<test> in test-artifacts/screenshots.
    """
    context = browser.new_context(
        viewport=VIEWPORT,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        service_workers="block",
    )
    new_page = context.new_page()
    recorder.attach(context, new_page)
    new_page.recorder = recorder
    yield new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            save_screenshot(new_page, "FAILED-" + re.sub(r"[^\w.-]+", "_", request.node.name))
        except Exception:  # noqa: BLE001 — a screenshot must not hide the real failure
            pass
    context.close()
