"""Offline snapshots (`lib.sources.snapshot`): what goes in, what comes back, and what must not change."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.sources import Provenance, RawWorkbook, TabLayout, read_source
from lib.sources.snapshot import snapshot_grids, snapshot_path, write_snapshot

SHEET_ID = "1TestKhanhHoa2017RolloutSheet0123456789abcd"


def google_raw(tabs) -> RawWorkbook:
    return RawWorkbook(tabs, Provenance("Bảng “thật”", "google", datetime(2017, 5, 20, 9, 30, 5),
                                        f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit", {"Huyện": 7}))


def test_serial_numbers_in_date_columns_become_dates():
    tabs = {
        "Cấu hình": [["Thông số", "Giá trị"], ["Tên tỉnh", "Khánh Hòa"], ["Ngày số liệu", 42875]],
        "Mốc thời gian": [["Mã mốc", "Nội dung", "Hạn chót"], ["A", "x", 42887], ["B", "y", "01/06/2017"]],
        "Nha Trang": [["Mã điểm", "Tên điểm tiêm chủng", "Số trẻ thuộc đối tượng", "Ngày triển khai"],
                      ["KH-1", "Trạm", 42887, 42852.5]],
    }
    grids = snapshot_grids(google_raw(tabs))
    assert grids["Cấu hình"][2][1] == datetime(2017, 5, 20)
    assert grids["Mốc thời gian"][1][2] == datetime(2017, 6, 1) and grids["Mốc thời gian"][2][2] == "01/06/2017"
    assert grids["Nha Trang"][1][2] == 42887  # a count is not a date
    assert grids["Nha Trang"][1][3] == datetime(2017, 4, 27, 12, 0)


def test_round_trip_keeps_cells_origin_and_awkward_tab_titles(tmp_path):
    tabs = {"Huyện": [["Mã huyện", "Ghi chú"], ["0568", "=HYPERLINK(\"http://x\")"], [None, "a\x0bb"]],
            "Tháng 5/2017: [nháp]": [["x"]], "Một tên trang tính rất dài hơn ba mươi mốt ký tự": [["y"]]}
    path = write_snapshot(google_raw(tabs), tmp_path / "snap.xlsx")
    back = read_source(str(path))
    assert list(back.tabs) == list(tabs)
    assert back.tabs["Huyện"][1] == ["0568", "=HYPERLINK(\"http://x\")"]  # text stays text, never a formula
    assert back.tabs["Huyện"][2] == [None, "ab"]  # characters Excel cannot hold are dropped
    origin = back.provenance.copy_of
    assert (origin.label, origin.kind, origin.read_at) == ("Bảng “thật”", "google",
                                                                        datetime(2017, 5, 20, 9, 30, 5))
    assert origin.url.endswith("/edit") and origin.tab_ids == {"Huyện": 7}
    sheet = openpyxl.load_workbook(path)["Huyện"]
    assert sheet["B2"].data_type == "s"


def test_layout_and_locale_are_kept_in_the_file(tmp_path):
    tabs = {"Huyện": [["Mã huyện", "Tên huyện", "Ghi chú"], ["568", "Nha Trang", "gộp"], [None, None, None],
                      ["569", "Cam Ranh"]],
            "Tháng 5/2017: [nháp]": [["x"]], "Nha Trang": [["Mã điểm"], ["KH-568-01"]]}
    raw = google_raw(tabs)
    raw.locale = "en_US"
    raw.layouts = {"Huyện": TabLayout(merges=((1, 2, 2, 2), (0, 0, 0, 1)), hidden_rows=frozenset({2, 3})),
                   "Tháng 5/2017: [nháp]": TabLayout(hidden=True)}
    path = write_snapshot(raw, tmp_path / "snap.xlsx")
    book = openpyxl.load_workbook(path)
    huyen = book["Huyện"]
    assert sorted(str(cells) for cells in huyen.merged_cells.ranges) == ["A1:B1", "C2:C3"]
    assert huyen["C2"].value == "gộp" and huyen["A1"].value == "Mã huyện"
    assert [n for n in range(1, 6) if huyen.row_dimensions[n].hidden] == [3, 4]
    assert [sheet.sheet_state for sheet in book.worksheets] == ["visible", "hidden", "visible"]
    assert book.active.title == "Huyện"
    properties = {p.name: p.value for p in book.custom_doc_props}
    assert properties["dashboard.locale"] == "en_US"  # the name the workbook reader looks for


def test_a_snapshot_of_a_file_has_no_locale_and_no_layout(tmp_path):
    path = write_snapshot(RawWorkbook({"A": [["1", "2"]]}, Provenance("a.xlsx", "workbook")), tmp_path / "snap.xlsx")
    book = openpyxl.load_workbook(path)
    assert not book["A"].merged_cells.ranges and book["A"].sheet_state == "visible"
    assert "dashboard.locale" not in {p.name for p in book.custom_doc_props}


def test_the_demo_snapshot_cleans_the_same(tmp_path):
    geography = load_geography()
    raw = read_source(str(DEMO_WORKBOOK))
    back = read_source(str(write_snapshot(raw, tmp_path / "demo.xlsx")))
    before, after = clean_workbook(raw, geography), clean_workbook(back, geography)
    assert before.totals() == after.totals()
    assert [p.as_dict() for p in before.problems] == [p.as_dict() for p in after.problems]
    assert before.points.equals(after.points)


def test_an_existing_snapshot_is_replaced_whole(tmp_path):
    path = tmp_path / "snap.xlsx"
    write_snapshot(google_raw({"A": [["1"]]}), path)
    write_snapshot(google_raw({"B": [["2"]]}), path)
    assert list(read_source(str(path)).tabs) == ["B"]
    assert [p.name for p in tmp_path.iterdir()] == ["snap.xlsx"]  # no temporary file left behind


def test_one_snapshot_file_per_sheet(tmp_path):
    assert snapshot_path(f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit", tmp_path) == \
        tmp_path / f"google-{SHEET_ID}.xlsx"
