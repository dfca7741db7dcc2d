"""A local stand-in for Google: the Sheets API v4 (read side) and the OAuth token endpoint, on 127.0.0.1.

Used by the tests and by `bench/api_economy.py`, so that the real gspread + google-auth stack is
exercised with no Internet. It speaks enough of the real protocol for that stack:

- `POST /token`: the JWT-bearer grant of a service account. The JWT's RS256 signature is checked
  against the public key registered for its issuer (`register_account`), as Google does; the
  scope asked for is recorded.
- `GET /v4/spreadsheets/{id}`: metadata (title, locale, tabs with gids; a hidden tab has
  `properties.hidden`). Merged cells (`sheets[i].merges`, GridRanges) come when the `fields` mask
  names `merges` (or there is no mask); rows' hidden flags (`sheets[i].data[0].rowMetadata`, one
  entry per row of the grid, `{}` or `{"hiddenByUser": true}` / `{"hiddenByFilter": true}`) come
  when it names `rowMetadata`, as Google returns grid data only when asked.
- `GET /v4/spreadsheets/{id}/values:batchGet?ranges=...`: several tabs at once. A range naming
  a missing tab fails the whole request with 400 "Unable to parse range", as Google does.
- `POST /v4/spreadsheets/{id}/values:batchGetByDataFilter`: the same read with the ranges in the
  body (`dataFilters` of `a1Range`s, and the render options); each answer comes as `{"valueRange",
  "dataFilters"}`, the filter echoed. Counted as a "batchGet": it is the same one read.
- `GET /v4/spreadsheets/{id}/values/{range}`: one tab (what `get_all_records` uses).
- `GET /drive/v3/files/{id}?fields=version,modifiedTime`: the Drive API v3 `files.get` of the
  spreadsheet's file, as the dashboard's change detection asks it. `version` (a number, as text)
  moves on every edit made through this server (the methods below and batchUpdate), `modifiedTime`
  is the time of that edit (RFC 3339). Like Google: a token without a Drive scope gets 403
  "insufficient authentication scopes", a file not shared with the account 404 "File not found",
  and `drive_enabled = False` answers 403 "Drive API has not been used in project … or it is
  disabled" (accessNotConfigured).
- `GET /v4/spreadsheets/{id}?includeGridData=true&ranges=...`: cells of the ranges with their
  formatted value, data validation and number format, and the column widths (what
  `python -m lib init-sheet` reads). Metadata also carries frozen rows, protected ranges and
  conditional formats once a tab has them.
- `POST /v4/spreadsheets/{id}:batchUpdate`: the set-up requests (addSheet, updateCells,
  updateSheetProperties, updateDimensionProperties, appendDimension, repeatCell, setDataValidation,
  addConditionalFormatRule, addProtectedRange, updateProtectedRange, updateSpreadsheetProperties
  (title, locale, timeZone), mergeCells), applied to the state so a
  second run sees the first one's work; every body is kept in `batch_updates`. It needs a token
  with the read-write scope (403 otherwise, as Google answers), and any other request kind is
  refused with 400, so a test notices it.

Values are rendered like Google's: UNFORMATTED_VALUE gives numbers, booleans and text, dates as
serial numbers (SERIAL_NUMBER) or formatted text; FORMATTED_VALUE (the default) gives text. Blank
cells inside a row come back as "", trailing blanks and rows are left out. With `keep_answers`
(the benchmark's stand-in sets it), a values answer is rendered and JSON-encoded once per version
of the sheet and kept until an edit method moves the version: Google's time to answer is not the
dashboard's, and a country-sized read should not time this server re-encoding 705 tabs in Python.
Tests leave it off, so that a test that changes `rows` directly still sees its change.

`latency` delays every answer (a network round trip). Every request is counted per kind
("token", "metadata", "batchGet", "values", "batchUpdate", "drive") and kept in `requests`; `inject(kind, Fault(...))`
makes the next requests of a kind fail (a status with Google's error body, a delay before
answering, or a 200 whose body is not JSON). Cells, tabs, sharing, the locale, merges and hidden
rows and tabs can be edited while the server runs (`set_locale`, `merge`, `hide_rows`, `hide_tab`).
"""

from __future__ import annotations

import base64
import copy
import itertools
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SERIAL_ORIGIN = datetime(1899, 12, 30)
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
WRITE_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
BY_FILTER = "/values:batchGetByDataFilter"  # the POST form of values:batchGet
# Any of these lets a token read a file's metadata on Drive (files.get).
DRIVE_SCOPES = frozenset({"https://www.googleapis.com/auth/drive", "https://www.googleapis.com/auth/drive.readonly",
                          "https://www.googleapis.com/auth/drive.metadata",
                          "https://www.googleapis.com/auth/drive.metadata.readonly",
                          "https://www.googleapis.com/auth/drive.file"})
