"""`serve.py`'s start-up work that is not the warm start itself (which the browser harness runs)."""

from __future__ import annotations

import gc


def test_start_up_objects_leave_the_collectors_sight():
    # A full collection scans every object the collector tracks: after the freeze, start-up
    # objects are no longer among them, so the pause each country-sized read sets off is short.
    import serve

    try:
        # Counted after a collection: garbage left by earlier tests is freed, not frozen.
        gc.collect()
        tracked = len(gc.get_objects())
        frozen = serve.freeze_start_up_objects()
        assert frozen >= tracked * 0.9
        assert len(gc.get_objects()) < frozen / 10
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0
