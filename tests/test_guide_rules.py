"""The staff guide and the template say what the dashboard enforces, and nothing else.

Each rule is checked at its source (the cleaning, the template's validations, the data-quality
table), then found, in the same words, in the generated guide.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import openpyxl
import pytest

from lib import schema
from lib.authoring.docs import render_district_guide
from lib.authoring.template import EXPECTED_POINTS_NOTE_VI, HELP_ON_SELECT_VI, template_grids, write_template
from lib.cleaning import Problem
from lib.i18n import t
from lib.views.tables import build_problem_table

GUIDE = render_district_guide()


@pytest.fixture(scope="module")
def template(tmp_path_factory, geography):
    return openpyxl.load_workbook(write_template(tmp_path_factory.mktemp("mau") / "mau.xlsx", geography))


def test_the_date_window_in_the_guide_is_the_one_the_cleaning_enforces(edited_dataset):
    windows = set(re.findall(r"từ (\d\d/\d\d/\d{4}) đến (\d\d/\d\d/\d{4})", GUIDE))
    assert len(windows) == 1, windows  # one window, said the same way in every date column
    start, end = (datetime.strptime(text, "%d/%m/%Y").date() for text in windows.pop())
    day = timedelta(days=1)
    dates = {"first": start, "last": end, "before": start - day, "after": end + day}

    def add_sessions(tabs):
        training = tabs[schema.TRAINING.title]
        training += [[when, None, f"Lớp {name}", 10, 1] for name, when in dates.items()]

    dataset = edited_dataset(add_sessions)
    refused = {p.value for p in dataset.problems if p.tab == schema.TRAINING.title and p.rule == "date_out_of_window"}
    shown = {name for name, when in dates.items() if when.strftime("%d/%m/%Y") in refused}
    assert shown == {"before", "after"}, refused


def test_the_guide_says_help_shows_on_selecting_a_cell_as_the_template_does(template):
    rules = [rule for sheet in template.worksheets for rule in sheet.data_validations.dataValidation]
    assert rules and all(rule.showInputMessage and rule.prompt for rule in rules)
    assert HELP_ON_SELECT_VI in GUIDE
    assert "Di chuột vào một ô" not in GUIDE  # the old, wrong "hover for help"


def test_the_expected_points_arrive_filled_in_with_a_note_to_check_them(template, geography):
    districts = template[schema.DISTRICTS.title]
    column = [c.key for c in schema.DISTRICTS.columns].index("expected_points") + 1
    seeded = [districts.cell(row=row, column=column).value for row in range(2, districts.max_row + 1)]
    assert seeded and all(isinstance(value, int) and value > 0 for value in seeded)  # the note has something to say
    assert seeded == [row[column - 1] for row in template_grids(geography)[schema.DISTRICTS.title][1:]]
    header = districts.cell(row=1, column=column)
    assert header.comment is not None and header.comment.text == EXPECTED_POINTS_NOTE_VI
    assert EXPECTED_POINTS_NOTE_VI in GUIDE
    assert "mẫu số của mọi tỷ lệ" in EXPECTED_POINTS_NOTE_VI


def test_open_the_cell_is_a_google_sheet_link_and_a_workbook_names_its_cell():
    problem = Problem("Cam Lâm", "Cam Lâm!K3", 3, "Số cán bộ tiêm chủng", "abc", "error", "invalid_count")
    on_google = build_problem_table([problem], "vi", "https://docs.google.com/spreadsheets/d/x/edit", {"Cam Lâm": 7})
    in_workbook = build_problem_table([problem], "vi", None, None)
    assert t("col.link") in on_google.columns and t("col.link") not in in_workbook.columns
    assert in_workbook[t("col.cell")].tolist() == ["Cam Lâm!K3"]
    google_line = next(line for line in GUIDE.splitlines() if t("dq.open_cell") in line)
    assert google_line.startswith("- Google Sheet:"), google_line
    assert t("dq.workbook_cell", cell=t("col.cell"), example="`<tên trang>!K3`", tab="`<tên trang>`",
             local="`K3`") in GUIDE
