"""A stored letter as PDF (made from its DOCX on demand, never stored twice)."""

from __future__ import annotations

from gongkai.letters.pdf import MissingFont, docx_to_pdf


class PdfUnavailable(Exception):
    """The PDF cannot be made here; the message is Chinese and says what to do."""


def letter_pdf(letter) -> bytes:
    try:
        return docx_to_pdf(bytes(letter.content))
    except MissingFont as exc:
        raise PdfUnavailable(f"暂时无法生成 PDF：{exc}请先下载 DOCX 文件。") from None
