"""Where the sheet comes from: every source yields the same `RawWorkbook` of raw grids."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lib import DEMO_WORKBOOK

SOURCE_ENV = "DASHBOARD_SOURCE"


class SourceError(Exception):
    """The source cannot be read at all; `message_vi`/`message_en` say why and what to do."""

    def __init__(self, message_vi: str, message_en: str):
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


@dataclass
class RawWorkbook:
    """Every tab as a grid of cell values, exactly as the source gave them.

    Cells are str, int, float, bool, datetime/date or None; row 0 of a grid is sheet row 1.
    """

    tabs: dict[str, list[list]]
    source_label: str  # what the sidebar shows: a file name or a sheet title
    source_kind: str  # "demo", "workbook" or "google"
    read_at: datetime = field(default_factory=datetime.now)
    url: str | None = None  # spreadsheet URL, for links to cells
    tab_ids: dict[str, int] = field(default_factory=dict)  # Google gid per tab


def resolve_source(spec: str | None = None) -> str:
    """The source to read: `spec`, else `$DASHBOARD_SOURCE`, else the bundled demo workbook."""
    return spec or os.environ.get(SOURCE_ENV) or str(DEMO_WORKBOOK)


def read_source(spec: str | None = None) -> RawWorkbook:
    """Read any source named by a path (or, later, a Google Sheet URL or ID)."""
    from lib.sources.workbook import read_workbook

    resolved = resolve_source(spec)
    path = Path(resolved)
    if path.suffix.lower() in (".xlsx", ".xlsm") or path.exists():
        kind = "demo" if path.resolve() == DEMO_WORKBOOK.resolve() else "workbook"
        return read_workbook(path, kind=kind)
    raise SourceError(
        f"Không đọc được nguồn dữ liệu “{resolved}”: cần đường dẫn tới tệp .xlsx.",
        f"Cannot read the source “{resolved}”: expected a path to an .xlsx file.",
    )
