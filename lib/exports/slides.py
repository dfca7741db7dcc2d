"""Presentation mode: which slides a roll-out has, which one shows at a given moment, and their HTML.

The deck is the province headline and countdowns, the map, training, deadlines, then one slide
per district. The slide on screen is a pure function of a `Clock` (the slide and time the
current run of slides started from, or a pause) and the time now, so the page only has to
ask again on a timer; previous/next and pause just re-anchor the clock.
Every string from the sheet is escaped before it reaches the slide HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import altair as alt
import pandas as pd

from lib import theme
from lib.i18n import t
from lib.metrics.progress import PROGRESS_KEYS, ChangeSince
from lib.metrics.readiness import CONDITIONS, MEASURE_LABELS
from lib.metrics.rollout import Rollout
from lib.views.cards import HeadlineCard, build_headline
from lib.views.format import format_date, format_share, status_label
from lib.views.progress import describe_change, describe_since, format_change
from lib.views.tables import build_pace_table, report_label

INTERVALS = (10, 15, 20, 30, 45, 60, 120)  # seconds per slide offered by the page
DEFAULT_INTERVAL = 20
MIN_INTERVAL, MAX_INTERVAL = 3, 3600
# The page asks the server again only when the slide is due to change (plus this margin), not every
# second: a tick of the clock that overlaps a press can make Streamlit deliver that press twice.
CHANGE_MARGIN_SECONDS = 0.3
FIXED_KINDS = ("headline", "since", "map", "training", "deadlines")  # "since": only with a history


@dataclass(frozen=True)
class Slide:
    """One slide of the presentation: its kind (a fixed slide or "district"), title and district code."""
    kind: str  # one of FIXED_KINDS, or "district"
    title: str
    district_code: str | None = None


def build_slides(rollout: Rollout, province: str, lang: str = "vi",
                 shows_district: Callable[[str], bool] = lambda code: True,
                 since: date | None = None) -> list[Slide]:
    """The deck; a district gets its slide only when `shows_district(code)` (a district officer's
    view holds no other district's points, so those slides would show zeros). With `since` (the
    last meeting's date, when there is a history to compare with) a "since last meeting" slide
    follows the headline."""
    slides = [
        Slide("headline", t("pres.slide.headline", lang, province=province)),
        *([Slide("since", t("pres.slide.since", lang, since=format_date(since, lang)))] if since else []),
        Slide("map", t("pres.slide.map", lang)),
        Slide("training", t("pres.slide.training", lang)),
        Slide("deadlines", t("pres.slide.deadlines", lang)),
    ]
    for district in rollout.district_readiness.itertuples():
        if shows_district(str(district.district_code)):
            slides.append(Slide("district", str(district.district_name), str(district.district_code)))
    return slides


def parse_interval(value, default: int = DEFAULT_INTERVAL) -> int:
    """Seconds per slide from a query parameter: a whole number, clamped; anything else → default.

    >>> parse_interval("3"), parse_interval("abc"), parse_interval("0"), parse_interval(None)
    (3, 20, 3, 20)
    """
    try:
        seconds = int(float(str(value)))
    except (TypeError, ValueError):
        return default
    return min(max(seconds, MIN_INTERVAL), MAX_INTERVAL)


def interval_options(current: int) -> list[int]:
    """The offered intervals, with the current one among them (it may come from the URL)."""
    return sorted({*INTERVALS, current})


@dataclass(frozen=True)
class Clock:
    """The deck's position: slide `index` was shown at `since` (seconds); `paused` stops the clock."""

    index: int = 0
    since: float = 0.0
    paused: bool = False


def start_clock(now: float, index: int = 0) -> Clock:
    """The presentation clock started at `now` (seconds) on slide `index`."""
    return Clock(index, now)


def slide_index(clock: Clock, now: float, interval: float, count: int) -> int:
    """The slide on screen at `now`: one more every `interval` seconds since the anchor, wrapping."""
    if count <= 0:
        return 0
    if clock.paused or interval <= 0:
        return clock.index % count
    elapsed = max(0.0, now - clock.since)
    return (clock.index + math.floor(elapsed / interval)) % count


def seconds_left(clock: Clock, now: float, interval: float) -> float | None:
    """Seconds until the next slide; None when paused."""
    if clock.paused or interval <= 0:
        return None
    elapsed = max(0.0, now - clock.since)
    return interval - (elapsed % interval)


def next_check_seconds(clock: Clock, now: float, interval: float) -> float | None:
    """Seconds (> 0) after which the page should look at the clock again: just after the next slide
    is due. None when paused (nothing changes until a control is pressed)."""
    left = seconds_left(clock, now, interval)
    return None if left is None else left + CHANGE_MARGIN_SECONDS


def build_timer_html(left: float, interval: float, lang: str = "vi") -> str:
    """A bar that empties, in the browser, over the `left` seconds (of `interval`) before the next
    slide (its label, for a hover and a screen reader, names the interval the selector beside it
    shows); it needs no message from the server while it runs."""
    start = max(0.0, min(1.0, left / interval)) if interval > 0 else 0.0
    label = _e(t("pres.auto", lang, n=round(interval)))
    return (f'<div class="slide-timer" title="{label}" role="timer" aria-label="{label}"><span class="track"><span class="bar" style="width:{start * 100:.1f}%;'
            f'animation-duration:{left:.2f}s"></span></span></div>')


def go_to(clock: Clock, now: float, index: int, count: int) -> Clock:
    """Show slide `index` (wrapping) with a full interval from now; paused stays paused.

    The controls ask for a slide by number, not "one more": a press that reaches the server
    twice (a slow machine, a tick of the clock in between) still lands on the slide it showed."""
    return replace(clock, index=index % count if count else 0, since=now)


def set_paused(clock: Clock, now: float, interval: float, count: int, paused: bool) -> Clock:
    """Hold (or release) the slide on screen; asking for the state already set changes nothing."""
    if clock.paused == paused:
        return clock
    return Clock(slide_index(clock, now, interval, count), now, paused)


def retime(clock: Clock, now: float, old_interval: float, count: int) -> Clock:
    """Keep the slide on screen when the interval changes; the new interval starts now."""
    return replace(clock, index=slide_index(clock, now, old_interval, count), since=now)


# ---------------------------------------------------------------- what a slide shows


def district_headline(rollout: Rollout, district_code: str) -> dict:
    """The district's headline, as its page and its report show it (`Rollout.district_headline`)."""
    return rollout.district_headline(district_code)


def district_facts(rollout: Rollout, district_code: str, lang: str = "vi") -> list[tuple[str, str]]:
    """(label, value) lines under a district's cards: the four traffic lights in symbol and word,
    the go-live forecast, the report to the PMC and the difficulties still open."""
    readiness = rollout.district_readiness
    row = readiness.loc[readiness["district_code"] == district_code]
    if row.empty:
        return []
    district = row.iloc[0]
    facts = [(t(MEASURE_LABELS[c.share], lang),
              f"{status_label(theme.status_of_share(district[c.share]).key, lang)} · {format_share(district[c.share], lang)}")
             for c in CONDITIONS]
    pace = rollout.pace.loc[rollout.pace["district_code"] == district_code]
    if not pace.empty:
        forecast, late = pace.iloc[0]["forecast"], bool(pace.iloc[0]["late"])
        symbol = (theme.BAD if late else theme.GOOD).symbol
        when = format_date(forecast, lang) if forecast is not None else t("dl.no_forecast", lang)
        facts.append((t("col.forecast", lang), f"{symbol} {when} · {t('dl.late' if late else 'dl.on_time', lang)}"))
    reports = rollout.reports.loc[rollout.reports["district_code"] == district_code]
    if not reports.empty:
        facts.append((t("col.report", lang), report_label(reports.iloc[0]["state"], lang)))
    facts.append((t("pres.open_difficulties", lang), str(int(district["open_difficulties"]))))
    return facts


# Type on a slide's charts and map, in px: the big cards' label on a 1920-px projector (1rem there is
# 1.35vw = 25.9 px, see PRESENTATION_CSS), so nothing on a slide is smaller than what names a figure.
SLIDE_TEXT_PX = 26
# Heights that fill a 1080-px slide under its title (the width always follows the slide).
MAP_HEIGHT_PX = 760
CHART_HEIGHT_PX = 700
TIMELINE_ROW_PX, TIMELINE_FRAME_PX = 56, 150  # a milestone's row, and the axis, legend and today's label


def presentation_chart(chart: alt.TopLevelMixin, height: int | None = None) -> alt.TopLevelMixin:
    """A page chart with type big enough for the back of the room (axes, legend and text marks at
    SLIDE_TEXT_PX or more), `height` px tall (the width follows the slide)."""
    bigger = chart.configure_axis(labelFontSize=SLIDE_TEXT_PX, titleFontSize=SLIDE_TEXT_PX + 2, labelLimit=720,
                                  titlePadding=12).configure_legend(
        labelFontSize=SLIDE_TEXT_PX, titleFontSize=SLIDE_TEXT_PX, symbolSize=320, orient="bottom",
        labelLimit=0).configure_text(fontSize=SLIDE_TEXT_PX)
    return bigger.properties(height=height) if height else bigger


_e = html.escape

PRESENTATION_CSS = """
<style>
/* No Streamlit chrome in front of a room: no sidebar, header, toolbar or status, full width. */
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stSidebarNav"], header[data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], footer, #MainMenu { display: none !important; }
html { font-size: clamp(17px, 1.35vw, 34px); }
[data-testid="stMainBlockContainer"], .block-container { padding: .8rem 2rem 3.2rem !important;
  max-width: none !important; }
.st-key-slide { min-height: calc(100vh - 4.2rem); }
/* The controls float small and faint at the bottom right; they come forward under the mouse. */
.st-key-controls { position: fixed; right: .6rem; bottom: .4rem; z-index: 999990; width: auto !important;
  flex-wrap: nowrap !important; gap: .35rem !important; padding: .25rem .5rem; opacity: .5;
  background: rgba(255, 255, 255, .95); border: 1px solid #d1d5db; border-radius: 10px; transition: opacity .2s; }
.st-key-controls:hover, .st-key-controls:focus-within { opacity: 1; }
.st-key-controls button { min-height: 2rem; padding: .1rem .55rem; }
.st-key-controls button p, .st-key-controls [data-testid="stCaptionContainer"] p { font-size: .72rem; margin: 0;
  white-space: nowrap; }
.st-key-controls [data-baseweb="select"] { font-size: .72rem; }
.st-key-controls [data-baseweb="select"] > div { min-height: 2rem; }
/* Sized in rem, as the type is: in px the slide's title and "5 giây/trang" were cut at 1920 px. */
.st-key-controls .st-key-present_jump { flex: 0 0 19rem !important; width: 19rem !important; max-width: 19rem !important; }
.st-key-controls .st-key-present_interval { flex: 0 0 9.5rem !important; width: 9.5rem !important;
  max-width: 9.5rem !important; }
.slide-note { font-size: 1rem; color: #4b5563; margin: 0; }
.slide-head { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
  border-bottom: 4px solid #1f4e79; padding-bottom: .3rem; margin-bottom: .6rem; }
.slide-head h1 { font-size: 2.6rem; line-height: 1.15; margin: 0; padding: 0; color: #1f2933; }
.slide-head .where { font-size: 1.15rem; color: #6b7280; white-space: nowrap; }
.big-cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .6rem; margin-bottom: .6rem; }
.big-card { border: 1px solid #d1d5db; border-radius: 10px; padding: .4rem 1rem; background: #f2f5f9; }
.big-card .label { font-size: 1rem; color: #4b5563; }
.big-card .value { font-size: 2.2rem; font-weight: 700; color: #1f2933; line-height: 1.15; }
.big-card .detail { font-size: 1.1rem; color: #1f2933; }
.facts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .4rem 2rem; font-size: 1.35rem; }
.facts .fact { display: flex; justify-content: space-between; gap: 1rem; border-bottom: 1px solid #e5e7eb;
  padding: .25rem 0; }
.facts .fact b { white-space: nowrap; }
.countdowns .countdown .days { font-size: 1.8rem !important; }
.countdowns .countdown .what { font-size: 1rem !important; line-height: 1.35; }
.countdowns .countdown .state, .countdowns .countdown .meta { font-size: .95rem !important; }
.slide-timer { display: flex; align-items: center; gap: .35rem; font-size: .72rem; color: #4b5563;
  white-space: nowrap; }
.slide-timer .track { display: inline-block; width: 3.5rem; height: .3rem; background: #e5e7eb; border-radius: 3px;
  overflow: hidden; }
.slide-timer .bar { display: block; height: 100%; background: #1f4e79; animation-name: slide-timer;
  animation-timing-function: linear; animation-fill-mode: forwards; }
@keyframes slide-timer { to { width: 0; } }
.exit-link { font-size: .72rem; color: #1f4e79; text-decoration: none; white-space: nowrap; }
.slide-table { width: 100%; border-collapse: collapse; font-size: 1.02rem; }
.slide-table th { text-align: left; color: #4b5563; border-bottom: 2px solid #1f4e79; padding: .2rem .5rem; }
.slide-table td { border-bottom: 1px solid #e5e7eb; padding: .16rem .5rem; color: #1f2933; }
""" + "".join(f".slide-table td.s-{status.key} {{ background: {status.tint}; }}\n"
             for status in theme.STATUSES.values()) + """@media (max-width: 800px) { .big-cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .facts { grid-template-columns: 1fr; } }
/* A phone: the title over its line of context, the controls at the top of the page (wrapping, in
   reach, covering nothing) instead of a bar floating over the cards, and figures that fit a half card. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"], .block-container { padding: .5rem .8rem 1rem !important; }
  .slide-head { flex-direction: column; align-items: flex-start; gap: .2rem; }
  .slide-head h1 { font-size: 1.6rem; }
  .slide-head .where { white-space: normal; font-size: .85rem; }
  .st-key-slide { min-height: 0; }
  .st-key-controls { position: static; flex-wrap: wrap !important; opacity: 1; width: 100% !important; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-controls), .stLayoutWrapper:has(> .st-key-controls) { order: -1; }
  .st-key-controls .st-key-present_jump { flex: 1 1 100% !important; width: 100% !important; max-width: 100% !important; }
  .big-card { padding: .45rem .6rem; }
  .big-card .label { font-size: .85rem; }
  .big-card .value { font-size: 1.5rem; overflow-wrap: anywhere; }
  .big-card .detail { font-size: .85rem; }
  .facts { font-size: 1rem; }
  .countdowns .countdown .days { font-size: 1.5rem !important; }
}
</style>
"""


def build_slide_head_html(slide: Slide, position: int, count: int, province: str, as_of, lang: str = "vi") -> str:
    """The slide's title and where it stands (province, date, n of total), as escaped HTML."""
    where = t("pres.where", lang, province=province, as_of=format_date(as_of, lang), n=position + 1, total=count)
    return (f'<div class="slide-head" data-slide="{_e(slide.kind)}" data-index="{position}">'
            f'<h1>{_e(slide.title)}</h1><span class="where">{_e(where)}</span></div>')


def build_exit_link_html(lang: str = "vi") -> str:
    """A plain link back to the overview (relative, so it works under any base URL path)."""
    return f'<a class="exit-link" href="overview?lang={_e(lang)}" target="_self">✕ {_e(t("pres.exit", lang))}</a>'


def build_cards_html(cards: list[HeadlineCard]) -> str:
    """Headline cards as large HTML cards (label, value, detail), escaped."""
    return '<div class="big-cards">' + "".join(
        f'<div class="big-card"><div class="label">{_e(card.label)}</div><div class="value">{_e(card.value)}</div>'
        f'<div class="detail">{_e(card.detail) or "&nbsp;"}</div></div>' for card in cards) + "</div>"


def build_headline_cards_html(headline: dict, lang: str = "vi") -> str:
    """`readiness.compute_headline`'s (or a district's) dict as the six big cards, escaped HTML."""
    return build_cards_html(build_headline(headline, lang))


def build_note_html(text: str) -> str:
    """A line of small print under a slide's figures (what a composite figure is made of), escaped."""
    return f'<p class="slide-note">{_e(text)}</p>'


def build_facts_html(facts: list[tuple[str, str]]) -> str:
    """(label, value) facts as an HTML list, escaped."""
    return '<div class="facts">' + "".join(
        f'<div class="fact"><span>{_e(label)}</span><b>{_e(value)}</b></div>' for label, value in facts) + "</div>"



def build_deadline_table(rollout: Rollout, lang: str = "vi") -> pd.DataFrame:
    """Per district: points live, forecast, verdict and the report to the PMC, as display text."""
    table = build_pace_table(rollout.pace, lang)
    states = dict(zip(rollout.reports["district_code"], rollout.reports["state"]))
    if not table.empty:
        table[t("col.report", lang)] = [report_label(states.get(code), lang) for code in rollout.pace["district_code"]]
    return table


def _status_class(text) -> str:
    if isinstance(text, str):
        for status in theme.STATUSES.values():
            if text.startswith(status.symbol + " "):
                return f' class="s-{status.key}"'
    return ""


def build_table_html(frame: pd.DataFrame) -> str:
    """A display table as escaped HTML; cells that start with a status symbol get its tint."""
    head = "".join(f"<th>{_e(str(column))}</th>" for column in frame.columns)
    body = "".join("<tr>" + "".join(f"<td{_status_class(value)}>{_e(str(value))}</td>" for value in row) + "</tr>"
                   for row in frame.itertuples(index=False))
    return f'<table class="slide-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def build_since_cards_html(change: ChangeSince, lang: str = "vi") -> str:
    """The "since last meeting" slide's cards: the province's change per condition and in overdue reports."""
    cards = [HeadlineCard(t(f"pres.since.{key}", lang), format_change(int(change.province[key]), lang), "")
             for key in (*PROGRESS_KEYS, "overdue")]
    return build_cards_html(cards)


def build_since_table(change: ChangeSince, lang: str = "vi") -> pd.DataFrame:
    """The districts that moved since the last meeting (district, what changed), in the district table's order;
    no rows when none did."""
    rows = [{t("col.district", lang): row["district_name"], t("pres.since.changes", lang): describe_change(row, lang)}
            for row in change.districts.to_dict("records")
            if any(int(row[key]) for key in (*PROGRESS_KEYS, "overdue"))]
    return pd.DataFrame(rows, columns=[t("col.district", lang), t("pres.since.changes", lang)])


def build_since_note_html(change: ChangeSince, lang: str = "vi") -> str:
    """Which recorded days the slide compares, and how many points moved, as a note."""
    return build_note_html(f"{describe_since(change, lang)} {t('pres.since.moved', lang, n=len(change.points))}")
