"""The report's prose against itself (`narrative.sum`) and against its tables.

`narrative.table_conflict` looks for a few precise statements only — requests
received, administrative reviews and lawsuits, processing fees — and stays
silent unless the text and a readable cell plainly disagree. PDF text breaks
lines anywhere, so every pattern allows whitespace between characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from gongkai.findings import Finding
from gongkai.report.audit.tables import _cell
from gongkai.report.model import Report
from gongkai.report.read_result import Reading
from gongkai.text.sums import narrative_sum_findings

# Possessive: what follows a run of whitespace in these patterns never starts with
# whitespace, so giving none of it back changes no match, and spares the engine the
# ways to share "\t\t\t\t" among four optional parts (table rows are full of tabs).
_S = r"\s*+"


def _loose(*words: str) -> str:
    """Any of `words`, whitespace allowed between their characters."""
    return "(?:" + "|".join(_S.join(map(re.escape, w)) for w in words) + ")"


_NUM = r"(?<![\d.])(\d+)(?![\d.])"
_COUNT_UNIT = _loose("件", "个", "宗", "份", "起", "次", "例")
_FILLER = r"[^，,。；;：:！？\d]{0,16}?"
_REQUESTS_WORD = _loose("政府信息公开申请", "信息公开申请", "公开申请", "公开的申请", "依申请公开")

_RECEIVE_VERBS = ("受理", "收到", "接到", "接收")
_RECEIVED = re.compile(
    _loose(*_RECEIVE_VERBS)
    + _FILLER
    + _REQUESTS_WORD
    + _S
    + _loose("共", "合计", "总计", "数量为", "数量")
    + "?"
    + _S
    + _NUM
    + _S
    + _COUNT_UNIT
)
_NONE_RECEIVED = re.compile(
    _loose("未", "没有")
    + _S
    + _loose("受理", "收到", "接到")
    + _FILLER
    + _REQUESTS_WORD
    + r"(?!\s*人)"  # "未收到政府信息公开申请人的补正材料" is about something else
)
_REVIEWS = re.compile(
    _loose("行政复议")
    + _S
    + "(?:议)?"
    + _S
    + _loose("案件", "申请")
    + "?"
    + _S
    + _loose("共")
    + "?"
    + _S
    + _NUM
    + _S
    + _COUNT_UNIT
)
_LAWSUITS = re.compile(
    _loose("诉讼")
    + _S
    + _loose("案件")
    + "?"
    + _S
    + _loose("共")
    + "?"
    + _S
    + _NUM
    + _S
    + _COUNT_UNIT
)
_JOINED = re.compile(r"复\s*议\s*[、和及与或]\s*(?:提\s*起\s*)?(?:行\s*政\s*)?$")
_FEE = re.compile(
    _loose("收取")
    + r"[^，,。；;！？\d]{0,20}?"
    + _loose("信息处理费")
    + _S
    + r"(?<![\d.])(\d+(?:\.\d+)?)"
    + _S
    + _loose("元", "万元")
)
_NOT_COLLECTED = re.compile(r"(?:未|不|没有)\s*$")

_CLAUSE_BREAK = re.compile(r"[，,。；;！？\n]")


class _Statement(NamedTuple):  # a tuple: cheaper to make than a frozen dataclass
    value: float
    start: int
    end: int


def _matches(text: str, pattern: re.Pattern[str], starts: list[int]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` tried at `starts` (in order), none overlapping the one before.

    Looking up the few places where a statement can start (`_starts`) is much faster
    than letting the regex engine try every position of a long report. (A match tried
    there fails within a few characters, faster than any pre-check on the text that
    follows.)
    """
    end = -1
    match = pattern.match
    for pos in starts:
        if pos < end:
            continue
        m = match(text, pos)
        if m is not None:
            end = m.end()
            yield m


def _starts(text: str, anchors: tuple[str, ...]) -> list[int]:
    """Where one of `anchors` begins, in order."""
    starts: list[int] = []
    find, startswith = text.find, text.startswith
    for key, offset, words in _lookups(anchors):
        pos = find(key, offset)
        while pos >= 0:
            if startswith(words, pos - offset):
                starts.append(pos - offset)
            pos = find(key, pos + 1)
    return sorted(set(starts)) if len(anchors) > 1 else starts


