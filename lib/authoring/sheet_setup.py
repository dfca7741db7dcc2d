"""Laying the schema onto a Google Sheet (`python -m lib init-sheet`): plan the requests, then send them.

Districts edit the shared sheet; the less they can type wrong, the better every figure. This
module turns `lib.schema` into one `spreadsheets.batchUpdate`: missing tabs and header cells,
frozen header rows, column widths, number formats, data validation, tinted inconsistent rows,
per-district protection and the spreadsheet's locale (vi_VN). The rules themselves (lists, whole numbers, the date window, the
inconsistent-row formulas) are the workbook template's (`lib.authoring.template`), so the .xlsx and the
Google Sheet carry the same validation.

Planning is pure: `plan_sheet_setup(state, editors, ...)` compares the schema with what the sheet
already has (`SheetState`, parsed from two metadata reads) and returns only what is missing.
It never deletes, reorders or overwrites a value: headers are written only into empty cells (a
missing column goes after the last header), seed rows only into a tab with nothing below its
header, and protections only gain editors. Running it twice sends nothing the second time.

Only this command asks for the read-write scope; the dashboard stays read-only.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from lib import schema, theme
from lib.access import split_emails as access_emails
from lib.sheet_shape import HEADER_SCAN_ROWS, locate_header
from lib.conventions import CELL_RULES, DATE_FORMAT, cell_prompt_vi, date_to_serial, find_tab
from lib.i18n import t
from lib.schema import Column, Kind, Tab
from lib.sources.google_sheet import GoogleSheet, RetryPolicy
from lib.authoring.template import (
    HEADER_FILL,
    PLAUSIBLE_DATES,
    allowed_values,
    inconsistency_formulas,
    seed_rows,
    whole_number_formula,
)
from lib.textnorm import fold

WRITE_SCOPE = "https://www.googleapis.com/auth/spreadsheets"
DEFAULT_PIXELS = 100  # Google's width of a column nobody has resized
PIXELS_PER_CHARACTER = 7
NEW_TAB_ROWS = 1000
NEW_TAB_COLUMNS = 26
# Number formats by kind; codes as plain text so that leading zeros survive.
NUMBER_FORMATS = {
    Kind.DATE: {"type": "DATE", "pattern": DATE_FORMAT},
    Kind.COUNT: {"type": "NUMBER", "pattern": "#,##0"},
    Kind.CODE: {"type": "TEXT", "pattern": "@"},
}
INCONSISTENT_COLOR = dict(zip(("red", "green", "blue"),
                              (int(theme.BAD.tint[i:i + 2], 16) / 255 for i in (1, 3, 5))))  # the "bad" tint
# Tabs only the provincial team edits (district tabs: the district too; the logs stay open).
PROVINCE_ONLY_TABS = ("settings", "milestones", "districts")
PROTECTION_MARK = "init-sheet"  # in the description of the protections this command makes

# The locale decides how Google reads what districts type: under vi_VN "05/06/2017" is 5 June
# and "1,5" one and a half; under en_US the first is 6 May, "20/05/2017" stays text, and the
# second is 15. The dashboard reads such cells as vi_VN, so the sheet must be too.
LOCALE = "vi_VN"

# What the grid read asks for: the header area of every tab (Huyện whole: its district list).
STATE_FIELDS = "properties(title,locale),sheets(properties,protectedRanges,conditionalFormats)"
GRID_FIELDS = ("sheets(properties.sheetId,data(startRow,startColumn,rowData.values(formattedValue,"
               "dataValidation,userEnteredFormat.numberFormat),columnMetadata.pixelSize))")


# ---------------------------------------------------------------- editors

@dataclass(frozen=True)
class Editors:
    """Who may edit what: the provincial team everywhere, each district its own tab.

    `districts` maps a folded tab name, district name or district code to e-mails.
    """

    province: tuple[str, ...] = ()
    districts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    invalid: tuple[str, ...] = ()  # entries that are not e-mail addresses (reported, not used)

    def of(self, *names: str) -> tuple[str, ...]:
        """The editors' e-mails of the districts named (by name or code), without repeats."""
        found: list[str] = []
        for name in names:
            found += self.districts.get(fold(name), ())
        return tuple(dict.fromkeys(found))


