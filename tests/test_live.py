"""`lib.live.LiveSource` with a fake source and a fake clock: TTL, shared reads, forced refresh,
failure back-off, the last good copy, the lost-tab guard and the disk snapshot.

The real gspread stack against the local Sheets server is in tests/sources/test_shared_copy.py.
"""

from __future__ import annotations

import doctest
import threading
import time
from datetime import datetime

import pytest

import lib.live
from lib import DEMO_WORKBOOK
from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.live import LiveSource, describe_age, ttl_from
from lib.i18n import Message
from lib.sources import Provenance, RawWorkbook, SourceError
from lib.sources.workbook import read_workbook
from tests.helpers import at_once

T0 = datetime(2017, 5, 20, 8, 0).timestamp()


class Clock:
    def __init__(self, now: float = T0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeSource:
    """Returns the demo's grids (a copy, with one editable cell) or raises what it is told to."""

    def __init__(self, delay: float = 0.0):
        self.raw = read_workbook(DEMO_WORKBOOK)
        self.calls = 0
        self.fresh: list[bool] = []  # what each read was asked
        self.error: Exception | None = None
        self.delay = delay
        self.lock = threading.Lock()

    def __call__(self, fresh: bool = False) -> RawWorkbook:
        with self.lock:
            self.calls += 1
            self.fresh.append(fresh)
        if self.delay:
            time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return RawWorkbook({title: [list(row) for row in grid] for title, grid in self.raw.tabs.items()},
                           Provenance("Bảng thử", "google", url="https://docs.google.com/spreadsheets/d/x/edit"))


@pytest.fixture(scope="module")
def geography():
    return load_geography()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def source():
    return FakeSource()


@pytest.fixture
def live(source, clock, geography):
    return LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=60, min_refresh_interval=10,
                      failure_backoff=(15, 120), clock=clock)


def not_shared() -> SourceError:
    return SourceError(Message.of("src.google.not_shared", email="a@b", sheet="x"), reason="not_shared")


# ---------------------------------------------------------------- TTL and shared reads

def test_reads_at_most_once_per_ttl(live, source, clock):
    first = live.get()
    assert source.calls == 1 and first.good is not None and first.failure is None
    assert first.age == 0 and not first.stale
    for _ in range(20):
        clock.advance(2.5)
        assert live.get().good is first.good
    assert source.calls == 1
    clock.advance(10)  # 60 s after the read
    assert live.get().good is not first.good
    assert source.calls == 2


def test_age_and_read_time_follow_the_clock(live, clock):
    live.get()
    clock.advance(35)
    result = live.get()
    assert result.age == 35
    assert result.read_at == datetime(2017, 5, 20, 8, 0)
    assert describe_age(result.age) == "cách đây 35 giây"
    assert result.good.raw.provenance.read_at == datetime(2017, 5, 20, 8, 0)  # the grids carry the same time


def test_fifty_concurrent_sessions_share_one_read(geography):
    source = FakeSource(delay=0.3)  # a read slow enough for every thread to arrive while it runs
    live = LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=60)
    results = at_once(live.get, 50, timeout=10)
    assert source.calls == 1
    assert len(results) == 50 and all(result.good is results[0].good is not None for result in results)


def test_viewers_with_a_copy_do_not_wait_for_a_slow_read(geography):
    clock = Clock()
    source = FakeSource()
    live = LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=60, clock=clock)
    first = live.get().good
    clock.advance(61)
    source.delay = 0.5
    reader = threading.Thread(target=live.get)
    reader.start()
    time.sleep(0.1)  # the read is in flight
    started = time.monotonic()
    served = live.get()
    assert time.monotonic() - started < 0.3
    assert served.good is first  # the previous copy, at once
    reader.join(5)
    assert source.calls == 2 and live.current().good is not first


# ---------------------------------------------------------------- forced refresh

def test_forced_refresh_is_rate_limited(live, source, clock):
    live.get()
    clock.advance(3)
    refused = live.get(force=True)
    assert source.calls == 1 and refused.refresh_wait == 7
    clock.advance(7)
    done = live.get(force=True)
    assert source.calls == 2 and done.refresh_wait == 0 and done.age == 0
    assert live.get(force=True).refresh_wait == 10 and source.calls == 2
    assert source.fresh == [False, True]  # a forced read asks for everything afresh (a Sheet's tab list)


# ---------------------------------------------------------------- failures

