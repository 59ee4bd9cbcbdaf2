"""Totals stated in prose that do not add up: "共 N 条，其中 a 条、b 条、c 条".

One implementation for the auditor (`narrative.sum` on a report's text) and the
checker (`gongkai check`). Framework-free.

The rule, sentence by sentence:

- the **total** is the last number with a counting unit (条, 件, 项 …) before "其中",
  with nothing but words between them (no other number);
- the **parts** are the numbers after "其中" up to the end of the sentence (。！？ or a
  line break; "；" too unless "其中" opens a colon list) that carry the same unit, or
  no unit at all ("不公开 147，"). Numbers with another unit (岁, 年, %, 万元 against
  条 …), numbers in brackets, ranges ("0-3 岁"), and clauses that compare (同比, 较上年,
  增长 …) are not parts. A second "其中" starts a sub-breakdown: parts stop there.
- an exact total with two or more parts and no trailing "等" must equal their sum;
- an approximate total ("380 余条", "1000 多件"), a single part, approximate parts, a
  list ending with "等" or a breakdown in brackets ("发布解读 15 篇（其中图解 6 篇…）") only
  say "at least": flagged only when the parts exceed what the total can mean ("380 余" is
  fewer than 390, "1000 余" fewer than 2000);
- a list cut at "；" whose sentence goes on with figures of the same unit may continue
  past it: parts that fall short of the total are then not flagged (a sum check never
  fires on a list it has not read whole);
- the parts end at a clause that starts another item ("上年结转 1 件", "此外", "合计") and,
  when they are joined by "、", at the first other separator.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from gongkai.findings import Finding

CODE = "narrative.sum"

# Longest first so that "人次" wins over "人" and "万元" over "元".
UNITS = (
    "人次",
    "万元",
    "亿元",
    "万人",
    "条",
    "件",
    "项",
    "个",
    "次",
    "份",
    "篇",
    "期",
    "场",
    "起",
    "批",
    "家",
    "户",
    "所",
    "名",
    "位",
    "人",
    "元",
    "宗",
    "封",
    "例",
    "部",
    "册",
    "张",
    "幅",
)
_UNIT_RE = "|".join(UNITS)

# A number: 1350, 1,350, 12.5; the lookbehind keeps us out of longer digit runs. It
# follows the first digit so that the pattern starts with one: the regex engine then
# skips to the next digit in C instead of trying the lookbehind at every character.
_NUMBER = r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+|\d*(?:\.\d+)?))"
# number [余|多] [unit], spaces allowed between (PDF text often has "1350 条").
_QUANTITY_RE = re.compile(_NUMBER + r"\s*+(余|多)?\s*+(" + _UNIT_RE + r")?")
# The last match of _QUANTITY_RE.finditer in a span, in one call: it is the match at the
# last place a quantity can start, since none can start inside another (every digit of a
# number but its first follows a digit, "," or ".", where the lookbehind forbids a start).
_LAST_QUANTITY_RE = re.compile(r"(?s:.*)" + _QUANTITY_RE.pattern)
_QIZHONG_RE = re.compile(r"其中(?:\s*其中)*")
_SENTENCE_END = "。！？!?\n"
_LAST_END_RE = re.compile(rf"(?s:.*)[{_SENTENCE_END}]")  # up to the last sentence end
_COMPARISON_WORDS = (
    "同比",
    "环比",
    "较上年",
    "较去年",
    "比上年",
    "比去年",
    "增长",
    "增加",
    "减少",
    "下降",
    "上升",
    "占",
    "率",
)
_COMPARISON_RE = re.compile("|".join(_COMPARISON_WORDS))
_BRACKETS = {"（": "）", "(": ")", "[": "]", "【": "】", "〔": "〕"}
_CLOSERS = frozenset(_BRACKETS.values())
_OPENER_RE = re.compile("[" + re.escape("".join(_BRACKETS)) + "]")
# A clause opening with one of these starts another item, not a part.
_NEW_ITEM_WORDS = (
    "另有",
    "此外",
    "另外",
    "同时",
    "上年结转",
    "结转",
    "累计",
    "合计",
    "共计",
    "总计",
    "全年",
)
_BRACKET_CHARS = re.escape("".join(_BRACKETS) + "".join(_BRACKETS.values()))
_PARTS_END_TOKEN_RE = re.compile(rf"[。！？!?\n；;{_BRACKET_CHARS}]|其中")
# An ASCII comma inside a number ("2,225") is a thousands separator, not a clause break.
_PARTS_TOKEN_RE = re.compile(rf"[，、；;：:{_BRACKET_CHARS}]|,(?![0-9]{{3}}(?![0-9]))")
_RANGE_AFTER_RE = re.compile(r"\s?[" + re.escape("%％-－~～至—‰") + "]")
_RANGE_BEFORE_RE = re.compile("[" + re.escape("-－~～至—第.") + r"]\s?\Z")
# What may follow a bare number for it to count as a part: the end of its clause.
_BARE_FOLLOW = set("，、,；;。！？!?\n") | {""}


class _Quantity(NamedTuple):  # a tuple: made by the thousand, cheaper than a frozen dataclass
    start: int
    end: int
    value: Decimal
    approximate: bool
    unit: str  # "" when the number has no unit


def narrative_sum_findings(text: str) -> list[Finding]:
    """Findings `narrative.sum` (severity error) for totals whose parts do not add up.

    Each finding spans from the total to the last part; `text` is that span and the
    message gives the arithmetic in Chinese.
    """
    findings: list[Finding] = []
    # The matches of _QIZHONG_RE.finditer, found by looking for "中" (rarer than "其",
    # which every "其他" of the tables has): str.find runs through Chinese text several
    # times faster than the regex engine.
    pos = text.find("中", 1)
    while pos >= 0:
        if text[pos - 1] == "其":
            match = _QIZHONG_RE.match(text, pos - 1)
            assert match is not None  # "其中" is there
            finding = _check_breakdown(text, match)
            if finding is not None:
                findings.append(finding)
            pos = match.end()  # the next match starts at or after this one's end
        pos = text.find("中", pos + 1)
    return findings


def _check_breakdown(text: str, qizhong: re.Match[str]) -> Finding | None:
    sentence_start = _sentence_start(text, qizhong.start())
    total = _total_before(text, sentence_start, qizhong.start())
    if total is None:
        return None
    colon_list = text[qizhong.end() : qizhong.end() + 2].lstrip().startswith(("：", ":"))
    region_end = _parts_end(text, qizhong.end(), colon_list)
    parts = _parts(text, qizhong.end(), region_end, total.unit)
    if not parts:
        return None
    parts_sum = sum((p.value for p in parts), Decimal(0))
    trailing = text[parts[-1].end : region_end]
    exact = (
        not _inside_brackets(text, sentence_start, qizhong.start())  # an aside: "（其中…）"
        and not total.approximate
        and len(parts) >= 2
        and not any(p.approximate for p in parts)
        and "等" not in trailing
    )
    if exact:
        if parts_sum == total.value:
            return None
        if parts_sum < total.value and _list_continues(text, region_end, total.unit):
            return None  # the list goes on past "；": a sum of part of it proves nothing
    elif parts_sum < _upper_bound(total):
        return None
    span_end = parts[-1].end
    unit = total.unit
    total_words = _format(total.value) + (" 余" if total.approximate else " ") + unit
    if exact:
        message = f"其中各项之和为 {_format(parts_sum)} {unit}，与总数 {total_words}不符"
    else:
        message = f"其中各项之和为 {_format(parts_sum)} {unit}，超过总数 {total_words}"
    return Finding(
        code=CODE,
        severity="error",
        message=message,
        where="text",
        start=total.start,
        end=span_end,
        text=text[total.start : span_end],
        suggestion=None,
    )


def _list_continues(text: str, region_end: int, unit: str) -> bool:
    """Whether the parts were cut at "；" with more figures of the unit before the sentence ends.

    "其中自然人 13 件、企业 4 件；科研机构 27 件；其他 65 件" lists one breakdown across
    "；": a check that read only up to the first "；" has not read the whole list.
    """
    if region_end >= len(text) or text[region_end] not in "；;":
        return False
    end = len(text)
    for ch in _SENTENCE_END:
        found = text.find(ch, region_end)
        if 0 <= found < end:
            end = found
    return any(q.unit == unit for q in _quantities(text, region_end, end))


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    if not _OPENER_RE.search(text, start, pos):
        return False  # the common case: no bracket at all
    depth = 0
    for ch in text[start:pos]:
        if ch in _BRACKETS:
            depth += 1
        elif ch in _CLOSERS and depth:
            depth -= 1
    return depth > 0


def _sentence_start(text: str, pos: int) -> int:
    """Just after the last sentence end before `pos` (looking back at most 1,000 characters)."""
    floor = max(0, pos - 1000)
    near = max(floor, pos - 100)  # most sentences are shorter: look there first
    m = _LAST_END_RE.match(text, near, pos)
    if m is not None:
        return m.end()
    last = max(text.rfind(ch, floor, near) for ch in _SENTENCE_END)
    return last + 1 if last >= 0 else floor


def _total_before(text: str, sentence_start: int, qizhong_start: int) -> _Quantity | None:
    """The last quantity with a unit before "其中", if no other number comes after it."""
    found = _LAST_QUANTITY_RE.match(text, sentence_start, qizhong_start)
    if found is None:
        return None
    last = _quantity(found)
    if not last.unit or _is_range_or_percent(text, last):
        return None
    # Dates and years are not totals: "截至 12 月 31 日，其中" has no unit match anyway,
    # but "2021 年" must not become a total through a unit such as "年" (not a unit here).
    return last


def _parts_end(text: str, pos: int, colon_list: bool) -> int:
    """Where the parts stop: the sentence end, a second "其中" outside brackets, or the
    closing bracket when this "其中" itself stands inside brackets."""
    stops = _SENTENCE_END if colon_list else _SENTENCE_END + "；;"
    depth = 0
    for m in _PARTS_END_TOKEN_RE.finditer(text, pos):
        token = m.group()
        if token in _BRACKETS:
            depth += 1
        elif token in _CLOSERS:
            if depth == 0:
                return m.start()
            depth -= 1
        elif depth == 0 and (token in stops or token == "其中"):
            return m.start()
    return len(text)


def _parts(text: str, start: int, end: int, unit: str) -> list[_Quantity]:
    """The quantities of the clauses between `start` and `end`, leaving out brackets.

    The list ends early at a clause that starts something else ("上年结转 1 件", "此外…",
    "合计…"), and, when its items are joined by "、", at the first other separator:
    "其中当面 2 件、网络 19 件、信函 2 件，上年结转 1 件" lists three parts.
    """
    parts: list[_Quantity] = []
    enumeration = None  # True when the first parts are joined by "、"
    # No comparison word spans a clause break: with none in the whole span, no clause
    # needs a look of its own.
    compared = _COMPARISON_RE.search(text, start, end) is not None
    for clause_start, clause_end, separator in _clauses(text, start, end):
        if clause_start == clause_end:
            continue  # "其中，…": nothing before the first comma
        if text[clause_start:clause_end].lstrip(" ，、,").startswith(_NEW_ITEM_WORDS):
            break
        found = _clause_parts(text, clause_start, clause_end, unit, compared)
        if not found:
            continue
        parts += found
        if enumeration is None:
            enumeration = separator == "、"
        elif enumeration and separator != "、":
            break
    return parts


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, separator after) of the clauses, brackets and their content left out."""
    clauses = []
    clause_start = start
    depth = 0
    closing = ""
    for m in _PARTS_TOKEN_RE.finditer(text, start, end):
        token, i = m.group(), m.start()
        if depth:
            if token == closing:
                depth -= 1
                clause_start = i + 1
            continue
        if token in _BRACKETS:
            clauses.append((clause_start, i, ""))
            depth, closing = 1, _BRACKETS[token]
        elif token not in _CLOSERS:
            clauses.append((clause_start, i, token))
            clause_start = i + 1
    if not depth:
        clauses.append((clause_start, end, ""))
    return clauses


