"""What a spreadsheet file says beyond its cell values, read from the file itself.

python-calamine gives the values and (for .xlsx/.xls) the merged ranges, but not which rows are
hidden, which cells hold a formula with no stored result, nor (it reads them as blank) which cells
hold a formula error such as ``#REF!``. Those decide whether a figure is right, so they are read
here from the file's own structures:

- .xlsx/.xlsm: each worksheet's XML (``<row hidden="1">``, ``<c t="e">``, ``<f>`` with no ``<v>``);
- .ods: ``content.xml`` (``table:visibility``, ``calcext:value-type="error"``, spanned cells);
- .xls: xlrd (row info and error cells of the BIFF records).

Each reader returns `FileLayout`s keyed by tab title. Work is bounded by what the file holds,
never by its stated dimension: a formatted cell at row 1,048,576 costs one element. A file
without formulas, errors or hidden rows is not parsed at all beyond a byte search.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from lxml import etree

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

# Quick byte checks: a worksheet matching none of these needs no parsing. Each may say yes for
# text that is no formula, error or hidden row (that costs one parse), never no for one that is:
# a formula `<f>`, `<f t=…>`, `<f/>` or prefixed `<x:f>`; an error cell's `t="e"` (or 'e'); a
# row's hidden="1"/"true" (either quote, spaces around "="). Each pattern starts with a literal
# byte, which `re` finds with a fast scan; one alternation led by `<(?:\w+:)?` would instead
# try (and backtrack) at every tag: 0.6 s instead of 0.03 s for the 705 tabs of a country.
_XLSX_NEEDS_PARSE = (
    re.compile(rb'f(?<=[<:]f)[\s>/]'),
    re.compile(rb'e(?<=["\']e)["\']'),
    re.compile(rb'hidden\s*=\s*["\'](?:1|true)["\']'),
)
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class FileLayout:
    """One tab's hidden rows, uncalculated formulas, error cells and (for .ods) merges; 0-based."""

    hidden_rows: set[int] = field(default_factory=set)
    uncalculated: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → "#DIV/0!"
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def column_index(letters: str) -> int:
    """0-based column of a column name.

    >>> column_index("A"), column_index("Z"), column_index("AA"), column_index("XFD")
    (0, 25, 26, 16383)
    """
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def cell_position(reference: str) -> tuple[int, int] | None:
    """(row, col), 0-based, of an A1 reference; None for anything else.

    >>> cell_position("H12"), cell_position("12")
    ((11, 7), None)
    """
    match = _CELL_REF.match(reference)
    return (int(match.group(2)) - 1, column_index(match.group(1))) if match else None


# ---------------------------------------------------------------- .xlsx / .xlsm

def xlsx_sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Tab title → the worksheet's part name inside the package, from workbook.xml and its rels."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{{{_PACKAGE_RELS}}}Relationship")}
    paths = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELS}}}id"), "")
        if not target:
            continue
        # Targets are relative to xl/ unless absolute ("/xl/worksheets/sheet1.xml").
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        paths[sheet.get("name", "")] = part
    return paths


def read_xlsx_layouts(path: Path) -> dict[str, FileLayout]:
    """Hidden rows, error cells and formulas without a stored result of every tab of an .xlsx."""
    layouts: dict[str, FileLayout] = {}
    with zipfile.ZipFile(path) as archive:
        for title, part in xlsx_sheet_paths(archive).items():
            try:
                content = archive.read(part)
            except KeyError:
                continue
            if _may_need_parse(content):
                layouts[title] = _xlsx_sheet_layout(content)
    return layouts


def _may_need_parse(content: bytes) -> bool:
    """True when a worksheet's XML may hold a formula, an error cell or a hidden row (see
    `_XLSX_NEEDS_PARSE`); False only when it holds none."""
    return any(pattern.search(content) for pattern in _XLSX_NEEDS_PARSE)


def _xlsx_sheet_layout(content: bytes) -> FileLayout:
    layout = FileLayout()
    row_tag, cell_tag = f"{{{_MAIN}}}row", f"{{{_MAIN}}}c"
    formula_tag, value_tag = f"{{{_MAIN}}}f", f"{{{_MAIN}}}v"
    parser = etree.iterparse(_BytesReader(content), events=("end",), tag=(row_tag, cell_tag), huge_tree=True,
                             resolve_entities=False, no_network=True)
    for _event, element in parser:
        if element.tag == cell_tag:
            position = cell_position(element.get("r", ""))
            if position is not None:
                value = element.find(value_tag)
                text = value.text if value is not None else None
                if element.get("t") == "e" and text:
                    layout.errors[position] = text.strip()
                elif element.find(formula_tag) is not None and _no_stored_result(value, text, element.get("t")):
                    layout.uncalculated.add(position)
        else:
            if element.get("hidden") in ("1", "true") and (element.get("r") or "").isdigit():
                layout.hidden_rows.add(int(element.get("r")) - 1)
            element.clear()
    return layout


def _no_stored_result(value, text: str | None, kind: str | None) -> bool:
    """A formula cell with no result saved: no <v> at all, or an empty one that is not a text result
    (a formula giving "" is saved by Excel and LibreOffice as t="str" with an empty <v>)."""
    if value is None:
        return True
    return not text and kind not in ("str", "inlineStr")


