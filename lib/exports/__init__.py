"""Meetings: what leaves the dashboard — slides, chart images, workbooks, the summary image, the report.

Every builder here takes computed tables (a `Rollout`) and returns bytes or plain objects; the
pages only offer them for download or lay them out.
"""

from __future__ import annotations

import re
from datetime import date

from lib.textnorm import fold


def file_stem(*words: str, as_of: date | None = None) -> str:
    """An ASCII file name stem from Vietnamese words, dated: 'bao-cao-lam-dong-20170520'.

    >>> file_stem("Báo cáo", "Lâm Đồng", as_of=date(2017, 5, 20))
    'bao-cao-lam-dong-20170520'
    >>> file_stem("tap-huan theo huyện")
    'tap-huan-theo-huyen'
    """
    parts = [fold(part) for word in words for part in re.split(r"[\s\-_/.,]+", str(word))]
    stem = "-".join(part for part in parts if part) or "xuat"
    return f"{stem}-{as_of:%Y%m%d}" if as_of else stem
