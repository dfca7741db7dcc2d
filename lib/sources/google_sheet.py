"""A Google Sheet as raw grids: one `values:batchGet` per read, the tab list cached, bounded retries.

The real stack (gspread's HTTP client on google-auth's authorised session, service-account key,
read-only scope) with three things gspread 6.2.1 leaves to the caller:

- a timeout on every request (gspread sets none) and an overall time limit per read;
- retries of 429, 5xx and timeouts with capped exponential back-off (gspread's
  `BackOffHTTPClient` retries without bound and sleeps up to 128 s);
- failures mapped to a `SheetError` with a `reason` and a message in both languages that says
  what failed and what to do. Keys and tokens never appear in a message.

A read asks Google for metadata (titles and gids of the tabs, the spreadsheet's locale, and each
tab's layout: merged cells, hidden rows, hidden tab; cached for `METADATA_TTL_SECONDS`
process-wide) and for every tab's values in ONE `values:batchGet` (unformatted values, dates as
serial numbers, which the cleaning reads; with so many tabs that their names would make the URL
longer than `MAX_GET_URL_CHARS`, the same request as a POST, `values:batchGetByDataFilter`). A
batchGet naming a missing tab fails as a whole, so the ranges come from the tab list; if a tab
vanished since the list was cached, the list is fetched again once. A layout can be up to one
cache period older than the values: it is fitted to the grid just read, and whatever no longer
falls inside that grid is dropped.

`GoogleSheet.version()` asks Google Drive (API v3 `files.get`, `fields=version,modifiedTime`, the
read-only metadata scope) for the file's version, which moves on every edit: `lib.live` asks it
every few seconds and reads the values only when it moved. Drive's quota is separate from (and
much larger than) the Sheets API's read quota.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import requests
from google.auth import exceptions as auth_errors
from google.oauth2.service_account import Credentials
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient
from gspread.utils import absolute_range_name

from lib.i18n import Message
from lib.sources import Provenance, RawWorkbook, SourceError, TabLayout, google_sheet_id
from lib.sources.credentials import bad_key_message

log = logging.getLogger(__name__)

READONLY_SCOPE = "https://www.googleapis.com/auth/spreadsheets.readonly"
DRIVE_METADATA_SCOPE = "https://www.googleapis.com/auth/drive.metadata.readonly"
READ_SCOPES = (READONLY_SCOPE, DRIVE_METADATA_SCOPE)  # what the key may do: read the values, see the file's version
SHEETS_ORIGIN = "https://sheets.googleapis.com"
DRIVE_ORIGIN = "https://www.googleapis.com"
DRIVE_FILES_URL = DRIVE_ORIGIN + "/drive/v3/files/"
VERSION_FIELDS = "version,modifiedTime"
# Tests only: send Sheets API requests to a local server instead (loopback addresses only).
METADATA_TTL_SECONDS = 600.0
# Naming `data.rowMetadata` in the mask makes Google return grid data (includeGridData is ignored
# when a mask is set) but only the rows' hidden flags, one entry per row of the grid's whole
# height: a few bytes a row, once per cache period. Without `ranges`, each tab has one GridData
# starting at row 0; `startRow` is asked anyway so that an offset block would still map right.
METADATA_FIELDS = ("properties(title,locale),"
                   "sheets(properties(sheetId,title,index,sheetType,hidden),merges,"
                   "data(startRow,rowMetadata(hiddenByUser,hiddenByFilter)))")
VALUE_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
                "majorDimension": "ROWS"}
# batchGet names its ranges in the URL, and Google has been reported to refuse URLs of about
# 20,000 characters: a country's 705 tabs make one of 30,000. Above this length (a province's 15
# tabs take under 1,000) the same one request is sent as `values:batchGetByDataFilter`, a POST
# whose body names the ranges. Google documents no limit: 2,000 is the cautious, classic one.
MAX_GET_URL_CHARS = 2000
VALUES_BY_FILTER_URL = SHEETS_ORIGIN + "/v4/spreadsheets/{}/values:batchGetByDataFilter"
SHOWN_DETAIL_CHARS = 160  # Google's own error text is quoted up to this length

REASONS = ("not_shared", "api_disabled", "not_found", "quota", "server", "timeout", "network",
           "bad_credentials", "missing_tab", "rejected")
RETRYABLE = frozenset({"quota", "server", "timeout", "network"})


class SheetError(SourceError):
    """A Google Sheet could not be read; `reason` is one of `REASONS`."""

    def __init__(self, reason: str, text: Message, *, status: int | None = None):
        super().__init__(text, reason=reason)
        self.status = status

    @property
    def retryable(self) -> bool:
        """True for failures worth another try: quota, server, timeout, network."""
        return self.reason in RETRYABLE

    @classmethod
    def of(cls, reason: str, status: int | None = None, **params) -> "SheetError":
        """The SheetError of `reason`, its message the key `src.google.<reason>` with `params`."""
        return cls(reason, Message.of(f"src.google.{reason}", **params), status=status)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one read tries: per-request timeouts, retries with capped back-off, a time limit."""

    attempts: int = 4  # tries per request
    first_wait: float = 1.0  # seconds before the second try; doubles after each failure
    max_wait: float = 8.0  # cap of one wait
    total: float = 25.0  # limit for one whole read: every request and wait included
    connect_timeout: float = 5.0
    read_timeout: float = 15.0


