"""Start the dashboard warm: `streamlit run app.py` in this process, the source read while the server starts.

`streamlit run app.py` alone runs nothing of ours until the first viewer arrives, who then waits
for the first read of the sheet, its cleaning, the province's figures and the page code. Here a
thread does all that (`lib.streamlit_adapter.warm_start`) as soon as Streamlit's runtime exists
(its configuration and secrets loaded, so the source is the one the pages will read), while the
server begins to listen; the live copy's poller then keeps it current with no viewer at all.

    .venv/bin/python serve.py [streamlit run options, e.g. --server.port 8600]
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).resolve().parent / "app.py"
RUNTIME_WAIT_SECONDS = 120.0

log = logging.getLogger("serve")


def freeze_start_up_objects() -> int:
    """Move every object alive now (modules, Streamlit's and our start-up state) out of the cyclic
    garbage collector's sight, for good (`gc.freeze`); returns how many it no longer scans.

    Each read of a country-sized sheet makes about 300,000 new objects, enough to set off a full
    collection, which scans every object alive: with the start-up objects included it paused the
    data path for about 0.1 s each read (bench/FINDINGS.md). Frozen objects are still freed when
    no longer referenced; only cycles among them would be kept, and start-up objects live anyway.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def _warm_when_ready() -> None:
    from streamlit import runtime

    deadline = time.monotonic() + RUNTIME_WAIT_SECONDS
    while not runtime.exists():
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)
    freeze_start_up_objects()  # before the first read: its data is the collector's to free later
    try:
        from lib.streamlit_adapter import warm_start

        warm_start()
    except Exception:  # noqa: BLE001 — a failed warm-up only means the first viewer reads, as without it
        log.exception("warm start failed; the first viewer will read the source")


def main() -> int:
    """Start the warm-up thread, then hand over to `streamlit run app.py` with this command's arguments."""
    # Imported here, in this thread, before the warm-up thread starts: Streamlit's package, imported by two
    # threads at once, ran its __init__ twice ("DeltaGeneratorSingleton instance already exists!") and the
    # server exited. The dashboard's own modules come with it, so the thread only reads and computes.
    from streamlit.web import cli

    import lib.streamlit_adapter  # noqa: F401

    threading.Thread(target=_warm_when_ready, name="warm-start", daemon=True).start()

    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
