"""The first history schema: series, reads (one kept per series and day), points (only those that changed:
`listed` False for a point that left the sheet), districts, difficulties.

Revision ID: v0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

revision = "v0001"
down_revision = None
branch_labels = None
depends_on = None

_FLAGS = ("has_computer", "has_printer", "has_internet",
          "equipped", "all_trained", "live", "children_complete", "ready", "supervised", "passed")
_DISTRICT_COUNTS = ("points", "points_target", "points_equipped", "points_trained", "points_live",
                    "points_children", "points_ready", "points_supervised", "points_passed", "staff",
                    "trained_staff", "eligible_children", "children_entered", "open_difficulties")


def _read_id() -> sa.Column:
    return sa.Column("read_id", sa.Integer, sa.ForeignKey("history_reads.id", ondelete="CASCADE"),
                     primary_key=True)


def upgrade() -> None:
    """Create the five tables."""
    op.create_table(
        "history_series",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("province", sa.String(200), nullable=False, unique=True),
    )
    op.create_table(
        "history_reads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.Integer, sa.ForeignKey("history_series.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("read_at", sa.DateTime, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("source_kind", sa.String(20), nullable=False),
        sa.Column("source_label", sa.Text, nullable=False),
        sa.Column("source_url", sa.Text),
        sa.Column("original_kind", sa.String(20), nullable=False),
        sa.Column("original_label", sa.Text, nullable=False),
        sa.Column("original_url", sa.Text),
        sa.UniqueConstraint("series_id", "day", name="uq_history_reads_series_day"),
    )
    op.create_table(
        "history_points",
        _read_id(),
        sa.Column("point_code", sa.String(100), primary_key=True),
        sa.Column("point_name", sa.Text),
        sa.Column("district_code", sa.String(50), nullable=False),
        sa.Column("commune_code", sa.String(50)),
        *(sa.Column(flag, sa.Boolean, nullable=False) for flag in _FLAGS),
        sa.Column("conditions_met", sa.Integer, nullable=False),
        *(sa.Column(count, sa.Integer) for count in ("staff", "trained_counted", "eligible_children",
                                                     "children_counted")),
        sa.Column("listed", sa.Boolean, nullable=False),
    )
    op.create_table(
        "history_districts",
        _read_id(),
        sa.Column("district_code", sa.String(50), primary_key=True),
        sa.Column("district_name", sa.Text),
        sa.Column("expected_points", sa.Integer),
        *(sa.Column(count, sa.Integer, nullable=False) for count in _DISTRICT_COUNTS),
        sa.Column("report_date", sa.Date),
        sa.Column("report_state", sa.String(20)),
    )
    op.create_table(
        "history_difficulties",
        _read_id(),
        sa.Column("line", sa.Integer, primary_key=True),
        sa.Column("district_code", sa.String(50)),
        sa.Column("reported_date", sa.Date),
        sa.Column("point", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("status", sa.String(50)),
        sa.Column("open", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    """Drop them, children first."""
    for table in ("history_difficulties", "history_districts", "history_points", "history_reads", "history_series"):
        op.drop_table(table)
