"""Excel workbooks (.xlsx) as raw grids, read and written with openpyxl."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from lib.sources import RawWorkbook, SourceError


def read_workbook(path: Path, kind: str = "workbook") -> RawWorkbook:
    """Every tab of `path` as a grid of cell values (formulas as their cached results)."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"Không tìm thấy tệp “{path}”.", f"File “{path}” not found.")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise SourceError(
            f"Tệp “{path.name}” không phải bảng tính .xlsx hợp lệ ({type(error).__name__}).",
            f"“{path.name}” is not a valid .xlsx workbook ({type(error).__name__}).",
        ) from error
    try:
        tabs = {
            sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    return RawWorkbook(tabs=tabs, source_label=path.name, source_kind=kind)


def write_grids(grids: dict[str, list[list]], path: Path) -> openpyxl.Workbook:
    """A workbook with one tab per grid (no styling); the caller may style it, then save."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, grid in grids.items():
        sheet = book.create_sheet(title)
        for row in grid:
            sheet.append(list(row))
    return book
