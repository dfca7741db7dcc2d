"""The official roll-out report as a Word document, in the shape of a Vietnamese administrative report.

Two versions, as the order asks: the province's (from the Preventive Medicine Center to the
General Department of Preventive Medicine and the Department of Health, due 15/06) and one
district's (from its health center to the Center, due 05/06). The header block, the title, the
situation citing the order, results tables, difficulties and proposals from the difficulties
log, and the recipients; Times New Roman 13 pt on A4 with the usual margins.

Every figure comes from the same `Rollout` the dashboard shows. The words come from the strings
table (`rep.` keys), so the report follows the chosen language; the official one is Vietnamese.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from lib.cleaning import Dataset
from lib.i18n import t
from lib.metrics.deadlines import count_received
from lib.metrics.progress import ChangeSince
from lib.metrics.rollout import Rollout
from lib.metrics.training import compute_session_totals
from lib.textnorm import fold
from lib.views.format import format_date, format_number, format_points, format_share
from lib.views.progress import describe_change, describe_change_lines, describe_point_move, unit_change

FONT = "Times New Roman"
BODY_PT, TITLE_PT, HEADER_PT, TABLE_PT, SMALL_PT = 13, 14, 13, 11, 12
# Column widths (cm) of the results and difficulties tables; the text width of A4 with these margins is 16.5 cm.
DISTRICT_WIDTHS_CM = (0.9, 3.0, 1.5, 1.8, 1.8, 1.6, 1.8, 2.6, 1.5)
POINT_WIDTHS_CM = (0.9, 3.5, 2.2, 1.7, 1.7, 2.0, 2.4, 2.1)
DIFFICULTY_WIDTHS_CM = (0.9, 2.2, 2.8, 4.5, 1.9, 4.2)
# The same tables with a last column, the change since the previous report (when there is a history).
DISTRICT_CHANGE_WIDTHS_CM = (0.8, 2.1, 1.3, 1.6, 1.5, 1.2, 1.7, 2.6, 1.2, 2.5)
POINT_CHANGE_WIDTHS_CM = (0.8, 2.7, 1.9, 1.4, 1.4, 2.0, 2.1, 2.1, 2.1)


@dataclass
class ReportContent:
    """What the report says, before it is laid out in Word (tests and other formats can read it)."""

    parent_body: str
    issuer: str
    number: str
    place_date: str
    title: str
    subtitle: str
    as_of_line: str
    addressees: list[str]
    intro: str
    situation: list[str]
    results: list[str]
    table_title: str
    table_header: list[str]
    table_rows: list[list[str]]
    table_note: str
    difficulties_header: list[str]
    difficulties: list[list[str]]
    proposals: list[str]
    closing: str
    copies: list[str]
    signer: str
    per_point: bool = False  # a district's report: one results row per vaccination point
    lang: str = "vi"
    changes: tuple[str, ...] = ()  # "changes since the previous report" paragraphs (none without a history)


def place_and_date(place: str, when: date, lang: str = "vi") -> str:
    """'Lâm Đồng, ngày 20 tháng 5 năm 2017': days below 10 and months 1-2 take a leading zero.

    >>> place_and_date("Lâm Đồng", date(2017, 6, 5))
    'Lâm Đồng, ngày 05 tháng 6 năm 2017'
    >>> place_and_date("Lâm Đồng", date(2018, 2, 14))
    'Lâm Đồng, ngày 14 tháng 02 năm 2018'
    """
    day = f"{when.day:02d}"
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return t("rep.place_date", lang, place=place, day=day, month=month, year=when.year)


def find_district(districts: pd.DataFrame, name: str) -> str | None:
    """The code of the district named `name`: its code, full name or tab name, accents and case ignored."""
    wanted = fold(str(name))
    for district in districts.itertuples():
        if wanted in {fold(str(district.district_code)), fold(_text(district.district_name)),
                      fold(_text(district.tab_name))}:
            return str(district.district_code)
    return None


def _of(count, total, lang: str) -> str:
    return f"{format_number(count, lang)}/{format_number(total, lang)}"


def _count_share(count, share, lang: str) -> str:
    return f"{format_number(count, lang)}\n({format_share(share, lang)})"


def _text(value) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _province_rows(rollout: Rollout, lang: str) -> tuple[list[str], list[list[str]]]:
    """One row per district and the province's, all written from the same columns by the same rule."""
    header = [t(key, lang) for key in ("rep.col.number", "rep.col.district", "rep.col.points", "rep.col.equipped",
                                       "rep.col.trained", "rep.col.proficient", "rep.col.live", "rep.col.children",
                                       "rep.col.supervised")]

    def row(number: str, name: str, d: dict) -> list[str]:
        return [number, name, format_points(d["points"], d["points_target"], lang),
                _count_share(d["points_equipped"], d["share_equipped"], lang),
                _of(d["trained_staff"], d["staff"], lang),
                format_number(d["proficient"], lang),
                _count_share(d["points_live"], d["share_live"], lang),
                f"{_of(d['children_entered'], d['eligible_children'], lang)}\n({format_share(d['share_children'], lang)})",
                format_number(d["points_supervised"], lang)]

    rows = [row(str(number), _text(d["district_name"]), d)
            for number, d in enumerate(rollout.district_readiness.to_dict("records"), start=1)]
    rows.append(row("", t("rep.total", lang), rollout.headline))
    return header, rows


