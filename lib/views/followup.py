"""The follow-up message to a district, ready to paste into a chat or an e-mail: what is still missing, what
changed since a date, the deadlines ahead with the days left, and the cells to fix with links to them.

Plain text (no markdown: chat apps show it as typed); Vietnamese by default. The figures are
`lib.metrics.followup`'s; this module only writes them.
"""

from __future__ import annotations

from typing import Mapping

from lib.i18n import t
from lib.metrics.followup import DistrictFollowUp
from lib.views.format import format_date, format_number
from lib.views.progress import describe_change
from lib.views.tables import problem_cell_url

NAMES_SHOWN = 5  # points named per missing item; the rest are counted ("và 3 điểm khác")
CELLS_SHOWN = 10  # cells listed with their links; the rest are counted


def _named(names: tuple[str, ...], lang: str) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    rest = len(names) - NAMES_SHOWN
    return shown + (t("fu.and_more", lang, n=format_number(rest, lang)) if rest > 0 else "")


def _missing_lines(followup: DistrictFollowUp, lang: str) -> list[str]:
    lines = []
    for key, names in (("fu.no_computer", followup.without_computer), ("fu.no_printer", followup.without_printer),
                       ("fu.no_internet", followup.without_internet), ("fu.not_live", followup.not_live)):
        if names:
            lines.append(t(key, lang, n=format_number(len(names), lang), names=_named(names, lang)))
    if followup.untrained_staff or followup.not_all_trained:
        lines.append(t("fu.untrained", lang, n=format_number(followup.untrained_staff, lang),
                       points=format_number(len(followup.not_all_trained), lang),
                       names=_named(followup.not_all_trained, lang)))
    if followup.children_incomplete:
        lines.append(t("fu.children", lang, n=format_number(followup.children_missing, lang),
                       points=format_number(len(followup.children_incomplete), lang),
                       names=_named(followup.children_incomplete, lang)))
    return lines


def _deadline_lines(followup: DistrictFollowUp, lang: str) -> list[str]:
    lines = []
    if followup.report_state in ("on_time", "late"):
        lines.append(t("fu.report_received", lang, state=t(f"dl.report.{followup.report_state}", lang).lower()))
    elif followup.report_deadline is not None and followup.report_days_left is not None:
        key = "fu.report_due" if followup.report_days_left >= 0 else "fu.report_overdue"
        lines.append(t(key, lang, deadline=format_date(followup.report_deadline, lang),
                       days=format_number(abs(followup.report_days_left), lang)))
    for description, deadline, days_left in followup.milestones:
        lines.append(t("fu.milestone", lang, what=description, deadline=format_date(deadline, lang),
                       days=format_number(days_left, lang)))
    return lines


def _cell_lines(followup: DistrictFollowUp, lang: str, sheet_url: str | None,
                tab_ids: Mapping[str, int] | None) -> list[str]:
    lines = []
    for problem in followup.problems[:CELLS_SHOWN]:
        url = problem_cell_url(problem, sheet_url, tab_ids)
        lines.append(f"- {problem.cell}: {problem.message(lang)}" + (f" {url}" if url else ""))
    rest = len(followup.problems) - CELLS_SHOWN
    if rest > 0:
        lines.append(t("fu.more_cells", lang, n=format_number(rest, lang)))
    return lines


def build_followup_text(followup: DistrictFollowUp, lang: str = "vi", sheet_url: str | None = None,
                        tab_ids: Mapping[str, int] | None = None) -> str:
    """The follow-up message of one district, as plain text (lines separated by "\\n").

    Args:
        followup: `metrics.followup.compute_district_followup`'s result.
        lang: "vi" (the message districts get) or "en".
        sheet_url, tab_ids: the Google Sheet's address and tab ids (`Provenance.url`,
            `Provenance.tab_ids`), so that each cell to fix is a link; None for a workbook.
    """
    lines = [t("fu.greeting", lang, district=followup.district_name),
             t("fu.intro", lang, as_of=format_date(followup.as_of, lang),
               points=format_number(followup.points, lang)), ""]
    missing = _missing_lines(followup, lang)
    if missing:
        lines += [t("fu.missing", lang), *(f"- {line}" for line in missing)]
    else:
        lines.append(t("fu.nothing_missing", lang))
    if followup.changes is not None:
        lines += ["", t("fu.changed", lang, since=format_date(followup.since, lang),
                        changes=describe_change(followup.changes, lang))]
    deadlines = _deadline_lines(followup, lang)
    if deadlines:
        lines += ["", t("fu.deadlines", lang), *(f"- {line}" for line in deadlines)]
    lines.append("")
    if followup.problems:
        lines += [t("fu.cells", lang, n=format_number(len(followup.problems), lang)),
                  *_cell_lines(followup, lang, sheet_url, tab_ids)]
    else:
        lines.append(t("fu.no_cells", lang))
    lines += ["", t("fu.closing", lang)]
    return "\n".join(lines)


def build_followup_file(texts: list[str], lang: str = "vi") -> str:
    """Several districts' messages in one text file, separated by a rule line."""
    return ("\n\n" + "—" * 40 + "\n\n").join(texts) + "\n"
