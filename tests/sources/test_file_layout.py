"""What an .xlsx says beyond its values, in every way its XML may be written.

The byte pre-check of `lib.sources.file_layout` decides whether a worksheet is parsed at all: a
"no" for a sheet holding a formula, an error or a hidden row would lose that problem silently. So
each spelling a writer may use (a namespace prefix, whitespace after the tag name, an empty
element, single quotes, spaces around "=") is written here by hand and must reach the parser.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest

from lib.sources.file_layout import FileLayout, _may_need_parse, read_xlsx_layouts
from lib.sources.workbook import read_workbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(rows: str, prefix: str = "", quote: str = '"') -> str:
    """A worksheet whose <sheetData> is `rows`; `prefix` binds the main namespace to a prefix."""
    tag = f"{prefix}:" if prefix else ""
    binding = f"xmlns:{prefix}" if prefix else "xmlns"
    return f"<{tag}worksheet {binding}={quote}{MAIN}{quote}><{tag}sheetData>{rows}</{tag}sheetData></{tag}worksheet>"


# name → (worksheet XML, the layout it says: hidden rows, uncalculated cells, errors; 0-based)
FORMS = {
    "formula <f>": (_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1+1</f></c></row>'),
                    FileLayout(uncalculated={(0, 1)})),
    "formula with attributes <f t=…>": (
        _sheet('<row r="2"><c r="C2"><f t="shared" ref="C2:C3" si="0">A2*2</f></c></row>'),
        FileLayout(uncalculated={(1, 2)})),
    "empty formula element <f/>": (_sheet('<row r="1"><c r="B1"><f t="shared" si="0"/></c></row>'),
                                   FileLayout(uncalculated={(0, 1)})),
    "newline after the tag name <f\\n>": (_sheet('<row r="1"><c r="B1"><f\n>A1</f></c></row>'),
                                          FileLayout(uncalculated={(0, 1)})),
    "prefixed formula <x:f>": (
        _sheet('<x:row r="3"><x:c r="D3"><x:f>1/0</x:f></x:c></x:row>', prefix="x"),
        FileLayout(uncalculated={(2, 3)})),
    'error cell t="e"': (_sheet('<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="e"><v>#REF!</v></c></row>'),
                         FileLayout(errors={(0, 1): "#REF!"})),
    'prefixed error cell <s:c t="e">': (
        _sheet('<s:row r="1"><s:c r="E1" t="e"><s:v>#N/A</s:v></s:c></s:row>', prefix="s"),
        FileLayout(errors={(0, 4): "#N/A"})),
    'hidden row hidden="1"': (_sheet('<row r="1"><c r="A1"><v>1</v></c></row>'
                                     '<row r="2" hidden="1"><c r="A2"><v>2</v></c></row>'),
                              FileLayout(hidden_rows={1})),
    'hidden row hidden="true"': (_sheet('<row r="4" hidden="true"><c r="A4"><v>2</v></c></row>'),
                                 FileLayout(hidden_rows={3})),
    "prefixed hidden row": (_sheet('<x:row r="5" hidden="1"><x:c r="A5"><x:v>2</x:v></x:c></x:row>', prefix="x"),
                            FileLayout(hidden_rows={4})),
    "single quotes": (
        _sheet("<row r='1'><c r='B1' t='e'><v>#DIV/0!</v></c></row><row r='2' hidden='1'><c r='A2'><v>2</v></c></row>",
               quote="'"),
        FileLayout(hidden_rows={1}, errors={(0, 1): "#DIV/0!"})),
    "spaces around =": (_sheet('<row r="1"><c r="B1" t = "e"><v>#NAME?</v></c></row>'
                               '<row r="2" hidden = "true"><c r="A2"><v>2</v></c></row>'),
                        FileLayout(hidden_rows={1}, errors={(0, 1): "#NAME?"})),
}


def _package(sheet_xml: str) -> bytes:
    """A real .xlsx (openpyxl's package, one tab "Tab") whose worksheet XML is `sheet_xml`."""
    book = openpyxl.Workbook()
    book.active.title = "Tab"
    book.active["A1"] = 1
    written = io.BytesIO()
    book.save(written)
    out = io.BytesIO()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, sheet_xml.encode() if item.filename == "xl/worksheets/sheet1.xml" else data)
    return out.getvalue()


@pytest.mark.parametrize("name", list(FORMS))
def test_every_spelling_of_a_formula_an_error_or_a_hidden_row_is_read(tmp_path, name):
    sheet_xml, expected = FORMS[name]
    assert _may_need_parse(sheet_xml.encode())
    path = tmp_path / "book.xlsx"
    path.write_bytes(_package(sheet_xml))
    assert read_xlsx_layouts(path) == {"Tab": expected}


def test_an_error_in_single_quotes_reaches_the_grid(tmp_path):
    # calamine reads an error cell as blank: the text comes from the layout, which must be read.
    path = tmp_path / "book.xlsx"
    path.write_bytes(_package(FORMS["single quotes"][0]))
    raw = read_workbook(path)
    assert raw.tabs["Tab"] == [[None, "#DIV/0!"], [2, None]]
    assert raw.layout("Tab").hidden_rows == frozenset({1})


def test_a_sheet_of_values_is_not_parsed():
    # The usual sheet (values, dates, a frozen header, column widths) must not pay for a parse.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã điểm", "Ghi chú", "Số trẻ", "Ngày tập huấn"])
    sheet.append(["KH-1", "Trạm y tế", 12.5, date(2017, 4, 26)])
    sheet.append(["KH-2", None, 3, None])
    sheet.freeze_panes = "A2"
    sheet.column_dimensions["B"].width = 36
    written = io.BytesIO()
    book.save(written)
    with zipfile.ZipFile(written) as archive:
        content = archive.read("xl/worksheets/sheet1.xml")
    assert b"<c " in content and not _may_need_parse(content)
