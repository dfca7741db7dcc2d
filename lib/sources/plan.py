"""Which source the dashboard reads, with which key, and how often: environment, secrets and files → one `SourcePlan`.

The sheet: $DASHBOARD_SOURCE (a Google Sheet URL or ID, or a workbook path), else `spreadsheet`
in the secrets' `[connections.gsheets]`, else the demo workbook. A Google Sheet needs a key
(`lib.sources.credentials`); without one the demo is shown and the plan says why.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lib import PROJECT_ROOT
from lib.geography import GEOGRAPHY_ENV, demo_workbook
from lib.sources import SOURCE_ENV, SourceError, google_sheet_id
from lib.sources.credentials import ServiceAccount, find_service_account, gsheets_section

log = logging.getLogger(__name__)

# Here, not in google_sheet: planning must not import the Google client stack (gspread,
# google-auth, requests) when the dashboard runs on a workbook.
API_ENV = "DASHBOARD_SHEETS_API"
TTL_ENV = "DASHBOARD_TTL_SECONDS"
SNAPSHOT_DIR_ENV = "DASHBOARD_SNAPSHOT_DIR"  # where last good copies are kept (default: .snapshots/)


def api_base_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """$DASHBOARD_SHEETS_API when it names a loopback server (tests); None otherwise.

    Only loopback is accepted so that a stray setting can never send the access token elsewhere.
    """
    value = (os.environ if environ is None else environ).get(API_ENV, "").strip()
    if not value:
        return None
    host = urlsplit(value).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        log.warning("%s=%r ignored: only a loopback test server may stand in for Google", API_ENV, value)
        return None
    return value.rstrip("/")


@dataclass(frozen=True)
class SourcePlan:
    """Which source to read, how, and under which cache key: resolved once from the settings and environment."""
    kind: str  # "google" or "workbook" (the demo included)
    spec: str  # the spreadsheet ID, or the workbook's path
    ttl: float | str | None = None  # as configured; `lib.live.ttl_from` reads it
    account: ServiceAccount | None = None
    api_base: str | None = None  # tests only: a local stand-in for Google
    key_error: SourceError | None = field(default=None, compare=False, repr=False)  # a key named but unreadable
    wanted_sheet: str | None = None  # a sheet was named but no key found: the demo is shown instead
    snapshot_dir: str | None = None  # None: lib.sources.snapshot.SNAPSHOT_DIR

    @property
    def cache_key(self) -> str:
        """Identifies the plan for a process-wide cache, without holding the key itself; it starts with
        the plan's kind and "|", so a cache's keys say which kind of source each is.

        >>> SourcePlan("google", "1AbC", api_base="http://127.0.0.1:8080").cache_key
        'google|1AbC||http://127.0.0.1:8080||'
        """
        account = self.account.fingerprint if self.account else ("bad-key" if self.key_error else "")
        return "|".join([self.kind, self.spec, account, self.api_base or "", str(self.ttl or ""),
                         self.snapshot_dir or ""])


def plan_source(secrets: Mapping | None = None, environ: Mapping[str, str] | None = None,
                root: Path = PROJECT_ROOT) -> SourcePlan:
    """The plan for reading the configured source (demo, workbook or Google Sheet); never reads it."""
    environ = os.environ if environ is None else environ
    section = gsheets_section(secrets)
    ttl = environ.get(TTL_ENV) or section.get("ttl_seconds")
    spec = (environ.get(SOURCE_ENV) or str(section.get("spreadsheet") or "")).strip()
    sheet_id = google_sheet_id(spec) if spec else None
    if sheet_id is None:
        return SourcePlan("workbook", spec or str(demo_workbook(environ.get(GEOGRAPHY_ENV))), ttl)
    google = dict(api_base=api_base_from_env(environ), snapshot_dir=environ.get(SNAPSHOT_DIR_ENV) or None)
    try:
        account = find_service_account(secrets, environ, root)
    except SourceError as error:
        return SourcePlan("google", sheet_id, ttl, key_error=error, **google)
    if account is None:
        return SourcePlan("workbook", str(demo_workbook(environ.get(GEOGRAPHY_ENV))), ttl, wanted_sheet=sheet_id)
    return SourcePlan("google", sheet_id, ttl, account, **google)