def test_failure_keeps_the_last_good_copy_and_backs_off(live, source, clock):
    good = live.get().good
    clock.advance(60)
    source.error = not_shared()
    result = live.get()
    assert source.calls == 2
    assert result.good is good and result.stale
    assert result.failure.reason == "not_shared" and "Người xem" in result.failure.message("vi")
    assert result.failing_since == datetime.fromtimestamp(clock.now)
    since = result.failure.since
    # Every rerun of every viewer during the back-off is served without asking the source.
    for _ in range(14):
        clock.advance(1)
        assert live.get().failure is not None
    assert source.calls == 2
    clock.advance(1)  # 15 s: try again, fail again; the back-off doubles; "since" stays
    second = live.get()
    assert source.calls == 3 and second.failure.count == 2 and second.failure.since == since
    assert second.failure.retry_at - clock.now == 30
    clock.advance(30)
    source.error = None
    healed = live.get()
    assert source.calls == 4 and healed.failure is None and healed.good is not good


def test_backoff_is_capped(live, source, clock):
    source.error = not_shared()
    waits = []
    for _ in range(6):
        result = live.get()
        waits.append(result.failure.retry_at - clock.now)
        clock.advance(waits[-1])
    assert waits == [15, 30, 60, 120, 120, 120]


def test_forced_refresh_skips_the_backoff_but_not_the_rate_limit(live, source, clock):
    live.get()
    clock.advance(60)
    source.error = not_shared()
    live.get()
    clock.advance(10)
    source.error = None
    assert live.get(force=True).failure is None and source.calls == 3


def test_first_read_failing_gives_no_data_and_the_reason(live, source):
    source.error = SourceError(Message.of("src.google.not_found", sheet="x"), reason="not_found")
    result = live.get()
    assert result.good is None and result.dataset is None and result.stale
    assert result.failure.reason == "not_found"


def test_an_unexpected_exception_becomes_a_failure(live, source, clock):
    live.get()
    clock.advance(60)
    source.error = KeyError("boom")
    result = live.get()
    assert result.failure.reason == "unexpected" and "KeyError" in result.failure.message("en")
    assert result.good is not None


def test_a_tab_renamed_since_the_last_good_copy_keeps_that_copy(live, source, clock):
    good = live.get().good
    source.raw.tabs["NT"] = source.raw.tabs.pop("Nha Trang")
    clock.advance(60)
    result = live.get()
    assert result.failure.reason == "missing_tab" and "“Nha Trang”" in result.failure.message("vi")
    assert result.good is good
    assert result.good.dataset.points["district_code"].eq("568").sum() == 31


def test_a_tab_missing_from_the_first_read_is_only_a_problem(live, source):
    del source.raw.tabs["Tập huấn"]
    result = live.get()
    assert result.failure is None
    assert [p.tab for p in result.dataset.problems if p.rule == "missing_tab"] == ["Tập huấn"]
    assert len(result.dataset.points) == 150


# ---------------------------------------------------------------- the disk snapshot

def test_a_restart_while_the_source_fails_serves_the_snapshot(tmp_path, source, clock, geography):
    path = tmp_path / "snap.xlsx"
    clean = lambda raw: clean_workbook(raw, geography)  # noqa: E731
    before = LiveSource(source, clean, snapshot_path=path, clock=clock)
    first = before.get()
    assert path.exists()
    clock.advance(3600)
    source.error = not_shared()
    after = LiveSource(source, clean, snapshot_path=path, clock=clock)  # a new process
    result = after.get()
    assert result.good.from_snapshot and result.failure.reason == "not_shared"
    assert (result.good.provenance.label, result.good.provenance.kind) == ("Bảng thử", "google")
    assert result.read_at == first.read_at and result.age == 3600
    assert result.dataset.totals() == first.dataset.totals()
    assert [(p.cell, p.rule) for p in result.dataset.problems] == [(p.cell, p.rule) for p in first.dataset.problems]


def test_the_snapshot_is_replaced_by_the_next_good_read(tmp_path, source, clock, geography):
    path = tmp_path / "snap.xlsx"
    clean = lambda raw: clean_workbook(raw, geography)  # noqa: E731
    LiveSource(source, clean, snapshot_path=path, clock=clock).get()
    clock.advance(100)
    restarted = LiveSource(source, clean, snapshot_path=path, clock=clock)
    result = restarted.get()
    assert not result.good.from_snapshot and result.age == 0 and source.calls == 2


