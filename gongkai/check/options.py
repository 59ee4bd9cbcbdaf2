"""What the checker needs to know about a text: its year, the agency's own contacts,
the word lists, the previous year's text. Checked where it is made."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from gongkai.check.words import WordList, shared_words
from gongkai.findings import Finding

_DIGITS_RE = re.compile(r"\D")
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_NOT_ID_RE = re.compile(r"[^0-9A-Za-z]")
_SPACE_RE = re.compile(r"\s+")


def phone_digits(number: str, keep_country: bool = False) -> str:
    """The digits of a phone number without a leading country code: "+86 138-0013-8000" →
    "13800138000", "（0597）7532449" → "05977532449"."""
    digits = _DIGITS_RE.sub("", number)
    if not keep_country and digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def id_characters(number: str) -> str:
    """An ID number without separators, X in capitals: "110105 19491231 002x" → "11010519491231002X"."""
    return _NOT_ID_RE.sub("", number).upper()


def address_characters(address: str) -> str:
    return _SPACE_RE.sub("", address)


@dataclass(frozen=True)
class CheckOptions:
    """Options of `check_text`.

    - `year`: the year the document reports on (an annual report's title year); the
      stale-fact checks compare the years in the text with it. None: those checks are off.
    - `published_on`: when the text goes out; a word-list entry with `valid_from` applies
      from that day on. None: an entry applies when `year` is after its `valid_from` year.
    - `allowed_phones` / `allowed_emails`: the agency's own office numbers and addresses,
      which may be published (any separators; compared by digits / case-insensitively).
    - `allowed_id_numbers` / `allowed_addresses`: personal data that may appear because the
      text is addressed to that person (a reply letter names its applicant's own ID number
      and address). An ID number is compared without separators; an address finding is
      allowed when it lies within an allowed address or contains one (spaces ignored).
    - `words`: the flagged-wording list (default: the shared list shipped with gongkai;
      combine with an agency's own with `WordList.merged`).
    - `previous`: last year's text for `copy.previous`; `min_repeat_chars` and
      `repeat_ratio` say how long a paragraph and how similar it must be to count.
    """

    year: int | None = None
    published_on: date | None = None
    allowed_phones: tuple[str, ...] = ()
    allowed_emails: tuple[str, ...] = ()
    allowed_id_numbers: tuple[str, ...] = ()
    allowed_addresses: tuple[str, ...] = ()
    words: WordList = field(default_factory=shared_words)
    previous: str | None = None
    min_repeat_chars: int = 40
    repeat_ratio: float = 0.9

    def __post_init__(self) -> None:
        if self.year is not None and not 1949 <= self.year <= 2200:
            raise ValueError(f"文件年度 {self.year} 不是有效的年份（应为 1949—2200）")
        for number in self.allowed_phones:
            if len(phone_digits(number)) < 7:
                raise ValueError(f"允许公开的电话号码 {number!r} 不是有效的号码")
        for address in self.allowed_emails:
            if not _EMAIL_RE.match(address):
                raise ValueError(f"允许公开的电子邮箱 {address!r} 不是有效的地址")
        for number in self.allowed_id_numbers:
            if len(id_characters(number)) < 8:
                raise ValueError(f"允许出现的证件号码 {number!r} 不是有效的号码")
        for address in self.allowed_addresses:
            # A short "address" (one character, a room number) would allow every address.
            if len(address_characters(address)) < 6:
                raise ValueError(f"允许出现的地址 {address!r} 过短（至少 6 个字）")
        if self.min_repeat_chars < 10:
            raise ValueError("重复段落的最小长度不能小于 10 个字符")
        if not 0.5 <= self.repeat_ratio <= 1.0:
            raise ValueError("重复段落的相似度阈值应在 0.5 到 1 之间")

    @property
    def allowed_phone_digits(self) -> frozenset[str]:
        return frozenset(phone_digits(n) for n in self.allowed_phones)

    @property
    def allowed_email_set(self) -> frozenset[str]:
        return frozenset(a.lower() for a in self.allowed_emails)

    def allows(self, finding: Finding) -> bool:
        """True for an ID number or address finding that is one of the allowed values."""
        if finding.code == "personal.id_number" and self.allowed_id_numbers:
            allowed = {id_characters(n) for n in self.allowed_id_numbers}
            return id_characters(finding.text or "") in allowed
        if finding.code == "personal.address" and self.allowed_addresses:
            found = address_characters(finding.text or "")
            return bool(found) and any(
                found in a or a in found
                for a in (address_characters(x) for x in self.allowed_addresses)
            )
        return False
