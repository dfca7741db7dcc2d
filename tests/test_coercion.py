"""Reading one cell the way district staff type it: one table per kind of cell."""

from __future__ import annotations

import doctest
import unicodedata
from datetime import date, datetime

import pytest

import lib.textnorm
import lib.views.format
from lib.coercion import (
    parse_choice,
    parse_count,
    parse_date,
    parse_number,
    parse_text,
    parse_yes_no,
)
from lib.schema import POINT_TYPES

# ---------------------------------------------------------------- yes / no


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Có", True),
        ("có", True),
        ("CÓ", True),
        ("C", True),
        ("c", True),
        ("x", True),
        ("X", True),
        ("✓", True),
        ("✔", True),
        ("1", True),
        ("TRUE", True),
        ("true", True),
        ("Yes", True),
        ("  có  ", True),
        ("co", True),  # typed without accents
        ("Không", False),
        ("không", False),
        ("khong", False),
        ("K", False),
        ("k", False),
        ("0", False),
        ("FALSE", False),
        ("No", False),
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        (1.0, True),
        (0.0, False),
    ],
)
def test_yes_no_forms(raw, expected):
    assert parse_yes_no(raw) == (expected, None)


@pytest.mark.parametrize("raw", [None, "", "  ", "\u200b", float("nan")])
def test_yes_no_blank_is_unknown_without_issue(raw):
    assert parse_yes_no(raw) == (None, None)


@pytest.mark.parametrize("raw", ["chưa rõ", "có lẽ", "2", 2, 0.5, "maybe", "?", "…", "—", "*", "☒"])
def test_yes_no_unreadable(raw):
    value, issue = parse_yes_no(raw)
    assert value is None
    assert (issue.rule, issue.severity) == ("invalid_yes_no", "error")


# ---------------------------------------------------------------- counts


@pytest.mark.parametrize(
    "raw,expected",
    [
        (12, 12),
        (0, 0),
        ("0", 0),
        ("12", 12),
        ("1.234", 1234),
        ("1,234", 1234),
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("1.234.567", 1234567),
        (12.0, 12),
        ("3.0", 3),
        ("3,00", 3),
        (" 7 ", 7),
    ],
)
def test_count_forms(raw, expected):
    assert parse_count(raw) == (expected, None)


@pytest.mark.parametrize("raw,expected", [("12 người", 12), ("5 cán bộ", 5), ("1.234 trẻ", 1234)])
def test_count_with_text_is_read_with_info(raw, expected):
    value, issue = parse_count(raw)
    assert value == expected
    assert (issue.rule, issue.severity, issue.params) == ("count_with_text", "info", {"number": expected})


@pytest.mark.parametrize(
    "raw,rule",
    [
        ("-5", "negative_count"),
        (-5, "negative_count"),
        (-5.0, "negative_count"),
        ("−5", "negative_count"),  # U+2212 minus sign
        ("nhiều", "invalid_count"),
        (1.5, "invalid_count"),
        ("1,5", "invalid_count"),
        ("1.5", "invalid_count"),
        (True, "invalid_count"),
        (False, "invalid_count"),
        (float("inf"), "invalid_count"),
        (1e300, "invalid_count"),  # would overflow the Int64 column
        ("99999999999999999999999", "invalid_count"),
        (date(2017, 6, 1), "invalid_count"),  # not read as "1"
        (datetime(2017, 6, 1, 8), "invalid_count"),
        ("01/06/2017", "invalid_count"),
        ("3-5", "invalid_count"),  # a range is not one count
    ],
)
def test_count_rejected(raw, rule):
    value, issue = parse_count(raw)
    assert value is None
    assert (issue.rule, issue.severity) == (rule, "error")


@pytest.mark.parametrize("raw", [None, "", "   ", float("nan")])
def test_count_blank(raw):
    assert parse_count(raw) == (None, None)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "raw,expected",
    [(12.25, 12.25), (12, 12.0), ("12.25", 12.25), ("12,25", 12.25), ("-1.5", -1.5), (" 109.1 ", 109.1)],
)
def test_number_forms(raw, expected):
    assert parse_number(raw) == (pytest.approx(expected), None)


@pytest.mark.parametrize("raw", ["abc", "inf", "nan", "1e400", float("inf"), float("-inf"), True])
def test_number_rejected(raw):
    value, issue = parse_number(raw)
    assert value is None
    assert (issue.rule, issue.severity) == ("invalid_number", "error")


@pytest.mark.parametrize("raw", [None, "", " ", float("nan")])
def test_number_blank(raw):
    assert parse_number(raw) == (None, None)


# ---------------------------------------------------------------- dates

JUNE_1 = date(2017, 6, 1)


@pytest.mark.parametrize(
    "raw",
    [
        date(2017, 6, 1),
        datetime(2017, 6, 1),
        datetime(2017, 6, 1, 8, 30),
        42887,  # spreadsheet serial, origin 1899-12-30
        42887.0,
        42887.75,  # a serial with a time of day
        "42887",  # a serial that arrived as text
        "01/06/2017",
        "1/6/2017",
        "1/6/17",
        "01-06-2017",
        "01.06.2017",
        "2017-06-01",
        "2017-06-01T08:00:00",
        "2017-06-01 08:00",
        "01/06/2017 08:00",
        " 01/06/2017 ",
    ],
)
def test_date_forms(raw):
    assert parse_date(raw) == (JUNE_1, None)


