"""Raw grids → typed tables plus located problems: workbooks built in code, one rule per row."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

import pandas as pd
import pyarrow as pa
import pytest

from lib import schema
from lib.cleaning import WIDE_DATE_WINDOW, clean_workbook
from lib.geography import load_geography
from lib.sources import Provenance, RawWorkbook
from lib.textnorm import fold

SEVERITIES = {"error", "warning", "info"}
CELL = re.compile(r"^(?P<tab>.+)!(?P<column>[A-Z]{1,3})(?P<row>[1-9]\d*)$")

CAM_LAM, KHANH_SON = "Cam Lâm", "Khánh Sơn"
POINT_KEYS = [column.key for column in schema.POINTS.columns]


def _letter(key: str) -> str:
    """The column letter of a points-tab column when the header is the schema's, from A."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[POINT_KEYS.index(key)]


def header(tab: schema.Tab) -> list[str]:
    return [column.header_vi for column in tab.columns]


def point_row(**values) -> list:
    """A valid point (a commune health station that is live), with `values` replacing defaults."""
    defaults = dict(
        point_code="KH-570-01", point_name="Trạm Y tế xã Cam Hải Đông", commune="Xã Cam Hải Đông",
        point_type="Trạm y tế", latitude=12.1292, longitude=109.1858, has_computer="Có", has_printer="Có",
        has_internet="Có", staff=4, trained_staff=3, training_date="20/04/2017", proficient="Có",
        eligible_children=500, children_entered=400, go_live_date="10/05/2017", supervision_date=None,
        supervision_result=None, notes=None,
    )
    unknown = set(values) - set(defaults)
    assert not unknown, unknown
    merged = {**defaults, **values}
    return [merged[key] for key in POINT_KEYS]


def default_tabs() -> dict[str, list[list]]:
    return {
        "Cấu hình": [header(schema.SETTINGS), ["Tên tỉnh", "Khánh Hòa"], ["Ngày số liệu", "20/05/2017"]],
        "Mốc thời gian": [
            header(schema.MILESTONES),
            ["TRIEN-KHAI", "Triển khai Hệ thống đến toàn bộ điểm tiêm", "01/06/2017", "TTYT dự phòng",
             "Triển khai điểm tiêm"],
            ["BC-TINH", "Báo cáo kết quả về Sở Y tế", "15/06/2017", "TTYT dự phòng", "Báo cáo tỉnh"],
        ],
        "Huyện": [
            header(schema.DISTRICTS),
            ["570", "Huyện Cam Lâm", CAM_LAM, 2, None, "Chị Lan 0905 000 000", None],
            ["575", "Huyện Khánh Sơn", KHANH_SON, 1, "05/06/2017", None, None],
        ],
        CAM_LAM: [
            header(schema.POINTS),
            point_row(),
            point_row(point_code="KH-570-02", point_name="Trạm Y tế thị trấn Cam Đức",
                      commune="Thị trấn Cam Đức", latitude=None, longitude=None),
        ],
        KHANH_SON: [
            header(schema.POINTS),
            point_row(point_code="KH-575-01", point_name="Trạm Y tế thị trấn Tô Hạp", commune="Thị trấn Tô Hạp",
                      latitude=11.9873, longitude=108.9366, has_internet="Không", go_live_date=None,
                      children_entered=0),
        ],
        "Tập huấn": [header(schema.TRAINING), ["20/04/2017", "Huyện Cam Lâm", "Hội trường TTYT", 8, 2]],
        "Khó khăn vướng mắc": [
            header(schema.DIFFICULTIES),
            ["05/05/2017", "Khánh Sơn", "Trạm Y tế thị trấn Tô Hạp", "Chưa có đường truyền Internet", "Mới", None],
        ],
    }


def make_workbook(**overrides) -> RawWorkbook:
    """The small two-district workbook; `overrides` maps tab names to grids (None drops the tab).

    Tab names are not identifiers, so call it as `make_workbook(**{"Cam Lâm": grid})`.
    """
    tabs = default_tabs()
    for name, grid in overrides.items():
        if grid is None:
            tabs.pop(name, None)
        else:
            tabs[name] = grid
    return RawWorkbook(tabs=tabs, provenance=Provenance("test.xlsx", "workbook"))


def points_tab(*rows: list, head: list | None = None) -> list[list]:
    return [head or header(schema.POINTS), *rows]


@pytest.fixture(scope="module")
def geography():
    return load_geography()


@pytest.fixture
def clean(geography):
    def run(**overrides):
        return clean_workbook(make_workbook(**overrides), geography)

    return run


def summary_of(dataset, tab: str):
    return next(entry for entry in dataset.summary if entry.tab == tab)


def problems_with(dataset, rule: str):
    return [problem for problem in dataset.problems if problem.rule == rule]


def only_problem(dataset, rule: str):
    found = problems_with(dataset, rule)
    assert len(found) == 1, [(p.cell, p.rule) for p in dataset.problems]
    return found[0]


# ---------------------------------------------------------------- the clean baseline


def test_clean_workbook_has_no_problems(clean):
    dataset = clean()
    assert [(p.cell, p.rule, p.message_en) for p in dataset.problems] == []
    assert dataset.province == "Khánh Hòa"
    assert dataset.as_of == date(2017, 5, 20)
    assert len(dataset.milestones) == 2
    assert list(dataset.districts["district_code"]) == ["570", "575"]
    assert list(dataset.points["point_code"]) == ["KH-570-01", "KH-570-02", "KH-575-01"]
    assert list(dataset.points["district_code"]) == ["570", "570", "575"]
    assert list(dataset.points["commune_code"]) == ["22441", "22453", "22714"]
    assert list(dataset.training["district_code"]) == ["570"]
    assert list(dataset.difficulties["district_code"]) == ["575"]
    assert dataset.totals() == {"rows_read": 11, "rows_kept": 11, "rows_set_aside": 0}


