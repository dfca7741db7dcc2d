"""The one path from raw grids to typed tables plus located problems.

Every source (workbook, Google Sheet) yields a `RawWorkbook`; `clean_workbook` turns it into a
`Dataset`. Nothing is lost: every non-blank row under a header is either kept in a table or set
aside with a problem, and `Dataset.summary` says rows read = rows kept + rows set aside.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import chain, compress, cycle, repeat
from operator import and_, itemgetter, ne, not_

import pandas as pd
import pyarrow as pa
from openpyxl.utils import get_column_letter

from lib import schema
from lib.coercion import (
    date_cell_text,
    formula_error,
    is_blank,
    parse_choice,
    parse_count,
    parse_date,
    parse_number,
    parse_text,
    parse_yes_no,
    raw_text,
)
from lib.conventions import WIDE_DATE_WINDOW, find_tab, plausible_dates
from lib.geography import Geography, UnitIndex, fold_unit_name, match_unit, suggest_unit
from lib.i18n import Message, Translated
from lib.schema import Column, Kind, Tab, per_tab
from lib.legacy_text import convert_legacy, decode_legacy
from lib.sheet_shape import (
    HeaderMatch,
    fill_merges,
    header_keys,
    is_column_number,
    is_column_number_row,
    is_section_title,
    is_totals_label,
    locate_header,
    row_blank,
)
from lib.sources import RawWorkbook, TabLayout
from lib.textnorm import clean_text, fold

LEGACY_ENCODINGS = ("TCVN3", "VNI")
_ANSWER_KINDS = (Kind.YES_NO, Kind.CHOICE)  # columns of known answers: a one-word legacy answer is tried
SHOWN_VALUE_CHARS = 60  # raw values are quoted in messages up to this length


@dataclass(frozen=True)
class Problem(Translated):
    """One thing the cleaning found, at its cell, with its message as a key and parameters.

    The message is `lib.i18n` key `problem.<rule>`, translated when shown (`message(lang)`).
    """

    tab: str
    cell: str  # "Bình Sơn!H12"; the tab name alone for a tab-level problem
    row: int | None  # sheet row number (1-based)
    column: str | None  # the column's Vietnamese header
    value: str  # the raw cell as typed
    severity: str  # "error" | "warning" | "info"
    rule: str
    params: tuple[tuple[str, object], ...] = ()  # the message's own parameters (besides tab, column, value)
    district_code: str | None = None

    @property
    def text(self) -> Message:
        """The message, untranslated."""
        return Message(f"problem.{self.rule}", (("tab", self.tab), ("column", self.column or ""),
                                                ("value", _shown(self.value)), *self.params))

    def as_dict(self) -> dict:
        """The problem for JSON (`python -m lib validate --json`): its fields and its message in both languages."""
        fields = {name: value for name, value in self.__dict__.items() if name != "params"}
        return {**fields, "message_vi": self.message_vi, "message_en": self.message_en}


@dataclass(frozen=True)
class TabSummary:
    """Row accounting of one tab: rows read (non-blank, under the header) = rows kept + rows set aside."""
    tab: str
    kind: str  # schema tab key
    rows_read: int
    rows_kept: int
    rows_set_aside: int


@dataclass
class Dataset:
    """The sheet after cleaning: typed tables, the problems found, and row accounting."""

    province: str
    as_of: date | None  # from the sheet; None = the caller decides (today)
    milestones: pd.DataFrame
    districts: pd.DataFrame
    points: pd.DataFrame
    training: pd.DataFrame
    difficulties: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    summary: list[TabSummary] = field(default_factory=list)
    order_number: str | None = None  # the order the report cites (Cấu hình); None = not given
    order_date: date | None = None

    def totals(self) -> dict[str, int]:
        """Rows read, kept and set aside over every tab."""
        return {
            "rows_read": sum(s.rows_read for s in self.summary),
            "rows_kept": sum(s.rows_kept for s in self.summary),
            "rows_set_aside": sum(s.rows_set_aside for s in self.summary),
        }

    def problem_counts(self) -> dict[str, int]:
        """How many problems of each severity: {"error": n, "warning": n, "info": n}."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for problem in self.problems:
            counts[problem.severity] += 1
        return counts


# ---------------------------------------------------------------- problems

def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE_CHARS else value[: SHOWN_VALUE_CHARS - 1] + "…"


def make_problem(tab: str, row: int | None, col_index: int | None, column: str | None, raw, severity: str,
                 rule: str, params: dict | None = None, district_code: str | None = None) -> Problem:
    """A problem at `tab`!<col><row>; its message is translated when shown."""
    value = raw_text(raw) if not isinstance(raw, str) else raw
    cell = tab if row is None else f"{tab}!{get_column_letter(col_index + 1) if col_index is not None else ''}{row}"
    params = dict(params or {})
    if "suggestion" in params:
        name = params["suggestion"]
        params["suggestion"] = Message.of("problem.suggestion", name=name) if name else ""
    return Problem(tab, cell, row, column, value, severity, rule, tuple(params.items()), district_code)


# ---------------------------------------------------------------- rows

@dataclass
class ParsedRow:
    """One data row after its cells were parsed: typed values, raw cells and where each column sits."""
    row: int  # sheet row number
    values: dict  # column key → typed value (None = blank/unreadable)
    raw: dict  # column key → raw cell
    col_index: dict  # column key → 0-based column index


# How each kind of column is read: (raw, *its context) → (value, issue); see `_context`.
_KIND_PARSERS = {Kind.TEXT: parse_text, Kind.CODE: parse_text, Kind.COUNT: parse_count, Kind.NUMBER: parse_number,
                 Kind.DATE: parse_date, Kind.YES_NO: parse_yes_no, Kind.CHOICE: parse_choice}
# The cell parsers are pure, and a sheet repeats the same few values ("Có", "Không", counts,
# dates) in every tab: remembering each answer halves cleaning at country scale. `typed`
# keeps True apart from 1 and 1.0; the issues returned are shared and never changed.
_MEMO = 1 << 16
_REMEMBERED = {parse: lru_cache(maxsize=_MEMO, typed=True)(parse) for parse in dict.fromkeys(_KIND_PARSERS.values())}


@dataclass(frozen=True)
class _TabFacts:
    """What read_rows asks of a tab's schema, worked out once per schema instead of once per tab read."""
    required: tuple[Column, ...]
    optional: tuple[Column, ...]
    figures: tuple[str, ...]  # count and number columns: a merged figure is counted once
    counts_totals: bool  # the tab has counts, so totals rows
    text_identity: list[str]  # identity columns of text: a formula error there identifies nothing
    headers: dict[str, str]  # column key → Vietnamese header


