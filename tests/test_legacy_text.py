"""lib.legacy_text: TCVN3/VNI cells found and converted, and ordinary text never touched.

The legacy forms of the phrases are made by an encoder written here from byte values typed by hand
from Unikey's tables (ukengine kSingleByteTcvn3 / kDoubleByteVniWin), not from the JSON file, so a
wrong entry in the JSON fails these tests instead of agreeing with itself.
"""

from __future__ import annotations

import csv
import doctest
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lib.legacy_text
from lib import PROJECT_ROOT
from lib.i18n import STRINGS
from lib.legacy_text import (TCVN3, TCVN3_TO_UNICODE, TCVN3_UPPER_CASE_WRITTEN_AS, VNI, VNI_TO_UNICODE,
                             LegacyGuess, convert_legacy, decode_legacy, is_vietnamese_syllable, load_tables)

# ---------------------------------------------------------------- an independent encoder

# Byte values typed by hand, only for the letters the phrases below need.
HAND_TCVN3 = {
    "á": b"\xb8", "à": b"\xb5", "ả": b"\xb6", "ã": b"\xb7", "ạ": b"\xb9",
    "ắ": b"\xbe",
    "â": b"\xa9", "ấ": b"\xca", "ậ": b"\xcb",
    "ê": b"\xaa", "ế": b"\xd5", "ề": b"\xd2", "ệ": b"\xd6",
    "í": b"\xdd", "ĩ": b"\xdc",
    "ó": b"\xe3", "ò": b"\xdf",
    "ô": b"\xab", "ố": b"\xe8", "ổ": b"\xe6", "ộ": b"\xe9",
    "ơ": b"\xac", "ờ": b"\xea", "ợ": b"\xee",
    "ủ": b"\xf1",
    "ư": b"\xad",
    "đ": b"\xae", "Đ": b"\xa7",
}
HAND_VNI = {
    "á": b"a\xf9", "à": b"a\xf8", "ả": b"a\xfb", "ã": b"a\xf5", "ạ": b"a\xef",
    "ắ": b"a\xe9",
    "â": b"a\xe2", "ấ": b"a\xe1", "ậ": b"a\xe4",
    "ê": b"e\xe2", "ế": b"e\xe1", "ề": b"e\xe0", "ệ": b"e\xe4",
    "í": b"\xed", "ĩ": b"\xf3", "Í": b"\xcd",
    "ó": b"o\xf9", "ò": b"o\xf8",
    "ô": b"o\xe2", "ố": b"o\xe1", "ổ": b"o\xe5", "ộ": b"o\xe4", "Ổ": b"O\xc5", "Ộ": b"O\xc4",
    "ơ": b"\xf4", "ờ": b"\xf4\xf8", "ợ": b"\xf4\xef",
    "ủ": b"u\xfb",
    "ư": b"\xf6",
    "đ": b"\xf1", "Đ": b"\xd1",
}


def encode(text: str, encoding: str) -> str:
    """`text` as a .VnTime/VNI-Times cell shows it: the font's bytes read as Windows-1252."""
    hand = HAND_TCVN3 if encoding == TCVN3 else HAND_VNI
    out = b""
    for char in text:
        if char.isascii():
            out += char.encode()
        elif char in hand:
            out += hand[char]
        elif encoding == TCVN3 and char.lower() in hand:  # no toned capitals: the .VnTimeH convention
            out += hand[char.lower()]
        else:
            raise KeyError(f"{char!r} is not in the hand-typed {encoding} table: add it")
    return out.decode("cp1252")


def test_the_hand_encoder_gives_the_known_forms():
    assert encode("Trạm Y tế xã Cam Tân", TCVN3) == "Tr¹m Y tÕ x· Cam T©n"
    assert encode("Trạm Y tế xã Cam Tân", VNI) == "Traïm Y teá xaõ Cam Taân"


# ---------------------------------------------------------------- phrases

PHRASES = [
    "Cam Lâm",
    "Diên Khánh",
    "Khánh Vĩnh",
    "Vạn Ninh",
    "Ninh Hòa",
    "Trường Sa",
    "Thành phố Nha Trang",
    "Thành phố Cam Ranh",
    "Khánh Sơn",
    "Trạm y tế",
    "Trạm Y tế xã Cam Tân",
    "Đã tập huấn",
    "Không",
    "Chưa có máy in",
    "Tổng cộng",
    "TỔNG CỘNG",
    "Số người đã tiêm",
    "Huyện Cam Lâm",
    "Phường Vĩnh Hòa",
    "Xã Cam Hải Đông",
    "Cán bộ y tế đã được tập huấn",
    "Chưa đạt",
    "Ngày tiêm chủng",
    "Vắc-xin",
    "Có máy tính",
]


