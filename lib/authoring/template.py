"""The empty sheet as an .xlsx workbook, generated from `lib.schema`: headers, widths, dropdowns.

Districts come from the boundary files (geography is data), milestones from the order's seeds.
`format_sheet` is shared with the demo workbook so both carry the same validation. The rules a
cell must follow (lists, whole numbers, the date window, inconsistent rows) are defined here once
and laid onto a Google Sheet too, by `lib.authoring.sheet_setup` (`python -m lib init-sheet`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl.packaging.core import DocumentProperties
from openpyxl.xml.functions import tostring

from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lib import schema, theme
from lib.coercion import parse_date
from lib.conventions import CELL_RULES, DATE_FORMAT, cell_prompt_vi, plausible_dates, tab_schema
from lib.geography import Geography, load_geography
from lib.schema import Column, Kind, Tab
from lib.sources.workbook import write_grids

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
VALIDATED_ROWS = 500  # validation covers this many rows below the header
FIXED_TIMESTAMP = datetime(2017, 5, 20)  # keeps generated files byte-for-byte reproducible
# The window the cleaning enforces (`lib.conventions.plausible_dates`), for the milestones the template seeds.
PLAUSIBLE_DATES = plausible_dates(parse_date(deadline)[0] for _, _, deadline, _, _ in schema.SEED_MILESTONES)
INCONSISTENT_FILL = theme.BAD.tint.lstrip("#").upper()  # the palette's "bad" tint, behind a contradicting row
# Rows the cleaning reports as inconsistent, on a district's tab: (figure, the figure it may not exceed).
INCONSISTENT_ROWS = (("trained_staff", "staff"), ("children_entered", "eligible_children"))


def inconsistency_formulas(positions: dict[str, int], first_row: int) -> list[str]:
    """Formulas (without "=") true on a row whose figures contradict each other, written for `first_row`
    (1-based) and relative in the row: `positions` maps column keys to 0-based column indexes."""
    formulas = []
    for more, limit in INCONSISTENT_ROWS:
        if more in positions and limit in positions:
            m, lim = get_column_letter(positions[more] + 1), get_column_letter(positions[limit] + 1)
            formulas.append(f"AND(ISNUMBER(${m}{first_row}),ISNUMBER(${lim}{first_row}),"
                            f"${m}{first_row}>${lim}{first_row})")
    return formulas


def whole_number_formula(letter: str, row: int) -> str:
    """True for a whole number >= 0 in `letter``row` (relative): the Google Sheet's count rule."""
    cell = f"{letter}{row}"
    return f"AND(ISNUMBER({cell}),{cell}>=0,{cell}=INT({cell}))"


# The template shows a column's help when a cell is selected (an input message, `showInputMessage`),
# not on hover; the guide says so in these words.
HELP_ON_SELECT_VI = "Bấm chọn một ô để xem hướng dẫn của cột đó: hướng dẫn hiện ngay cạnh ô (di chuột thì không hiện)."
# The Huyện tab arrives with each district's commune count as its expected points (one station per
# commune): a start, to be checked, since it is the denominator of every share of the district.
EXPECTED_POINTS_NOTE_VI = ("Mẫu điền sẵn số xã, phường của huyện (mỗi trạm y tế xã một điểm) làm số điểm tiêm dự "
                           "kiến: tuyến tỉnh hãy kiểm tra và sửa cho đúng. Số này là mẫu số của mọi tỷ lệ của huyện "
                           "(đủ điều kiện, sẵn sàng, tiến độ), nên sai số này là sai mọi phần trăm.")


def header_row(tab: Tab) -> list[str]:
    """The header cells of `tab`, in the schema's order."""
    return [column.header_vi for column in tab.columns]


def seed_rows(districts: list[dict], geography: Geography | None = None) -> dict[str, list[list]]:
    """The rows below the header that the template starts with, by tab key: the settings' names
    (the order's number and date from `geography`, default the selected one), the order's
    milestones, and the districts (code, name, name_short, commune_count)."""
    return {
        schema.SETTINGS.key: [[s.name_vi, seed_value(s, geography)] for s in schema.SETTING_ROWS],
        schema.MILESTONES.key: [[code, text, parse_date(deadline)[0], unit, measure]
                                for code, text, deadline, unit, measure in schema.SEED_MILESTONES],
        schema.DISTRICTS.key: [[d["code"], d["name"], d["name_short"], d.get("commune_count"), None, None, None]
                               for d in districts],
    }


def seed_value(setting: schema.Setting, geography: Geography | None = None):
    """A setting's starting value, typed as a cell holds it (a date setting gets a real date).

    The order's number and date come from `geography` (default: the selected one); None when
    its folder names no order.
    """
    seed = setting.seed
    if setting.key in schema.GEOGRAPHY_SEEDS:
        seed = getattr(geography or load_geography(), schema.GEOGRAPHY_SEEDS[setting.key]) or None
    if seed is None or setting.kind != schema.Kind.DATE:
        return seed
    return parse_date(seed)[0]


