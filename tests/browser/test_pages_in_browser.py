"""Every page in headless Chromium: cold deep links, no exception box, offline map, phone width,
language switch, and sheet text that tries to inject script shown literally."""

from __future__ import annotations

import pytest

from harness import assert_no_exception, map_frame, save_screenshot, start_dashboard, wait_for_app
from lib.geography import load_geography
from lib.authoring.template import save_workbook, template_grids

PAGES = ("", "map", "training", "deadlines", "district", "difficulties", "data-quality")
PHONE = {"width": 390, "height": 844}
TITLES = {"": "Triển khai Hệ thống thông tin tiêm chủng quốc gia", "map": "Bản đồ",
          "training": "Tập huấn", "deadlines": "Thời hạn", "district": "Huyện", "difficulties": "Khó khăn",
          "data-quality": "Chất lượng dữ liệu"}
INJECTIONS = ("<img src=x onerror=alert(1)>", "a`${alert(2)}`b", "ghi chú </script><script>alert(3)</script>")


@pytest.fixture(scope="module")
def cold_server():
    """A server no browser has visited yet, so the first request to each page is a cold deep link."""
    with start_dashboard() as base_url:
        yield base_url


def _url(base: str, slug: str) -> str:
    return f"{base.rstrip('/')}/{slug}"


def _map_frame(page):
    return map_frame(page)


