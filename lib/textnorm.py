"""Text folding shared by header matching and name matching.

>>> fold("  Số cán bộ  đã TẬP HUẤN! ")
'socanbodataphuan'
>>> fold("Huyện Đồng Văn") == fold("huyen dong van")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)  # called several times per cell (blank check, parse) on few distinct texts
def clean_text(value: str) -> str:
    """NFC, invisible and control characters removed, runs of spaces collapsed, trimmed."""
    value = unicodedata.normalize("NFC", value)
    value = _INVISIBLE.sub("", value)
    value = _CONTROL.sub(" ", value)
    return _SPACES.sub(" ", value).strip()


@lru_cache(maxsize=1 << 16)  # the same names are folded over and over (unit lists, every row)
def fold(value: str) -> str:
    """Lower case, no diacritics (đ → d), letters and digits only: for comparing names."""
    decomposed = unicodedata.normalize("NFD", clean_text(value).replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.lower() if ch.isalnum())