def test_a_damaged_snapshot_is_ignored(tmp_path, source, clock, geography):
    path = tmp_path / "snap.xlsx"
    path.write_bytes(b"not a workbook")
    source.error = not_shared()
    result = LiveSource(source, lambda raw: clean_workbook(raw, geography), snapshot_path=path, clock=clock).get()
    assert result.good is None and result.failure.reason == "not_shared"


# ---------------------------------------------------------------- small parts

@pytest.mark.parametrize("values,expected", [((None, "30"), 30.0), (("x", None), 60.0), ((0,), 1.0), (("2",), 2.0)])
def test_ttl_from(values, expected):
    assert ttl_from(*values) == expected


def test_doctests():
    result = doctest.testmod(lib.live)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- change detection (a fake version)

class FakeVersion:
    """The source's version: a number moved by `edit()`, or an error to raise."""

    def __init__(self):
        self.value, self.calls, self.error = 1, 0, None

    def __call__(self):
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.value


def watched(source, clock, geography, version):
    return LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=60, clock=clock, version=version,
                      probe_interval=3, safety_interval=600, probe_retry=(60, 600))


def test_reads_follow_the_version_and_screens_follow_the_generation(source, clock, geography):
    version = FakeVersion()
    live = watched(source, clock, geography, version)
    live.tick()
    first = live.current()
    assert source.calls == 1 and version.calls == 1 and first.watching and first.generation == 1
    for _ in range(100):  # five minutes of turns, no edit
        clock.advance(3)
        live.tick()
    assert source.calls == 1 and version.calls == 101
    assert not live.current().stale and live.current().generation == 1  # checked every 3 s, so not stale
    version.value = 2
    clock.advance(3)
    live.tick()
    assert source.calls == 2
    # The values read were the same (a format changed): same data, nothing for screens to redraw.
    assert live.current().dataset is first.dataset and live.current().generation == 1
    source.raw.tabs["Nha Trang"][1][14] = 1100
    version.value = 3
    clock.advance(3)
    live.tick()
    assert source.calls == 3 and live.current().generation == 2 and live.current().dataset is not first.dataset


def test_without_answers_from_the_version_the_ttl_rules(source, clock, geography):
    version = FakeVersion()
    live = watched(source, clock, geography, version)
    live.tick()
    clock.advance(61)  # nobody asked the version for a TTL (no poller running): read on the TTL
    assert not live.current().watching
    live.get()
    assert source.calls == 2
    version.error = RuntimeError("no Drive")  # not a SourceError: said as "does not answer"
    clock.advance(3)
    live.tick()
    failed = live.current()
    assert failed.probe_failure.text == Message.of("live.drive.unavailable") and failed.generation == 2
    assert failed.probe_failure.retry_at == clock.now + 600


def test_each_new_generation_is_told_once(source, clock, geography):
    told = []
    version = FakeVersion()
    live = LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=60, clock=clock, version=version,
                      on_change=told.append)
    live.tick()
    for _ in range(10):
        clock.advance(3)
        live.tick()
    assert told == [1]  # the first copy; nothing since
    source.raw.tabs["Nha Trang"][1][14] = 1100
    version.value = 2
    clock.advance(3)
    live.tick()
    source.error = not_shared()
    version.value = 3
    clock.advance(3)
    live.tick()
    assert told == [1, 2, 3]  # the edit, then the failure (a banner for the screens)


# ---------------------------------------------------------------- shared sources that go away

def test_a_stopped_shared_source_polls_no_more_and_the_next_caller_opens_a_new_one(geography):
    source = FakeSource()
    key = "google|test-stopped-source"
    opened = []

    def open_source() -> LiveSource:
        opened.append(LiveSource(source, lambda raw: clean_workbook(raw, geography), ttl=0.05, probe_interval=0.02))
        return opened[-1]

    first = lib.live.shared_live_source(key, open_source)
    first.get()
    assert key in lib.live.shared_live_source_keys()
    deadline = time.monotonic() + 5
    while source.calls < 3 and time.monotonic() < deadline:  # the poller reads each time the TTL runs out
        time.sleep(0.02)
    assert source.calls >= 3
    poller = next(thread for thread in threading.enumerate() if thread is first._poller)
    lib.live.stop_shared_live_sources([key, "a key never opened"])
    assert key not in lib.live.shared_live_source_keys()
    assert not poller.is_alive()
    calls = source.calls
    time.sleep(0.2)  # ten probe intervals: a poller left running would have read again
    assert source.calls == calls
    second = lib.live.shared_live_source(key, open_source)
    assert second is not first and len(opened) == 2
    lib.live.stop_shared_live_sources([key])
