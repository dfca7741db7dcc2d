"""Another province by data alone, in Chromium: DASHBOARD_GEOGRAPHY names Phú Yên's folder and the
dashboard shows its demo (no DASHBOARD_SOURCE), draws its nine districts offline, and no page says a
Khánh Hòa name or code."""

from __future__ import annotations

import pytest

from harness import assert_no_exception, map_frame, next_slide, save_screenshot, start_dashboard, wait_for_app
from lib import GEOGRAPHIES_DIR
from lib.geography import load_geography
from lib.sources import SOURCE_ENV
from tests.test_geography_names import find_mentions, forbidden

PHU_YEN = GEOGRAPHIES_DIR / "phu_yen"
PAGES = ("", "map", "training", "deadlines", "district", "difficulties", "data-quality",
         "present?interval=600")


@pytest.fixture(scope="module")
def phu_yen_server():
    with start_dashboard({"DASHBOARD_GEOGRAPHY": str(PHU_YEN), SOURCE_ENV: None}) as base_url:
        yield base_url


def test_every_page_names_only_phu_yen(phu_yen_server, page, recorder):
    names, codes, province_code = forbidden(PHU_YEN)
    mentions = {}
    for slug in PAGES:
        page.goto(f"{phu_yen_server.rstrip('/')}/{slug}")
        wait_for_app(page)
        assert_no_exception(page)
        texts = [page.inner_text("body")]
        if slug.startswith("present"):  # the headline slide, then the map slide (pressed to, not waited for)
            next_slide(page, 1)
            texts.append(page.inner_text("body"))
        if slug in ("map", "present?interval=600"):
            texts.append(map_frame(page).inner_text("body"))
        found = find_mentions("\n".join(texts), names, codes, province_code, bare_codes=False)
        if found:
            mentions[slug.split("?")[0] or "overview"] = sorted(set(found))
        if slug == "":
            assert "Phú Yên" in texts[0]
        save_screenshot(page, f"phu-yen-{slug.split('?')[0] or 'overview'}", full_page=not slug.startswith("present"))
    assert mentions == {}
    assert recorder.page_errors == [] and recorder.dialogs == []


def test_map_draws_phu_yens_nine_districts_offline(phu_yen_server, page, recorder):
    page.goto(f"{phu_yen_server.rstrip('/')}/map")
    wait_for_app(page)
    frame = map_frame(page)
    frame.wait_for_selector("path.leaflet-interactive", timeout=20_000)
    geography = load_geography(PHU_YEN)
    labels = frame.locator(".nis-district-label").all_inner_texts()
    assert sorted(label.split("\n")[0].strip() for label in labels) == sorted(d["name_short"] for d in geography.districts)
    # Nine district polygons and a marker for each of the 121 points (circle markers are paths too).
    assert frame.locator("path.leaflet-interactive").count() >= 9 + 121
    assert frame.locator(".nis-offshore").count() == 0  # no islands: no corner panel
    save_screenshot(page, "phu-yen-map-offline")
    assert recorder.page_errors == []
    assert all("cdn" not in url for url in recorder.blocked_requests), recorder.blocked_requests
