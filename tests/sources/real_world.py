"""A corpus of sheets shaped the way district offices really shape them, built by code from the demo.

Each `Shape` is the demo workbook changed the way a person changes a sheet (a totals row, a
merged commune, a two-row header, a formula error, text pasted from a TCVN3 document…), with:

- `intent`: the clean tabs the person means (the demo itself, unless the change loses a value
  on purpose, e.g. a formula error where a count was);
- `expected`: the problems the shape must add, as (cell, rule), at their exact cells;
- the layout a person gave it (merges, hidden rows and tabs, the sheet's locale), so that the
  same shape can be served by a workbook file and by the local Sheets server alike.

Cells and merges are named as a person names them: 1-based rows and columns, inclusive.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from lib.coercion import parse_count

CAM_LAM, KHANH_VINH, KHANH_SON, TRAINING = "Cam Lâm", "Khánh Vĩnh", "Khánh Sơn", "Tập huấn"
# Cam Lâm's columns (the demo's points header), 0-based.
CODE, NAME, COMMUNE, TYPE, COMPUTER, STAFF, TRAINED, TRAINING_DATE = 0, 1, 2, 3, 6, 9, 10, 11
ELIGIBLE, ENTERED, GO_LIVE, NOTES = 13, 14, 15, 18
COLUMNS = 19


@dataclass(frozen=True)
class Formula:
    """A formula cell: the workbook gets `text` with no stored result; Google serves `value`."""

    text: str
    value: object = None


@dataclass
class Shape:
    name: str
    tabs: dict[str, list[list]]
    intent: dict[str, list[list]]
    expected: list[tuple[str, str]] = field(default_factory=list)
    replaces: list[tuple[str, str]] = field(default_factory=list)  # the intent's problems the shape's stand in for
    merges: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    hidden_rows: dict[str, list[int]] = field(default_factory=dict)
    filtered_rows: dict[str, list[int]] = field(default_factory=dict)
    hidden_tabs: tuple[str, ...] = ()
    locale: str | None = None
    paths: tuple[str, ...] = ("workbook", "google")
    formatted_last_row: bool = False  # a styled empty cell at S1048576 of every district tab

    def merge(self, title: str, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
        """Merge as a spreadsheet does: the top-left value stays, the other cells are emptied."""
        grid = self.tabs[title]
        for row in range(first_row, last_row + 1):
            for col in range(first_col, min(last_col, len(grid[row - 1])) + 1):
                if (row, col) != (first_row, first_col):
                    grid[row - 1][col - 1] = None
        self.merges.setdefault(title, []).append((first_row, first_col, last_row, last_col))


def letter(col: int) -> str:
    """Column letter of a 0-based column."""
    return openpyxl.utils.get_column_letter(col + 1)


def _blank_row() -> list:
    return [None] * COLUMNS


def _sums(rows: list[list]) -> list:
    """The totals row an office would type: the column sums of the counts."""
    totals = _blank_row()
    for col in (STAFF, TRAINED, ELIGIBLE, ENTERED):
        totals[col] = sum(parse_count(row[col])[0] or 0 for row in rows)  # "1,050" is 1050 to the office too
    return totals


# ---------------------------------------------------------------- the shapes

def build_shapes(demo: dict[str, list[list]]) -> list[Shape]:
    shapes: list[Shape] = []

    def shape(name: str, **kwargs) -> Shape:
        made = Shape(name, copy.deepcopy(demo), copy.deepcopy(demo), **kwargs)
        shapes.append(made)
        return made

    header, points = demo[CAM_LAM][0], demo[CAM_LAM][1:]  # 15 points, sheet rows 2-16

    # -- 2. rows that are not data rows
    s = shape("totals row under blank separator rows")
    totals = _sums(points)
    totals[NAME] = "Tổng cộng"
    s.tabs[CAM_LAM] = [header, *points[:5], _blank_row(), *points[5:10], _blank_row(), *points[10:], totals]
    s.expected = [(f"{CAM_LAM}!B19", "totals_row")]

    s = shape("totals label in the code column, merged across code and name")
    totals = _sums(points)
    totals[CODE] = "Tổng cộng toàn huyện Cam Lâm"
    s.tabs[CAM_LAM] = [header, *points, totals]
    s.merge(CAM_LAM, 17, 1, 17, 2)
    s.expected = [(f"{CAM_LAM}!A17", "totals_row")]

    s = shape("subtotals per block and a grand total")
    first, second = _sums(points[:5]), _sums(points[5:])
    first[NAME] = second[NAME] = "Cộng:"
    grand = _sums(points)
    grand[CODE] = "TỔNG SỐ"
    s.tabs[CAM_LAM] = [header, *points[:5], first, *points[5:], second, grand]
    s.expected = [(f"{CAM_LAM}!B7", "totals_row"), (f"{CAM_LAM}!B18", "totals_row"), (f"{CAM_LAM}!A19", "totals_row")]

    s = shape("a totals row that disagrees with its points")
    totals = _sums(points)
    totals[NAME] = "Tổng cộng"
    totals[STAFF] = 70  # the points add up to 69
    s.tabs[CAM_LAM] = [header, *points, totals]
    s.expected = [(f"{CAM_LAM}!B17", "totals_row"), (f"{CAM_LAM}!J17", "totals_mismatch")]

    s = shape("totals labelled beside a row number or a count of points")
    numbered, described = _sums(points), _sums(points)
    numbered[CODE], numbered[NAME] = 16, "Tổng cộng"  # the row number runs on into the totals row
    described[CODE], described[NAME] = "Tổng cộng", "15 điểm tiêm"
    s.tabs[CAM_LAM] = [header, *points, numbered, described]
    s.expected = [(f"{CAM_LAM}!B17", "totals_row"), (f"{CAM_LAM}!A18", "totals_row")]

    s = shape("words that start like a totals label but are data")
    s.tabs["Khó khăn vướng mắc"][1][3] = s.intent["Khó khăn vướng mắc"][1][3] = "Tổng số trẻ chưa nhập còn nhiều"
    s.tabs["Khó khăn vướng mắc"][2][3] = s.intent["Khó khăn vướng mắc"][2][3] = "Cộng tác viên chưa được tập huấn"
    s.tabs[CAM_LAM][5][NAME] = s.intent[CAM_LAM][5][NAME] = "Cộng đồng dân cư Sơn Tân"

    s = shape("totals row of formulas with no stored result", paths=("workbook",))
    totals = _blank_row()
    totals[NAME] = "Tổng cộng"
    for col in (STAFF, TRAINED, ELIGIBLE, ENTERED):
        totals[col] = Formula(f"=SUM({letter(col)}2:{letter(col)}16)")
    s.tabs[CAM_LAM] = [header, *points, totals]
    s.expected = [(f"{CAM_LAM}!B17", "totals_row")]

    s = shape("section titles and the header pasted again")
    title_one = _blank_row()
    title_one[CODE] = "I. Trạm y tế xã, phường, thị trấn"
    title_two = _blank_row()
    title_two[NAME] = "Khối bệnh viện"
    s.tabs[CAM_LAM] = [header, title_one, *points[:14], list(header), title_two, points[14]]
    s.merge(CAM_LAM, 2, 1, 2, COLUMNS)
    s.expected = [(f"{CAM_LAM}!A2", "section_row"), (f"{CAM_LAM}!A17", "repeated_header"),
                  (f"{CAM_LAM}!B18", "section_row")]

    s = shape("column numbers under the header")
    s.tabs[CAM_LAM] = [header, [f"({n})" for n in range(1, COLUMNS + 1)], *points]
    s.expected = [(f"{CAM_LAM}!A2", "column_numbers_row")]

    s = shape("totals row in the training log")
    sessions = demo[TRAINING][1:]
    s.tabs[TRAINING] = [*demo[TRAINING], ["Tổng cộng", None, None, sum(r[3] for r in sessions),
                                          sum(r[4] for r in sessions)]]
    s.expected = [(f"{TRAINING}!A{len(demo[TRAINING]) + 1}", "totals_row")]

    # -- 3. what the person sees: merges, hidden rows and tabs, columns without a header
    s = shape("commune, type and Có merged down over the points they share")
    moved = [*points[:7], points[14], *points[7:14]]  # the district centre next to the station of its commune
    s.tabs[CAM_LAM] = [header, *[list(r) for r in moved]]
    s.intent[CAM_LAM] = [header, *[list(r) for r in moved]]
    s.merge(CAM_LAM, 8, COMMUNE + 1, 9, COMMUNE + 1)  # Thị trấn Cam Đức over its two points
    s.merge(CAM_LAM, 2, TYPE + 1, 8, TYPE + 1)  # "Trạm y tế" over the first seven
    s.merge(CAM_LAM, 2, COMPUTER + 1, 14, COMPUTER + 1)  # "Có" over thirteen points

    s = shape("a count merged over two points")
    s.merge(CAM_LAM, 4, STAFF + 1, 5, STAFF + 1)  # 4 over KH-570-03 and KH-570-04 (which had 2)
    s.intent[CAM_LAM][4][STAFF] = None
    s.expected = [(f"{CAM_LAM}!J4", "merged_count")]

    s = shape("a count merged across two count columns")
    s.merge(CAM_LAM, 3, STAFF + 1, 3, TRAINED + 1)  # 3 staff over the trained column (which said 5)
    s.intent[CAM_LAM][2][TRAINED] = None
    s.expected = [(f"{CAM_LAM}!J3", "merged_count")]

    s = shape("a commune merged down over a spacer row, and a title merged past the last column")
    spaced = [header, *[list(r) for r in points[:7]], _blank_row(), *[list(r) for r in points[7:]]]
    s.tabs[CAM_LAM] = spaced
    s.merge(CAM_LAM, 8, COMMUNE + 1, 9, COMMUNE + 1)  # Thị trấn Cam Đức of KH-570-07 over the blank row below
    title = _blank_row()
    title[CODE] = "II. Bệnh viện"
    s.tabs[CAM_LAM] = [*spaced[:-1], title, spaced[-1]]
    s.merge(CAM_LAM, len(spaced), 1, len(spaced), 26)  # to column Z, past the last header
    s.expected = [(f"{CAM_LAM}!A{len(spaced)}", "section_row")]

    s = shape("rows hidden by hand and by a filter")
    s.hidden_rows = {CAM_LAM: [5]}
    s.filtered_rows = {CAM_LAM: [9]}
    s.expected = [(f"{CAM_LAM}!A5", "hidden_row"), (f"{CAM_LAM}!A9", "hidden_row")]

    s = shape("a hidden district tab", hidden_tabs=(KHANH_SON,))
    s.expected = [(KHANH_SON, "hidden_tab")]

    s = shape("values in a column with no header")
    for row in s.tabs[CAM_LAM][1:5]:
        row.append("x")
    s.expected = [(f"{CAM_LAM}!T1", "unnamed_column")]

    s = shape("an optional column left out")
    s.tabs[CAM_LAM] = [row[:NOTES] for row in s.tabs[CAM_LAM]]
    s.expected = [(CAM_LAM, "missing_optional_column")]

    # -- 4. headers as offices draw them
    for variant in ("merged", "unmerged", "wrapped"):
        s = shape(f"two-row header ({variant})")
        upper, lower = list(header), [None] * COLUMNS
        upper[COMPUTER:COMPUTER + 3] = ["Trang thiết bị", None, None]
        lower[COMPUTER:COMPUTER + 3] = ["Máy tính", "Máy in", "Internet"]
        if variant == "wrapped":
            upper = [text.replace(" ", "\n", 1) if isinstance(text, str) else text for text in upper]
        s.tabs[CAM_LAM] = [upper, lower, *points]
        if variant != "unmerged":
            s.merge(CAM_LAM, 1, COMPUTER + 1, 1, COMPUTER + 3)
            for col in range(COLUMNS):
                if not COMPUTER <= col < COMPUTER + 3:
                    s.merge(CAM_LAM, 1, col + 1, 2, col + 1)

    # -- 5. cells that are not values
    s = shape("a formula with no stored result", paths=("workbook",))
    s.tabs[CAM_LAM][1][STAFF] = Formula("=3+3")
    s.intent[CAM_LAM][1][STAFF] = None
    s.expected = [(f"{CAM_LAM}!J2", "formula_not_calculated")]

    s = shape("formula errors in every kind of column")
    s.tabs[CAM_LAM][2][STAFF] = "#REF!"
    s.tabs[CAM_LAM][3][COMMUNE] = "#N/A"
    s.tabs[CAM_LAM][4][TRAINING_DATE] = "#DIV/0!"
    s.tabs[CAM_LAM][5][NOTES] = "#NAME?"
    s.tabs[TRAINING][2][3] = "#VALUE!"
    for title, row, col in ((CAM_LAM, 2, STAFF), (CAM_LAM, 3, COMMUNE), (CAM_LAM, 4, TRAINING_DATE),
                            (CAM_LAM, 5, NOTES), (TRAINING, 2, 3)):
        s.intent[title][row][col] = None
    s.expected = [(f"{CAM_LAM}!J3", "formula_error"), (f"{CAM_LAM}!C4", "formula_error"),
                  (f"{CAM_LAM}!L5", "formula_error"), (f"{CAM_LAM}!S6", "formula_error"),
                  (f"{TRAINING}!D3", "formula_error")]
    s.replaces = [(f"{CAM_LAM}!C4", "missing_value")]  # the error says more than "blank"

    # -- 6. old Vietnamese encodings
    s = shape("names pasted from TCVN3 and VNI documents")
    s.tabs[CAM_LAM][1][NAME] = "Tr¹m Y tÕ x· Cam T©n"  # Trạm Y tế xã Cam Tân (TCVN3, .VnTime)
    s.tabs[CAM_LAM][1][COMMUNE] = "X· Cam T©n"
    s.tabs[CAM_LAM][2][NAME] = "Traïm Y teá xaõ Cam Hoøa"  # Trạm Y tế xã Cam Hòa (VNI-Times)
    s.tabs[CAM_LAM][2][COMMUNE] = "Xaõ Cam Hoøa"
    s.tabs[CAM_LAM][3][COMPUTER + 1] = "Cã"  # Có in TCVN3, in the printer column
    s.tabs[CAM_LAM][0][STAFF] = "Sè c¸n bé tiªm chñng"  # the header too
    s.expected = [(f"{CAM_LAM}!B2", "legacy_encoding"), (f"{CAM_LAM}!C2", "legacy_encoding"),
                  (f"{CAM_LAM}!B3", "legacy_encoding"), (f"{CAM_LAM}!C3", "legacy_encoding"),
                  (f"{CAM_LAM}!H4", "legacy_encoding_uncertain")]

    # -- 7. the sheet's locale, and what cross-cell rules catch
    s = shape("a Google Sheet left in the US locale", locale="en_US", paths=("google",))
    s.expected = [("Triển khai Hệ thống TTTC — Khánh Hòa", "sheet_locale")]

    s = shape("dates that cannot be true together, and a share typed as a count")
    s.tabs[CAM_LAM][1][GO_LIVE] = s.intent[CAM_LAM][1][GO_LIVE] = date(2017, 4, 20)  # before its training (27/04)
    s.tabs[CAM_LAM][2][TRAINING_DATE] = s.intent[CAM_LAM][2][TRAINING_DATE] = date(2017, 6, 5)  # after 20/05
    s.tabs[CAM_LAM][3][ENTERED] = "50%"
    s.intent[CAM_LAM][3][ENTERED] = None
    s.expected = [(f"{CAM_LAM}!P2", "go_live_before_training"), (f"{CAM_LAM}!L3", "date_after_as_of"),
                  (f"{CAM_LAM}!P3", "go_live_before_training"), (f"{CAM_LAM}!O4", "percent_in_count")]

    s = shape("an old copy of a district tab left in the workbook")
    s.tabs["Sheet1"] = copy.deepcopy(demo[CAM_LAM])  # names no district: every point repeats a Cam Lâm code
    s.expected = [(f"Sheet1!A{row}", "duplicate_code") for row in range(2, 17)] + [("Sheet1", "unlisted_district_tab")]

    # -- 8. codes numbered per district
    s = shape("two districts that both number their points 1, 2, 3…")
    for title in (CAM_LAM, KHANH_VINH):
        for number, row in enumerate(s.tabs[title][1:], start=1):
            row[CODE] = number
    return shapes


# ---------------------------------------------------------------- serving a shape

def google_tabs(tabs: dict[str, list[list]]) -> dict[str, list[list]]:
    """What Google holds: a formula's computed value in place of the formula."""
    return {title: [[cell.value if isinstance(cell, Formula) else cell for cell in row] for row in grid]
            for title, grid in tabs.items()}