DEFAULT_PIXELS = 100

# Google's error bodies for the faults the dashboard must survive.
ERRORS = {
    400: ("INVALID_ARGUMENT", "Request contains an invalid argument."),
    401: ("UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access token."),
    403: ("PERMISSION_DENIED", "The caller does not have permission"),
    404: ("NOT_FOUND", "Requested entity was not found."),
    429: ("RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
                                "minute per user' of service 'sheets.googleapis.com'."),
    500: ("INTERNAL", "Internal error encountered."),
    502: ("UNAVAILABLE", "Bad Gateway"),
    503: ("UNAVAILABLE", "The service is currently unavailable."),
}
API_DISABLED = {"error": {
    "code": 403, "status": "PERMISSION_DENIED",
    "message": "Google Sheets API has not been used in project 123456 before or it is disabled. Enable it by "
               "visiting https://console.developers.google.com/apis/api/sheets.googleapis.com/overview then retry.",
    "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "SERVICE_DISABLED",
                 "domain": "googleapis.com"}]}}
DRIVE_DISABLED = {"error": {
    "code": 403, "message": "Access Not Configured. Drive API has not been used in project 123456 before or it is "
                            "disabled. Enable it by visiting https://console.developers.google.com/apis/api/"
                            "drive.googleapis.com/overview?project=123456 then retry.",
    "errors": [{"domain": "usageLimits", "reason": "accessNotConfigured", "message": "Access Not Configured."}]}}


def drive_not_found(file_id: str) -> dict:
    """Drive's answer for a file the account may not see (Drive says "not found", not "forbidden")."""
    message = f"File not found: {file_id}."
    return {"error": {"code": 404, "message": message,
                      "errors": [{"domain": "global", "reason": "notFound", "message": message,
                                  "locationType": "parameter", "location": "fileId"}]}}


def google_error(status: int, message: str | None = None) -> dict:
    name, default = ERRORS.get(status, ("UNKNOWN", "Unknown error."))
    return {"error": {"code": status, "message": message or default, "status": name}}


@dataclass
class Fault:
    """What the next requests of one kind get instead of the right answer."""

    status: int | None = None  # answer with this HTTP status and Google's error body
    body: dict | None = None  # … or with this body instead
    delay: float = 0.0  # wait this long before answering (a slow Google; timeouts)
    malformed: bool = False  # answer 200 with a body that is not JSON
    times: int | None = None  # requests it applies to; None = until cleared


@dataclass
class Tab:
    title: str
    gid: int
    rows: list[list] = field(default_factory=list)
    # What batchUpdate set: grid size and frozen rows, widths, (range, rule) pairs, protections.
    frozen_rows: int = 0
    column_count: int = 26
    widths: dict[int, int] = field(default_factory=dict)  # column index → pixels (default 100)
    validations: list[tuple[dict, dict]] = field(default_factory=list)  # (GridRange, DataValidationRule)
    number_formats: list[tuple[dict, dict]] = field(default_factory=list)  # (GridRange, NumberFormat)
    conditional_formats: list[dict] = field(default_factory=list)
    protected_ranges: list[dict] = field(default_factory=list)
    merges: list[dict] = field(default_factory=list)  # GridRanges (0-based, end exclusive), with sheetId
    hidden_rows: set[int] = field(default_factory=set)  # 0-based rows hidden by hand
    filtered_rows: set[int] = field(default_factory=set)  # 0-based rows hidden by a filter
    hidden: bool = False  # the tab itself is hidden

    @property
    def row_count(self) -> int:
        """The grid's height as Google reports it: 1000 rows for a new tab, more when filled."""
        return max(1000, len(self.rows), max(self.hidden_rows | self.filtered_rows, default=-1) + 1)


@dataclass
class Spreadsheet:
    title: str
    tabs: list[Tab]
    shared_with: set[str] | None = None  # e-mails allowed to read; None = everyone with a token
    locale: str = "vi_VN"
    time_zone: str = "Asia/Ho_Chi_Minh"
    version: int = 1  # Drive's file version: moves on every edit
    modified: datetime = field(default_factory=datetime.now)  # Drive's modifiedTime (local time of the last edit)
    # Values answers already encoded, per (ranges, render options), for the current version only.
    answers: dict[tuple, bytes] = field(default_factory=dict, repr=False)

    def edited(self) -> None:
        """Move the Drive version, as Google does after any change to the file."""
        self.version += 1
        self.modified = datetime.now()
        self.answers.clear()


# ---------------------------------------------------------------- keys for tests

def new_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def service_account_info(private_key: rsa.RSAPrivateKey, token_uri: str,
                         email: str = "dashboard-reader@test-project.iam.gserviceaccount.com") -> dict:
    """A service-account key file's content, as Google's JSON keys are laid out."""
    pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()).decode()
    return {
        "type": "service_account", "project_id": "test-project", "private_key_id": "0" * 40,
        "private_key": pem, "client_email": email, "client_id": "1" * 21,
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": token_uri,
        "universe_domain": "googleapis.com",
    }


