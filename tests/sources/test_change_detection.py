"""Change detection end to end on the local Sheets server: Drive's `files.get` version, asked every few
seconds by one poller per process, a `values:batchGet` only when it moved (plus the safety read), the
TTL fallback when Drive refuses, and the workbook path (its mtime and size as the version).

The real gspread + google-auth stack; the LiveSource's clock is a fake one, so "five minutes" is
a hundred turns of the poller (`tick()`), not five minutes of waiting.
"""

from __future__ import annotations

import shutil
import threading
import time

import pytest
from streamlit.testing.v1 import AppTest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.live import PROBE_SECONDS, SAFETY_READ_SECONDS, open_live_source, shared_live_source
from lib.sources.google_sheet import DRIVE_METADATA_SCOPE, READONLY_SCOPE, DriveError, GoogleSheet
from lib.sources.plan import plan_source
from tests.helpers import at_once
from tests.sources.conftest import EMAIL, FAST, SHEET_ID
from tests.sources.sheets_server import Fault
from tests.sources.test_shared_copy import SECRETS_FILE

NHA_TRANG_CHILDREN = (2, 15)  # O2 of "Nha Trang": children entered at its first point (1000 in the demo)


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def geography():
    return load_geography()


def live_source(environment, clock, geography, **options):
    plan = plan_source({}, environment)
    return open_live_source(plan, lambda raw: clean_workbook(raw, geography), clock=clock, policy=FAST, **options)


def children(result) -> int:
    return int(result.dataset.points["children_entered"].sum())


def turns(live, clock, seconds: float) -> None:
    """The poller's turns over `seconds` of the fake clock, one every PROBE_SECONDS."""
    for _ in range(round(seconds / PROBE_SECONDS)):
        clock.now += PROBE_SECONDS
        live.tick()


# ---------------------------------------------------------------- the server's Drive endpoint

def test_the_drive_version_moves_on_every_edit(sheets, key_info):
    sheet = GoogleSheet(SHEET_ID, key_info, api_base=sheets.base_url, policy=FAST)
    first = sheet.version()
    assert first == sheet.version()  # asking does not move it
    sheets.google.set_cell(SHEET_ID, "Nha Trang", *NHA_TRANG_CHILDREN, 1100)
    second = sheet.version()
    sheets.google.append_row(SHEET_ID, "Nha Trang", ["KH-568-99", "Phòng tiêm thử"])
    third = sheet.version()
    assert int(first) < int(second) < int(third)
    kind, path, query = sheets.google.requests[-1]
    assert (kind, path) == ("drive", f"/drive/v3/files/{SHEET_ID}")
    assert query["fields"] == ["version,modifiedTime"]
    # One token for both APIs, with the two read-only scopes.
    assert sheets.google.counts["token"] == 1
    assert sheets.google.scopes == [f"{READONLY_SCOPE} {DRIVE_METADATA_SCOPE}"]


@pytest.mark.parametrize("setup,key,retryable", [
    (lambda google: setattr(google, "drive_enabled", False), "live.drive.disabled", False),
    (lambda google: setattr(google.spreadsheets[SHEET_ID], "shared_with", set()), "live.drive.forbidden", False),
    (lambda google: google.inject("drive", Fault(status=503)), "live.drive.unavailable", True),
], ids=["api-disabled", "not-shared", "503"])
def test_what_a_drive_refusal_says(sheets, key_info, setup, key, retryable):
    setup(sheets.google)
    with pytest.raises(DriveError) as refused:
        GoogleSheet(SHEET_ID, key_info, api_base=sheets.base_url, policy=FAST).version()
    assert refused.value.text.key == key and refused.value.retryable is retryable
    assert "PRIVATE KEY" not in refused.value.message("vi")


# ---------------------------------------------------------------- reads follow the version

def test_no_edit_for_five_minutes_means_no_read(sheets, environment, geography):
    clock = Clock()
    live = live_source(environment, clock, geography)
    live.tick()  # the version first, then the first read
    assert sheets.google.counts == {"token": 1, "drive": 1, "metadata": 1, "batchGet": 1}
    turns(live, clock, 300)
    counts = sheets.google.counts
    assert counts["batchGet"] == 1 and counts["drive"] == 1 + 100  # a version every 3 s, no values
    result = live.current()
    assert result.watching and not result.stale and result.probe_failure is None
    # …until the safety read, ten minutes after the read.
    turns(live, clock, SAFETY_READ_SECONDS - 300 - PROBE_SECONDS)
    assert sheets.google.counts["batchGet"] == 1
    turns(live, clock, PROBE_SECONDS)
    assert sheets.google.counts["batchGet"] == 2


def test_one_edit_means_exactly_one_read(sheets, environment, geography):
    clock = Clock()
    live = live_source(environment, clock, geography)
    live.tick()
    before = live.current()
    sheets.google.set_cell(SHEET_ID, "Nha Trang", *NHA_TRANG_CHILDREN, 1100)  # 1000 → 1100
    turns(live, clock, PROBE_SECONDS)
    after = live.current()
    assert sheets.google.counts["batchGet"] == 2
    assert children(after) == children(before) + 100
    assert after.generation > before.generation  # what screens follow
    turns(live, clock, 120)
    assert sheets.google.counts["batchGet"] == 2 and live.current().generation == after.generation


