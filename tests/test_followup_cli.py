"""`python -m lib followup`: every district's message, or one, with what changed from the history."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from tests.app.test_progress import _record
from tests.history.copies import give_printer


def run_followup(*args: str, history_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DASHBOARD_HISTORY_URL": history_url}
    env.pop("DASHBOARD_SOURCE", None)
    return subprocess.run([sys.executable, "-m", "lib", "followup", *map(str, args)], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_one_district_with_its_change_since_the_history(tmp_path, demo_raw, geography):
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    _record(url, demo_raw, geography, date(2017, 5, 13))
    _record(url, demo_raw, geography, date(2017, 5, 20), give_printer)
    result = run_followup(DEMO_WORKBOOK, "--district", "Cam Lâm", history_url=url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Kính gửi Huyện Cam Lâm,"
    # 13/05 → 20/05: KH-570-01's printer; 2 go-live and 3 supervision dates of Cam Lâm fall in the week.
    assert "Thay đổi từ 13/05/2017: +1 điểm đủ thiết bị, +2 điểm triển khai, +3 điểm được giám sát." in lines
    assert sum(line.startswith("Kính gửi") for line in lines) == 1
    since = run_followup(DEMO_WORKBOOK, "--district", "570", "--since", "01/05/2017", history_url=url)
    # Before the history begins: compared with its first day, 13/05.
    assert "Thay đổi từ 01/05/2017: +1 điểm đủ thiết bị, +2 điểm triển khai, +3 điểm được giám sát." in since.stdout


def test_every_district_without_history_and_the_errors(tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    every = run_followup(DEMO_WORKBOOK, history_url=url)
    assert every.returncode == 0, every.stderr
    assert every.stdout.count("Kính gửi ") == 9  # Khánh Hòa's nine districts, Trường Sa included
    assert "Thay đổi từ" not in every.stdout  # no history: nothing said about changes
    unknown = run_followup(DEMO_WORKBOOK, "--district", "Hà Nội", history_url=url)
    assert (unknown.returncode, unknown.stderr.strip()) == (2, "Không có huyện “Hà Nội” trong bảng tính.")
    bad = run_followup(DEMO_WORKBOOK, "--since", "2017-05-01", history_url=url)
    assert bad.returncode == 2 and "DD/MM/YYYY" in bad.stderr