# Asking for the version is repeated every few seconds: one quick retry, then the next poll tries again.
PROBE_POLICY = RetryPolicy(attempts=2, first_wait=0.5, max_wait=1.0, total=6.0, connect_timeout=3.0, read_timeout=4.0)


class DriveError(SourceError):
    """Google Drive cannot say the file's version; `retryable` when it may answer again soon
    (quota, server, timeout, network), not when refused (API disabled, no access, no scope)."""

    def __init__(self, text: Message, *, retryable: bool, status: int | None = None):
        super().__init__(text, reason="drive")
        self.retryable = retryable
        self.status = status

    @classmethod
    def from_sheet_error(cls, error: SheetError) -> "DriveError":
        """What a failed `files.get` means for change detection, from the failure `_call` made of it."""
        if error.reason == "api_disabled":
            key = "live.drive.disabled"
        elif error.retryable:
            key = "live.drive.unavailable"
        else:
            key = "live.drive.forbidden"
        return cls(Message.of(key), retryable=error.retryable, status=error.status)


@dataclass(frozen=True)
class SheetMetadata:
    """What the cached metadata request says: the title, the locale, every grid tab (title, gid) and its layout."""
    title: str
    tabs: tuple[tuple[str, int], ...]  # (title, gid) of every grid tab, in sheet order
    locale: str | None = None  # "vi_VN", "en_US", ...; None when Google did not say
    # Per tab title, as the metadata says (the whole grid, not yet fitted to the values); only tabs
    # with merges, hidden rows or hidden themselves.
    layouts: dict[str, TabLayout] = field(default_factory=dict)


def parse_tab_layout(sheet: Mapping) -> TabLayout:
    """One `sheets[i]` of the metadata as a `TabLayout` (0-based, inclusive merge corners).

    Google's GridRange is 0-based and half open, and leaves out indices equal to 0; a merge
    with no end (unbounded) or covering a single cell says nothing and is skipped.

    >>> parse_tab_layout({"properties": {"hidden": True},
    ...                   "merges": [{"sheetId": 7, "endRowIndex": 3, "startColumnIndex": 1, "endColumnIndex": 2}],
    ...                   "data": [{"rowMetadata": [{}, {"hiddenByUser": True}, {}, {"hiddenByFilter": True}]}]})
    TabLayout(merges=((0, 1, 2, 1),), hidden_rows=frozenset({1, 3}), uncalculated=frozenset(), hidden=True)
    """
    merges = []
    for grid_range in sheet.get("merges") or []:
        if "endRowIndex" not in grid_range or "endColumnIndex" not in grid_range:
            continue
        first_row, first_col = int(grid_range.get("startRowIndex", 0)), int(grid_range.get("startColumnIndex", 0))
        last_row, last_col = int(grid_range["endRowIndex"]) - 1, int(grid_range["endColumnIndex"]) - 1
        if last_row >= first_row >= 0 and last_col >= first_col >= 0 and (last_row, last_col) != (first_row, first_col):
            merges.append((first_row, first_col, last_row, last_col))
    hidden_rows = set()
    for block in sheet.get("data") or []:
        start = int(block.get("startRow", 0))
        for offset, row in enumerate(block.get("rowMetadata") or []):
            if row.get("hiddenByUser") or row.get("hiddenByFilter"):
                hidden_rows.add(start + offset)
    return TabLayout(merges=tuple(sorted(merges)), hidden_rows=frozenset(hidden_rows),
                     hidden=bool(sheet.get("properties", {}).get("hidden", False)))


