"""Sheets as people really fill them give the figures they mean, on both paths, or say why not.

Every shape of `tests/sources/real_world.py` is read through the workbook path (an .xlsx written
as an office would send it) and through the Google path (the local Sheets server serving the
same values, merges, hidden rows and locale). For each:

- the figures equal those of the person's intent (the clean demo, unless the shape loses a
  value on purpose), province and districts alike;
- the problems are the intent's, plus exactly the shape's own at their cells;
- every row read is kept or set aside (non-data rows set aside, never counted).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from lib.cleaning import Dataset, clean_workbook
from lib.geography import load_geography
from lib.metrics.rollout import compute_rollout
from lib.sources import Provenance, RawWorkbook
from lib.sources.google_sheet import read_google_sheet
from lib.sources.workbook import read_workbook
from tests.sources.conftest import EMAIL, FAST, SHEET_TITLE
from tests.sources.real_world import CAM_LAM, build_shapes, serve_shape, write_shape_workbook

AS_OF = date(2017, 5, 20)
GEOGRAPHY = load_geography()


def figures(dataset: Dataset) -> dict:
    """Every figure the pages build on: the headline, each district's readiness, people and sessions."""
    rollout = compute_rollout(dataset, GEOGRAPHY, dataset.as_of or AS_OF)
    readiness = rollout.district_readiness.set_index("district_code").select_dtypes("number")
    people = dataset.points.groupby("district_code")[["staff", "trained_staff", "eligible_children",
                                                     "children_entered"]].sum()
    return {
        "headline": {key: round(value, 6) if isinstance(value, float) else value
                     for key, value in rollout.headline.items()},
        "districts": readiness.round(6).to_dict("index"),
        "people": {code: {key: int(value) for key, value in row.items()} for code, row in people.to_dict("index").items()},
        "points": sorted(zip(dataset.points["district_code"], dataset.points["point_name"])),
        "sessions": [len(dataset.training), int(dataset.training["participants"].sum())],
        "difficulties": len(dataset.difficulties),
    }


def _problem_kinds(dataset: Dataset, leave_out: list[tuple[str, str]]) -> Counter:
    """Problems without their row (a shape that inserts rows moves the intent's problems down),
    leaving out those at the (cell, rule) pairs given."""
    return Counter((p.tab, p.rule, p.column, p.value, p.severity) for p in dataset.problems
                   if (p.cell, p.rule) not in set(leave_out))


SHAPES = build_shapes(read_workbook(__import__("lib").DEMO_WORKBOOK).tabs)
CASES = [pytest.param(shape, path, id=f"{path}: {shape.name}") for shape in SHAPES for path in shape.paths]


@pytest.fixture(params=["workbook", "google"])
def path(request):
    return request.param


def _read(shape, path, tmp_path, sheets) -> RawWorkbook:
    if path == "workbook":
        return read_workbook(write_shape_workbook(shape, tmp_path / "shape.xlsx"))
    sheet_id = "1RealWorldShape" + "x" * 30
    serve_shape(sheets.google, sheet_id, SHEET_TITLE, shape, {EMAIL})
    return read_google_sheet(sheet_id, sheets.key_info, api_base=sheets.base_url, policy=FAST)


@pytest.fixture
def sheets_with_key(sheets, key_info):
    sheets.key_info = key_info
    return sheets


@pytest.mark.parametrize(("shape", "path"), CASES)
def test_a_real_world_shape_gives_the_intended_figures(shape, path, tmp_path, sheets_with_key):
    dataset = clean_workbook(_read(shape, path, tmp_path, sheets_with_key), GEOGRAPHY)
    intended = clean_workbook(RawWorkbook(shape.intent, Provenance("intent.xlsx", "workbook")), GEOGRAPHY)

    assert figures(dataset) == figures(intended)
    found = {(p.cell, p.rule) for p in dataset.problems}
    missing = [pair for pair in shape.expected if pair not in found]
    assert not missing, f"not reported: {missing}"
    # The intent's problems stay, except those the shape's own problems stand in for.
    assert _problem_kinds(dataset, shape.expected) == _problem_kinds(intended, shape.expected + shape.replaces)
    for entry in dataset.summary:
        assert entry.rows_read == entry.rows_kept + entry.rows_set_aside, entry


