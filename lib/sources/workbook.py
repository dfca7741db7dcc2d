"""Spreadsheet files as raw grids: read with python-calamine, written with openpyxl.

Read: .xlsx, .xlsm, .xlsb (Excel), .xls (Excel 97–2003) and .ods (LibreOffice), from the cells
that hold values (a stated dimension or a formatted cell at row 1,048,576 costs nothing). The
merged ranges, hidden rows and tabs, formula errors and formulas with no stored result come with
the grids as each tab's `TabLayout` (see `lib.sources.file_layout` for what each format can say).
Written: .xlsx only (snapshots, the template, exports), through openpyxl.
"""

from __future__ import annotations

import json
import logging
import warnings
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import openpyxl
import python_calamine
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from lib.i18n import Message
from lib.sources import Provenance, RawWorkbook, SourceError, TabLayout
from lib.sources.file_layout import (
    FileLayout,
    read_ods_layouts,
    read_xls_layouts,
    read_xlsx_layouts,
    read_xlsx_properties,
)

# Custom document properties of a snapshot written by `lib.sources.snapshot`.
PROPERTY_PREFIX = "dashboard."
XLSX_FAMILY = (".xlsx", ".xlsm")
_HIDDEN = (python_calamine.SheetVisibleEnum.Hidden, python_calamine.SheetVisibleEnum.VeryHidden)