def _equipment(point, lang: str) -> str:
    missing = [t(key, lang) for key, column in (("rep.computer", "has_computer"), ("rep.printer", "has_printer"),
                                                ("rep.internet", "has_internet"))
               if not (pd.notna(getattr(point, column)) and bool(getattr(point, column)))]
    return t("rep.enough", lang) if not missing else t("rep.lacking", lang, what=", ".join(missing))


def _yes_no(flag, lang: str) -> str:
    return t("exp.yes", lang) if pd.notna(flag) and bool(flag) else t("exp.no", lang)


def _point_rows(points: pd.DataFrame, headline: dict, lang: str) -> tuple[list[str], list[list[str]]]:
    """One row per point (its figures as counted) and the district's total, from its headline."""
    header = [t(key, lang) for key in ("rep.col.number", "rep.col.point", "rep.col.equipped_point",
                                       "rep.col.trained", "rep.col.proficient_point", "rep.col.live_point",
                                       "rep.col.children", "rep.col.supervision")]
    rows = []
    for number, p in enumerate(points.sort_values("point_code").itertuples(), start=1):
        if p.supervised:
            supervision = format_date(p.supervision_date, lang) + (
                f"\n{p.supervision_result}" if _text(p.supervision_result) else "")
        else:
            supervision = t("rep.not_yet", lang)
        rows.append([str(number), _text(p.point_name), _equipment(p, lang),
                     _of(p.trained_counted, p.staff, lang),
                     _yes_no(p.proficient, lang),
                     format_date(p.go_live_date, lang) if p.live else t("rep.not_yet", lang),
                     _of(p.children_counted, p.eligible_children, lang),
                     supervision])
    h = headline
    rows.append(["", t("rep.total", lang), _count_share(h["points_equipped"], h["share_equipped"], lang),
                 _of(h["trained_staff"], h["staff"], lang),
                 format_number(h["proficient"], lang),
                 _count_share(h["points_live"], h["share_live"], lang),
                 _of(h["children_entered"], h["eligible_children"], lang),
                 format_number(h["points_supervised"], lang)])
    return header, rows


def _difficulty_rows(difficulties: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]]]:
    """The log as `compute_difficulties` orders it: open ones first (what the recipient must act on)."""
    header = [t(key, lang) for key in ("rep.col.number", "rep.col.date", "rep.col.unit", "rep.col.difficulty",
                                       "rep.col.status", "rep.col.response")]
    rows = []
    for number, d in enumerate(difficulties.itertuples(), start=1):
        unit = ", ".join(part for part in (_text(d.district), _text(d.point)) if part)
        status = _text(d.status)
        rows.append([str(number), format_date(d.reported_date, lang), unit, _text(d.description),
                     t("diff.status." + status, lang), _text(d.response)])
    return header, rows