def fit_layout(layout: TabLayout | None, grid: list[list]) -> TabLayout | None:
    """`layout` limited to `grid` (rows × its widest row); None when nothing is left to say.

    The metadata may be older than the values (it is cached), and Google's grid is taller and
    wider than the values it returns (trailing blanks are left out): a merge whose top-left cell
    is outside the grid is dropped, one reaching past it is cut at its edge, and hidden rows
    below the last row are dropped.

    >>> fit_layout(TabLayout(merges=((0, 0, 5, 0), (9, 0, 10, 0)), hidden_rows=frozenset({1, 8})), [["a"], [], ["b"]])
    TabLayout(merges=((0, 0, 2, 0),), hidden_rows=frozenset({1}), uncalculated=frozenset(), hidden=False)
    """
    if layout is None:
        return None
    rows, columns = len(grid), max((len(row) for row in grid), default=0)
    merges = []
    for first_row, first_col, last_row, last_col in layout.merges:
        if first_row >= rows or first_col >= columns:
            continue
        last_row, last_col = min(last_row, rows - 1), min(last_col, columns - 1)
        if (last_row, last_col) != (first_row, first_col):
            merges.append((first_row, first_col, last_row, last_col))
    fitted = TabLayout(merges=tuple(merges), hidden_rows=frozenset(r for r in layout.hidden_rows if r < rows),
                       uncalculated=layout.uncalculated, hidden=layout.hidden)
    if not (fitted.merges or fitted.hidden_rows or fitted.uncalculated or fitted.hidden):
        return None
    return fitted



class SheetsHTTPClient(HTTPClient):
    """gspread's HTTP client, sending to `api_base` instead of Google when given (a local test
    server; Sheets and Drive alike), with the timeout the current read allows."""

    def __init__(self, auth, session=None, *, api_base: str | None = None):
        super().__init__(auth, session)
        self.api_base = api_base.rstrip("/") if api_base else None

    def request(self, method, endpoint, *args, **kwargs):
        """Send to the local server when one is set; Google's own addresses are rewritten, nothing else."""
        if self.api_base:
            for origin in (SHEETS_ORIGIN, DRIVE_ORIGIN):
                if endpoint.startswith(origin + "/"):
                    endpoint = self.api_base + endpoint[len(origin):]
                    break
        return super().request(method, endpoint, *args, **kwargs)


# Tab lists are shared by every reader in the process: they change rarely and cost a request.
_metadata_cache: dict[tuple[str | None, str], tuple[float, SheetMetadata]] = {}
_metadata_lock = threading.Lock()


def clear_metadata_cache() -> None:
    """Forget every cached tab list (tests; a forced refresh asks again by itself)."""
    with _metadata_lock:
        _metadata_cache.clear()


_BLANK_AS_NONE = {"": None}


def query_length(ranges: list[str]) -> int:
    """At most how many characters a batchGet's query takes to name `ranges` (each byte
    percent-encoded, the worst case) with `VALUE_PARAMS`."""
    return sum(len("&ranges=") + 3 * len(text.encode()) for text in ranges) \
        + sum(len(f"&{name}={value}") for name, value in VALUE_PARAMS.items())


class _RangeRefused(Exception):
    """batchGet named a tab the sheet no longer has."""


