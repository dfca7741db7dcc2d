"""The empty template written by `python -m lib template`, read back with openpyxl."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import openpyxl
import pytest

from lib import PROJECT_ROOT, schema
from lib.geography import load_geography
from lib.schema import Kind
from lib.conventions import tab_schema
from lib.authoring.template import VALIDATED_ROWS


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "mau.xlsx"
    result = subprocess.run([sys.executable, "-m", "lib", "template", str(path)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return openpyxl.load_workbook(path)


def _district_tabs() -> list[str]:
    return [district["name_short"] for district in load_geography().districts]


def _validations(sheet) -> dict[str, object]:
    """Column letter → the data validation covering that column's rows."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cell_range in rule.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = rule
    return found


def test_tab_names(template):
    fixed = [tab.title for tab in schema.FIXED_TABS]
    expected = fixed[:3] + _district_tabs() + fixed[3:]
    assert template.sheetnames == expected
    assert len(_district_tabs()) == 9


def test_headers_are_the_schema_headers(template):
    for sheet in template.worksheets:
        tab = tab_schema(sheet.title)
        assert [cell.value for cell in sheet[1]] == [column.header_vi for column in tab.columns], sheet.title


def test_header_is_frozen_and_bold(template):
    for sheet in template.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title


@pytest.mark.parametrize("title", [tab.title for tab in schema.FIXED_TABS] + ["Cam Lâm"])
def test_data_validations(template, title):
    sheet = template[title]
    tab = tab_schema(title)
    rules = _validations(sheet)
    for index, column in enumerate(tab.columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        rule = rules.get(letter)
        if column.kind == Kind.YES_NO:
            assert (rule.type, rule.formula1) == ("list", '"Có,Không"'), column.key
        elif column.kind == Kind.CHOICE:
            assert (rule.type, rule.formula1) == ("list", '"' + ",".join(column.choices) + '"'), column.key
        elif column.kind == Kind.COUNT:
            assert (rule.type, rule.operator, rule.formula1) == ("whole", "greaterThanOrEqual", "0"), column.key
        elif column.kind == Kind.DATE:
            assert (rule.type, rule.operator) == ("date", "between"), column.key
            assert rule.formula1.startswith("DATE(") and rule.formula2.startswith("DATE("), column.key
        else:
            assert rule is None, column.key
            continue
        assert rule.allow_blank, column.key
        assert str(rule.sqref) == f"{letter}2:{letter}{VALIDATED_ROWS + 1}", column.key
        assert rule.showErrorMessage and rule.error, column.key


def test_points_tab_has_every_kind_of_validation(template):
    types = {rule.type for rule in template["Cam Lâm"].data_validations.dataValidation}
    assert types == {"list", "whole", "date"}


def test_seeded_rows(template):
    milestones = template[schema.MILESTONES.title]
    codes = [row[0] for row in milestones.iter_rows(min_row=2, values_only=True)]
    assert codes == [seed[0] for seed in schema.SEED_MILESTONES]
    assert all(isinstance(row[2], datetime) for row in milestones.iter_rows(min_row=2, values_only=True))
    districts = template[schema.DISTRICTS.title]
    rows = list(districts.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == _district_tabs()
    assert all(isinstance(row[0], str) for row in rows)  # codes written as text
    for title in _district_tabs():
        body = template[title].iter_rows(min_row=2, values_only=True)
        assert all(value is None for row in body for value in row), title  # district tabs start empty
    settings = {row[0]: row[1] for row in template[schema.SETTINGS.title].iter_rows(min_row=2, values_only=True)}
    assert settings == {"Tên tỉnh": None, "Ngày số liệu": None, "Số công văn": "929/SYT-NVY",
                        "Ngày công văn": datetime(2017, 4, 20)}  # the order being carried out, as a real date
