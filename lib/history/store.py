"""The history store: where it lives, bringing its schema up to date, recording a snapshot, reading it back.

The store is an SQLAlchemy URL: `$DASHBOARD_HISTORY_URL` (e.g. `postgresql+psycopg://…` when
several dashboard processes serve one province), else the SQLite file `var/history.sqlite3`
under the project (nothing to install). `open_history` runs the Alembic migrations up to the
newest before anything else, so a store is always at the schema this code describes.

Recording follows three rules: a read whose figures equal those of the day it stands for (or,
for a day not yet recorded, of the latest day before it) records nothing; one record per series
and day is kept, the day's last read winning (an older read of an already recorded day changes
nothing); two recorders of the same change record it once, because each takes the series' row
lock first (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every write transaction is
`BEGIN IMMEDIATE`, which lets one writer in at a time).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from sqlalchemy import (Boolean, Date, Engine, and_, create_engine, delete, event, func, insert, select, text,
                        type_coerce, update)
from sqlalchemy.types import NullType
from sqlalchemy.engine import Connection, make_url

from lib import PROJECT_ROOT
from lib.history import tables
from lib.history.changes import apply_rows, diff_points
from lib.history.snapshot import HistorySnapshot

HISTORY_URL_ENV = "DASHBOARD_HISTORY_URL"
DEFAULT_HISTORY_FILE = PROJECT_ROOT / "var" / "history.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any constant both recorders agree on: the PostgreSQL advisory lock held while the schema is upgraded.
_MIGRATION_LOCK = 140_2017


def history_url(url: str | None = None) -> str:
    """The store to use: `url`, else `$DASHBOARD_HISTORY_URL`, else the default SQLite file."""
    return url or os.environ.get(HISTORY_URL_ENV) or f"sqlite:///{DEFAULT_HISTORY_FILE}"


def _serialise_sqlite_writers(engine: Engine) -> None:
    """SQLite: take the write lock when a transaction begins, so two writers queue instead of one failing
    on upgrading its read lock (pysqlite's own BEGIN is deferred)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, says when a transaction begins

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 60})
        _serialise_sqlite_writers(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True)


def upgrade_schema(engine: Engine) -> list[str]:
    """Run the Alembic migrations of `migrations/versions/` up to the newest; returns the revisions applied.

    Safe to call from several processes at once: on PostgreSQL an advisory lock held for the
    transaction lets one upgrade while the others wait and then find nothing to do; on SQLite the
    immediate transaction does the same.
    """
    script = ScriptDirectory(str(MIGRATIONS))
    applied: list[str] = []
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        context = MigrationContext.configure(connection)
        current = context.get_current_revision()
        steps = list(reversed(list(script.iterate_revisions("heads", current))))
        with Operations.context(context):
            for step in steps:
                step.module.upgrade()
                context.stamp(script, step.revision)
                applied.append(step.revision)
    return applied


@dataclass(frozen=True)
class RecordOutcome:
    """What recording one snapshot did: `state` is "recorded" (a new day), "replaced" (the day's
    earlier read gave way), "unchanged" (same figures: nothing written) or "older" (the day
    already holds a later read: nothing written); `day` is the day concerned."""

    state: str
    day: date

    @property
    def changed(self) -> bool:
        """True when something was written."""
        return self.state in ("recorded", "replaced")


