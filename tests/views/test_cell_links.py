"""From a problem to its cell: the Google Sheet address built for each problem, and the table's link column."""

from __future__ import annotations

import pytest

from lib.cleaning import make_problem
from lib.views.tables import build_problem_table, problem_cell_range, problem_cell_url

SHEET_URL = "https://docs.google.com/spreadsheets/d/1AbC/edit"
TAB_IDS = {"Cam Lâm": 1234, "Huyện": 0, "It's": 7}


def problem(tab="Cam Lâm", row=3, col_index=10, rule="trained_exceeds_staff"):
    return make_problem(tab, row, col_index, "Số cán bộ đã tập huấn", "5", "error", rule,
                        {"trained": 5, "staff": 4})


@pytest.mark.parametrize("found, expected", [
    (problem(), f"{SHEET_URL}#gid=1234&range=K3"),
    (problem(tab="Huyện", row=12, col_index=0), f"{SHEET_URL}#gid=0&range=A12"),
    (problem(tab="It's", row=2, col_index=27), f"{SHEET_URL}#gid=7&range=AB2"),
    (problem(row=9, col_index=None), f"{SHEET_URL}#gid=1234&range=9:9"),  # a whole row
    (problem(row=None, col_index=None, rule="extra_tab"), f"{SHEET_URL}#gid=1234"),  # a whole tab
    (problem(tab="Không có"), None),  # the tab is not in the sheet
])
def test_cell_url(found, expected):
    assert problem_cell_url(found, SHEET_URL, TAB_IDS) == expected


def test_no_url_for_a_workbook():
    assert problem_cell_url(problem(), None, {}) is None


def test_a_url_with_a_fragment_is_not_doubled():
    assert problem_cell_url(problem(), SHEET_URL + "#gid=0", TAB_IDS) == f"{SHEET_URL}#gid=1234&range=K3"


def test_range_of_a_cell():
    assert problem_cell_range(problem()) == "K3"


def test_table_has_a_link_column_only_for_a_google_sheet():
    on_sheet = build_problem_table([problem()], "vi", SHEET_URL, TAB_IDS)
    assert list(on_sheet.columns) == ["Mức độ", "Ô", "Sửa trên Google Sheet", "Cột", "Giá trị đã nhập", "Cần sửa"]
    assert on_sheet.iloc[0]["Sửa trên Google Sheet"] == f"{SHEET_URL}#gid=1234&range=K3"
    assert on_sheet.iloc[0]["Ô"] == "Cam Lâm!K3"
    in_workbook = build_problem_table([problem()], "en")
    assert "Fix in the Google Sheet" not in in_workbook.columns and in_workbook.iloc[0]["Cell"] == "Cam Lâm!K3"