@pytest.mark.parametrize("phrase", PHRASES)
def test_tcvn3_phrases_are_converted(phrase):
    guess = decode_legacy(encode(phrase, TCVN3))
    assert guess is not None and (guess.text, guess.encoding) == (phrase, TCVN3)


@pytest.mark.parametrize("phrase", PHRASES + ["Có", "Xã Ninh Ích"])
def test_vni_phrases_are_converted(phrase):
    guess = decode_legacy(encode(phrase, VNI))
    assert guess is not None and (guess.text, guess.encoding) == (phrase, VNI)


# Legacy text quoted in external sources: the task's own examples, duydev/vietnamese-conversion's
# README ("Xin chaøo caùc baïn"), and viparse's notes on real VNI documents ("Ñaø Naüng", "saün coù").
@pytest.mark.parametrize("legacy, text, encoding", [
    ("Tr¹m Y tÕ x· Cam T©n", "Trạm Y tế xã Cam Tân", TCVN3),
    ("Traïm Y teá xaõ Cam Taân", "Trạm Y tế xã Cam Tân", VNI),
    ("Xin chaøo caùc baïn", "Xin chào các bạn", VNI),
    ("Ñaø Naüng", "Đà Nẵng", VNI),
    ("saün coù", "sẵn có", VNI),
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam", VNI),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam", TCVN3),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc", TCVN3),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", TCVN3),
])
def test_known_legacy_strings(legacy, text, encoding):
    guess = decode_legacy(legacy)
    assert guess is not None and (guess.text, guess.encoding) == (text, encoding)


@pytest.mark.parametrize("legacy, text, encoding", [
    ("Tr¹m Y tÕ sè 3 - x· Cam T©n (2017): 45%", "Trạm Y tế số 3 - xã Cam Tân (2017): 45%", TCVN3),
    ("TYT x· Diªn L©m, 12 ng\u00adêi", "TYT xã Diên Lâm, 12 người", TCVN3),
    ("§· tËp huÊn: 5/7 c¸n bé", "Đã tập huấn: 5/7 cán bộ", TCVN3),
    ("Traïm Y teá soá 3 - xaõ Cam Taân (2017): 45%", "Trạm Y tế số 3 - xã Cam Tân (2017): 45%", VNI),
    ("TYT xaõ Dieân Laâm, 12 ngöôøi", "TYT xã Diên Lâm, 12 người", VNI),
    ("  Chöa coù maùy in!  ", "  Chưa có máy in!  ", VNI),
])
def test_mixed_with_digits_and_punctuation(legacy, text, encoding):
    guess = decode_legacy(legacy)
    assert guess is not None and (guess.text, guess.encoding) == (text, encoding)


# TCVN3 leaves case to the font, so it is guessed from the ASCII letters typed around the codes.
@pytest.mark.parametrize("legacy, text", [
    ("§· TËP HUÊN", "ĐÃ TẬP HUẤN"),
    ("§· tËp huÊn", "Đã tập huấn"),
    ("CH\u00adA Cã M¸Y IN", "CHƯA CÓ MÁY IN"),
    ("X· Ninh Ých", "Xã Ninh Ích"),                  # every word capitalized: a name
    ("ñy Ban Nh©n D©n", "Ủy Ban Nhân Dân"),
    ("Tr¹m Y tÕ X· Ninh Ých", "Trạm Y tế Xã Ninh ích"),  # mixed case: the capital Í cannot be told
])
def test_tcvn3_case_is_guessed_from_the_ascii_letters(legacy, text):
    guess = decode_legacy(legacy)
    assert guess is not None and (guess.text, guess.encoding) == (text, TCVN3)


@pytest.mark.parametrize("legacy, certain", [
    ("Tr¹m Y tÕ x· Cam T©n", True),
    ("Traïm Y teá xaõ Cam Taân", True),
    ("Kh«ng", True),          # « is in no Latin-1 word
    ("x·", True),
    ("Khoâng", False),        # one word of letters Latin-1 text uses too
    ("Khaùnh", False),
    ("Tæng", False),          # æ is Danish as well
])
def test_certainty(legacy, certain):
    guess = decode_legacy(legacy)
    assert guess is not None and guess.certain is certain


# ---------------------------------------------------------------- left alone

