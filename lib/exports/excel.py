"""The district table and the point list as a formatted Excel workbook, safe to open.

Headers are the sheet's own (from `lib.schema`) for the point columns and from the strings
table for computed ones; counts, shares and dates carry Excel number formats; the header row is
frozen. Text from the sheet that starts like a formula (`=`, `+`, `-`, `@`) is written as text
with Excel's quote prefix: it shows as typed and never runs, not even after the cell is edited.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lib import schema
from lib.i18n import t
from lib.metrics.readiness import CONDITIONS
from lib.metrics.rollout import Rollout
from lib.views.format import format_date
from lib.views.tables import report_label

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
FORMATS = {"count": "#,##0", "share": "0.0%", "date": "dd/mm/yyyy", "text": "@", "yes_no": "General"}


@dataclass(frozen=True)
class Column:
    """One column of the exported sheet: the table column it shows, its translated header, kind (count, share, date, text, yes_no) and width in characters."""
    key: str  # column of the computed table
    header: str  # already translated
    kind: str  # count | share | date | text | yes_no
    width: float


def is_formula_like(value) -> bool:
    """True for text a spreadsheet would run as a formula (=, +, -, @ first): it is written as text."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def write_cell(sheet, row: int, column: int, value, kind: str = "text"):
    """Write one value; text that looks like a formula stays text (data type 's' + quote prefix)."""
    cell = sheet.cell(row=row, column=column)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return cell
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        value = value.date() if kind == "date" else value
    if hasattr(value, "item") and not isinstance(value, (str, date)):
        value = value.item()  # numpy scalars → Python
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        if is_formula_like(value):
            cell.quotePrefix = True
    else:
        cell.number_format = FORMATS[kind]
    return cell


def _yes_no(value, lang: str) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return t("exp.yes", lang) if bool(value) else t("exp.no", lang)


def _write_table(sheet, columns: list[Column], rows: list[dict], lang: str, total: dict | None = None) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 45
    for row_number, row in enumerate(rows + ([total] if total else []), start=2):
        for index, column in enumerate(columns, start=1):
            value = row.get(column.key)
            if column.kind == "yes_no":
                value = _yes_no(value, lang)
            cell = write_cell(sheet, row_number, index, value, column.kind)
            if total is not None and row is total:
                cell.font = Font(bold=True)
                cell.fill = TOTAL_FILL
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def district_columns(lang: str = "vi") -> list[Column]:
    """The columns of the districts sheet, headers in `lang`, in order."""
    spec = [
        ("district_code", "exp.col.district_code", "text", 10),
        ("district_name", "col.district", "text", 24),
        ("points", "exp.col.points", "count", 10),
        ("expected_points", "exp.col.expected_points", "count", 11),
        ("points_target", "exp.col.points_target", "count", 11),
        ("points_equipped", "exp.col.points_equipped", "count", 13),
        ("share_equipped", "exp.col.share_equipped", "share", 11),
        ("staff", "exp.col.staff", "count", 11),
        ("trained_staff", "exp.col.trained_staff", "count", 11),
        ("points_trained", "exp.col.points_trained", "count", 13),
        ("share_trained", "exp.col.share_trained", "share", 11),
        ("proficient", "exp.col.proficient", "count", 12),
        ("points_live", "exp.col.points_live", "count", 12),
        ("share_live", "exp.col.share_live", "share", 11),
        ("eligible_children", "exp.col.eligible_children", "count", 13),
        ("children_entered", "exp.col.children_entered", "count", 13),
        ("share_children", "exp.col.share_children", "share", 11),
        ("points_ready", "exp.col.points_ready", "count", 12),
        ("share_ready", "exp.col.share_ready", "share", 11),
        ("forecast", "exp.col.forecast", "date", 13),
        ("report", "exp.col.report", "text", 20),
        ("report_date", "exp.col.report_date", "date", 13),
    ]
    return [Column(key, t(label, lang), kind, width) for key, label, kind, width in spec]


def district_rows(rollout: Rollout, lang: str = "vi") -> tuple[list[dict], dict]:
    """One dict per district (as the dashboard computes it) and the province total row."""
    reports = rollout.reports.set_index("district_code") if not rollout.reports.empty else None
    forecasts = dict(zip(rollout.pace["district_code"], rollout.pace["forecast"]))
    rows = []
    for district in rollout.district_readiness.to_dict("records"):
        code = district["district_code"]
        report = reports.loc[code] if reports is not None and code in reports.index else None
        rows.append({**district, "forecast": forecasts.get(code),
                     "report": report_label(report["state"], lang) if report is not None else None,
                     "report_date": report["report_date"] if report is not None else None})
    # The province row is the headline: the district rows summed, its shares by the districts' rule.
    total = {**rollout.headline, "district_name": t("exp.total", lang)}
    return rows, total


_POINT_KINDS = {schema.Kind.COUNT: "count", schema.Kind.DATE: "date", schema.Kind.YES_NO: "yes_no"}
_POINT_SKIPPED = ("latitude", "longitude")


def point_columns(lang: str = "vi") -> list[Column]:
    """The sheet's own point columns (same headers as the tab districts fill), then the verdicts."""
    columns = [Column("district_name", t("col.district", lang), "text", 22)]
    for column in schema.POINTS.columns:
        if column.key in _POINT_SKIPPED:
            continue
        columns.append(Column(column.key, column.header_vi if lang == "vi" else column.label_en,
                              _POINT_KINDS.get(column.kind, "text"), column.width))
    columns += [Column(key, t(label, lang), "yes_no", 12) for key, label in (
        *((condition.key, condition.label) for condition in CONDITIONS), ("ready", "col.ready"))]
    columns.append(Column("conditions_met", t("exp.col.conditions_met", lang), "count", 11))
    return columns


def build_tables_workbook(rollout: Rollout, province: str, lang: str = "vi",
                          district_code: str | None = None) -> bytes:
    """The .xlsx: the districts (province only), the points, and a sheet saying what this is."""
    book = Workbook()
    book.remove(book.active)
    points = rollout.point_status
    if district_code is None:
        rows, total = district_rows(rollout, lang)
        _write_table(book.create_sheet(t("exp.sheet.districts", lang)), district_columns(lang), rows, lang, total)
    else:
        points = points.loc[points["district_code"] == district_code]
    ordered = points.sort_values(["district_code", "point_code"]) if not points.empty else points
    _write_table(book.create_sheet(t("exp.sheet.points", lang)), point_columns(lang), ordered.to_dict("records"),
                 lang)

    about = book.create_sheet(t("exp.sheet.about", lang))
    names = dict(zip(rollout.district_readiness["district_code"], rollout.district_readiness["district_name"]))
    lines = [(t("exp.about.province", lang), province),
             (t("exp.about.district", lang), names.get(district_code, district_code) if district_code else None),
             (t("exp.about.as_of", lang), format_date(rollout.as_of, lang)),
             (t("exp.about.note", lang), t("exp.about.note_text", lang))]
    for row, (label, value) in enumerate((line for line in lines if line[1] is not None), start=1):
        write_cell(about, row, 1, label).font = Font(bold=True)
        write_cell(about, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
