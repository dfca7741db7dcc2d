"""Whatever is typed into the sheet, cleaning never raises and never loses a row."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib import schema
from lib.cleaning import clean_workbook
from lib.sheet_shape import locate_header
from lib.geography import load_geography
from lib.sources import Provenance, RawWorkbook
from lib.conventions import tab_schema
from lib.textnorm import clean_text
from test_cleaning import CAM_LAM, default_tabs, header

GEOGRAPHY = load_geography()
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values people (and spreadsheets) put in cells, good and bad.
TYPED = (
    "Có", "không", "x", "✓", "K", "chưa rõ", "1.234", "1,234", "12 người", "-5", "nhiều", "1,5", "3.0",
    "01/06/2017", "1/6/17", "2017-06-01", "31/02/2017", "20/05/2107", "42887", "hôm qua", "Trạm y tế",
    "tram y te", "Nhà thuốc", "Xã Cam Hải Đông", "Xã Cam Hải Đôngg", "Thị trấn Cam Đức", "Huyện Cam Lâm",
    "KH-570-01", "KH-570-01", "007", "=1+1", "=SUM(A1:A3)", "#REF!", "#N/A", "Mã điểm", "Vĩ độ", "Point code",
    "Cam Lâm", "Tập huấn", "Toàn tỉnh", "12.1292", "109.1858", "😷💉", "\u200b", "\ufeff", "  ", "",
    unicodedata.normalize("NFD", "Trạm Y tế xã Cam Hải Đông"), "a\u200bb\u00a0c", "\x00\x07", "' OR 1=1 --",
    "<script>alert(1)</script>", "Đạt", "Chưa đạt", "Mới", "Đã giải quyết",
)
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "
TEXT = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + "0123456789.,-/", max_size=24),
    st.text(alphabet=VIETNAMESE, max_size=16).map(lambda text: unicodedata.normalize("NFD", text)),
    st.sampled_from(TYPED),
)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**25), max_value=10**25),
    st.integers(min_value=-5, max_value=50_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-200, max_value=200),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
    st.times(),
)
# Rows with a code and a name get past the identity check, so their other cells reach the tables.
IDENTIFIED_ROW = st.builds(lambda code, name, rest: [code, name, *rest],
                           st.sampled_from(["KH-570-01", "KH-570-02", "kh-570-01", "007", "7", "KH-575-01"]),
                           st.sampled_from(["Trạm Y tế xã Cam Hải Đông", "Bệnh viện", "x"]),
                           st.lists(CELL, min_size=15, max_size=20))
ROW = st.one_of(st.lists(CELL, max_size=22), IDENTIFIED_ROW)
GRID = st.lists(ROW, max_size=8)


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, float) and math.isnan(cell)) or (
        isinstance(cell, str) and clean_text(cell) == "")


def _non_blank_rows(rows) -> int:
    return sum(1 for row in rows if not all(_blank(cell) for cell in row))


def _clean(tabs):
    raw = RawWorkbook(tabs=tabs, provenance=Provenance("property.xlsx", "workbook"))
    return raw, clean_workbook(raw, GEOGRAPHY)


def _check_accounting(dataset):
    for entry in dataset.summary:
        assert entry.rows_read == entry.rows_kept + entry.rows_set_aside, entry
        assert entry.rows_set_aside >= 0 and entry.rows_kept >= 0, entry
        if entry.kind == "points":
            assert entry.rows_kept == int((dataset.points["tab"] == entry.tab).sum()), entry
    for problem in dataset.problems:
        assert problem.severity in {"error", "warning", "info"}
        assert problem.cell.startswith(problem.tab)
        assert problem.message_vi and problem.message_en


@PROPERTY_SETTINGS
@given(titles=st.lists(st.lists(TEXT, max_size=2), max_size=2), body=GRID)
def test_any_cells_under_the_points_header(titles, body):
    grid = [*titles, header(schema.POINTS), *body]
    _, dataset = _clean({**default_tabs(), CAM_LAM: grid})
    _check_accounting(dataset)
    entry = next(entry for entry in dataset.summary if entry.tab == CAM_LAM)
    assert entry.rows_read == _non_blank_rows(body)


@PROPERTY_SETTINGS
@given(tab=st.sampled_from([CAM_LAM, "Huyện", "Mốc thời gian", "Cấu hình", "Tập huấn", "Khó khăn vướng mắc",
                            "Trang lạ"]),
       grid=st.lists(st.lists(CELL, max_size=8), max_size=10))
def test_any_grid_in_any_tab(tab, grid):
    _, dataset = _clean({**default_tabs(), tab: grid})
    _check_accounting(dataset)
    entries = [entry for entry in dataset.summary if entry.tab == tab]
    header_match = locate_header(grid, tab_schema(tab))
    if header_match is None:
        expected = _non_blank_rows(grid)  # no header: every non-blank row is set aside
        for entry in entries:
            assert entry.rows_read == entry.rows_set_aside == expected, entry
    else:
        for entry in entries:
            if entry.kind == tab_schema(tab).key:
                assert entry.rows_read == _non_blank_rows(grid[header_match.row_index + 1:]), entry


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 10**30, -(10**30), 1e308,
                                   date(1, 1, 1), datetime(9999, 12, 31, 23, 59), time(8, 0), True, "=1+1", "😷"])
def test_extreme_value_in_every_points_column(value):
    rows = [[value] * len(schema.POINTS.columns), ["KH-1", "Trạm", *[value] * (len(schema.POINTS.columns) - 2)]]
    _, dataset = _clean({**default_tabs(), CAM_LAM: [header(schema.POINTS), *rows]})
    _check_accounting(dataset)
