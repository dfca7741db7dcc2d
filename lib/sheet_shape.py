"""Sheets as offices draw them: merged cells, and the rows that are not data rows.

District staff merge a commune over its three points, merge a totals label across the code and
the name, paste the header again between blocks, write section titles (`I. Trạm y tế`), number
the columns under the header (`(1) (2) (3)`) and add `Tổng cộng` rows. A person reads all of that
at a glance; the cleaning must too, or a totals row is counted as one more point.

`fill_merges` gives every cell of a merged area the value a person sees there (its top-left);
`locate_header` finds the header a person reads (one row, or two drawn as one, among title rows);
the `is_…` tests tell totals labels, section titles and column numbers. All are pure functions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from lib.coercion import is_blank, raw_text
from lib.legacy_text import decode_legacy
from lib.schema import Column, Tab, per_tab
from lib.textnorm import clean_text, fold

HEADER_SCAN_ROWS = 15  # headers may sit below a few title rows

# Labels of totals and subtotals, compared on lower-case text without accents.
# "Cộng" alone or over a group ("Cộng khối bệnh viện", "Cộng xã"), never "Cộng đồng", "Cộng Hòa",
# "Cộng tác viên"; "Tổng" alone or as "Tổng cộng" / "Tổng số", never "Tổng hợp".
_TOTALS = re.compile(r"^(tong cong|tong so|tong$|cong$|cong (khoi|xa|huyen|toan|cac|tuyen|nhom|phuong|thi tran"
                     r"|tram|diem|benh vien|tp|tx)\b|total|subtotal|sub total|grand total|sum$)")
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

    `merges` are (first_row, first_col, last_row, last_col), 0-based and inclusive; areas are
    clipped to the grid (rows, and the widest row: a title merged to column XFD costs nothing).
    Returns the new grid (the input is not changed; short rows grow as needed) and, for every cell
    that received a copy, where the value came from.
    """
    if not merges:
        return grid, {}
    width = max((len(row) for row in grid), default=0)
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
        last_col = min(last_col, width - 1)
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

    >>> plain_words("  Tổng cộng toàn huyện:  Bình Sơn ")
    'tong cong toan huyen binh son'
    """
    decomposed = unicodedata.normalize("NFD", clean_text(text).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", stripped))


def is_totals_label(cell) -> bool:
    """A cell that labels a totals or subtotals row.

    >>> [is_totals_label(x) for x in ("Tổng cộng", "Cộng:", "TỔNG SỐ", "Tổng cộng toàn huyện Bình Sơn",
    ...                                "Cộng khối bệnh viện", "Tổng:", "Total")]
    [True, True, True, True, True, True, True]
    >>> [is_totals_label(x) for x in ("Cộng Hòa", "Cộng đồng dân cư", "Cộng tác viên chưa tập huấn",
    ...                                "Tổng hợp ý kiến", "Trạm Y tế xã Đồng Tâm", 12)]
    [False, False, False, False, False, False]
    """
    # Most cells are names and codes: the first letter settles them before any folding.
    return isinstance(cell, str) and cell.lstrip()[:1].lower() in _TOTALS_INITIALS \
        and bool(_TOTALS.match(plain_words(cell)))


def is_section_title(text: str) -> bool:
    """Text that titles a block of rows: an enumerated heading or a group word.

    >>> [is_section_title(x) for x in ("I. Trạm y tế", "II/ Bệnh viện", "Khối bệnh viện", "Trạm Y tế xã Đồng Tâm")]
    [True, True, True, False]
    """
    words = plain_words(text)
    return bool(_ENUMERATED.match(clean_text(text).lower()) or _GROUP_WORDS.match(words))


@lru_cache(maxsize=1 << 14)
def is_column_number(text: str) -> bool:
    """A column's number as offices write it under a header: 1, (1), A, (a).

    >>> [is_column_number(x) for x in ("(3)", "12", "B", "BS-101-01")]
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


# ---------------------------------------------------------------- headers

@lru_cache(maxsize=None)  # asked once per header cell and column: folding anew dominated cleaning time
def header_keys(column: Column) -> frozenset[str]:
    """Every folded name a header cell may carry for `column`: its header, label, key and aliases."""
    names = (column.header_vi, column.label_en, column.key, *column.aliases)
    return frozenset({fold(_without_parentheses(name)) for name in names} | {fold(name) for name in names})


def _without_parentheses(text: str) -> str:
    depth, kept = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(ch)
    return "".join(kept)


def _header_lookup(tab: Tab) -> dict[str, tuple[int, Column]]:
    """Every folded name a header cell may carry → (position, column); the first column wins a shared name.

    Built once per tab schema (700 district tabs share the points schema's) and shared: read it, never
    change it.
    """
    def build() -> dict[str, tuple[int, Column]]:
        lookup: dict[str, tuple[int, Column]] = {}
        for position, column in enumerate(tab.columns):
            for name in header_keys(column):
                lookup.setdefault(name, (position, column))
        return lookup

    return per_tab(_LOOKUPS, tab, None, build)


_LOOKUPS: dict = {}  # see `lib.schema.per_tab`


@lru_cache(maxsize=4096)  # the same few dozen header texts come back in every district's tab
def header_candidates(text: str) -> tuple[str, ...]:
    """The folded names a header cell's text may stand for (with and without parentheses, and its
    Unicode reading when it was typed in TCVN3 or VNI).
    """
    guess = decode_legacy(text)  # a header typed in a .VnTime font names its column too
    texts = (text, guess.text) if guess is not None else (text,)
    return tuple({name for each in texts for name in (fold(each), fold(_without_parentheses(each)))})


