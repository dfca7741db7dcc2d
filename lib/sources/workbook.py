"""Excel workbooks (.xlsx) as raw grids, read and written with openpyxl."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from lib.sources import RawWorkbook, SnapshotOrigin, SourceError

# Custom document properties of a snapshot written by `lib.sources.snapshot`.
PROPERTY_PREFIX = "dashboard."


def read_workbook(path: Path, kind: str = "workbook") -> RawWorkbook:
    """Every tab of `path` as a grid of cell values (formulas as their cached results)."""
    path = Path(path)
    if not path.is_file():
        raise SourceError(f"Không tìm thấy tệp “{path}”.", f"File “{path}” not found.")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, KeyError, ValueError) as error:
        raise SourceError(
            f"Tệp “{path.name}” không phải bảng tính .xlsx hợp lệ ({type(error).__name__}).",
            f"“{path.name}” is not a valid .xlsx workbook ({type(error).__name__}).",
        ) from error
    try:
        properties = {p.name[len(PROPERTY_PREFIX):]: p.value for p in book.custom_doc_props
                      if p.name.startswith(PROPERTY_PREFIX)}
        titles = _json(properties.get("tab_titles")) or {}  # Excel-safe title → the original's
        tabs = {
            titles.get(sheet.title, sheet.title): [list(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()
    return RawWorkbook(tabs=tabs, source_label=path.name, source_kind=kind, snapshot_of=_origin(properties))


def _json(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _origin(properties: dict) -> SnapshotOrigin | None:
    """The snapshot's origin from its properties; None for any workbook the dashboard did not write."""
    if not properties.get("source_kind") or not properties.get("read_at"):
        return None
    try:
        read_at = datetime.fromisoformat(str(properties["read_at"]))
    except ValueError:
        return None
    tab_ids = _json(properties.get("tab_ids")) or {}
    return SnapshotOrigin(str(properties.get("source_label") or ""), str(properties["source_kind"]), read_at,
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