# ---------------------------------------------------------------- headers


def _upper(text):
    return text.upper()


def _no_accents(text):
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(text):
    return "  " + text.replace(" ", "   ") + " "


def _punctuated(text):
    return text + ":" if len(text) % 2 else f"{text} (*)"


def _nfd_zero_width(text):
    return "\u200b" + unicodedata.normalize("NFD", text)


def _english(text):
    return next(column.label_en for column in schema.POINTS.columns if column.header_vi == text)


def _key(text):
    return next(column.key for column in schema.POINTS.columns if column.header_vi == text)


@pytest.mark.parametrize(
    "transform", [_upper, _no_accents, _spaced, _punctuated, _nfd_zero_width, _english, _key],
    ids=lambda f: f.__name__.strip("_"),
)
def test_headers_matched_loosely(clean, transform):
    grid = points_tab(point_row(), point_row(point_code="KH-570-02", staff=3, trained_staff=5),
                      head=[transform(text) for text in header(schema.POINTS)])
    dataset = clean(**{CAM_LAM: grid})
    assert [(p.cell, p.rule) for p in dataset.problems] == [(f"{CAM_LAM}!K3", "trained_exceeds_staff")]
    assert summary_of(dataset, CAM_LAM).rows_kept == 2


def test_aliases_are_headers(clean):
    head = header(schema.POINTS)
    head[0], head[1], head[9] = "Mã điểm tiêm", "Tên điểm", "Số cán bộ"
    dataset = clean(**{CAM_LAM: points_tab(point_row(staff=7), head=head)})
    assert dataset.problems == []
    assert dataset.points.loc[0, "staff"] == 7


def test_header_below_title_rows(clean):
    grid = [
        ["DANH SÁCH ĐIỂM TIÊM CHỦNG HUYỆN CAM LÂM", None, None],
        [None, "Cập nhật ngày 20/05/2017"],
        header(schema.POINTS),
        point_row(),
        point_row(point_code="KH-570-02", staff=3, trained_staff=5),
    ]
    dataset = clean(**{CAM_LAM: grid})
    # Title rows are neither data nor problems; cells keep their sheet row numbers.
    assert [(p.cell, p.rule) for p in dataset.problems] == [(f"{CAM_LAM}!K5", "trained_exceeds_staff")]
    assert summary_of(dataset, CAM_LAM).rows_read == 2
    assert list(dataset.points.loc[dataset.points["tab"] == CAM_LAM, "row"]) == [4, 5]


def test_extra_column_is_one_info_at_its_header_cell(clean):
    grid = [header(schema.POINTS) + ["Người nhập"], point_row() + ["Lan"], point_row(point_code="KH-570-02") + [None]]
    dataset = clean(**{CAM_LAM: grid})
    problem = only_problem(dataset, "extra_column")
    assert (problem.cell, problem.severity, problem.row, problem.value) == (f"{CAM_LAM}!T1", "info", 1, "Người nhập")
    assert len(dataset.problems) == 1
    assert summary_of(dataset, CAM_LAM).rows_kept == 2


def test_extra_column_between_known_columns(clean):
    head = header(schema.POINTS)
    rows = [point_row(), point_row(point_code="KH-570-02", staff=3, trained_staff=5)]
    grid = [head[:2] + ["STT"] + head[2:]] + [row[:2] + [index] + row[2:] for index, row in enumerate(rows, 1)]
    dataset = clean(**{CAM_LAM: grid})
    assert sorted((p.cell, p.rule) for p in dataset.problems) == [
        (f"{CAM_LAM}!C1", "extra_column"), (f"{CAM_LAM}!L3", "trained_exceeds_staff")]


def test_missing_required_column_sets_the_tab_aside(clean):
    drop = POINT_KEYS.index("commune")
    grid = [[cell for index, cell in enumerate(row) if index != drop] for row in default_tabs()[CAM_LAM]]
    dataset = clean(**{CAM_LAM: grid})
    problem = only_problem(dataset, "missing_column")
    assert (problem.tab, problem.cell, problem.severity, problem.row) == (CAM_LAM, CAM_LAM, "error", None)
    assert problem.column == "Xã/phường/thị trấn"
    assert [p.rule for p in dataset.problems] == ["missing_column"]
    entry = summary_of(dataset, CAM_LAM)
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (2, 0, 2)
    # The other tabs still load.
    assert list(dataset.points["point_code"]) == ["KH-575-01"]
    assert len(dataset.training) == 1 and len(dataset.districts) == 2


def test_missing_optional_column_is_read_as_blank_and_said(clean):
    drop = POINT_KEYS.index("notes")
    grid = [[cell for index, cell in enumerate(row) if index != drop] for row in default_tabs()[CAM_LAM]]
    dataset = clean(**{CAM_LAM: grid})
    assert [(p.cell, p.column, p.severity, p.rule) for p in dataset.problems] == [
        (CAM_LAM, "Ghi chú", "info", "missing_optional_column")]
    assert dataset.points["notes"].isna().all()


def test_tab_without_header_sets_its_rows_aside(clean):
    dataset = clean(**{CAM_LAM: [["a", "b"], ["c", None], [None, None]]})
    problem = only_problem(dataset, "header_not_found")
    assert (problem.cell, problem.severity) == (CAM_LAM, "error")
    entry = summary_of(dataset, CAM_LAM)
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (2, 0, 2)


# ---------------------------------------------------------------- tabs