def tabs_from_workbook(path: Path) -> dict[str, list[list]]:
    """The tabs of an .xlsx as Python values (dates as datetimes), to load into the server."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


# ---------------------------------------------------------------- rendering values like Google

def _serial(value: date) -> int | float:
    moment = value if isinstance(value, datetime) else datetime.combine(value, datetime.min.time())
    days = (moment - SERIAL_ORIGIN).total_seconds() / 86400
    return int(days) if days == int(days) else days


def render(value, value_option: str, date_option: str):
    if value is None:
        return ""
    unformatted = value_option == "UNFORMATTED_VALUE"
    if isinstance(value, (date, datetime)):
        if unformatted and date_option != "FORMATTED_STRING":
            return _serial(value)
        return value.strftime("%d/%m/%Y")
    if unformatted:
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_rows(rows: list[list], value_option: str, date_option: str) -> list[list]:
    rendered = []
    for row in rows:
        cells = [render(value, value_option, date_option) for value in row]
        while cells and cells[-1] == "":
            cells.pop()
        rendered.append(cells)
    while rendered and not rendered[-1]:
        rendered.pop()
    return rendered


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def parse_range_title(text: str) -> str:
    """The tab named by an A1 range: 'It''s'!A1:B2 → It's; Sheet1 → Sheet1."""
    if text.startswith("'"):
        title, index = [], 1
        while index < len(text):
            if text[index] == "'":
                if text[index + 1: index + 2] == "'":
                    title.append("'")
                    index += 2
                    continue
                break
            title.append(text[index])
            index += 1
        return "".join(title)
    return text.split("!", 1)[0]


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


# ---------------------------------------------------------------- the server's state

