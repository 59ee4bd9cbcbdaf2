"""How numbers and dates are written in official Chinese, in one place (framework-free).

chinese_date(date(2024, 3, 4))   # "2024年3月4日" (no leading zeros)
chinese_date("2024-03-04")       # the same, from an ISO date as stored in the JSON
chinese_numeral(15)              # "十五" (1..99: section and item numbers)
parse_chinese_numeral("二十三")  # 23; None when it is not a numeral of 1..99
"""

from __future__ import annotations

from datetime import date

_DIGITS = "一二三四五六七八九"
_VALUES = {c: i for i, c in enumerate(_DIGITS, start=1)}


def chinese_date(day: date | str) -> str:
    """2024年3月4日 — the official way to write a date (no leading zeros)."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_numeral(n: int) -> str:
    """1..99 as written in numbering and 条例 item numbers: 一, 十, 十一, 二十, 九十九."""
    if not 1 <= n <= 99:
        raise ValueError(f"只能写出1至99的中文数字，而不是 {n}")
    if n < 10:
        return _DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens - 1]) + "十" + (_DIGITS[ones - 1] if ones else "")


def parse_chinese_numeral(numeral: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; None for anything else."""
    if numeral in _VALUES:
        return _VALUES[numeral]
    if numeral == "十":
        return 10
    if len(numeral) == 2 and numeral[0] == "十" and numeral[1] in _VALUES:
        return 10 + _VALUES[numeral[1]]
    if len(numeral) in (2, 3) and numeral[0] in _VALUES and numeral[1] == "十":
        tail = numeral[2:]
        if not tail:
            return _VALUES[numeral[0]] * 10
        if tail in _VALUES:
            return _VALUES[numeral[0]] * 10 + _VALUES[tail]
    return None
