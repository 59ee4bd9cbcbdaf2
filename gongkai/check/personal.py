"""Personal data in a text about to be published: resident ID numbers, phone numbers,
bank card numbers, e-mail addresses, licence plates, home addresses down to the room.

Numbers are matched only as whole runs of digits: what comes before a match is checked
(no digit or letter), a lookahead checks what follows, and a unit after it ("元", "条",
"年", "号" …) makes it an amount or a count. So dates ("2021-12-31"), document numbers
("〔2021〕30号"), amounts and counts never look like phones or cards. Web copies of
reports with their spaces removed run a table row into one number: fifteen to eighteen
digits whose totals add up as a row of table 四 are that row, and an ID number must have
a real area code (province, and a city part other than 00).

Severities: what identifies a person for certain (a valid ID number, a mobile number, a
card number) is an error; what may be the agency's own or a false match is a warning; a
landline, e-mail or room address in a contact block ("如有疑问，请与…联系（地址…电话…）")
or naming an office is info.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from gongkai.check.options import CheckOptions, phone_digits
from gongkai.findings import Finding, Severity

# ------------------------------------------------------------ ID numbers (GB 11643)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The check character of an 18-digit resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


# The province part of the area code (GB/T 2260; 71 Taiwan, 81 Hong Kong, 82 Macao, 83 the
# residence permits of Taiwan residents). The city part is never 00: a number is issued
# by a county-level office, and every county lies in a city or a province-run "90" group.
_PROVINCE_CODES = frozenset(
    str(code)
    for code in (
        *(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44),
        *(45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83),
    )
)


def _area_ok(digits: str) -> bool:
    """The first six digits can be the area code of an ID number."""
    return digits[:2] in _PROVINCE_CODES and digits[2:4] != "00"


# Table 四 of an annual report is one row of 15 numbers: administrative review (upheld,
# corrected, other, pending, total), then litigation without and after review (the same
# five each). A web copy with its spaces removed runs the row together: "110021000120103"
# is 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3, and looks like an old 15-digit ID number.
_TABLE_4_CELLS = 15


def table_4_row(digits: str) -> bool:
    """`digits` split into the 15 numbers of a table 四 row whose three totals add up."""
    extra = len(digits) - _TABLE_4_CELLS
    if not 0 <= extra <= 3:  # up to three numbers of two digits; a longer row is no card or ID
        return False
    return _splits(digits, 0, extra, [])


def _splits(digits: str, at: int, extra: int, cells: list[int]) -> bool:
    """Whether digits[at:] completes `cells` to a row, `extra` cells having two digits."""
    if len(cells) == _TABLE_4_CELLS:
        return at == len(digits) and extra == 0
    if len(cells) % 5 == 4:  # a total: what the four numbers before it add up to
        total = str(sum(cells[-4:]))
        width = len(total)
        if width > 2 or width - 1 > extra or not digits.startswith(total, at):
            return False
        return _splits(digits, at + width, extra - (width - 1), [*cells, int(total)])
    for width in (1, 2) if extra else (1,):
        cell = digits[at : at + width]
        if len(cell) < width or (width == 2 and cell[0] == "0"):
            continue
        if _splits(digits, at + width, extra - (width - 1), [*cells, int(cell)]):
            return True
    return False


def _birth_date_ok(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1860 <= born.year <= 2100


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by bank card numbers (ISO/IEC 7812)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# Every pattern starts with a literal or an ASCII class and checks what comes before it
# in Python: a lookbehind in front of a pattern defeats the regex engine's fast scan and
# makes the whole check several times slower.
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_NOT_BEFORE_PHONE = _ALNUM | frozenset("_.-")
# A number followed by a unit is an amount or a count, not a phone or a card.
_AMOUNT_RE = re.compile(r"\s*(?:元|万|亿|千|百|余|多|条|件|个|人|次|项|份|%|％|年|号)")
# A run of 15 to 19 digits (an 18-character ID may end in X), written solid or as
# 6-8-4 (IDs) / groups of 4 (cards). Never part of a longer run of digits or letters.
# The last alternative takes a whole run of 20 digits or more (no number is found in it)
# in one step: otherwise the engine tries each of its positions (a 30 MB run took 13 s).
# The alternatives exclude each other, so their order changes no match.
_NOT_AFTER_LONG = "(?![0-9A-Za-z])"
_LONG_NUMBER_RE = re.compile(
    rf"[0-9](?:[0-9]{{14,18}}[Xx]?{_NOT_AFTER_LONG}"
    rf"|[0-9]{{5}} [0-9]{{8}} [0-9]{{3}}[0-9Xx]{_NOT_AFTER_LONG}"
    rf"|[0-9]{{3}}(?:[ -][0-9]{{4}}){{3}}(?:[ -]?[0-9]{{1,3}})?{_NOT_AFTER_LONG}"
    r"|[0-9]{19,}+)"
)
_MOBILE_RE = re.compile(r"1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])")
_COUNTRY_CODE_RE = re.compile(r"(?:\+|00)?86[ -]?\Z")
# The same first step for a long run that contains zeros; such a match has no "bracket".
_LANDLINE_RE = re.compile(
    r"0(?:[0-9]{19,}+|[0-9]{2,3}(?P<bracket>[）)] ?|[-－—– ]?)[1-9][0-9]{6,7}"
    r"(?:(?:转|-|－)[0-9]{1,5})?(?![0-9]))"
)
_AT_RE = re.compile("@")
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_RE = re.compile(
    rf"[A-HJ-NP-Z](?<=[{_PROVINCES}][A-HJ-NP-Z])[·• ]?"
    r"(?=[A-HJ-NP-Z0-9]*[0-9])[A-HJ-NP-Z0-9]{5,6}[挂学警]?(?![A-Za-z0-9])"
)
_ROOM_WORDS = (re.compile("室"), re.compile("房"))
_ROOM_RE = re.compile(
    r"(?:[0-9]+|[一二三四五六七八九十]+)\s*(?:号楼|号院|号|栋|幢|座|单元)"
    r"[^，。；、,;：:\n]{0,15}?[0-9]{1,5}\s*[室房]\Z"
)
_NOT_A_ROOM = frozenset("间源屋产")
# Words of a contact block ("如对本报告有疑问，请与…办公室联系（地址：…，邮编：…，电话：…）"):
# a landline or an address there is most likely the agency's own, so it is only "info".
_CONTACT_WORDS = ("联系", "咨询", "邮编", "传真", "地址", "办公室")
_CONTACT_WINDOW = 120
# An address naming one of these is an office or a public place, not a home.
_PUBLIC_PLACE_WORDS = ("服务中心", "大厅", "政府", "办公楼", "大厦", "窗口", "局", "委员会", "中心")
_ADDRESS_HEAD = frozenset('，。；、,;：:\n\t（(“"')


def personal_findings(text: str, options: CheckOptions) -> list[Finding]:
    found = list(_long_numbers(text))
    found += _phones(text, options)
    found += _emails(text, options)
    found += _plates(text)
    found += _addresses(text)
    return found


def _free(text: str, start: int, end: int, not_before: frozenset[str] = _ALNUM) -> bool:
    """Not part of a longer run before it, and not an amount or a count after it."""
    if start > 0 and text[start - 1] in not_before:
        return False
    return _AMOUNT_RE.match(text, end) is None


def _finding(
    code: str,
    severity: Severity,
    message: str,
    text: str,
    start: int,
    end: int,
    suggestion: str | None = None,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=message,
        where="text",
        start=start,
        end=end,
        text=text[start:end],
        suggestion=suggestion,
    )


def _mask(value: str, keep_head: int, keep_tail: int) -> str:
    chars = list(value)
    digit_positions = [i for i, c in enumerate(chars) if c.isalnum()]
    for i in digit_positions[keep_head : len(digit_positions) - keep_tail]:
        chars[i] = "*"
    return "".join(chars)


def _long_numbers(text: str) -> Iterator[Finding]:
    for m in _LONG_NUMBER_RE.finditer(text):
        start, end = m.span()
        if not _free(text, start, end):
            continue
        raw = m.group()
        if raw.isdigit() and (len(raw) >= 20 or table_4_row(raw)):
            continue  # a longer run; a row of table 四 run together, not one number
        digits = raw.replace(" ", "").replace("-", "")
        if len(digits) == 18 and digits[:17].isdigit():
            date_ok = _area_ok(digits) and _birth_date_ok(digits[6:14])
            if date_ok and id_check_digit(digits[:17]) == digits[17].upper():
                yield _finding(
                    "personal.id_number",
                    "error",
                    "身份证号码（出生日期和校验码均有效），属个人信息，公开前应删除或隐去",
                    text,
                    start,
                    end,
                    _mask(raw, 6, 4),
                )
                continue
            if digits.isdigit() and _card_like(digits):
                yield _card(text, start, end, raw)
                continue
            if date_ok:
                yield _finding(
                    "personal.id_number",
                    "warning",
                    "疑似身份证号（出生日期有效，校验码不符），请核对，公开前应删除或隐去",
                    text,
                    start,
                    end,
                    _mask(raw, 6, 4),
                )
        elif len(digits) == 15 and digits.isdigit():
            if _area_ok(digits) and _birth_date_ok("19" + digits[6:12]):
                yield _finding(
                    "personal.id_number",
                    "warning",
                    "疑似 15 位身份证号（出生日期有效），请核对，公开前应删除或隐去",
                    text,
                    start,
                    end,
                    _mask(raw, 6, 3),
                )
        elif 16 <= len(digits) <= 19 and digits.isdigit() and _card_like(digits):
            yield _card(text, start, end, raw)


def _card_like(digits: str) -> bool:
    # Issuer numbers of cards in use in China start with 3 (JCB, AmEx), 4 (Visa),
    # 5 (Mastercard), 6 (UnionPay) or 9 (domestic debit cards).
    return digits[0] in "34569" and luhn_ok(digits)


def _card(text: str, start: int, end: int, raw: str) -> Finding:
    return _finding(
        "personal.bank_card",
        "error",
        "银行卡号（通过 Luhn 校验），属个人信息，公开前应删除或隐去",
        text,
        start,
        end,
        _mask(raw, 4, 4),
    )


def _phones(text: str, options: CheckOptions) -> Iterator[Finding]:
    allowed = options.allowed_phone_digits
    for m in _MOBILE_RE.finditer(text):
        start, end = m.span()
        prefix = _COUNTRY_CODE_RE.search(text, max(0, start - 5), start)
        if prefix:
            start = prefix.start()
        if not _free(text, start, end, _NOT_BEFORE_PHONE):
            continue
        number = text[start:end]
        if phone_digits(number) in allowed:
            continue
        yield _finding(
            "personal.phone",
            "error",
            "手机号码，属个人信息，公开前应删除或隐去（本机关公开的号码可加入允许名单）",
            text,
            start,
            end,
            _mask(number, len(phone_digits(number, keep_country=True)) - 8, 4),
        )
    for m in _LANDLINE_RE.finditer(text):
        if m.group("bracket") is None:
            continue  # a run of 20 digits or more
        start, end = m.span()
        if m.group("bracket").strip() in ("）", ")"):
            if start == 0 or text[start - 1] not in "（(":
                continue
            start -= 1
        if not _free(text, start, end, _NOT_BEFORE_PHONE):
            continue
        number = text[start:end]
        main = phone_digits(number.split("转")[0])
        if phone_digits(number) in allowed or main in allowed:
            continue
        if _in_contact_block(text, start):
            yield _finding(
                "personal.phone",
                "info",
                "联系方式中的固定电话：如为本机关公开的办公电话可以保留（可加入允许名单）",
                text,
                start,
                end,
            )
            continue
        yield _finding(
            "personal.phone",
            "warning",
            "固定电话号码：若非本机关公开的办公电话，公开前应删除或隐去（本机关号码可加入允许名单）",
            text,
            start,
            end,
        )


def _emails(text: str, options: CheckOptions) -> Iterator[Finding]:
    allowed = options.allowed_email_set
    last_end = -1
    for at in _AT_RE.finditer(text):
        offset = max(0, at.start() - 64)
        for m in _EMAIL_RE.finditer(text[offset : at.start() + 256]):
            start, end = m.start() + offset, m.end() + offset
            if not start <= at.start() < end or start < last_end:
                continue
            last_end = end
            if m.group().lower() in allowed:
                continue
            contact = _in_contact_block(text, start)
            yield _finding(
                "personal.email",
                "info" if contact else "warning",
                "联系方式中的电子邮箱：如为本机关公开的邮箱可以保留（可加入允许名单）"
                if contact
                else "电子邮箱地址：若非本机关公开的邮箱，公开前应删除或隐去（本机关邮箱可加入允许名单）",
                text,
                start,
                end,
            )


def _in_contact_block(text: str, pos: int) -> bool:
    before = text[max(0, pos - _CONTACT_WINDOW) : pos]
    return any(word in before for word in _CONTACT_WORDS)


def _plates(text: str) -> Iterator[Finding]:
    for m in _PLATE_RE.finditer(text):
        start = m.start() - 1  # the province character
        if start > 0 and text[start - 1] in _ALNUM:
            continue
        yield _finding(
            "personal.plate",
            "warning",
            "机动车号牌，可能指向个人，公开前应隐去部分字符",
            text,
            start,
            m.end(),
            _mask(text[start : m.end()], 2, 2),
        )


def _addresses(text: str) -> Iterator[Finding]:
    for word in _ROOM_WORDS:
        for room in word.finditer(text):
            end = room.end()
            if text[end : end + 1] in _NOT_A_ROOM:
                continue
            window = max(0, end - 60)
            m = _ROOM_RE.search(text[window:end])
            if m is None:
                continue
            start = m.start() + window
            # Take in the street and the building before the house number.
            floor = max(0, start - 30)
            while start > floor and text[start - 1] not in _ADDRESS_HEAD:
                start -= 1
            while text[start] == " ":
                start += 1
            contact = _in_contact_block(text, start) or any(
                word in text[start:end] for word in _PUBLIC_PLACE_WORDS
            )
            yield _finding(
                "personal.address",
                "info" if contact else "warning",
                "机关或办事场所的详细地址：如为本机关办公地址可以保留"
                if contact
                else "详细到门牌室号的地址，可能是个人住址，公开前应删除或隐去",
                text,
                start,
                end,
            )
