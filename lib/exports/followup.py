"""Every district's follow-up message in one file to send or print: plain text, or a Word document with
one district per page (the texts are `lib.views.followup`'s)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from lib.views.followup import build_followup_file

FONT, BODY_PT = "Times New Roman", 13


def build_followup_txt(texts: list[str]) -> bytes:
    """The messages as one UTF-8 text file (with a byte-order mark, so Windows Notepad reads the diacritics)."""
    return ("\ufeff" + build_followup_file(texts)).encode("utf-8")


def build_followup_docx(texts: list[str], title: str) -> bytes:
    """The messages as a .docx: `title` first, then each message from a new page, one paragraph per line."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY_PT)
    document.add_heading(title, level=1)
    for index, text in enumerate(texts):
        if index:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for line in text.split("\n"):
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