def read_workbook(path: Path, kind: str = "workbook") -> RawWorkbook:
    """Every tab of `path` as a grid of cell values (formulas as their stored results), with its layout.

    Cells are str, int, float, bool, date/datetime or None (blank); row 0 of a grid is sheet row 1.
    Raises `SourceError` (message in both languages) for a missing, damaged, password-protected or
    unsupported file. Library warnings are kept from the user's terminal.
    """
    path = Path(path)
    if not path.is_file():
        raise SourceError(Message.of("src.file.missing", path=str(path)))
    suffix = path.suffix.lower()
    # An .xlsx is read by three threads: its layout from the XML (`_file_layouts`), and the values
    # of every other tab by a second calamine reader. Each worksheet is its own part of the
    # package, and zlib and calamine's Rust parser run outside the GIL, so on two cores the
    # threads overlap. An .xls or .ods is parsed whole when opened: one reader, layout after.
    parallel = suffix in XLSX_FAMILY
    with warnings.catch_warnings(), ThreadPoolExecutor(max_workers=2) as helpers:
        warnings.simplefilter("ignore")
        early_layouts = helpers.submit(_file_layouts, path, suffix, {}) if parallel else None
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            try:
                # Chart sheets and macro sheets hold no cells.
                sheets = [m for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
                names = [metadata.name for metadata in sheets]
                others = helpers.submit(_values_of, path, names[1::2]) if parallel and len(names) > 1 else None
                values = _values(book, names[0::2] if others is not None else names)
                if others is not None:
                    values.update(others.result())
            finally:
                book.close()
        except python_calamine.PasswordError as error:
            raise SourceError(Message.of("src.file.password", name=path.name)) from error
        except (python_calamine.CalamineError, OSError, ValueError, TypeError) as error:
            raise SourceError(Message.of("src.file.unreadable", name=path.name, kind=type(error).__name__)) from error
        tabs = {metadata.name: values[metadata.name][0] for metadata in sheets}  # in the workbook's order
        layouts = {metadata.name: (values[metadata.name][1], metadata.visible in _HIDDEN) for metadata in sheets}
        file_layouts = (early_layouts.result() if early_layouts is not None
                        else _file_layouts(path, suffix, {title: len(grid) for title, grid in tabs.items()}))
        # What the format cannot say (.xlsb), or what could not be read, is said by the cleaning.
        layout_known = file_layouts is not None
        properties = _properties(path) if suffix in XLSX_FAMILY else {}
    titles = _json(properties.get("tab_titles")) or {}  # Excel-safe title → the original's
    raw_tabs, raw_layouts = {}, {}
    for title, grid in tabs.items():
        extra = (file_layouts or {}).get(title) or FileLayout()
        for (row, column), error in extra.errors.items():
            if row < len(grid) and column < len(grid[row]) and grid[row][column] is None:
                grid[row][column] = error  # calamine reads an error as blank; Google gives its text
        merges, hidden = layouts[title]
        layout = TabLayout(merges=merges or tuple(extra.merges), hidden_rows=frozenset(extra.hidden_rows),
                           uncalculated=frozenset(extra.uncalculated), hidden=hidden)
        name = titles.get(title, title)
        raw_tabs[name] = grid
        if layout != TabLayout():
            raw_layouts[name] = layout
    return RawWorkbook(tabs=raw_tabs, provenance=Provenance(path.name, kind, copy_of=_origin(properties)),
                       layouts=raw_layouts, locale=properties.get("locale") or None,
                       layout_known=layout_known)


def _values(book: python_calamine.CalamineWorkbook, names: list[str]) -> dict[str, tuple[list[list], tuple]]:
    """Tab name → (its grid, its merged ranges as (first_row, first_col, last_row, last_col)), from `book`."""
    values = {}
    for name in names:
        sheet = book.get_sheet_by_name(name)
        merges = tuple((first[0], first[1], last[0], last[1]) for first, last in (sheet.merged_cell_ranges or ()))
        values[name] = (_grid(sheet.to_python(skip_empty_area=False)), merges)
    return values


def _values_of(path: Path, names: list[str]) -> dict[str, tuple[list[list], tuple]]:
    """`_values` of the tabs `names`, from a calamine reader of its own (one reader is not shared by threads)."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return _values(book, names)
    finally:
        book.close()


def _grid(rows: list[list]) -> list[list]:
    """calamine's rows as the sources' cells: "" → None, whole floats → int (as Google gives them)."""
    return [[None if cell == "" else int(cell) if type(cell) is float and cell.is_integer() and abs(cell) < 2**53
             else cell for cell in row] for row in rows]


def _file_layouts(path: Path, suffix: str, heights: dict[str, int]) -> dict[str, FileLayout] | None:
    """What the file says beyond values, per tab; None when the format cannot say it (.xlsb) or the
    file was too odd to parse for it (its values are still read; the cleaning says what may be missed)."""
    try:
        if suffix in XLSX_FAMILY:
            return read_xlsx_layouts(path)
        if suffix == ".ods":
            return read_ods_layouts(path, heights)
        if suffix == ".xls":
            return read_xls_layouts(path)
    except Exception as error:  # noqa: BLE001 — the values are read already; an odd package part must not lose them
        logging.getLogger(__name__).info("layout of %s not read: %s", path.name, type(error).__name__)
    return None


def _properties(path: Path) -> dict[str, str]:
    try:
        properties = read_xlsx_properties(path)
    except (zipfile.BadZipFile, OSError):
        return {}
    return {name[len(PROPERTY_PREFIX):]: value for name, value in properties.items() if name.startswith(PROPERTY_PREFIX)}


def _json(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _origin(properties: dict) -> Provenance | None:
    """The snapshot's origin from its properties; None for any workbook the dashboard did not write."""
    if not properties.get("source_kind") or not properties.get("read_at"):
        return None
    try:
        read_at = datetime.fromisoformat(str(properties["read_at"]))
    except ValueError:
        return None
    tab_ids = _json(properties.get("tab_ids")) or {}
    return Provenance(str(properties.get("source_label") or ""), str(properties["source_kind"]), read_at,
                      properties.get("url") or None,
                      {str(k): int(v) for k, v in tab_ids.items()} if isinstance(tab_ids, dict) else {})


def write_grids(grids: dict[str, list[list]], path: Path | None = None) -> openpyxl.Workbook:
    """A workbook with one tab per grid (no styling); the caller may style it, then save.

    Cells are written as values, never as formulas: a text cell that starts with "=" stays text,
    so sheet content cannot become a formula in a copy opened in Excel.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, grid in grids.items():
        sheet = book.create_sheet(title)
        for row_number, row in enumerate(grid, start=1):
            values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            sheet.append(values)
            for column, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    sheet.cell(row=row_number, column=column).data_type = "s"
    return book
