"""The district table and point list workbook: read back with openpyxl and compared with the metrics."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest

from lib.exports.excel import build_tables_workbook, is_formula_like
from lib.geography import load_geography
from lib.metrics.rollout import compute_rollout

HOSTILE = ('=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)")


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[dict]:
    header = [cell.value for cell in sheet[1]]
    return [dict(zip(header, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]


@pytest.fixture(scope="module")
def province_book(demo_rollout, demo_dataset):
    return _book(build_tables_workbook(demo_rollout, demo_dataset.province))


def test_the_sheets_are_districts_points_and_about(province_book):
    assert province_book.sheetnames == ["Theo huyện", "Điểm tiêm chủng", "Thông tin"]


def test_district_figures_match_the_metrics(province_book, demo_rollout):
    rows = _rows(province_book["Theo huyện"])
    table = demo_rollout.district_readiness
    assert len(rows) == len(table) + 1  # the province total last
    for row, district in zip(rows, table.to_dict("records")):
        assert row["Huyện"] == district["district_name"]
        assert row["Mã huyện"] == district["district_code"]
        assert row["Số điểm tiêm"] == district["points"]
        assert row["Điểm đủ máy tính, máy in, Internet"] == district["points_equipped"]
        assert row["Số cán bộ đã tập huấn"] == district["trained_staff"]
        assert row["Điểm đã triển khai"] == district["points_live"]
        assert row["Số trẻ đã nhập Hệ thống"] == district["children_entered"]
        assert row["Tỷ lệ đã triển khai"] == pytest.approx(district["share_live"])
        assert row["Tỷ lệ trẻ đã nhập"] == pytest.approx(district["share_children"])
    total = rows[-1]
    headline = demo_rollout.headline
    assert total["Huyện"] == "Toàn tỉnh"
    assert (total["Số điểm tiêm"], total["Điểm đã triển khai"], total["Số trẻ thuộc đối tượng"]) == (
        headline["points"], headline["points_live"], headline["eligible_children"])
    assert total["Điểm sẵn sàng (đủ 4 điều kiện)"] == headline["points_ready"]
    # The province divides by the sum of its districts' targets (150 listed, 153 expected).
    assert total["Số điểm tính tỷ lệ"] == sum(row["Số điểm tính tỷ lệ"] for row in rows[:-1]) == 153
    assert total["Tỷ lệ đã triển khai"] == pytest.approx(80 / 153)


def test_point_list_matches_the_metrics_with_the_sheet_headers(province_book, demo_rollout):
    rows = _rows(province_book["Điểm tiêm chủng"])
    points = demo_rollout.point_status.set_index("point_code")
    assert len(rows) == len(points) == 150
    for row in rows:
        point = points.loc[row["Mã điểm"]]
        assert row["Tên điểm tiêm chủng"] == point["point_name"]
        assert row["Huyện"] == point["district_name"]
        assert row["Số cán bộ tiêm chủng"] == point["staff"]
        assert row["Đã triển khai Hệ thống"] == ("Có" if point["live"] else "Không")
        assert row["Số điều kiện đạt (trên 4)"] == point["conditions_met"]


def test_formats_widths_and_frozen_header(province_book):
    sheet = province_book["Theo huyện"]
    header = {cell.value: cell for cell in sheet[1]}
    assert sheet.freeze_panes == "C2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.cell(row=2, column=header["Số trẻ đã nhập Hệ thống"].column).number_format == "#,##0"
    assert sheet.cell(row=2, column=header["Tỷ lệ đã triển khai"].column).number_format == "0.0%"
    assert sheet.column_dimensions["B"].width >= 20
    points = province_book["Điểm tiêm chủng"]
    go_live = next(cell.column for cell in points[1] if cell.value == "Ngày triển khai") - 1
    dated = [row[go_live] for row in points.iter_rows(min_row=2) if row[go_live].value]
    assert dated and all(cell.number_format == "dd/mm/yyyy" and cell.is_date for cell in dated)


def test_a_district_workbook_has_only_its_points(demo_rollout, demo_dataset):
    book = _book(build_tables_workbook(demo_rollout, demo_dataset.province, district_code="570"))
    assert book.sheetnames == ["Điểm tiêm chủng", "Thông tin"]
    rows = _rows(book["Điểm tiêm chủng"])
    assert {row["Huyện"] for row in rows} == {"Huyện Cam Lâm"}
    assert len(rows) == int((demo_rollout.point_status["district_code"] == "570").sum())


def test_english_headers(demo_rollout, demo_dataset):
    book = _book(build_tables_workbook(demo_rollout, demo_dataset.province, "en"))
    assert book.sheetnames == ["Districts", "Vaccination points", "About"]
    assert "Points live" in [cell.value for cell in book["Districts"][1]]


@pytest.mark.parametrize("text, expected", [("=1+1", True), ("+1", True), ("-1+2", True), ("@SUM(A1)", True),
                                            ("\t=1", True), ("Trạm Y tế", False), ("1-2", False), ("", False),
                                            (12, False)])
def test_what_looks_like_a_formula(text, expected):
    assert is_formula_like(text) is expected


def test_formula_like_sheet_text_is_written_as_text(edited_dataset):
    def plant(tabs):
        grid = tabs["Cam Lâm"]
        header = grid[0]
        for offset, text in enumerate(HOSTILE, start=1):
            grid[offset][header.index("Tên điểm tiêm chủng")] = text
            grid[offset][header.index("Ghi chú")] = text
            grid[offset][header.index("Xã/phường/thị trấn")] = text

    dataset = edited_dataset(plant)
    rollout = compute_rollout(dataset, load_geography(), date(2017, 5, 20))
    data = build_tables_workbook(rollout, dataset.province)
    book = _book(data)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    hostile = [cell for cell in cells if cell.value in HOSTILE]
    assert {cell.value for cell in hostile} == set(HOSTILE)
    assert len(hostile) >= 2 * len(HOSTILE)  # names and notes (and communes, where kept)
    for cell in hostile:
        assert cell.data_type == "s", (cell.coordinate, cell.value)
        assert cell.quotePrefix, cell.coordinate  # Excel keeps it text even after the cell is edited
    assert not [cell for cell in cells if cell.data_type == "f"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets), "a formula element was written"


def test_a_district_officers_workbook_names_no_other_districts_points(demo_rollout, demo_dataset):
    from lib.access import DISTRICT, Viewer, restrict_rollout

    seen = restrict_rollout(demo_rollout, Viewer(DISTRICT, "camlam@example.org", ("570",)))
    book = _book(build_tables_workbook(seen, demo_dataset.province))
    assert {row["Huyện"] for row in _rows(book["Điểm tiêm chủng"])} == {"Huyện Cam Lâm"}
    assert len(_rows(book["Theo huyện"])) == len(demo_rollout.district_readiness) + 1  # aggregates stay
