"""The adapter's parts that work without a running page: the cross-session memo and the map
component's arguments (the pages themselves are tested with AppTest in tests/app/)."""

from __future__ import annotations

import itertools
import threading
import time
from types import SimpleNamespace

import pytest
import streamlit_folium
from branca.element import Element

from lib.streamlit_adapter import MAP_RETURNED_OBJECTS, _map_component_arguments, _Memo, remember
from lib.views.maps import build_readiness_map
from lib.views.offline import use_local_assets


def test_the_memo_computes_a_key_once_and_shares_the_value():
    memo, calls = _Memo(size=2), []
    first = memo.get("a", lambda: calls.append("a") or ["value"])
    assert memo.get("a", lambda: calls.append("again") or ["other"]) is first  # the same object, not a copy
    assert calls == ["a"]


def test_the_memo_drops_the_least_recently_used_and_forgets_its_identity():
    memo = _Memo(size=2)
    a, b = memo.get("a", lambda: ["a"]), memo.get("b", lambda: ["b"])
    memo.get("a", lambda: pytest.fail("a is kept"))  # a is now the more recently used
    c = memo.get("c", lambda: ["c"])
    assert memo.identity(b) is None and memo.identity(a) is not None and memo.identity(c) is not None
    assert memo.get("b", lambda: ["b again"]) == ["b again"]


def test_an_entry_with_a_ttl_is_computed_again_with_a_new_identity():
    memo = _Memo(size=4)
    first = memo.get("h", lambda: ["first read"], ttl=0.05)
    identity = memo.identity(first)
    assert memo.get("h", lambda: pytest.fail("still fresh"), ttl=0.05) is first
    time.sleep(0.06)
    second = memo.get("h", lambda: ["second read"], ttl=0.05)
    assert second == ["second read"]
    assert memo.identity(second) not in (None, identity)  # what was drawn from the first read is not reused
    assert memo.identity(first) is None


def test_a_failed_computation_keeps_nothing():
    memo = _Memo(size=2)
    with pytest.raises(ZeroDivisionError):
        memo.get("x", lambda: 1 / 0)
    assert memo.get("x", lambda: "computed") == "computed"


def test_sessions_asking_at_once_compute_once():
    memo, calls, started = _Memo(size=2), [], threading.Barrier(4)

    def slow():
        calls.append(1)
        time.sleep(0.05)
        return object()

    results = []

    def session():
        started.wait()
        results.append(memo.get("k", slow))

    threads = [threading.Thread(target=session) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert len(calls) == 1 and len(results) == 4 and all(result is results[0] for result in results)


def test_remember_keys_on_the_context_and_on_what_it_depends_on():
    """`remember` outside a page: only the context's `version` matters to it."""
    vi, en = SimpleNamespace(version=("data", "vi")), SimpleNamespace(version=("data", "en"))
    table = remember(vi, "table", lambda: ["vi table"])
    assert remember(vi, "table", lambda: pytest.fail("kept")) is table
    assert remember(en, "table", lambda: ["en table"]) == ["en table"]
    drawn = remember(vi, "drawn", lambda: ["drawn from the vi table"], table)
    assert remember(vi, "drawn", lambda: pytest.fail("kept"), table) is drawn
    assert remember(vi, "drawn", lambda: ["from another table"], ["not remembered"]) == ["from another table"]
    assert remember(vi, "drawn", lambda: ["a measure"], "share_live", None) == ["a measure"]


@pytest.mark.parametrize("clustered", [False, True])
def test_the_map_component_gets_what_st_folium_would_give_it(geography, demo_rollout, monkeypatch, clustered):
    """`_map_component_arguments` (prepared once per map) against st_folium itself, on two builds of one map
    with the same element ids: every argument equal, the script and the component's key included."""
    def build():
        ids = itertools.count()
        monkeypatch.setattr(Element, "_generate_id", classmethod(lambda cls: f"{next(ids):032x}"))
        return use_local_assets(build_readiness_map(geography, demo_rollout.district_readiness,
                                                    demo_rollout.point_status, cluster=clustered))

    folium_map, twin = build(), build()
    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **arguments: sent.update(arguments))
    streamlit_folium.st_folium(folium_map, key="readiness_map", height=560, use_container_width=True,
                               returned_objects=MAP_RETURNED_OBJECTS)
    del sent["on_change"]  # a closure over the caller's key; the adapter's does the same (`_map_component`)
    prepared = _map_component_arguments(twin, "readiness_map", 560)
    assert prepared == sent
    assert ("L.markerClusterGroup" in prepared["script"]) == clustered
