"""Numbers, shares and dates written the way Vietnamese readers write them (and English ones).

>>> format_number(1234567)
'1.234.567'
>>> format_number(1234567, "en")
'1,234,567'
>>> format_share(0.8534)
'85,3 %'
>>> format_share(0.8534, "en")
'85.3%'
>>> format_date(__import__("datetime").date(2017, 6, 1))
'01/06/2017'
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pandas as pd

from lib import theme
from lib.i18n import t


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT


def format_number(value, lang: str = "vi") -> str:
    """A count as written in `lang`: 54.691 (vi), 54,691 (en); "—" when missing."""
    if _missing(value):
        return "—"
    text = f"{int(round(float(value))):,}"
    return text.replace(",", ".") if lang == "vi" else text


def format_share(value, lang: str = "vi", digits: int = 1) -> str:
    """A share (0–1) as a percentage: 63,4 % (vi), 63.4% (en); "—" when missing."""
    if _missing(value):
        return "—"
    text = f"{100 * float(value):.{digits}f}"
    return f"{text.replace('.', ',')} %" if lang == "vi" else f"{text}%"


def format_points(points, target, lang: str = "vi") -> str:
    """Points listed, and the points the shares divide by when that is more: '17/18', or '31'.

    >>> format_points(17, 18), format_points(1031, 1031)
    ('17/18', '1.031')
    """
    text = format_number(points, lang)
    return text + f"/{format_number(target, lang)}" if not _missing(target) and target > points else text


def format_counted(counted, total, raw=None, lang: str = "vi") -> str:
    """'3/3' for a count as the figures count it; when the sheet's own value differs (trained above
    staff, entered above eligible: see `lib.metrics.readiness`), the sheet's value is said too.

    >>> format_counted(3, 3, 5)
    '3/3 · ⚠ bảng tính ghi 5'
    >>> format_counted(1050, 1200, 1050, "en")
    '1,050/1,200'
    """
    text = f"{format_number(counted, lang)}/{format_number(total, lang)}"
    if not _missing(raw) and (_missing(counted) or int(raw) != int(counted)):
        text += " · " + t("cond.capped", lang, raw=format_number(raw, lang))
    return text


def format_date(value, lang: str = "vi") -> str:
    """A date as dd/mm/yyyy in both languages (the order the sheet is typed in); "—" when missing."""
    if _missing(value):
        return "—"
    if isinstance(value, (pd.Timestamp, datetime)):
        value = value.date()
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


def format_days(days: int | None, lang: str = "vi") -> str:
    """'còn 12 ngày' / 'quá hạn 3 ngày' / 'hôm nay'."""
    if days is None or _missing(days):
        return "—"
    if days == 0:
        return t("dl.today", lang)
    if days > 0:
        return t("dl.days_left", lang, n=format_number(days, lang))
    return t("dl.days_overdue", lang, n=format_number(-days, lang))


def status_label(status_key: str, lang: str = "vi") -> str:
    """Symbol and word, so colour is never the only signal."""
    return f"{theme.STATUSES[status_key].symbol} {t('status.' + status_key, lang)}"


def share_label(share, lang: str = "vi") -> str:
    """A share with its status symbol (✔, ▲, ✖, ?) in front, for tables and tooltips."""
    status = theme.status_of_share(share)
    return f"{status.symbol} {format_share(share, lang)}"


_MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def escape_markdown(text) -> str:
    """Sheet text made inert inside Streamlit markdown (titles, captions, expander labels).

    >>> escape_markdown("![x](http://a) <b>")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\://a\\\\) \\\\<b\\\\>'
    """
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))
