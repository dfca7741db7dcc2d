"""The demo's shipped history (lib/authoring/demo_history.py): five weekly copies, deterministic, the last one
the demo itself, the mountain districts lagging; recorded into its own store on first use."""

from __future__ import annotations

from datetime import date

from lib.authoring.demo_history import build_demo_history_copies, ensure_demo_history
from lib.cleaning import clean_workbook
from lib.metrics.progress import compute_progress_table, compute_province_progress

WEEKS = [date(2017, 4, 22), date(2017, 4, 29), date(2017, 5, 6), date(2017, 5, 13), date(2017, 5, 20)]


def test_five_weekly_copies_the_last_the_demo_itself(geography, demo_raw):
    copies = build_demo_history_copies(geography, demo_raw)
    assert [clean_workbook(raw, geography).as_of for raw in copies] == WEEKS
    assert copies[-1].tabs["Cam Lâm"] == demo_raw.tabs["Cam Lâm"]
    assert [raw.provenance.read_at.date() for raw in copies] == WEEKS
    again = build_demo_history_copies(geography, demo_raw)
    assert [raw.tabs for raw in again] == [raw.tabs for raw in copies]  # deterministic


def test_the_history_rises_and_the_mountains_lag(geography, tmp_path):
    store = ensure_demo_history(geography, f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    table = compute_progress_table(store.district_history())
    province = compute_province_progress(table).set_index("date")
    assert list(province.index) == WEEKS
    for condition in ("equipped", "all_trained", "live", "supervised"):
        assert province[condition].is_monotonic_increasing, condition
        assert province[condition].iloc[0] < province[condition].iloc[-1], condition
    # The last week is the demo's own figures: 97 of its points equipped, 80 live.
    assert (province.loc[WEEKS[-1], "equipped"], province.loc[WEEKS[-1], "live"]) == (97, 80)
    share = table.assign(share=table["equipped"] / table["points"]).pivot(index="date", columns="district_code",
                                                                          values="share")
    # Khánh Vĩnh (573) and Khánh Sơn (575) are behind Nha Trang (568) every week.
    assert (share["573"] <= share["568"]).all() and (share["575"] <= share["568"]).all()
    # Asked again: nothing more is recorded.
    before = len(store.recorded_reads())
    assert len(ensure_demo_history(geography, f"sqlite:///{tmp_path / 'demo.sqlite3'}").recorded_reads()) == before == 5
