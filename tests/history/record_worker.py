"""One recorder process for tests/history/test_store.py: read and clean a copy, wait for the shared start
time, record it, and print the outcome's state (`recorded`, `unchanged`, ...)."""

from __future__ import annotations

import sys
import time

from lib.cleaning import clean_workbook
from lib.geography import load_geography
from lib.history.snapshot import build_snapshot
from lib.history.store import open_history
from lib.sources import read_source

if __name__ == "__main__":
    url, path, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
    geography = load_geography()
    raw = read_source(path)
    snapshot = build_snapshot(clean_workbook(raw, geography), raw.provenance, geography)
    store = open_history(url)
    time.sleep(max(0.0, start_at - time.time()))
    print(store.record(snapshot).state)
