"""Sheet conventions, in one place: how spreadsheets store dates, which dates are plausible, how a
tab is found by its title, and what each column kind lets in.

The cleaning (what is read), the workbook template and the Google set-up (what the sheet lets
in), the offline snapshot (how dates are written back) and the staff guide (how it is explained)
all take these from here, so that what the sheet accepts, what the dashboard reads and what the
guide says cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from lib import schema
from lib.schema import Kind, Tab
from lib.textnorm import fold

SERIAL_ORIGIN = date(1899, 12, 30)  # spreadsheet day 0 (Excel's 1900 leap-year bug included)
MAX_SERIAL = 2958466  # day 01/01/10000: serials at or above it are no date
DATE_FORMAT = "dd/mm/yyyy"  # Vietnamese write the day first: 05/06/2017 is 5 June
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Dates of the settings and milestones themselves, before any milestone is known.
WIDE_DATE_WINDOW = (date(1990, 1, 1), date(2100, 12, 31))
WINDOW_MARGIN_YEARS = 3  # other dates: this many years either side of the milestones


def is_serial(value) -> bool:
    """A number a spreadsheet could mean as a date (1 = 31/12/1899 … 2958465 = 31/12/9999).

    >>> is_serial(42887), is_serial(0), is_serial(True), is_serial(float("nan"))
    (True, False, False, False)
    """
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
        and 1 <= value < MAX_SERIAL


def serial_to_date(value: float) -> date:
    """The day a spreadsheet serial number means (its fraction, the time, dropped).

    >>> serial_to_date(42887)
    datetime.date(2017, 6, 1)
    """
    return SERIAL_ORIGIN + timedelta(days=int(value))


def serial_to_datetime(value: float) -> datetime:
    """The moment a serial number means, its fraction as the time of day."""
    return datetime.combine(SERIAL_ORIGIN, datetime.min.time()) + timedelta(days=float(value))


def date_to_serial(value: date) -> int:
    """The serial number of a day (a datetime's time is dropped).

    >>> date_to_serial(date(2017, 6, 1))
    42887
    """
    day = value.date() if isinstance(value, datetime) else value
    return (day - SERIAL_ORIGIN).days


def plausible_dates(deadlines: Iterable[date]) -> tuple[date, date]:
    """The dates a roll-out's sheet can hold: WINDOW_MARGIN_YEARS either side of its milestones'
    deadlines (the wide window when there are none). Outside it, a date is an error (a mistyped year).

    >>> plausible_dates([date(2017, 6, 1), date(2017, 6, 15)])
    (datetime.date(2014, 6, 2), datetime.date(2020, 6, 14))
    """
    deadlines = [d for d in deadlines if d is not None]
    if not deadlines:
        return WIDE_DATE_WINDOW
    years = timedelta(days=365 * WINDOW_MARGIN_YEARS)
    return min(deadlines) - years, max(deadlines) + years


def find_tab(titles: Iterable[str], wanted: str) -> str | None:
    """The title among `titles` that is `wanted`: exactly, else ignoring case, accents and spacing.

    >>> find_tab(["Cấu hình", "Bắc Sơn"], "bac son"), find_tab(["Bắc Sơn"], "Đồng Văn")
    ('Bắc Sơn', None)
    """
    titles = list(titles)
    if wanted in titles:
        return wanted
    folded = fold(wanted)
    return next((title for title in titles if fold(title) == folded), None)


def tab_schema(title: str) -> Tab:
    """The schema of a tab by its title (found as `find_tab` finds it); any other tab is a district's points.

    >>> tab_schema("TẬP HUẤN").key, tab_schema("Bắc Sơn").key
    ('training', 'points')
    """
    fixed = {tab.title: tab for tab in schema.FIXED_TABS}
    return fixed.get(find_tab(fixed, title), schema.POINTS)


@dataclass(frozen=True)
class CellRule:
    """What the sheet lets into a column of one kind, rendered by the template (openpyxl), the Google
    set-up and the staff guide.

    `check` is "list" (the schema's allowed values), "whole" (a whole number ≥ 0), "date" (a date in
    the plausible window) or None (anything). `strict` refuses other input; otherwise the sheet only
    warns, since the dashboard still reads "12 người" or a typed date and a refusal loses what was typed.
    """

    check: str | None
    strict: bool
    note_vi: str  # the guide's words; {values}, {start}, {end}, {years} filled by the guide
    hint_vi: str = ""  # what the sheet says when such a cell is selected, after the column's help


CELL_RULES: dict[Kind, CellRule] = {
    Kind.YES_NO: CellRule("list", True, "Ô chọn ▼: {values}; giá trị khác bị từ chối.", "Chọn Có hoặc Không."),
    Kind.CHOICE: CellRule("list", True, "Ô chọn ▼: {values}; giá trị khác bị từ chối.", "Chọn trong danh sách."),
    Kind.COUNT: CellRule("whole", False, "Số nguyên ≥ 0; nhập khác sẽ có tam giác đỏ cảnh báo ở góc ô.",
                         "Số nguyên, không âm."),
    Kind.DATE: CellRule("date", False, "Ngày dd/mm/yyyy, từ {start} đến {end} ({years} năm trước và sau các mốc); "
                                       "ngoài khoảng này có cảnh báo, và bảng điều khiển báo lỗi.",
                        "Ngày dạng dd/mm/yyyy."),
    Kind.CODE: CellRule(None, False, "Mã, giữ nguyên dạng chữ (số 0 ở đầu không mất)."),
    Kind.NUMBER: CellRule(None, False, "Số thập phân, dấu phẩy hoặc chấm."),
    Kind.TEXT: CellRule(None, False, "Chữ tự do."),
}


def cell_prompt_vi(column) -> str:
    """What the sheet shows when a cell of `column` (a `lib.schema.Column`) is selected: the column's
    help and what it takes; the template and the Google set-up both show it (at most 250 characters)."""
    return f"{column.help_vi} {CELL_RULES[column.kind].hint_vi}".strip()[:250]