def split_emails(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(e-mails, rejected entries) in text separated by commas, semicolons, spaces or new lines.

    The addresses are the ones the dashboard's access list reads (`lib.access.split_emails`), so
    the sheet's protections and the dashboard agree on who a cell names; an entry holding none
    is rejected (reported)."""
    good, bad = [], []
    for entry in re.split(r"[,;\s]+", text or ""):
        entry = entry.strip().strip("<>\"'")
        if not entry:
            continue
        found = access_emails(entry)
        if found:
            good += found
        else:
            bad.append(entry)
    return tuple(dict.fromkeys(good)), tuple(bad)


PROVINCE_KEYS = {"province", "tinh", "tỉnh"}


def parse_editors(text: str, csv_format: bool = False) -> Editors:
    """An editors file: `name: e-mails` lines (a YAML mapping of strings), or CSV rows `name,e-mails...`.

    `name` is a district's tab name, name or code, or `province` (also `tỉnh`) for the provincial
    team. Lines starting with # are comments.
    """
    province: list[str] = []
    districts: dict[str, list[str]] = {}
    invalid: list[str] = []
    if csv_format:
        entries = [(row[0], " ".join(row[1:])) for row in csv.reader(io.StringIO(text)) if row and row[0].strip()]
    else:
        entries = []
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if ":" in line:
                name, _, emails = line.partition(":")
                entries.append((name, emails))
    for name, emails in entries:
        name = name.strip().strip("\"'")
        good, bad = split_emails(emails)
        if not good and not bad or not name:
            continue  # a CSV header row, an empty entry
        invalid += bad
        if fold(name) in {fold(key) for key in PROVINCE_KEYS}:
            province += good
        else:
            districts.setdefault(fold(name), []).extend(good)
    return Editors(tuple(dict.fromkeys(province)), {k: tuple(dict.fromkeys(v)) for k, v in districts.items()},
                   tuple(invalid))


def read_editors_file(path: Path) -> Editors:
    """The editors' e-mails per district from a text file (one "district: e-mail, e-mail" per line)."""
    path = Path(path)
    return parse_editors(path.read_text(encoding="utf-8-sig"), csv_format=path.suffix.lower() == ".csv")


# ---------------------------------------------------------------- the sheet as it is

@dataclass
class TabState:
    """One tab of the Google Sheet as init-sheet found it: title, gid, size, header cells, rules in place."""
    title: str
    sheet_id: int
    index: int
    frozen_rows: int = 0
    row_count: int = NEW_TAB_ROWS
    column_count: int = NEW_TAB_COLUMNS
    cells: list[list[dict]] = field(default_factory=list)  # the header area (Huyện: all), as Google's CellData
    widths: list[int] = field(default_factory=list)  # pixels per column
    conditional_formats: list[dict] = field(default_factory=list)
    protected_ranges: list[dict] = field(default_factory=list)

    @property
    def grid(self) -> list[list]:
        """The tab's cells as the dashboard reads them: formatted text, None when blank."""
        return [[cell.get("formattedValue") or None for cell in row] for row in self.cells]

    def cell(self, row: int, column: int) -> dict:
        """The Google cell data at (`row`, `column`), 0-based; {} outside what was read."""
        if row < len(self.cells) and column < len(self.cells[row]):
            return self.cells[row][column]
        return {}

    def width(self, column: int) -> int:
        """The width of `column` (0-based) in pixels; Google's default when nobody resized it."""
        return self.widths[column] if column < len(self.widths) else DEFAULT_PIXELS


@dataclass
class SheetState:
    """The whole Google Sheet as init-sheet found it: title, tabs and locale."""
    title: str
    tabs: list[TabState]
    locale: str = ""  # as Google says ("vi_VN", "en_US"); "" when unknown

    def find(self, title: str) -> TabState | None:
        """The tab called `title` (as `lib.conventions.find_tab` finds it), or None."""
        found = find_tab((tab.title for tab in self.tabs), title)
        return next((tab for tab in self.tabs if tab.title == found), None)


def grid_ranges(metadata: Mapping) -> list[str]:
    """The ranges of the second read: each tab's header area, the whole Huyện tab."""
    ranges = []
    for sheet in metadata.get("sheets", []):
        properties = sheet.get("properties", {})
        if properties.get("sheetType", "GRID") != "GRID":
            continue
        quoted = "'" + str(properties["title"]).replace("'", "''") + "'"
        whole = fold(properties["title"]) == fold(schema.DISTRICTS.title)
        ranges.append(quoted if whole else f"{quoted}!1:{HEADER_SCAN_ROWS + 1}")
    return ranges


def parse_sheet_state(metadata: Mapping, grid: Mapping) -> SheetState:
    """The two reads (metadata; header areas with validation, formats, widths) as one `SheetState`."""
    data_by_id: dict[int, list[dict]] = {}
    for sheet in grid.get("sheets", []):
        data_by_id[int(sheet.get("properties", {}).get("sheetId", 0))] = sheet.get("data") or []
    tabs = []
    for sheet in metadata.get("sheets", []):
        properties = sheet.get("properties", {})
        if properties.get("sheetType", "GRID") != "GRID":
            continue
        sheet_id = int(properties.get("sheetId", 0))
        grid_properties = properties.get("gridProperties", {})
        cells: list[list[dict]] = []
        widths: list[int] = []
        for block in data_by_id.get(sheet_id, []):
            start = int(block.get("startRow", 0))
            while len(cells) < start:
                cells.append([])
            for row in block.get("rowData") or []:
                cells.append(list(row.get("values") or []))
            widths = widths or [int(c.get("pixelSize", DEFAULT_PIXELS)) for c in block.get("columnMetadata") or []]
        tabs.append(TabState(
            title=str(properties.get("title", "")), sheet_id=sheet_id, index=int(properties.get("index", 0)),
            frozen_rows=int(grid_properties.get("frozenRowCount", 0)),
            row_count=int(grid_properties.get("rowCount", NEW_TAB_ROWS)),
            column_count=int(grid_properties.get("columnCount", NEW_TAB_COLUMNS)),
            cells=cells, widths=widths,
            conditional_formats=list(sheet.get("conditionalFormats") or []),
            protected_ranges=list(sheet.get("protectedRanges") or [])))
    properties = metadata.get("properties", {})
    return SheetState(str(properties.get("title", "")), tabs, locale=str(properties.get("locale") or ""))


# ---------------------------------------------------------------- rules, from the schema

def validation_rule(column: Column, letter: str, first_row: int) -> dict | None:
    """The Google data-validation rule of a column (as the template's), `first_row` 1-based."""
    cell_rule = CELL_RULES[column.kind]
    if cell_rule.check == "list":
        condition = {"type": "ONE_OF_LIST", "values": [{"userEnteredValue": v} for v in allowed_values(column)]}
    elif cell_rule.check == "whole":
        condition = {"type": "CUSTOM_FORMULA",
                     "values": [{"userEnteredValue": "=" + whole_number_formula(letter, first_row)}]}
    elif cell_rule.check == "date":
        condition = {"type": "DATE_BETWEEN", "values": [{"userEnteredValue": f"=DATE({d.year},{d.month},{d.day})"}
                                                        for d in PLAUSIBLE_DATES]}
    else:
        return None
    rule = {"condition": condition, "strict": cell_rule.strict, "inputMessage": _input_message(column)}
    if cell_rule.strict:
        rule["showCustomUi"] = True
    return rule


def _input_message(column: Column) -> str:
    return f"{column.header_vi}: {cell_prompt_vi(column)}"[:250]


def _same_condition(current: dict | None, wanted: dict) -> bool:
    if not current:
        return False
    have, want = current.get("condition", {}), wanted["condition"]
    values = lambda c: [v.get("userEnteredValue") for v in c.get("values") or []]  # noqa: E731
    return have.get("type") == want["type"] and values(have) == values(want)


def pixels(column: Column) -> int:
    """A column's width in pixels for Google, from its width in characters."""
    return column.width * PIXELS_PER_CHARACTER + 10


def _serial(value: date) -> float:
    return date_to_serial(value)


def _cell_value(value) -> dict:
    if isinstance(value, (date, datetime)):
        return {"userEnteredValue": {"numberValue": _serial(value)},
                "userEnteredFormat": {"numberFormat": NUMBER_FORMATS[Kind.DATE]}}
    if isinstance(value, bool):
        return {"userEnteredValue": {"boolValue": value}}
    if isinstance(value, (int, float)):
        return {"userEnteredValue": {"numberValue": value}}
    if value is None or value == "":
        return {}
    return {"userEnteredValue": {"stringValue": str(value)}}


def _header_cell(text: str) -> dict:
    fill = HEADER_FILL.fgColor.rgb[-6:]
    color = {name: int(fill[i:i + 2], 16) / 255 for name, i in (("red", 0), ("green", 2), ("blue", 4))}
    return {"userEnteredValue": {"stringValue": text},
            "userEnteredFormat": {"textFormat": {"bold": True}, "backgroundColor": color,
                                  "wrapStrategy": "WRAP", "verticalAlignment": "MIDDLE"}}


# ---------------------------------------------------------------- the plan

@dataclass(frozen=True)
class Change:
    """One planned change: a line for people (`key`, `params`) and its requests."""

    key: str
    params: Mapping
    requests: tuple[dict, ...]

    def line(self, lang: str = "vi") -> str:
        """What this change does, in `lang`, for the dry run."""
        return t(self.key, lang, **self.params)


@dataclass
class SetupPlan:
    """The changes init-sheet will make, each with its batchUpdate requests and its line for the dry run."""
    changes: list[Change] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)  # things left alone, and why

    @property
    def requests(self) -> list[dict]:
        """Every batchUpdate request of the plan, in order."""
        return [request for change in self.changes for request in change.requests]

    def lines(self, lang: str = "vi") -> list[str]:
        """One line per change, in `lang`."""
        return [change.line(lang) for change in self.changes]

    def note_lines(self, lang: str = "vi") -> list[str]:
        """One line per thing left alone, and why, in `lang`."""
        return [t(key, lang, **params) for key, params in self.notes]

    def add(self, key: str, requests: Sequence[dict], **params) -> None:
        """Add a change (a key of `lib.i18n` and its parameters) when it has requests to send."""
        if requests:
            self.changes.append(Change(key, params, tuple(requests)))


