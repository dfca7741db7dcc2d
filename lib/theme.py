"""One palette and one set of thresholds for every status shown anywhere (pages, map, charts).

Colour is never the only signal: each status also has a symbol and a word (see `lib.i18n`).
Colours are the Okabe–Ito colour-blind-safe set, readable on grey projectors.
"""

from __future__ import annotations

from dataclasses import dataclass

# A share at or above GOOD is on track; at or above WARN is behind; below WARN is far behind.
GOOD_SHARE = 0.9
WARN_SHARE = 0.6
# A countdown is "at risk" when the forecast misses the deadline by no more than this many days.
AT_RISK_DAYS = 7


@dataclass(frozen=True)
class Status:
    """A status as drawn: its key, colour (hex), symbol, and the pale tint (hex) behind a cell of it."""
    key: str
    colour: str
    symbol: str
    tint: str


GOOD = Status("good", "#009E73", "✔", "#d9f2ea")  # bluish green
WARN = Status("warn", "#E69F00", "▲", "#fcefd2")  # orange
BAD = Status("bad", "#D55E00", "✖", "#f9ddd0")  # vermillion; also behind a sheet row whose figures contradict
UNKNOWN = Status("unknown", "#999999", "?", "#eeeeee")
STATUSES = {status.key: status for status in (GOOD, WARN, BAD, UNKNOWN)}

INK = "#1f2933"
MUTED = "#6b7280"
ACCENT = "#1f4e79"  # the app's primary colour (matches .streamlit/config.toml)
BOUNDARY = "#374151"
# The map draws no base tiles (offline): a pale surface around the province, white panels.
MAP_BACKGROUND = "#eef2f5"
PANEL = "#ffffff"

# Markers by how many of the four conditions a point meets (0..4).
CONDITION_COLOURS = ("#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73")
# One line per condition followed over time (Okabe–Ito): equipped, trained, live, children, supervised.
PROGRESS_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")

# Sequential ramp for district shares 0..1 on the map (light → dark blue), 5 classes.
SHARE_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)
SHARE_COLOURS = ("#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d")


def status_of_share(share: float | None) -> Status:
    """Traffic light for a share 0..1 (None/NaN = unknown)."""
    if share is None or share != share:
        return UNKNOWN
    if share >= GOOD_SHARE:
        return GOOD
    if share >= WARN_SHARE:
        return WARN
    return BAD


def share_colour(share: float | None) -> str:
    """The colour (hex) of a share (0–1) on the map's scale; the unknown colour for None or NaN."""
    if share is None or share != share:
        return STATUSES["unknown"].colour
    for upper, colour in zip(SHARE_BINS[1:], SHARE_COLOURS):
        if share <= upper:
            return colour
    return SHARE_COLOURS[-1]