NOT_LEGACY = [
    "Trạm Y tế xã Cam Tân", "Cam Lâm", "TYT-01", "Có", "Không", "Đã xong", "12 người", "Café", "naïve", "Müller",
    "cantho.tyt@gmail.com", "5%", "", " ", "Khánh Hòa", "Ninh Hoà", "Hòa Bình", "Cô", "Thị trấn Cam Đức", "Đạt",
    "Chưa", "Nha Trang", "Vạn Ninh", "x", "Pfizer®", "© 2017 Sở Y tế", "© 2017", "« Oui »", "½ liều", "½ dose",
    "5 µg", "A · B", "Nº 5", "1ª dosis", "§ 3", "São Paulo", "año", "mañana", "Straße", "schön", "Søren",
    "crème brûlée", "fête", "déjà vu", "José Pérez", "García", "Gómez", "Noël", "Zoë", "Ångström", "Là où", "über",
    "Krông Pa", "Ea Chà Rang", "25°C", "m²", "±5", "“Có”", "Có – Không", "Trạm y tế\u00a0số 3", "Haïti", "Citroën",
    "Tra\u0323m y te\u0302\u0301",  # decomposed (NFD) Unicode is not legacy either
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_ordinary_text_is_left_alone(text):
    assert decode_legacy(text) is None


@pytest.mark.parametrize("value", [None, 5, 3.5, float("nan")])
def test_non_text_is_left_alone(value):
    assert decode_legacy(value) is None


# Legacy forms that are also valid Unicode Vietnamese stay as they are: the rule that keeps real
# text safe cannot tell them apart. TCVN3 "Cã" is "Có", VNI "Cô" is "Cơ".
@pytest.mark.parametrize("legacy", ["Cã", "Cô", "ë"])
def test_legacy_that_reads_as_vietnamese_is_left_alone(legacy):
    assert decode_legacy(legacy) is None


def _name_files() -> list[Path]:
    """The bundled geographies' commune lists, and shared/data's Khánh Hòa and Phú Yên lists where shared/ is."""
    files = sorted((PROJECT_ROOT / "data" / "geographies").glob("*/*_communes.csv"))
    for root in (PROJECT_ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if root.is_dir():
            files += [root / "khanh_hoa_communes.csv", *sorted((root / "phu_yen").glob("*.csv"))]
            break
    return [path for path in files if path.exists()]


def _names(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [column for column in reader.fieldnames if column.endswith("_name")]
        assert columns, f"no *_name column in {path}"
        return [row[column] for row in reader for column in columns]


def test_every_commune_and_district_name_is_left_alone():
    names = sorted({name for path in _name_files() for name in _names(path)})
    assert len(names) > 140
    assert any(not name.isascii() and not any(ord(char) > 0xFF for char in name) for name in names)
    assert [name for name in names if decode_legacy(name) is not None] == []


def test_every_name_typed_in_a_legacy_font_reads_back():
    names = sorted({name for path in _name_files() for name in _names(path)})
    tcvn3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()} | dict(TCVN3_UPPER_CASE_WRITTEN_AS)
    vni = {letter: code for code, letter in VNI_TO_UNICODE.items()}
    missed = []
    for name in names:
        for encoding, codes in ((TCVN3, tcvn3), (VNI, vni)):
            legacy = "".join(codes.get(char, char) for char in name)
            if legacy == name:
                continue  # ASCII names (Phường 1 is not)
            guess = decode_legacy(legacy)
            if guess is None:
                missed.append((encoding, name))
            else:
                assert (guess.text, guess.encoding) == (name, encoding)
    # Only names with a syllable Vietnamese spelling does not have, in a cell too short to outvote it.
    assert set(missed) <= {(encoding, name) for encoding in (TCVN3, VNI) for name in ("Xã Eachà Rang", "Xã Krông Pa")}


COMMON_WORDS = """
ba bà bá bả bã bạ ca cà cá cả cạ ma mà má mả mã mạ la là lá lả lã lạ xa xà xá xả xã xạ
me mè mé mẻ mẽ mẹ bê bề bế bể bễ bệ ti tì tí tỉ tĩ tị bo bò bó bỏ bõ bọ cô cồ cố cổ cỗ cộ
cơ cờ cớ cở cỡ cợ cu cù cú củ cũ cụ tư từ tứ tử tữ tự ly lỳ lý lỷ lỹ lỵ
ăn ắt ắp ặc ân ấn ầm ẩn ẫm ậm ơn ớt ở ợ ưa ừ ứ ử ữ ự đi đó đã đây đều đồng
có không chưa đã xong rồi người tiêm chủng vắc xin trạm y tế xã phường thị trấn huyện tỉnh thành phố
tổng cộng số liệu báo cáo cán bộ tập huấn máy tính in mạng đạt chưa đạt kế hoạch ngày tháng năm
khánh hòa hoà cam lâm diên vĩnh vạn ninh trường sa nha trang ranh sơn tân đức lộc phú yên
giữa giường gìn già khuya khuỷu quyết quý quả quê quên quốc nghiêng nghĩ nghe ngoài xoong hoạch
hoặc xoăn khoe khoẻ tuần xuân huế thuở rượu tươi muối khuấy huỳnh huỵch oanh ếch ích ạch ách
yêu yểu uyển ươm ướt ưng ý ấy ạ ơi ôi áo âu im ít ốm ôm óc
"""


def test_common_vietnamese_words_are_left_alone():
    words = COMMON_WORDS.split()
    assert [word for word in words if not is_vietnamese_syllable(word)] == []
    for word in words:
        for form in (word, word.capitalize(), word.upper()):
            assert decode_legacy(form) is None, form
    assert decode_legacy(" ".join(words)) is None


def test_the_dashboards_own_strings_are_left_alone():
    texts = [text for pair in STRINGS.values() for text in pair]
    assert [text for text in texts if decode_legacy(text) is not None] == []


# ---------------------------------------------------------------- the tables


def _all_letters() -> set[str]:
    """The 134 Vietnamese letters beyond ASCII, built from base letters and marks."""
    bases = ["a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"]
    tones = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
    lower = {unicodedata.normalize("NFC", base + tone) for base in bases for tone in tones} - set("aeiouy")
    lower.add("đ")
    return lower | {letter.upper() for letter in lower}


def test_there_are_134_letters():
    assert len(_all_letters()) == 134


def test_the_tables_cover_every_letter():
    assert set(VNI_TO_UNICODE.values()) == _all_letters()
    assert len(VNI_TO_UNICODE) == 134
    assert set(TCVN3_TO_UNICODE.values()) | set(TCVN3_UPPER_CASE_WRITTEN_AS) == _all_letters()
    assert len(TCVN3_TO_UNICODE) == 74 and len(TCVN3_UPPER_CASE_WRITTEN_AS) == 60


def test_the_table_entries_are_well_formed():
    for table in (TCVN3_TO_UNICODE, VNI_TO_UNICODE):
        for legacy, letter in table.items():
            assert len(letter) == 1 and unicodedata.is_normalized("NFC", letter)
            raw = legacy.encode("cp1252")  # every key is what Windows-1252 shows for some bytes
            assert raw == legacy.encode("latin-1") and all(b < 0x80 or b >= 0xA1 for b in raw)
    assert all(len(key) == 1 for key in TCVN3_TO_UNICODE)
    assert all(len(key) in (1, 2) for key in VNI_TO_UNICODE)
    assert all(key[0] in "aeouyAEOUYôÔöÖ" for key in VNI_TO_UNICODE if len(key) == 2)
    # TCVN3 capitals are written with the lower-case code (.VnTimeH draws it as a capital).
    inverse = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}
    assert all(code == inverse[letter.lower()] for letter, code in TCVN3_UPPER_CASE_WRITTEN_AS.items())
    notes = " ".join(load_tables()["notes"])
    assert ".VnTimeH" in notes and "capital" in notes


@pytest.mark.parametrize("letter", sorted(_all_letters()))
def test_every_letter_round_trips(letter):
    vni = {value: key for key, value in VNI_TO_UNICODE.items()}
    assert convert_legacy(vni[letter], VNI) == letter
    assert convert_legacy("x" + vni[letter] + "n", VNI) == "x" + letter + "n"
    tcvn3 = {value: key for key, value in TCVN3_TO_UNICODE.items()}
    if letter in tcvn3:
        assert convert_legacy(tcvn3[letter], TCVN3) == letter
        assert convert_legacy("x" + tcvn3[letter] + "n", TCVN3) == "x" + letter + "n"
    else:  # a toned capital comes back as a capital in an upper-case word only
        code = TCVN3_UPPER_CASE_WRITTEN_AS[letter]
        assert convert_legacy("NGH" + code + "N", TCVN3) == "NGH" + letter + "N"
        assert convert_legacy("ngh" + code + "n", TCVN3) == "ngh" + letter.lower() + "n"


def test_tcvn3_u_with_horn_is_the_soft_hyphen():
    assert TCVN3_TO_UNICODE["\u00ad"] == "ư"  # invisible, and lib.textnorm.clean_text strips it: decode first


def test_the_tables_agree_with_the_hand_typed_bytes():
    for letter, raw in HAND_TCVN3.items():
        assert TCVN3_TO_UNICODE[raw.decode("cp1252")] == letter
    for letter, raw in HAND_VNI.items():
        assert VNI_TO_UNICODE[raw.decode("cp1252")] == letter


def test_unknown_encoding_is_refused():
    with pytest.raises(ValueError, match="VISCII"):
        convert_legacy("x", "VISCII")


# ---------------------------------------------------------------- NFC


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("encoding", [TCVN3, VNI])
def test_the_result_is_nfc(phrase, encoding):
    guess = decode_legacy(encode(unicodedata.normalize("NFC", phrase), encoding))
    assert isinstance(guess, LegacyGuess)
    assert unicodedata.is_normalized("NFC", guess.text)
    assert unicodedata.normalize("NFD", guess.text) != guess.text or guess.text.isascii()


# ---------------------------------------------------------------- properties

_WORDS = COMMON_WORDS.split() + [word for phrase in PHRASES for word in phrase.split()]
_phrases = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)
_TCVN3_CODES = {letter: code for code, letter in TCVN3_TO_UNICODE.items()} | dict(TCVN3_UPPER_CASE_WRITTEN_AS)
_VNI_CODES = {letter: code for code, letter in VNI_TO_UNICODE.items()}


