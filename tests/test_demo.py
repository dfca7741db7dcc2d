"""The demo workbook: deterministic, shaped by the schema and geography, mistakes where promised.

Every test runs on both bundled geographies: Khánh Hòa's story comes from its folder's demo.json,
Phú Yên's is derived from its boundary files alone.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date, datetime

import openpyxl
import pytest

from lib import GEOGRAPHIES_DIR
from lib.authoring.demo import AS_OF, build_demo_grids, planted_mistakes, write_demo
from lib.geography import load_geography
from lib.schema import DIFFICULTIES, DISTRICTS, MILESTONES, POINTS, SETTINGS, TRAINING, Kind

RULES = {
    "trained_exceeds_staff", "entered_exceeds_eligible", "invalid_date", "invalid_yes_no",
    "duplicate_code", "commune_spelling", "negative_count", "outside_province",
    "date_out_of_window", "unknown_district", "missing_required", "invalid_count",
}
YES_NO_FORMS = {"Có", "Không", "có", "không", "x", "K", None}
FIRST_TRAINING, LAST_TRAINING = date(2017, 4, 10), date(2017, 5, 18)


def _sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(value) -> int | None:
    """The forms of a count people type that the cleaning accepts: 1.234, 1,050, 12 người."""
    if value is None or isinstance(value, int):
        return value
    match = re.fullmatch(r"(\d{1,3}(?:[.,]\d{3})+|\d+)( người)?", value)
    assert match, f"not a valid count: {value!r}"
    return int(re.sub(r"[.,]", "", match.group(1)))


def _as_date(value):
    return value.date() if isinstance(value, datetime) else value


@pytest.fixture(scope="module", params=["khanh_hoa", "phu_yen"])
def geography(request):
    return load_geography(GEOGRAPHIES_DIR / request.param)


@pytest.fixture(scope="module")
def planted(geography):
    return planted_mistakes(geography)


@pytest.fixture(scope="module")
def grids(geography):
    return build_demo_grids(geography=geography)


@pytest.fixture(scope="module")
def written(tmp_path_factory, geography):
    path = write_demo(tmp_path_factory.mktemp("demo") / "demo.xlsx", geography)
    return path, openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def district_tabs(grids):
    tab_column = [column.key for column in DISTRICTS.columns].index("tab_name")
    return [row[tab_column] for row in grids[DISTRICTS.title][1:]]


def test_build_is_deterministic(geography):
    assert build_demo_grids(geography=geography) == build_demo_grids(geography=geography)
    assert build_demo_grids(7, geography) == build_demo_grids(7, geography)
    assert build_demo_grids(7, geography) != build_demo_grids(geography=geography)


def test_write_is_byte_identical(tmp_path, geography):
    first, second = write_demo(tmp_path / "a.xlsx", geography), write_demo(tmp_path / "b.xlsx", geography)
    assert _sha256(first) == _sha256(second)


def test_bundled_demo_is_current(tmp_path, geography):
    """Each folder's demo.xlsx is what `write_demo` makes now: regenerate it (`python -m lib demo
    --geography FOLDER FOLDER/demo.xlsx`) if this fails."""
    assert _sha256(write_demo(tmp_path / "demo.xlsx", geography)) == _sha256(geography.demo_workbook)


def test_the_default_demo_is_the_selected_geographys(monkeypatch):
    monkeypatch.setenv("DASHBOARD_GEOGRAPHY", str(GEOGRAPHIES_DIR / "phu_yen"))
    assert build_demo_grids()["Cấu hình"][1][1] == "Phú Yên"


def test_tabs_in_order_and_named_as_in_districts_tab(written, district_tabs):
    _, book = written
    fixed_head = [SETTINGS.title, MILESTONES.title, DISTRICTS.title]
    fixed_tail = [TRAINING.title, DIFFICULTIES.title]
    assert book.sheetnames == fixed_head + district_tabs + fixed_tail
    assert len(district_tabs) == 9


def test_districts_tab_lists_geography(grids, geography):
    rows = grids[DISTRICTS.title][1:]
    districts = geography.districts
    assert [(row[0], row[1], row[2]) for row in rows] == [
        (d["code"], d["name"], d["name_short"]) for d in districts
    ]


def test_headers_follow_schema(written, district_tabs):
    _, book = written
    expected = {tab.title: tab for tab in (SETTINGS, MILESTONES, DISTRICTS, TRAINING, DIFFICULTIES)}
    expected.update({title: POINTS for title in district_tabs})
    for title, tab in expected.items():
        sheet = book[title]
        assert [cell.value for cell in sheet[1]] == [column.header_vi for column in tab.columns], title
        assert all(cell.font.b for cell in sheet[1]), title
        assert sheet.freeze_panes == "A2", title
        assert sheet.column_dimensions["A"].width == tab.columns[0].width, title


def test_every_commune_is_one_station(grids, district_tabs, geography):
    keys = [column.key for column in POINTS.columns]
    stations = Counter()
    for title in district_tabs:
        for row in grids[title][1:]:
            point = dict(zip(keys, row))
            if point["point_type"] == "Trạm y tế":
                stations[point["point_name"]] += 1
    expected = {f"Trạm Y tế {c['type']} {c['name_short']}" for c in geography.communes}
    assert set(stations) == expected
    assert set(stations.values()) == {1}


def test_point_counts(grids, district_tabs, geography):
    counts = {title: len(grids[title]) - 1 for title in district_tabs}
    # A station per commune, a hospital in most districts, a few private services in the city.
    assert len(geography.communes) + 8 <= sum(counts.values()) <= len(geography.communes) + 2 * len(district_tabs)
    expected_column = [column.key for column in DISTRICTS.columns].index("expected_points")
    expected = {row[2]: row[expected_column] for row in grids[DISTRICTS.title][1:]}
    short_by = [title for title in district_tabs if expected[title] != counts[title]]
    assert len(short_by) == 1 and expected[short_by[0]] == counts[short_by[0]] + 1


def test_planted_mistakes_one_of_each_rule(planted):
    assert sorted(rule for _, _, rule, _ in planted) == sorted(RULES)


def test_planted_cells_hold_raw_values(written, planted):
    _, book = written
    for tab, cell, rule, raw in planted:
        assert book[tab][cell].value == raw, (tab, cell, rule)


def test_valid_odd_counts_are_present(grids, district_tabs):
    values = {cell for title in district_tabs for row in grids[title][1:] for cell in row}
    assert {"1.234", "1,050", "12 người"} <= values


def test_dates_are_date_cells(written, district_tabs, planted, geography):
    _, book = written
    planted = {(tab, cell) for tab, cell, _, _ in planted}
    date_columns = [i for i, column in enumerate(POINTS.columns, start=1) if column.kind is Kind.DATE]
    seen = 0
    for title in district_tabs:
        for row in book[title].iter_rows(min_row=2):
            for index in date_columns:
                cell = row[index - 1]
                if cell.value is None or (title, cell.coordinate) in planted:
                    continue
                assert isinstance(cell.value, datetime), (title, cell.coordinate, cell.value)
                assert cell.number_format == "dd/mm/yyyy"
                seen += 1
    assert seen > len(geography.communes)  # more date cells than stations: most points are trained
    assert isinstance(book[SETTINGS.title]["B3"].value, datetime)


@pytest.mark.parametrize("seed", [2017, 1, 42])
def test_only_planted_mistakes(seed, geography):
    """Apart from the planted cells, every row is something the cleaning must accept as is."""
    grids = build_demo_grids(seed, geography)
    mistakes = planted_mistakes(geography, seed)
    planted = {(tab, cell) for tab, cell, _, _ in mistakes}
    communes = {c["name"] for c in geography.communes}
    keys = [column.key for column in POINTS.columns]
    letters = {key: openpyxl.utils.get_column_letter(i) for i, key in enumerate(keys, start=1)}
    district_tabs = [row[2] for row in grids[DISTRICTS.title][1:]]
    codes = Counter()
    for title in district_tabs:
        for number, row in enumerate(grids[title][1:], start=2):
            point = dict(zip(keys, row))
            mistaken = {key for key in keys if (title, f"{letters[key]}{number}") in planted}
            where = (title, number)
            if "point_code" not in mistaken:
                assert point["point_code"], where
                codes[point["point_code"]] += 1
            if "commune" not in mistaken:
                assert point["commune"] in communes, where
            for key in ("has_computer", "has_printer", "has_internet", "proficient"):
                if key not in mistaken:
                    assert point[key] in YES_NO_FORMS, where
            counts = {key: _count(point[key]) for key in ("staff", "trained_staff", "eligible_children",
                                                          "children_entered") if key not in mistaken}
            assert all(value is None or value >= 0 for value in counts.values()), where
            if not mistaken & {"trained_staff", "staff"} and counts["trained_staff"] is not None:
                assert counts["trained_staff"] <= counts["staff"], where
            if not mistaken & {"eligible_children", "children_entered"} and counts["children_entered"]:
                assert counts["children_entered"] <= counts["eligible_children"], where
            dates = {key: point[key] for key in ("training_date", "go_live_date", "supervision_date")
                     if key not in mistaken and point[key] is not None}
            assert all(isinstance(day, date) for day in dates.values()), where
            if "training_date" in dates:
                assert FIRST_TRAINING <= dates["training_date"] <= LAST_TRAINING, where
            if "go_live_date" in dates:
                assert point["training_date"] is not None, where
                assert dates["go_live_date"] <= AS_OF, where
                if "training_date" in dates:
                    assert dates["training_date"] <= dates["go_live_date"], where
            if "supervision_date" in dates:
                assert dates["go_live_date"] < dates["supervision_date"] < AS_OF, where
            assert (point["supervision_date"] is None) == (point["supervision_result"] is None), where
            if point["latitude"] is not None and "latitude" not in mistaken:
                assert geography.contains(point["latitude"], point["longitude"]), where
    assert max(codes.values()) == 1 or [c for c, n in codes.items() if n > 1] == [
        raw for _, _, rule, raw in mistakes if rule == "duplicate_code"
    ]
    district_names = set(district_tabs)
    for tab in (TRAINING, DIFFICULTIES):
        for number, row in enumerate(grids[tab.title][1:], start=2):
            if (tab.title, f"B{number}") not in planted:
                assert row[1] in district_names, (tab.title, number)
            assert FIRST_TRAINING <= row[0] <= AS_OF


def test_training_tab_matches_points(grids, district_tabs):
    """Participants are summed from the points, so the tab agrees with the district tabs."""
    rows = grids[TRAINING.title][1:]
    assert 10 <= len(rows) <= 14
    keys = [column.key for column in POINTS.columns]
    trained_points = sum(
        1 for title in district_tabs for row in grids[title][1:]
        if dict(zip(keys, row))["training_date"] is not None
    )
    covered = sum(row[4] for row in rows)
    # A point trained twice (a make-up class) is covered by two sessions.
    assert trained_points <= covered <= trained_points + 3


def test_as_of_and_difficulty_statuses(grids):
    assert grids[SETTINGS.title][2][1] == AS_OF
    statuses = Counter(row[4] for row in grids[DIFFICULTIES.title][1:])
    assert set(statuses) == {"Mới", "Đang xử lý", "Đã giải quyết"}
    for row in grids[DIFFICULTIES.title][1:]:
        if row[4] == "Đã giải quyết":
            assert row[5], row