def _proposals(points: pd.DataFrame, districts: pd.DataFrame, headline: dict, difficulties: pd.DataFrame,
               addressee: str, deadline: date | None, by_district: bool, lang: str) -> list[str]:
    """Proposals: each open difficulty put to the addressee, then the gaps the figures show.

    Each gap is the headline's (points still to equip or bring live: the target minus those done;
    staff still to train), and its breakdown in brackets counts the same thing per district (or
    names the points, in a district's report).
    """
    proposals = []
    for d in difficulties.loc[difficulties["open"]].sort_values("reported_date", kind="stable").itertuples():
        unit = ", ".join(part for part in (_text(d.district), _text(d.point)) if part)
        proposals.append(t("rep.propose.difficulty", lang, addressee=addressee, what=_text(d.description).rstrip("."),
                           unit=unit or t("rep.whole_area", lang)))

    def where(remaining: pd.Series, points_left: pd.Series) -> str:
        if by_district:
            counts = pd.Series(remaining.to_numpy(), index=districts["district_name"].astype(str))
            counts = counts.loc[counts > 0].sort_values(ascending=False, kind="stable")
            return "; ".join(f"{name}: {format_number(n, lang)}" for name, n in counts.items())
        chosen = points.loc[points_left].sort_values("point_code")
        return "; ".join(chosen["point_name"].astype(str).head(12)) + ("; …" if len(chosen) > 12 else "")

    target = districts["points_target"]
    gaps = (
        ("rep.propose.equipment", headline["points_target"] - headline["points_equipped"],
         target - districts["points_equipped"], ~points["equipped"]),
        ("rep.propose.training", headline["staff_untrained"], districts["staff_untrained"],
         points["staff_untrained"] > 0),
        ("rep.propose.go_live", headline["points_target"] - headline["points_live"],
         target - districts["points_live"], ~points["live"]),
    )
    for key, count, remaining, points_left in gaps:
        if count > 0:
            proposals.append(t(key, lang, n=format_number(count, lang), deadline=format_date(deadline, lang),
                               where=where(remaining, points_left)))
    return proposals or [t("rep.propose.none", lang)]


def _intro(dataset: Dataset, issuer: str, as_of, lang: str) -> str:
    """The opening sentence, citing the order named in the sheet's settings (or none when blank)."""
    if not dataset.order_number:
        return t("rep.intro.no_order", lang, issuer=issuer, as_of=format_date(as_of, lang))
    key = "rep.order" if dataset.order_date else "rep.order.undated"
    order = t(key, lang, number=dataset.order_number, date=format_date(dataset.order_date, lang))
    return t("rep.intro", lang, order=order, issuer=issuer, as_of=format_date(as_of, lang))


def _with_changes(header: list[str], rows: list[list[str]], change: ChangeSince, district_code: str | None,
                  points: pd.DataFrame, districts: pd.DataFrame, lang: str) -> tuple[list[str], list[list[str]], list[str]]:
    """The results table with a last column (each district's, or each point's, change since the previous
    report; the total row the unit's) and the paragraphs saying it."""
    unit, moved = unit_change(change, district_code)
    if district_code is None:
        by_code = {row["district_code"]: row for row in change.districts.to_dict("records")}
        cells = [describe_change_lines(by_code.get(code, {}), lang) for code in districts["district_code"]]
    else:
        by_point = {row.point_code: (row.gained, row.lost) for row in moved.itertuples()}
        cells = [describe_point_move(*by_point.get(code, ([], [])), lang)
                 for code in points.sort_values("point_code")["point_code"]]
    cells.append(describe_change_lines(unit, lang))
    header = [*header, t("rep.col.change", lang, since=format_date(change.since, lang))]
    rows = [[*row, cell] for row, cell in zip(rows, cells)]
    paragraphs = [t("rep.changes", lang, base=format_date(change.base_day, lang), since=format_date(change.since, lang),
                    current=format_date(change.current_day, lang), changes=describe_change(unit, lang)),
                  t("rep.changes.points", lang, n=format_number(len(moved), lang))]
    return header, rows, paragraphs