class HistoryStore:
    """One history store (an SQLAlchemy engine) whose schema is up to date. Thread- and process-safe."""

    def __init__(self, engine: Engine):
        self.engine = engine

    # ------------------------------------------------------------ writing

    def _lock_series(self, connection: Connection, province: str) -> int:
        """The series' id, its row locked until the transaction ends (created first if new)."""
        dialect = connection.dialect.name
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        connection.execute(upsert(tables.series).values(province=province).on_conflict_do_nothing())
        query = select(tables.series.c.id).where(tables.series.c.province == province)
        if dialect == "postgresql":
            query = query.with_for_update()
        return connection.execute(query).scalar_one()

    def record(self, snapshot: HistorySnapshot, recorded_at: datetime | None = None) -> RecordOutcome:
        """Record `snapshot` unless its figures are already the recorded ones (see the module's rules).

        Raises SQLAlchemy's errors when the store cannot be written (callers on a page log them).
        """
        fingerprint = snapshot.fingerprint
        reads = tables.reads
        with self.engine.begin() as connection:
            series_id = self._lock_series(connection, snapshot.province)
            same_day = connection.execute(
                select(reads.c.id, reads.c.read_at, reads.c.fingerprint)
                .where(reads.c.series_id == series_id, reads.c.day == snapshot.day)).first()
            if same_day is not None:
                if same_day.fingerprint == fingerprint:
                    return RecordOutcome("unchanged", snapshot.day)
                if same_day.read_at > snapshot.read_at:
                    return RecordOutcome("older", snapshot.day)
            else:
                before = connection.execute(
                    select(reads.c.fingerprint).where(reads.c.series_id == series_id, reads.c.day < snapshot.day)
                    .order_by(reads.c.day.desc()).limit(1)).scalar()
                if before == fingerprint:
                    return RecordOutcome("unchanged", snapshot.day)
            source, original = snapshot.source, snapshot.source.original
            fields = {
                "read_at": snapshot.read_at, "recorded_at": (recorded_at or datetime.now()).replace(microsecond=0),
                "fingerprint": fingerprint, "source_kind": source.kind, "source_label": source.label,
                "source_url": source.url, "original_kind": original.kind, "original_label": original.label,
                "original_url": original.url,
            }
            # Points are kept as changes (lib.history.changes): the day's rows are its differences from the
            # state before it, and the next recorded day's rows, made against the old state, are made again.
            before = self._point_state(connection, series_id, snapshot.day, inclusive=False)
            following = connection.execute(
                select(reads.c.id, reads.c.day).where(reads.c.series_id == series_id, reads.c.day > snapshot.day)
                .order_by(reads.c.day).limit(1)).first()
            following_state = (self._point_state(connection, series_id, following.day, inclusive=True)
                               if following is not None else None)
            if same_day is not None:
                read_id = same_day.id
                for child in (tables.points, tables.districts, tables.difficulties):
                    connection.execute(delete(child).where(child.c.read_id == read_id))
                connection.execute(update(reads).where(reads.c.id == read_id).values(**fields))
            else:
                read_id = connection.execute(
                    insert(reads).values(series_id=series_id, day=snapshot.day, **fields)).inserted_primary_key[0]
            point_rows = diff_points(before, snapshot.points)
            for child, rows in ((tables.points, point_rows), (tables.districts, snapshot.districts),
                                (tables.difficulties, snapshot.difficulties)):
                if rows:
                    connection.execute(insert(child), [{**row, "read_id": read_id} for row in rows])
            if following is not None:
                listed = [row for row in following_state.values() if row.get("listed", True)]
                redone = diff_points(apply_rows(before, point_rows), listed)
                connection.execute(delete(tables.points).where(tables.points.c.read_id == following.id))
                if redone:
                    connection.execute(insert(tables.points), [{**row, "read_id": following.id} for row in redone])
        return RecordOutcome("replaced" if same_day is not None else "recorded", snapshot.day)

    def _point_state(self, connection: Connection, series_id: int, day: date, inclusive: bool) -> dict[str, dict]:
        """Each point's latest row (`tables.points`' columns but `read_id`) before `day`, or on it too."""
        reads, points = tables.reads, tables.points
        on_or_before = reads.c.day <= day if inclusive else reads.c.day < day
        names = [column.name for column in points.c if column.name != "read_id"]
        # The driver's values (SQLite's 0/1 compare equal to the snapshot's False/True): converting each
        # value took most of a recording's time at country scale.
        query = (select(*(type_coerce(points.c[name], NullType()).label(name) for name in names))
                 .join(reads, reads.c.id == points.c.read_id)
                 .where(reads.c.series_id == series_id, on_or_before).order_by(reads.c.day))
        code = names.index("point_code")
        return {row[code]: dict(zip(names, row)) for row in connection.execute(query).cursor.fetchall()}

    # ------------------------------------------------------------ reading

    def provinces(self) -> list[str]:
        """The provinces with a history, the one recorded most recently first."""
        latest = func.max(tables.reads.c.recorded_at)
        query = (select(tables.series.c.province)
                 .join(tables.reads, tables.reads.c.series_id == tables.series.c.id)
                 .group_by(tables.series.c.province).order_by(latest.desc(), tables.series.c.province))
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def _frame(self, child, province: str | None, since: date | None, until: date | None,
               names: tuple[str, ...] | None = None) -> pd.DataFrame:
        reads, series = tables.reads, tables.series
        province = province or next(iter(self.provinces()), None)
        conditions = [series.c.province == province]
        if since is not None:
            conditions.append(reads.c.day >= since)
        if until is not None:
            conditions.append(reads.c.day <= until)
        columns = [reads.c.day, *(column for column in child.c
                                  if column.name != "read_id" and (names is None or column.name in names))]
        # The values as the driver gives them (no per-value conversion by SQLAlchemy: 780,000 point rows
        # took seconds), typed column by column below.
        query = (select(*(type_coerce(column, NullType()).label(column.name) for column in columns))
                 .select_from(child.join(reads, reads.c.id == child.c.read_id)
                              .join(series, series.c.id == reads.c.series_id))
                 .where(and_(*conditions)).order_by(reads.c.day, *child.primary_key.columns))
        with self.engine.connect() as connection:
            rows = connection.execute(query).cursor.fetchall()
        frame = pd.DataFrame.from_records(rows, columns=[column.name for column in columns])
        for column in columns:
            values = frame[column.name]
            if isinstance(column.type, Date) and values.map(type).eq(str).any():  # SQLite keeps ISO text
                # Few distinct days among many rows: each text is parsed once.
                frame[column.name] = values.map({text: date.fromisoformat(text) for text in values.dropna().unique()})
            elif isinstance(column.type, Boolean):
                frame[column.name] = values.astype(bool)  # SQLite keeps 0/1; every flag is NOT NULL
        return frame

    def district_history(self, province: str | None = None, since: date | None = None,
                         until: date | None = None, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Every recorded day's district rows: `day` (date) and the columns of `tables.districts`
        (counts int, `report_date` date or None, `report_state` str or None), or only those named in
        `columns`; by day then code. `province` None: the province recorded most recently. An empty
        store gives no rows."""
        return self._frame(tables.districts, province, since, until, columns)

    def province_history(self, province: str | None = None, columns: tuple[str, ...] = ("points_target",)) -> pd.DataFrame:
        """The province's row for each recorded day, summed by the database: `day` (date) and the sum over
        its districts of each count named in `columns` (int); oldest day first. The province's burn-up
        without loading every district's rows."""
        reads, series, districts = tables.reads, tables.series, tables.districts
        province = province or next(iter(self.provinces()), None)
        query = (select(reads.c.day, *(func.sum(districts.c[name]).label(name) for name in columns))
                 .select_from(districts.join(reads, reads.c.id == districts.c.read_id)
                              .join(series, series.c.id == reads.c.series_id))
                 .where(series.c.province == province).group_by(reads.c.day).order_by(reads.c.day))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        frame = pd.DataFrame(rows, columns=["day", *columns])
        return frame.astype({name: "int64" for name in columns})

    def point_history(self, province: str | None = None, since: date | None = None,
                      until: date | None = None, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
        """The points' change log: `day` (date) and the columns of `tables.points` (flags bool, counts
        int or None, `listed` bool), or only those named in `columns`; by day then point code.

        A day holds only the points whose figures changed since the previous recorded day (every
        point on the first day; `listed` False: the point left the sheet), so a point's state on a
        day is its latest row on or before it (`lib.history.changes`). With `since`, the rows
        before it are left out: the state on `since` is then not in the result."""
        return self._frame(tables.points, province, since, until, columns)

    def difficulty_history(self, province: str | None = None, since: date | None = None,
                           until: date | None = None) -> pd.DataFrame:
        """Every recorded day's difficulties: `day` and the columns of `tables.difficulties`."""
        return self._frame(tables.difficulties, province, since, until)

    def recorded_reads(self, province: str | None = None) -> pd.DataFrame:
        """One row per recorded day: `day`, `read_at`, `recorded_at`, `source_kind`, `source_label`,
        `original_kind`, `original_label`, `original_url`, `fingerprint`, oldest day first."""
        reads, series = tables.reads, tables.series
        province = province or next(iter(self.provinces()), None)
        columns = [reads.c.day, reads.c.read_at, reads.c.recorded_at, reads.c.source_kind, reads.c.source_label,
                   reads.c.original_kind, reads.c.original_label, reads.c.original_url, reads.c.fingerprint]
        query = (select(*columns).join(series, series.c.id == reads.c.series_id)
                 .where(series.c.province == province).order_by(reads.c.day))
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return pd.DataFrame(rows, columns=[column.name for column in columns])

    def dispose(self) -> None:
        """Close the engine's connections."""
        self.engine.dispose()


def open_history(url: str | None = None) -> HistoryStore:
    """The store named by `history_url(url)`, its schema upgraded first (`upgrade_schema`).

    Raises SQLAlchemy's errors when the store cannot be reached or created.
    """
    engine = _engine(history_url(url))
    upgrade_schema(engine)
    return HistoryStore(engine)