def write_shape_workbook(shape: Shape, path: Path) -> Path:
    """The shape as an .xlsx a district office would send: formulas unsaved, merges, hidden rows and tabs."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, grid in shape.tabs.items():
        sheet = book.create_sheet(title)
        for row_number, row in enumerate(grid, start=1):
            for col_number, value in enumerate(row, start=1):
                if value is None:
                    continue
                # openpyxl writes a formula with no stored result, as tools that do not calculate do.
                sheet.cell(row_number, col_number, value.text if isinstance(value, Formula) else value)
        for first_row, first_col, last_row, last_col in shape.merges.get(title, []):
            sheet.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
        for row in [*shape.hidden_rows.get(title, []), *shape.filtered_rows.get(title, [])]:
            sheet.row_dimensions[row].hidden = True
        if title in shape.hidden_tabs:
            sheet.sheet_state = "hidden"
        if shape.formatted_last_row and len(grid) > 1 and len(grid[0]) == COLUMNS:
            sheet["S1048576"].font = Font(bold=True)
    book.save(path)
    return path


def serve_shape(google, sheet_id: str, title: str, shape: Shape, shared_with: set[str]) -> None:
    """The shape on the local Sheets server: values, merges, hidden rows and tabs, locale."""
    google.add_spreadsheet(sheet_id, title, google_tabs(shape.tabs), shared_with=shared_with)
    for tab, merges in shape.merges.items():
        for merge in merges:
            google.merge(sheet_id, tab, *merge)
    for tab, rows in shape.hidden_rows.items():
        google.hide_rows(sheet_id, tab, rows)
    for tab, rows in shape.filtered_rows.items():
        google.hide_rows(sheet_id, tab, rows, by_filter=True)
    for tab in shape.hidden_tabs:
        google.hide_tab(sheet_id, tab)
    if shape.locale:
        google.set_locale(sheet_id, shape.locale)

