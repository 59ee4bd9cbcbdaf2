"""A stored letter as PDF (made from its DOCX on demand, never stored twice).

Making one costs about 1-2 s, most of it fontTools opening the CJK font collections; a
stored letter never changes, so each process keeps the last few it made (the e-mail to
the applicant and the downloads that follow it are then instant).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from gongkai.letters.pdf import MissingFont, docx_to_pdf

KEEP = 32
_made: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()


class PdfUnavailable(Exception):
    """The PDF cannot be made here; the message is Chinese and says what to do."""


def letter_pdf(letter) -> bytes:
    content = bytes(letter.content)
    key = hashlib.sha256(content).hexdigest()
    with _lock:
        if key in _made:
            _made.move_to_end(key)
            return _made[key]
    try:
        body = docx_to_pdf(content)
    except MissingFont as exc:
        raise PdfUnavailable(f"暂时无法生成 PDF：{exc}请先下载 DOCX 文件。") from None
    with _lock:
        _made[key] = body
        while len(_made) > KEEP:
            _made.popitem(last=False)
    return body
