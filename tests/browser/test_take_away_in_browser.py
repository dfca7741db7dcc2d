"""Take-away files from the running app: the map file opens offline, the summary image downloads."""

from __future__ import annotations

import io

from PIL import Image

from harness import save_screenshot, wait_for_app


def test_map_file_downloads_and_draws_with_no_network(dashboard_server, page, recorder):
    page.goto(dashboard_server.rstrip("/") + "/map")
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Bản đồ (.html)").click()
    download = info.value
    assert download.suggested_filename == "ban-do-khanh-hoa-20170520.html"
    document = open(download.path(), encoding="utf-8").read()
    viewer = page.context.new_page()  # same offline context: every outside request is blocked
    errors = []
    viewer.on("pageerror", lambda error: errors.append(str(error)))
    viewer.set_content(document)
    viewer.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    assert viewer.locator("path.leaflet-interactive").count() >= 8 + 140
    assert viewer.title() == "Bản đồ triển khai tỉnh Khánh Hòa - số liệu đến ngày 20/05/2017"
    save_screenshot(viewer, "take-away-map-file")
    assert recorder.blocked_requests == [] and recorder.page_errors == [] and errors == []


def test_summary_image_downloads_from_the_overview(dashboard_server, page):
    page.goto(dashboard_server)
    wait_for_app(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Ảnh tóm tắt trong ngày").click()
    download = info.value
    assert download.suggested_filename == "tom-tat-khanh-hoa-20170520.png"
    with open(download.path(), "rb") as file:
        assert Image.open(io.BytesIO(file.read())).size == (1080, 1920)