def build_report_content(dataset: Dataset, rollout: Rollout, lang: str = "vi",
                         district_code: str | None = None, change: ChangeSince | None = None) -> ReportContent:
    """The report's words and tables: the province's (`district_code` None) or one district's.

    With `change` (`progress.compute_change_since` from the previous report's date to the as-of
    date, over the districts), the results table gains a "change since" column and the report a
    paragraph saying what changed; without one (no history), neither.
    """
    province = dataset.province
    as_of = rollout.as_of
    points = rollout.point_status
    districts = rollout.district_readiness
    sessions, difficulties = rollout.sessions, rollout.difficulties
    if district_code is None:
        issuer_name = t("rep.pmc", lang)
        issuer = issuer_name.upper()
        number = t("rep.number", lang, symbol="BC-TTYTDP")
        place = province
        addressees = [t("rep.to.gdpm", lang), t("rep.to.doh", lang, province=province)]
        copies = [t("rep.copy.above", lang), t("rep.copy.doh_leaders", lang),
                  t("rep.copy.districts", lang), t("rep.copy.archive", lang)]
        scope = t("rep.scope.province", lang, province=province)
        subtitle = t("rep.subtitle.province", lang, province=province)
        table_title = t("rep.table.districts", lang)
        table_header, table_rows = _province_rows(rollout, lang)
        headline = rollout.headline
        addressee = t("rep.addressee.province", lang)
        received = count_received(rollout.reports)
        situation_extra = [t("rep.situation.reports", lang, received=format_number(received, lang),
                             districts=format_number(len(rollout.reports), lang),
                             deadline=format_date(rollout.reports["deadline"].dropna().min()
                                                  if not rollout.reports.empty else None, lang))]
        units = t("rep.situation.units", lang, districts=format_number(len(rollout.district_readiness), lang))
    else:
        names = dict(zip(dataset.districts["district_code"], dataset.districts["district_name"]))
        short = dict(zip(dataset.districts["district_code"], dataset.districts["tab_name"]))
        readiness = rollout.district_readiness
        name = names.get(district_code) or next(iter(readiness.loc[readiness["district_code"] == district_code,
                                                                   "district_name"]), district_code)
        issuer_name = t("rep.district_center", lang, district=name)
        issuer = issuer_name.upper()
        number = t("rep.number", lang, symbol="BC-TTYT")
        place = _text(short.get(district_code)) or province
        points = points.loc[points["district_code"] == district_code]
        districts = districts.loc[districts["district_code"] == district_code]
        sessions = sessions.loc[sessions["district_code"] == district_code]
        difficulties = difficulties.loc[difficulties["district_code"] == district_code]
        addressees = [t("rep.to.pmc", lang, province=province)]
        copies = [t("rep.copy.above", lang), t("rep.copy.district_office", lang, district=name),
                  t("rep.copy.archive", lang)]
        scope = t("rep.scope.district", lang, district=name)
        subtitle = t("rep.subtitle.district", lang, district=name)
        table_title = t("rep.table.points", lang)
        headline = rollout.district_headline(district_code)
        table_header, table_rows = _point_rows(points, headline, lang)
        addressee = t("rep.addressee.district", lang)
        situation_extra = []
        units = ""
    held = compute_session_totals(sessions)
    situation = [
        t("rep.situation.points", lang, scope=scope, points=format_number(headline["points_target"], lang),
          units=units),
        t("rep.situation.training", lang, sessions=format_number(held["sessions"], lang),
          participants=format_number(held["participants"], lang),
          trained=format_number(headline["trained_staff"], lang), staff=format_number(headline["staff"], lang),
          share=format_share(headline["share_trained_staff"], lang),
          proficient=format_number(headline["proficient"], lang)),
        *situation_extra,
    ]
    total = headline["points_target"]  # every share of points divides by it, the province's as each district's
    results = [
        t("rep.result.equipped", lang, n=format_number(headline["points_equipped"], lang),
          total=format_number(total, lang), share=format_share(headline["share_equipped"], lang)),
        t("rep.result.trained", lang, n=format_number(headline["points_trained"], lang),
          total=format_number(total, lang), share=format_share(headline["share_trained"], lang)),
        t("rep.result.live", lang, n=format_number(headline["points_live"], lang), total=format_number(total, lang),
          share=format_share(headline["share_live"], lang), deadline=format_date(rollout.go_live_deadline, lang)),
        t("rep.result.children", lang, entered=format_number(headline["children_entered"], lang),
          eligible=format_number(headline["eligible_children"], lang),
          share=format_share(headline["share_children"], lang)),
        t("rep.result.ready", lang, n=format_number(headline["points_ready"], lang), total=format_number(total, lang),
          share=format_share(headline["share_ready"], lang)),
        t("rep.result.supervised", lang, n=format_number(headline["points_supervised"], lang),
          total=format_number(total, lang), passed=format_number(headline["points_passed"], lang)),
    ]
    difficulties_header, difficulty_rows = _difficulty_rows(difficulties, lang)
    changes: list[str] = []
    if change is not None and change.base_day is not None and change.current_day is not None:
        table_header, table_rows, changes = _with_changes(table_header, table_rows, change, district_code, points,
                                                          districts, lang)
    return ReportContent(
        parent_body=t("rep.parent", lang, province=province).upper(),
        issuer=issuer,
        number=number,
        place_date=place_and_date(place, as_of, lang),
        title=t("rep.title", lang),
        subtitle=subtitle,
        as_of_line=t("rep.as_of", lang, as_of=format_date(as_of, lang)),
        addressees=addressees,
        intro=_intro(dataset, issuer_name, as_of, lang),
        situation=situation,
        results=results,
        table_title=table_title,
        table_header=table_header,
        table_rows=table_rows,
        table_note=t("rep.table.note_districts" if district_code is None else "rep.table.note_points", lang),
        difficulties_header=difficulties_header,
        difficulties=difficulty_rows,
        proposals=_proposals(points, districts, headline, difficulties, addressee, rollout.go_live_deadline,
                             district_code is None, lang),
        closing=t("rep.closing", lang, issuer=issuer_name, addressees=t(
            "rep.closing.province" if district_code is None else "rep.closing.district", lang, province=province)),
        copies=copies,
        signer=t("rep.signer", lang),
        per_point=district_code is not None,
        lang=lang,
        changes=tuple(changes),
    )


