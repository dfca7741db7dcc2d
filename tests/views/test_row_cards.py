"""A table as cards for a phone (lib/views/tables.build_row_cards_html): every cell in full, escaped."""

from __future__ import annotations

import pandas as pd

from lib import theme
from lib.views.tables import build_row_cards_html


def test_each_row_is_a_card_titled_by_its_first_column():
    frame = pd.DataFrame({"Huyện": ["Cam Lâm", "Khánh Sơn"], "Còn thiếu": ["Đủ máy tính; Đã nhập đủ trẻ", ""],
                          "Dự báo xong": [f"{theme.BAD.symbol} 09/06/2017", f"{theme.GOOD.symbol} 01/06/2017"]})
    html = build_row_cards_html(frame)
    assert html.count('class="row-card"') == 2
    assert '<div class="row-title">Cam Lâm</div>' in html
    assert "<dt>Còn thiếu</dt><dd>Đủ máy tính; Đã nhập đủ trẻ</dd>" in html  # the full text, not cut
    assert html.count("<dt>Còn thiếu</dt>") == 1  # an empty cell is left out
    assert f'<dd class="s-bad">{theme.BAD.symbol} 09/06/2017</dd>' in html


def test_sheet_text_is_escaped_and_only_links_in_link_columns_become_links():
    frame = pd.DataFrame({"Ô": ["<b>x</b>"], "Mở": ["https://docs.google.com/x#gid=1&range=K3"],
                          "Ghi chú": ["https://evil.example"]})
    html = build_row_cards_html(frame, links={"Mở": "Mở ô ↗"})
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<a href="https://docs.google.com/x#gid=1&amp;range=K3" target="_blank" rel="noopener">Mở ô ↗</a>' in html
    assert "<dd>https://evil.example</dd>" in html