@settings(max_examples=300, deadline=None)
@given(_phrases, st.sampled_from([str, str.capitalize, str.title, str.upper]))
def test_vietnamese_phrases_are_never_altered(phrase, case):
    assert decode_legacy(case(phrase)) is None


@settings(max_examples=300, deadline=None)
@given(_phrases, st.sampled_from([str, str.capitalize, str.title]))
def test_a_certain_reading_is_the_right_one(phrase, case):
    """A legacy cell comes back as the phrase it was, or is left alone, or is marked uncertain
    (a short word both tables read, like "chöa": VNI chưa, TCVN3 chửa)."""
    phrase = unicodedata.normalize("NFC", case(phrase))
    for encoding, codes in ((VNI, _VNI_CODES), (TCVN3, _TCVN3_CODES)):
        legacy = "".join(codes.get(char, char) for char in phrase)
        guess = decode_legacy(legacy)
        expected = phrase if encoding == VNI else _tcvn3_expectation(phrase)
        if guess is not None and guess.certain:
            assert (guess.text, guess.encoding) == (expected, encoding), (legacy, guess)


def _tcvn3_expectation(phrase: str) -> str:
    """What TCVN3 can carry: toned capitals are lower-case codes, back as capitals in capital words."""
    return convert_legacy("".join(_TCVN3_CODES.get(char, char) for char in phrase), TCVN3)