def _facts(tab: Tab) -> _TabFacts:
    return per_tab(_FACTS, tab, None, lambda: _TabFacts(
        tuple(c for c in tab.columns if c.required), tuple(c for c in tab.columns if not c.required),
        tuple(c.key for c in tab.columns if c.kind in (Kind.COUNT, Kind.NUMBER)),
        any(c.kind == Kind.COUNT for c in tab.columns),
        [key for key in tab.identity if tab.column(key).kind in (Kind.TEXT, Kind.CODE)],
        {c.key: c.header_vi for c in tab.columns}))


def _parsers(tab: Tab, window: tuple[date, date]) -> list:
    """`_parser` of each column of `tab`, chosen once per tab schema and window."""
    return per_tab(_PARSERS, tab, window, lambda: [_parser(column, window) for column in tab.columns])


_FACTS: dict = {}  # these three: see `lib.schema.per_tab`
_PARSERS: dict = {}
_TAB_MODES: dict = {}


def _context(column: Column, window: tuple[date, date]) -> tuple:
    """What the parser of `column` takes after the cell: a date's plausible window, a choice's choices."""
    return (window,) if column.kind == Kind.DATE else (column.choices,) if column.kind == Kind.CHOICE else ()


def _parser(column: Column, window: tuple[date, date]):
    """The function that reads one cell of `column`: raw → (value, issue), its answers remembered."""
    parse, context = _REMEMBERED[_KIND_PARSERS[column.kind]], _context(column, window)
    return (lambda raw: parse(raw, *context)) if context else parse


