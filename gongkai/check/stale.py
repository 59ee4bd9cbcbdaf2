"""Stale facts (`stale.year`): years and dated events copied from an older text.

Three rules, all warnings, all needing the document's year Y:

1. a sentence that speaks of "今年"/"本年"/"本年度" and names a year other than Y or Y-1
   (Y+1 too when the sentence plans ahead: 将, 计划, 下一步 …); years inside 《》 titles
   and 〔〕 document numbers are references, not facts, and are skipped;
2. a sentence that opens with a year ("2023年，我委在县委…") other than Y, unless it plans
   ahead — the opening of the overview names the year the report is about;
3. a sentence that says "今年" about an event that dates it: "今年年初…疫情" is 2020 (the
   outbreak: seed 002, a 2022 report, copied it), "十四五开局之年" 2021, "十三五收官之年"
   2020, "建党一百周年" 2021, "新中国成立70周年" 2019 …
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from gongkai.check.lines import Lines
from gongkai.findings import Finding

CODE = "stale.year"

_SENTENCE_END = "。！？!?\n"
_SENTENCE_END_RE = re.compile("[。！？!?\n]")
_THIS_YEAR_RES = (re.compile("今年"), re.compile("本年"))
# What every match of _YEAR_RE contains, found on a whole line.
_ANY_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_YEAR_RE = re.compile(r"(?<![\d〔\[(（])((?:19|20)\d{2})\s*年(?!\s*[度]?\s*报告)")
# "年" first: a literal start lets the regex engine scan fast; the year is behind it, the
# comma of an opening ("YYYY年，", "YYYY年度，") after it.
_OPENING_RES = (
    re.compile(r"年(?<=[0-9]{4}年)(?=度?\s*[，,])"),
    re.compile(r"年(?<=[0-9]{4} 年)(?=度?\s*[，,])"),
)
# "2019年5月15日起施行": a dated act cited in a "今年" sentence is a reference, not a fact.
_FULL_DATE_RE = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_ACT_WORDS = ("施行", "实施", "修订", "颁布", "印发", "出台", "发布", "起")
_PLANNING = ("将", "计划", "下一步", "拟", "力争", "明年", "下一年")

# (words that must all appear in the sentence, the year the event dates, what to say)
_DATED_EVENTS: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("今年年初", "疫情"), 2020, "“今年年初……疫情”说的是 2020 年初新冠疫情暴发"),
    (("今年初", "疫情"), 2020, "“今年初……疫情”说的是 2020 年初新冠疫情暴发"),
    (("今年", "十四五", "开局之年"), 2021, "“十四五”开局之年是 2021 年"),
    (("今年", "十三五", "收官之年"), 2020, "“十三五”收官之年是 2020 年"),
    (("今年", "十三五", "开局之年"), 2016, "“十三五”开局之年是 2016 年"),
    (("今年", "建党", "100周年"), 2021, "建党 100 周年是 2021 年"),
    (("今年", "建党", "一百周年"), 2021, "建党一百周年是 2021 年"),
    (("今年", "新中国成立", "70周年"), 2019, "新中国成立 70 周年是 2019 年"),
    (("今年", "新中国成立", "七十周年"), 2019, "新中国成立七十周年是 2019 年"),
    (("今年", "脱贫攻坚", "收官之年"), 2020, "脱贫攻坚收官之年是 2020 年"),
    (("今年", "全面建成小康社会", "收官之年"), 2020, "全面建成小康社会收官之年是 2020 年"),
)


def stale_findings(text: str, year: int | None) -> list[Finding]:
    if year is None:
        return []
    found: list[Finding] = []
    seen_sentences: set[int] = set()
    may_be_stale = _stale_lines(text)
    for this_year in _THIS_YEAR_RES:
        for m in this_year.finditer(text):
            if not may_be_stale(m.start()):
                continue
            start, end = _sentence(text, m.start())
            if start in seen_sentences:
                continue
            seen_sentences.add(start)
            found += _this_year_sentence(text, start, end, year)
    for opening in _OPENING_RES:
        for m in opening.finditer(text):
            finding = _opening_year(text, m.start(), m.end(), year)
            if finding is not None:
                found.append(finding)
    return found


def _opening_year(text: str, nian: int, year_end: int, year: int) -> Finding | None:
    """A sentence that opens with "YYYY年，" or "YYYY年度，" naming another year ("2018年以来，"
    names a span, not the year reported on, and is left alone)."""
    digits_start = text.rfind(" ", nian - 5, nian) if text[nian - 1] == " " else nian
    digits_start -= 4
    said_text = text[digits_start : digits_start + 4]
    if not said_text.isdigit() or not said_text.startswith(("19", "20")):
        return None
    before = digits_start
    while before > 0 and text[before - 1] in " \t\u3000*#>":
        before -= 1
    if before > 0 and text[before - 1] not in _SENTENCE_END:
        return None
    said = int(said_text)
    start, end = _sentence(text, digits_start)
    if said == year or any(w in text[start:end] for w in _PLANNING):
        return None
    return _finding(
        text,
        digits_start,
        year_end,
        f"本句以“{said}年”开头，但文件年度为 {year} 年：疑似沿用旧报告的表述",
        f"{year}年",
    )


def _stale_lines(text: str) -> Callable[[int], bool]:
    """Whether the line around a position names a year or says "今年": its sentences, which
    never cross a line, can be stale only then (most "本年" are labels on the lines of a
    table). Each line is looked at once, its ends found once (`Lines`)."""
    lines: Lines | None = None
    answers: dict[int, bool] = {}

    def may_be_stale(pos: int) -> bool:
        nonlocal lines
        if lines is None:
            lines = Lines(text)
        index = lines.index(pos)
        answer = answers.get(index)
        if answer is None:
            start, end = lines.bounds(index)
            answer = answers[index] = _ANY_YEAR_RE.search(text, start, end) is not None or (
                text.find("今年", start, end) >= 0
            )
        return answer

    return may_be_stale


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos` (looking at most 1,000 characters either way)."""
    floor = max(0, pos - 1000)
    # The line's start first: the other ends are then looked for on the line only (a
    # report has thousands of "本年" on the short lines of its tables).
    last = text.rfind("\n", floor, pos)
    for ch in "。！？!?":
        last = max(last, text.rfind(ch, last + 1 if last >= 0 else floor, pos))
    start = last + 1 if last >= 0 else floor
    m = _SENTENCE_END_RE.search(text, pos, pos + 1000)
    end = m.start() if m else min(len(text), pos + 1000)
    while start < end and text[start] in " \t\u3000*#>":
        start += 1
    return start, end


