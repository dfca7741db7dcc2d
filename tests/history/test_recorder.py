"""Recording from the app's read path (LiveSource → LiveRecorder) and from the command line."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from lib.__main__ import main
from lib.cleaning import clean_workbook
from lib.history.recorder import LiveRecorder
from lib.history.store import open_history
from lib.live import LiveSource
from lib.metrics.progress import PROGRESS_COLUMNS, compute_burn_up
from lib.sources.snapshot import write_snapshot
from tests.history.copies import give_printer

PROVINCE_TABS_BEFORE_DISTRICTS = 3  # Cấu hình, Mốc thời gian, Huyện


class Clock:
    """A clock the test moves by hand."""

    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def _live(raw, geography, recorder, clock):
    return LiveSource(lambda fresh=False: raw, lambda read: clean_workbook(read, geography), ttl=60, clock=clock,
                      on_read=recorder.on_read)


def test_each_good_read_of_the_live_source_is_recorded_once(tmp_path, demo_copy, geography):
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    recorder = LiveRecorder(geography, url)
    raw, _ = demo_copy()
    clock = Clock()
    live = _live(raw, geography, recorder, clock)
    assert live.get().good is not None
    assert recorder.last_outcome.state == "recorded"
    clock.now += 120  # the TTL passed: read again, same grids: skipped before any figure is computed
    live.get()
    assert recorder.last_outcome.state == "recorded" and recorder.failure is None
    assert len(open_history(url).recorded_reads()) == 1


def test_the_bundled_demo_is_not_recorded_by_the_app(tmp_path, demo_raw, geography):
    recorder = LiveRecorder(geography, f"sqlite:///{tmp_path / 'history.sqlite3'}")
    assert recorder.on_read(demo_raw, clean_workbook(demo_raw, geography)) is None
    assert not (tmp_path / "history.sqlite3").exists()


def test_a_failure_to_record_never_breaks_the_read(tmp_path, demo_copy, geography, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    recorder = LiveRecorder(geography, f"sqlite:///{blocker / 'history.sqlite3'}")
    raw, _ = demo_copy()
    clock = Clock()
    result = _live(raw, geography, recorder, clock).get()
    assert result.good is not None and result.failure is None  # the page has its data
    assert recorder.failure is not None and recorder.failure.count == 1
    assert recorder.failure.text.key == "hist.record_failed"
    assert "could not record the read into the history" in caplog.text


def _copy(demo_copy, path, edit=None, day=None, read_at=None):
    raw, _ = demo_copy(edit, day=day, read_at=read_at)
    return str(write_snapshot(raw, path))


def _equipped_by_hand(raw) -> int:
    """Points whose row says Có (any case) for computer, printer and Internet, counted in the grids themselves.

    In the demo: 96 rows say "Có" three times and one says "có" for its printer: 97.
    """
    return sum(1 for title in list(raw.tabs)[PROVINCE_TABS_BEFORE_DISTRICTS:-2] for row in raw.tabs[title][1:]
               if row and row[0] and [str(cell).strip().lower() for cell in row[6:9]] == ["có", "có", "có"])


def test_history_import_show_and_the_burn_up_from_recorded_copies(tmp_path, monkeypatch, capsys, demo_copy):
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", url)
    first = _copy(demo_copy, tmp_path / "13-05.xlsx", day=date(2017, 5, 13), read_at=datetime(2017, 5, 13, 8))
    second = _copy(demo_copy, tmp_path / "20-05.xlsx", give_printer, day=date(2017, 5, 20),
                   read_at=datetime(2017, 5, 20, 8))
    assert main(["history", "import", second, first]) == 0  # recorded oldest first, whatever the order given
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{first}: đã ghi số liệu ngày 13/05/2017 vào lịch sử.",
                   f"{second}: đã ghi số liệu ngày 20/05/2017 vào lịch sử."]
    assert main(["history", "show", "--json"]) == 0
    shown = capsys.readouterr().out
    records = json.loads(shown)
    assert len(records) == 18 and all(tuple(record) == PROGRESS_COLUMNS for record in records)
    cam_lam = [r for r in records if r["district_code"] == "570"]
    assert [(r["date"], r["points"], r["equipped"]) for r in cam_lam] == [("2017-05-13", 15, 11),
                                                                          ("2017-05-20", 15, 12)]
    # The same copies again change nothing: the same answers, the same history.
    assert main(["history", "import", first, second]) == 0
    assert [line.split(": ", 1)[1] for line in capsys.readouterr().out.splitlines()] == [
        "số liệu ngày 13/05/2017 không đổi so với lần ghi trước; không ghi gì.",
        "số liệu ngày 20/05/2017 không đổi so với lần ghi trước; không ghi gì."]
    assert main(["history", "show", "--json"]) == 0
    assert capsys.readouterr().out == shown
    assert main(["history", "show", "--json", "--since", "14/05/2017"]) == 0
    assert {r["date"] for r in json.loads(capsys.readouterr().out)} == {"2017-05-20"}
    # The province's burn-up equals the points equipped counted by hand in each copy's grids.
    burn_up = compute_burn_up(open_history(url).district_history())
    equipped = burn_up.loc[burn_up["condition"] == "equipped"].set_index("day")["done"].to_dict()
    before, _ = demo_copy()
    after, _ = demo_copy(give_printer)
    assert equipped == {date(2017, 5, 13): _equipped_by_hand(before), date(2017, 5, 20): _equipped_by_hand(after)}
    assert (_equipped_by_hand(before), _equipped_by_hand(after)) == (97, 98)


def test_history_show_text_and_its_errors(tmp_path, monkeypatch, capsys, demo_copy):
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{tmp_path / 'history.sqlite3'}")
    assert main(["history", "show"]) == 0
    assert "Chưa có lịch sử" in capsys.readouterr().out
    assert main(["history", "record", _copy(demo_copy, tmp_path / "copy.xlsx")]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "history", "show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Date", "Unit", "Points", "Equipped", "Trained", "Live", "Children", "Supervised"]
    assert lines[1].split()[:3] == ["20/05/2017", "Province", "150"]
    assert len(lines) == 1 + 1 + 9  # header, the province, nine districts
    assert main(["history", "show", "--since", "2017-05-01"]) == 2
    assert "DD/MM/YYYY" in capsys.readouterr().err
    assert main(["history", "import", str(tmp_path / "missing.xlsx")]) == 2


def test_a_store_that_cannot_open_is_said_plainly(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DASHBOARD_HISTORY_URL", f"sqlite:///{blocker / 'h.sqlite3'}")
    assert main(["history", "show"]) == 2
    assert "Không mở được kho lịch sử" in capsys.readouterr().err