@pytest.mark.parametrize("tab", [tab.title for tab in schema.FIXED_TABS])
def test_missing_fixed_tab_is_an_error_and_the_rest_loads(clean, tab):
    dataset = clean(**{tab: None})
    problem = next(p for p in dataset.problems if p.rule == "missing_tab")
    assert (problem.tab, problem.cell, problem.severity) == (tab, tab, "error")
    # Points are never lost: without Huyện the district tabs are read as unlisted district tabs.
    assert sorted(dataset.points["point_code"]) == ["KH-570-01", "KH-570-02", "KH-575-01"]
    assert sorted(set(dataset.points["district_code"])) == ["570", "575"]


def test_tab_names_matched_loosely(clean, geography):
    tabs = default_tabs()
    tabs["cau hinh"] = tabs.pop("Cấu hình")
    tabs["TẬP HUẤN"] = tabs.pop("Tập huấn")
    tabs["cam lam"] = tabs.pop(CAM_LAM)
    dataset = clean_workbook(RawWorkbook(tabs, Provenance("test.xlsx", "workbook")), geography)
    assert dataset.problems == []
    assert len(dataset.training) == 1 and len(dataset.points) == 3


def test_district_tab_listed_but_missing(clean):
    dataset = clean(**{KHANH_SON: None})
    problem = only_problem(dataset, "missing_tab")
    assert (problem.cell, problem.severity) == ("Huyện!C3", "error")
    assert list(dataset.districts["district_code"]) == ["570", "575"]


def test_unlisted_tab_with_point_headers_is_still_read(clean):
    van_ninh = points_tab(point_row(point_code="KH-571-01", point_name="Trạm Y tế xã Vạn Thắng",
                                    commune="Xã Vạn Thắng", latitude=None, longitude=None))
    dataset = clean(**{"Vạn Ninh": van_ninh})
    problem = only_problem(dataset, "unlisted_district_tab")
    assert (problem.tab, problem.cell, problem.severity, problem.district_code) == (
        "Vạn Ninh", "Vạn Ninh", "warning", "571")
    row = dataset.points[dataset.points["point_code"] == "KH-571-01"].iloc[0]
    assert (row["district_code"], row["district_name"], row["tab"]) == ("571", "Huyện Vạn Ninh", "Vạn Ninh")
    assert summary_of(dataset, "Vạn Ninh").rows_kept == 1


def test_unlisted_tab_not_named_after_a_district(clean):
    dataset = clean(**{"Bản sao": points_tab(point_row(point_code="KH-999-01", commune="Xã Cam Hải Đông"))})
    problem = only_problem(dataset, "unlisted_district_tab")
    assert problem.district_code is None
    assert "KH-999-01" in set(dataset.points["point_code"])


def test_unrelated_tab_is_reported_and_ignored(clean):
    dataset = clean(**{"Ghi chú": [["Ghi chú của TTYT"], ["Gọi lại cho huyện Khánh Sơn"]]})
    problem = only_problem(dataset, "extra_tab")
    assert (problem.cell, problem.severity) == ("Ghi chú", "info")
    assert all(entry.tab != "Ghi chú" for entry in dataset.summary)


# ---------------------------------------------------------------- rules on cells and rows

SECOND = dict(point_code="KH-570-02", point_name="Trạm Y tế thị trấn Cam Đức", commune="Thị trấn Cam Đức",
              latitude=None, longitude=None)


@pytest.mark.parametrize(
    "values,cell,rule,severity",
    [
        (dict(staff=3, trained_staff=5), "K3", "trained_exceeds_staff", "error"),
        (dict(eligible_children=684, children_entered=846), "O3", "entered_exceeds_eligible", "warning"),
        (dict(staff="-5"), "J3", "negative_count", "error"),
        (dict(eligible_children=-5), "N3", "negative_count", "error"),
        (dict(eligible_children="nhiều"), "N3", "invalid_count", "error"),
        (dict(staff=1.5), "J3", "invalid_count", "error"),
        (dict(staff="12 người", trained_staff=2), "J3", "count_with_text", "info"),
        (dict(training_date="31/02/2017"), "L3", "invalid_date", "error"),
        (dict(go_live_date="hôm qua"), "P3", "invalid_date", "error"),
        (dict(go_live_date="20/05/2107"), "P3", "date_out_of_window", "error"),
        (dict(training_date="01/06/2014"), "L3", "date_out_of_window", "error"),  # deadlines - 3 years
        (dict(supervision_date="15/06/2020"), "Q3", "date_out_of_window", "error"),  # deadlines + 3 years
        (dict(has_internet="chưa rõ"), "I3", "invalid_yes_no", "error"),
        (dict(point_type="Nhà thuốc"), "D3", "invalid_choice", "error"),
        (dict(supervision_result="tốt"), "R3", "invalid_choice", "error"),
        (dict(commune="Xã Cam Hải Đôngg"), "C3", "unknown_commune", "warning"),
        (dict(commune="Xã Tô Hạp"), "C3", "unknown_commune", "warning"),  # a commune of another district
        (dict(commune="Xa Cam Hai Dong"), "C3", "commune_spelling", "warning"),
        (dict(latitude=109.1858, longitude=12.1292), "E3", "outside_province", "warning"),
        (dict(latitude=12.1292, longitude=None), "E3", "incomplete_coordinates", "warning"),
        (dict(latitude=None, longitude=109.1858), "F3", "incomplete_coordinates", "warning"),
        (dict(commune=None), "C3", "missing_value", "warning"),
        (dict(point_type=None), "D3", "missing_value", "warning"),
    ],
)
def test_cell_rule(clean, values, cell, rule, severity):
    dataset = clean(**{CAM_LAM: points_tab(point_row(), point_row(**{**SECOND, **values}))})
    assert [(p.cell, p.rule, p.severity) for p in dataset.problems] == [(f"{CAM_LAM}!{cell}", rule, severity)]
    problem = dataset.problems[0]
    assert (problem.tab, problem.row, problem.district_code) == (CAM_LAM, 3, "570")
    # A cell rule flags the row but keeps it.
    assert summary_of(dataset, CAM_LAM).rows_kept == 2
    assert len(dataset.points) == 3


