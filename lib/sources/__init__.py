"""Where the sheet comes from: every source yields the same `RawWorkbook` of raw grids."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lib.geography import demo_workbook, is_demo_workbook
from lib.i18n import Message, Translated

SOURCE_ENV = "DASHBOARD_SOURCE"
# The spreadsheet files read (python-calamine): Excel, Excel 97–2003, LibreOffice.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# A spreadsheet ID as Google writes it (44 characters today); shorter runs are more likely typos.
_SHEET_ID = re.compile(r"^[A-Za-z0-9_-]{25,}$")
_SHEET_URL = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)")


class SourceError(Translated, Exception):
    """The source cannot be read at all; `text` (a key and its parameters) says why and what to do.

    `reason` names the failure for code (banners, back-off): "unreadable" unless a subclass says
    more (`lib.sources.google_sheet.SheetError`: "not_shared", "quota", "timeout", ...).
    """

    reason = "unreadable"

    def __init__(self, text: Message, *, reason: str | None = None):
        super().__init__(text.text("en"))
        self.text = text
        if reason is not None:
            self.reason = reason



@dataclass(frozen=True)
class TabLayout:
    """What a person sees of a tab beyond its stored values: merges, hidden rows, cells without a value.

    Every index is 0-based into the tab's grid (row 0 = sheet row 1, column 0 = column A).
    Sources fill what their format tells: Google (metadata), .xlsx/.ods (the file's XML);
    a format that cannot say leaves a field empty.
    """

    merges: tuple[tuple[int, int, int, int], ...] = ()  # (first_row, first_col, last_row, last_col), inclusive
    hidden_rows: frozenset[int] = frozenset()  # hidden by hand or by a filter
    uncalculated: frozenset[tuple[int, int]] = frozenset()  # (row, col): a formula with no stored result
    hidden: bool = False  # the tab itself is hidden


@dataclass(frozen=True)
class Provenance:
    """Where a copy of the sheet came from and when it was read: one value, from the reader to the page.

    `copy_of` is set when the file read is a snapshot the dashboard wrote (kept inside the .xlsx):
    where its grids were first read, and when. `original` is then that source; otherwise this one.
    """

    label: str  # what the sidebar shows: a file name or a sheet title
    kind: str  # "demo", "workbook" or "google"
    read_at: datetime = field(default_factory=datetime.now)  # when the read finished
    url: str | None = None  # the spreadsheet's address, for links to cells; None for a file
    tab_ids: dict[str, int] = field(default_factory=dict)  # Google gid per tab title
    copy_of: Provenance | None = None

    @property
    def original(self) -> Provenance:
        """Where the figures were first read: the copied source for a snapshot, else this."""
        return self.copy_of or self


@dataclass
class RawWorkbook:
    """Every tab as a grid of cell values, exactly as the source gave them, and where they came from.

    Cells are str, int, float, bool, datetime/date or None; row 0 of a grid is sheet row 1.
    """

    tabs: dict[str, list[list]]
    provenance: Provenance
    layouts: dict[str, TabLayout] = field(default_factory=dict)  # per tab title; absent = nothing to say
    locale: str | None = None  # the spreadsheet's locale ("vi_VN", "en_US"); None = unknown (files)
    layout_known: bool = True  # False: the format hides formula errors and hidden rows from us (.xlsb)

    def layout(self, title: str) -> TabLayout:
        """The layout of tab `title`; an empty one when the source said nothing about it."""
        return self.layouts.get(title) or _NO_LAYOUT


_NO_LAYOUT = TabLayout()


def resolve_source(spec: str | None = None) -> str:
    """The source to read: `spec`, else `$DASHBOARD_SOURCE`, else the selected geography's demo workbook."""
    return spec or os.environ.get(SOURCE_ENV) or str(demo_workbook())


def google_sheet_id(spec: str) -> str | None:
    """The spreadsheet ID named by a Google Sheets URL or a bare ID; None for anything else.

    >>> google_sheet_id("https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyzAB/edit#gid=0")
    '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyzAB'
    >>> google_sheet_id("1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyzAB")
    '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xyzAB'
    >>> google_sheet_id("data/demo.xlsx") is None
    True
    """
    spec = spec.strip()
    if spec.lower().endswith(WORKBOOK_SUFFIXES):
        return None
    match = _SHEET_URL.search(spec)
    if match and ("docs.google.com" in spec or spec.startswith("/spreadsheets/")):
        return match.group(1)
    if _SHEET_ID.match(spec) and not Path(spec).exists():
        return spec
    return None


def read_source(spec: str | None = None) -> RawWorkbook:
    """Read any source named by a path to a workbook, or by a Google Sheet URL or ID.

    A Google Sheet is read with the service account found by `lib.sources.credentials` (the
    key named by $GOOGLE_APPLICATION_CREDENTIALS, credentials.json, or .streamlit/secrets.toml).
    """
    from lib.sources.workbook import read_workbook

    resolved = resolve_source(spec)
    sheet_id = google_sheet_id(resolved)
    if sheet_id is not None:
        from lib.sources.credentials import require_service_account
        from lib.sources.google_sheet import read_google_sheet
        from lib.sources.plan import api_base_from_env

        account = require_service_account(sheet_id)
        return read_google_sheet(sheet_id, account.info, api_base=api_base_from_env(), key_origin=account.origin)
    path = Path(resolved)
    if path.suffix.lower() in WORKBOOK_SUFFIXES or path.exists():
        kind = "demo" if is_demo_workbook(path) else "workbook"
        return read_workbook(path, kind=kind)
    raise SourceError(Message.of("src.unknown_source", source=resolved))
