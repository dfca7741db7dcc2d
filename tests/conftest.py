"""Fixtures and set-up that every test folder shares: the demo workbook cleaned once, and a run that
is safe and balanced in parallel (pytest-xdist, `-n auto --dist loadscope`: see pytest.ini).

Work units are modules: a module's tests run on one worker, in file order, so its module-scoped
fixtures (a browser test's dashboard server, a corpus workbook, LibreOffice's copies) are built once
per run, not once per worker, and the sign-in module's last test still sees what the ones before it
kept. The long modules (LONG_FIRST) are handed out first, so that no worker is left with one at the
end while the other has finished.

Parallel safety, beyond what each fixture already isolates (tmp_path, free ports, one Sheets
stand-in per test):

- `DASHBOARD_SNAPSHOT_DIR` points at a temporary folder of this test process, so no test (nor a
  dashboard server it starts) writes or reads a last good copy under the repo's `.snapshots/`;
  tests that look at snapshots set their own folder, as before. The history store
  (`DASHBOARD_HISTORY_URL`) is an SQLite file in that folder too.
- `DASHBOARD_GEOGRAPHY` is removed: the suite's figures are the bundled default geography's; a test
  (or a dashboard server it starts) that wants another folder sets it itself.
- Streamlit's AppTest scans every installed package for component manifests on each new AppTest
  (0.4–0.8 s a page run); the packages do not change during a run, so the scan is done once per process.
- The map's vendored scripts are copied into `static/vendor/` once, before the workers start, so
  two processes never rewrite those files while a third serves them.
"""

from __future__ import annotations

import copy
import functools
import os
import shutil
import tempfile

import pytest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.cleaning import clean_workbook
from lib.geography import GEOGRAPHY_ENV, load_geography
from lib.live import shared_live_source_keys, stop_shared_live_sources
from lib.metrics.rollout import compute_rollout
from lib.sources import read_source
from lib.sources.plan import SNAPSHOT_DIR_ENV

# Not collected for doctests (it has none): conftest.py files outside packages all import as the module
# `conftest`, and by the time --doctest-modules reaches this one another folder's is in sys.modules.
collect_ignore = ["conftest.py"]

_snapshot_dir: str | None = None


def _scan_component_manifests_once() -> None:
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    manifest_scanner.scan_component_manifests = lambda *args, **kwargs: list(scan(*args, **kwargs))


def pytest_configure(config):
    global _snapshot_dir
    _scan_component_manifests_once()
    _snapshot_dir = tempfile.mkdtemp(prefix="dashboard-test-snapshots-")
    os.environ[SNAPSHOT_DIR_ENV] = _snapshot_dir
    os.environ.pop(GEOGRAPHY_ENV, None)
    # Nor into the repo's var/history.sqlite3: a dashboard a test starts records its reads there.
    os.environ["DASHBOARD_HISTORY_URL"] = f"sqlite:///{_snapshot_dir}/history.sqlite3"
    if not hasattr(config, "workerinput"):  # the main process: before any xdist worker starts
        from lib.views.offline import install_assets

        install_assets(PROJECT_ROOT / "static")


# The modules that take longest (see --durations), handed out first and in this order; the rest follow
# in file order. Order only: a module missing here just starts later.
LONG_FIRST = (
    "tests/browser/test_pages_in_browser.py", "tests/browser/test_sign_in.py", "tests/test_consistency.py",
    "tests/test_bench.py", "tests/security/test_corpus.py", "tests/browser/test_present_in_browser.py",
    "tests/browser/test_live_sheet.py", "tests/sources/test_real_world_sheets.py",
    "tests/sources/test_shared_copy.py", "tests/browser/",
)


def pytest_collection_modifyitems(config, items):
    def rank(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return next((index for index, prefix in enumerate(LONG_FIRST) if path.startswith(prefix)), len(LONG_FIRST))

    items.sort(key=rank)  # stable: file order within a module, and among the rest


@pytest.fixture(autouse=True, scope="module")
def _history_store_of_this_module(tmp_path_factory):
    """Each test module its own, empty history store (`DASHBOARD_HISTORY_URL`). A dashboard records every
    good read, so without this one module's reads (a Google stand-in serving the demo's figures) became
    another's history in the same worker, and its pages grew a "since" slide and column. Module scope,
    and autouse, so that a module's dashboard server (a module fixture) starts with it too."""
    previous = os.environ.get("DASHBOARD_HISTORY_URL")
    os.environ["DASHBOARD_HISTORY_URL"] = f"sqlite:///{tmp_path_factory.mktemp('history')}/history.sqlite3"
    yield
    if previous is None:
        os.environ.pop("DASHBOARD_HISTORY_URL", None)
    else:
        os.environ["DASHBOARD_HISTORY_URL"] = previous


@pytest.fixture(autouse=True)
def _no_poller_outlives_its_sheets_server():
    """The shared live sources a test opened on a Google stand-in are stopped with it. Their pollers
    would otherwise go on asking 127.0.0.1 at that port, and a later test's stand-in that took the
    same port counted their requests as its own (a tab list fetched three times where two were
    expected). Sources of a workbook stay shared, as in a running dashboard: a module's app tests
    reuse one."""
    before = shared_live_source_keys()
    yield
    stop_shared_live_sources(key for key in shared_live_source_keys() - before if key.startswith("google|"))


def pytest_unconfigure(config):
    if _snapshot_dir is not None:
        shutil.rmtree(_snapshot_dir, ignore_errors=True)


# --- the demo workbook, cleaned and computed once, as the dashboard computes it -------------------


@pytest.fixture(scope="session")
def geography():
    return load_geography()


@pytest.fixture(scope="session")
def demo_raw():
    return read_source(str(DEMO_WORKBOOK))


@pytest.fixture(scope="session")
def demo_dataset(demo_raw, geography):
    return clean_workbook(demo_raw, geography)


@pytest.fixture(scope="session")
def demo_rollout(demo_dataset, geography):
    return compute_rollout(demo_dataset, geography, demo_dataset.as_of)


@pytest.fixture
def edited_dataset(demo_raw, geography):
    """edited_dataset(edit) → the demo cleaned after `edit(tabs)` changed a copy of its grids."""

    def make(edit):
        raw = copy.deepcopy(demo_raw)
        edit(raw.tabs)
        return clean_workbook(raw, geography)

    return make