def test_unreadable_coordinate(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(latitude="mười hai"))})
    # Unreadable, so only the longitude is left: both are said, and neither is drawn.
    assert [(p.cell, p.rule, p.severity) for p in dataset.problems] == [
        (f"{CAM_LAM}!E2", "invalid_number", "error"), (f"{CAM_LAM}!F2", "incomplete_coordinates", "warning")]
    assert dataset.points.loc[0, "longitude"] is pd.NA


def test_unreadable_cell_becomes_missing(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(staff="nhiều", has_internet="chưa rõ",
                                                     training_date="31/02/2017"))})
    row = dataset.points.iloc[0]
    assert row["staff"] is pd.NA and row["has_internet"] is pd.NA and pd.isna(row["training_date"])


def test_problem_quotes_the_raw_value(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(eligible_children="nhiều"))})
    problem = only_problem(dataset, "invalid_count")
    assert problem.value == "nhiều"
    assert problem.column == "Số trẻ thuộc đối tượng"
    assert "nhiều" in problem.message_vi and "nhiều" in problem.message_en


def test_trained_exceeds_staff_message_gives_both_numbers(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(staff=3, trained_staff=5))})
    problem = only_problem(dataset, "trained_exceeds_staff")
    assert problem.cell == f"{CAM_LAM}!K2"
    assert "5" in problem.message_en and "3" in problem.message_en


def test_unknown_commune_suggests_the_closest(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(commune="Xã Cam Hải Đôngg"))})
    problem = only_problem(dataset, "unknown_commune")
    assert problem.cell == f"{CAM_LAM}!C2"
    assert "Xã Cam Hải Đông”" in problem.message_vi and "Huyện Cam Lâm" in problem.message_vi
    assert "Did you mean “Xã Cam Hải Đông”" in problem.message_en
    assert dataset.points.loc[0, "commune_code"] is pd.NA


def test_commune_matched_without_prefix_or_case(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(commune="Cam Hải Đông"), point_row(
        point_code="KH-570-02", commune="xã cam hải đông"))})
    assert dataset.problems == []
    assert list(dataset.points["commune_code"][:2]) == ["22441", "22441"]


def test_outside_province_drops_coordinates(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(latitude=109.1858, longitude=12.1292))})
    problem = only_problem(dataset, "outside_province")
    assert problem.cell == f"{CAM_LAM}!E2"
    assert "109.1858" in problem.message_en and "12.1292" in problem.message_en
    row = dataset.points.iloc[0]
    assert row["latitude"] is pd.NA and row["longitude"] is pd.NA


def test_incomplete_coordinates_dropped(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(longitude=None))})
    assert only_problem(dataset, "incomplete_coordinates").cell == f"{CAM_LAM}!E2"
    assert dataset.points.loc[0, "latitude"] is pd.NA


def test_coordinates_as_text_with_decimal_comma(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(latitude="12,1292", longitude="109,1858"))})
    assert dataset.problems == []
    assert dataset.points.loc[0, "latitude"] == pytest.approx(12.1292)


def test_offshore_point_is_inside(clean):
    # Trường Sa's seat lies far from the mainland box but is part of the province.
    truong_sa = points_tab(point_row(point_code="KH-576-01", point_name="Trạm Y tế thị trấn Trường Sa",
                                     commune="Thị trấn Trường Sa", latitude=8.6447, longitude=111.92))
    dataset = clean(**{"Trường Sa": truong_sa})
    assert problems_with(dataset, "outside_province") == []


# ---------------------------------------------------------------- rows set aside


@pytest.mark.parametrize("key,cell", [("point_code", "A3"), ("point_name", "B3")])
def test_missing_identity_sets_the_row_aside(clean, key, cell):
    dataset = clean(**{CAM_LAM: points_tab(point_row(), point_row(**{**SECOND, key: "  "}))})
    problem = only_problem(dataset, "missing_required")
    assert (problem.cell, problem.severity, problem.row) == (f"{CAM_LAM}!{cell}", "error", 3)
    entry = summary_of(dataset, CAM_LAM)
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (2, 1, 1)
    assert "KH-570-02" not in set(dataset.points["point_code"])


def test_duplicate_point_code_in_the_same_tab(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(), point_row(point_name="Bản sao"), point_row(
        point_code="KH-570-03"))})
    problem = only_problem(dataset, "duplicate_code")
    assert (problem.cell, problem.severity, problem.value) == (f"{CAM_LAM}!A3", "error", "KH-570-01")
    assert f"{CAM_LAM}!A2" in problem.message_vi and f"{CAM_LAM}!A2" in problem.message_en
    entry = summary_of(dataset, CAM_LAM)
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (3, 2, 1)
    # The first one is kept, the second set aside.
    kept = dataset.points[dataset.points["point_code"] == "KH-570-01"]
    assert list(kept["point_name"]) == ["Trạm Y tế xã Cam Hải Đông"]


def test_same_point_code_in_two_districts_is_two_points(clean):
    # A point is its district and its code: districts that both number 1, 2, 3… keep every point.
    khanh_son = points_tab(point_row(point_code="kh-570-02", commune="Thị trấn Tô Hạp", latitude=None,
                                     longitude=None))
    dataset = clean(**{KHANH_SON: khanh_son})
    assert [p for p in dataset.problems if p.rule == "duplicate_code"] == []
    assert summary_of(dataset, KHANH_SON).rows_set_aside == 0
    assert sorted(dataset.points.loc[dataset.points["point_code"].str.casefold() == "kh-570-02", "tab"]) == [
        CAM_LAM, KHANH_SON]


