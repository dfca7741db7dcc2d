"""`python -m lib validate`: exit codes, the JSON document, and the demo's planted mistakes found."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from lib import DEMO_WORKBOOK, PROJECT_ROOT
from lib.authoring.demo import planted_mistakes

PLANTED_MISTAKES = planted_mistakes()  # the default geography's demo, which DEMO_WORKBOOK is

PROBLEM_FIELDS = {"tab", "cell", "column", "value", "severity", "message_vi", "message_en", "rule"}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *map(str, args)], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def demo_report():
    result = run_cli("validate", DEMO_WORKBOOK, "--json")
    assert result.returncode == 1, result.stderr  # the demo has planted errors
    return json.loads(result.stdout)


def test_summary(demo_report):
    summary = demo_report["summary"]
    assert summary["tabs"], summary
    for entry in summary["tabs"]:
        assert set(entry) >= {"tab", "rows_read", "rows_kept", "rows_set_aside"}
        assert entry["rows_read"] == entry["rows_kept"] + entry["rows_set_aside"], entry
    for total in ("rows_read", "rows_kept", "rows_set_aside"):
        assert summary[total] == sum(entry[total] for entry in summary["tabs"]), total
    assert summary["rows_read"] == summary["rows_kept"] + summary["rows_set_aside"]
    assert summary["problems"]["error"] == sum(p["severity"] == "error" for p in demo_report["problems"])


def test_problem_fields(demo_report):
    assert demo_report["problems"]
    for problem in demo_report["problems"]:
        assert set(problem) >= PROBLEM_FIELDS, problem
        assert problem["severity"] in {"error", "warning", "info"}
        assert problem["cell"].startswith(problem["tab"])
        assert problem["message_vi"] and problem["message_en"] and problem["message_vi"] != problem["message_en"]


@pytest.mark.parametrize("tab,cell,rule,raw_value", PLANTED_MISTAKES,
                         ids=[f"{tab}!{cell}-{rule}" for tab, cell, rule, _ in PLANTED_MISTAKES])
def test_planted_mistake_found_at_its_cell(demo_report, tab, cell, rule, raw_value):
    found = [p for p in demo_report["problems"] if p["cell"] == f"{tab}!{cell}"]
    assert rule in [p["rule"] for p in found], found
    problem = next(p for p in found if p["rule"] == rule)
    assert problem["tab"] == tab
    if raw_value is not None:
        assert problem["value"] == str(raw_value)


def test_every_error_in_the_demo_was_planted(demo_report):
    planted = {(f"{tab}!{cell}", rule) for tab, cell, rule, _ in PLANTED_MISTAKES}
    errors = {(p["cell"], p["rule"]) for p in demo_report["problems"] if p["severity"] == "error"}
    assert errors <= planted


def test_text_report_in_vietnamese_and_english():
    vi = run_cli("validate", DEMO_WORKBOOK)
    en = run_cli("--lang", "en", "validate", DEMO_WORKBOOK)
    assert vi.returncode == en.returncode == 1
    assert "để riêng" in vi.stdout and "Lỗi" in vi.stdout
    assert "set aside" in en.stdout and "Error" in en.stdout
    assert "Cam Lâm!K3" in vi.stdout and "Cam Lâm!K3" in en.stdout
    assert "Traceback" not in vi.stderr + en.stderr


def test_missing_file_exits_2_in_vietnamese(tmp_path):
    result = run_cli("validate", tmp_path / "khong-co.xlsx", "--json")
    assert result.returncode == 2
    assert "Không tìm thấy tệp" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_missing_file_in_english(tmp_path):
    result = run_cli("--lang", "en", "validate", tmp_path / "missing.xlsx")
    assert result.returncode == 2
    assert "not found" in result.stderr and "Traceback" not in result.stderr


def test_not_a_workbook_exits_2(tmp_path):
    path = tmp_path / "so-lieu.xlsx"
    path.write_text("Mã điểm,Tên điểm\nKH-1,Trạm\n", encoding="utf-8")
    result = run_cli("validate", path, "--json")
    assert result.returncode == 2
    assert "không phải bảng tính" in result.stderr
    assert "Traceback" not in result.stderr


def test_unsupported_path_exits_2(tmp_path):
    result = run_cli("validate", tmp_path / "so-lieu.csv")
    assert result.returncode == 2
    assert "Không đọc được" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["so-lieu.txt", "folder"])
def test_existing_non_xlsx_path_exits_2(tmp_path, name):
    path = tmp_path / name
    if name == "folder":
        path.mkdir()
    else:
        path.write_text("Mã điểm,Tên điểm\n", encoding="utf-8")
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_empty_template_validates_clean(tmp_path):
    path = tmp_path / "mau.xlsx"
    written = run_cli("template", path)
    assert written.returncode == 0, written.stderr
    assert path.exists()
    result = run_cli("validate", path, "--json")
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["summary"]["problems"]["error"] == 0
    assert report["summary"]["rows_set_aside"] == 0
