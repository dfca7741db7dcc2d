"""Headline figures and countdown cards: large, projector-friendly, colour plus symbol and word.

Countdown cards are HTML built here with every sheet string escaped; they carry no script.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from lib import theme
from lib.i18n import t
from lib.views.format import format_date, format_days, format_number, format_share, status_label
from lib.views.meaning import describe_condition, describe_ready


@dataclass(frozen=True)
class HeadlineCard:
    """One overview card: label, value and detail, already formatted and translated; `help` says
    what a composite figure is made of ("" when the label says it all)."""
    label: str
    value: str
    detail: str
    help: str = ""


def build_headline(headline: dict, lang: str = "vi") -> list[HeadlineCard]:
    """The six headline cards from `readiness.compute_headline` (or `compute_district_headline`).

    Points shares are written over `points_target`, as they are computed; the points card says
    the target when it is more than the points listed.
    """
    target = headline["points_target"]

    def of_points(key: str, condition: str, help_text: str) -> HeadlineCard:
        return HeadlineCard(t(key, lang), f"{format_number(headline['points_' + condition], lang)} / "
                                          f"{format_number(target, lang)}",
                            t("ov.of_points", lang, share=format_share(headline["share_" + condition], lang)),
                            help_text)

    listed = headline["points"]
    return [
        HeadlineCard(t("ov.points", lang), format_number(listed, lang),
                     t("ov.points_target", lang, target=format_number(target, lang)) if target > listed else ""),
        of_points("ov.equipped", "equipped", describe_condition("cond.equipped", lang)),
        of_points("ov.trained", "trained", describe_condition("cond.trained", lang)),
        of_points("ov.live", "live", describe_condition("cond.live", lang)),
        of_points("ov.ready", "ready", describe_ready(lang)),
        HeadlineCard(t("ov.children", lang),
                     f"{format_number(headline['children_entered'], lang)} / "
                     f"{format_number(headline['eligible_children'], lang)}",
                     format_share(headline["share_children"], lang), describe_condition("cond.children", lang)),
    ]


_CARD_CSS = """
<style>
.countdowns{display:flex;flex-wrap:wrap;gap:12px;font-family:inherit}
.countdown{flex:1 1 220px;min-width:0;border:1px solid #d1d5db;border-left:8px solid var(--c);
  border-radius:8px;padding:10px 14px;background:#fff}
.countdown .days{font-size:1.9rem;font-weight:700;color:var(--c);line-height:1.2}
.countdown .state{font-weight:600;color:#1f2933}
.countdown .what{font-size:.92rem;color:#1f2933;overflow-wrap:anywhere}
.countdown .meta{font-size:.85rem;color:#6b7280}
</style>
"""


def build_countdown_cards_html(countdowns: pd.DataFrame, lang: str = "vi") -> str:
    """`deadlines.compute_countdowns`'s table as escaped HTML cards (days left, status, progress, forecast)."""
    cards = []
    for m in countdowns.itertuples():
        colour = theme.STATUSES[m.status].colour
        meta = [f"{html.escape(t('col.deadline', lang))}: {format_date(m.deadline, lang)}"]
        if m.progress is not None and m.progress == m.progress:
            meta.append(html.escape(t("ov.progress", lang, share=format_share(m.progress, lang))))
        if m.forecast is not None:
            meta.append(html.escape(t("ov.forecast", lang, date=format_date(m.forecast, lang))))
        cards.append(
            f'<div class="countdown" style="--c:{colour}" data-status="{m.status}">'
            f'<div class="days">{html.escape(format_days(m.days_left, lang))}</div>'
            f'<div class="state">{html.escape(status_label(m.status, lang))} · {html.escape(str(m.milestone_code))}</div>'
            f'<div class="what">{html.escape(str(m.description))}</div>'
            f'<div class="meta">{" · ".join(meta)}</div></div>')
    return _CARD_CSS + '<div class="countdowns">' + "".join(cards) + "</div>"
