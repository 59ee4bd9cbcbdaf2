"""Text repeated from the previous document (`copy.previous`).

Paragraphs are lines; they are compared after dropping whitespace and Markdown marks.
A paragraph of at least `min_chars` characters whose similarity ratio (difflib) with a
paragraph of the previous text reaches `ratio` is reported, with the ratio: a report
that repeats last year's prose usually did not update it. Table rows (tabs, "|") are
left out: the national tables repeat their labels every year by design.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from gongkai.findings import Finding

CODE = "copy.previous"

_NOISE_RE = re.compile(r"[\s*#>_`\u3000]+")
_LINE_RE = re.compile(r"[^\n]+")


def normalise(paragraph: str) -> str:
    return _NOISE_RE.sub("", paragraph)


def _paragraphs(text: str, min_chars: int) -> Iterator[tuple[int, int, str]]:
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if "\t" in line or "|" in line:
            continue
        norm = normalise(line)
        if len(norm) >= min_chars:
            yield m.start(), m.end(), norm


def repeat_findings(text: str, previous: str, min_chars: int, ratio: float) -> list[Finding]:
    earlier = [(i, norm) for i, (_, _, norm) in enumerate(_paragraphs(previous, min_chars), 1)]
    exact = {norm: i for i, norm in reversed(earlier)}
    found = []
    for start, end, norm in _paragraphs(text, min_chars):
        best_no, best = exact.get(norm), 1.0
        if best_no is None:
            best_no, best = _most_similar(norm, earlier, ratio)
        if best_no is None:
            continue
        start, end = _trim(text, start, end)
        found.append(
            Finding(
                code=CODE,
                severity="warning",
                message=f"本段与上一份文件第 {best_no} 段基本相同（相似度 {best:.0%}）："
                "请确认内容已按本年度情况更新",
                where="text",
                start=start,
                end=end,
                text=text[start:end],
            )
        )
    return found


def _most_similar(
    norm: str, earlier: list[tuple[int, str]], ratio: float
) -> tuple[int | None, float]:
    best_no, best = None, 0.0
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(norm)
    for number, candidate in earlier:
        shorter, longer = sorted((len(norm), len(candidate)))
        if 2 * shorter / (shorter + longer) < ratio:  # the ratio can never reach it
            continue
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
            continue
        similarity = matcher.ratio()
        if similarity >= ratio and similarity > best:
            best_no, best = number, similarity
    return best_no, best


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u3000*#>":
        start += 1
    while end > start and text[end - 1] in " \t\u3000*\r":
        end -= 1
    return start, end
