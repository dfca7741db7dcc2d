"""The history's tables, as SQLAlchemy Core metadata: what one recorded day of a province holds.

A *series* is one province's history (its name as the sheet gives it); its row is also the lock
two recorders take in turn. A *read* is the one kept read of a series for one day (the day's last
read wins) with its provenance; its districts and difficulties hang off it, and the points whose
figures changed since the previous recorded day (`lib.history.changes`). The schema is
created and changed only by the Alembic migrations in `migrations/versions/`; this module must
describe the same tables (tests/history/test_store.py compares them).
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

series = Table(
    "history_series", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("province", String(200), nullable=False, unique=True),
)

reads = Table(
    "history_reads", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("series_id", Integer, ForeignKey("history_series.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the data's date: the sheet's as-of date, else the read's date
    Column("read_at", DateTime, nullable=False),  # when the figures were read from their original source
    Column("recorded_at", DateTime, nullable=False),
    Column("fingerprint", String(64), nullable=False),  # sha256 of the recorded figures: "did anything change"
    Column("source_kind", String(20), nullable=False),  # Provenance.kind of the copy read
    Column("source_label", Text, nullable=False),
    Column("source_url", Text),
    Column("original_kind", String(20), nullable=False),  # Provenance.original: where the figures come from
    Column("original_label", Text, nullable=False),
    Column("original_url", Text),
    UniqueConstraint("series_id", "day", name="uq_history_reads_series_day"),
)



def _read_id() -> Column:
    """The key to the read a row belongs to (each table needs its own Column and ForeignKey objects)."""
    return Column("read_id", Integer, ForeignKey("history_reads.id", ondelete="CASCADE"), primary_key=True)


points = Table(
    "history_points", metadata,
    _read_id(),
    Column("point_code", String(100), primary_key=True),
    Column("point_name", Text),
    Column("district_code", String(50), nullable=False),  # "" for a point outside every district
    Column("commune_code", String(50)),
    *(Column(flag, Boolean, nullable=False) for flag in (
        "has_computer", "has_printer", "has_internet",
        "equipped", "all_trained", "live", "children_complete", "ready", "supervised", "passed")),
    Column("conditions_met", Integer, nullable=False),
    *(Column(count, Integer) for count in ("staff", "trained_counted", "eligible_children", "children_counted")),
    Column("listed", Boolean, nullable=False),  # False: the point left the sheet that day (lib.history.changes)
)

districts = Table(
    "history_districts", metadata,
    _read_id(),
    Column("district_code", String(50), primary_key=True),  # "" for points outside every district
    Column("district_name", Text),
    Column("expected_points", Integer),
    *(Column(count, Integer, nullable=False) for count in (
        "points", "points_target", "points_equipped", "points_trained", "points_live", "points_children",
        "points_ready", "points_supervised", "points_passed", "staff", "trained_staff", "eligible_children",
        "children_entered", "open_difficulties")),
    Column("report_date", Date),
    Column("report_state", String(20)),  # deadlines.compute_district_reports' state; None: not in the Huyện tab
)

difficulties = Table(
    "history_difficulties", metadata,
    _read_id(),
    Column("line", Integer, primary_key=True),  # position in the log as read (the log has no code of its own)
    Column("district_code", String(50)),
    Column("reported_date", Date),
    Column("point", Text),
    Column("description", Text),
    Column("status", String(50)),
    Column("open", Boolean, nullable=False),
)
