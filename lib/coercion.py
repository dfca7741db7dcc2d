"""Reading one cell the way district staff type it: yes/no, counts, numbers, dates, choices.

Each parser returns `(value, issue)`: the typed value (None when blank or unreadable) and, when
the cell needs a word to the user, a `CellIssue` naming the rule. Blank is never an issue here:
whether a blank is allowed is the schema's business, not the cell's.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import NamedTuple

from lib.conventions import is_serial, serial_to_date
from lib.textnorm import clean_text, fold


class CellIssue(NamedTuple):
    """Why a cell needs a word to the user: the rule (a `problem.<rule>` key), its severity, its parameters."""
    rule: str
    severity: str  # "error" | "warning" | "info"
    params: dict


def is_blank(raw) -> bool:
    """True for None, NaN, and text that is empty once invisible characters and spaces are removed."""
    return raw is None or (isinstance(raw, float) and math.isnan(raw)) or (
        isinstance(raw, str) and clean_text(raw) == ""
    )


def raw_text(raw) -> str:
    """How a raw cell is quoted back to the user."""
    if raw is None:
        return ""
    if isinstance(raw, datetime):
        return raw.strftime("%d/%m/%Y %H:%M") if (raw.hour, raw.minute) != (0, 0) else raw.strftime("%d/%m/%Y")
    if isinstance(raw, date):
        return raw.strftime("%d/%m/%Y")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw)


# What a spreadsheet shows in a cell whose formula failed: Excel's and Google's codes, LibreOffice's "Err:502".
FORMULA_ERRORS = frozenset({"#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                            "#ERROR!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
_LIBREOFFICE_ERROR = re.compile(r"^Err:\d{3}$")


def formula_error(raw) -> str | None:
    """The formula error a cell shows ("#REF!"), or None.

    >>> formula_error("#DIV/0!"), formula_error(" #n/a "), formula_error("Err:502"), formula_error("N/A")
    ('#DIV/0!', '#N/A', 'Err:502', None)
    """
    if not isinstance(raw, str) or not raw or len(raw) > 16:
        return None
    text = raw.strip()
    if text.upper() in FORMULA_ERRORS:
        return text.upper()
    return text if _LIBREOFFICE_ERROR.match(text) else None


def date_cell_text(raw) -> str:
    """How a date column's cell is quoted back: a serial number (Google's dates) as the date it means."""
    if is_serial(raw):
        return serial_to_date(raw).strftime("%d/%m/%Y")
    return raw_text(raw)


def parse_text(raw) -> tuple[str | None, CellIssue | None]:
    """Text as typed, cleaned (NFC, spaces collapsed); a whole float (a code typed as a number) loses its ".0".

    Returns (str | None, None): text is never an issue here.
    """
    if is_blank(raw):
        return None, None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a code typed as a number: 101.0 → "101"
    return clean_text(raw_text(raw)), None


_YES = {fold(word) for word in ("có", "c", "x", "1", "true", "yes", "y", "rồi", "đã có", "ok", "đạt")}
_NO = {fold(word) for word in ("không", "k", "ko", "kh", "0", "false", "no", "n", "chưa", "chưa có")}
# Symbols fold to "", so they are compared before folding, and only here: in the word sets a
# symbol would put "" there, and every punctuation-only cell ("?", "…") would read as Có.
_YES_SYMBOLS = {"✓", "✔", "☑", "✅"}
_NO_SYMBOLS = {"✗", "✘", "☐", "❌", "-"}


def parse_yes_no(raw) -> tuple[bool | None, CellIssue | None]:
    """Có/Không as typed by staff (words, 1/0, booleans, ✓/✗) → (bool | None, issue).

    An unreadable cell is (None, invalid_yes_no error).
    """
    if is_blank(raw):
        return None, None
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw), None
    text = clean_text(raw_text(raw))
    if text in _YES_SYMBOLS:
        return True, None
    if text in _NO_SYMBOLS:
        return False, None
    folded = fold(text)
    if folded in _YES:
        return True, None
    if folded in _NO:
        return False, None
    return None, CellIssue("invalid_yes_no", "error", {})


# "1.234" / "1,234" / "1 234" are thousands; a lone separator followed by 1-2 digits is a decimal.
_GROUPED = re.compile(r"^-?\d{1,3}([.,\s\u00a0]\d{3})+$")
_LEADING_NUMBER = re.compile(r"^(-?\d[\d.,\s\u00a0]*)(.*)$")
_THREE_DECIMALS = re.compile(r"^\d{1,3}\.\d{3}$")
MAX_COUNT = 2**53  # beyond exact floats and safe Int64 sums: no one counted that many


def parse_count(raw) -> tuple[int | None, CellIssue | None]:
    """A whole number ≥ 0 (people, children, points) → (int | None, issue).

    Reads 12, 12.0, "1.234" / "1,234" / "1 234" (thousands), "12 người" (12, with an info). Errors:
    negative_count, percent_in_count ("50%"), decimal_count (1.234 stored as a decimal), invalid_count.
    """
    if is_blank(raw):
        return None, None
    if isinstance(raw, (bool, date)):  # a date cell would otherwise read as its day, "01/06" → 1
        return None, CellIssue("invalid_count", "error", {})
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not raw.is_integer():
            # 1.234 stored as a decimal: "1.234" typed as thousands in a sheet whose locale reads "." as a decimal point.
            rule = "decimal_count" if math.isfinite(raw) and _THREE_DECIMALS.match(repr(raw)) else "invalid_count"
            return None, CellIssue(rule, "error", {})
        number = int(raw)
        if number < 0:
            return None, CellIssue("negative_count", "error", {})
        if number > MAX_COUNT:
            return None, CellIssue("invalid_count", "error", {})
        return number, None
    text = clean_text(raw_text(raw)).replace("−", "-")
    match = _LEADING_NUMBER.match(text)
    if not match:
        return None, CellIssue("invalid_count", "error", {})
    digits, rest = match.group(1).strip(), match.group(2).strip()
    if rest.startswith("%"):  # "50%" is a share, never a count of people
        return None, CellIssue("percent_in_count", "error", {})
    if _GROUPED.match(digits):
        number = int(re.sub(r"[.,\s\u00a0]", "", digits))
    elif re.fullmatch(r"-?\d+", digits):
        number = int(digits)
    elif re.fullmatch(r"-?\d+[.,]0+", digits):
        number = int(re.split(r"[.,]", digits)[0])
    else:
        return None, CellIssue("invalid_count", "error", {})
    if number < 0:
        return None, CellIssue("negative_count", "error", {})
    if number > MAX_COUNT or re.search(r"\d", rest):  # "01/06/2017", "3-5": not one count
        return None, CellIssue("invalid_count", "error", {})
    if rest:
        # "12 người" is 12, said as information so a stray word is seen but costs nothing.
        return number, CellIssue("count_with_text", "info", {"number": number})
    return number, None


def parse_number(raw) -> tuple[float | None, CellIssue | None]:
    """A decimal number (coordinates in degrees) → (float | None, issue); a comma is a decimal point.

    Errors: invalid_number (text, a boolean, infinity or NaN).
    """
    if is_blank(raw):
        return None, None
    if isinstance(raw, bool):
        return None, CellIssue("invalid_number", "error", {})
    if isinstance(raw, (int, float)):
        return (float(raw), None) if math.isfinite(raw) else (None, CellIssue("invalid_number", "error", {}))
    text = clean_text(raw_text(raw)).replace("−", "-").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None, CellIssue("invalid_number", "error", {})
    if not math.isfinite(number):
        return None, CellIssue("invalid_number", "error", {})
    return number, None


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY_TIME = re.compile(r"^(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s+\d{1,2}:\d{2}(?::\d{2})?$")


def parse_date(raw, window: tuple[date, date] | None = None) -> tuple[date | None, CellIssue | None]:
    """A date from a date cell, a serial number, dd/mm/yyyy, d/m/yy or ISO text.

    Day first always: Vietnamese write 05/06/2017 for 5 June.
    """
    if is_blank(raw):
        return None, None
    if isinstance(raw, bool):
        return None, CellIssue("invalid_date", "error", {})
    if isinstance(raw, datetime):
        value = raw.date()
    elif isinstance(raw, date):
        value = raw
    elif isinstance(raw, (int, float)):
        if not is_serial(raw):
            return None, CellIssue("invalid_date", "error", {})
        value = serial_to_date(raw)
    else:
        value = _parse_date_text(clean_text(raw_text(raw)))
        if value is None:
            return None, CellIssue("invalid_date", "error", {})
    if window and not window[0] <= value <= window[1]:
        return None, CellIssue("date_out_of_window", "error", {
            "start": window[0].strftime("%d/%m/%Y"), "end": window[1].strftime("%d/%m/%Y")})
    return value, None


def _parse_date_text(text: str) -> date | None:
    with_time = _DMY_TIME.match(text)
    if with_time:
        text = with_time.group(1)
    try:
        iso = _ISO.match(text)
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        dmy = _DMY.match(text)
        if dmy:
            day, month, year = int(dmy.group(1)), int(dmy.group(2)), dmy.group(3)
            full_year = int(year) if len(year) == 4 else 2000 + int(year)
            return date(full_year, month, day)
    except ValueError:  # 31/02/2017
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial number that arrived as text
        return serial_to_date(float(text))
    return None


def parse_choice(raw, choices: tuple[str, ...]) -> tuple[str | None, CellIssue | None]:
    """One of `choices`, compared ignoring case, accents and spacing → (the choice as the schema spells it, issue).

    Errors: invalid_choice (its parameters list the choices).
    """
    if is_blank(raw):
        return None, None
    folded = fold(raw_text(raw))
    for choice in choices:
        if fold(choice) == folded:
            return choice, None
    return None, CellIssue("invalid_choice", "error", {"choices": " / ".join(choices)})
