"""Streamlit's `st-gsheets-connection` reading every tab of the benchmark sheet; run in its own venv.

It pins gspread < 6, so `bench/run.py` gives it `bench/.venv-gsheets` and starts this script there
with the working folder holding a `.streamlit/secrets.toml` ([connections.gsheets], a service
account whose token_uri is the local stand-in). Requests to sheets.googleapis.com are sent to the
local server by a transport adapter; the reading itself is the package's own `conn.read(worksheet=…)`
with its `st.cache_data` TTL. Prints one JSON line.

    python gsheets_reader.py API_BASE refresh REFRESHES TAB...
    python gsheets_reader.py API_BASE viewers VIEWERS WINDOWS TTL_SECONDS TAB...
"""

from __future__ import annotations

import json
import logging
import statistics
import sys
import threading
import time
import warnings

from requests.adapters import HTTPAdapter

GOOGLE = "https://sheets.googleapis.com"


class _ToLocal(HTTPAdapter):
    """Sends what gspread addresses to Google to the local Sheets-API stand-in instead."""

    def __init__(self, base: str):
        super().__init__()
        self.base = base.rstrip("/")

    def send(self, request, **kwargs):
        request.url = self.base + request.url[len(GOOGLE):]
        kwargs["proxies"] = {}
        return super().send(request, **kwargs)


def _connection(api_base: str):
    import streamlit as st
    from streamlit_gsheets import GSheetsConnection

    conn = st.connection("gsheets", type=GSheetsConnection)
    conn.client._client.session.mount(GOOGLE, _ToLocal(api_base))
    return st, conn


def main(argv: list[str]) -> dict:
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)  # "missing ScriptRunContext": expected outside `streamlit run`
    api_base, mode = argv[0], argv[1]
    st, conn = _connection(api_base)
    if mode == "refresh":
        refreshes, tabs = int(argv[2]), argv[3:]
        timings = []
        for _ in range(refreshes + 1):  # the first one also fetches the token
            st.cache_data.clear()
            started = time.perf_counter()
            for tab in tabs:
                conn.read(worksheet=tab, ttl=3600)
            timings.append(time.perf_counter() - started)
        return {"cold_seconds": timings[0], "warm_seconds": statistics.median(timings[1:])}
    viewers, windows, ttl, tabs = int(argv[2]), int(argv[3]), float(argv[4]), argv[5:]
    waits: list[float] = []
    lock = threading.Lock()

    def viewer(barrier: threading.Barrier) -> None:
        barrier.wait()
        started = time.perf_counter()
        for tab in tabs:
            conn.read(worksheet=tab, ttl=ttl)
        with lock:
            waits.append(time.perf_counter() - started)

    for _ in range(windows):
        window_start = time.monotonic()
        barrier = threading.Barrier(viewers)
        threads = [threading.Thread(target=viewer, args=(barrier,)) for _ in range(viewers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # The next window opens once every cached tab has expired.
        time.sleep(max(0.0, ttl + 0.05 - (time.monotonic() - window_start)) + ttl)
    return {"median_wait": statistics.median(waits), "max_wait": max(waits)}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