def _shape(name: str):
    return next(shape for shape in SHAPES if shape.name == name)


def _cam_lam_people(dataset: Dataset) -> dict:
    points = dataset.points.loc[dataset.points["district_code"] == "570"]
    return {"points": len(points), "staff": int(points["staff"].sum()), "trained": int(points["trained_staff"].sum())}


@pytest.mark.parametrize("name", ["totals row under blank separator rows",
                                  "totals label in the code column, merged across code and name",
                                  "subtotals per block and a grand total",
                                  "two-row header (merged)", "two-row header (unmerged)",
                                  "names pasted from TCVN3 and VNI documents"])
def test_cam_lam_keeps_its_fifteen_points_and_69_staff(name, path, tmp_path, sheets_with_key):
    # By hand from the demo: 15 points in rows 2-16, staff 6+3+4+2+6+2+4+5+6+6+3+4+6+2+10 = 69, trained 69.
    dataset = clean_workbook(_read(_shape(name), path, tmp_path, sheets_with_key), GEOGRAPHY)
    assert _cam_lam_people(dataset) == {"points": 15, "staff": 69, "trained": 69}
    assert figures(dataset)["headline"]["points"] == 150
    equipped = dataset.points.loc[dataset.points["district_code"] == "570", "has_computer"]
    assert int(equipped.sum()) == 14  # Có máy tính in every row but KH-570-14's


def test_a_merged_count_is_counted_once(tmp_path, sheets_with_key):
    for path in ("workbook", "google"):
        dataset = clean_workbook(_read(_shape("a count merged over two points"), path, tmp_path, sheets_with_key),
                                 GEOGRAPHY)
        # J4 = 4 merged over KH-570-04's 2: 69 - 2 = 67.
        assert _cam_lam_people(dataset)["staff"] == 67


def test_a_formula_without_a_result_is_not_a_zero(tmp_path, sheets_with_key):
    dataset = clean_workbook(_read(_shape("a formula with no stored result"), "workbook", tmp_path, sheets_with_key),
                             GEOGRAPHY)
    assert _cam_lam_people(dataset)["staff"] == 63  # 69 - J2's 6
    problem = next(p for p in dataset.problems if p.rule == "formula_not_calculated")
    assert "Excel" in problem.message_vi and "LibreOffice" in problem.message_vi


def test_legacy_text_reads_as_unicode_and_matches_its_commune(tmp_path, sheets_with_key):
    for path in ("workbook", "google"):
        dataset = clean_workbook(_read(_shape("names pasted from TCVN3 and VNI documents"), path, tmp_path,
                                       sheets_with_key), GEOGRAPHY)
        cam_lam = dataset.points.loc[dataset.points["district_code"] == "570"].set_index("row")
        assert cam_lam.loc[2, "point_name"] == "Trạm Y tế xã Cam Tân"
        assert cam_lam.loc[3, "point_name"] == "Trạm Y tế xã Cam Hòa"
        assert cam_lam.loc[2, "commune_code"] is not None and cam_lam.loc[3, "commune_code"] is not None
        assert not [p for p in dataset.problems if p.rule == "unknown_commune" and p.tab == CAM_LAM]


def test_codes_numbered_per_district_keep_every_district_in_the_totals(tmp_path, sheets_with_key):
    dataset = clean_workbook(_read(_shape("two districts that both number their points 1, 2, 3…"), "workbook",
                                   tmp_path, sheets_with_key), GEOGRAPHY)
    counts = dataset.points["district_code"].value_counts()
    assert (counts["570"], counts["573"]) == (15, 15)  # Cam Lâm and Khánh Vĩnh: rows 2-16 of each
    assert figures(dataset)["headline"]["points"] == 150