@dataclass(frozen=True)
class District:
    """A district of the Huyện tab as init-sheet protects it: code, tab and editors' e-mails."""
    code: str
    name: str
    tab: str
    editors: tuple[str, ...] = ()


def listed_districts(state: SheetState) -> list[District]:
    """The districts of the sheet's Huyện tab (with their editors column), in sheet order."""
    tab = state.find(schema.DISTRICTS.title)
    if tab is None:
        return []
    grid = tab.grid
    header = locate_header(grid, schema.DISTRICTS)
    if header is None:
        return []
    found = []
    for row in grid[header.row_index + 1:]:
        def value(key):
            index = header.columns.get(key)
            cell = row[index] if index is not None and index < len(row) else None
            return str(cell).strip() if cell is not None else ""
        if value("tab_name"):
            found.append(District(value("district_code"), value("district_name"), value("tab_name"),
                                  split_emails(value("editors"))[0]))
    return found


def plan_sheet_setup(state: SheetState, editors: Editors, *, service_email: str,
                     fallback_districts: Sequence[Mapping] = (),
                     fixed_tabs: Sequence[Tab] = schema.FIXED_TABS, points: Tab = schema.POINTS) -> SetupPlan:
    """The requests that bring `state` to the schema, and nothing more (see the module's docstring).

    `fallback_districts` (the boundary files' districts: code, name, name_short) give the district
    tabs when the Huyện tab lists none, and seed its rows when it is empty, as the template does.
    A locale other than `LOCALE` (or an unknown one) is set to it, as the plan's last change.
    """
    plan = SetupPlan()
    districts = listed_districts(state)
    seeds = seed_rows(list(fallback_districts))
    if not districts:
        districts = [District(d["code"], d["name"], d["name_short"]) for d in fallback_districts]
    for bad in editors.invalid:
        plan.notes.append(("setup.note.bad_email", {"entry": bad}))
    province_team = tuple(dict.fromkeys([*editors.province, service_email.lower()] if service_email
                                        else editors.province))

    wanted: list[tuple[Tab, str, District | None]] = []
    for tab in fixed_tabs:
        wanted.append((tab, tab.title, None))
        if tab.key == "districts":
            wanted += [(points, d.tab, d) for d in districts]
    # A tab holding points that Huyện does not list is still a district's (the dashboard reads it
    # as one): it gets the same rules, and the editors the file names for it.
    named = {fold(title) for _, title, _ in wanted}
    wanted += [(points, tab.title, District("", tab.title, tab.title)) for tab in list(state.tabs)
               if fold(tab.title) not in named and locate_header(tab.grid, points) is not None]
    next_id = max([tab.sheet_id for tab in state.tabs] + [0]) + 1
    for tab, title, district in wanted:
        current = state.find(title)
        if current is None:
            current = TabState(title, next_id, len(state.tabs))
            next_id += 1
            plan.add("setup.add_tab", [{"addSheet": {"properties": {
                "sheetId": current.sheet_id, "title": title,
                "gridProperties": {"rowCount": NEW_TAB_ROWS, "columnCount": max(NEW_TAB_COLUMNS, len(tab.columns)),
                                   "frozenRowCount": 1}}}}], tab=title)
            current.frozen_rows = 1
            current.column_count = max(NEW_TAB_COLUMNS, len(tab.columns))
            state.tabs.append(current)
        _plan_tab(plan, current, tab, seeds.get(tab.key, []))
        if tab.key in PROVINCE_ONLY_TABS:
            _plan_protection(plan, current, province_team, t("setup.protect.province", "vi", tab=title))
        elif district is not None:
            people = tuple(dict.fromkeys([*district.editors, *editors.of(district.tab, district.name, district.code),
                                          *province_team]))
            if not set(people) - set(province_team):
                plan.notes.append(("setup.note.no_district_editors", {"tab": title}))
            _plan_protection(plan, current, people, t("setup.protect.district", "vi", tab=title,
                                                      district=district.name or title))
    if state.locale != LOCALE:
        # Last in the batch: the formulas above (validation, tints) separate arguments with commas,
        # which the sheet's current locale was planned against; Google does not document whether it
        # parses API formulas in the new locale, so the locale changes only after they are in.
        plan.add("setup.locale", [{"updateSpreadsheetProperties": {"properties": {"locale": LOCALE},
                                                                   "fields": "locale"}}],
                 locale=state.locale or "—", wanted=LOCALE)
    return plan


