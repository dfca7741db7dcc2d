"""What a Google Sheet says beyond its values (locale, merged cells, hidden rows and tabs), read with
the tab list: still one metadata request per cache period and one batchGet per read."""

from __future__ import annotations

import doctest

import lib.sources.google_sheet
from lib.sources import TabLayout
from lib.sources.google_sheet import GoogleSheet, read_google_sheet
from tests.sources.conftest import FAST, SHEET_ID


def reader(sheets, key_info, **options) -> GoogleSheet:
    return GoogleSheet(SHEET_ID, key_info, api_base=sheets.base_url, policy=FAST, **options)


def lay_out(google) -> None:
    """An en_US sheet; in Nha Trang C2:C4 merged, row 3 hidden by hand, rows 5–6 by a filter; a hidden tab."""
    google.set_locale(SHEET_ID, "en_US")
    google.merge(SHEET_ID, "Nha Trang", 2, 3, 4, 3)
    google.hide_rows(SHEET_ID, "Nha Trang", [3])
    google.hide_rows(SHEET_ID, "Nha Trang", [5, 6], by_filter=True)
    google.hide_tab(SHEET_ID, "Khó khăn vướng mắc")


def test_locale_merges_hidden_rows_and_a_hidden_tab_come_with_the_grids(sheets, key_info):
    lay_out(sheets.google)
    raw = read_google_sheet(SHEET_ID, key_info, api_base=sheets.base_url, policy=FAST)
    assert raw.locale == "en_US"
    assert raw.layouts == {  # 0-based; only the tabs with something to say
        "Nha Trang": TabLayout(merges=((1, 2, 3, 2),), hidden_rows=frozenset({2, 4, 5})),
        "Khó khăn vướng mắc": TabLayout(hidden=True),
    }
    assert raw.layout("Cam Lâm") == TabLayout()
    grid = raw.tabs["Nha Trang"]
    assert grid[1][2] == "Phường Vĩnh Hòa" and grid[2][2] is None and grid[3][2] is None  # top-left only
    assert sheets.google.counts == {"token": 1, "metadata": 1, "batchGet": 1}
    _kind, _path, query = next(r for r in sheets.google.requests if r[0] == "metadata")
    assert query["fields"] == [lib.sources.google_sheet.METADATA_FIELDS]
    assert "includeGridData" not in query  # the mask alone asks for the rows' flags


def test_an_untouched_vietnamese_sheet_has_no_layouts(sheets, key_info):
    raw = reader(sheets, key_info).read()
    assert raw.locale == "vi_VN" and raw.layouts == {}


def test_layouts_are_cached_with_the_tab_list_and_refreshed_on_demand(sheets, key_info):
    now = [0.0]
    sheet = reader(sheets, key_info, clock=lambda: now[0], metadata_ttl=600)
    sheet.read()
    lay_out(sheets.google)
    now[0] += 300
    cached = sheet.read()  # within the cache period: no metadata request, the layout as it was
    assert sheets.google.counts == {"token": 1, "metadata": 1, "batchGet": 2}
    assert cached.layouts == {} and cached.locale == "vi_VN"
    fresh = sheet.read(fresh_tabs=True)
    assert sheets.google.counts == {"token": 1, "metadata": 2, "batchGet": 3}
    assert fresh.locale == "en_US" and set(fresh.layouts) == {"Nha Trang", "Khó khăn vướng mắc"}


def test_a_layout_is_fitted_to_the_grid_read(sheets, key_info):
    """Google's grid is taller than its values, and a cached layout may be older than them."""
    google = sheets.google
    last = len(google.tab(SHEET_ID, "Tập huấn").rows)  # 1-based number of the last row with values
    google.merge(SHEET_ID, "Tập huấn", last - 1, 2, last + 2, 2)  # reaches below the values: cut
    google.merge(SHEET_ID, "Tập huấn", last + 5, 1, last + 6, 3)  # below the values: dropped
    google.merge(SHEET_ID, "Tập huấn", 1, 5, 1, 9)  # past the widest row (5 columns): cut to E1 alone, dropped
    google.hide_rows(SHEET_ID, "Tập huấn", [2, last + 10])
    raw = reader(sheets, key_info).read()
    assert raw.layouts["Tập huấn"] == TabLayout(merges=((last - 2, 1, last - 1, 1),), hidden_rows=frozenset({1}))


def test_rows_of_a_tab_emptied_since_the_layout_was_cached_are_not_reported(sheets, key_info):
    now = [0.0]
    sheet = reader(sheets, key_info, clock=lambda: now[0], metadata_ttl=600)
    sheets.google.merge(SHEET_ID, "Trường Sa", 3, 1, 4, 1)
    sheets.google.hide_rows(SHEET_ID, "Trường Sa", [4])
    assert sheet.read().layouts["Trường Sa"] == TabLayout(merges=((2, 0, 3, 0),), hidden_rows=frozenset({3}))
    del sheets.google.tab(SHEET_ID, "Trường Sa").rows[2:]  # rows cleared within the cache period
    assert "Trường Sa" not in sheet.read().layouts


def test_the_stand_in_applies_locale_merge_and_hide_requests(sheets, key_info):
    """batchUpdate's updateSpreadsheetProperties, mergeCells and hiding rows change what a read sees."""
    google = sheets.google
    gid = google.tab(SHEET_ID, "Huyện").gid

    def batch_update(*requests) -> int:
        with google.lock:
            status, _ = google._batch_update(SHEET_ID, google.spreadsheets[SHEET_ID], {"requests": list(requests)})
        return status

    assert batch_update(
        {"updateSpreadsheetProperties": {"properties": {"locale": "en_GB"}, "fields": "locale"}},
        # Google leaves indices equal to 0 out: startColumnIndex here
        {"mergeCells": {"range": {"sheetId": gid, "startRowIndex": 1, "endRowIndex": 3, "endColumnIndex": 1},
                        "mergeType": "MERGE_ALL"}},
        {"updateDimensionProperties": {"range": {"sheetId": gid, "dimension": "ROWS", "startIndex": 4, "endIndex": 5},
                                       "properties": {"hiddenByUser": True}, "fields": "hiddenByUser"}},
    ) == 200
    raw = reader(sheets, key_info).read()
    assert raw.locale == "en_GB"
    assert raw.layouts["Huyện"] == TabLayout(merges=((1, 0, 2, 0),), hidden_rows=frozenset({4}))
    assert batch_update(
        {"updateSpreadsheetProperties": {"properties": {"locale": "vi_VN"}, "fields": "locale"}},
        {"mergeCells": {"range": {"sheetId": gid, "startRowIndex": 2, "endRowIndex": 4, "endColumnIndex": 1}}},
    ) == 400  # overlaps the first merge: nothing is applied, the locale neither
    assert google.spreadsheets[SHEET_ID].locale == "en_GB"


def test_doctests():
    result = doctest.testmod(lib.sources.google_sheet)
    assert result.attempted > 0 and result.failed == 0
