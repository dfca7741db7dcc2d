"""Display tables: computed frames turned into translated, formatted, traffic-lit tables.

Every cell is plain text (sheet text is never rendered as HTML or markdown); status cells carry
a symbol and a word, and the Styler adds the palette's colour behind them. On a phone the same
table shows as cards (`build_row_cards_html`, escaped HTML), so no column is cut.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import quote

import pandas as pd

from lib import theme
from lib.cleaning import Problem
from lib.i18n import t
from lib.metrics.readiness import CONDITIONS
from lib.views.format import (format_counted, format_date, format_days, format_number, format_points, share_label,
                              status_label)

CONDITION_LABELS = {condition.key: condition.label for condition in CONDITIONS}


def _status_of_cell(text) -> str | None:
    if not isinstance(text, str) or not text:
        return None
    return next((s.key for s in theme.STATUSES.values() if text.startswith(s.symbol)), None)


def tint_status_cells(frame: pd.DataFrame, columns: list[str]):
    """A Styler that tints the cells whose text starts with a status symbol."""
    def tint(value):
        key = _status_of_cell(value)
        return f"background-color: {theme.STATUSES[key].tint}; color: {theme.INK}" if key else ""

    return frame.style.map(tint, subset=columns)


def build_district_table(district_readiness: pd.DataFrame, reports: pd.DataFrame, pace: pd.DataFrame,
                         lang: str = "vi") -> tuple[pd.DataFrame, list[str]]:
    """One row per district with traffic-light shares; returns the frame and its status columns.

    Args:
        district_readiness: `readiness.compute_district_readiness`'s table (points, shares).
        reports: `deadlines.compute_district_reports`'s (`district_code`, `state`).
        pace: `deadlines.compute_pace_forecast`'s (`district_code`, `forecast`, `late`).
    """
    report_state = dict(zip(reports["district_code"], reports["state"]))
    forecast = dict(zip(pace["district_code"], zip(pace["forecast"], pace["late"])))
    rows = []
    for d in district_readiness.itertuples():
        when, late = forecast.get(d.district_code, (None, False))
        rows.append({
            t("col.district", lang): d.district_name,
            t("col.points", lang): format_points(d.points, d.points_target, lang),
            **{t(c.short, lang): share_label(getattr(d, c.share), lang) for c in CONDITIONS},
            t("col.ready", lang): share_label(d.share_ready, lang),
            t("col.forecast", lang): (f"{theme.BAD.symbol if late else theme.GOOD.symbol} "
                                      f"{format_date(when, lang) if when else t('dl.no_forecast', lang)}"),
            t("col.report", lang): report_label(report_state.get(d.district_code), lang),
        })
    frame = pd.DataFrame(rows)
    status_columns = [t(k, lang) for k in (*(c.short for c in CONDITIONS), "col.ready", "col.forecast", "col.report")]
    return frame, status_columns


REPORT_STATUS = {"on_time": "good", "late": "warn", "missing": "bad", "pending": "unknown"}


def report_label(state: str | None, lang: str = "vi") -> str:
    """A district report's state (on_time, late, due, overdue) as symbol and words; "—" for None."""
    if state is None:
        return "—"
    return f"{theme.STATUSES[REPORT_STATUS[state]].symbol} {t('dl.report.' + state, lang)}"


def _mark(flag) -> str:
    return theme.GOOD.symbol if bool(flag) else theme.BAD.symbol


