"""One live copy of the data for the whole process: read when the source changed, the last good copy kept.

Change detection: when the source can say its version (a Google Sheet: the file's version on
Google Drive; a workbook: its modification time and size), one poller per source and process
(`start()`, a daemon thread running `tick()` every `probe_interval` seconds) asks for it, and the
values are read only when it moved, plus a safety read every `safety_interval` (10 min). When the
version cannot be asked (Drive forbidden or unavailable: `LiveResult.probe_failure`), or no probe
succeeded for a while (no poller running), the copy is read again once per TTL, as before change
detection; Drive is asked again after `probe_retry`. Every change of what screens show (a new
copy, a failure, the fallback) moves `generation`, which screens follow (`on_change` is told).
A read that brings back the values already held (a safety read, an edit of formats only) keeps
the cleaned data as it is: nothing is cleaned again and the generation does not move.

Every viewer's rerun asks `LiveSource.get()`. Whatever the number of viewers, the source is read
at most once per due read (a lock: callers with nothing to show wait for the read in flight, callers
with a copy are served it meanwhile). "Làm mới" forces a read, at most once per
`min_refresh_interval`. A failed read is retried only after its own back-off (growing, capped),
because Streamlit's `st.cache_data` does not cache exceptions and a failing source would otherwise
be asked again on every rerun of every viewer. The last good copy stays in memory and, for a
Google Sheet, in a snapshot file on disk, so a restart while Google fails still shows data.

`read(fresh=...)` is asked with `fresh=True` on a forced refresh: a Google Sheet then reads its
tab list again too (a tab added a minute ago shows at once).

Pure Python: no Streamlit; time comes from `clock` so tests need not sleep.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from lib.cleaning import Dataset
from lib.i18n import Message, Translated, t
from lib.sources import Provenance, RawWorkbook, SourceError
from lib.textnorm import fold

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 60.0
MIN_TTL_SECONDS = 1.0
MIN_REFRESH_INTERVAL_SECONDS = 10.0
FAILURE_BACKOFF_SECONDS = (15.0, 120.0)  # first wait after a failure, and its cap (doubling between)
# The snapshot is rewritten when the data changed, or after this long so its time of reading stays close.
SNAPSHOT_REWRITE_SECONDS = 600.0
PROBE_SECONDS = 3.0  # how often the poller asks for the source's version
SAFETY_READ_SECONDS = 600.0  # read anyway this long after the last read, in case a change went unseen
# After a failed version probe, ask again after (a failure that may pass: network, 5xx; a refusal: API off, no access).
PROBE_RETRY_SECONDS = (60.0, 600.0)


@dataclass(frozen=True)
class GoodCopy:
    """A read that succeeded: the raw grids, the cleaned data, and where and when they came from."""

    raw: RawWorkbook
    dataset: Dataset
    read_at: float  # clock() when the read finished (for a snapshot: when the original read finished)
    from_snapshot: bool = False  # loaded from the disk snapshot after a restart

    @property
    def provenance(self) -> Provenance:
        """Where the copy shown comes from: the disk snapshot stands in for its source after a restart."""
        return self.raw.provenance.original if self.from_snapshot else self.raw.provenance


@dataclass(frozen=True)
class Failure(Translated):
    """The source is failing: the latest error, and since when it has been failing."""

    reason: str
    text: Message  # what failed and what to do, translated when shown
    since: float  # clock() of the first failure in a row
    count: int  # failures in a row
    retry_at: float  # clock() before which the source is not asked again (unless forced)


@dataclass(frozen=True)
class ProbeFailure(Translated):
    """The source's version cannot be asked: reads fall back to the TTL until `retry_at`."""

    text: Message  # why, translated when shown (e.g. the Drive API is not enabled)
    since: float  # clock() of the first failure in a row
    retry_at: float  # clock() when the version is asked again


