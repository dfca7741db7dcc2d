"""The daily summary image: phone-sized, drawn, in both languages, taller only when it must be."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from PIL import Image

from lib import PROJECT_ROOT
from lib.exports import fonts
from lib.exports.summary import HEIGHT, WIDTH, build_summary_png

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "exports"


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_summary_is_a_phone_sized_png(demo_rollout, demo_dataset):
    data = build_summary_png(demo_rollout, demo_dataset.province)
    image = _image(data)
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1080, 1920)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "summary-vi.png").write_bytes(data)  # looked at by a person, see the report
    colours = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert len(colours) > 50  # text, pills and cards, not a blank canvas


def test_summary_in_english(demo_rollout, demo_dataset):
    data = build_summary_png(demo_rollout, demo_dataset.province, "en")
    assert _image(data).size == (1080, 1920)
    (ARTIFACTS / "summary-en.png").write_bytes(data)


def test_many_districts_make_it_taller_not_illegible(demo_rollout, demo_dataset):
    readiness = demo_rollout.district_readiness
    many = pd.concat([readiness.assign(district_code=readiness["district_code"] + f"-{n}") for n in range(4)],
                     ignore_index=True)
    rollout = demo_rollout.__class__(**{**demo_rollout.__dict__, "district_readiness": many})
    width, height = _image(build_summary_png(rollout, demo_dataset.province)).size
    assert width == 1080 and height > 1920


def test_an_empty_rollout_still_draws(demo_rollout):
    empty = demo_rollout.__class__(**{**demo_rollout.__dict__,
                                      "district_readiness": demo_rollout.district_readiness.iloc[0:0],
                                      "countdowns": demo_rollout.countdowns.iloc[0:0], "as_of": date(2017, 5, 1)})
    assert _image(build_summary_png(empty, "Khánh Hòa")).size == (1080, 1920)


def test_a_system_font_with_vietnamese_is_found():
    path = fonts.font_file()
    if path is None:  # no fonts at all: Pillow's own font is the fallback, and still draws
        assert fonts.font(20) is not None
        return
    face = fonts.font(24)
    missing = bytes(face.getmask("\ue000"))  # a private-use letter: drawn as the missing-glyph box
    for letter in "ệỗữđ✔✖▲":
        assert bytes(face.getmask(letter)) != missing, letter