@cache
def _lookups(anchors: tuple[str, ...]) -> tuple[tuple[str, int, tuple[str, ...]], ...]:
    """(the character str.find looks for, its place in the anchors, the anchors) for `_starts`.

    In Chinese text str.find of one character runs several times faster than of a
    word, so short anchors are looked up by their first character, and a long one
    ("行政复议", whose first character is a common one) by its last (议 is rarer than
    行 or 复, and a search for the whole word is slower than both).
    """
    long = tuple((anchor[-1], len(anchor) - 1, (anchor,)) for anchor in anchors if len(anchor) >= 4)
    short = [anchor for anchor in anchors if len(anchor) < 4]
    firsts = dict.fromkeys(anchor[0] for anchor in short)
    return long + tuple((c, 0, tuple(a for a in short if a[0] == c)) for c in firsts)


def _statements(
    text: str,
    pattern: re.Pattern[str],
    anchors: tuple[str, ...] | list[int],
    reject: Callable[[str], bool],
) -> list[tuple[_Statement, re.Match[str]]]:
    """The statements `pattern` matches at `anchors` (words, or the places they start).

    As `_matches` tries them (none overlapping the match before, rejected or not), in
    one loop: a report has a few statements, and generators cost more than they carry.
    """
    found = []
    end = -1
    match = pattern.match
    for pos in anchors if isinstance(anchors, list) else _starts(text, anchors):
        if pos < end:
            continue
        m = match(text, pos)
        if m is None:
            continue
        end = m.end()
        before = text[max(0, pos - 14) : pos]
        if reject(_CLAUSE_BREAK.split(before)[-1]):
            continue
        value = float(m.group(m.lastindex)) if m.lastindex else 0.0
        found.append((_Statement(value, pos, end), m))
    return found


_NOT_THIS_TOTAL = re.compile(r"上\s*年|去\s*年|同\s*比|较|比\s*上|其\s*中")


def _is_comparison(clause: str) -> bool:
    """Last year's figure, a comparison, or a part ("其中…") is not this year's total."""
    return _NOT_THIS_TOTAL.search(clause) is not None


def _total(report: Report, table: str, row: str, col: str = "total") -> int | float | None:
    return _cell(getattr(report, table), row, col)


def _show(text: str, s: _Statement) -> str:
    return re.sub(r"\s+", "", text[s.start : s.end])


def _conflict(text: str, s: _Statement, message: str, where: str) -> Finding:
    # An error, not a warning: a report whose text and tables disagree publishes a false
    # figure either way, and the statements matched are precise enough to trust.
    return Finding(
        "narrative.table_conflict",
        "error",
        message,
        where=where,
        start=s.start,
        end=s.end,
        text=text[s.start : s.end],
    )


def _received(
    text: str, new: int | float, allowed: set[int | float], received: list[int], none: list[int]
) -> list[Finding]:
    """Statements of requests received (at `received`, or none at `none`) against 新收."""
    findings = []
    found = _statements(text, _RECEIVED, received, _is_comparison)
    found += [(_Statement(0, m.start(), m.end()), m) for m in _matches(text, _NONE_RECEIVED, none)]
    for s, _ in found:
        if s.value in allowed:
            continue
        findings.append(
            _conflict(
                text,
                s,
                f"正文称“{_show(text, s)}”，但表三“一、本年新收政府信息公开申请数量”总计为 {new:g}",
                "requests.new.total",
            )
        )
    return findings


# The receiving verbs by their first character; "受理", "收到" and "接到" also follow
# "未"/"没有" in `_NONE_RECEIVED`.
_VERB_FIRSTS = (("受", ("受理",)), ("收", ("收到",)), ("接", ("接到", "接收")))
assert {w for _, words in _VERB_FIRSTS for w in words} == set(_RECEIVE_VERBS)