class _BytesReader:
    """A file-like view of bytes for lxml's iterparse (no copy)."""

    def __init__(self, content: bytes):
        self._view, self._at = memoryview(content), 0

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes (all that is left when negative)."""
        end = len(self._view) if size is None or size < 0 else self._at + size
        chunk = self._view[self._at:end].tobytes()
        self._at += len(chunk)
        return chunk


def read_xlsx_properties(path: Path) -> dict[str, str]:
    """The custom document properties (docProps/custom.xml) as name → text."""
    with zipfile.ZipFile(path) as archive:
        try:
            root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
        except (KeyError, ElementTree.ParseError):
            return {}
    properties = {}
    for element in root:
        name = element.get("name")
        if name and len(element):
            properties[name] = element[0].text or ""
    return properties


# ---------------------------------------------------------------- .ods

def read_ods_layouts(path: Path, heights: dict[str, int]) -> dict[str, FileLayout]:
    """Merges, hidden rows, error cells and uncalculated formulas of every tab of an .ods.

    `heights` bounds each tab's rows (from the values): LibreOffice writes the million empty rows
    below the data as one repeated row, which is skipped arithmetically, never expanded. A formula
    with no value type is unsaved only when a tool other than LibreOffice/OpenOffice wrote the file:
    those two save a formula that gives "" that way.
    """
    layouts: dict[str, FileLayout] = {}
    calculated = _written_by_office(path)
    table_tag, row_tag = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
    cell_tags = (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell")
    repeat_rows, repeat_cols = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
    span_rows, span_cols = f"{{{_TABLE}}}number-rows-spanned", f"{{{_TABLE}}}number-columns-spanned"
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        layout, height, row = None, 0, 0
        column = 0
        for event, element in etree.iterparse(content, events=("start", "end"), huge_tree=True,
                                              resolve_entities=False, no_network=True):
            tag = element.tag
            if event == "start":
                if tag == table_tag:
                    title = element.get(f"{{{_TABLE}}}name", "")
                    layout, height, row = layouts.setdefault(title, FileLayout()), heights.get(title, 0), 0
                elif tag == row_tag:
                    column = 0
                continue
            if layout is None:
                continue
            if tag in cell_tags:
                repeat = int(element.get(repeat_cols, "1") or 1)
                if row < height and tag == cell_tags[0]:
                    rows_spanned = int(element.get(span_rows, "1") or 1)
                    cols_spanned = int(element.get(span_cols, "1") or 1)
                    if rows_spanned > 1 or cols_spanned > 1:
                        layout.merges.append((row, column, row + rows_spanned - 1, column + cols_spanned - 1))
                    if element.get(f"{{{_CALCEXT}}}value-type") == "error":
                        text = "".join(element.itertext()).strip()
                        layout.errors[(row, column)] = text or "#VALUE!"
                    elif element.get(f"{{{_TABLE}}}formula") and element.get(f"{{{_OFFICE}}}value-type") is None \
                            and not calculated:
                        layout.uncalculated.add((row, column))
                column += repeat
                element.clear()
            elif tag == row_tag:
                repeat = int(element.get(repeat_rows, "1") or 1)
                if element.get(f"{{{_TABLE}}}visibility") in ("collapse", "filter"):
                    layout.hidden_rows.update(range(row, min(row + repeat, height)))
                row += repeat
                element.clear()
            elif tag == table_tag:
                layout = None
                element.clear()
    return {title: layout for title, layout in layouts.items()
            if layout.hidden_rows or layout.uncalculated or layout.errors or layout.merges}


def _written_by_office(path: Path) -> bool:
    """The .ods was saved by LibreOffice or OpenOffice (meta.xml's generator), which always calculate."""
    with zipfile.ZipFile(path) as archive:
        try:
            meta = archive.read("meta.xml")
        except KeyError:
            return False
    generator = re.search(rb"<meta:generator>([^<]*)</meta:generator>", meta)
    return bool(generator and re.search(rb"LibreOffice|OpenOffice", generator.group(1)))


# ---------------------------------------------------------------- .xls

def read_xls_layouts(path: Path) -> dict[str, FileLayout]:
    """Hidden rows and error cells of every tab of an Excel 97–2003 .xls, through xlrd."""
    import xlrd

    layouts: dict[str, FileLayout] = {}
    book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Silent())
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            layout = FileLayout()
            for row, info in sheet.rowinfo_map.items():
                if info.hidden and row < sheet.nrows:
                    layout.hidden_rows.add(row)
            for row in range(sheet.nrows):
                for column, kind in enumerate(sheet.row_types(row)):
                    if kind == xlrd.XL_CELL_ERROR:
                        code = sheet.cell_value(row, column)
                        layout.errors[(row, column)] = xlrd.error_text_from_code.get(code, "#VALUE!")
            if layout.hidden_rows or layout.errors:
                layouts[sheet.name] = layout
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return layouts


class _Silent:
    """xlrd writes its warnings to a log file; the user's terminal gets only the product's messages."""

    def write(self, _text: str) -> None:
        """Drop xlrd's log text."""
        pass