def test_duplicate_point_code_inside_one_tab_names_both_cells(clean):
    tab = default_tabs()[CAM_LAM]
    dataset = clean(**{CAM_LAM: tab + [[tab[2][0].lower(), *tab[2][1:]]]})
    problem = only_problem(dataset, "duplicate_code")
    assert problem.cell == f"{CAM_LAM}!A{len(tab) + 1}"
    assert f"{CAM_LAM}!A3" in problem.message_en and f"{CAM_LAM}!A3" in problem.message_vi
    assert summary_of(dataset, CAM_LAM).rows_set_aside == 1


def test_duplicate_milestone_and_district_codes(clean):
    tabs = default_tabs()
    dataset = clean(**{
        "Mốc thời gian": tabs["Mốc thời gian"] + [["TRIEN-KHAI", "Lặp lại", "01/06/2017", None, None]],
        "Huyện": tabs["Huyện"] + [["570", "Huyện Cam Lâm", CAM_LAM, 2, None, None, None]],
    })
    assert sorted((p.cell, p.rule) for p in dataset.problems) == [
        ("Huyện!A4", "duplicate_code"), ("Mốc thời gian!A4", "duplicate_code")]
    assert summary_of(dataset, "Huyện").rows_set_aside == 1
    assert len(dataset.milestones) == 2


def test_blank_rows_are_not_counted(clean):
    dataset = clean(**{CAM_LAM: points_tab([None] * 19, point_row(), ["", " ", None], point_row(
        point_code="KH-570-02", staff=3, trained_staff=5))})
    assert [p.cell for p in dataset.problems] == [f"{CAM_LAM}!K5"]
    assert summary_of(dataset, CAM_LAM).rows_read == 2


# ---------------------------------------------------------------- the date window


def test_window_follows_the_milestones(clean):
    tabs = default_tabs()
    milestones = [tabs["Mốc thời gian"][0], ["XA", "Mốc xa", "01/06/2030", None, "Khác"]]
    dataset = clean(**{"Mốc thời gian": milestones})
    # 2017 is more than 3 years before the only deadline: every 2017 date in the points is out.
    out = problems_with(dataset, "date_out_of_window")
    assert {p.cell for p in out} >= {f"{CAM_LAM}!L2", f"{CAM_LAM}!P2", "Tập huấn!A2"}
    assert "02/06/2027" in out[0].message_vi


def test_no_milestones_means_the_wide_window(clean):
    dataset = clean(**{"Mốc thời gian": [header(schema.MILESTONES)],
                       CAM_LAM: points_tab(point_row(go_live_date="01/01/1995"))})
    assert problems_with(dataset, "date_out_of_window") == []
    assert WIDE_DATE_WINDOW[0] <= date(1995, 1, 1)


def test_dates_in_log_tabs_are_checked(clean):
    dataset = clean(**{"Tập huấn": [header(schema.TRAINING), ["20/04/2107", "Cam Lâm", None, 8, 2]]})
    assert [(p.cell, p.rule) for p in dataset.problems] == [("Tập huấn!A2", "date_out_of_window")]


# ---------------------------------------------------------------- log tabs


@pytest.mark.parametrize(
    "typed,code", [("Huyện Cam Lâm", "570"), ("Cam Lâm", "570"), ("cam lam", "570"), ("H. Khánh Sơn", None),
                   ("Toàn tỉnh", None)],
)
def test_training_district_names(clean, typed, code):
    dataset = clean(**{"Tập huấn": [header(schema.TRAINING), ["20/04/2017", typed, None, 8, 2]]})
    row = dataset.training.iloc[0]
    if code is None:
        assert row["district_code"] is pd.NA
    else:
        assert (row["district_code"], row["district"]) == (code, "Huyện Cam Lâm")
        assert dataset.problems == []


@pytest.mark.parametrize("typed,suggestion", [("Diên Khánhh", "Huyện Diên Khánh"), ("Cam Lâmm", "Huyện Cam Lâm")])
def test_unknown_district_in_training_with_suggestion(clean, typed, suggestion):
    dataset = clean(**{"Tập huấn": [header(schema.TRAINING), ["20/04/2017", "Cam Lâm", None, 8, 2],
                                    ["21/04/2017", typed, None, 3, 1]]})
    problem = only_problem(dataset, "unknown_district")
    assert (problem.cell, problem.severity, problem.value) == ("Tập huấn!B3", "warning", typed)
    assert f"“{suggestion}”" in problem.message_vi and f"Did you mean “{suggestion}”" in problem.message_en
    assert len(dataset.training) == 2


def test_unknown_district_in_difficulties(clean):
    rows = [header(schema.DIFFICULTIES), ["05/05/2017", "Khánh Sơnn", None, "Mất điện", "mới", None]]
    dataset = clean(**{"Khó khăn vướng mắc": rows})
    assert [(p.cell, p.rule) for p in dataset.problems] == [("Khó khăn vướng mắc!B2", "unknown_district")]
    assert dataset.difficulties.loc[0, "status"] == "Mới"


def test_province_wide_training_is_not_an_unknown_district(clean):
    dataset = clean(**{"Tập huấn": [header(schema.TRAINING), ["20/04/2017", "Toàn tỉnh", None, 30, 10]]})
    assert dataset.problems == []


# ---------------------------------------------------------------- settings and districts


def test_settings(clean):
    dataset = clean(**{"Cấu hình": [header(schema.SETTINGS), ["Province", "Khánh Hòa"], ["Màu nền", "xanh"]]})
    assert dataset.province == "Khánh Hòa" and dataset.as_of is None
    problem = only_problem(dataset, "unknown_setting")
    assert (problem.cell, problem.severity) == ("Cấu hình!A3", "info")


