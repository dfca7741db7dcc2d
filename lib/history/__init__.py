"""The history the dashboard keeps itself: one snapshot of each point's, district's and difficulty's
figures per day, so that pages can say what moved since a date (the sheet holds only the present).

`snapshot` turns a read into rows (the figures `lib.metrics` computes), `changes` keeps of the points
only those that changed, `store` records and reads them (SQLAlchemy 2; SQLite by default,
PostgreSQL through `$DASHBOARD_HISTORY_URL`), `tables` is
the schema the Alembic migrations in `migrations/versions/` create, `recorder` wires a read to a
store for the app and the command line.
"""