# ---------------------------------------------------------------- Word layout


def _font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    # A copy of one prepared <w:rPr> per (size, bold, italic): setting the properties through
    # python-docx on every run took 7 of a district report's 8 s at 2,000 points.
    element = run._r
    if element.rPr is not None:
        element.remove(element.rPr)
    element.insert(0, copy.deepcopy(_run_properties(size, bold, italic)))


@lru_cache(maxsize=None)
def _run_properties(size: float, bold: bool, italic: bool):
    run = Run(OxmlElement("w:r"), None)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    return run._element.rPr


@lru_cache(maxsize=None)
def _cell_paragraph_properties(align):
    paragraph = Paragraph(OxmlElement("w:p"), None)
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph._p.pPr


def _row_cells(table, row) -> list[_Cell]:
    """A row's cells read straight from its XML: python-docx's `row.cells` (and `table.cell`) walk
    the whole table on every call, which is quadratic in the number of points."""
    return [_Cell(tc, table) for tc in row._tr.tc_lst]


def _paragraph(container, text: str = "", size: float = BODY_PT, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, after: float = 6):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _rule(cell, width_cm: float, cell_cm: float) -> None:
    """A short centred line under a heading (the line under the issuer and under the motto)."""
    paragraph = cell.add_paragraph()
    side = max((cell_cm - width_cm) / 2, 0)
    paragraph.paragraph_format.left_indent = Cm(side)
    paragraph.paragraph_format.right_indent = Cm(side)
    paragraph.paragraph_format.space_before = Pt(3)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(name), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _cell_margins(table, cm: float) -> None:
    """Left and right padding of every cell (Word's default, 0.19 cm, wastes narrow columns)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(int(cm * 567)))  # twips
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _widths(table, widths_cm) -> None:
    """Column widths in both places: the grid (LibreOffice reads it) and every cell (Word reads those)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(_row_cells(table, row), widths_cm):
            cell.width = Cm(width)


def _cell_text(cell, text: str, size: float = TABLE_PT, bold: bool = False, italic: bool = False,
               align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        if paragraph._p.pPr is not None:
            paragraph._p.remove(paragraph._p.pPr)
        paragraph._p.insert(0, copy.deepcopy(_cell_paragraph_properties(align)))
        _font(paragraph.add_run(line), size, bold, italic)


def _header_block(document, content: ReportContent, usable_cm: float) -> None:
    left_cm, right_cm = 6.4, usable_cm - 6.4  # the national motto must fit on one line
    table = document.add_table(rows=2, cols=2)
    _no_borders(table)
    _cell_margins(table, 0)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [left_cm, right_cm])
    issuer, motto = table.cell(0, 0), table.cell(0, 1)
    _cell_text(issuer, content.parent_body, HEADER_PT - 1)
    paragraph = issuer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(content.issuer), HEADER_PT - 1, bold=True)
    _rule(issuer, 2.5, left_cm)
    _cell_text(motto, t("rep.nation", content.lang), HEADER_PT - 1, bold=True)
    paragraph = motto.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    _font(paragraph.add_run(t("rep.motto", content.lang)), HEADER_PT, bold=True)
    _rule(motto, 5.2, right_cm)
    _cell_text(table.cell(1, 0), content.number, HEADER_PT)
    _cell_text(table.cell(1, 1), content.place_date, HEADER_PT, italic=True)


def _grid_table(document, header: list[str], rows: list[list[str]], widths_cm,
                left_columns: tuple[int, ...] = (), total_row: bool = False) -> None:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell_margins(table, 0.08)
    _widths(table, widths_cm)
    for cell, text in zip(_row_cells(table, table.rows[0]), header):
        _cell_text(cell, text, TABLE_PT, bold=True)
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row_index, (row, table_row) in enumerate(zip(rows, list(table.rows)[1:]), start=1):
        last = total_row and row_index == len(rows)
        cells = _row_cells(table, table_row)
        for index, text in enumerate(row):
            align = WD_ALIGN_PARAGRAPH.LEFT if index in left_columns else WD_ALIGN_PARAGRAPH.CENTER
            _cell_text(cells[index], text, TABLE_PT, bold=last, align=align)


