"""Reply letters (告知书) and notices as DOCX, framework-free.

from gongkai.letters import LetterContext, render_letter, default_template, placeholders
data = render_letter("withheld.state_secret", LetterContext(...))          # bytes (DOCX)
data = render_letter("granted", context, template=uploaded_bytes)          # agency's own
problems = check_template(uploaded_bytes)                                  # [] when usable
"""

from gongkai.letters.context import PLACEHOLDERS, LetterContext, letter_values
from gongkai.letters.docx import (
    check_template,
    default_template,
    placeholders,
    render_letter,
    unknown_placeholders,
)
from gongkai.letters.kinds import LETTER_KINDS, LETTERS, NOTICE_KINDS, LetterSpec

__all__ = [
    "LETTERS",
    "LETTER_KINDS",
    "NOTICE_KINDS",
    "PLACEHOLDERS",
    "LetterContext",
    "LetterSpec",
    "check_template",
    "default_template",
    "letter_values",
    "placeholders",
    "render_letter",
    "unknown_placeholders",
]
