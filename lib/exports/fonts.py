"""System fonts with Vietnamese glyphs for the images we draw (none are bundled).

Looked up in the usual Debian places, then through fontconfig's `fc-match`; when nothing is
found, Pillow's built-in font is the last resort (it lacks some diacritics, but never fails).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

# DejaVu Sans first: it has every Vietnamese letter and the ✔ ▲ ✖ status symbols.
_KNOWN = {
    False: ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf"),
    True: ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
           "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
           "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
           "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
}


def _fc_match(pattern: str) -> str | None:
    if not shutil.which("fc-match"):
        return None
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True,
                               timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return found if found and Path(found).suffix.lower() in (".ttf", ".otf", ".ttc") else None


@lru_cache(maxsize=None)
def font_file(bold: bool = False) -> Path | None:
    """A sans-serif font file with Vietnamese glyphs, or None when the system has none."""
    for candidate in _KNOWN[bold]:
        if Path(candidate).is_file():
            return Path(candidate)
    found = _fc_match("sans-serif:lang=vi" + (":bold" if bold else ""))
    return Path(found) if found and Path(found).is_file() else None


@lru_cache(maxsize=None)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A font with Vietnamese glyphs at `size` pixels (Noto or DejaVu when installed, else Pillow's own)."""
    path = font_file(bold) or font_file(False)
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


@lru_cache(maxsize=None)
def font_family() -> str:
    """The family name of `font_file()`, for Vega's `font` config; 'sans-serif' without one."""
    path = font_file()
    if path is None:
        return "sans-serif"
    family, _style = ImageFont.truetype(str(path), 12).getname()
    return family or "sans-serif"