def _receive_starts(
    text: str, none_too: bool, fees_too: bool
) -> tuple[list[int], list[int], list[int]]:
    """Where `_RECEIVED`, `_NONE_RECEIVED` (with `none_too`) and `_FEE` (with `fees_too`)
    can match.

    One look for 受, 收 and 接 serves all three: `_NONE_RECEIVED` starts at "未" or
    "没有" followed, whitespace allowed, by one of them, so looking back from each finds
    every such start (and a few that fail), sparing a look for 未 and 没 through the
    text; `_FEE` starts at "收取".
    """
    received: list[int] = []
    none: list[int] = []
    fees: list[int] = []
    find = text.find
    for char, words in _VERB_FIRSTS:
        pos = find(char)
        while pos >= 0:
            if text.startswith(words, pos):
                received.append(pos)
            if fees_too and char == "收" and text.startswith("收取", pos):
                fees.append(pos)
            if none_too:
                before = pos - 1
                while before >= 0 and text[before].isspace():
                    before -= 1
                if before >= 0:
                    if text[before] == "未":
                        none.append(before)
                    elif text[before] == "有" and before and text[before - 1] == "没":
                        none.append(before - 1)
            pos = find(char, pos + 1)
    return sorted(set(received)), sorted(set(none)), fees


def _appeals(text: str, report: Report) -> list[Finding]:
    review = _total(report, "appeals", "review")
    direct = _total(report, "appeals", "litigation_direct")
    after = _total(report, "appeals", "litigation_after_review")
    lawsuits = direct + after if direct is not None and after is not None else None
    findings: list[Finding] = []
    if review is not None:
        for s, _ in _statements(text, _REVIEWS, ("行政复议",), _is_comparison):
            if s.value != review:
                findings.append(
                    _conflict(
                        text,
                        s,
                        f"正文称“{_show(text, s)}”，但表四“行政复议”总计为 {review:g}",
                        "appeals.review.total",
                    )
                )
    if lawsuits is None:
        return findings  # what a lawsuit statement is compared with is not known
    for s, m in _statements(text, _LAWSUITS, ("诉讼",), _is_comparison):
        before = text[max(0, m.start() - 8) : m.start()]
        if _JOINED.search(before):
            expected = review + lawsuits if review is not None and lawsuits is not None else None
            label = "表四行政复议与行政诉讼总计之和"
        else:
            expected, label = lawsuits, "表四行政诉讼（未经复议直接起诉、复议后起诉）总计之和"
        if expected is not None and s.value != expected:
            findings.append(
                _conflict(
                    text,
                    s,
                    f"正文称“{_show(text, s)}”，但{label}为 {expected:g}",
                    "appeals.litigation_direct.total",
                )
            )
    return findings


def _fees(text: str, starts: list[int]) -> list[Finding]:
    """A processing fee collected (at `starts`) although table 三 handled no request at all.

    The fee is not in the tables (行政事业性收费 in table 二 is another thing), so a
    stated "0 元" has nothing to contradict.
    """
    findings = []
    for m in _matches(text, _FEE, starts):
        amount = float(m.group(1))
        before = text[max(0, m.start() - 4) : m.start()]
        if amount == 0 or _NOT_COLLECTED.search(before):
            continue
        s = _Statement(amount, m.start(), m.end())
        findings.append(
            _conflict(
                text,
                s,
                f"正文称“{_show(text, s)}”，但表三本年没有收到也没有办理任何政府信息公开申请",
                "requests.total.total",
            )
        )
    return findings


def narrative_findings(reading: Reading) -> list[Finding]:
    text = reading.text
    if not text:
        return []
    report = reading.report
    new = _total(report, "requests", "new")
    received: list[Finding] = []
    fees: list[Finding] = []
    if new is not None:
        carried = _total(report, "requests", "carried_over")
        allowed = {new} | ({new + carried} if carried is not None else set())
        # Fees are checked only when table 三 handled no request at all.
        nothing = new == 0 and carried in (0, None) and _total(report, "requests", "total") == 0
        # "未收到政府信息公开申请" says 0: nothing to find when 0 is an allowed figure.
        at, none, fee_at = _receive_starts(text, 0 not in allowed, nothing)
        received = _received(text, new, allowed, at, none)
        fees = _fees(text, fee_at) if nothing else []
    return [*narrative_sum_findings(text), *received, *_appeals(text, report), *fees]