def template_grids(geography: Geography) -> dict[str, list[list]]:
    """The empty sheet's grids: the fixed tabs with their seeded rows, and one points tab per district."""
    seeds = seed_rows(geography.districts, geography)
    grids: dict[str, list[list]] = {tab.title: [header_row(tab)] + seeds[tab.key]
                                    for tab in (schema.SETTINGS, schema.MILESTONES, schema.DISTRICTS)}
    for district in geography.districts:
        grids[district["name_short"]] = [header_row(schema.POINTS)]
    grids[schema.TRAINING.title] = [header_row(schema.TRAINING)]
    grids[schema.DIFFICULTIES.title] = [header_row(schema.DIFFICULTIES)]
    return grids


def allowed_values(column: Column) -> tuple[str, ...]:
    """The values a list column offers: Có/Không, or the schema's choices."""
    return (schema.YES, schema.NO) if column.kind == Kind.YES_NO else tuple(column.choices)


def _validation(column, first: str, last: str) -> DataValidation | None:
    help_text = cell_prompt_vi(column)
    cell_rule = CELL_RULES[column.kind]
    if cell_rule.check == "list":
        rule = DataValidation(type="list", formula1='"' + ",".join(allowed_values(column)) + '"', allow_blank=True)
    elif cell_rule.check == "whole":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    elif cell_rule.check == "date":
        start, end = (f"DATE({d.year},{d.month},{d.day})" for d in PLAUSIBLE_DATES)
        rule = DataValidation(type="date", operator="between", formula1=start, formula2=end, allow_blank=True)
    else:
        return None
    if not cell_rule.strict:
        rule.errorStyle = "warning"  # the dashboard still reads it; a refusal would lose what was typed
    rule.error = f"{column.header_vi}: {help_text}"
    rule.errorTitle = "Giá trị không hợp lệ"
    rule.prompt = help_text
    rule.promptTitle = column.header_vi[:32]
    rule.showErrorMessage = rule.showInputMessage = True
    rule.add(f"{first}:{last}")
    return rule


def format_sheet(sheet, tab: Tab) -> None:
    """Bold frozen header, widths, date formats and dropdowns on one tab (header in row 1); on a
    district's tab, inconsistent rows tinted."""
    sheet.freeze_panes = "A2"
    for index, column in enumerate(tab.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if column.kind == Kind.DATE:
            for row in range(2, max(sheet.max_row, 2) + 1):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        rule = _validation(column, f"{letter}2", f"{letter}{VALIDATED_ROWS + 1}")
        if rule is not None:
            sheet.add_data_validation(rule)
    if tab is schema.DISTRICTS:  # the seeded expected points: say they are a start to check
        header = sheet.cell(row=1, column=tab.columns.index(tab.column("expected_points")) + 1)
        header.comment = Comment(EXPECTED_POINTS_NOTE_VI, "Mẫu", width=320, height=150)
    if tab is schema.POINTS:
        positions = {column.key: index for index, column in enumerate(tab.columns)}
        rows = f"A2:{get_column_letter(len(tab.columns))}{VALIDATED_ROWS + 1}"
        for formula in inconsistency_formulas(positions, 2):
            sheet.conditional_formatting.add(rows, FormulaRule(
                formula=[formula], fill=PatternFill("solid", start_color=INCONSISTENT_FILL, end_color=INCONSISTENT_FILL)))


def save_workbook(grids: dict[str, list[list]], path: Path) -> Path:
    """Write grids as a formatted, reproducible workbook."""
    path = Path(path)
    book = write_grids(grids, path)
    for sheet in book.worksheets:
        format_sheet(sheet, tab_schema(sheet.title))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_reproducible_xlsx(book))
    return path


def _reproducible_xlsx(book) -> bytes:
    """The workbook's bytes with the save time removed from both the properties and the zip."""
    book.properties = DocumentProperties(creator="lib", created=FIXED_TIMESTAMP, modified=FIXED_TIMESTAMP)
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl stamps `modified` with the current time while saving
    book.properties.modified = FIXED_TIMESTAMP
    core_xml = tostring(book.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = core_xml if info.filename == "docProps/core.xml" else source.read(info.filename)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # the default depends on the OS; fix it so bytes match everywhere
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


def write_template(path: Path, geography: Geography | None = None) -> Path:
    """Write the empty sheet to `path` (formatted, reproducible bytes); returns the path."""
    return save_workbook(template_grids(geography or load_geography()), path)


def new_province_grids(geography: Geography) -> dict[str, list[list]]:
    """The empty sheet of `geography`'s province: `template_grids` with the settings naming the province."""
    grids = template_grids(geography)
    province = next(s for s in schema.SETTING_ROWS if s.key == "province")
    for row in grids[schema.SETTINGS.title][1:]:
        if row[0] == province.name_vi:
            row[1] = geography.province_name
    return grids


def write_new_province(path: Path, geography: Geography | None = None) -> Path:
    """Write the empty workbook a new province starts from (`python -m lib new-province`); returns the path."""
    return save_workbook(new_province_grids(geography or load_geography()), path)