class TabReader:
    """Reads one tab: header, then each row's cells, collecting problems and row accounting.

    The tab is read as a person sees it: merged areas filled (`lib.sheet_shape.fill_merges`),
    totals, repeated headers, section titles and column-number rows set aside with an info,
    hidden rows and formulas without a result or with an error reported at their cell.
    """

    def __init__(self, title: str, grid: list[list], tab: Tab, window: tuple[date, date],
                 problems: list[Problem], district_code: str | None = None, layout: TabLayout | None = None):
        self.title, self.grid, self.tab, self.window = title, grid, tab, window
        self.problems, self.district_code = problems, district_code
        self.layout = layout or TabLayout()
        self.rows_read = 0
        self.rows_set_aside = 0

    def problem(self, row, col_index, column, raw, severity, rule, params=None):
        """Report a problem of this tab at (`row`, `col_index`), both 1-based row and 0-based column."""
        self.problems.append(make_problem(self.title, row, col_index, column, raw, severity, rule, params,
                                          self.district_code))

    def read(self) -> list[ParsedRow]:
        """The tab's data rows, parsed, one `ParsedRow` each (see `read_rows`)."""
        return self.read_rows().parsed_rows()

    def read_rows(self) -> TabRows:
        """The tab's data rows, parsed, column by column; every other row read is counted as set aside,
        with its reason."""
        layout = self.layout
        if layout.hidden:
            self.problem(None, None, None, "", "warning", "hidden_tab")
        grid, filled = fill_merges(self.grid, layout.merges)
        header = locate_header(grid, self.tab)
        if header is None:
            body = [row for row in grid if not row_blank(row)]
            self.rows_read = self.rows_set_aside = len(body)
            self.problem(None, None, None, "", "error", "header_not_found", {"rows": len(body)})
            return TabRows.empty(self.tab)
        # A row whose first cell is text (a code, most rows) is not blank: asked without a call.
        body = [(number, row) for number, row in enumerate(grid[header.row_index + 1:], header.row_index + 2)
                if (row and type(row[0]) is str and clean_text(row[0])) or not row_blank(row)]
        if filled:  # a spacer row that only shows a value merged down over it (a commune over its points) is blank
            body = [(number, row) for number, row in body
                    if not all(is_blank(cell) or (number - 1, index) in filled for index, cell in enumerate(row))]
        self.rows_read = len(body)
        header_row = header.row_index + 1
        for col_index, text in header.extras:
            self.problem(header_row, col_index, None, text, "info", "extra_column")
        for col_index, column in header.duplicates:
            self.problem(header_row, col_index, column.header_vi, column.header_vi, "warning", "duplicate_column")
        facts = _facts(self.tab)
        missing = [c for c in facts.required if c.key not in header.columns]
        if missing:
            for column in missing:
                self.problem(None, None, column.header_vi, "", "error", "missing_column", {"rows": len(body)})
            self.rows_set_aside = len(body)
            return TabRows.empty(self.tab)
        for column in facts.optional:
            if column.key not in header.columns:
                self.problem(None, None, column.header_vi, "", "info", "missing_optional_column")
        # A figure merged over several cells (down the rows, or across two count columns) is counted
        # once, at its top-left cell; how many cells it covers is said there.
        figure_at = {header.columns[key] for key in facts.figures if key in header.columns}
        self._figure_at = figure_at
        merge_tops: dict[tuple[int, int], int] = {}
        for position, cell in filled.items():
            if position[1] in figure_at and cell.top[1] in figure_at:
                merge_tops[cell.top] = merge_tops.get(cell.top, 1) + 1
        named = set(header.columns.values()) | {index for index, _ in header.extras} \
            | {index for index, _ in header.duplicates}
        unnamed: dict[int, int] = {}  # column → values found under no header
        width = max(map(len, map(itemgetter(1), body)), default=0)
        unnamed_positions = [index for index in range(width) if index not in named]

        def count_unnamed(row: list) -> None:
            for col_index in unnamed_positions:
                if col_index < len(row) and not is_blank(row[col_index]):
                    unnamed[col_index] = unnamed.get(col_index, 0) + 1

        kept: list[int] = []  # the position in `body` of each row kept (a row read cell by cell is written back)
        block_start = 0  # the first row kept since the last totals row
        plain = not (layout.uncalculated or filled)  # no cell of this tab needs more than its parser
        self._identity_at = [header.columns.get(key) for key in self.tab.identity]
        # Totals rows add up counts: a tab without counts (the difficulties) has none to set aside.
        self._counts_totals = facts.counts_totals
        text_identity = facts.text_identity
        raws_by_key, values_by_key, plain_rows = self._plain_rows(body, header, filled, merge_tops, text_identity)
        if not all(plain_rows):
            headers_at = {index: facts.headers[key] for key, index in header.columns.items()}
            # Chosen once per tab, not once per cell: at country scale cells number in the hundreds of thousands.
            readers = [(column, header.columns.get(column.key), parse)
                       for column, parse in zip(self.tab.columns, _parsers(self.tab, self.window))]
        plain_since = 0  # plain rows since the last row read cell by cell
        # Plain rows (see `_plain_rows`) have nothing to report: only the others are read one by one.
        for position in [*compress(range(len(body)), map(not_, plain_rows)), len(body)]:
            kept.extend(range(plain_since, position))
            if unnamed_positions:
                for _, row in body[plain_since:position]:
                    count_unnamed(row)
            plain_since = position + 1
            if position == len(body):
                break
            number, row = body[position]
            set_aside = self._non_data_row(row, header)
            if set_aside is not None:
                rule, col_index, shown = set_aside
                self.problem(number, col_index, headers_at.get(col_index), shown, "info", rule)
                self.rows_set_aside += 1
                if rule == "totals_row":
                    self._check_totals(number, row, header, kept[block_start:], kept, values_by_key)
                    block_start = len(kept)
                continue
            if number - 1 in layout.hidden_rows:
                self.problem(number, 0, None, "", "warning", "hidden_row")  # the row, named by its first cell
            count_unnamed(row)
            values, raws = {}, {}
            for column, index, parse in readers:
                raw = row[index] if index is not None and index < len(row) else None
                raws[column.key] = raw
                if plain and values_by_key[column.key][position] is not _UNPLAIN:
                    values[column.key] = values_by_key[column.key][position]  # read in bulk: nothing to say
                    continue
                # Most cells are a number, a date, a blank or plain text: their parser alone reads them.
                if plain and (not isinstance(raw, str) or _text_cell(raw) is None):
                    value, issue = parse(raw)
                    if issue and isinstance(raw, str) and column.kind in _ANSWER_KINDS:
                        value = self._cell(number, index, column, raw, parse, filled, merge_tops)
                    elif issue:
                        self._report(number, index, column, raw, issue)
                    values[column.key] = value
                else:
                    values[column.key] = self._cell(number, index, column, raw, parse, filled, merge_tops)
            blank_identity = [key for key in self.tab.identity if is_blank(raws[key])]
            # A name or code that is a formula error (reported at its cell) identifies nothing either.
            unusable_identity = [key for key in text_identity if values[key] is None]
            if blank_identity or unusable_identity:
                for key in blank_identity:
                    column = self.tab.column(key)
                    self.problem(number, header.columns.get(key), column.header_vi, "", "error", "missing_required")
                self.rows_set_aside += 1
                continue
            for column in self.tab.columns:
                if column.required and column.key not in self.tab.identity and is_blank(raws[column.key]):
                    self.problem(number, header.columns.get(column.key), column.header_vi, "", "warning",
                                 "missing_value")
            for key, value in values.items():
                values_by_key[key][position] = value
                raws_by_key[key][position] = raws[key]
            kept.append(position)
        for col_index, count in sorted(unnamed.items()):
            self.problem(header_row, col_index, None, "", "warning", "unnamed_column", {"rows": count})
        return TabRows.gather(kept, [number for number, _ in body], values_by_key, raws_by_key, header.columns)

    def _plain_rows(self, body: list[tuple[int, list]], header: HeaderMatch, filled, merge_tops,
                    text_identity: list[str]) -> tuple[dict[str, list], dict[str, list], list[bool]]:
        """Every schema column's raw cells and values, and which rows are plain: data rows
        (`_non_data_row` would let them go at once) that are not hidden, whose cells each parser reads
        without an issue, with every identity and required cell given. A plain row has nothing to
        report; every other row is read cell by cell.

        The body is read as one run of cells (a tab has a few dozen rows, so per-column steps would
        cost more than the cells), each through a remembered reader: a value typed again is read once.
        """
        columns = self.tab.columns
        width = len(columns)
        at = [header.columns.get(column.key) for column in columns]
        rows = [row for _, row in body]
        reach = max(header.columns.values(), default=-1) + 1
        if None in at:  # a column the header lacks reads as blank: point it past every row's cells, at a None
            beyond = max(reach, max(map(len, rows), default=0))
            at = [beyond if index is None else index for index in at]
            reach = beyond + 1
        rows = [row if len(row) >= reach else [*row, *[None] * (reach - len(row))] for row in rows]
        cells = list(chain.from_iterable(map(itemgetter(*at), rows))) if width > 1 \
            else list(map(itemgetter(at[0]), rows))
        values = _read_cells(self._modes(text_identity), cells)
        plain = [True] * len(rows)
        start = 0
        while True:  # few cells need a word: they are looked for (in C), not every cell visited
            try:
                unplain = values.index(_UNPLAIN, start)
            except ValueError:
                break
            plain[unplain // width] = False
            start = (unplain // width + 1) * width  # the row is settled: on to the next one
        raws_by_key = {column.key: cells[j::width] for j, column in enumerate(columns)}
        values_by_key = {column.key: values[j::width] for j, column in enumerate(columns)}
        identity = [raws_by_key[key] for key in self.tab.identity]
        if len(identity) == 2:  # both given (each cell's reading checked it): the second differs from the first
            plain = list(map(and_, plain, map(ne, identity[1], identity[0])))
        elif len(identity) > 2:
            plain = [ok and any(not is_blank(cell) and cell != first for cell in others)
                     for ok, (first, *others) in zip(plain, zip(*identity))]
        else:  # one identity column: some other cell of the row differs from it
            plain = [ok and any(not is_blank(cell) and cell != first for cell in row)
                     for ok, first, (_, row) in zip(plain, identity[0], body)]
        special = {row for row, _ in self.layout.uncalculated} | {row for row, _ in filled} \
            | {row for row, _ in merge_tops} | self.layout.hidden_rows
        if special:
            plain = [ok and number - 1 not in special for ok, (number, _) in zip(plain, body)]
        return raws_by_key, values_by_key, plain

    def _modes(self, text_identity: list[str]) -> list[int]:
        """How `_read_plainly` reads each schema column of this tab, by number (see `_PLAIN_MODES`)."""
        tab, window = self.tab, self.window
        return per_tab(_TAB_MODES, tab, window,
                       lambda: [_plain_mode(tab, column, window, text_identity) for column in tab.columns])

    def _check_totals(self, number: int, row: list, header: HeaderMatch, block: list[int], kept: list[int],
                      values_by_key: dict[str, list]) -> None:
        """A totals row that disagrees with the points above it (its block, or all of them) is said:
        a point may be missing, set aside or mistyped. The dashboard counts the points, never the total.

        `block` and `kept` are positions of rows kept in the columns of `values_by_key`."""
        for column in self.tab.columns:
            index = header.columns.get(column.key)
            if column.kind != Kind.COUNT or index is None or index >= len(row) or (number - 1, index) in \
                    self.layout.uncalculated:
                continue
            total, issue = parse_count(row[index])
            if total is None or issue is not None:
                continue
            plain = values_by_key[column.key]
            sums = [sum(plain[at] or 0 for at in rows) for rows in (block, kept)]
            if total not in sums:
                self.problem(number, index, column.header_vi, row[index], "warning", "totals_mismatch",
                             {"total": total, "sum": sums[0]})

    def _cell(self, number: int, index: int | None, column: Column, raw, parse, filled, merge_tops):
        """One cell's typed value (None when blank or unusable), its problems reported at the cell."""
        if index is None:
            return None
        position = (number - 1, index)
        if position in self.layout.uncalculated:
            self.problem(number, index, column.header_vi, "", "error", "formula_not_calculated")
            return None
        if isinstance(raw, str):
            error, guess = _text_cell(raw) or (None, None)
            if error:
                self.problem(number, index, column.header_vi, error, "error", "formula_error")
                return None
            if guess is not None:
                self.problem(number, index, column.header_vi, raw, "info" if guess.certain else "warning",
                             "legacy_encoding" if guess.certain else "legacy_encoding_uncertain",
                             {"encoding": guess.encoding, "text": _shown(guess.text)})
                raw = guess.text
        if column.kind in (Kind.COUNT, Kind.NUMBER):
            if position in filled and filled[position].top[1] in self._figure_at:
                return None  # the copy of a merged figure: counted once, at the top-left (reported there)
            if position in merge_tops:
                self.problem(number, index, column.header_vi, raw, "error", "merged_count",
                             {"cells": merge_tops[position]})
        value, issue = parse(raw)
        if issue and isinstance(raw, str) and column.kind in _ANSWER_KINDS:
            # One short word ("Cã" is Có in TCVN3) is also a Vietnamese word, so it is not converted on
            # sight; in a column of known answers, an answer it becomes is what the person typed.
            for encoding in LEGACY_ENCODINGS:
                converted = convert_legacy(raw, encoding)
                answer, converted_issue = parse(converted) if converted != raw else (None, issue)
                if converted_issue is None:
                    self.problem(number, index, column.header_vi, raw, "warning", "legacy_encoding_uncertain",
                                 {"encoding": encoding, "text": _shown(converted)})
                    return answer
        if issue:
            self._report(number, index, column, raw, issue)
        return value

    def _report(self, number: int, index: int | None, column: Column, raw, issue) -> None:
        shown = date_cell_text(raw) if column.kind == Kind.DATE else raw
        self.problem(number, index, column.header_vi, shown, issue.severity, issue.rule, issue.params)

    def _non_data_row(self, row: list, header: HeaderMatch) -> tuple[str, int, str] | None:
        """(rule, column, text shown) when the row is not a data row: the header pasted again, a totals
        row, a section title or the column-numbers row; None for a data row.

        Asked of every row, so a data row is let go early: its code is a code, its cells differ.
        """
        identity = [row[index] if index is not None and index < len(row) else None for index in self._identity_at]
        first = identity[0]
        if not is_blank(first) and not _may_mark_a_row(first) \
                and not any(isinstance(cell, str) and _may_mark_text(cell) for cell in identity[1:]) \
                and any(not is_blank(cell) and cell != first for cell in identity[1:] or row):
            # A real first identity (a code, a date) beside other values: a data row, or the header pasted again.
            pasted = isinstance(first, str) and fold(first) in header_keys(self.tab.column(self.tab.identity[0]))
            return ("repeated_header", 0, "") if pasted and self._repeats_header(row, header) else None
        cells = [(index, cell) for index, cell in enumerate(row) if not is_blank(cell)]
        if not cells:
            return None
        if self._repeats_header(row, header):
            return "repeated_header", cells[0][0], ""
        totals = self._totals_label(row, identity, cells) if self._counts_totals else None
        if totals is not None:
            return "totals_row", totals[0], clean_text(totals[1])
        first = cells[0][1]
        if isinstance(first, str) and all(cell == first for _, cell in cells):  # one text, or one merged across
            title = clean_text(first)
            if all(is_blank(cell) or cell == first for cell in identity) and (is_section_title(title) or len(cells) >= 3):
                return "section_row", cells[0][0], title
        if is_column_number_row(row):
            return "column_numbers_row", cells[0][0], " ".join(clean_text(raw_text(cell)) for _, cell in cells[:6])
        return None

    def _totals_label(self, row: list, identity: list, cells: list) -> tuple[int, str] | None:
        """(column, label) of a totals row: the label in the code (whatever the name says), in another
        identity cell beside only blanks and numbers (a row number), or elsewhere beside a blank identity."""
        labelled = [(index, row[index]) for index in self._identity_at
                    if index is not None and index < len(row) and is_totals_label(row[index])]
        if labelled and labelled[0][0] == self._identity_at[0]:
            return labelled[0]
        if labelled and all(is_blank(cell) or is_totals_label(cell) or (isinstance(cell, (int, float))
                                                                         and not isinstance(cell, bool))
                            for cell in identity):
            return labelled[0]
        if all(is_blank(cell) for cell in identity):
            return next(((index, cell) for index, cell in cells if is_totals_label(cell)), None)
        return None

    def _repeats_header(self, row: list, header: HeaderMatch) -> bool:
        """The header pasted again: two or more cells name their own column (the first identity one among them)."""
        named = 0
        for key in (self.tab.identity[0], *[k for k in header.columns if k != self.tab.identity[0]]):
            index = header.columns.get(key)
            cell = row[index] if index is not None and index < len(row) else None
            if isinstance(cell, str) and fold(cell) in header_keys(self.tab.column(key)):
                named += 1
            elif key == self.tab.identity[0]:
                return False  # a pasted header always names the code (or date) column
            if named >= min(2, len(self.tab.columns)):
                return True
        return False

    def set_aside(self) -> None:
        """Count a row read as set aside (a later check refused it)."""
        self.rows_set_aside += 1

    def summary(self) -> TabSummary:
        """This tab's row accounting."""
        return TabSummary(self.title, self.tab.key, self.rows_read, self.rows_read - self.rows_set_aside,
                          self.rows_set_aside)


def _may_mark_a_row(cell) -> bool:
    """A first identity cell that could belong to a row that is not data: a totals label, a section
    title, a column number (1, "(1)", "A")."""
    if isinstance(cell, str):
        return _may_mark_text(cell)
    return isinstance(cell, (int, float)) and not isinstance(cell, bool) and cell <= 2


@lru_cache(maxsize=_MEMO)
def _may_mark_text(text: str) -> bool:
    return is_totals_label(text) or is_section_title(text) or is_column_number(text)


@lru_cache(maxsize=_MEMO)  # sheets repeat their words ("Có", "Trạm y tế"); names come once each
def _text_cell(raw: str):
    """(formula error shown, legacy-encoding guess) of a text cell; None for plain text (most cells)."""
    error, guess = formula_error(raw), decode_legacy(raw)
    return None if error is None and guess is None else (error, guess)


@dataclass
class TabRows:
    """A tab's data rows, column by column: the sheet row numbers, typed values and raw cells by column key,
    and where each column sits (0-based column index by key)."""
    numbers: list[int]
    values: dict[str, list]  # column key → one typed value per row (None = blank/unreadable)
    raws: dict[str, list]  # column key → one raw cell per row
    col_index: dict[str, int]

    @classmethod
    def empty(cls, tab: Tab) -> TabRows:
        """No rows, with the columns of `tab`."""
        return cls([], {c.key: [] for c in tab.columns}, {c.key: [] for c in tab.columns}, {})

    @classmethod
    def gather(cls, kept: list[int], numbers: list[int], values: dict[str, list], raws: dict[str, list],
               col_index: dict[str, int]) -> TabRows:
        """The rows at positions `kept` of the columns (`numbers`, `values` and `raws` by key), in order."""
        if len(kept) == len(numbers):
            return cls(numbers, values, raws, dict(col_index))  # every row kept: as read

        def picked(column: list) -> list:
            return list(map(column.__getitem__, kept))

        return cls(picked(numbers), {key: picked(column) for key, column in values.items()},
                   {key: picked(column) for key, column in raws.items()}, dict(col_index))

    def parsed_rows(self) -> list[ParsedRow]:
        """The rows one `ParsedRow` each."""
        return [ParsedRow(number, {key: column[at] for key, column in self.values.items()},
                          {key: column[at] for key, column in self.raws.items()}, dict(self.col_index))
                for at, number in enumerate(self.numbers)]


# How a column's cells are read in bulk, numbered so that a remembered reading is keyed on a small int:
# (parser, its extra arguments, the cell must be given, its value must be read, identity role), the
# role being the folded header names for the first identity column, True for another, False for none.
_PLAIN_MODES: dict[tuple, int] = {}
_PLAIN_MODE_LIST: list[tuple] = []
_PLAIN_READINGS_KEPT = 1 << 18  # cells remembered: a country's codes, names and coordinates come once each


def _plain_mode(tab: Tab, column: Column, window: tuple[date, date], text_identity: list[str]) -> int:
    """The number of the mode `_read_plainly` reads `column` of `tab` in (see `_PLAIN_MODES`)."""
    identity = tab.identity
    role = header_keys(tab.column(identity[0])) if identity and column.key == identity[0] else column.key in identity
    mode = (_KIND_PARSERS[column.kind], _context(column, window), column.required or column.key in identity,
            column.key in text_identity, role)
    if mode not in _PLAIN_MODES:
        _PLAIN_MODES[mode] = len(_PLAIN_MODE_LIST)
        _PLAIN_MODE_LIST.append(mode)
    return _PLAIN_MODES[mode]


@lru_cache(maxsize=None, typed=True)  # unbounded is cheaper per call; `_read_cells` empties it when full
def _read_plainly(mode: int, raw):
    """One cell read in bulk: its parser's value when the cell needs nothing more (no issue, no formula
    error or legacy text, given when it must be, and as an identity cell, one that marks no other kind
    of row), else `_UNPLAIN` (its row is read cell by cell)."""
    parse, context, must_be_given, must_be_read, role = _PLAIN_MODE_LIST[mode]
    value, issue = parse(raw, *context)
    plain = issue is None and (not isinstance(raw, str) or _text_cell(raw) is None) \
        and not (must_be_given and is_blank(raw)) and not (must_be_read and value is None)
    if plain and isinstance(role, frozenset):
        plain = _plain_first_identity(raw, role)
    elif plain and role:
        plain = _marks_nothing(raw)
    return value if plain else _UNPLAIN


_UNPLAIN = object()  # `_read_plainly`'s answer for a cell its parser alone cannot settle
_UNREAD = object()  # `_read_cells`: no reading remembered for this cell yet
# Mode → {cell: `_read_plainly`'s answer}. A plain dict looked up in C is four times cheaper per
# cell than the typed lru_cache, but it cannot tell equal values of different types apart: so
# only cells that no value of another type equals with a different reading are kept (see
# `_keeps_apart`). The rest are read through `_read_plainly` each time, which keeps types apart.
_PLAIN_READINGS: list[dict] = []
_plain_readings_kept = 0


def _read_cells(modes: list[int], cells: list) -> list:
    """`_read_plainly` of each cell, the modes cycling over the cells (a row's columns, row after row)."""
    global _plain_readings_kept
    while len(_PLAIN_READINGS) < len(_PLAIN_MODE_LIST):
        _PLAIN_READINGS.append({})
    if _plain_readings_kept > _PLAIN_READINGS_KEPT:
        for readings in _PLAIN_READINGS:
            readings.clear()
        _read_plainly.cache_clear()
        _plain_readings_kept = 0
    readings = [_PLAIN_READINGS[mode] for mode in modes]
    values = list(map(dict.get, cycle(readings), cells, repeat(_UNREAD)))
    width, start = len(modes), 0
    while True:  # the cells not remembered are found in C, then read one by one
        try:
            at = values.index(_UNREAD, start)
        except ValueError:
            return values
        cell = cells[at]
        value = values[at] = _read_plainly(modes[at % width], cell)
        if _keeps_apart(cell):
            readings[at % width][cell] = value
            _plain_readings_kept += 1
        start = at + 1


def _keeps_apart(cell) -> bool:
    """Whether `cell` may key a remembered reading looked up by equality: any value equal to it reads
    the same. Text, dates and blanks equal only their own kind; an int and the same whole float read
    the same everywhere (`raw_text`, the parsers); but True == 1 and False == 0 read differently, so
    booleans, 0 and 1 are never kept (nor NaN, which equals nothing)."""
    kind = type(cell)
    if kind is str or cell is None or kind is date or kind is datetime:
        return True
    return (kind is int or kind is float) and cell == cell and cell != 0 and cell != 1


@lru_cache(maxsize=_MEMO, typed=True)
def _plain_first_identity(cell, header_names: frozenset[str]) -> bool:
    """A first identity cell that marks no other kind of row and is not its column's header pasted again."""
    return not is_blank(cell) and not _may_mark_a_row(cell) and not (isinstance(cell, str)
                                                                        and fold(cell) in header_names)


@lru_cache(maxsize=_MEMO, typed=True)
def _marks_nothing(cell) -> bool:
    return not (isinstance(cell, str) and _may_mark_text(cell))


# ---------------------------------------------------------------- tables

_DTYPES = {
    Kind.TEXT: "string", Kind.CODE: "string", Kind.CHOICE: "string",
    Kind.COUNT: "Int64", Kind.NUMBER: "Float64", Kind.YES_NO: "boolean",
}


def empty_table(tab: Tab, extra: dict[str, str] | None = None) -> pd.DataFrame:
    """The table of `tab` with no rows: its columns and dtypes as `to_table` gives them."""
    return to_table([], tab, extra)


def to_table(records: list[dict], tab: Tab, extra: dict[str, str] | None = None) -> pd.DataFrame:
    """Records → a DataFrame whose dtypes come from the schema (dates as datetime64); see `columns_table`."""
    keys = [*(extra or {}), *(c.key for c in tab.columns)]
    return columns_table({key: [record.get(key) for record in records] for key in keys}, tab, extra)


def columns_table(columns: dict[str, list], tab: Tab, extra: dict[str, str] | None = None) -> pd.DataFrame:
    """Columns (key → one value per row, for every key of `extra` and of `tab`) → a DataFrame whose dtypes
    come from the schema (dates as datetime64[us]) or from `extra` (key → dtype); `extra`'s columns first."""
    kinds = {**(extra or {}), **{c.key: c.kind for c in tab.columns}}
    table = {}
    for key, kind in kinds.items():
        values = columns[key]
        dtype = "date" if kind == Kind.DATE else _DTYPES.get(kind, kind) if isinstance(kind, Kind) else kind
        if dtype in _ARROW_DTYPES:
            try:
                table[key] = _arrow_column(values, dtype)
                continue
            except (pa.ArrowException, TypeError, ValueError, OverflowError):
                pass  # a value Arrow will not take: pandas converts it, or says why, as it always did
        table[key] = _pandas_column(values, dtype)
    return pd.DataFrame(table)


def _pandas_column(values: list, dtype: str):
    """`values` (Python objects, None for missing) as a pandas column of `dtype`; "date" → datetime64[us]."""
    if dtype == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce").astype("datetime64[us]")
    return pd.array(values, dtype=dtype)


_MASKED = {"Int64": (pa.int64(), pd.arrays.IntegerArray, 0), "Float64": (pa.float64(), pd.arrays.FloatingArray, 0.0),
           "boolean": (pa.bool_(), pd.arrays.BooleanArray, False)}


_ARROW_DTYPES = frozenset({"string", "date", *_MASKED})


def _arrow_column(values: list, dtype: str):
    """`_pandas_column`, the list converted by Arrow in C (pandas visits each value in Python: five
    times slower at 13,000 points). Raises `pa.ArrowException` or `TypeError` for a value of another
    type (a text in a count column) or range: `_pandas_column` then converts or explains it as before."""
    if dtype == "string":
        return pd.array(pa.array(values, type=pa.large_string()), dtype="string")
    if dtype == "date":  # `from_pandas`: NaN is missing, as pandas reads it
        if any(issubclass(kind, datetime) for kind in set(map(type, values))):  # the types, gathered in C
            raise TypeError("a time of day: Arrow's date32 would drop it")
        days = pa.array(values, type=pa.date32(), from_pandas=True)
        return pd.Series(days.cast(pa.timestamp("us")).to_numpy(zero_copy_only=False))
    arrow_type, array_type, filler = _MASKED[dtype]
    array = pa.array(values, type=arrow_type, from_pandas=True)
    return array_type(array.fill_null(filler).to_numpy(zero_copy_only=False),
                      array.is_null().to_numpy(zero_copy_only=False))


_LOCATION_EXTRA = {"district_code": "string", "district_name": "string", "tab": "string", "row": "Int64"}


# ---------------------------------------------------------------- the whole workbook

def _find_tab(raw: RawWorkbook, title: str) -> str | None:
    return title if title in raw.tabs else find_tab(raw.tabs, title)  # most titles are exact: no scan


def clean_workbook(raw: RawWorkbook, geography: Geography) -> Dataset:
    """Every tab of `raw` read into typed tables, with every problem at its cell.

    Returns a `Dataset`: settings, milestones, districts, points (one row per vaccination point,
    columns of `schema.POINTS` plus district_code, district_name, tab, row, commune_code), training and
    difficulties logs, the problems and the row accounting (rows read = kept + set aside, per tab).
    Never raises on sheet content: anything odd becomes a located problem.
    """
    problems: list[Problem] = []
    summary: list[TabSummary] = []
    used_tabs: set[str] = set()

    def reader_for(tab: Tab, window, title: str | None = None, district_code=None) -> TabReader | None:
        name = _find_tab(raw, title or tab.title)
        if name is None:
            problems.append(make_problem(title or tab.title, None, None, None, "", "error", "missing_tab"))
            return None
        used_tabs.add(name)
        return TabReader(name, raw.tabs[name], tab, window, problems, district_code, raw.layout(name))

    def finish(reader: TabReader | None) -> None:
        if reader is not None:
            summary.append(reader.summary())

    # Settings and milestones come first: the milestones set the plausible window for all dates.
    settings = _clean_settings(reader_for(schema.SETTINGS, WIDE_DATE_WINDOW), problems, finish)
    milestone_reader = reader_for(schema.MILESTONES, WIDE_DATE_WINDOW)
    milestone_rows = milestone_reader.read() if milestone_reader else []
    milestone_rows = _drop_duplicates(milestone_reader, milestone_rows, "milestone_code")
    finish(milestone_reader)
    milestones = to_table([r.values for r in milestone_rows], schema.MILESTONES)
    window = plausible_dates(r.values["deadline"] for r in milestone_rows)

    district_reader = reader_for(schema.DISTRICTS, window)
    districts, district_tabs = _clean_districts(district_reader, raw, geography, problems)
    finish(district_reader)

    # Tabs that hold points but are not listed in Huyện are read too, so no row is lost.
    fixed = {_find_tab(raw, tab.title) for tab in schema.FIXED_TABS}
    for name, grid in raw.tabs.items():
        if name in fixed or name in district_tabs:
            continue
        if locate_header(fill_merges(grid, raw.layout(name).merges)[0], schema.POINTS) is None:
            problems.append(make_problem(name, None, None, None, "", "info", "extra_tab"))
            continue
        unit = match_unit(name, geography.districts)
        code = unit["code"] if unit else None
        district_tabs[name] = (code, unit["name"] if unit else name)
        problems.append(make_problem(name, None, None, None, "", "warning", "unlisted_district_tab",
                                     {"district": unit["name"] if unit else name}, code))

    point_columns: dict[str, list] = {key: [] for key in (*_POINT_EXTRA, *_POINT_HEADERS)}
    first_seen: dict[tuple[str, str], str] = {}  # (district, folded code) → the cell that first gave it
    for name, (code, district_name) in district_tabs.items():
        reader = TabReader(name, raw.tabs[name], schema.POINTS, window, problems, code, raw.layout(name))
        used_tabs.add(name)
        _clean_points(reader.read_rows(), reader, geography, code, district_name, first_seen, settings.get("as_of"),
                      point_columns)
        finish(reader)
    points = columns_table(point_columns, schema.POINTS, _POINT_EXTRA)

    known_districts = _district_lookup(districts, geography)
    training = _clean_log(reader_for(schema.TRAINING, window), known_districts, finish, schema.TRAINING)
    difficulties = _clean_log(reader_for(schema.DIFFICULTIES, window), known_districts, finish,
                              schema.DIFFICULTIES)

    if not raw.layout_known:
        problems.append(make_problem(raw.provenance.label, None, None, None, "", "warning", "layout_unknown"))
    if raw.locale and not raw.locale.lower().startswith("vi"):
        problems.append(make_problem(raw.provenance.label, None, None, None, raw.locale, "warning", "sheet_locale",
                                     {"locale": raw.locale}))
    # A blank province name stays a warning, but pages still name the province the map draws.
    return Dataset(settings.get("province") or geography.province_name, settings.get("as_of"), milestones, districts, points,
                   training, difficulties, problems, summary, settings.get("order_number"), settings.get("order_date"))


def _drop_duplicates(reader: TabReader | None, rows: list[ParsedRow], key: str) -> list[ParsedRow]:
    seen: dict[str, int] = {}
    kept = []
    for parsed in rows:
        value = fold(parsed.values[key] or "")
        if value in seen:
            column = reader.tab.column(key)
            reader.problem(parsed.row, parsed.col_index.get(key), column.header_vi, parsed.raw[key], "error",
                           "duplicate_code", {"first": f"{reader.title}!{get_column_letter(parsed.col_index[key] + 1)}"
                                                        f"{seen[value]}"})
            reader.set_aside()
            continue
        seen[value] = parsed.row
        kept.append(parsed)
    return kept


def _clean_settings(reader: TabReader | None, problems: list[Problem], finish) -> dict[str, object]:
    """The settings given, by key (a setting left blank or not listed is absent or None)."""
    if reader is None:
        return {}
    values: dict[str, object] = {}
    by_name = {fold(s.name_vi): s for s in schema.SETTING_ROWS} | {fold(s.label_en): s for s in schema.SETTING_ROWS} \
        | {fold(s.key): s for s in schema.SETTING_ROWS}
    for parsed in reader.read():
        setting = by_name.get(fold(parsed.values["setting"]))
        value_index = parsed.col_index.get("value")
        if setting is None:
            reader.problem(parsed.row, parsed.col_index.get("setting"), "Thông số", parsed.raw["setting"], "info",
                           "unknown_setting")
            continue
        raw_value = parsed.raw["value"]
        if setting.kind == Kind.DATE:
            value, issue = parse_date(raw_value, WIDE_DATE_WINDOW)
        else:
            value, issue = parse_text(raw_value)
        if issue:
            reader.problem(parsed.row, value_index, setting.name_vi, raw_value, issue.severity, issue.rule,
                           issue.params)
        values[setting.key] = value
    for setting in schema.SETTING_ROWS:
        if setting.required and values.get(setting.key) is None:
            reader.problem(None, None, setting.name_vi, "", "warning", "missing_setting")
    finish(reader)
    return values


def _clean_districts(reader: TabReader | None, raw: RawWorkbook, geography: Geography,
                     problems: list[Problem]) -> tuple[pd.DataFrame, dict[str, tuple[str | None, str]]]:
    """The Huyện tab, and which workbook tab belongs to which district."""
    if reader is None:
        return empty_table(schema.DISTRICTS), {}
    records, district_tabs = [], {}
    rows = _drop_duplicates(reader, reader.read(), "district_code")
    for parsed in rows:
        values = dict(parsed.values)
        code = values["district_code"]
        if code not in {d["code"] for d in geography.districts}:
            reader.problem(parsed.row, parsed.col_index.get("district_code"), "Mã huyện", code, "warning",
                           "district_not_on_map")
        tab_name = _find_tab(raw, values["tab_name"])
        if tab_name is None:
            reader.problem(parsed.row, parsed.col_index.get("tab_name"), "Tên trang tính", values["tab_name"],
                           "error", "missing_tab", {"tab": values["tab_name"]})
        else:
            values["tab_name"] = tab_name
            district_tabs[tab_name] = (code, values["district_name"])
        records.append(values)
    return to_table(records, schema.DISTRICTS), district_tabs


_POINT_HEADERS = {column.key: column.header_vi for column in schema.POINTS.columns}
_POINT_EXTRA = {**_LOCATION_EXTRA, "commune_code": "string"}


def _clean_points(rows: TabRows, reader: TabReader, geography: Geography, district_code: str | None,
                  district_name: str, first_seen: dict[tuple[str, str], str], as_of: date | None,
                  table: dict[str, list]) -> None:
    """The cross-cell checks of one district tab's points, each problem at its cell; the points kept are
    added to `table` (column key → values, the columns of `_POINT_EXTRA` and `schema.POINTS`).

    A point is its district and its code: two districts may both number their points 1, 2, 3… A tab
    that names no district (a "Sheet1" copy) could repeat any of them, so it is checked against all.
    `first_seen` holds (district, folded code) and ("*", folded code) → the cell that first gave it.
    """
    values, numbers = rows.values, rows.numbers
    title = reader.title
    code_letter = get_column_letter(rows.col_index["point_code"] + 1) if numbers else ""
    communes = geography.communes_of(district_code) if district_code else ()
    district_key = district_code or title
    folded = list(map(fold, values["point_code"]))
    cells = [f"{title}!{code_letter}{number}" for number in numbers]
    keys = list(zip(repeat(district_key), folded))
    # The rows with something to check are visited one by one; the others (most) are kept as they are.
    quiet = _quiet_points(values, geography, as_of, bool(communes)) if district_code is not None \
        else [False] * len(numbers)
    if len(set(folded)) < len(folded):  # a code given twice here: each of its rows is visited
        counts = Counter(folded)
        quiet = [ok and counts[code] == 1 for ok, code in zip(quiet, folded)]
    quiet = [ok and not seen for ok, seen in zip(quiet, map(first_seen.__contains__, keys))]
    first_seen.update(compress(zip(keys, cells), quiet))
    anywhere = dict(compress(zip(zip(repeat("*"), folded), cells), quiet))
    for key in anywhere.keys() & first_seen.keys():  # a code another tab gave first stays theirs
        del anywhere[key]
    first_seen.update(anywhere)
    latitudes, longitudes = list(values["latitude"]), list(values["longitude"])
    commune_codes = [None] * len(numbers)
    official = UnitIndex(communes) if communes else None
    dropped = set()
    for row in compress(range(len(numbers)), map(not_, quiet)):
        if not _check_point(rows, row, reader, geography, district_code, district_name, first_seen, as_of,
                            keys[row], folded[row], cells[row], communes, official, latitudes, longitudes,
                            commune_codes):
            dropped.add(row)
    kept = [row for row in range(len(numbers)) if row not in dropped] if dropped else None

    def chosen(column: list) -> list:
        return column if kept is None else [column[row] for row in kept]

    for key, column in values.items():
        table[key].extend(chosen(latitudes if key == "latitude" else longitudes if key == "longitude" else column))
    count = len(numbers) - len(dropped)
    table["commune_code"].extend(chosen(commune_codes))
    table["district_code"].extend([district_code] * count)
    table["district_name"].extend([district_name] * count)
    table["tab"].extend([title] * count)
    table["row"].extend(chosen(numbers))


def _quiet_points(values: dict[str, list], geography: Geography, as_of: date | None, has_communes: bool) -> list[bool]:
    """Which points no cross-cell check of `_check_point` can speak of: trained within staff, entered
    within eligible, dates in order and not after `as_of`, both coordinates or neither and inside the
    province, and no commune to match (`has_communes`: the district's communes are known)."""
    inside = geography.contains_all(values["latitude"], values["longitude"])
    after = as_of or date.max
    return [
        (staff is None or trained is None or trained <= staff)
        and (eligible is None or entered is None or entered <= eligible)
        and (training is None or training <= after) and (live is None or live <= after)
        and (supervision is None or supervision <= after)
        and (live is None or training is None or live >= training)
        and (lat is None) == (lon is None) and (lat is None or within)
        and not (has_communes and commune)
        for staff, trained, eligible, entered, training, live, supervision, lat, lon, within, commune in zip(
            values["staff"], values["trained_staff"], values["eligible_children"], values["children_entered"],
            values["training_date"], values["go_live_date"], values["supervision_date"], values["latitude"],
            values["longitude"], inside, values["commune"])]


def _check_point(rows: TabRows, row: int, reader: TabReader, geography: Geography, district_code: str | None,
                 district_name: str, first_seen: dict[tuple[str, str], str], as_of: date | None,
                 code_key: tuple[str, str], folded: str, cell: str, communes, official: UnitIndex | None,
                 latitudes: list, longitudes: list, commune_codes: list) -> bool:
    """The cross-cell checks of the point at position `row`, each problem at its cell; False when the point
    is set aside (its code was given before). Coordinates that cannot be drawn are blanked in `latitudes`
    and `longitudes`; the commune's code is put in `commune_codes`."""
    values, raws, at, header, number = rows.values, rows.raws, rows.col_index.get, _POINT_HEADERS, rows.numbers[row]
    first = first_seen.get(code_key) or (first_seen.get(("*", folded)) if district_code is None else None)
    if first is not None:
        reader.problem(number, at("point_code"), header["point_code"], raws["point_code"][row], "error",
                       "duplicate_code", {"first": first})
        reader.set_aside()
        return False
    first_seen[code_key] = cell
    first_seen.setdefault(("*", folded), cell)

    staff, trained = values["staff"][row], values["trained_staff"][row]
    if staff is not None and trained is not None and trained > staff:
        reader.problem(number, at("trained_staff"), header["trained_staff"], raws["trained_staff"][row],
                       "error", "trained_exceeds_staff", {"trained": trained, "staff": staff})
    _check_dates(rows, row, number, reader, as_of)
    eligible, entered = values["eligible_children"][row], values["children_entered"][row]
    if eligible is not None and entered is not None and entered > eligible:
        reader.problem(number, at("children_entered"), header["children_entered"], raws["children_entered"][row],
                       "warning", "entered_exceeds_eligible", {"entered": entered, "eligible": eligible})

    commune = values["commune"][row]
    if commune and communes:
        unit = official.match(commune)
        if unit:
            commune_codes[row] = unit["code"]
            typed = clean_text(commune).casefold()
            if typed not in (unit["name"].casefold(), unit["name_short"].casefold()):
                # Matched ignoring accents, but spelt differently: say the official name.
                reader.problem(number, at("commune"), header["commune"], raws["commune"][row], "warning",
                               "commune_spelling", {"official": unit["name"]})
        else:
            reader.problem(number, at("commune"), header["commune"], raws["commune"][row], "warning",
                           "unknown_commune", {"district": district_name,
                                               "suggestion": suggest_unit(commune, communes)})

    lat, lon = latitudes[row], longitudes[row]
    if (lat is None) != (lon is None):
        given = "latitude" if lat is not None else "longitude"
        reader.problem(number, at(given), header[given], raws[given][row], "warning", "incomplete_coordinates")
        latitudes[row] = longitudes[row] = None
    elif lat is not None and not geography.contains(lat, lon):
        reader.problem(number, at("latitude"), header["latitude"], raws["latitude"][row], "warning",
                       "outside_province", {"lat": raw_text(raws["latitude"][row]),
                                            "lon": raw_text(raws["longitude"][row])})
        latitudes[row] = longitudes[row] = None
    return True


_DATES_NOT_AFTER_AS_OF = ("training_date", "go_live_date", "supervision_date")


def _check_dates(rows: TabRows, row: int, number: int, reader: TabReader, as_of: date | None) -> None:
    """Dates of one point (position `row` of `rows`, sheet row `number`) that cannot be true together:
    done after the data's own date, live before trained.

    Both are warnings (the figures still count): they most often mean day and month swapped by a
    sheet in a non-Vietnamese locale, which the person must check.
    """
    values = rows.values

    def report(key, rule, params):
        reader.problem(number, rows.col_index.get(key), _POINT_HEADERS[key], date_cell_text(rows.raws[key][row]),
                       "warning", rule, params)

    if as_of is not None:
        for key in _DATES_NOT_AFTER_AS_OF:
            if values[key][row] is not None and values[key][row] > as_of:
                report(key, "date_after_as_of", {"as_of": as_of.strftime("%d/%m/%Y")})
    live, trained = values["go_live_date"][row], values["training_date"][row]
    if live is not None and trained is not None and live < trained:
        report("go_live_date", "go_live_before_training", {"training": trained.strftime("%d/%m/%Y")})


def _text_or_blank(value) -> str:
    return value if isinstance(value, str) else ""


def _district_lookup(districts: pd.DataFrame, geography: Geography) -> list[dict]:
    """Districts as units (name, short name, code) for matching names typed in the log tabs."""
    units = [{"code": d["code"], "name": d["name"], "name_short": d["name_short"]} for d in geography.districts]
    known = {u["code"] for u in units}
    for row in districts.itertuples():
        if row.district_code not in known:
            # A blank name or tab name (kept with a warning) is NA: it matches nothing rather than failing.
            units.append({"code": row.district_code, "name": _text_or_blank(row.district_name),
                          "name_short": _text_or_blank(row.tab_name)})
    return units


def _clean_log(reader: TabReader | None, units: list[dict], finish, tab: Tab) -> pd.DataFrame:
    extra = {"district_code": "string", "tab": "string", "row": "Int64"}
    if reader is None:
        return empty_table(tab, extra)
    records = []
    known = UnitIndex(units)
    for parsed in reader.read():
        values = dict(parsed.values)
        values["district_code"] = None
        if values["district"]:
            unit = known.match(values["district"])
            if unit:
                values["district_code"] = unit["code"]
                values["district"] = unit["name"]
            elif fold_unit_name(values["district"]) not in ("tinh", "toantinh"):  # province-wide rows
                reader.problem(parsed.row, parsed.col_index.get("district"), tab.column("district").header_vi,
                               parsed.raw["district"], "warning", "unknown_district",
                               {"suggestion": suggest_unit(values["district"], units)})
        values.update(tab=reader.title, row=parsed.row)
        records.append(values)
    finish(reader)
    return to_table(records, tab, extra)
