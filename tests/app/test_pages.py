"""One AppTest per page on the demo workbook, with figures computed independently of lib/.

The expected figures come from reading the demo .xlsx with openpyxl and a deliberately naive
reading of its cells (the demo only uses a few spellings), not from the cleaning or metrics code.
"""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from lib import DEMO_WORKBOOK
from lib.authoring.template import save_workbook, template_grids
from lib.geography import load_geography

from lib import PROJECT_ROOT

PAGE_FILES = sorted(path.name for path in (PROJECT_ROOT / "app_pages").glob("*.py"))

YES = {"Có", "có", "x"}
AS_OF = date(2017, 5, 20)


def _vi_number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@pytest.fixture(scope="module")
def demo_points() -> list[dict]:
    """Point rows as plain dicts, first occurrence of each code, rows with code and name only."""
    book = openpyxl.load_workbook(DEMO_WORKBOOK, data_only=True)
    tabs = [row[2] for row in book["Huyện"].iter_rows(min_row=2, values_only=True)]
    seen, points = set(), []
    for tab in tabs:
        rows = list(book[tab].iter_rows(values_only=True))
        header = rows[0]
        for row in rows[1:]:
            record = dict(zip(header, row))
            code = record["Mã điểm"]
            if not code or not record["Tên điểm tiêm chủng"] or code in seen:
                continue
            seen.add(code)
            points.append(record)
    return points


def _count(value) -> int:
    """The demo's counts: whole numbers, "1.234"/"1,050" with a thousands separator; negatives are errors."""
    if isinstance(value, str) and value.replace(".", "").replace(",", "").isdigit():
        return int(value.replace(".", "").replace(",", ""))
    return value if isinstance(value, int) and value >= 0 else 0


def test_every_page_runs_on_the_demo_in_both_languages(run_page):
    for page in PAGE_FILES:
        for lang in ("vi", "en"):
            run_page(page, lang=lang)


def test_overview_headline_matches_the_workbook(run_page, demo_points):
    app = run_page("overview.py")
    metrics = {metric.label: metric.value for metric in app.metric}
    total = len(demo_points)
    equipped = sum(all(p[c] in YES for c in ("Có máy tính", "Có máy in", "Có Internet")) for p in demo_points)
    live = sum(isinstance(p["Ngày triển khai"], datetime) and p["Ngày triển khai"].date() <= AS_OF
               for p in demo_points)
    eligible = sum(_count(p["Số trẻ thuộc đối tượng"]) for p in demo_points)
    # Children entered above the eligible (a cell the sheet flags) count as the eligible.
    entered = sum(min(_count(p["Số trẻ đã nhập Hệ thống"]), _count(p["Số trẻ thuộc đối tượng"])) for p in demo_points)
    # Shares of points divide by each district's larger of listed and expected, summed over the province.
    book = openpyxl.load_workbook(DEMO_WORKBOOK, data_only=True)
    expected = {str(row[0]): row[3] or 0 for row in book["Huyện"].iter_rows(min_row=2, values_only=True)}
    listed = {code: sum(str(p["Mã điểm"]).startswith(f"KH-{code}") for p in demo_points) for code in expected}
    target = sum(max(listed[code], expected[code]) for code in expected)
    assert metrics["Điểm tiêm chủng"] == _vi_number(total)
    assert metrics["Đủ máy tính, máy in, Internet"] == f"{equipped} / {target}"
    assert metrics["Đã triển khai Hệ thống"] == f"{live} / {target}"
    assert metrics["Trẻ đã nhập / thuộc đối tượng"] == f"{_vi_number(entered)} / {_vi_number(eligible)}"
    assert total == 150  # 152 rows listed; a duplicate code and a row without code are set aside
    assert target == 153  # Cam Ranh, Vạn Ninh and Khánh Sơn each expect one point more than they list


def test_overview_countdowns_show_days_left(run_page):
    app = run_page("overview.py")
    cards = "".join(element.proto.body for element in app.get("html"))
    # 20/05/2017 → 01/06/2017 is 12 days; → 05/06 is 16; → 15/06 is 26.
    for text in ("còn 12 ngày", "còn 16 ngày", "còn 26 ngày"):
        assert text in cards


def test_overview_in_english(run_page, demo_points):
    app = run_page("overview.py", lang="en")
    labels = [metric.label for metric in app.metric]
    assert "Vaccination points" in labels
    assert {metric.label: metric.value for metric in app.metric}["Vaccination points"] == str(len(demo_points))


def test_district_filter_narrows_the_overview(run_page, demo_points):
    app = run_page("overview.py", district_filter=["575"])
    khanh_son = [p for p in demo_points if str(p["Mã điểm"]).startswith("KH-575")]
    assert {m.label: m.value for m in app.metric}["Điểm tiêm chủng"] == str(len(khanh_son))


