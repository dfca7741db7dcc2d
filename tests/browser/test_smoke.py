"""The dashboard starts, renders in a real browser, and asks for nothing outside the machine."""

from harness import assert_no_exception, save_screenshot, wait_for_app


def test_dashboard_renders_offline_without_errors(dashboard_server, page, recorder):
    page.goto(dashboard_server)
    wait_for_app(page)
    save_screenshot(page, "smoke-desktop")

    assert_no_exception(page)
    assert recorder.page_errors == []
    assert recorder.dialogs == []
    assert recorder.blocked_requests == []