def _plan_tab(plan: SetupPlan, current: TabState, tab: Tab, seed_rows: list[list]) -> None:
    grid = current.grid
    header = locate_header(grid, tab)
    title, sheet_id = current.title, current.sheet_id
    if header is None:
        if any(cell is not None for row in grid[:HEADER_SCAN_ROWS] for cell in row):
            plan.notes.append(("setup.note.unknown_header", {"tab": title}))
            return
        header_row, positions, written = 0, {c.key: i for i, c in enumerate(tab.columns)}, set(range(len(tab.columns)))
        plan.add("setup.headers", [{"updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": 0, "columnIndex": 0},
            "rows": [{"values": [_header_cell(c.header_vi) for c in tab.columns]}],
            "fields": "userEnteredValue,userEnteredFormat(textFormat,backgroundColor,wrapStrategy,verticalAlignment)"}}],
            tab=title, n=len(tab.columns), row=1)
    else:
        header_row, positions, written = header.row_index, dict(header.columns), set()
        row = grid[header_row]
        last = max([i for i, cell in enumerate(row) if cell is not None] + [-1])
        missing = [c for c in tab.columns if c.key not in positions]
        if missing:
            needed = last + 1 + len(missing)
            requests = []
            if needed > current.column_count:
                requests.append({"appendDimension": {"sheetId": sheet_id, "dimension": "COLUMNS",
                                                     "length": needed - current.column_count}})
                current.column_count = needed
            requests.append({"updateCells": {
                "start": {"sheetId": sheet_id, "rowIndex": header_row, "columnIndex": last + 1},
                "rows": [{"values": [_header_cell(c.header_vi) for c in missing]}],
                "fields": "userEnteredValue,userEnteredFormat(textFormat,backgroundColor,wrapStrategy,"
                          "verticalAlignment)"}})
            for offset, column in enumerate(missing):
                positions[column.key] = last + 1 + offset
                written.add(last + 1 + offset)
            plan.add("setup.append_columns", requests, tab=title,
                     columns=", ".join(c.header_vi for c in missing),
                     at=get_column_letter(last + 2))
    first = header_row + 1  # 0-based index of the first data row
    body = grid[first:]
    if seed_rows and not any(cell is not None for row in body for cell in row):
        plan.add("setup.seed", [{"updateCells": {
            "start": {"sheetId": sheet_id, "rowIndex": first, "columnIndex": 0},
            "rows": [{"values": [_cell_value(value) for value in row]} for row in seed_rows],
            "fields": "userEnteredValue,userEnteredFormat.numberFormat"}}], tab=title, n=len(seed_rows))
    if current.frozen_rows < header_row + 1:
        plan.add("setup.freeze", [{"updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": header_row + 1}},
            "fields": "gridProperties.frozenRowCount"}}], tab=title, n=header_row + 1)

    by_index = sorted(((positions[c.key], c) for c in tab.columns if c.key in positions), key=lambda p: p[0])
    widths = [{"updateDimensionProperties": {
        "range": {"sheetId": sheet_id, "dimension": "COLUMNS", "startIndex": index, "endIndex": index + 1},
        "properties": {"pixelSize": pixels(column)}, "fields": "pixelSize"}}
        for index, column in by_index
        # A column someone resized keeps its width; a new or untouched one gets the schema's.
        if current.width(index) != pixels(column) and (index in written or current.width(index) == DEFAULT_PIXELS)]
    plan.add("setup.widths", widths, tab=title, n=len(widths))

    formats, validations = [], []
    for index, column in by_index:
        column_range = {"sheetId": sheet_id, "startRowIndex": first, "startColumnIndex": index,
                        "endColumnIndex": index + 1}
        below = current.cell(first, index)
        wanted_format = NUMBER_FORMATS.get(column.kind)
        # A format already there (even another date pattern) is someone's choice: left alone.
        if wanted_format and not below.get("userEnteredFormat", {}).get("numberFormat"):
            formats.append((column, {"repeatCell": {"range": column_range,
                                                    "cell": {"userEnteredFormat": {"numberFormat": wanted_format}},
                                                    "fields": "userEnteredFormat.numberFormat"}}))
        rule = validation_rule(column, get_column_letter(index + 1), first + 1)
        if rule is not None and not _same_condition(below.get("dataValidation"), rule):
            validations.append((column, {"setDataValidation": {"range": column_range, "rule": rule}}))
    plan.add("setup.formats", [r for _, r in formats], tab=title, columns=", ".join(c.header_vi for c, _ in formats))
    plan.add("setup.validation", [r for _, r in validations], tab=title,
             columns=", ".join(c.header_vi for c, _ in validations))

    if tab.key == "points":
        existing = {value.get("userEnteredValue") for rule in current.conditional_formats
                    for value in rule.get("booleanRule", {}).get("condition", {}).get("values") or []}
        width = max(positions.values()) + 1
        rules = []
        for formula in inconsistency_formulas(positions, first + 1):
            if "=" + formula in existing:
                continue
            rules.append({"addConditionalFormatRule": {"index": len(current.conditional_formats) + len(rules), "rule": {
                "ranges": [{"sheetId": sheet_id, "startRowIndex": first, "startColumnIndex": 0,
                            "endColumnIndex": width}],
                "booleanRule": {"condition": {"type": "CUSTOM_FORMULA", "values": [{"userEnteredValue": "=" + formula}]},
                                "format": {"backgroundColor": INCONSISTENT_COLOR}}}}})
        plan.add("setup.inconsistent", rules, tab=title, n=len(rules))


