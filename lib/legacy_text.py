"""Vietnamese typed in the old 8-bit fonts (TCVN3/ABC and VNI) inside a text cell: recognised and
converted to Unicode NFC. This module owns the detection rules; the code tables live in
``legacy_text_tables.json`` beside it, and nowhere else.

A cell formatted with a ``.VnTime``/``.VnArial`` font (TCVN3) or a ``VNI-Times`` font (VNI) holds
the font's bytes read as Windows-1252 characters, so ``Trạm Y tế xã Đồng Tâm`` arrives as
``Tr¹m Y tÕ x· §ång T©m`` (TCVN3) or ``Traïm Y teá xaõ Ñoàng Taâm`` (VNI). :func:`decode_legacy`
decides whether a text is such a cell and gives it back in Unicode; :func:`convert_legacy` applies
one table unconditionally, for a caller that already knows the encoding (from the font name, say).

How a text is judged, cheapest test first:

1. ASCII only, or holding any character a Windows-1252 byte cannot produce (ạ, ư, đ, combining
   marks, CJK, emoji): not legacy. Most modern Vietnamese stops here.
2. No character from either table: not legacy.
3. Every word with a non-ASCII letter is already a valid Vietnamese syllable: left alone, even
   where it could also be read as legacy (``Cã`` is TCVN3 for ``Có``, ``Cô`` is VNI for ``Cơ``).
   This rule is what guarantees that ordinary Unicode Vietnamese is never altered.
4. Each table is tried. A reading counts when it changes a word of two or more letters (a lone
   ``©``, ``·`` or ``«`` is punctuation, not â, ã or ô) and every word with a non-ASCII letter
   comes out as a valid syllable (:func:`is_vietnamese_syllable`; VNI words must also be cased
   like words, since VNI spells capitals with capital marks). A reading may leave one word in
   seven (at least one) unread, for minority names like ``Krông``, when more changed words came
   out right and one of them shows a character no Unicode Vietnamese word holds (TCVN3 ¹ · ©,
   VNI ï ö ñ). The better reading wins: fewer unread words, fewer rare syllables, a TCVN3 symbol,
   and on a tie VNI.

``certain`` is True when every word came out right and either a changed word holds a TCVN3 symbol
(¹ · © ® ¸ µ ..., found in no Latin-1 word) or two or more words changed and the other table cannot
read the text. So one VNI word (``Khaùnh``), one TCVN3 word of Latin-1 letters (``Tæng``), a short
text both tables read (``chöa``: VNI chưa, TCVN3 chửa) and a text with unread words are uncertain.

TCVN3 has no toned capitals: headings were set in the capitals font (.VnTimeH), which draws the
lower-case codes as capitals, so ``TR¹M Y TÕ`` means ``TRẠM Y TẾ``. The case is guessed from the
ASCII letters, which keep the case they were typed in: a TCVN3 word whose ASCII letters are all
capitals (two or more of them, or the whole cell's when the word has fewer) is upper-cased, and in
a cell whose words all start with a capital a word starting with a TCVN3 letter is capitalized
(``X· T©n Ých`` is ``Xã Tân Ích``). Otherwise TCVN3 letters stay lower case.

Why our own module: PyPI has no maintained per-cell decoder. ``viparse`` 0.1.31 decodes TCVN3/VNI
inside a document loader for RAG (Python >= 3.11, many optional dependencies); its content
detection is opt-in and works per document, and its VNI table lacks ẳ (``aú``) and gives ỵ as
``yï`` where Unikey, xvnkb and duydev/vietnamese-conversion all give ``î``. ``vniencoder`` 0.2.1
handles the VNI *typing method* (``a1`` → ``á``), not the VNI font encoding. Where the tables come
from is recorded in the JSON file's "sources": typed from the published layouts and checked entry
by entry against Unikey, xvnkb and duydev/vietnamese-conversion.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

TABLES_PATH = Path(__file__).with_name("legacy_text_tables.json")
TCVN3 = "TCVN3"
VNI = "VNI"
ENCODINGS = (TCVN3, VNI)


def load_tables(path: Path = TABLES_PATH) -> dict:
    """The parsed tables file: {"notes", "sources", "encodings": {name: {"to_unicode": {...}}}}."""
    return json.loads(path.read_text(encoding="utf-8"))


_TABLES = load_tables()["encodings"]
TCVN3_TO_UNICODE: Mapping[str, str] = MappingProxyType(_TABLES[TCVN3]["to_unicode"])
TCVN3_UPPER_CASE_WRITTEN_AS: Mapping[str, str] = MappingProxyType(_TABLES[TCVN3]["upper_case_written_as"])
VNI_TO_UNICODE: Mapping[str, str] = MappingProxyType(_TABLES[VNI]["to_unicode"])


@dataclass(frozen=True)
class LegacyGuess:
    """What :func:`decode_legacy` read a legacy cell as."""

    text: str        # the Unicode NFC text
    encoding: str    # "TCVN3" or "VNI"
    certain: bool    # False when the text could also be ordinary Unicode/Latin text


# ---------------------------------------------------------------- character sets

_TCVN3_TRANSLATION = str.maketrans(dict(TCVN3_TO_UNICODE))
# Longest keys first, so that "ôù" (ớ) wins over "ô" (ơ); identity entries (í ì Í Ì) are left out.
_VNI_SEQUENCE = re.compile("|".join(re.escape(key) for key in sorted(VNI_TO_UNICODE, key=len, reverse=True)
                                    if VNI_TO_UNICODE[key] != key))
_LEGACY_CHARS = frozenset(TCVN3_TO_UNICODE) | frozenset(
    char for key, value in VNI_TO_UNICODE.items() if key != value for char in key if not char.isascii())
_LEGACY_CHAR = re.compile("[" + "".join(re.escape(char) for char in sorted(_LEGACY_CHARS)) + "]")
# Characters that reading bytes as Windows-1252 (or Latin-1) can produce; anything else rules legacy out.
_CP1252_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_NOT_FROM_BYTES = re.compile("[^\x00-\xff" + re.escape(_CP1252_EXTRAS) + "]")
# A word: ASCII and Latin-1 letters plus the TCVN3 codes that are symbols in Latin-1 (¹ · © ...).
_WORD = re.compile("[A-Za-z\u00c0-\u00ff" + "".join(re.escape(char) for char in sorted(_LEGACY_CHARS)
                                                     if char < "\u00c0") + "]+")
# TCVN3 codes that ordinary Latin-1 prose never puts in a word: the symbols 0xA1-0xBE, × and ÷.
_TCVN3_SYMBOLS = frozenset(char for char in TCVN3_TO_UNICODE if char < "\u00c0" or char in "×÷")
# VNI characters that no Vietnamese Unicode word holds (ï ö ñ ø ...); other Latin-1 languages do use them.
_VIETNAMESE_LETTERS = frozenset(VNI_TO_UNICODE.values())  # the 134, VNI's table has them all
_VNI_TELLTALES = frozenset(char for key in VNI_TO_UNICODE for char in key
                           if not char.isascii() and char not in _VIETNAMESE_LETTERS)


# ---------------------------------------------------------------- syllables

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = frozenset("\u0301\u0323")                    # the only tones a -c/-ch/-p/-t syllable takes
_VOWELS = frozenset("aeiouy")
_ONSET = ("(?:ngh(?=[ieê])|ng(?![ieê])|nh|ch|gh(?=[ieê])|gi|kh|ph|th|tr|qu"
          "|c(?![ieêy])|k(?=[ieêy])|g(?![eê])|[bdđhlmnprstvx])?")
_RHYME = ("(?:ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu"
          "|uya|uyu|ua|ưa|uơ"                                        # open rhymes: no final consonant
          "|(?:a|ê|i|oa|uê|uy)(?:ch|nh)"                              # -ch/-nh only after these
          "|(?:a|e|ê|o|ô|ơ|u|ư|oa|oe|uê|uy|ă|â|oă|uâ|iê|yê|uô|ươ|uyê|oo)(?:ng|c|m|n|p|t)"
          "|i(?:m|n|p|t)"
          "|a|e|ê|i|o|ô|ơ|u|ư|y|oa|oe|uê|uy)")
_SYLLABLE = re.compile(_ONSET + _RHYME)


_NUCLEUS_VOWELS = frozenset("aăâeêioôơuưy")
_EITHER_PLACE = frozenset(("oa", "oe", "uy"))  # hòa/hoà, khỏe/khoẻ, thủy/thuỷ: old and new style
_RARE = re.compile("oo|uơ|oao|oeo|uyu")       # xoong, thuở, ngoao, ngoẹo, khuỷu: real but rare


def _tone_in_place(base: str, tone_at: int) -> bool:
    """Whether the tone sits where either spelling style puts it in the vowel cluster of `base`."""
    start = next(i for i, char in enumerate(base) if char in _NUCLEUS_VOWELS)
    end = start
    while end < len(base) and base[end] in _NUCLEUS_VOWELS:
        end += 1
    if base.startswith("qu") or (base.startswith("gi") and end - start > 1):
        start += 1  # the u of qu and the i of gi belong to the onset: quá, già, giữa (but gìn)
    cluster, open_syllable = base[start:end], end == len(base)
    if len(cluster) == 1:
        places = {start}
    elif not open_syllable or cluster == "uơ" or cluster == "uê":
        places = {end - 1}            # toán, muốn, người, khuyến, thuở, thuế
    elif len(cluster) == 3:
        places = {start + 1}          # yếu, tuổi, người, khuỷu, ngoái
    elif cluster in _EITHER_PLACE:
        places = {start, start + 1}
    else:
        places = {start}              # tài, cáu, mía, của, mưa, chịu
    return tone_at in places


@lru_cache(maxsize=1 << 15)
def _syllable_rank(word: str) -> int:
    """2 for a common Vietnamese syllable, 1 for a rare but real one (xoong, thuở), 0 for none."""
    lower = word.lower()
    base = []
    tone_at = tone = None
    for index, char in enumerate(lower):
        decomposed = unicodedata.normalize("NFD", char)
        tones = [mark for mark in decomposed if mark in _TONE_MARKS]
        if tones:
            if len(tones) > 1 or tone_at is not None or decomposed[0] not in _VOWELS:
                return 0  # two tones, or a tilde on n (ñ) which is no ngã
            tone_at, tone = index, tones[0]
            char = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in _TONE_MARKS))
        base.append(char)
    base = "".join(base)
    if not _SYLLABLE.fullmatch(base):
        return 0
    if base.endswith(("c", "ch", "p", "t")) and tone not in _STOP_TONES:
        return 0  # -c/-ch/-p/-t take sắc or nặng only
    if tone_at is not None and not _tone_in_place(base, tone_at):
        return 0  # xaõ is VNI for xã, not a Unicode xão
    return 1 if _RARE.search(base) else 2


def is_vietnamese_syllable(word: str) -> bool:
    """One written Vietnamese syllable: onset, rhyme and at most one tone, by the spelling rules.

    Checked: the spelling rules (k/gh/ngh before i, e, ê; c/g/ng elsewhere); -ch/-nh only after
    a, ê, i; -c, -ch, -p, -t only with sắc or nặng; the tone on the vowel either the old or the
    new style puts it on (hoà and hòa both pass, xaõ does not).

    >>> [is_vietnamese_syllable(w) for w in ("Nguyễn", "khuya", "gìn", "Hoà", "giữa", "quý", "nã")]
    [True, True, True, True, True, True, True]
    >>> [is_vietnamese_syllable(w) for w in ("Cafộ", "Khỏnh", "xaõ", "ña", "Càt", "Müller")]
    [False, False, False, False, False, False]
    """
    return _syllable_rank(word) > 0


# ---------------------------------------------------------------- conversion


def _cell_case(text: str) -> tuple[bool, bool]:
    """(all capitals, title case) judged from the cell's ASCII letters, which TCVN3 leaves as typed."""
    letters = [char for char in text if char.isascii() and char.isalpha()]
    upper = len(letters) >= 2 and all(char.isupper() for char in letters)
    initials = [word[0] for word in _WORD.findall(text) if word[0].isascii()]
    title = not upper and len(initials) >= 2 and all(char.isupper() for char in initials)
    return upper, title


