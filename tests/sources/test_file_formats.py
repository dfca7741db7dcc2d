"""Every spreadsheet format a district office has gives the demo's figures: .xls and .ods saved by
LibreOffice Calc, and an .xlsx whose formatting runs to row 1,048,576."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.sources import SourceError, read_source
from lib.sources.workbook import read_workbook
from tests.helpers import libreoffice_or_skip
from tests.sources.test_real_world_sheets import figures

GEOGRAPHY = load_geography()


@pytest.fixture(scope="module")
def demo():
    dataset = clean_workbook(read_workbook(DEMO_WORKBOOK), GEOGRAPHY)
    return figures(dataset), sorted((p.cell, p.rule) for p in dataset.problems)


@pytest.fixture(scope="module")
def saved_by_calc(tmp_path_factory):
    """The demo saved by LibreOffice Calc as .xls and .ods, as an office would send it."""
    office = libreoffice_or_skip(".xls/.ods check")
    folder = tmp_path_factory.mktemp("calc")
    profile = folder / "profile"
    copies = {}
    for suffix in ("xls", "ods"):
        subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", suffix,
                        "--outdir", str(folder), str(DEMO_WORKBOOK)], check=True, capture_output=True, timeout=240)
        copies[suffix] = folder / f"{DEMO_WORKBOOK.stem}.{suffix}"
        if not copies[suffix].is_file():
            pytest.fail(f"LibreOffice did not write the .{suffix} (is libreoffice-calc installed?)", pytrace=False)
    return copies


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_a_copy_saved_by_calc_gives_the_demo_figures(saved_by_calc, demo, suffix):
    raw = read_source(str(saved_by_calc[suffix]))
    dataset = clean_workbook(raw, GEOGRAPHY)
    assert (figures(dataset), sorted((p.cell, p.rule) for p in dataset.problems)) == demo
    assert figures(dataset)["headline"]["points"] == 150


def test_formatting_down_to_the_last_row_costs_nothing(tmp_path, demo):
    book = openpyxl.load_workbook(DEMO_WORKBOOK)
    for sheet in book.worksheets:
        sheet["S1048576"].font = Font(bold=True)
    path = tmp_path / "formatted.xlsx"
    book.save(path)
    raw = read_workbook(path)
    # The grids hold the cells with values, not a million empty rows.
    assert max(len(grid) for grid in raw.tabs.values()) < 40
    dataset = clean_workbook(raw, GEOGRAPHY)
    assert (figures(dataset), sorted((p.cell, p.rule) for p in dataset.problems)) == demo


def test_a_file_that_is_not_a_spreadsheet_is_a_clear_error(tmp_path):
    for name, content in (("notes.xls", b"just some text, not a workbook"), ("broken.ods", b"PK\x03\x04garbage")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(SourceError) as error:
            read_workbook(path)
        assert name in error.value.message_vi and "Excel" in error.value.message_vi


def test_the_command_line_prints_only_the_products_messages(saved_by_calc):
    run = subprocess.run([sys.executable, "-m", "lib", "validate", str(saved_by_calc["xls"])], capture_output=True,
                         text=True, cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert "Warning" not in run.stderr and "warn" not in run.stderr.lower(), run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert "Cam Lâm" in run.stdout


def test_a_file_whose_layout_cannot_be_read_says_so(tmp_path):
    # A sheet whose XML calamine still reads for its values but lxml cannot parse (a stray tag):
    # the values are kept, and the cleaning warns that hidden rows and formula errors could not be seen.
    import zipfile

    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(DEMO_WORKBOOK) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet6.xml":
                content = content.replace(b"</sheetData>", b"<f>broken</sheetData>")
            target.writestr(info, content)
    raw = read_workbook(path)
    assert raw.layout_known is False
    dataset = clean_workbook(raw, GEOGRAPHY)
    assert [p.rule for p in dataset.problems if p.rule == "layout_unknown"] == ["layout_unknown"]
    assert figures(dataset)["headline"]["points"] == 150