def _whole_tab(protected: Mapping, sheet_id: int) -> bool:
    cells = protected.get("range") or {}
    return (int(cells.get("sheetId", 0)) == sheet_id and not protected.get("warningOnly")
            and not any(key in cells for key in ("startRowIndex", "endRowIndex", "startColumnIndex",
                                                 "endColumnIndex")))


def _plan_protection(plan: SetupPlan, current: TabState, people: Sequence[str], description: str) -> None:
    ours = next((p for p in current.protected_ranges if _whole_tab(p, current.sheet_id)), None)
    if ours is None:
        plan.add("setup.protect", [{"addProtectedRange": {"protectedRange": {
            "range": {"sheetId": current.sheet_id}, "description": f"{description} ({PROTECTION_MARK})",
            "warningOnly": False, "editors": {"users": list(people)}}}}],
            tab=current.title, editors=", ".join(people))
        return
    have = [str(e).lower() for e in (ours.get("editors") or {}).get("users") or []]
    missing = [p for p in people if p not in have]
    if missing:
        # Editors are only ever added: taking someone's right away is the province's decision.
        plan.add("setup.protect_more", [{"updateProtectedRange": {
            "protectedRange": {"protectedRangeId": ours["protectedRangeId"],
                               "editors": {"users": have + missing}},
            "fields": "editors"}}], tab=current.title, editors=", ".join(missing))


