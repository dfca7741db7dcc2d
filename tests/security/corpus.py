"""Hostile and awkward cell values: what real sheets produce and what attackers try.

`CORPUS` is pushed through every tab and column of a workbook by `tests/security/test_corpus.py`.
Every value can be written to an .xlsx (no characters Excel forbids) and means something to one
of the rules in `lib/coercion.py` / `lib/cleaning.py`, or to a page, the map or an export.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

YES_NO = [
    "có", "Có", "CÓ", "c", "x", "X", "✓", "✔", "☑", "✅", "1", "true", "TRUE", "yes", "Y", "rồi", "đã có", "ok",
    "đạt", "không", "Không", "k", "ko", "kh", "0", "false", "no", "n", "chưa", "chưa có", "✗", "✘", "☐", "❌", "-",
    "có?", "có (một phần)", True, False,
]
NUMBERS = [
    "1.234", "1,234", "1 234", "1\u00a0234", "12.5", "12,5", "-3", "3 người", "khoảng 20", "9007199254740993",
    "1e309", "NaN", "inf", "-0", "0x1F", "١٢٣", "１２３", 12, 12.0, -1, 3.5, 1e20, 0, 2**53 + 1,
]
DATES = [
    "20/05/2017", "20-05-2017", "20.05.2017", "2017-05-20", "2017-05-20 08:30", "20/5/17", "31/02/2017",
    "00/00/0000", "42875", 42875, 42875.5, datetime(2017, 5, 20, 8, 30), date(2017, 5, 20),
    "ngày 20 tháng 5 năm 2017", "May 20, 2017", "1899-12-30", "9999-12-31", date(1900, 1, 1), -5,
]
NFD_VIETNAMESE = [unicodedata.normalize("NFD", text) for text in (
    "Huyện Cam Lâm", "Trạm Y tế xã Suối Cát", "Có", "Đã triển khai", "Tiếng Việt: ă â đ ê ô ơ ư ạ ả ấ ầ ẩ ẫ ậ")]
INVISIBLE_AND_RTL = [
    "\u200b", "Cam\u200bLâm", "\ufeffCó", "\u200e20/05/2017", "\u202eevil.exe\u202c", "\u2066isolate\u2069",
    "abc\u200d", "\u00a0", "\t", "\r\n", "dòng 1\ndòng 2", "  có  ", "مرحبا", "שלום 12",
]
LONG = ["A" * 10_000, ("Trạm y tế xã " * 1000)[:10_000], "<" * 10_000]
HTML_AND_SCRIPT = [
    "<script>alert(1)</script>", "</script><script>alert(2)</script>", "<img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>", '<a href="javascript:alert(5)">bấm</a>', '"><script>alert(6)</script>',
    "<iframe src=//example.invalid></iframe>", "<b>đậm</b>", "&lt;script&gt;", "<!--", "]]>",
    "<style>body{display:none}</style>", "'; DROP TABLE points; --", "<details open ontoggle=alert(7)>",
]
TEMPLATE_BREAKERS = [
    "${alert(1)}", "`${alert(2)}`", "`", "\\`", "{{7*7}}", "{0}", "{province}", "%s%s%s", "\\u003cscript\\u003e",
    "</div>", "\\", "'", '"', "}}{{",
]
MARKDOWN = ["**đậm**", "[bấm](javascript:alert(1))", "![x](http://example.invalid/x.png)", ":material/warning:",
            "$x^2$", "# tiêu đề", "| a | b |"]
FORMULAS = [
    "=1+1", '=HYPERLINK("http://example.invalid","bấm")', "+84 258 3822 111", "-2+3", "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=IMPORTXML(\"http://example.invalid\",\"//a\")",
]
EMOJI = ["💉", "👩‍⚕️", "🇻🇳", "✅ xong", "😀" * 50]
NUMBERS_AS_TEXT_AND_BACK = ["00123", "568", "0568", "1.0", "1e3", "KH-568-01", "570", "   ", "NULL", "None", "#N/A",
                            "#REF!", "N/A"]

CORPUS: list = [*YES_NO, *NUMBERS, *DATES, *NFD_VIETNAMESE, *INVISIBLE_AND_RTL, *LONG, *HTML_AND_SCRIPT,
                *TEMPLATE_BREAKERS, *MARKDOWN, *FORMULAS, *EMOJI, *NUMBERS_AS_TEXT_AND_BACK]

# Markers of script that must never survive into HTML as markup.
SCRIPT_VALUES = [value for value in CORPUS if isinstance(value, str) and len(value) < 200 and any(
    marker in value.lower() for marker in ("<script", "onerror", "onload", "ontoggle", "javascript:", "<iframe"))]
FORMULA_VALUES = [value for value in CORPUS if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")]
