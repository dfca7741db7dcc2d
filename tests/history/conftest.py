"""Fixtures of the history tests: the demo's grids to edit, snapshots of them, and stores (SQLite, PostgreSQL)."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime

import pytest

from lib.cleaning import clean_workbook
from lib.history.snapshot import build_snapshot
from lib.history.store import open_history
from tests.history.copies import set_as_of
from tests.history.postgres_server import postgres_or_skip, running_postgres


@pytest.fixture
def demo_copy(demo_raw, geography):
    """demo_copy(edit=None, day=None, read_at=None) → (raw, snapshot) of an edited copy of the demo."""

    def make(edit=None, day: date | None = None, read_at: datetime | None = None):
        raw = copy.deepcopy(demo_raw)
        if edit:
            edit(raw.tabs)
        if day:
            set_as_of(raw.tabs, day)
        if read_at:
            raw = replace(raw, provenance=replace(raw.provenance, kind="workbook", read_at=read_at))
        else:
            raw = replace(raw, provenance=replace(raw.provenance, kind="workbook"))
        return raw, build_snapshot(clean_workbook(raw, geography), raw.provenance, geography)

    return make


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL server for this module (skipped without the binaries, unless under CI)."""
    folder = postgres_or_skip("PostgreSQL history test")
    with running_postgres(folder) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """An empty store's URL: a new SQLite file, or a new database on the module's PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    name = f"history_{abs(hash(request.node.nodeid)) % 10**9}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    yield server.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def store(store_url):
    """An opened, empty store (schema migrated)."""
    opened = open_history(store_url)
    yield opened
    opened.dispose()