class FakeGoogle:
    """Spreadsheets, accounts, tokens, counters and faults; safe to edit from the test's thread."""

    def __init__(self):
        self.lock = threading.RLock()
        self.spreadsheets: dict[str, Spreadsheet] = {}
        self.public_keys: dict[str, rsa.RSAPublicKey] = {}
        self.tokens: dict[str, str] = {}  # access token → e-mail
        self.token_scopes: dict[str, str] = {}  # access token → the scopes it was granted
        self.batch_updates: list[dict] = []  # every batchUpdate body received, applied or not
        self._protected_ids = itertools.count(1000)
        self.counts: Counter = Counter()
        self.requests: list[tuple[str, str, dict]] = []  # (kind, path, query)
        self.scopes: list[str] = []
        self.faults: dict[str, list[Fault]] = {}
        self.latency = 0.0  # seconds added to every answer: a network round trip, for the benchmark
        self.drive_enabled = True  # False: the Drive API is not enabled in the account's project (403)
        self.keep_answers = False  # True: encode a values answer once per sheet version (edit through the methods)
        self._gids = itertools.count(100)
        self._tokens = itertools.count(1)

    # -- set-up and edits
    def register_account(self, email: str, public_key: rsa.RSAPublicKey) -> None:
        with self.lock:
            self.public_keys[email] = public_key

    def add_spreadsheet(self, sheet_id: str, title: str, tabs: dict[str, list[list]],
                        shared_with: set[str] | None = None) -> None:
        with self.lock:
            self.spreadsheets[sheet_id] = Spreadsheet(
                title, [Tab(name, 0 if index == 0 else next(self._gids), [list(r) for r in rows])
                        for index, (name, rows) in enumerate(tabs.items())], shared_with)

    def tab(self, sheet_id: str, title: str) -> Tab:
        return next(tab for tab in self.spreadsheets[sheet_id].tabs if tab.title == title)

    def set_cell(self, sheet_id: str, title: str, row: int, column: int, value) -> None:
        """Cell at 1-based `row`, `column` of a tab (the grid grows as needed)."""
        with self.lock:
            rows = self.tab(sheet_id, title).rows
            while len(rows) < row:
                rows.append([])
            while len(rows[row - 1]) < column:
                rows[row - 1].append(None)
            rows[row - 1][column - 1] = value
            self.spreadsheets[sheet_id].edited()

    def append_row(self, sheet_id: str, title: str, values: list) -> None:
        with self.lock:
            self.tab(sheet_id, title).rows.append(list(values))
            self.spreadsheets[sheet_id].edited()

    def add_tab(self, sheet_id: str, title: str, rows: list[list]) -> None:
        with self.lock:
            self.spreadsheets[sheet_id].tabs.append(Tab(title, next(self._gids), [list(r) for r in rows]))
            self.spreadsheets[sheet_id].edited()

    def rename_tab(self, sheet_id: str, title: str, new_title: str) -> None:
        with self.lock:
            self.tab(sheet_id, title).title = new_title
            self.spreadsheets[sheet_id].edited()

    def set_locale(self, sheet_id: str, locale: str) -> None:
        with self.lock:
            self.spreadsheets[sheet_id].locale = locale
            self.spreadsheets[sheet_id].edited()

    def merge(self, sheet_id: str, title: str, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge the cells from (`first_row`, `first_col`) to (`last_row`, `last_col`), 1-based and
        inclusive as a person names them (B2:C4 = 2, 2, 4, 3). Like Google, only the top-left value stays."""
        with self.lock:
            tab = self.tab(sheet_id, title)
            error = _merge(tab, {"sheetId": tab.gid, "startRowIndex": first_row - 1, "endRowIndex": last_row,
                                 "startColumnIndex": first_col - 1, "endColumnIndex": last_col})
            if error:
                raise ValueError(error)
            self.spreadsheets[sheet_id].edited()

    def hide_rows(self, sheet_id: str, title: str, rows, by_filter: bool = False) -> None:
        """Hide 1-based `rows` of a tab, by hand or (`by_filter`) as a filter view does."""
        with self.lock:
            tab = self.tab(sheet_id, title)
            (tab.filtered_rows if by_filter else tab.hidden_rows).update(row - 1 for row in rows)
            self.spreadsheets[sheet_id].edited()

    def hide_tab(self, sheet_id: str, title: str) -> None:
        with self.lock:
            self.tab(sheet_id, title).hidden = True
            self.spreadsheets[sheet_id].edited()

    def delete_tab(self, sheet_id: str, title: str) -> None:
        with self.lock:
            sheet = self.spreadsheets[sheet_id]
            sheet.tabs = [tab for tab in sheet.tabs if tab.title != title]
            self.spreadsheets[sheet_id].edited()

    def inject(self, kind: str, fault: Fault) -> None:
        with self.lock:
            self.faults.setdefault(kind, []).append(fault)

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def reset_counts(self) -> None:
        with self.lock:
            self.counts.clear()
            self.requests.clear()

    def _take_fault(self, kind: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(kind) or []
            if not queue:
                return None
            fault = queue[0]
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    queue.pop(0)
            return fault

    # -- answering
    def issue_token(self, form: dict[str, list[str]]) -> tuple[int, dict]:
        if form.get("grant_type", [""])[0] != JWT_GRANT:
            return 400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type."}
        try:
            header_b64, payload_b64, signature_b64 = form["assertion"][0].split(".")
            payload = json.loads(_b64decode(payload_b64))
            public_key = self.public_keys[payload["iss"]]
            public_key.verify(_b64decode(signature_b64), f"{header_b64}.{payload_b64}".encode(),
                              padding.PKCS1v15(), hashes.SHA256())
        except (KeyError, ValueError, InvalidSignature):
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        with self.lock:
            token = f"test-access-token-{next(self._tokens)}"
            self.tokens[token] = payload["iss"]
            self.token_scopes[token] = payload.get("scope", "")
            self.scopes.append(payload.get("scope", ""))
        return 200, {"access_token": token, "expires_in": 3600, "token_type": "Bearer"}

    def answer_api(self, kind: str, sheet_id: str, query: dict, token: str | None,
                   single_range: str | None = None, body: dict | None = None) -> tuple[int, dict | bytes]:
        with self.lock:
            email = self.tokens.get(token or "")
            if email is None:
                return 401, google_error(401)
            sheet = self.spreadsheets.get(sheet_id)
            if sheet is None:
                return 404, google_error(404)
            if kind == "drive":
                return self._drive_file(sheet_id, sheet, email, token, query)
            if sheet.shared_with is not None and email not in sheet.shared_with:
                return 403, google_error(403)
            if kind == "metadata":
                if query.get("includeGridData", ["false"])[0] == "true":
                    return self._grid_data(sheet_id, sheet, query.get("ranges", []))
                mask = query.get("fields", [""])[0]
                sheets = []
                for index, tab in enumerate(sheet.tabs):
                    document = _sheet_metadata(tab, index)
                    if tab.merges and (not mask or "merges" in mask):
                        document["merges"] = [dict(m) for m in tab.merges]
                    if "rowMetadata" in mask:  # grid data comes only when a mask names it
                        document["data"] = [{"rowMetadata": [_row_metadata(tab, row) for row in range(tab.row_count)]}]
                    sheets.append(document)
                return 200, {"spreadsheetId": sheet_id,
                             "properties": {"title": sheet.title, "locale": sheet.locale, "timeZone": sheet.time_zone},
                             "sheets": sheets}
            if kind == "batchUpdate":
                if WRITE_SCOPE not in (self.token_scopes.get(token or "") or "").split():
                    return 403, google_error(403, "Request had insufficient authentication scopes.")
                return self._batch_update(sheet_id, sheet, body or {})
            by_filter = kind == "batchGet" and body is not None  # values:batchGetByDataFilter: all in the body
            if by_filter:
                filters = body.get("dataFilters") if isinstance(body.get("dataFilters"), list) else []
                if not filters or not all(isinstance(f, dict) and isinstance(f.get("a1Range"), str) for f in filters):
                    return 400, google_error(400, "Invalid dataFilters: only a1Range filters are served here")
                query = {name: [str(body[name])] for name in ("valueRenderOption", "dateTimeRenderOption")
                         if name in body}
            value_option = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
            date_option = query.get("dateTimeRenderOption", ["SERIAL_NUMBER"])[0]
            ranges = [single_range] if single_range is not None else [f["a1Range"] for f in filters] if by_filter \
                else query.get("ranges", [])
            key = (single_range is not None, by_filter, tuple(ranges), value_option, date_option)
            if self.keep_answers and key in sheet.answers:
                return 200, sheet.answers[key]
            tabs = {tab.title: tab for tab in sheet.tabs}
            value_ranges = []
            for text in ranges:
                tab = tabs.get(parse_range_title(text))
                if tab is None:
                    return 400, google_error(400, f"Unable to parse range: {text}")
                rows = render_rows(tab.rows, value_option, date_option)
                width = max((len(row) for row in rows), default=0)
                quoted = "'" + tab.title.replace("'", "''") + "'"
                value_range = {"range": f"{quoted}!A1:{column_letter(max(width, 1) - 1)}{max(len(rows), 1)}",
                               "majorDimension": "ROWS"}
                if rows:
                    value_range["values"] = rows
                value_ranges.append(value_range)
            if by_filter:  # each answer with the filter that asked for it, as Google echoes it
                value_ranges = [{"valueRange": value_range, "dataFilters": [dict(data_filter)]}
                                for value_range, data_filter in zip(value_ranges, filters)]
            document = value_ranges[0] if single_range is not None else {"spreadsheetId": sheet_id,
                                                                          "valueRanges": value_ranges}
            encoded = _encoded(document)
            if self.keep_answers:
                sheet.answers[key] = encoded
            return 200, encoded

    def _drive_file(self, sheet_id: str, sheet: Spreadsheet, email: str, token: str,
                    query: dict) -> tuple[int, dict]:
        """Drive API v3 files.get: the fields the mask names, of `version`, `modifiedTime`, `id`, `name`."""
        if not self.drive_enabled:
            return 403, copy.deepcopy(DRIVE_DISABLED)
        if not DRIVE_SCOPES & set((self.token_scopes.get(token) or "").split()):
            return 403, google_error(403, "Request had insufficient authentication scopes.")
        if sheet.shared_with is not None and email not in sheet.shared_with:
            return 404, drive_not_found(sheet_id)
        moment = sheet.modified.astimezone(timezone.utc)
        document = {"kind": "drive#file", "id": sheet_id, "name": sheet.title, "version": str(sheet.version),
                    "modifiedTime": moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"}
        mask = query.get("fields", [""])[0]
        if mask:
            document = {name: value for name, value in document.items()
                        if name in {part.strip() for part in mask.split(",")}}
        return 200, document

    # -- the write side (init-sheet)
    def _grid_data(self, sheet_id: str, sheet: Spreadsheet, ranges: list[str]) -> tuple[int, dict]:
        tabs = {tab.title: (index, tab) for index, tab in enumerate(sheet.tabs)}
        found: dict[int, dict] = {}
        for text in ranges:
            entry = tabs.get(parse_range_title(text))
            if entry is None:
                return 400, google_error(400, f"Unable to parse range: {text}")
            index, tab = entry
            first, last = _row_span(text, tab)
            rows = []
            for row in range(first, last):
                cells = [_cell_data(tab, row, column) for column in range(tab.column_count)]
                while cells and not cells[-1]:
                    cells.pop()
                rows.append({"values": cells} if cells else {})
            block = {"startRow": first, "startColumn": 0, "rowData": rows,
                     "columnMetadata": [{"pixelSize": tab.widths.get(c, DEFAULT_PIXELS)} for c in range(tab.column_count)]}
            found.setdefault(index, {**_sheet_metadata(tab, index), "data": []})["data"].append(block)
        return 200, {"spreadsheetId": sheet_id, "properties": {"title": sheet.title},
                     "sheets": [found[index] for index in sorted(found)]}

    def _batch_update(self, sheet_id: str, sheet: Spreadsheet, body: dict) -> tuple[int, dict]:
        self.batch_updates.append(body)
        # Google applies all of a batchUpdate or none of it: work on a copy, keep it if every request passed.
        trial = copy.deepcopy(sheet.tabs)
        properties = {"title": sheet.title, "locale": sheet.locale, "timeZone": sheet.time_zone}
        replies = []
        for number, request in enumerate(body.get("requests") or []):
            (name, detail), = request.items()
            if name == "updateSpreadsheetProperties":
                error = _update_spreadsheet_properties(properties, detail)
            else:
                error = _apply(trial, name, detail, self)
            if error:
                return 400, google_error(400, f"Invalid requests[{number}].{name}: {error}")
            replies.append({})
        sheet.tabs = trial
        sheet.title, sheet.locale, sheet.time_zone = properties["title"], properties["locale"], properties["timeZone"]
        sheet.edited()
        return 200, {"spreadsheetId": sheet_id, "replies": replies}


def _encoded(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def _sheet_metadata(tab: Tab, index: int) -> dict:
    grid = {"rowCount": tab.row_count, "columnCount": tab.column_count}
    if tab.frozen_rows:
        grid["frozenRowCount"] = tab.frozen_rows
    document = {"properties": {"sheetId": tab.gid, "title": tab.title, "index": index, "sheetType": "GRID",
                               "gridProperties": grid}}
    if tab.hidden:  # Google leaves false booleans out
        document["properties"]["hidden"] = True
    if tab.protected_ranges:
        document["protectedRanges"] = [dict(p) for p in tab.protected_ranges]
    if tab.conditional_formats:
        document["conditionalFormats"] = [dict(c) for c in tab.conditional_formats]
    return document


def _row_metadata(tab: Tab, row: int) -> dict:
    """One row's DimensionProperties, with only the hidden flags (false ones left out, as Google does)."""
    flags = {}
    if row in tab.hidden_rows:
        flags["hiddenByUser"] = True
    if row in tab.filtered_rows:
        flags["hiddenByFilter"] = True
    return flags


def _merge(tab: Tab, grid_range: dict) -> str | None:
    """Merge a bounded GridRange of `tab`, keeping only its top-left value (MERGE_ALL); an error text
    if Google would refuse it."""
    if "endRowIndex" not in grid_range or "endColumnIndex" not in grid_range:
        return "The merge range must be bounded"
    top, bottom = int(grid_range.get("startRowIndex", 0)), int(grid_range["endRowIndex"])  # Google leaves 0 out
    left, right = int(grid_range.get("startColumnIndex", 0)), int(grid_range["endColumnIndex"])
    if not (0 <= top < bottom and 0 <= left < right) or (bottom - top) * (right - left) < 2:
        return "The range must span more than one cell"
    if right > tab.column_count:
        return f"Range exceeds grid limits. Max columns: {tab.column_count}"
    for other in tab.merges:
        if (top < other["endRowIndex"] and other["startRowIndex"] < bottom
                and left < other["endColumnIndex"] and other["startColumnIndex"] < right):
            return "You can't merge cells that are already partly merged"
    for row in range(top, min(bottom, len(tab.rows))):
        cells = tab.rows[row]
        for column in range(left, min(right, len(cells))):
            if (row, column) != (top, left):
                cells[column] = None
    tab.merges.append({"sheetId": tab.gid, "startRowIndex": top, "endRowIndex": bottom,
                       "startColumnIndex": left, "endColumnIndex": right})
    return None


_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def _update_spreadsheet_properties(properties: dict, detail: dict) -> str | None:
    """Apply an updateSpreadsheetProperties request (title, locale, timeZone) to `properties`."""
    wanted = detail.get("properties") or {}
    fields = [name.strip() for name in str(detail.get("fields") or "").split(",") if name.strip()]
    if not fields:
        return "At least one field must be updated, but 'fields' is empty"
    if fields == ["*"]:
        fields = list(properties)
    for name in fields:
        if name not in properties:
            return f"Invalid field mask path: {name!r} is not handled by the test server"
        if name not in wanted:
            return f"Field {name!r} named in 'fields' has no value"
        if name == "locale" and not _LOCALE.match(str(wanted[name])):
            return f"Invalid locale: {wanted[name]}"
        properties[name] = wanted[name]
    return None


def _row_span(text: str, tab: Tab) -> tuple[int, int]:
    """0-based [first, last) rows of 'Tab'!1:16 (rows), 'Tab'!A1:Z16, or the whole tab."""
    cells = text.rsplit("!", 1)[1] if "!" in text else ""
    numbers = [int(n) for n in re.findall(r"(\d+)", cells)]
    if not numbers:
        return 0, max(len(tab.rows), 1)
    return numbers[0] - 1, numbers[-1]


def _covers(grid_range: dict, row: int, column: int) -> bool:
    return (grid_range.get("startRowIndex", 0) <= row < grid_range.get("endRowIndex", 10 ** 9)
            and grid_range.get("startColumnIndex", 0) <= column < grid_range.get("endColumnIndex", 10 ** 9))


def _cell_data(tab: Tab, row: int, column: int) -> dict:
    cell: dict = {}
    value = tab.rows[row][column] if row < len(tab.rows) and column < len(tab.rows[row]) else None
    if value is not None and value != "":
        cell["formattedValue"] = render(value, "FORMATTED_VALUE", "FORMATTED_STRING")
    for grid_range, rule in tab.validations:  # the last one set wins
        if _covers(grid_range, row, column):
            if rule:
                cell["dataValidation"] = rule
            else:
                cell.pop("dataValidation", None)
    for grid_range, number_format in tab.number_formats:
        if _covers(grid_range, row, column):
            cell["userEnteredFormat"] = {"numberFormat": number_format}
    return cell


def _typed(value: dict, number_format: dict | None):
    if "stringValue" in value:
        return value["stringValue"]
    if "boolValue" in value:
        return bool(value["boolValue"])
    if "numberValue" in value:
        number = value["numberValue"]
        if (number_format or {}).get("type") == "DATE":
            return SERIAL_ORIGIN + timedelta(days=number)
        return int(number) if float(number).is_integer() else number
    return None


def _apply(tabs: list[Tab], name: str, detail: dict, google: "FakeGoogle") -> str | None:
    """Apply one batchUpdate request to `tabs`; an error text if Google would refuse it."""
    by_id = {tab.gid: tab for tab in tabs}

    def tab_of(sheet_id) -> Tab | None:
        return by_id.get(int(sheet_id or 0))

    if name == "addSheet":
        properties = detail.get("properties", {})
        if any(tab.title == properties.get("title") for tab in tabs):
            return f'A sheet with the name "{properties.get("title")}" already exists.'
        gid = properties.get("sheetId", next(google._gids))
        if gid in by_id:
            return f"A sheet with id {gid} already exists."
        grid = properties.get("gridProperties", {})
        tabs.append(Tab(properties.get("title", f"Sheet{len(tabs) + 1}"), gid, [],
                        frozen_rows=grid.get("frozenRowCount", 0), column_count=grid.get("columnCount", 26)))
        return None
    if name == "updateCells":
        start = detail.get("start", {})
        tab = tab_of(start.get("sheetId"))
        if tab is None:
            return "No grid with id"
        first_row, first_column = start.get("rowIndex", 0), start.get("columnIndex", 0)
        for r, row in enumerate(detail.get("rows", [])):
            for c, cell in enumerate(row.get("values", [])):
                column = first_column + c
                if column >= tab.column_count:
                    return f"Range exceeds grid limits. Max columns: {tab.column_count}"
                number_format = (cell.get("userEnteredFormat") or {}).get("numberFormat")
                value = _typed(cell.get("userEnteredValue") or {}, number_format)
                rows = tab.rows
                while len(rows) <= first_row + r:
                    rows.append([])
                while len(rows[first_row + r]) <= column:
                    rows[first_row + r].append(None)
                rows[first_row + r][column] = value
                if number_format:
                    tab.number_formats.append(({"startRowIndex": first_row + r, "endRowIndex": first_row + r + 1,
                                                "startColumnIndex": column, "endColumnIndex": column + 1},
                                               number_format))
        return None
    if name == "updateSheetProperties":
        properties = detail.get("properties", {})
        tab = tab_of(properties.get("sheetId"))
        if tab is None:
            return "No grid with id"
        if "frozenRowCount" in properties.get("gridProperties", {}):
            tab.frozen_rows = properties["gridProperties"]["frozenRowCount"]
        return None
    if name == "updateDimensionProperties":
        span = detail.get("range", {})
        tab = tab_of(span.get("sheetId"))
        if tab is None:
            return "No grid with id"
        if span.get("dimension") == "COLUMNS" and "pixelSize" in detail.get("properties", {}):
            for column in range(span.get("startIndex", 0), span.get("endIndex", tab.column_count)):
                tab.widths[column] = detail["properties"]["pixelSize"]
        if span.get("dimension") == "ROWS" and "hiddenByUser" in detail.get("properties", {}):
            rows = set(range(span.get("startIndex", 0), span.get("endIndex", tab.row_count)))
            if detail["properties"]["hiddenByUser"]:
                tab.hidden_rows |= rows
            else:
                tab.hidden_rows -= rows
        return None
    if name == "mergeCells":
        grid_range = detail.get("range", {})
        tab = tab_of(grid_range.get("sheetId"))
        if tab is None:
            return "No grid with id"
        if detail.get("mergeType", "MERGE_ALL") != "MERGE_ALL":
            return f"mergeType {detail.get('mergeType')!r} is not handled by the test server"
        return _merge(tab, grid_range)
    if name == "appendDimension":
        tab = tab_of(detail.get("sheetId"))
        if tab is None:
            return "No grid with id"
        if detail.get("dimension") == "COLUMNS":
            tab.column_count += int(detail.get("length", 0))
        return None
    if name in ("repeatCell", "setDataValidation"):
        grid_range = detail.get("range", {})
        tab = tab_of(grid_range.get("sheetId"))
        if tab is None:
            return "No grid with id"
        if name == "setDataValidation":
            tab.validations.append((grid_range, detail.get("rule")))
        else:
            number_format = ((detail.get("cell") or {}).get("userEnteredFormat") or {}).get("numberFormat")
            if number_format:
                tab.number_formats.append((grid_range, number_format))
        return None
    if name == "addConditionalFormatRule":
        rule = detail.get("rule", {})
        tab = tab_of((rule.get("ranges") or [{}])[0].get("sheetId"))
        if tab is None:
            return "No grid with id"
        tab.conditional_formats.insert(detail.get("index", len(tab.conditional_formats)), rule)
        return None
    if name == "addProtectedRange":
        protected = dict(detail.get("protectedRange", {}))
        tab = tab_of(protected.get("range", {}).get("sheetId"))
        if tab is None:
            return "No grid with id"
        protected["protectedRangeId"] = next(google._protected_ids)
        tab.protected_ranges.append(protected)
        return None
    if name == "updateProtectedRange":
        wanted = detail.get("protectedRange", {})
        for tab in tabs:
            for protected in tab.protected_ranges:
                if protected.get("protectedRangeId") == wanted.get("protectedRangeId"):
                    for key in str(detail.get("fields", "")).split(","):
                        if key.strip() in wanted:
                            protected[key.strip()] = wanted[key.strip()]
                    return None
        return "No protected range with that id"
    return f"request kind {name!r} is not handled by the test server"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else headers and body, sent apart, wait ~40 ms for a delayed ACK
    server: "_Server"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json; charset=UTF-8") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            self.close_connection = True

    def _route(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        google = self.server.google
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = parts.path
        single_range = None
        sheet_id = ""
        if method == "POST" and path == "/token":
            kind = "token"
        elif method == "POST" and path.startswith("/v4/spreadsheets/") and path.endswith(":batchUpdate"):
            kind, sheet_id = "batchUpdate", path[len("/v4/spreadsheets/"): -len(":batchUpdate")]
        elif method == "POST" and path.startswith("/v4/spreadsheets/") and path.endswith(BY_FILTER):
            kind, sheet_id = "batchGet", path[len("/v4/spreadsheets/"): -len(BY_FILTER)]
        elif method == "GET" and path.startswith("/drive/v3/files/"):
            kind, sheet_id = "drive", unquote(path[len("/drive/v3/files/"):])
        elif method == "GET" and path.startswith("/v4/spreadsheets/"):
            rest = path[len("/v4/spreadsheets/"):]
            if rest.endswith("/values:batchGet"):
                kind, sheet_id = "batchGet", rest[: -len("/values:batchGet")]
            elif "/values/" in rest:
                sheet_id, encoded = rest.split("/values/", 1)
                kind, single_range = "values", unquote(encoded)
            else:
                kind, sheet_id = "metadata", rest
        else:
            self._send(404, json.dumps(google_error(404)).encode())
            return
        with google.lock:
            google.counts[kind] += 1
            google.requests.append((kind, path, query))
        if google.latency:
            time.sleep(google.latency)
        fault = google._take_fault(kind)
        if fault is not None:
            if fault.delay:
                deadline = time.monotonic() + fault.delay
                while time.monotonic() < deadline and not self.server.stopping.is_set():
                    time.sleep(0.02)
            if fault.malformed:
                self._send(200, b'{"valueRanges": [ this is not JSON')
                return
            if fault.status is not None or fault.body is not None:
                status = fault.status or fault.body["error"]["code"]
                self._send(status, json.dumps(fault.body or google_error(status)).encode())
                return
        if kind == "token":
            status, document = google.issue_token(parse_qs(body.decode()))
        else:
            authorization = self.headers.get("Authorization", "")
            token = authorization[len("Bearer "):] if authorization.startswith("Bearer ") else None
            document_in = None
            if method == "POST" and kind in ("batchUpdate", "batchGet"):
                try:
                    document_in = json.loads(body or b"{}")
                except ValueError:
                    document_in = {}
            status, document = google.answer_api(kind, sheet_id, query, token, single_range, document_in)
        self._send(status, document if isinstance(document, bytes) else _encoded(document))

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    google: FakeGoogle
    stopping: threading.Event


class SheetsServer:
    """`with SheetsServer() as server:` — a running stand-in; `server.google` holds its state."""

    def __init__(self, google: FakeGoogle | None = None):
        self.google = google or FakeGoogle()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.google = self.google
        self._server.stopping = threading.Event()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        return self.base_url + "/token"

    def start(self) -> "SheetsServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "SheetsServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
