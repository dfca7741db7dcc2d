"""Offline snapshots: the raw grids of a read written as an .xlsx the dashboard opens with no Internet.

The same file serves three purposes: the last good copy kept on disk by `lib.live` (so a restart
while Google fails still has data), the sidebar's download button, and `python -m lib snapshot`.
Cells are written exactly as read, except that spreadsheet serial numbers in date columns become
dates, so that the copy reads well in Excel; the cleaning reads both the same. Where the grids came
from (sheet title, kind, time of the read, gids) and the sheet's locale travel inside the file as
document properties (`dashboard.*`); each tab's layout is written the way Excel keeps it (merged
ranges, hidden rows, a hidden tab), so the copy reads back with the same meaning.
"""

from __future__ import annotations

import io
import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Font

from lib import PROJECT_ROOT, schema
from lib.sheet_shape import locate_header
from lib.coercion import is_blank
from lib.conventions import DATE_FORMAT, DATETIME_FORMAT, is_serial, serial_to_datetime, tab_schema
from lib.schema import Kind
from lib.sources import RawWorkbook, TabLayout, google_sheet_id
from lib.sources.workbook import PROPERTY_PREFIX, write_grids
from lib.textnorm import fold

SNAPSHOT_DIR = PROJECT_ROOT / ".snapshots"  # git-ignored
_EXCEL_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")
EXCEL_TITLE_CHARS = 31


def snapshot_path(source: str, folder: Path = SNAPSHOT_DIR) -> Path:
    """Where the last good copy of `source` is kept: one file per spreadsheet."""
    sheet_id = google_sheet_id(source)
    name = f"google-{sheet_id}" if sheet_id else re.sub(r"[^\w.-]+", "_", Path(source).stem)[:80]
    return Path(folder) / f"{name}.xlsx"


def _as_date(value):
    """A serial number as a datetime; anything else unchanged."""
    return serial_to_datetime(value) if is_serial(value) else value


def snapshot_grids(raw: RawWorkbook) -> dict[str, list[list]]:
    """The grids with serial numbers in date columns (and date settings) turned into dates."""
    date_settings = {fold(setting.name_vi) for setting in schema.SETTING_ROWS if setting.kind == Kind.DATE}
    grids = {}
    for title, grid in raw.tabs.items():
        tab = tab_schema(title)
        header = locate_header(grid, tab)
        rows = [list(row) for row in grid]
        if header is not None:
            date_columns = [header.columns[column.key] for column in tab.columns
                            if column.kind == Kind.DATE and column.key in header.columns]
            setting_at, value_at = header.columns.get("setting"), header.columns.get("value")
            for row in rows[header.row_index + 1:]:
                for index in date_columns:
                    if index < len(row):
                        row[index] = _as_date(row[index])
                if tab is schema.SETTINGS and setting_at is not None and value_at is not None \
                        and value_at < len(row) and setting_at < len(row) and not is_blank(row[setting_at]) \
                        and fold(str(row[setting_at])) in date_settings:
                    row[value_at] = _as_date(row[value_at])
        grids[title] = rows
    return grids


def _excel_titles(titles) -> dict[str, str]:
    """Original tab title → a title Excel accepts (unique, ≤ 31 characters, no \\ / ? * [ ] :)."""
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for title in titles:
        safe = _EXCEL_FORBIDDEN.sub("-", title).strip("'")[:EXCEL_TITLE_CHARS] or "Sheet"
        candidate, number = safe, 2
        while candidate.lower() in used:
            suffix = f" ({number})"
            candidate, number = safe[: EXCEL_TITLE_CHARS - len(suffix)] + suffix, number + 1
        used.add(candidate.lower())
        chosen[title] = candidate
    return chosen


def _write_layout(sheet, layout: TabLayout) -> None:
    """Merges, hidden rows and a hidden tab onto an openpyxl sheet (layout indices are 0-based).

    Merging clears every cell but the top-left one, as Google holds them: the grids already have
    values only there. Cells without a stored result (`uncalculated`) have no Excel form and are
    left out.
    """
    for first_row, first_col, last_row, last_col in layout.merges:
        sheet.merge_cells(start_row=first_row + 1, start_column=first_col + 1,
                          end_row=last_row + 1, end_column=last_col + 1)
    for row in sorted(layout.hidden_rows):
        sheet.row_dimensions[row + 1].hidden = True
    if layout.hidden:
        sheet.sheet_state = "hidden"


def snapshot_book(raw: RawWorkbook):
    """The snapshot as an openpyxl workbook (not yet saved)."""
    grids = snapshot_grids(raw)
    titles = _excel_titles(grids)
    book = write_grids({titles[title]: grid for title, grid in grids.items()})
    bold = Font(bold=True)
    for title, grid in grids.items():
        sheet = book[titles[title]]
        header = locate_header(grid, tab_schema(title))
        if header is not None:
            for cell in sheet[header.row_index + 1]:
                cell.font = bold
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, datetime):
                    cell.number_format = DATE_FORMAT if cell.value.time() == datetime.min.time() else DATETIME_FORMAT
        _write_layout(sheet, raw.layout(title))
    if book.worksheets and all(sheet.sheet_state != "visible" for sheet in book.worksheets):
        book.worksheets[0].sheet_state = "visible"  # Excel refuses to open a workbook with every tab hidden
    visible = next((i for i, sheet in enumerate(book.worksheets) if sheet.sheet_state == "visible"), 0)
    book.active = visible  # the tab shown on opening must not be a hidden one
    origin = raw.provenance.original  # a copy of a copy names the source first read
    properties = {
        "source_label": origin.label,
        "source_kind": origin.kind,
        "read_at": origin.read_at.isoformat(timespec="seconds"),
        "url": origin.url or "",
        "tab_ids": json.dumps(origin.tab_ids, ensure_ascii=False),
        "tab_titles": json.dumps({safe: title for title, safe in titles.items() if safe != title}, ensure_ascii=False),
        "locale": raw.locale or "",  # the Google Sheet's, e.g. "vi_VN"; none for a file
    }
    for name, value in properties.items():
        if value:
            book.custom_doc_props.append(StringProperty(name=PROPERTY_PREFIX + name, value=str(value)))
    return book


def snapshot_bytes(raw: RawWorkbook) -> bytes:
    """The snapshot of `raw` as .xlsx bytes (the sidebar's download)."""
    buffer = io.BytesIO()
    snapshot_book(raw).save(buffer)
    return buffer.getvalue()


def write_snapshot(raw: RawWorkbook, path: Path) -> Path:
    """Write the snapshot atomically: a reader never sees half a file, a failed write leaves the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = snapshot_bytes(raw)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