def test_missing_province_is_a_warning(clean):
    dataset = clean(**{"Cấu hình": [header(schema.SETTINGS), ["Ngày số liệu", "hôm qua"]]})
    assert sorted((p.cell, p.rule, p.severity) for p in dataset.problems) == [
        ("Cấu hình", "missing_setting", "warning"), ("Cấu hình!B2", "invalid_date", "error")]
    assert dataset.province == "Khánh Hòa"  # the map's province names the pages meanwhile


def test_district_code_not_on_the_map(clean):
    tabs = default_tabs()
    dataset = clean(**{"Huyện": tabs["Huyện"] + [["999", "Huyện Mới", "Mới", 1, None, None, None]],
                       "Mới": points_tab(point_row(point_code="KH-999-01", commune="Xã Mới", latitude=None,
                                                   longitude=None))})
    assert [(p.cell, p.rule) for p in dataset.problems] == [("Huyện!A4", "district_not_on_map")]
    assert "KH-999-01" in set(dataset.points["point_code"])


# ---------------------------------------------------------------- every problem, every row


def messy_workbook() -> RawWorkbook:
    tabs = default_tabs()
    return make_workbook(**{
        "Cấu hình": [["Cấu hình chung"], header(schema.SETTINGS), ["Tên tỉnh", None], ["Màu", "xanh"]],
        "Mốc thời gian": tabs["Mốc thời gian"] + [["TRIEN-KHAI", "Lặp", "hôm qua", None, "?"]],
        CAM_LAM: [["Huyện Cam Lâm"], [], header(schema.POINTS) + ["STT"]] + [
            point_row() + [1],
            point_row(**{**SECOND, "staff": 3, "trained_staff": 5, "children_entered": 900}),
            point_row(point_code="KH-570-01", commune="Xã Cam Hải Đôngg"),
            point_row(point_code=None, commune="xã cam hai dong"),
            point_row(point_code="KH-570-04", staff="-5", eligible_children="nhiều", has_printer="chưa rõ",
                      training_date="31/02/2017", go_live_date="20/05/2107", point_type="Nhà thuốc",
                      latitude=109.18, longitude=12.12),
            point_row(point_code="KH-570-05", latitude=12.1, longitude=None, staff="12 người", commune=None),
            point_row(point_code="KH-570-06", commune="Xã Cam Hải Đôngg"),
            point_row(point_code="KH-570-07", commune="xa cam hai dong"),
        ],
        KHANH_SON: points_tab(point_row(point_code="KH-570-02", commune="Thị trấn Tô Hạp")),
        "Vạn Ninh": points_tab(point_row(point_code="KH-571-01", commune="Xã Vạn Thắng")),
        "Ghi chú": [["Không phải dữ liệu"]],
        "Tập huấn": [header(schema.TRAINING), ["20/04/2017", "Diên Khánhh", None, 8, 2], [None, "Cam Lâm", None, 1, 1]],
        "Khó khăn vướng mắc": [header(schema.DIFFICULTIES)[:3]],
    })


@pytest.fixture(scope="module")
def messy(geography):
    return messy_workbook(), clean_workbook(messy_workbook(), geography)


def test_messy_workbook_finds_many_rules(messy):
    _, dataset = messy
    rules = {problem.rule for problem in dataset.problems}
    assert rules >= {
        "missing_setting", "unknown_setting", "duplicate_code", "invalid_date", "invalid_choice", "extra_column",
        "trained_exceeds_staff", "entered_exceeds_eligible", "unknown_commune", "commune_spelling",
        "missing_required", "negative_count", "invalid_count", "invalid_yes_no", "date_out_of_window",
        "outside_province", "incomplete_coordinates", "count_with_text", "missing_value",
        "unlisted_district_tab", "extra_tab", "unknown_district", "missing_column",
    }
    assert dataset.problem_counts()["error"] > 0


def test_every_problem_is_located_and_in_both_languages(messy):
    raw, dataset = messy
    for problem in dataset.problems:
        assert problem.severity in SEVERITIES, problem
        assert problem.tab and problem.cell.startswith(problem.tab), problem
        if problem.row is None:
            assert problem.cell == problem.tab, problem
        else:
            match = CELL.match(problem.cell)
            assert match and match["tab"] == problem.tab and int(match["row"]) == problem.row, problem
        assert problem.message_vi and problem.message_en, problem
        assert problem.message_vi != problem.message_en, problem
        assert "{" not in problem.message_vi + problem.message_en, problem  # every placeholder filled
        assert problem.message("vi") == problem.message_vi and problem.message("en") == problem.message_en
        assert set(problem.as_dict()) >= {"tab", "cell", "column", "value", "severity", "message_vi", "message_en"}


def test_rows_are_conserved(messy):
    raw, dataset = messy
    for entry in dataset.summary:
        assert entry.rows_read == entry.rows_kept + entry.rows_set_aside, entry
        assert entry.rows_set_aside >= 0
        grid = raw.tabs[entry.tab]
        assert entry.rows_read <= sum(1 for row in grid if any(cell not in (None, "") for cell in row))
    totals = dataset.totals()
    assert totals["rows_read"] == totals["rows_kept"] + totals["rows_set_aside"]
    tables = {"settings": None, "milestones": dataset.milestones, "districts": dataset.districts,
              "training": dataset.training, "difficulties": dataset.difficulties}
    for entry in dataset.summary:
        if entry.kind == "points":
            assert entry.rows_kept == int((dataset.points["tab"] == entry.tab).sum()), entry
        elif tables.get(entry.kind) is not None:
            assert entry.rows_kept == len(tables[entry.kind]), entry


def test_messy_points_tab_accounting(messy):
    _, dataset = messy
    entry = summary_of(dataset, CAM_LAM)
    # Eight rows: the duplicate KH-570-01 and the one without a code are set aside.
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (8, 6, 2)
    # Khánh Sơn's point repeats a Cam Lâm code: another district's point, so it counts.
    entry = summary_of(dataset, KHANH_SON)
    assert (entry.rows_read, entry.rows_kept, entry.rows_set_aside) == (1, 1, 0)


