"""Letters as files: what each is called (by kind), its file name, and the download.

A letter is named after its request and kind (`平卫依申〔2026〕3号-答复书.docx`); browsers
that cannot read the RFC 5987 `filename*` get an ASCII name (`request-12-letter-3.docx`).
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from gongkai.letters import LETTERS, NOTICE_KINDS

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
ATTACHMENT_TYPES = {**CONTENT_TYPES, "jpg": "image/jpeg", "png": "image/png"}


def kind_label(kind: str) -> str:
    """What the applicant calls the letter: 补正通知书, 延期答复告知书, 收费通知书, 答复书."""
    spec = LETTERS.get(kind)
    if spec is None:
        return "文书"
    return spec.label if kind in NOTICE_KINDS else "答复书"


def kind_title(kind: str) -> str:
    """The letter's own title (政府信息不予公开告知书 …)."""
    spec = LETTERS.get(kind)
    return spec.title if spec else "文书"


def kind_name(kind: str) -> str:
    """How the desk names a kind among all others: by its disposition or notice, then its
    title (不予公开·属于国家秘密（政府信息不予公开告知书））."""
    spec = LETTERS.get(kind)
    if spec is None:
        return "文书"
    return spec.label if spec.label == spec.title else f"{spec.label}（{spec.title}）"


def _safe(name: str) -> str:
    return "".join(c for c in name if c not in '\\/:*?"<>|\r\n\t').strip() or "文书"


def letter_filename(letter, ext: str) -> str:
    return _safe(f"{letter.request.tracking_number}-{kind_label(letter.kind)}") + f".{ext}"


def download(body: bytes, filename: str, ascii_name: str, ext: str) -> HttpResponse:
    response = HttpResponse(
        body, content_type=ATTACHMENT_TYPES.get(ext, "application/octet-stream")
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def letter_response(letter, ext: str = "docx") -> HttpResponse:
    """The letter as DOCX, or as PDF (raises `letters_pdf.PdfUnavailable`, Chinese message)."""
    if ext == "pdf":
        from gongkai.web.requests import letters_pdf

        body = letters_pdf.letter_pdf(letter)
    else:
        body = bytes(letter.content)
    ascii_name = f"request-{letter.request_id}-letter-{letter.pk}.{ext}"
    return download(body, letter_filename(letter, ext), ascii_name, ext)