def render_report_docx(content: ReportContent) -> bytes:
    """The report as .docx bytes in the shape of a Vietnamese administrative report: header block, title,
    body and tables, recipients; Times New Roman 13 pt on A4."""
    lang = content.lang
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    usable_cm = 21 - 3 - 1.5
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    _header_block(document, content, usable_cm)
    _paragraph(document, "", after=6)
    _paragraph(document, content.title, TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(document, content.subtitle, TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(document, content.as_of_line, BODY_PT, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    if len(content.addressees) == 1:
        paragraph = _paragraph(document, "", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
        _font(paragraph.add_run(t("rep.to", lang) + " "), BODY_PT)
        _font(paragraph.add_run(content.addressees[0] + "."), BODY_PT)
    else:
        paragraph = _paragraph(document, t("rep.to", lang), align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
        paragraph.paragraph_format.left_indent = Cm(3)
        for index, addressee in enumerate(content.addressees):
            ending = "." if index == len(content.addressees) - 1 else ";"
            line = _paragraph(document, f"- {addressee}{ending}", align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
            line.paragraph_format.left_indent = Cm(5)
        _paragraph(document, "", after=6)

    _paragraph(document, content.intro, indent=True)
    _paragraph(document, t("rep.section.situation", lang), bold=True, after=6)
    for line in content.situation:
        _paragraph(document, f"- {line}", indent=True)
    _paragraph(document, t("rep.section.results", lang), bold=True, after=6)
    _paragraph(document, t("rep.results.overall", lang), bold=True, italic=True, after=6)
    for line in content.results:
        _paragraph(document, f"- {line}", indent=True)
    if content.changes:
        _paragraph(document, t("rep.section.changes", lang), bold=True, italic=True, after=6)
        for line in content.changes:
            _paragraph(document, f"- {line}", indent=True)
    _paragraph(document, content.table_title, bold=True, italic=True, after=6)
    widths = POINT_WIDTHS_CM if content.per_point else DISTRICT_WIDTHS_CM
    if content.changes:
        widths = POINT_CHANGE_WIDTHS_CM if content.per_point else DISTRICT_CHANGE_WIDTHS_CM
    _grid_table(document, content.table_header, content.table_rows, widths, (1,), total_row=True)
    _paragraph(document, content.table_note, BODY_PT, italic=True, after=10)
    _paragraph(document, t("rep.section.difficulties", lang), bold=True, after=6)
    if content.difficulties:
        _grid_table(document, content.difficulties_header, content.difficulties, DIFFICULTY_WIDTHS_CM, (2, 3, 5))
        _paragraph(document, "", after=6)
    else:
        _paragraph(document, t("rep.no_difficulties", lang), indent=True)
    _paragraph(document, t("rep.section.proposals", lang), bold=True, after=6)
    for line in content.proposals:
        _paragraph(document, f"- {line}", indent=True)
    _paragraph(document, content.closing, indent=True, after=12)

    footer = document.add_table(rows=1, cols=2)
    _no_borders(footer)
    _cell_margins(footer, 0)
    _widths(footer, [8.0, usable_cm - 8.0])
    copies = footer.cell(0, 0)
    _cell_text(copies, t("rep.copies", lang), SMALL_PT, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, line in enumerate(content.copies):
        ending = "." if index == len(content.copies) - 1 else ";"
        paragraph = copies.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        _font(paragraph.add_run(f"- {line}{ending}"), 11)
    signer = footer.cell(0, 1)
    _cell_text(signer, content.signer, HEADER_PT, bold=True)
    for _ in range(4):
        signer.add_paragraph()
    buffer = io.BytesIO()
    document.core_properties.title = f"{content.title} {content.subtitle}"
    document.core_properties.author = content.issuer
    document.save(buffer)
    return buffer.getvalue()


def build_report_docx(dataset: Dataset, rollout: Rollout, lang: str = "vi", district_code: str | None = None,
                      change: ChangeSince | None = None) -> bytes:
    """The .docx of the province's report (`district_code` None) or one district's, with the change since the
    previous report when `change` is given (see `build_report_content`)."""
    return render_report_docx(build_report_content(dataset, rollout, lang, district_code, change))