def build_point_table(point_status: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """A district's points with their four conditions and figures, as display text.

    Args:
        point_status: rows of `readiness.compute_point_status`'s table; trained staff and children
            are written as counted (`trained_counted`, `children_counted`), with the sheet's own
            value beside them when the cross-cell rule changed it.
    """
    rows = []
    for p in point_status.sort_values(["conditions_met", "point_code"]).itertuples():
        rows.append({
            t("col.code", lang): p.point_code,
            t("col.point", lang): p.point_name,
            t("col.commune", lang): p.commune if isinstance(p.commune, str) else "",
            t("col.conditions", lang): f"{_condition_status(p.conditions_met)} {p.conditions_met}/4",
            t("cond.equipped", lang): _mark(p.equipped),
            t("cond.trained", lang): f"{_mark(p.all_trained)} "
                                     f"{format_counted(p.trained_counted, p.staff, p.trained_staff, lang)}",
            t("cond.live", lang): f"{_mark(p.live)} {format_date(p.go_live_date, lang) if p.live else ''}".strip(),
            t("cond.children", lang): f"{_mark(p.children_complete)} "
                                      f"{format_counted(p.children_counted, p.eligible_children, p.children_entered, lang)}",
            t("col.notes", lang): p.notes if isinstance(p.notes, str) else "",
        })
    return pd.DataFrame(rows)


def _condition_status(met: int) -> str:
    return (theme.GOOD if met == 4 else theme.WARN if met >= 2 else theme.BAD).symbol


def build_blocking_points_table(blocking: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`readiness.compute_blocking_points`'s rows (`missing`, `children_waiting`) as display text."""
    rows = []
    for p in blocking.itertuples():
        rows.append({
            t("col.point", lang): p.point_name,
            t("col.district", lang): p.district_name,
            t("col.conditions", lang): f"{_condition_status(p.conditions_met)} {p.conditions_met}/4",
            t("col.missing", lang): "; ".join(t(CONDITION_LABELS[c], lang) for c in p.missing),
            t("col.children_waiting", lang): format_number(p.children_waiting, lang),
        })
    return pd.DataFrame(rows)


def build_countdown_table(countdowns: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`deadlines.compute_countdowns`'s table as display text, one row per milestone."""
    rows = []
    for m in countdowns.itertuples():
        rows.append({
            t("col.code", lang): m.milestone_code,
            t("col.description", lang): m.description,
            t("col.deadline", lang): format_date(m.deadline, lang),
            t("col.days", lang): format_days(m.days_left, lang),
            t("col.status", lang): status_label(m.status, lang),
            t("col.responsible", lang): m.responsible if isinstance(m.responsible, str) else "",
        })
    return pd.DataFrame(rows)


def build_reports_table(reports: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`deadlines.compute_district_reports`'s table as display text, one row per district."""
    rows = []
    for r in reports.itertuples():
        rows.append({
            t("col.district", lang): r.district_name,
            t("col.report", lang): report_label(r.state, lang),
            t("col.received", lang): format_date(r.report_date, lang),
            t("col.days", lang): format_days(r.days_left, lang) if r.state == "pending" else "",
        })
    return pd.DataFrame(rows)


def build_pace_table(pace: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`deadlines.compute_pace_forecast`'s table as display text: live of target, pace, forecast, verdict."""
    rows = []
    for p in pace.itertuples():
        symbol = theme.BAD.symbol if p.late else theme.GOOD.symbol
        rows.append({
            t("col.district", lang): p.district_name,
            t("col.live", lang): f"{format_number(p.points_live, lang)}/{format_number(p.points_target, lang)}",
            t("col.pace", lang): t("dl.per_week", lang, n=f"{p.pace_per_week:.1f}".replace(".", "," if lang == "vi" else ".")),
            t("col.forecast", lang): f"{symbol} {format_date(p.forecast, lang) if p.forecast else t('dl.no_forecast', lang)}",
            t("col.verdict", lang): t("dl.late" if p.late else "dl.on_time", lang),
        })
    return pd.DataFrame(rows)


def problem_cell_range(problem: Problem) -> str | None:
    """The A1 range of a problem inside its tab: "H12"; "12:12" for a whole row; None for the whole tab."""
    if problem.row is None:
        return None
    local = problem.cell[len(problem.tab) + 1:] if problem.cell.startswith(problem.tab + "!") else ""
    if not local or local.isdigit():
        return f"{problem.row}:{problem.row}"
    return local


def problem_cell_url(problem: Problem, sheet_url: str | None, tab_ids: Mapping[str, int] | None) -> str | None:
    """The Google Sheet address that opens on the problem's cell, `{sheet_url}#gid={gid}&range={A1}`.

    None when there is no spreadsheet URL (a workbook source) or the tab is not in the sheet.
    """
    if not sheet_url or not tab_ids or problem.tab not in tab_ids:
        return None
    fragment = f"gid={int(tab_ids[problem.tab])}"
    cell_range = problem_cell_range(problem)
    if cell_range:
        fragment += "&range=" + quote(cell_range, safe=":")
    return f"{sheet_url.split('#', 1)[0]}#{fragment}"


def build_problem_table(problems: list[Problem], lang: str = "vi", sheet_url: str | None = None,
                        tab_ids: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Problems, errors first, each with its cell as text; with a Google Sheet's `sheet_url` and
    `tab_ids`, a link column (`col.link`) that opens the sheet on that cell."""
    linked = bool(sheet_url)
    rows = []
    for p in sorted(problems, key=lambda p: (_SEVERITY_ORDER[p.severity], p.tab, p.row or 0)):
        row = {t("col.severity", lang): f"{_SEVERITY_SYMBOL[p.severity]} {t('severity.' + p.severity, lang)}",
               t("col.cell", lang): p.cell}
        if linked:
            row[t("col.link", lang)] = problem_cell_url(p, sheet_url, tab_ids)
        row.update({t("col.column", lang): p.column or "", t("col.value", lang): p.value,
                    t("col.message", lang): p.message(lang)})
        rows.append(row)
    keys = ("col.severity", "col.cell", *(("col.link",) if linked else ()), "col.column", "col.value", "col.message")
    return pd.DataFrame(rows, columns=[t(k, lang) for k in keys])


_SEVERITY_SYMBOL = {"error": theme.BAD.symbol, "warning": theme.WARN.symbol, "info": "ℹ"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def problem_owner(problem: Problem, district_names: dict[str, str]) -> str:
    """Who fixes a problem: its district (by name), or the tab for province-level tabs."""
    return district_names.get(problem.district_code, problem.tab) if problem.district_code else problem.tab


def group_problems(problems: list[Problem], district_names: dict[str, str]) -> dict[str, list[Problem]]:
    """Problems by owner, the owners with most errors (then warnings) first."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem_owner(problem, district_names), []).append(problem)

    def weight(item):
        owner, owned = item
        return (-sum(p.severity == "error" for p in owned), -sum(p.severity == "warning" for p in owned), owner)

    return dict(sorted(groups.items(), key=weight))


def build_problem_counts(problems: list[Problem], district_names: dict[str, str], lang: str = "vi") -> pd.DataFrame:
    """Problems per district (or tab, for province tabs) and severity: each district's to-fix list size."""
    rows = []
    for owner, owned in group_problems(problems, district_names).items():
        row = {t("col.where", lang): owner}
        for severity in ("error", "warning", "info"):
            row[t("severity." + severity, lang)] = sum(p.severity == severity for p in owned)
        rows.append(row)
    return pd.DataFrame(rows, columns=[t(k, lang) for k in ("col.where", "severity.error", "severity.warning",
                                                            "severity.info")])


def build_difficulties_table(difficulties: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The difficulties log (`difficulties.compute_difficulties`'s rows) as display text, newest first."""
    status_symbol = {"Mới": theme.BAD.symbol, "Đang xử lý": theme.WARN.symbol, "Đã giải quyết": theme.GOOD.symbol}
    rows = []
    for d in difficulties.sort_values("reported_date", ascending=False).itertuples():
        status = d.status if isinstance(d.status, str) else ""
        rows.append({
            t("col.date", lang): format_date(d.reported_date, lang),
            t("col.district", lang): d.district if isinstance(d.district, str) else "",
            t("col.point", lang): d.point if isinstance(d.point, str) else "",
            t("col.description", lang): d.description,
            t("col.status", lang): f"{status_symbol.get(status, '?')} {t('diff.status.' + str(status), lang)}",
            t("col.response", lang): d.response if isinstance(d.response, str) else "",
        })
    return pd.DataFrame(rows)


def build_row_summary(summary, lang: str = "vi") -> pd.DataFrame:
    """Rows read, kept and set aside per tab: the 'nothing is lost' account."""
    return pd.DataFrame([{t("col.tab", lang): s.tab, t("col.rows_read", lang): s.rows_read,
                          t("col.rows_kept", lang): s.rows_kept, t("col.rows_set_aside", lang): s.rows_set_aside}
                         for s in summary])


# ---------------------------------------------------------------- the same tables as cards, for a phone

ROW_CARDS_CSS = """
<style>
.row-cards { display: flex; flex-direction: column; gap: .55rem; }
.row-card { border: 1px solid #d1d5db; border-radius: 8px; padding: .45rem .7rem; background: #fff; }
.row-card .row-title { font-weight: 700; margin-bottom: .25rem; overflow-wrap: anywhere; }
.row-card dl { display: grid; grid-template-columns: minmax(5.5rem, 38%) minmax(0, 1fr); gap: .15rem .6rem; margin: 0; }
.row-card dt { color: #4b5563; font-size: .85rem; overflow-wrap: anywhere; }
.row-card dd { margin: 0; font-size: .9rem; overflow-wrap: anywhere; white-space: normal; }
""" + "".join(f".row-card dd.s-{status.key} {{ background: {status.tint}; border-radius: 4px; padding: 0 .25rem; }}\n"
             for status in theme.STATUSES.values()) + "</style>"


def build_row_cards_html(frame: pd.DataFrame, links: Mapping[str, str] | None = None) -> str:
    """A display table as one card per row, for screens too narrow for its columns: the first
    column is the card's title, every other non-empty cell a "header: text" line, wrapped in full.

    Every cell is escaped; a status cell (one starting with a status symbol) gets its tint. In a
    column named in `links` (column → link text) an http(s) address becomes a link with that text.
    """
    links = links or {}
    cards = []
    for row in frame.itertuples(index=False):
        values = list(row)
        lines = []
        for column, value in zip(frame.columns[1:], values[1:]):
            text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
            if not text:
                continue
            status = _status_of_cell(text)
            tint = f' class="s-{status}"' if status else ""
            if column in links and text.startswith(("https://", "http://")):
                shown = f'<a href="{html.escape(text)}" target="_blank" rel="noopener">{html.escape(links[column])}</a>'
            else:
                shown = html.escape(text)
            lines.append(f"<dt>{html.escape(str(column))}</dt><dd{tint}>{shown}</dd>")
        cards.append(f'<div class="row-card"><div class="row-title">{html.escape(str(values[0]))}</div>'
                     f'<dl>{"".join(lines)}</dl></div>')
    return ROW_CARDS_CSS + '<div class="row-cards">' + "".join(cards) + "</div>"