def test_day_comes_first():
    assert parse_date("05/06/2017") == (date(2017, 6, 5), None)


@pytest.mark.parametrize(
    "raw", ["31/02/2017", "hôm qua", "2017-13-01", "32/01/2017", "0/0/0000", "01/06", 0, -1, 1e20, True]
)
def test_date_rejected(raw):
    value, issue = parse_date(raw)
    assert value is None
    assert (issue.rule, issue.severity) == ("invalid_date", "error")


@pytest.mark.parametrize("raw", [None, "", "  ", float("nan")])
def test_date_blank(raw):
    assert parse_date(raw) == (None, None)


WINDOW = (date(2014, 6, 2), date(2020, 6, 14))


@pytest.mark.parametrize(
    "raw,inside",
    [
        ("20/05/2107", False),
        ("01/01/2014", False),
        ("15/06/2020", False),
        (datetime(2030, 1, 1), False),
        (1, False),  # serial 1 = 31/12/1899
        ("02/06/2014", True),
        ("14/06/2020", True),
        ("20/05/2017", True),
    ],
)
def test_date_window(raw, inside):
    value, issue = parse_date(raw, WINDOW)
    if inside:
        assert value is not None and issue is None
    else:
        assert value is None
        assert (issue.rule, issue.severity) == ("date_out_of_window", "error")
        assert issue.params == {"start": "02/06/2014", "end": "14/06/2020"}


# ---------------------------------------------------------------- choices


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Trạm y tế", "Trạm y tế"),
        ("tram y te", "Trạm y tế"),
        ("TRẠM Y TẾ", "Trạm y tế"),
        ("  Trạm  y   tế ", "Trạm y tế"),
        (unicodedata.normalize("NFD", "Trạm y tế"), "Trạm y tế"),
        ("benh vien", "Bệnh viện"),
        ("Phòng tiêm dịch vụ", "Phòng tiêm dịch vụ"),
        ("khac", "Khác"),
    ],
)
def test_choice_matched_ignoring_case_and_diacritics(raw, expected):
    assert parse_choice(raw, POINT_TYPES) == (expected, None)


@pytest.mark.parametrize("raw", ["Nhà thuốc", "trạm", 5])
def test_choice_unknown(raw):
    value, issue = parse_choice(raw, POINT_TYPES)
    assert value is None
    assert (issue.rule, issue.severity) == ("invalid_choice", "error")
    assert issue.params["choices"] == " / ".join(POINT_TYPES)


def test_choice_blank():
    assert parse_choice("  ", POINT_TYPES) == (None, None)


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    "raw,expected",
    [
        (unicodedata.normalize("NFD", "Xã Cam Hải Đông"), "Xã Cam Hải Đông"),
        ("Cam\u200b Lâm", "Cam Lâm"),
        ("\ufeffNha Trang", "Nha Trang"),
        ("Khánh\u00a0\u00a0 Sơn", "Khánh Sơn"),
        ("  a \t b \n c  ", "a b c"),
        (568.0, "568"),
        (568, "568"),
        ("007", "007"),
        (12.5, "12.5"),
    ],
)
def test_text_cleaned(raw, expected):
    value, issue = parse_text(raw)
    assert issue is None
    assert value == expected
    assert unicodedata.is_normalized("NFC", value)


@pytest.mark.parametrize("raw", [None, "", "   ", "\u200b\u200b", float("nan")])
def test_text_blank(raw):
    assert parse_text(raw) == (None, None)


# ---------------------------------------------------------------- doctests


@pytest.mark.parametrize("module", [lib.textnorm, lib.views.format], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.attempted > 0, f"{module.__name__} has no doctests"
    assert result.failed == 0


@pytest.mark.parametrize(("parse", "rejected", "rule"), [
    (parse_count, 1.234, "decimal_count"),  # "1.234" typed in an en_US sheet arrives as a decimal
    (parse_count, "50%", "percent_in_count"),
    (parse_count, "12,5", "invalid_count"),
    (parse_count, "1.234,5", "invalid_count"),
])
def test_a_rejection_never_offers_the_rejected_form_as_its_example(parse, rejected, rule):
    from lib.cleaning import make_problem

    value, issue = parse(rejected)
    assert value is None and issue.rule == rule
    problem = make_problem("Cam Lâm", 5, 9, "Số cán bộ tiêm chủng", rejected, issue.severity, issue.rule, issue.params)
    for message in (problem.message_vi, problem.message_en):
        shown = str(rejected)
        # Quoted once as what was typed; never again as the form to use.
        assert message.count(shown) == 1, message
    # Every example the count messages offer is itself read without a word.
    for example in ("12", "1234"):
        assert parse_count(example) == (int(example), None)