@dataclass(frozen=True)
class LiveResult:
    """What a viewer gets: the good copy (None if there never was one), and the failure if any."""

    good: GoodCopy | None
    failure: Failure | None
    now: float
    ttl: float
    refresh_wait: float = 0.0  # > 0: a forced refresh was refused; allowed again in this many seconds
    generation: int = 0  # moves whenever what screens show changes (a new copy, a failure, the fallback)
    watching: bool = False  # change detection works: the copy is read again only when the source changed
    probe_failure: ProbeFailure | None = None  # the version cannot be asked: reads every TTL meanwhile
    checked_at: float | None = None  # clock() when the copy was last known to be the source's content

    @property
    def dataset(self) -> Dataset | None:
        """The cleaned data of the good copy; None before any read succeeded."""
        return self.good.dataset if self.good else None

    @property
    def read_at(self) -> datetime | None:
        """When the good copy was read (local time); None before any read succeeded."""
        return datetime.fromtimestamp(self.good.read_at) if self.good else None

    @property
    def age(self) -> float | None:
        """Seconds since the good copy was read."""
        return max(0.0, self.now - self.good.read_at) if self.good else None

    @property
    def stale(self) -> bool:
        """The copy shown is not the source as it is now (the source is failing, or the copy is old)."""
        if self.good is None or self.failure is not None or self.good.from_snapshot:
            return True
        checked = max(self.good.read_at, self.checked_at or self.good.read_at)
        return self.now - checked > 2 * self.ttl

    @property
    def failing_since(self) -> datetime | None:
        """When the failures in a row began; None while the source answers."""
        return datetime.fromtimestamp(self.failure.since) if self.failure else None


def ttl_from(*values, default: float = DEFAULT_TTL_SECONDS) -> float:
    """The first of `values` that reads as a number of seconds (at least `MIN_TTL_SECONDS`).

    >>> ttl_from(None, "", "abc", "30")
    30.0
    >>> ttl_from(None, 0.2)
    1.0
    >>> ttl_from()
    60.0
    """
    for value in values:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            continue
        if seconds == seconds:  # not NaN
            return max(MIN_TTL_SECONDS, seconds)
    return default