# ---------------------------------------------------------------- dtypes


def test_dtypes(clean):
    dataset = clean(**{CAM_LAM: points_tab(point_row(point_code="007"), point_row(point_code=8.0))})
    points = dataset.points
    for column in schema.POINTS.columns:
        dtype = points[column.key].dtype
        if column.kind == schema.Kind.COUNT:
            assert dtype == "Int64", column.key
        elif column.kind == schema.Kind.YES_NO:
            assert dtype == "boolean", column.key
        elif column.kind == schema.Kind.DATE:
            assert pd.api.types.is_datetime64_any_dtype(dtype), column.key
        elif column.kind == schema.Kind.NUMBER:
            assert pd.api.types.is_float_dtype(dtype), column.key
        else:
            assert pd.api.types.is_string_dtype(dtype), column.key
    assert list(points["point_code"][:2]) == ["007", "8"]
    assert points.loc[0, "training_date"] == pd.Timestamp(2017, 4, 20)
    assert points.loc[0, "has_computer"] is True or points.loc[0, "has_computer"] == True  # noqa: E712
    assert dataset.milestones["deadline"].dtype.kind == "M"
    assert dataset.districts["expected_points"].dtype == "Int64"
    assert dataset.training["participants"].dtype == "Int64"


def test_empty_workbook_tables_have_schema_dtypes(clean):
    dataset = clean(**{CAM_LAM: points_tab(), KHANH_SON: points_tab(), "Tập huấn": [header(schema.TRAINING)]})
    assert dataset.points.empty and dataset.training.empty
    assert dataset.points["staff"].dtype == "Int64"
    assert dataset.points["has_internet"].dtype == "boolean"
    assert dataset.training["session_date"].dtype.kind == "M"


def test_codes_keep_leading_zeros(clean):
    tabs = default_tabs()
    dataset = clean(**{"Huyện": tabs["Huyện"][:1] + [["0570", "Huyện Cam Lâm", CAM_LAM, 2, None, None, None],
                                                     [575, "Huyện Khánh Sơn", KHANH_SON, 1, None, None, None]]})
    assert list(dataset.districts["district_code"]) == ["0570", "575"]
    assert fold("0570") != fold("570")


@pytest.mark.parametrize("tab", [schema.POINTS, schema.TRAINING, schema.MILESTONES], ids=lambda tab: tab.key)
def test_remembered_cell_answers_are_the_plain_parsers_answers(tab):
    # Cleaning remembers each (kind, value) answer across tabs; True must not pass for 1, nor 1 for 1.0.
    from lib import coercion
    from lib.cleaning import _parser

    plain = {schema.Kind.TEXT: coercion.parse_text, schema.Kind.CODE: coercion.parse_text,
             schema.Kind.COUNT: coercion.parse_count, schema.Kind.NUMBER: coercion.parse_number,
             schema.Kind.YES_NO: coercion.parse_yes_no}
    raws = [1, True, 1.0, "1", 0, False, "Có", "có lẽ", -3, 2.5, None, float("nan"), "", "20/05/2017", 42875,
            date(2017, 5, 20), "=1+1"]
    for column in tab.columns:
        remembered = _parser(column, WIDE_DATE_WINDOW)
        if column.kind == schema.Kind.DATE:
            expected = lambda raw: coercion.parse_date(raw, WIDE_DATE_WINDOW)  # noqa: E731
        elif column.kind == schema.Kind.CHOICE:
            expected = lambda raw: coercion.parse_choice(raw, column.choices)  # noqa: E731
        else:
            expected = plain[column.kind]
        for raw in raws + raws[::-1]:  # each order: a remembered answer never leaks to a lookalike value
            got, want = remembered(raw), expected(raw)
            assert got == want and type(got[0]) is type(want[0]), (column.key, raw, got, want)


def test_remembered_bulk_readings_tell_lookalike_values_apart():
    # Cells read in bulk are remembered by (column's reading, value): True must not pass for 1, nor 1 for 1.0.
    from lib import cleaning

    reader = cleaning.TabReader(CAM_LAM, points_tab(), schema.POINTS, WIDE_DATE_WINDOW, [])
    modes = dict(zip(POINT_KEYS, reader._modes(["point_code", "point_name"])))
    lookalikes = (1, True, 1.0, 0, False, 0.0, -0.0, "1", 2, 2.0, float("nan"), "Có", None, date(2017, 5, 20),
                  datetime(2017, 5, 20))
    columns = (("staff", cleaning.parse_count), ("has_computer", cleaning.parse_yes_no),
               ("latitude", cleaning.parse_number), ("point_name", cleaning.parse_text),
               ("go_live_date", lambda raw: cleaning.parse_date(raw, WIDE_DATE_WINDOW)))
    for cells in (lookalikes * 2, lookalikes[::-1] * 2):  # each order: a remembered reading never leaks
        for key, parse in columns:
            for raw, got in zip(cells, cleaning._read_cells([modes[key]], list(cells))):
                value, issue = parse(raw)
                want = cleaning._read_plainly(modes[key], raw)  # typed: the reference
                assert want is cleaning._UNPLAIN or issue is None and want == value and type(want) is type(value)
                assert (got is cleaning._UNPLAIN) == (want is cleaning._UNPLAIN), (key, raw, got)
                if got is not cleaning._UNPLAIN:
                    assert got == want and type(got) is type(want), (key, raw, got, want)


def _every_row_alone(monkeypatch):
    """Cleaning with no row read in bulk: every cell through its parser, every point through every check."""
    from lib import cleaning

    monkeypatch.setattr(cleaning, "_read_cells", lambda modes, cells: [cleaning._UNPLAIN] * len(cells))
    monkeypatch.setattr(cleaning, "_quiet_points", lambda values, *_: [False] * len(values["point_code"]))