def test_doctests():
    result = doctest.testmod(lib.legacy_text)
    assert result.attempted > 0 and result.failed == 0


def test_most_cells_never_reach_the_word_by_word_reading(monkeypatch):
    """What keeps large sheets cheap: an ASCII cell, or one with a letter that no Windows-1252 byte
    shows (ạ, ế, ồ: most Vietnamese text), is let go by a character check; any other cell is read
    word by word once, however often it is typed. The cost per cell is measured by bench/run.py
    (section 1), not timed here."""
    reached = []
    word_by_word = lib.legacy_text._decode

    def counted(text):
        reached.append(text)
        return word_by_word(text)

    monkeypatch.setattr(lib.legacy_text, "_decode", counted)
    word_by_word.cache_clear()

    def from_bytes(cell: str) -> bool:  # what a legacy font's bytes, read as Windows-1252, can show
        try:
            cell.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True

    legacy = [encode(phrase, TCVN3) for phrase in PHRASES] + [encode(phrase, VNI) for phrase in PHRASES]
    cells = PHRASES + NOT_LEGACY + [f"TYT-{n:03d}" for n in range(200)] + legacy
    for _ in range(3):
        for cell in cells:
            decode_legacy(cell)
    let_go = [cell for cell in cells if cell.isascii() or not from_bytes(cell)]
    assert [cell for cell in let_go if not cell.isascii()] and not set(let_go) & set(reached)
    assert set(legacy) <= set(reached)
    assert word_by_word.cache_info().misses == len(set(reached))  # each read once