class LiveSource:
    """The shared copy of one source. Thread-safe; one per source per process."""

    def __init__(self, read: Callable[..., RawWorkbook], clean: Callable[[RawWorkbook], Dataset], *,
                 ttl: float = DEFAULT_TTL_SECONDS, min_refresh_interval: float = MIN_REFRESH_INTERVAL_SECONDS,
                 failure_backoff: tuple[float, float] = FAILURE_BACKOFF_SECONDS,
                 snapshot_path: Path | None = None, clock: Callable[[], float] = time.time,
                 version: Callable[[], object] | None = None, probe_interval: float = PROBE_SECONDS,
                 safety_interval: float = SAFETY_READ_SECONDS,
                 probe_retry: tuple[float, float] = PROBE_RETRY_SECONDS,
                 on_read: Callable[[RawWorkbook, Dataset], object] | None = None,
                 on_change: Callable[[int], object] | None = None):
        self._read, self._clean = read, clean
        # Told the new generation whenever it moves (the adapter publishes it for open pages); errors logged only.
        self._on_change, self._told_generation = on_change, 0
        self._on_read = on_read  # told of each good read (the history records it); its errors are logged only
        self._version = version  # the source's version (any comparable value); None: TTL reads only
        self.probe_interval, self.safety_interval, self.probe_retry = probe_interval, safety_interval, probe_retry
        self.ttl = ttl
        self.min_refresh_interval = min_refresh_interval
        self.failure_backoff = failure_backoff
        self.snapshot_path = Path(snapshot_path) if snapshot_path else None
        self._clock = clock
        self._state = threading.Lock()  # guards the fields below; never held during a read
        self._reading = threading.Lock()  # held by the one read in flight
        self._probing = threading.Lock()  # held by the one version probe in flight
        self._telling = threading.Lock()  # held while `on_change` is told
        self._good: GoodCopy | None = None
        self._failure: Failure | None = None
        self._last_attempt: float | None = None
        self._snapshot_checked = snapshot_path is None
        self._written: tuple[dict, float] | None = None  # the grids last written to the snapshot, and when
        self._generation = 0
        self._seen_version: object = None  # what the last successful probe said
        self._read_version: object = None  # what the last probe before the good copy's read said
        self._last_probe: float | None = None  # clock() of the last probe, answered or not
        self._probed_ok_at: float | None = None  # clock() of the last answered probe
        self._probe_failure: ProbeFailure | None = None
        self._confirmed_at: float | None = None  # a later read or probe found the source unchanged
        self._poller: threading.Thread | None = None
        self._stopping = threading.Event()

    # ------------------------------------------------------------ the one entry point

    def get(self, force: bool = False) -> LiveResult:
        """The current copy, read again first if it is due (or forced and allowed)."""
        asked_at = self._clock()
        with self._state:
            refresh_wait = self._force_wait(asked_at) if force else 0.0
            forced = force and refresh_wait <= 0
            due = forced or self._due(asked_at)
            have_copy = self._good is not None
        if not due:
            return self._result(refresh_wait)
        # A caller with a copy to show never queues behind a read in flight; the others wait for it.
        if not self._reading.acquire(blocking=not have_copy or forced):
            return self._result(refresh_wait)
        try:
            self._load_snapshot_once()
            with self._state:
                # The read we may have waited for can make this one unnecessary.
                again = (forced and (self._last_attempt is None or self._last_attempt < asked_at)) \
                    or self._due(self._clock())
            if again:
                self._refresh(fresh=forced)
        finally:
            self._reading.release()
        return self._result(refresh_wait)

    def current(self) -> LiveResult:
        """The current copy without reading anything."""
        return self._result(0.0)

    @property
    def generation(self) -> int:
        """A number that moves whenever what screens show changes; cheap, for screens to poll."""
        return self._generation

    # ------------------------------------------------------------ the poller

    def tick(self) -> None:
        """One turn of the poller: ask the version if it is due, then read if a read is due.

        The poller thread calls it every `probe_interval`; tests call it with their own clock.
        """
        if self._probe_due(self._clock()):
            self._probe()
        self.get()

    def start(self) -> "LiveSource":
        """Start the poller (a daemon thread; one per LiveSource however often this is called)."""
        with self._state:
            if self._poller is None:
                self._stopping.clear()
                self._poller = threading.Thread(target=self._poll, name="live-source-poller", daemon=True)
                self._poller.start()
        return self

    def stop(self, wait: float = 30.0) -> None:
        """Stop the poller, waiting up to `wait` seconds for a turn in flight (tests; the process's end
        stops it anyway)."""
        with self._state:
            poller, self._poller = self._poller, None
        self._stopping.set()
        if poller is not None and poller is not threading.current_thread():
            poller.join(timeout=wait)

    def _poll(self) -> None:
        while True:
            try:
                self.tick()
            except Exception:  # noqa: BLE001 — the poller must outlive any one bad turn
                log.exception("the live source's poller failed a turn; it goes on")
            if self._stopping.wait(self.probe_interval):
                return

    def _probe_due(self, now: float) -> bool:
        with self._state:
            if self._version is None:
                return False
            if self._probe_failure is not None and now < self._probe_failure.retry_at:
                return False
            return self._last_probe is None or now - self._last_probe >= self.probe_interval

    def _probe(self) -> None:
        with self._probing:
            self._probe_now()
        self._tell_change()

    def _probe_now(self) -> None:
        started = self._clock()
        with self._state:
            self._last_probe = started
        try:
            version = self._version()
        except Exception as error:  # noqa: BLE001 — any failure means: read on a timer meanwhile
            if not isinstance(error, (SourceError, OSError)):  # a workbook gone is said by the read
                log.exception("asking the source's version failed unexpectedly")
            retryable = bool(getattr(error, "retryable", False))
            text = error.text if isinstance(error, SourceError) else Message.of("live.drive.unavailable")
            with self._state:
                previous = self._probe_failure
                wait = self.probe_retry[0 if retryable else 1]
                self._probe_failure = ProbeFailure(text, previous.since if previous else started, started + wait)
                if previous is None or previous.text != text:
                    self._generation += 1
                    log.warning("change detection off (%s); reading every %.0f s, asking again in %.0f s",
                                text.key, self.ttl, wait)
            return
        with self._state:
            if self._probe_failure is not None:
                self._probe_failure = None
                self._generation += 1
                log.info("change detection back on")
            self._seen_version = version
            self._probed_ok_at = self._clock()
            if self._good is not None and version == self._read_version:
                self._confirmed_at = self._probed_ok_at

    def _watching(self, now: float) -> bool:
        """The version is being asked and answers: reads follow it instead of the TTL."""
        return (self._version is not None and self._probe_failure is None and self._probed_ok_at is not None
                and now - self._probed_ok_at <= max(self.ttl, 3 * self.probe_interval))

    # ------------------------------------------------------------ policy

    def _due(self, now: float) -> bool:
        if self._failure is not None and now < self._failure.retry_at:
            return False
        if self._good is None or self._good.from_snapshot or self._failure is not None:
            return True
        age = now - self._good.read_at
        if self._watching(now):
            return self._seen_version != self._read_version or age >= self.safety_interval
        return age >= self.ttl

    def _force_wait(self, now: float) -> float:
        if self._last_attempt is None:
            return 0.0
        return max(0.0, self._last_attempt + self.min_refresh_interval - now)

    def _result(self, refresh_wait: float) -> LiveResult:
        with self._state:
            now = self._clock()
            return LiveResult(self._good, self._failure, now, self.ttl, refresh_wait, self._generation,
                              self._watching(now), self._probe_failure, self._confirmed_at)

    # ------------------------------------------------------------ reading

    def _refresh(self, fresh: bool = False) -> None:
        if self._poller is not None and self._version is not None:
            # The version this read will stand for, not an older one (nor none: a read before the
            # poller's first answer would be followed by a second one). Waits for a probe in flight.
            with self._probing:
                unknown = self._probed_ok_at is None and self._probe_failure is None
            if unknown or self._probe_due(self._clock()):
                self._probe()
        started = self._clock()
        with self._state:
            self._last_attempt = started
            version = self._seen_version  # what the source said before this read began
        try:
            raw = self._read(fresh=fresh)
            # A safety read, or a change that leaves the values as they were (a format): nothing to
            # clean again, nothing for screens to redraw.
            same = self._unchanged(raw)
            dataset = self._good.dataset if same else self._clean(raw)
            lost = [] if same else self._lost_tabs(dataset)
            if lost:
                names = ", ".join(f"“{name}”" for name in lost)
                raise SourceError(Message.of("src.google.missing_tab", tabs=names), reason="missing_tab")
        except SourceError as error:
            self._fail(error.reason, error.text)
            return
        except Exception as error:  # noqa: BLE001 — a viewer must get a banner, never a traceback
            log.exception("reading the source failed unexpectedly")
            self._fail("unexpected", Message.of("src.unexpected", error=type(error).__name__))
            return
        finished = self._clock()
        # One clock for ages, banners and snapshots.
        raw = replace(raw, provenance=replace(raw.provenance, read_at=datetime.fromtimestamp(finished)))
        good = GoodCopy(raw, dataset, finished)
        with self._state:
            if not same or self._failure is not None:
                self._generation += 1
            self._good, self._failure = good, None
            self._read_version, self._confirmed_at = version, None
        self._write_snapshot(raw)
        self._tell_read(raw, dataset)
        self._tell_change()

    def _tell_change(self) -> None:
        """Tell `on_change` the generation if it moved since last told (never under the state lock)."""
        if self._on_change is None:
            return
        with self._telling:  # one at a time, so the last told is the latest
            generation = self._generation
            if generation == self._told_generation:
                return
            self._told_generation = generation
            try:
                self._on_change(generation)
            except Exception:  # noqa: BLE001 — a listener must not break reading
                log.exception("the change listener failed")

    def _tell_read(self, raw: RawWorkbook, dataset: Dataset) -> None:
        if self._on_read is None:
            return
        try:
            self._on_read(raw, dataset)
        except Exception:  # noqa: BLE001 — whatever listens must not turn a good read into a failure
            log.exception("the read's listener failed")

    def _unchanged(self, raw: RawWorkbook) -> bool:
        """The read gave what the good copy holds (a copy read here, not one from the snapshot).
        Only the read thread calls it, and only it replaces the good copy."""
        good = self._good
        if good is None or good.from_snapshot:
            return False
        before, now = good.raw, raw
        return (before.tabs == now.tabs and before.layouts == now.layouts and before.locale == now.locale
                and before.provenance.label == now.provenance.label
                and before.provenance.tab_ids == now.provenance.tab_ids)

    def _fail(self, reason: str, text: Message) -> None:
        now = self._clock()
        with self._state:
            previous = self._failure
            count = previous.count + 1 if previous else 1
            first, cap = self.failure_backoff
            wait = min(first * 2 ** (count - 1), cap)
            self._failure = Failure(reason, text, previous.since if previous else now, count, now + wait)
            if previous is None or previous.text != text:
                self._generation += 1
        log.warning("source failing (%s, %d in a row); next try in %.0f s", reason, count, wait)
        self._tell_change()

    def _lost_tabs(self, dataset: Dataset) -> list[str]:
        """Tabs the cleaning misses now that the last good copy had: renamed or deleted since.

        Such a read is refused (the last good copy stays, under a banner): a renamed district tab
        would otherwise show that district with no points at all.
        """
        if self._good is None:
            return []
        missing = {problem.value if problem.row is not None else problem.tab
                   for problem in dataset.problems if problem.rule == "missing_tab"}
        before = {fold(title) for title in self._good.raw.tabs}
        return sorted(name for name in missing if name and fold(name) in before)

    # ------------------------------------------------------------ the disk snapshot

    def _load_snapshot_once(self) -> None:
        if self._snapshot_checked:
            return
        self._snapshot_checked = True
        if self._good is not None or not self.snapshot_path.exists():
            return
        from lib.sources.workbook import read_workbook

        try:
            raw = read_workbook(self.snapshot_path)
            dataset = self._clean(raw)
        except Exception:  # noqa: BLE001 — a damaged snapshot is no worse than none
            log.exception("ignoring the unreadable snapshot %s", self.snapshot_path)
            return
        origin = raw.provenance.copy_of
        read_at = origin.read_at.timestamp() if origin else self.snapshot_path.stat().st_mtime
        if origin is None:  # a file the dashboard did not write: as old as the file
            raw = replace(raw, provenance=replace(raw.provenance, read_at=datetime.fromtimestamp(read_at)))
        with self._state:
            if self._good is None:
                self._good = GoodCopy(raw, dataset, read_at, from_snapshot=True)
                self._generation += 1
        self._tell_change()

    def _write_snapshot(self, raw: RawWorkbook) -> None:
        if self.snapshot_path is None:
            return
        now = self._clock()
        if self._written and self._written[0] == raw.tabs and now - self._written[1] < SNAPSHOT_REWRITE_SECONDS:
            return
        from lib.sources.snapshot import write_snapshot

        try:
            write_snapshot(raw, self.snapshot_path)
        except Exception:  # noqa: BLE001 — a full disk must not take the dashboard down
            log.exception("could not write the snapshot %s", self.snapshot_path)
            return
        self._written = (raw.tabs, now)


