"""One live copy of the data for the whole process: read at most once per TTL, the last good copy kept.

Every viewer's rerun asks `LiveSource.get()`. Whatever the number of viewers, the source is read
at most once per TTL (a lock: callers with nothing to show wait for the read in flight, callers
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
from collections.abc import Callable
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
class LiveResult:
    """What a viewer gets: the good copy (None if there never was one), and the failure if any."""

    good: GoodCopy | None
    failure: Failure | None
    now: float
    ttl: float
    refresh_wait: float = 0.0  # > 0: a forced refresh was refused; allowed again in this many seconds

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
        return self.good is None or self.failure is not None or self.good.from_snapshot or self.age > 2 * self.ttl

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
                 snapshot_path: Path | None = None, clock: Callable[[], float] = time.time):
        self._read, self._clean = read, clean
        self.ttl = ttl
        self.min_refresh_interval = min_refresh_interval
        self.failure_backoff = failure_backoff
        self.snapshot_path = Path(snapshot_path) if snapshot_path else None
        self._clock = clock
        self._state = threading.Lock()  # guards the fields below; never held during a read
        self._reading = threading.Lock()  # held by the one read in flight
        self._good: GoodCopy | None = None
        self._failure: Failure | None = None
        self._last_attempt: float | None = None
        self._snapshot_checked = snapshot_path is None
        self._written: tuple[dict, float] | None = None  # the grids last written to the snapshot, and when

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

    # ------------------------------------------------------------ policy

    def _due(self, now: float) -> bool:
        if self._failure is not None and now < self._failure.retry_at:
            return False
        if self._good is None or self._good.from_snapshot or self._failure is not None:
            return True
        return now - self._good.read_at >= self.ttl

    def _force_wait(self, now: float) -> float:
        if self._last_attempt is None:
            return 0.0
        return max(0.0, self._last_attempt + self.min_refresh_interval - now)

    def _result(self, refresh_wait: float) -> LiveResult:
        with self._state:
            return LiveResult(self._good, self._failure, self._clock(), self.ttl, refresh_wait)

    # ------------------------------------------------------------ reading

    def _refresh(self, fresh: bool = False) -> None:
        started = self._clock()
        with self._state:
            self._last_attempt = started
        try:
            raw = self._read(fresh=fresh)
            dataset = self._clean(raw)
            lost = self._lost_tabs(dataset)
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
            self._good, self._failure = good, None
        self._write_snapshot(raw)

    def _fail(self, reason: str, text: Message) -> None:
        now = self._clock()
        with self._state:
            previous = self._failure
            count = previous.count + 1 if previous else 1
            first, cap = self.failure_backoff
            wait = min(first * 2 ** (count - 1), cap)
            self._failure = Failure(reason, text, previous.since if previous else now, count, now + wait)
        log.warning("source failing (%s, %d in a row); next try in %.0f s", reason, count, wait)

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

def reader_for(plan, policy=None) -> Callable[..., RawWorkbook]:
    """A function reading the planned source; a Google Sheet keeps one reader (and its token)."""
    from lib.sources import read_source

    if plan.kind != "google":
        return lambda fresh=False: read_source(plan.spec)
    from lib.sources.google_sheet import GoogleSheet

    sheet: GoogleSheet | None = None

    def read(fresh: bool = False) -> RawWorkbook:
        nonlocal sheet  # only ever called under the LiveSource's read lock
        if plan.key_error is not None:
            raise plan.key_error
        if sheet is None:
            sheet = GoogleSheet(plan.spec, plan.account.info, api_base=plan.api_base,
                                key_origin=plan.account.origin, policy=policy)
        return sheet.read(fresh_tabs=fresh)

    return read


def open_live_source(plan, clean: Callable[[RawWorkbook], Dataset], *,
                     clock: Callable[[], float] = time.time, policy=None, **options) -> LiveSource:
    """The LiveSource for a `lib.sources.plan.SourcePlan`; a Google Sheet's last good copy is kept on disk."""
    from lib.sources.snapshot import SNAPSHOT_DIR, snapshot_path

    folder = plan.snapshot_dir or SNAPSHOT_DIR
    snapshot = snapshot_path(plan.spec, Path(folder)) if plan.kind == "google" else None
    return LiveSource(reader_for(plan, policy), clean, ttl=ttl_from(plan.ttl), snapshot_path=snapshot,
                      clock=clock, **options)