def test_a_forced_refresh_still_reads_at_once(sheets, environment, geography):
    clock = Clock()
    live = live_source(environment, clock, geography)
    live.tick()
    clock.now += 10
    live.get(force=True)  # "Làm mới"
    assert sheets.google.counts["batchGet"] == 2


def test_drive_refused_falls_back_to_ttl_reads_and_says_so(sheets, environment, geography):
    clock = Clock()
    sheets.google.drive_enabled = False
    live = live_source(environment, clock, geography)
    live.tick()
    result = live.current()
    assert not result.watching and result.probe_failure is not None
    assert "Google Drive API chưa được bật" in result.probe_failure.message("vi")
    assert sheets.google.counts["batchGet"] == 1 and result.failure is None  # the data itself is fine
    turns(live, clock, 300)
    assert sheets.google.counts["batchGet"] == 1 + 5  # today's behaviour: one read per 60-second TTL
    assert sheets.google.counts["drive"] == 1  # a refusal is asked again only after ten minutes
    sheets.google.drive_enabled = True
    turns(live, clock, 300)
    assert sheets.google.counts["drive"] >= 2 and live.current().watching
    reads = sheets.google.counts["batchGet"]
    turns(live, clock, 120)
    assert sheets.google.counts["batchGet"] == reads  # change detection again: no edit, no read


def test_a_drive_hiccup_is_asked_again_within_a_minute(sheets, environment, geography):
    clock = Clock()
    live = live_source(environment, clock, geography)
    live.tick()
    sheets.google.inject("drive", Fault(status=503, times=2))  # both tries of one probe
    turns(live, clock, PROBE_SECONDS)
    assert live.current().probe_failure.text.key == "live.drive.unavailable"
    turns(live, clock, 60)
    assert live.current().probe_failure is None and live.current().watching


def test_fifty_sessions_still_one_poller(sheets, environment, geography):
    plan = plan_source({}, environment)
    key = plan.cache_key + "|fifty-sessions"
    probe = 0.2

    def open_source():
        return open_live_source(plan, lambda raw: clean_workbook(raw, geography), policy=FAST, probe_interval=probe)

    def session():
        live = shared_live_source(key, open_source)
        for _ in range(10):
            live.get()
            time.sleep(0.1)
        return live

    started = time.monotonic()
    sessions = at_once(session, 50, timeout=30)
    live = sessions[0]
    try:
        time.sleep(1.0)
        elapsed = time.monotonic() - started
        assert len(sessions) == 50 and all(other is live for other in sessions)
        counts = sheets.google.counts
        # One poller asks once per interval; fifty would ask fifty times as often.
        assert 2 <= counts["drive"] <= elapsed / probe + 2, (counts["drive"], elapsed)
        assert counts["batchGet"] == 1 and counts["token"] == 1
        pollers = [thread for thread in threading.enumerate() if thread is live._poller]
        assert len(pollers) == 1 and pollers[0].is_alive()
    finally:
        live.stop()


# ---------------------------------------------------------------- the workbook path

def test_a_workbook_is_read_again_only_when_its_file_changes(tmp_path, geography):
    import openpyxl

    path = tmp_path / "so-lieu.xlsx"
    shutil.copy(DEMO_WORKBOOK, path)
    clock = Clock()
    plan = plan_source({}, {"DASHBOARD_SOURCE": str(path)})
    live = open_live_source(plan, lambda raw: clean_workbook(raw, geography), clock=clock)
    live.tick()
    first = live.current()
    turns(live, clock, 300)
    assert live.current().good is first.good and live.current().watching  # not read again
    book = openpyxl.load_workbook(path)
    book["Nha Trang"].cell(*NHA_TRANG_CHILDREN).value = 1100  # 1000 → 1100, saved
    book.save(path)
    turns(live, clock, PROBE_SECONDS)
    assert children(live.current()) == children(first) + 100


# ---------------------------------------------------------------- the sidebar says it once

def test_the_sidebar_says_when_drive_is_refused(environment, sheets, monkeypatch):
    if SECRETS_FILE.exists():
        pytest.skip("a real .streamlit/secrets.toml would take precedence over the test key")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    sheets.google.drive_enabled = False

    def run() -> AppTest:
        app = AppTest.from_file(str(PROJECT_ROOT / "app_pages" / "overview.py"), default_timeout=60)
        app.run()
        assert not app.exception, [e.value for e in app.exception]
        return app

    run()
    deadline = time.monotonic() + 15
    while sheets.google.counts["drive"] == 0 and time.monotonic() < deadline:  # the poller's first turn
        time.sleep(0.05)
    time.sleep(0.2)
    app = run()
    captions = [caption.value for caption in app.sidebar.caption]
    lines = [text for text in captions if "Không theo dõi được thay đổi qua Google Drive" in text]
    assert len(lines) == 1 and "Google Drive API chưa được bật" in lines[0] and "mỗi 60 giây" in lines[0]
    assert not app.warning  # the data is fine: no banner, only the line
    assert EMAIL not in lines[0]