def _match_header(cell, lookup: dict[str, tuple[int, Column]]) -> Column | None:
    if is_blank(cell):
        return None
    found = [lookup[name] for name in header_candidates(raw_text(cell)) if name in lookup]
    return min(found, key=lambda match: match[0])[1] if found else None


@dataclass
class HeaderMatch:
    """Where a tab's header is and which column each schema column sits in."""
    row_index: int  # 0-based index of the header's last row in the grid: data start below it
    columns: dict[str, int]  # column key → 0-based column index
    extras: list[tuple[int, str]]  # unknown headers
    duplicates: list[tuple[int, Column]]


def _read_header_band(rows: list[list], tab: Tab) -> HeaderMatch:
    """The columns named by a one- or two-row header band of `tab` (the lower row wins a column).

    A band of text cells is read once per tab: 700 district tabs repeat the same header, which
    each answer gets as its own copy.
    """
    lookup = _header_lookup(tab)
    # Only bands of text are remembered: 1, 1.0 and True are equal keys but different headers.
    if not all(cell is None or type(cell) is str for row in rows for cell in row):
        return _read_any_band(rows, lookup)
    key = (id(lookup), tuple(map(tuple, rows)))
    match = _BANDS.get(key)
    if match is None:
        if len(_BANDS) >= _BANDS_KEPT:
            _BANDS.clear()
        match = _BANDS[key] = _read_any_band(rows, lookup)
    return HeaderMatch(match.row_index, dict(match.columns), list(match.extras), list(match.duplicates))


_BANDS: dict[tuple[int, tuple], HeaderMatch] = {}  # (id of a tab's lookup, band's cells) → the band read
_BANDS_KEPT = 512


def _read_any_band(rows, lookup: dict[str, tuple[int, Column]]) -> HeaderMatch:
    """The columns named by a one- or two-row header band (the lower row wins a column).

    In a two-row header the upper row holds group titles ("Trang thiết bị" over "Máy tính | Máy in
    | Internet") and the headers merged down over both rows; a group title over named columns is
    not an unknown column.
    """
    width = max((len(row) for row in rows), default=0)
    columns: dict[str, int] = {}
    duplicates: list[tuple[int, Column]] = []
    extras: list[tuple[int, str]] = []
    for col_index in range(width):
        cells = [row[col_index] if col_index < len(row) else None for row in rows]
        matched = None
        for cell in reversed(cells):  # the lower row names the column; the upper one may be a group title
            matched = _match_header(cell, lookup)
            if matched is not None:
                break
        if matched is None:
            texts = [clean_text(raw_text(cell)) for cell in cells if not is_blank(cell)]
            if texts:
                extras.append((col_index, texts[-1]))  # the lowest text names the column
        elif matched.key in columns:
            if columns[matched.key] != col_index:
                duplicates.append((col_index, matched))
        else:
            columns[matched.key] = col_index
    # Group titles sit above named columns: only text over unnamed columns is unknown.
    if len(rows) > 1:
        named = set(columns.values()) | {index for index, _ in duplicates}
        extras = [(index, text) for index, text in extras if index not in named]
        extras = [(index, text) for index, text in extras if not _is_group_title(rows[0], index, named)]
    return HeaderMatch(0, columns, extras, duplicates)


def _is_group_title(upper: list, col_index: int, named: set[int]) -> bool:
    """Text in the upper row whose run of equal cells (a merged title) also covers a named column."""
    if col_index >= len(upper) or is_blank(upper[col_index]):
        return False
    text = upper[col_index]
    left = col_index
    while left - 1 >= 0 and upper[left - 1] == text:
        left -= 1
    right = col_index
    while right + 1 < len(upper) and upper[right + 1] == text:
        right += 1
    return any(index in named for index in range(left, right + 1)) and right > left


def locate_header(grid: list[list], tab: Tab) -> HeaderMatch | None:
    """The header among the first few rows: the row, or two-row band, whose cells name the most columns.

    Ties go to the single row, then to the first. Merged header cells must be filled first
    (`lib.sheet_shape.fill_merges`), as a person sees them.
    """
    scanned = grid[:HEADER_SCAN_ROWS + 1]
    singles: dict[int, HeaderMatch] = {}

    def single_at(index: int) -> HeaderMatch:  # each row read once, and only as far as the scan goes
        if index not in singles:
            singles[index] = _read_header_band([scanned[index]], tab)
            singles[index].row_index = index
        return singles[index]

    best: HeaderMatch | None = None
    best_score = 0
    for row_index in range(min(len(scanned), HEADER_SCAN_ROWS)):
        single = single_at(row_index)
        if len(single.columns) > best_score:
            best, best_score = single, len(single.columns)
        if best_score == len(tab.columns):
            break
        if row_index + 1 < len(scanned) and not row_blank(scanned[row_index]):
            band = _read_header_band(scanned[row_index:row_index + 2], tab)
            # A band must name more than either of its rows alone: a title row above the header is no band.
            if len(band.columns) > best_score and len(band.columns) > len(single_at(row_index + 1).columns):
                band.row_index = row_index + 1
                best, best_score = band, len(band.columns)
        if best_score == len(tab.columns):  # no later row can do better (ties keep the first)
            break
    # One matching cell could be a title row; ask for two unless the tab has fewer columns.
    if best is None or best_score < min(2, len(tab.columns)):
        return None
    return best


def row_blank(row: list) -> bool:
    """True when every cell of the row is blank."""
    for cell in row:  # asked of every row: a data row answers at its first cell, without a call
        if cell is not None and not is_blank(cell):
            return False
    return True
