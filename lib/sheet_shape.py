"""Sheets as offices draw them: merged cells, and the rows that are not data rows.

District staff merge a commune over its three points, merge a totals label across the code and
the name, paste the header again between blocks, write section titles (`I. Trạm y tế`), number
the columns under the header (`(1) (2) (3)`) and add `Tổng cộng` rows. A person reads all of that
at a glance; the cleaning must too, or a totals row is counted as one more point.

`fill_merges` gives every cell of a merged area the value a person sees there (its top-left);
`non_data_row` says which rule, if any, sets a row aside. Both are pure functions of the grid.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lib.coercion import is_blank, raw_text
from lib.textnorm import clean_text

# Labels of totals and subtotals, compared on lower-case text without accents.
_TOTALS = re.compile(r"^(tong cong|tong so|tong|cong|total|subtotal|sub total|grand total|sum)\b")
_TOTALS_INITIALS = frozenset("tcsg")
# Section titles: "I. Trạm y tế", "II/ Bệnh viện", "A. Khối ...", "B) ...", or a group word.
_ENUMERATED = re.compile(r"^(?:[ivxlc]{1,6}|[a-z])\s*[.)/:-]\s+\S")
_GROUP_WORDS = re.compile(r"^(khoi|nhom|phan|tuyen|khu vuc|cum)\b")
# A column-number row under the header: "1 2 3 …", "(1) (2) (3) …", "A B C …".
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2}|[a-z])\)?$")


@dataclass(frozen=True)
class FilledCell:
    """A cell that shows the value of the merged area it lies in (not its top-left)."""

    top: tuple[int, int]  # (row, col) of the area's top-left cell, 0-based
    rows: int  # how many rows the area spans


def fill_merges(grid: list[list], merges) -> tuple[list[list], dict[tuple[int, int], FilledCell]]:
    """The grid as a person sees it: each merged area's top-left value copied to its every cell.

    `merges` are (first_row, first_col, last_row, last_col), 0-based and inclusive; areas outside
    the grid are clipped. Returns the new grid (the input is not changed; rows grow as needed)
    and, for every cell that received a copy, where the value came from.
    """
    if not merges:
        return grid, {}
    filled_grid = [list(row) for row in grid]
    filled: dict[tuple[int, int], FilledCell] = {}
    for first_row, first_col, last_row, last_col in merges:
        if first_row >= len(filled_grid) or first_row < 0 or first_col < 0:
            continue
        top_row = filled_grid[first_row]
        value = top_row[first_col] if first_col < len(top_row) else None
        if is_blank(value):
            continue
        last_row = min(last_row, len(filled_grid) - 1)
        for row in range(first_row, last_row + 1):
            cells = filled_grid[row]
            if len(cells) <= last_col:
                cells.extend([None] * (last_col + 1 - len(cells)))
            for col in range(first_col, last_col + 1):
                if (row, col) != (first_row, first_col):
                    cells[col] = value
                    filled[(row, col)] = FilledCell((first_row, first_col), last_row - first_row + 1)
    return filled_grid, filled


@lru_cache(maxsize=1 << 14)
def plain_words(text: str) -> str:
    """Lower case, no accents (đ → d), words separated by single spaces.

    >>> plain_words("  Tổng cộng toàn huyện:  Cam Lâm ")
    'tong cong toan huyen cam lam'
    """
    decomposed = unicodedata.normalize("NFD", clean_text(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def is_totals_label(cell) -> bool:
    """A cell that labels a totals or subtotals row.

    >>> [is_totals_label(x) for x in ("Tổng cộng", "Cộng:", "TỔNG SỐ", "Tổng cộng toàn huyện Cam Lâm",
    ...                                "Cộng khối bệnh viện", "Cộng Hòa", "Trạm Y tế xã Cam Tân", 12)]
    [True, True, True, True, True, True, False, False]
    """
    # Most cells are names and codes: the first letter settles them before any folding.
    return isinstance(cell, str) and cell.lstrip()[:1].lower() in _TOTALS_INITIALS \
        and bool(_TOTALS.match(plain_words(cell)))


def is_section_title(text: str) -> bool:
    """Text that titles a block of rows: an enumerated heading or a group word.

    >>> [is_section_title(x) for x in ("I. Trạm y tế", "II/ Bệnh viện", "Khối bệnh viện", "Trạm Y tế xã Cam Tân")]
    [True, True, True, False]
    """
    words = plain_words(text)
    return bool(_ENUMERATED.match(clean_text(text).lower()) or _GROUP_WORDS.match(words))


@lru_cache(maxsize=1 << 14)
def is_column_number(text: str) -> bool:
    """A column's number as offices write it under a header: 1, (1), A, (a).

    >>> [is_column_number(x) for x in ("(3)", "12", "B", "KH-570-01")]
    [True, True, True, False]
    """
    return bool(_COLUMN_NUMBER.match(clean_text(text).lower()))


def is_column_number_row(cells: list) -> bool:
    """A row that numbers the columns under the header: three or more of 1, 2, 3… or (1), (2)…, in order.

    >>> is_column_number_row(["(1)", "(2)", "(3)", "(4)"]), is_column_number_row([1, 2, 3, None, 5])
    (True, True)
    >>> is_column_number_row(["TYT-01", "Trạm", 3, 2])
    False
    """
    values = [cell for cell in cells if not is_blank(cell)]
    if len(values) < 3:
        return False
    tokens = []
    for value in values:
        match = _COLUMN_NUMBER.match(clean_text(raw_text(value)).lower())
        if not match:
            return False
        tokens.append(match.group(1))
    if all(token.isdigit() for token in tokens):
        numbers = [int(token) for token in tokens]
        return numbers == sorted(set(numbers)) and numbers[0] <= 2
    return tokens == sorted(set(tokens)) and tokens[0] in ("a", "b")