@pytest.mark.parametrize("slug", PAGES)
def test_cold_deep_link_runs_inside_the_frame(cold_server, page, recorder, slug):
    page.goto(_url(cold_server, slug))
    wait_for_app(page)
    assert_no_exception(page)
    assert page.get_by_text("Page not found").count() == 0
    # The frame ran: the sidebar with its navigation and data source is there, with this page's title.
    assert page.locator('[data-testid="stSidebarNav"]').count() == 1
    assert page.get_by_text("Nguồn dữ liệu").count() >= 1
    assert page.locator("h1").first.inner_text().strip() == TITLES[slug]
    save_screenshot(page, f"{slug or 'overview'}-desktop", full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(800)
    assert_no_exception(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{slug} overflows a phone's width by {overflow}px"
    save_screenshot(page, f"{slug or 'overview'}-phone", full_page=True)
    assert recorder.page_errors == [] and recorder.dialogs == []


def test_map_draws_polygons_and_markers_with_no_network(dashboard_server, page, recorder):
    page.goto(_url(dashboard_server, "map"))
    wait_for_app(page)
    frame = _map_frame(page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    shapes = frame.locator("path.leaflet-interactive").count()
    # 8 mainland districts + about 150 point markers (circle markers are paths too).
    assert shapes >= 8 + 140, shapes
    save_screenshot(page, "map-offline")
    assert recorder.page_errors == []
    assert all("cdn" not in url for url in recorder.blocked_requests), recorder.blocked_requests


def test_map_panels_fold_on_a_phone_and_open_again_on_a_wide_screen(dashboard_server, page):
    page.goto(_url(dashboard_server, "map"))
    wait_for_app(page)
    frame = _map_frame(page)
    frame.wait_for_selector(".nis-legend details", timeout=20_000)

    def panels_open() -> dict:
        return frame.evaluate("""() => ({
            legend: document.querySelector('.nis-legend details').open,
            offshore: document.querySelector('.nis-offshore details').open})""")

    assert panels_open() == {"legend": True, "offshore": True}  # the legend and Trường Sa's inset
    # Kilometres only, and Leaflet's credit without its flag.
    scale = frame.locator(".leaflet-control-scale-line").all_inner_texts()
    assert len(scale) == 1 and scale[0].endswith(("km", " m")), scale
    assert frame.locator(".leaflet-control-attribution").inner_text().strip() == "Leaflet"
    assert frame.locator(".leaflet-control-attribution svg").count() == 0

    page.set_viewport_size(PHONE)
    frame.wait_for_function("() => !document.querySelector('.nis-legend details').open", timeout=10_000)
    assert panels_open() == {"legend": False, "offshore": False}
    legend = frame.locator(".nis-legend summary")
    assert legend.inner_text().strip() == "Sẵn sàng (đủ 4 điều kiện)"  # folded to its title
    page.wait_for_timeout(500)
    save_screenshot(page, "map-phone-folded")
    legend.click()  # a tap opens it
    assert panels_open()["legend"] is True
    page.set_viewport_size({"width": 1366, "height": 900})
    frame.wait_for_function("() => document.querySelector('.nis-offshore details').open", timeout=10_000)
    assert panels_open() == {"legend": True, "offshore": True}


def test_language_switch_translates_navigation(dashboard_server, page):
    page.goto(_url(dashboard_server, ""))
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    # The click's rerun may start after a busy machine's settle time: wait for what it brings.
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Overview").wait_for(timeout=30_000)
    wait_for_app(page)
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Overview" in nav and "Data quality" in nav
    assert page.locator("h1").first.inner_text().strip() == "Immunization Information System roll-out"
    save_screenshot(page, "overview-english", full_page=True)


@pytest.fixture(scope="module")
def hostile_workbook(tmp_path_factory):
    grids = template_grids(load_geography())
    header = grids["Cam Lâm"][0]
    row = {h: None for h in header}
    rows = []
    for index, text in enumerate(INJECTIONS):
        values = dict(row)
        values.update({"Mã điểm": f"X-{index}", "Tên điểm tiêm chủng": text if index < 2 else "Trạm Y tế xã Suối Cát",
                       "Xã/phường/thị trấn": "Xã Suối Cát", "Loại điểm": "Trạm y tế", "Ghi chú": INJECTIONS[2],
                       "Số cán bộ tiêm chủng": 3, "Số cán bộ đã tập huấn": 2})
        rows.append([values[h] for h in header])
    grids["Cam Lâm"] = [header, *rows]
    grids["Khó khăn vướng mắc"].append([None, "Huyện Cam Lâm", INJECTIONS[1], INJECTIONS[0], "Mới", INJECTIONS[2]])
    grids["Khó khăn vướng mắc"][-1][0] = "10/05/2017"
    return save_workbook(grids, tmp_path_factory.mktemp("hostile") / "hostile.xlsx")


@pytest.fixture(scope="module")
def hostile_dashboard(hostile_workbook):
    """One server on the hostile workbook for every page below (each test opens its own fresh page)."""
    with start_dashboard({"DASHBOARD_SOURCE": str(hostile_workbook)}) as base_url:
        yield base_url


@pytest.mark.parametrize("slug", ("", "map", "district", "difficulties", "data-quality"))
def test_injected_sheet_text_runs_nothing(hostile_dashboard, page, recorder, slug):
    base_url = hostile_dashboard
    page.goto(_url(base_url, slug))
    wait_for_app(page)
    if slug == "district":
        page.get_by_label("Chọn huyện").click()
        page.get_by_role("option", name="Huyện Cam Lâm").click()
        wait_for_app(page)
    if slug == "map":
        frame = _map_frame(page)
        frame.wait_for_selector("path.leaflet-interactive", timeout=20_000)
        assert "<img src=x" not in frame.content()
        # Open every layer's tooltip (the three points share one commune centre, so hovering
        # would reach only the top one) and read what the browser made of them.
        tooltips = frame.evaluate("""() => {
            for (const name of Object.keys(window)) {
                const candidate = window[name];
                if (candidate instanceof L.Map) {
                    candidate.eachLayer(layer => layer.getTooltip && layer.getTooltip() && layer.openTooltip());
                }
            }
            return Array.from(document.querySelectorAll('.leaflet-tooltip')).map(node => node.innerText);
        }""")
        shown = "\n".join(tooltips)
        # The names appear literally, as text, in the markers' tooltips.
        assert INJECTIONS[0] in shown and INJECTIONS[1] in shown, shown[:500]
    if slug in ("district", "difficulties"):
        page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=15_000)
    save_screenshot(page, f"hostile-{slug or 'overview'}", full_page=True)
    assert_no_exception(page)
    assert recorder.dialogs == [], recorder.dialogs
    assert recorder.page_errors == [], recorder.page_errors
