"""The one-image daily summary: a phone-sized PNG for the province's chat group.

Headline figures, the countdowns, each district's traffic lights (a symbol and a share in a
coloured pill, the words in the legend, and a verdict word per district) and the as-of date,
drawn with Pillow in a system font (`lib.exports.fonts`). Colour is never the only signal.
"""

from __future__ import annotations

import io

import pandas as pd
from PIL import Image, ImageDraw

from lib import theme
from lib.exports.fonts import font
from lib.i18n import t
from lib.metrics.readiness import CONDITIONS
from lib.metrics.rollout import Rollout
from lib.views.cards import build_headline
from lib.views.format import format_date, format_days, format_share

WIDTH, HEIGHT = 1080, 1920
MARGIN = 44
WHITE, PALE = "#ffffff", "#f2f5f9"
LIGHT_MEASURES = tuple((condition.share, condition.short) for condition in CONDITIONS)


def _text_width(draw: ImageDraw.ImageDraw, text: str, size: int, bold: bool = False) -> float:
    return draw.textlength(text, font=font(size, bold))


def _fit(draw, text: str, width: float, size: int, bold: bool = False) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    if _text_width(draw, text, size, bold) <= width:
        return text
    while text and _text_width(draw, text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _wrap(draw, text: str, width: float, size: int, bold: bool = False, lines: int = 2) -> list[str]:
    # Split on plain spaces only: "90 %" is kept whole by a no-break space.
    words, result, line = [word for word in text.split(" ") if word], [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if _text_width(draw, candidate, size, bold) <= width or not line:
            line = candidate
        else:
            result.append(line)
            line = word
    result.append(line)
    if len(result) > lines:
        result = result[:lines - 1] + [_fit(draw, " ".join(result[lines - 1:]), width, size, bold)]
    return result


def _pill(draw, box, status: theme.Status, text: str, size: int) -> None:
    draw.rounded_rectangle(box, radius=12, fill=status.tint, outline=status.colour, width=3)
    left, top, right, bottom = box
    label = f"{status.symbol} {text}"
    draw.text(((left + right) / 2, (top + bottom) / 2), label, font=font(size, True), fill=theme.INK, anchor="mm")


def _header(draw, title: str, subtitle: str, as_of_text: str) -> int:
    draw.rectangle((0, 0, WIDTH, 250), fill=theme.ACCENT)
    y = 40
    for line in _wrap(draw, title, WIDTH - 2 * MARGIN, 44, True):
        draw.text((MARGIN, y), line, font=font(44, True), fill=WHITE)
        y += 56
    draw.text((MARGIN, y + 10), _fit(draw, subtitle, WIDTH - 2 * MARGIN, 30), font=font(30), fill="#dbe7f3")
    draw.text((MARGIN, y + 52), as_of_text, font=font(30, True), fill=WHITE)
    return 250


def _headline(draw, rollout: Rollout, lang: str, top: int) -> int:
    cards = build_headline(rollout.headline, lang)
    columns, gap, height = 3, 16, 190
    width = (WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns
    for index, card in enumerate(cards):
        left = MARGIN + (index % columns) * (width + gap)
        y = top + (index // columns) * (height + gap)
        draw.rounded_rectangle((left, y, left + width, y + height), radius=14, fill=PALE, outline="#d1d5db")
        line_y = y + 14
        for line in _wrap(draw, card.label, width - 28, 24):
            draw.text((left + 14, line_y), line, font=font(24), fill=theme.MUTED)
            line_y += 30
        value_size = 44
        while value_size > 24 and _text_width(draw, card.value, value_size, True) > width - 28:
            value_size -= 2
        draw.text((left + 14, y + 88), card.value, font=font(value_size, True), fill=theme.INK)
        if card.detail:
            draw.text((left + 14, y + 146), _fit(draw, card.detail, width - 28, 24), font=font(24), fill=theme.INK)
    rows = -(-len(cards) // columns)
    return top + rows * (height + gap)


def _section(draw, text: str, top: int) -> int:
    draw.text((MARGIN, top + 14), text, font=font(34, True), fill=theme.ACCENT)
    return top + 64


def _countdowns(draw, countdowns: pd.DataFrame, lang: str, top: int) -> int:
    y = _section(draw, t("ov.countdowns", lang), top)
    row_height = 92
    for m in countdowns.itertuples():
        status = theme.STATUSES[m.status]
        draw.rounded_rectangle((MARGIN, y, WIDTH - MARGIN, y + row_height - 10), radius=10, fill=WHITE,
                               outline="#d1d5db")
        draw.rectangle((MARGIN, y, MARGIN + 12, y + row_height - 10), fill=status.colour)
        days = format_days(m.days_left, lang)
        draw.text((MARGIN + 30, y + 12), days, font=font(32, True), fill=status.colour)
        state = f"{status.symbol} {t('status.' + m.status, lang)} · {format_date(m.deadline, lang)}"
        draw.text((WIDTH - MARGIN - 20, y + 14), state, font=font(26, True), fill=theme.INK, anchor="ra")
        description = _fit(draw, str(m.description), WIDTH - 2 * MARGIN - 50, 24)
        draw.text((MARGIN + 30, y + 52), description, font=font(24), fill=theme.INK)
        y += row_height
    return y


def _districts(draw, rollout: Rollout, lang: str, top: int, bottom: int) -> int:
    y = _section(draw, t("ov.districts", lang), top)
    name_width, pill_width, gap = 250, 128, 8
    verdict_left = MARGIN + name_width + len(LIGHT_MEASURES) * (pill_width + gap)
    for index, (_key, label) in enumerate(LIGHT_MEASURES):
        left = MARGIN + name_width + index * (pill_width + gap)
        draw.text((left + pill_width / 2, y), t(label, lang), font=font(22, True), fill=theme.MUTED, anchor="ma")
    draw.text((verdict_left + 8, y), t("col.forecast", lang), font=font(22, True), fill=theme.MUTED)
    y += 36
    table = rollout.district_readiness
    late = dict(zip(rollout.pace["district_code"], rollout.pace["late"]))
    count = max(len(table), 1)
    row_height = max(44, min(78, int((bottom - y) / count)))
    size = 26 if row_height >= 60 else 22
    for number, district in enumerate(table.to_dict("records")):
        row_top = y + number * row_height
        if number % 2 == 0:
            draw.rectangle((MARGIN - 8, row_top, WIDTH - MARGIN + 8, row_top + row_height), fill=PALE)
        middle = row_top + row_height / 2
        lines = _wrap(draw, str(district["district_name"]), name_width - 12, size - 2, True,
                      lines=2 if row_height >= 60 else 1)
        line_height = size + 2
        for line_number, line in enumerate(lines):
            line_middle = middle + (line_number - (len(lines) - 1) / 2) * line_height
            draw.text((MARGIN, line_middle), line, font=font(size - 2, True), fill=theme.INK, anchor="lm")
        for index, (key, _label) in enumerate(LIGHT_MEASURES):
            left = MARGIN + name_width + index * (pill_width + gap)
            share = district[key]
            _pill(draw, (left, row_top + 8, left + pill_width, row_top + row_height - 8),
                  theme.status_of_share(share), format_share(share, lang, digits=0), size - 2)
        is_late = late.get(district["district_code"])
        verdict = theme.BAD if is_late else theme.GOOD
        words = t("dl.late" if is_late else "dl.on_time", lang)
        draw.text((verdict_left + 8, middle), f"{verdict.symbol} {words}", font=font(size, True),
                  fill=verdict.colour if is_late else theme.INK, anchor="lm")
    return y + len(table) * row_height


def _legend(draw, lang: str, top: int) -> None:
    parts = [f"{s.symbol} {t('status.' + s.key, lang)}" for s in (theme.GOOD, theme.WARN, theme.BAD)]
    legend = t("exp.summary.legend", lang, good=format_share(theme.GOOD_SHARE, lang, 0),
               warn=format_share(theme.WARN_SHARE, lang, 0), parts=" · ".join(parts))
    for line in _wrap(draw, legend.replace(" %", "\u00a0%"), WIDTH - 2 * MARGIN, 22, lines=3):
        draw.text((MARGIN, top), line, font=font(22), fill=theme.MUTED)
        top += 30


def build_summary_png(rollout: Rollout, province: str, lang: str = "vi") -> bytes:
    """The summary image (1080 × 1920; taller only when a province has very many districts)."""
    # header, two rows of cards, countdowns, district rows at their smallest height, legend
    districts = max(len(rollout.district_readiness), 1)
    needed = 250 + 2 * 206 + 64 + 92 * len(rollout.countdowns) + 100 + 44 * districts + 140
    height = max(HEIGHT, needed)
    image = Image.new("RGB", (WIDTH, height), WHITE)
    draw = ImageDraw.Draw(image)
    y = _header(draw, t("app.title", lang), t("exp.summary.subtitle", lang, province=province),
                t("exp.summary.as_of", lang, as_of=format_date(rollout.as_of, lang)))
    y = _headline(draw, rollout, lang, y + 28)
    y = _countdowns(draw, rollout.countdowns, lang, y)
    y = _districts(draw, rollout, lang, y + 6, height - 120)
    _legend(draw, lang, height - 100)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