def _tcvn3_word(word: str, cell_upper: bool, cell_title: bool) -> str:
    if not any(char in TCVN3_TO_UNICODE for char in word):  # not `converted == word`: ý is its own code
        return word
    converted = word.translate(_TCVN3_TRANSLATION)
    letters = [char for char in word if char.isascii() and char.isalpha()]
    if len(letters) >= 2:
        upper = all(char.isupper() for char in letters)
    elif letters and letters[0].islower():
        upper = False
    else:
        upper = cell_upper
    if upper:
        return converted.upper()
    if cell_title and word[0] in TCVN3_TO_UNICODE:  # "X· T©n Ých" is a name: Xã Tân Ích
        return converted[0].upper() + converted[1:]
    return converted


def _vni_word(word: str) -> str:
    return _VNI_SEQUENCE.sub(lambda match: VNI_TO_UNICODE[match.group()], word)


def convert_legacy(text: str, encoding: str) -> str:
    """`text` read through one table ("TCVN3" or "VNI"), NFC; no detection.

    >>> convert_legacy("B×nh S¬n", "TCVN3"), convert_legacy("TR¹M Y TÕ", "TCVN3")
    ('Bình Sơn', 'TRẠM Y TẾ')
    >>> convert_legacy("Ngöôøi daân", "VNI")
    'Người dân'
    """
    if encoding == TCVN3:
        cell_upper, cell_title = _cell_case(text)
        converted = _WORD.sub(lambda match: _tcvn3_word(match.group(), cell_upper, cell_title), text)
    elif encoding == VNI:
        converted = _vni_word(text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    return unicodedata.normalize("NFC", converted)


# ---------------------------------------------------------------- detection

_TOLERATED_SHARE = 0.15  # a reading may leave this share of its words (or one word) unread: names like Krông


@dataclass(frozen=True)
class _Reading:
    encoding: str
    changed: int        # words the table changed
    changed_valid: int  # ... that came out as syllables
    telling: int        # ... of which hold a character no Vietnamese Unicode word has (¹ · ©, VNI ï ö ñ)
    strong: bool        # a changed word came out right and holds a TCVN3 symbol (¹ · © ...), in no Latin-1 word
    substantial: bool   # a changed word came out two or more letters long
    valid: int          # words with a non-ASCII letter that are syllables after conversion
    invalid: int        # ... and those that are not
    rare: int           # ... valid but rare (xoong, thuở): a reading built on them is the weaker one

    @property
    def clean(self) -> bool:
        """Every word of the reading is a Vietnamese syllable (or plain ASCII)."""
        return self.invalid == 0

    @property
    def acceptable(self) -> bool:
        """The reading is good enough to offer: clean, or nearly so on a long text."""
        if not (self.changed and self.substantial):
            return False
        return self.clean or (self.telling >= 1 and self.changed_valid > self.invalid
                              and self.invalid <= max(1.0, _TOLERATED_SHARE * (self.valid + self.invalid)))


def _cased_like_a_word(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _read(words: list[str], encoding: str) -> _Reading:
    changed = changed_valid = telling = valid = invalid = rare = 0
    strong = substantial = False
    telltales = _TCVN3_SYMBOLS if encoding == TCVN3 else _VNI_TELLTALES
    for word in words:
        converted = word.translate(_TCVN3_TRANSLATION) if encoding == TCVN3 else _vni_word(word)
        rank = _syllable_rank(converted)
        if encoding == VNI and rank and not _cased_like_a_word(converted):
            rank = 0  # VNI spells case out (a capital takes the capital mark): "mỴ" is no reading
        valid += rank > 0
        invalid += rank == 0
        rare += rank == 1
        if converted != word:
            changed += 1
            substantial = substantial or len(converted) >= 2
            if rank:
                changed_valid += 1
                if any(char in telltales for char in word):
                    telling += 1
                    strong = strong or encoding == TCVN3
    return _Reading(encoding, changed, changed_valid, telling, strong, substantial, valid, invalid, rare)


@lru_cache(maxsize=1 << 16)  # called on every text cell of large sheets, which repeat a lot
def _decode(text: str) -> LegacyGuess | None:
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    if all(is_vietnamese_syllable(word) for word in words):
        return None  # already reads as Vietnamese: never touch it
    readings = [reading for reading in (_read(words, TCVN3), _read(words, VNI)) if reading.acceptable]
    if not readings:
        return None
    # On a tie without TCVN3 symbols VNI wins: any TCVN3 text of some length shows its symbols (· ã, ¸ á,
    # 0xAD ư), while ö ñ ô (ư đ ơ) are among VNI's commonest characters, so "chöa" is chưa rather than chửa.
    best = max(readings, key=lambda r: (r.clean, r.valid - r.invalid, -r.rare, r.strong, r.encoding == VNI))
    rival = any(reading is not best and reading.clean for reading in readings)
    certain = best.clean and (best.strong or (best.changed >= 2 and not rival))
    return LegacyGuess(convert_legacy(text, best.encoding), best.encoding, certain)


def decode_legacy(text: str) -> LegacyGuess | None:
    """The Unicode reading of a TCVN3 or VNI cell, or None when `text` is not legacy-encoded.

    None for ASCII, for modern Unicode Vietnamese, and for ordinary Latin-1 text.

    >>> decode_legacy("Tr¹m Y tÕ x· §ång T©m").text == "Trạm Y tế xã Đồng Tâm"
    True
    >>> decode_legacy("Tr¹m Y tÕ x· §ång T©m")
    LegacyGuess(text='Trạm Y tế xã Đồng Tâm', encoding='TCVN3', certain=True)
    >>> decode_legacy("Traïm Y teá xaõ Ñoàng Taâm").text == "Trạm Y tế xã Đồng Tâm"
    True
    >>> decode_legacy("Traïm Y teá xaõ Ñoàng Taâm").encoding
    'VNI'
    >>> decode_legacy("Khaùnh")  # one word of letters Latin-1 text uses too
    LegacyGuess(text='Khánh', encoding='VNI', certain=False)
    >>> [decode_legacy(t) for t in ("Trạm Y tế xã Đồng Tâm", "Bình Sơn", "Café", "naïve", "TYT-01")]
    [None, None, None, None, None]
    """
    if not isinstance(text, str) or text.isascii() or _NOT_FROM_BYTES.search(text) \
            or not _LEGACY_CHAR.search(text):
        return None
    return _decode(text)