def test_district_page_lists_points_and_own_problems(run_page, demo_points):
    app = run_page("district.py", district_page_choice="571")
    tables = app.dataframe
    van_ninh = [p for p in demo_points if str(p["Mã điểm"]).startswith("KH-571")]
    assert len(tables[0].value) == len(van_ninh)
    problem_cells = set(tables[1].value["Ô"])
    assert {"Vạn Ninh!N3", "Vạn Ninh!A14"} <= problem_cells
    assert all(cell.startswith("Vạn Ninh!") for cell in problem_cells)


def test_data_quality_lists_every_problem_with_its_cell(run_page):
    app = run_page("data_quality.py")
    cells = set()
    for table in app.dataframe:
        if "Ô" in table.value.columns:
            cells |= set(table.value["Ô"])
    for cell in ("Cam Lâm!K3", "Ninh Hòa!L11", "Diên Khánh!I12", "Khánh Sơn!A7", "Tập huấn!B4"):
        assert cell in cells


def test_difficulties_filter_by_status(run_page):
    app = run_page("difficulties.py", difficulty_statuses=["Đã giải quyết"])
    table = app.dataframe[0].value
    assert len(table) >= 1
    assert all("Đã giải quyết" in status for status in table["Tình trạng"])
    # Empty filters say what they mean in Vietnamese, not Streamlit's "Choose options".
    assert app.multiselect(key="difficulty_districts").placeholder == "Toàn tỉnh"
    assert app.multiselect(key="difficulty_statuses").placeholder == "Mọi tình trạng"


def test_deadlines_reports_and_pace(run_page):
    app = run_page("deadlines.py")
    reports = app.dataframe[1].value
    assert (reports["Báo cáo"].str.contains("Đã nộp đúng hạn")).sum() == 2  # Diên Khánh, Cam Lâm sent early
    pace = app.dataframe[2].value
    assert len(pace) == 9
    assert app.caption[0].value == "Các mốc theo Công văn số 929/SYT-NVY ngày 20/04/2017 của Sở Y tế."


# ---------------------------------------------------------------- edge cases

@pytest.fixture
def workbook(tmp_path):
    """Write a template-shaped workbook with some tabs replaced: workbook(**{tab: grid})."""
    def write(name: str = "edge.xlsx", **tabs) -> str:
        grids = template_grids(load_geography())
        for title, grid in tabs.items():
            grids[title.replace("_", " ")] = grid
        return str(save_workbook(grids, tmp_path / name))

    return write


def test_empty_template_every_page_runs(run_page, workbook):
    source = workbook("empty.xlsx")
    for page in PAGE_FILES:
        app = run_page(page, source=source)
        assert not app.exception


def test_all_deadlines_passed(run_page, workbook):
    settings = [["Thông số", "Giá trị"], ["Tên tỉnh", "Khánh Hòa"], ["Ngày số liệu", "30/06/2017"]]
    source = workbook("late.xlsx", **{"Cấu hình": settings})
    app = run_page("overview.py", source=source)
    cards = "".join(element.proto.body for element in app.get("html"))
    assert "quá hạn 29 ngày" in cards  # 01/06 → 30/06
    assert "quá hạn 15 ngày" in cards  # 15/06 → 30/06
    assert "còn" not in cards
    deadlines = run_page("deadlines.py", source=source)  # no order in the settings: none is cited
    assert not any("Công văn" in caption.value for caption in deadlines.caption)


def test_district_with_no_points(run_page, workbook):
    source = workbook("nopoints.xlsx")
    app = run_page("district.py", source=source, district_page_choice="575")
    assert any("chưa có điểm tiêm" in info.value for info in app.info)


def test_a_sheet_in_another_locale_is_said_on_every_page_and_listed(run_page, tmp_path):
    # A copy of a Google Sheet left in en_US (the snapshot keeps the sheet's locale).
    from lib.sources.snapshot import write_snapshot
    from lib.sources.workbook import read_workbook

    raw = read_workbook(DEMO_WORKBOOK)
    raw.locale = "en_US"
    copy = write_snapshot(raw, tmp_path / "en-us.xlsx")
    for page in ("overview.py", "data_quality.py"):
        app = run_page(page, source=copy)
        banners = [w.value for w in app.warning if "en\\_US" in w.value]  # markdown-escaped underscore
        assert len(banners) == 1 and "Việt Nam" in banners[0], page
    listed = [str(frame.value.to_dict()) for frame in app.dataframe]
    assert any("en_US" in text for text in listed)
    app = run_page("overview.py", source=DEMO_WORKBOOK)
    assert not [w for w in app.warning if "US" in w.value]
