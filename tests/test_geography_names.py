"""Geography is data: no province's unit is named in the code, the pages or the docs.

The names and codes are read from the bundled Khánh Hòa folder itself (every district's and
commune's name and short name, the province's name, every unit code and the province code), so
the list cannot go stale. Text is compared with accents folded ("Khanh Hoa" is caught too), word
by word, and also with the words run together ("khanhhoa.gov.vn" is caught). Allowed: the
geography folders themselves and the demo's data (both under `data/`, which is not scanned).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from lib import GEOGRAPHIES_DIR, PROJECT_ROOT

KHANH_HOA = GEOGRAPHIES_DIR / "khanh_hoa"
SCANNED = ("lib", "app_pages", "docs")
SUFFIXES = {".py", ".md", ".json", ".toml", ".txt", ".css", ".js", ".html"}


def fold_words(text: str) -> str:
    """Lower case, accents and đ folded, words of letters and digits separated by one space."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _units(folder: Path) -> list[dict]:
    manifest = json.loads((folder / "geography.json").read_text(encoding="utf-8"))
    units = []
    for key in ("districts", "communes"):
        document = json.loads((folder / manifest[key]).read_text(encoding="utf-8"))
        units += [feature["properties"] for feature in document["features"]]
    return units


def forbidden(shown: Path | None = None) -> tuple[set[str], set[str], str]:
    """(folded names, unit codes, province code) of the Khánh Hòa folder.

    With `shown` (another geography folder whose pages are checked), what is also that
    province's own is allowed: a name inside one of its units' names (Khánh Hòa's Xã Sông Cầu
    and Phú Yên's Thị xã Sông Cầu), a code it uses too.
    """
    manifest = json.loads((KHANH_HOA / "geography.json").read_text(encoding="utf-8"))
    names = {fold_words(manifest["province"])}
    codes = set()
    for unit in _units(KHANH_HOA):
        names |= {fold_words(unit["name"]), fold_words(unit["name_short"])}
        codes.add(str(unit["code"]))
    names.discard("")
    if shown is not None:
        own = [f" {fold_words(unit['name'])} " for unit in _units(shown)]
        names = {name for name in names if not any(f" {name} " in text for text in own)}
        codes -= {str(unit["code"]) for unit in _units(shown)}
    return names, codes, str(manifest["province_code"])


def find_mentions(text: str, names: set[str], codes: set[str], province_code: str, bare_codes: bool = True) -> list[str]:
    """Every forbidden name or code in `text`, as found (folded), in order of appearance by line.

    `bare_codes=False` (for what a page shows, where figures abound: "574/1.102 trẻ") finds a
    code only quoted or inside a point code ("KH-574-01").
    """
    words = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    by_words = re.compile(rf"(?<![a-z0-9])({words})(?![a-z0-9])")
    compact = {name.replace(" ", ""): name for name in names if " " in name}
    # A code is a whole number: not part of a longer number, an identifier or 1,048,576.
    alternatives = "|".join(sorted(codes, key=len, reverse=True))
    by_code = (re.compile(rf"(?<![0-9A-Za-z_.,])({alternatives})(?![0-9A-Za-z_])") if bare_codes
               else re.compile(rf"[\"'-]({alternatives})[\"'-]"))
    # Two digits are too common to forbid bare; the province code is caught as a quoted value.
    by_province = re.compile(rf"[\"']{re.escape(province_code)}[\"']")
    found = []
    for line in text.splitlines():
        folded = fold_words(line)
        found += [match.group(1) for match in by_words.finditer(folded)]
        found += [compact[token] for token in folded.split() if token in compact]
        found += [match.group(1) for match in by_code.finditer(line)]
        found += [match.group(0) for match in by_province.finditer(line)]
    return found


def _scanned_files() -> list[Path]:
    files = [PROJECT_ROOT / "app.py"]
    for folder in SCANNED:
        files += sorted(p for p in (PROJECT_ROOT / folder).rglob("*") if p.is_file() and p.suffix in SUFFIXES
                        and "__pycache__" not in p.parts)
    return files


def test_the_list_is_read_from_the_folder():
    names, codes, province_code = forbidden()
    # 9 districts and 140 communes: a name per unit at least, every code, the province's.
    assert len(codes) == 149 and len(names) > 149 and province_code
    assert {"khanh hoa", "nha trang", "truong sa", "cam hai dong"} <= names
    assert {"568", "576", "22327"} <= codes


@pytest.mark.parametrize("text, expected", [
    ("Tỉnh Khánh Hòa", ["khanh hoa"]),
    ("KHANH HOA province", ["khanh hoa"]),
    ("mail camlam@khanhhoa.gov.vn", ["cam lam", "khanh hoa"]),
    ("ví dụ 568.", ["568"]),
    ('code = "56"', ['"56"']),
    ("Trạm Y tế xã Cam Hải Đông", ["xa cam hai dong"]),
    ("row 1,048,576; width 5680; KH-5760; v1.568", []),
    ("Huyện Tuy An, Phú Yên", []),
])
def test_the_matcher_catches_folded_and_compact_forms(text, expected):
    names, codes, province_code = forbidden()
    found = find_mentions(text, names, codes, province_code)
    assert sorted(set(found)) == sorted(set(expected)) if expected else found == []


def test_on_a_page_a_code_counts_only_quoted_or_in_a_point_code():
    names, codes, province_code = forbidden()
    assert find_mentions("(574/1.102 trẻ)", names, codes, province_code, bare_codes=False) == []
    assert find_mentions("KH-574-01, '568'", names, codes, province_code, bare_codes=False) == ["574", "568"]


def test_a_name_the_other_province_shares_is_its_own():
    from lib import GEOGRAPHIES_DIR

    names, _, _ = forbidden(GEOGRAPHIES_DIR / "phu_yen")
    # Khánh Hòa's Xã Sông Cầu and Phú Yên's Thị xã Sông Cầu: on Phú Yên's pages, Phú Yên's.
    assert "song cau" not in names and "xa song cau" not in names and "nha trang" in names


def test_no_province_unit_is_named_in_code_pages_or_docs():
    names, codes, province_code = forbidden()
    mentions = {}
    for path in _scanned_files():
        found = find_mentions(path.read_text(encoding="utf-8"), names, codes, province_code)
        if found:
            mentions[str(path.relative_to(PROJECT_ROOT))] = sorted(set(found))
    assert mentions == {}, "name the unit from the geography at run time, or use a neutral example"
