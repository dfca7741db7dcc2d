"""Every district's follow-up message in one .txt and one .docx."""

from __future__ import annotations

import io

from docx import Document

from lib.exports.followup import build_followup_docx, build_followup_txt

TEXTS = ["Kính gửi Huyện Cam Lâm,\nCòn thiếu:\n- 1 điểm", "Kính gửi Huyện Khánh Sơn,\nKhông còn gì."]


def test_the_text_file_holds_every_message_in_utf8():
    data = build_followup_txt(TEXTS)
    assert data.startswith(b"\xef\xbb\xbf")  # Notepad reads the diacritics
    text = data.decode("utf-8-sig")
    assert text.count("Kính gửi") == 2 and "—" * 40 in text


def test_the_word_file_has_one_page_per_district():
    document = Document(io.BytesIO(build_followup_docx(TEXTS, "Tin nhắn nhắc việc")))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Tin nhắn nhắc việc"
    assert "Kính gửi Huyện Khánh Sơn," in paragraphs and "- 1 điểm" in paragraphs
    page_breaks = sum('w:br w:type="page"' in p._p.xml for p in document.paragraphs)
    assert page_breaks == 1
