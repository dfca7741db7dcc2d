"""Recording reads into the history: from the command line (a source, an offline copy) and from the app's
live read path, where a failure to record is logged and kept to be shown once, never raised into a page."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from lib.cleaning import Dataset, clean_workbook
from lib.geography import Geography
from lib.history.snapshot import build_snapshot, snapshot_day
from lib.history.store import HistoryStore, RecordOutcome, open_history
from lib.i18n import Message
from lib.sources import RawWorkbook, read_source

log = logging.getLogger(__name__)


def record_read(store: HistoryStore, raw: RawWorkbook, dataset: Dataset, geography: Geography) -> RecordOutcome:
    """Record one cleaned read (`raw.provenance` says where and when it was read). See `HistoryStore.record`."""
    return store.record(build_snapshot(dataset, raw.provenance, geography))


def record_source(store: HistoryStore, spec: str | Path, geography: Geography) -> RecordOutcome:
    """Read the source `spec` (a workbook path, a Google Sheet URL or ID), clean it and record it.

    An offline copy the dashboard wrote carries its original read time, and a sheet with an
    as-of date stands for that day, so old copies become history. Raises `SourceError` when the
    source cannot be read.
    """
    raw = read_source(str(spec))
    return record_read(store, raw, clean_workbook(raw, geography), geography)


@dataclass(frozen=True)
class RecordingFailure:
    """The latest failure to record: `count` (failures so far, to show each one once) and `text`."""

    count: int
    text: Message


class LiveRecorder:
    """Records each good read of the app's live source; built lazily, never raises.

    `on_read(raw, dataset)` is the hook `lib.live.LiveSource` calls after each successful read.
    A read whose grids and day equal the last one handled is skipped before any figure is
    computed (the live source reads every minute; the sheet changes far less often).
    """

    def __init__(self, geography: Geography, url: str | None = None, *, skip_kinds: tuple[str, ...] = ("demo",)):
        self.geography, self.url, self.skip_kinds = geography, url, skip_kinds
        self._store: HistoryStore | None = None
        self._lock = threading.Lock()
        self._last: tuple[dict, object] | None = None
        self.failure: RecordingFailure | None = None
        self.last_outcome: RecordOutcome | None = None

    def on_read(self, raw: RawWorkbook, dataset: Dataset) -> RecordOutcome | None:
        """Record the read unless its source is of a skipped kind (the bundled demo: its history is
        shipped, not recorded) or it repeats the last read; None when skipped or failed."""
        if raw.provenance.original.kind in self.skip_kinds:
            return None
        key = (raw.tabs, snapshot_day(dataset, raw.provenance))
        with self._lock:
            if self._last is not None and self._last[0] == key[0] and self._last[1] == key[1]:
                return None
            try:
                if self._store is None:
                    self._store = open_history(self.url)
                outcome = record_read(self._store, raw, dataset, self.geography)
            except Exception as error:  # noqa: BLE001 — recording must never take a page down
                log.exception("could not record the read into the history")
                count = self.failure.count + 1 if self.failure else 1
                self.failure = RecordingFailure(count, Message.of("hist.record_failed", error=type(error).__name__))
                return None
            self._last, self.last_outcome = key, outcome
            return outcome


def record_copies(store: HistoryStore, specs: list[str], geography: Geography) -> list[tuple[str, object]]:
    """Record several copies (backfill): each is read and cleaned first, then they are recorded oldest
    day first (then oldest read first), so that "unchanged" always compares with the day before.

    Returns (spec, `RecordOutcome` or the `SourceError` that kept it from being read) per spec, in
    the order recorded (unreadable ones first).
    """
    from lib.sources import SourceError

    done: list[tuple[str, object]] = []
    snapshots = []
    for spec in specs:
        try:
            raw = read_source(str(spec))
        except SourceError as error:
            done.append((spec, error))
            continue
        snapshots.append((spec, build_snapshot(clean_workbook(raw, geography), raw.provenance, geography)))
    snapshots.sort(key=lambda pair: (pair[1].day, pair[1].read_at))
    done.extend((spec, store.record(snapshot)) for spec, snapshot in snapshots)
    return done


def recorded_change_since(store: HistoryStore, province: str, as_of, since=None):
    """What changed in `province` from the figures recorded on `since` (default: 7 days before `as_of`) to
    those of `as_of`, from the store (`progress.compute_change_since`); None when nothing is recorded."""
    from datetime import timedelta

    from lib.metrics.progress import (DISTRICT_HISTORY_COLUMNS, POINT_HISTORY_COLUMNS, SINCE_DEFAULT_DAYS,
                                      compute_change_since)

    districts = store.district_history(province, columns=DISTRICT_HISTORY_COLUMNS)
    if districts.empty:
        return None
    points = store.point_history(province, columns=POINT_HISTORY_COLUMNS)
    return compute_change_since(districts, points, since or as_of - timedelta(days=SINCE_DEFAULT_DAYS), as_of)