def _clause_parts(
    text: str, start: int, end: int, unit: str, compared: bool = True
) -> list[_Quantity]:
    """The clause's numbers of the unit, or bare ones ending it, but no range or percentage.

    `compared` False says the clause has no comparison word (known from a larger span).
    """
    if compared and _COMPARISON_RE.search(text, start, end):
        return []
    found = []
    for m in _QUANTITY_RE.finditer(text, start, end):
        its_unit = m.group(3)
        if its_unit is None:  # bare: neither 余/多 nor a unit, and nothing after it
            if unit and (m.group(2) is not None or not _ends_clause(text, m.end(1), end)):
                continue
        elif its_unit != unit:
            continue  # another unit: passed over before its value is worked out
        q = _quantity(m)
        if not _is_range_or_percent(text, q):
            found.append(q)
    return found


def _ends_clause(text: str, pos: int, clause_end: int) -> bool:
    rest = text[pos:clause_end].strip()
    return rest == "" and (clause_end >= len(text) or text[clause_end] in _BARE_FOLLOW)


def _quantities(text: str, start: int, end: int) -> list[_Quantity]:
    return [_quantity(m) for m in _QUANTITY_RE.finditer(text, start, end)]


def _quantity(m: re.Match[str]) -> _Quantity:
    raw, approx, unit = m.groups("")
    value = Decimal(raw.replace(",", ""))  # \d and Decimal both take any decimal digit
    q_end = m.end() if (unit or approx) else m.end(1)
    return _Quantity(m.start(1), q_end, value, bool(approx), unit)


def _is_range_or_percent(text: str, q: _Quantity) -> bool:
    """Whether the number opens or closes a range, or is a percentage (a space allowed)."""
    if _RANGE_AFTER_RE.match(text, q.end, q.end + 2):
        return True
    return _RANGE_BEFORE_RE.search(text, max(0, q.start - 2), q.start) is not None


def _upper_bound(total: _Quantity) -> Decimal:
    """What an approximate total can mean at most: 380 余 → below 390, 1000 余 → below 2000."""
    if not total.approximate:
        return total.value + 1  # parts may not cover everything: only flag an excess
    digits = str(int(total.value))
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == len(digits):  # "0 余" makes no sense; treat as exact
        return total.value + 1
    return total.value + Decimal(10) ** zeros


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral() else str(int(value))