def _shape_workbooks() -> list:
    from lib import DEMO_WORKBOOK
    from lib.sources import TabLayout
    from lib.sources.workbook import read_workbook
    from tests.sources.real_world import build_shapes, google_tabs

    books = []
    for shape in build_shapes(read_workbook(DEMO_WORKBOOK).tabs):
        layouts = {title: TabLayout(tuple((a - 1, b - 1, c - 1, d - 1) for a, b, c, d in shape.merges.get(title, [])),
                                    frozenset(row - 1 for row in [*shape.hidden_rows.get(title, []),
                                                                   *shape.filtered_rows.get(title, [])]),
                                    hidden=title in shape.hidden_tabs) for title in shape.tabs}
        books.append(pytest.param(RawWorkbook(google_tabs(shape.tabs), Provenance("shape.xlsx", "workbook"), layouts,
                                              shape.locale), id=shape.name))
    messy = default_tabs()
    # A district not on the map: its communes are unknown, so its quiet points skip the row-by-row checks.
    messy["Huyện"] = [*messy["Huyện"], ["999", "Huyện Mới", "Huyện Mới", 9, None, None, None]]
    messy["Huyện Mới"] = points_tab(*(point_row(point_code=f"KH-999-0{number}") for number in range(4)),
                                    point_row(point_code="KH-999-04", trained_staff=9),
                                    point_row(point_code="KH-999-05", children_entered=900),
                                    point_row(point_code="KH-999-06", go_live_date="01/04/2017"),
                                    point_row(point_code="KH-999-07", supervision_date="01/06/2017"),
                                    point_row(point_code="KH-999-08", latitude=21.0, longitude=105.8),
                                    point_row(point_code="KH-999-09", longitude=None),
                                    point_row(point_code="KH-999-00"), point_row(point_code="KH-570-01"))
    messy[CAM_LAM] = points_tab(
        point_row(), point_row(point_code="KH-570-01"), point_row(point_code="KH-570-03", staff="nhiều"),
        ["Tổng cộng", None, None, None, None, None, None, None, None, 9, 7], point_row(point_code="Mã điểm"),
        point_row(point_code="KH-570-04", trained_staff=9, go_live_date="01/04/2017", latitude=None),
        ["I. Trạm y tế"], point_row(point_code="KH-570-05", commune="Xã Cam Hải Đôngg", has_printer="#REF!"),
        point_row(point_code="KH-570-06", point_name=None), point_row(point_code=1, point_name=True, staff=True),
        # One cross-cell check each:
        point_row(point_code="KH-570-07", trained_staff=9), point_row(point_code="KH-570-08", children_entered=900),
        point_row(point_code="KH-570-09", go_live_date="01/04/2017"),
        point_row(point_code="KH-570-10", supervision_date="01/06/2017"),
        point_row(point_code="KH-570-11", latitude=21.0, longitude=105.8), point_row(point_code="KH-570-12", longitude=None))
    messy["Sheet1"] = points_tab(point_row(point_code="KH-570-12"), point_row(point_code="KH-575-01"),
                                 point_row(point_code="KH-999-01"), point_row(point_code="kh-999-01"))
    books.append(pytest.param(RawWorkbook(messy, Provenance("messy.xlsx", "workbook")), id="messy"))
    return books


@pytest.mark.parametrize("raw", _shape_workbooks())
def test_rows_read_in_bulk_give_what_reading_every_row_alone_gives(raw, geography, monkeypatch):
    # Plain rows and quiet points skip the row-by-row path, which must then have had nothing to say.
    bulk = clean_workbook(raw, geography)
    _every_row_alone(monkeypatch)
    alone = clean_workbook(raw, geography)
    assert [problem.__dict__ for problem in bulk.problems] == [problem.__dict__ for problem in alone.problems]
    assert bulk.summary == alone.summary
    for name in ("milestones", "districts", "points", "training", "difficulties"):
        pd.testing.assert_frame_equal(getattr(bulk, name), getattr(alone, name), check_exact=True)


@pytest.mark.parametrize(("dtype", "values"), [
    ("string", ["Trạm y tế Cam Đức", None, "", "KH-570-01"]),
    ("string", [1, "a", None]),  # not text: pandas' own conversion, as before
    ("string", []),
    ("Int64", [0, 12, None, 2**40]),
    ("Int64", [1.0, None]),
    ("Int64", [True, None]),
    ("Int64", [2**70]),
    ("Float64", [12.25, None, float("nan"), 109, -0.0]),
    ("boolean", [True, False, None]),
    ("date", [date(2017, 5, 20), None, date(1990, 1, 1), date(2100, 12, 31)]),
    ("date", [float("nan"), date(2017, 6, 1)]),
    ("date", [datetime(2017, 5, 20, 10, 30), None]),  # a time of day is kept, as pandas keeps it
    ("date", []),
])
def test_columns_built_by_arrow_equal_pandas_own(dtype, values):
    # The points' columns are built by Arrow for speed; every value must come out as pandas built it.
    from lib.cleaning import _arrow_column, _pandas_column

    refused = (TypeError, ValueError, OverflowError, pa.ArrowException)
    try:
        got = pd.Series(_arrow_column(list(values), dtype))
    except refused:
        got = None  # refused by Arrow: `columns_table` asks pandas, as before
    try:
        expected = pd.Series(_pandas_column(list(values), dtype))
    except (TypeError, ValueError, OverflowError):
        assert got is None  # what pandas refuses, Arrow refused too: the error stays pandas' own
        return
    if got is not None:
        assert str(got.dtype) == str(expected.dtype)
        pd.testing.assert_series_equal(got, expected, check_exact=True)