def _this_year_sentence(text: str, start: int, end: int, year: int) -> Iterator[Finding]:
    sentence = text[start:end]
    for words, event_year, what in _DATED_EVENTS if "今年" in sentence else ():
        if event_year != year and all(w in sentence for w in words):
            yield _finding(
                text, start, end, f"{what}，文件年度为 {year} 年：疑似从旧报告照搬，请核实", None
            )
            break
    allowed: set[int] | None = None  # found for the few sentences that name a year
    for m in _YEAR_RE.finditer(text, start, end):
        said = int(m.group(1))
        if allowed is None:
            allowed = {year, year - 1}
            if any(w in sentence for w in _PLANNING):
                allowed.add(year + 1)
        if said in allowed or _inside_title(text, start, m.start()):
            continue
        if _FULL_DATE_RE.match(text, m.end()) and any(w in sentence for w in _ACT_WORDS):
            continue
        yield _finding(
            text,
            m.start(1),
            m.end(),
            f"本句说“今年”或“本年”，却写到 {said} 年，文件年度为 {year} 年：请核实年份",
            None,
        )


def _inside_title(text: str, start: int, pos: int) -> bool:
    before = text[start:pos]
    return before.count("《") > before.count("》") or before.count("〔") > before.count("〕")


def _finding(text: str, start: int, end: int, message: str, suggestion: str | None) -> Finding:
    return Finding(
        code=CODE,
        severity="warning",
        message=message,
        where="text",
        start=start,
        end=end,
        text=text[start:end],
        suggestion=suggestion,
    )