class GoogleSheet:
    """One spreadsheet read with one service account. Keep the object to reuse its access token.

    Thread-safe: reads through one object happen one at a time.
    """

    SCOPES = READ_SCOPES  # what the key may do; the dashboard only ever reads

    def __init__(self, spreadsheet: str, credentials_info: Mapping, *, api_base: str | None = None,
                 key_origin: str = "", policy: RetryPolicy | None = None,
                 metadata_ttl: float = METADATA_TTL_SECONDS,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.sheet_id = google_sheet_id(spreadsheet)
        if self.sheet_id is None:
            raise SheetError.of("not_found", sheet=spreadsheet)
        self.email = str(credentials_info.get("client_email") or "")
        self.key_origin = key_origin or "credentials"
        self.api_base = api_base
        self.policy = policy or RetryPolicy()
        self.metadata_ttl = metadata_ttl
        self._clock, self._sleep = clock, sleep
        self._http = SheetsHTTPClient(self._credentials(credentials_info), api_base=api_base)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The spreadsheet's address, for links to its cells."""
        return f"https://docs.google.com/spreadsheets/d/{self.sheet_id}/edit"

    def _credentials(self, info: Mapping) -> Credentials:
        missing = [name for name in ("client_email", "private_key", "token_uri") if not str(info.get(name) or "").strip()]
        if missing:
            raise self._bad_key("src.cred.missing_fields", fields=", ".join(missing))
        try:
            return Credentials.from_service_account_info(dict(info), scopes=list(self.SCOPES))
        except (ValueError, TypeError, KeyError, auth_errors.GoogleAuthError) as error:
            raise self._bad_key("src.cred.bad_private_key") from error

    def _bad_key(self, detail_key: str, **params) -> SheetError:
        return SheetError("bad_credentials", bad_key_message(self.key_origin, detail_key, **params))

    # ------------------------------------------------------------ reading

    def read(self, fresh_tabs: bool = False) -> RawWorkbook:
        """Every grid tab's values, as the workbook source gives them (blank cells as None), with the
        sheet's locale and the layout of every tab that has merges, hidden rows or is hidden
        (`RawWorkbook.layouts`, fitted to the values read).

        `fresh_tabs` asks for the tab list (and layouts) again instead of the cached one (a forced refresh).
        """
        with self._lock:
            deadline = self._clock() + self.policy.total
            metadata = self._metadata(deadline, fresh=fresh_tabs)
            try:
                value_ranges = self._batch_get(metadata, deadline)
            except _RangeRefused:
                metadata = self._metadata(deadline, fresh=True)
                try:
                    value_ranges = self._batch_get(metadata, deadline)
                except _RangeRefused as refused:
                    raise SheetError.of("missing_tab", status=400, tabs=str(refused)) from None
        tabs, layouts = {}, {}
        for (title, _gid), value_range in zip(metadata.tabs, value_ranges):
            rows = value_range.get("values") or []
            # Google sends a blank inside a row as "": only rows holding one are copied (a dict lookup
            # in C, exact: no other value JSON gives equals "").
            tabs[title] = [row if "" not in row else list(map(_BLANK_AS_NONE.get, row, row)) for row in rows]
            layout = fit_layout(metadata.layouts.get(title), tabs[title])
            if layout is not None:
                layouts[title] = layout
        provenance = Provenance(metadata.title, "google", datetime.now(), self.url, dict(metadata.tabs))
        return RawWorkbook(tabs=tabs, provenance=provenance, layouts=layouts, locale=metadata.locale)

    def version(self) -> str:
        """The spreadsheet file's version on Google Drive (digits as text; it moves on every edit),
        from one Drive API v3 `files.get` with `fields=version,modifiedTime`; `modifiedTime` stands
        in when Drive leaves `version` out. Raises `DriveError` when Drive cannot say (API not
        enabled, no access, no answer): the caller then reads on a timer instead."""
        with self._lock:
            deadline = self._clock() + PROBE_POLICY.total
            try:
                document = self._call(lambda: self._http.request(
                    "get", DRIVE_FILES_URL + self.sheet_id,
                    params={"fields": VERSION_FIELDS, "supportsAllDrives": "true"}).json(),
                    deadline, policy=PROBE_POLICY)
            except SheetError as error:
                raise DriveError.from_sheet_error(error) from None
        found = (document.get("version") or document.get("modifiedTime")) if isinstance(document, Mapping) else None
        if not found:
            raise DriveError(Message.of("live.drive.unavailable"), retryable=True, status=200)
        return str(found)

    def _metadata(self, deadline: float, fresh: bool = False) -> SheetMetadata:
        key = (self.api_base, self.sheet_id)
        with _metadata_lock:
            cached = _metadata_cache.get(key)
        if cached and not fresh and self._clock() - cached[0] < self.metadata_ttl:
            return cached[1]
        document = self._call(lambda: self._http.fetch_sheet_metadata(self.sheet_id, params={"fields": METADATA_FIELDS}),
                              deadline)
        try:
            properties = document.get("properties", {})
            grids = [sheet for sheet in document.get("sheets", [])
                     if sheet["properties"].get("sheetType", "GRID") == "GRID"]
            layouts = {str(sheet["properties"]["title"]): parse_tab_layout(sheet) for sheet in grids}
            metadata = SheetMetadata(
                title=str(properties.get("title") or self.sheet_id),
                tabs=tuple((str(sheet["properties"]["title"]), int(sheet["properties"].get("sheetId", 0)))
                           for sheet in grids),
                locale=str(properties["locale"]) if properties.get("locale") else None,
                layouts={title: layout for title, layout in layouts.items()
                         if layout.merges or layout.hidden_rows or layout.hidden})
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise SheetError.of("server", status=200, status_text="200") from error
        with _metadata_lock:
            _metadata_cache[key] = (self._clock(), metadata)
        return metadata

    def _batch_get(self, metadata: SheetMetadata, deadline: float) -> list[dict]:
        if not metadata.tabs:
            return []
        ranges = [absolute_range_name(title) for title, _gid in metadata.tabs]
        if query_length(ranges) > MAX_GET_URL_CHARS:
            return self._batch_get_by_filter(ranges, deadline)
        document = self._call(lambda: self._http.values_batch_get(self.sheet_id, ranges, params=dict(VALUE_PARAMS)),
                              deadline, ranges=ranges)
        value_ranges = document.get("valueRanges") if isinstance(document, dict) else None
        if not isinstance(value_ranges, list) or len(value_ranges) != len(ranges):
            raise SheetError.of("server", status=200, status_text="200")
        return value_ranges

    def _batch_get_by_filter(self, ranges: list[str], deadline: float) -> list[dict]:
        """The ValueRange of each of `ranges`, in their order, from one `values:batchGetByDataFilter`.
        Each answer is matched to its range by the filter Google echoes with it; a range left without
        an answer is refused like a missing tab (the tab list is asked again)."""
        body = {"dataFilters": [{"a1Range": text} for text in ranges], **VALUE_PARAMS}
        document = self._call(lambda: self._http.request("post", VALUES_BY_FILTER_URL.format(self.sheet_id),
                                                         json=body).json(), deadline, ranges=ranges)
        matched = document.get("valueRanges") if isinstance(document, dict) else None
        if not isinstance(matched, list):
            raise SheetError.of("server", status=200, status_text="200")
        by_range: dict[str, dict] = {}
        for item in matched:
            value_range = item.get("valueRange") if isinstance(item, dict) else None
            if not isinstance(value_range, dict):
                raise SheetError.of("server", status=200, status_text="200")
            for data_filter in item.get("dataFilters") or ():
                if isinstance(data_filter, dict) and isinstance(data_filter.get("a1Range"), str):
                    by_range.setdefault(data_filter["a1Range"], value_range)
        unanswered = [text for text in ranges if text not in by_range]
        if unanswered:
            raise _RangeRefused(", ".join(unanswered))
        return [by_range[text] for text in ranges]

    def _call(self, send: Callable[[], object], deadline: float, ranges: list[str] | None = None,
              policy: RetryPolicy | None = None):
        """`send()` with timeouts, retried on 429/5xx/timeouts while the read's time allows
        (`policy`, else the sheet's own)."""
        policy = policy or self.policy
        attempt = 0
        while True:
            attempt += 1
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise SheetError.of("timeout", seconds=_seconds(policy.total))
            self._http.set_timeout((min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining)))
            retry_after = None
            try:
                return send()
            except APIError as error:
                failure = self._classify(error, ranges)
                retry_after = _retry_after(error.response)
            except requests.Timeout:
                failure = SheetError.of("timeout", seconds=_seconds(min(policy.read_timeout, remaining)))
            except requests.ConnectionError:
                failure = SheetError.of("network", host=urlsplit(self.api_base or SHEETS_ORIGIN).hostname)
            except auth_errors.RefreshError as error:
                failure = self._token_refused(error)
            except auth_errors.TransportError as error:
                failure = self._transport_failure(error, remaining)
            except ValueError:  # a 200 whose body is not JSON
                failure = SheetError.of("server", status=200, status_text="200")
            except requests.RequestException:  # a connection dropped halfway, a broken encoding
                failure = SheetError.of("network", host=urlsplit(self.api_base or SHEETS_ORIGIN).hostname)
            if not failure.retryable or attempt >= policy.attempts:
                raise failure
            wait = min(policy.first_wait * 2 ** (attempt - 1), policy.max_wait)
            if retry_after is not None:
                wait = min(max(wait, retry_after), policy.max_wait)
            if self._clock() + wait >= deadline:
                raise failure
            log.info("Google Sheets: %s (attempt %d), retrying in %.1f s", failure.reason, attempt, wait)
            self._sleep(wait)

    def _classify(self, error: APIError, ranges: list[str] | None) -> SheetError:
        status = error.response.status_code
        detail = error.error if isinstance(error.error, Mapping) else {}
        message = str(detail.get("message") or "")
        reasons = {str(item.get("reason")) for item in detail.get("details") or [] if isinstance(item, Mapping)}
        if status == 400 and ranges is not None and "Unable to parse range" in message:
            raise _RangeRefused(message.split(":", 1)[-1].strip() or ", ".join(ranges))
        if status == 401:
            return self._bad_key("src.cred.token_rejected")
        if status == 403:
            if "SERVICE_DISABLED" in reasons or "has not been used" in message or "is disabled" in message:
                return SheetError.of("api_disabled", status=403, email=self.email)
            if reasons & {"RATE_LIMIT_EXCEEDED", "rateLimitExceeded", "userRateLimitExceeded"}:
                return SheetError.of("quota", status=403)
            self._forget_metadata()
            return SheetError.of("not_shared", status=403, email=self.email, sheet=self.sheet_id)
        if status == 404:
            self._forget_metadata()
            return SheetError.of("not_found", status=404, sheet=self.sheet_id)
        if status == 408:
            return SheetError.of("timeout", status=408, seconds=_seconds(self.policy.read_timeout))
        if status == 429:
            return SheetError.of("quota", status=429)
        if status >= 500:
            return SheetError.of("server", status=status, status_text=str(status))
        return SheetError.of("rejected", status=status, status_text=str(status), detail=_shown(message))

    def _token_refused(self, error: auth_errors.RefreshError) -> SheetError:
        # google-auth has already retried the token endpoint's 5xx; what is left is a refusal.
        retryable = bool(getattr(error, "retryable", False))
        if retryable:
            return SheetError.of("server", status_text="OAuth")
        code = ""
        if len(error.args) > 1 and isinstance(error.args[1], Mapping):
            code = str(error.args[1].get("error") or "")
        return self._bad_key("src.cred.refused", error=code or "invalid_grant")

    def _transport_failure(self, error: auth_errors.TransportError, remaining: float) -> SheetError:
        cause = error.__cause__ or error.__context__
        if isinstance(cause, requests.Timeout):
            return SheetError.of("timeout", seconds=_seconds(min(self.policy.read_timeout, remaining)))
        return SheetError.of("network", host="oauth2.googleapis.com")

    def _forget_metadata(self) -> None:
        with _metadata_lock:
            _metadata_cache.pop((self.api_base, self.sheet_id), None)


def read_google_sheet(spreadsheet: str, credentials_info: Mapping, *, api_base: str | None = None,
                      key_origin: str = "", policy: RetryPolicy | None = None) -> RawWorkbook:
    """Every tab of a Google Sheet (URL or ID) as raw grids; raises `SheetError` with its reason."""
    return GoogleSheet(spreadsheet, credentials_info, api_base=api_base, key_origin=key_origin,
                       policy=policy).read()


def _retry_after(response) -> float | None:
    try:
        return float(response.headers.get("Retry-After"))
    except (TypeError, ValueError, AttributeError):
        return None


def _seconds(value: float) -> str:
    return f"{value:g}"


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN_DETAIL_CHARS else text[: SHOWN_DETAIL_CHARS - 1] + "…"