# ---------------------------------------------------------------- talking to Google

class SheetWriter(GoogleSheet):
    """A `GoogleSheet` whose key asks for the read-write scope (this command only), with the reads
    and the one write that set-up needs. Retries, timeouts and error messages are the reader's."""

    SCOPES = (WRITE_SCOPE,)

    def __init__(self, spreadsheet: str, credentials_info: Mapping, **options):
        options.setdefault("policy", RetryPolicy(total=60.0))
        super().__init__(spreadsheet, credentials_info, **options)

    def read_state(self) -> SheetState:
        """Two reads: the tabs with their protections and conditional formats; then every tab's header
        area (values, validation, number formats, widths) and the whole Huyện tab."""
        deadline = self._clock() + self.policy.total
        metadata = self._call(lambda: self._http.fetch_sheet_metadata(self.sheet_id, params={"fields": STATE_FIELDS}),
                              deadline)
        ranges = grid_ranges(metadata)
        grid = self._call(lambda: self._http.fetch_sheet_metadata(
            self.sheet_id, params={"includeGridData": "true", "ranges": ranges, "fields": GRID_FIELDS}),
            deadline) if ranges else {}
        return parse_sheet_state(metadata, grid)

    def apply(self, plan: SetupPlan) -> dict | None:
        """The plan as ONE batchUpdate (Google applies all of it or none); nothing sent when it is empty."""
        if not plan.requests:
            return None
        deadline = self._clock() + self.policy.total
        body = {"requests": plan.requests, "includeSpreadsheetInResponse": False}
        return self._call(lambda: self._http.batch_update(self.sheet_id, body), deadline)