# ---------------------------------------------------------------- how old, in words

def describe_age(seconds: float | None, lang: str = "vi") -> str:
    """'cách đây 35 giây' / '35 seconds ago', in the largest whole unit.

    >>> describe_age(3)
    'vừa xong'
    >>> describe_age(35)
    'cách đây 35 giây'
    >>> describe_age(125, "en")
    '2 minutes ago'
    >>> describe_age(3 * 86400 + 5)
    'cách đây 3 ngày'
    """
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    if seconds < 5:
        return t("live.age.now", lang)
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size:
            return t(f"live.age.{unit}", lang, n=seconds // size)
    return t("live.age.seconds", lang, n=seconds)


# ---------------------------------------------------------------- from a plan

class PlannedSource:
    """The source a `lib.sources.plan.SourcePlan` names: `read(fresh)` its grids, ask its `version()`.

    A Google Sheet keeps one reader (and its access token) for both; its version is the file's
    version on Google Drive. A workbook's version is its modification time and size.
    """

    def __init__(self, plan, policy=None):
        self.plan, self.policy = plan, policy
        self._sheet = None  # the GoogleSheet, made on first use (a bad key fails there, as a read)
        self._making = threading.Lock()

    def read(self, fresh: bool = False) -> RawWorkbook:
        """The planned source's raw grids; `fresh` asks a Google Sheet's tab list again. Raises SourceError."""
        if self.plan.kind != "google":
            from lib.sources import read_source

            return read_source(self.plan.spec)
        return self._google_sheet().read(fresh_tabs=fresh)

    def version(self) -> object:
        """What moves when the source is edited: a Google Sheet's Drive version (text), a workbook's
        (mtime in ns, size). Raises DriveError (a Google Sheet) or OSError (a workbook gone)."""
        if self.plan.kind != "google":
            status = Path(self.plan.spec).stat()
            return status.st_mtime_ns, status.st_size
        return self._google_sheet().version()

    def _google_sheet(self):
        from lib.sources.google_sheet import GoogleSheet

        plan = self.plan
        if plan.key_error is not None:
            raise plan.key_error
        with self._making:
            if self._sheet is None:
                self._sheet = GoogleSheet(plan.spec, plan.account.info, api_base=plan.api_base,
                                          key_origin=plan.account.origin, policy=self.policy)
            return self._sheet


def open_live_source(plan, clean: Callable[[RawWorkbook], Dataset], *,
                     clock: Callable[[], float] = time.time, policy=None, **options) -> LiveSource:
    """The LiveSource for a `lib.sources.plan.SourcePlan`, following its version (see `PlannedSource`);
    a Google Sheet's last good copy is kept on disk. The poller is not started (`start()`)."""
    from lib.sources.snapshot import SNAPSHOT_DIR, snapshot_path

    folder = plan.snapshot_dir or SNAPSHOT_DIR
    snapshot = snapshot_path(plan.spec, Path(folder)) if plan.kind == "google" else None
    source = PlannedSource(plan, policy)
    return LiveSource(source.read, clean, ttl=ttl_from(plan.ttl), snapshot_path=snapshot, clock=clock,
                      version=source.version, **options)


# ---------------------------------------------------------------- one per process

_shared: dict[str, LiveSource] = {}
_shared_lock = threading.Lock()


def shared_live_source(key: str, open_source: Callable[[], LiveSource]) -> LiveSource:
    """The process's one LiveSource for `key`: the first caller opens it (`open_source()`) and starts
    its poller; every later caller, from any session or thread, gets the same one."""
    with _shared_lock:
        live = _shared.get(key)
        if live is None:
            live = _shared[key] = open_source()
            live.start()
    return live


def stop_shared_live_sources(keys: Iterable[str], wait: float = 5.0) -> None:
    """Stop the pollers of the shared sources `keys` (those opened) and forget them: the next caller for a
    key opens a new one. For a source that goes away before the process does (a test's local Sheets
    stand-in), whose poller would otherwise go on asking whatever server later takes its port. Each
    poller is waited for up to `wait` seconds (a turn in flight ends first; pollers are daemon threads)."""
    with _shared_lock:
        stopped = [_shared.pop(key) for key in keys if key in _shared]
    for live in stopped:
        live.stop(wait)


def shared_live_source_keys() -> frozenset[str]:
    """The keys of the shared sources open in this process (see `shared_live_source`)."""
    with _shared_lock:
        return frozenset(_shared)
