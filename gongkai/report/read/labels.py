"""Row and column labels as printed, matched to the official wording.

Printed labels differ from the template in width (（一） vs (一)), spaces ("结 果 维 持"),
line breaks inside a cell, numbering, and sometimes a typo ("其他法律行政止公开"). We
normalise width and spaces, drop the numbering, and look the label up; failing that,
a fuzzy match above a threshold (with a clear winner) decides. Never by position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from gongkai.report.model import (
    APPEAL_FIELD_LABELS,
    APPEAL_GROUP_LABELS,
    COLUMN_LABELS,
    FORMATS,
    PROACTIVE_ITEMS,
    REQUEST_ROWS,
)

FUZZY_THRESHOLD = 0.78
FUZZY_MARGIN = 0.06  # the best match must beat the runner-up (another key) by this much

_SPACE_QUOTES = re.compile(r"[\s\u3000\u200b\u00a0\"'“”‘’「」『』]+")
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d{1,2}[.、)](?!\d)|\(\d{1,2}\))"
)
_INNER_NUMBERING = re.compile(r"(?:\d{1,2}\.(?!\d)|\([一二三四五六七八九十]\))")


def normalize(text: str) -> str:
    """Width-, space- and quote-insensitive form of a label."""
    return _SPACE_QUOTES.sub("", unicodedata.normalize("NFKC", text))


def strip_numbering(norm: str) -> str:
    """Drop leading "三、", "(一)", "1." (repeatedly) from a normalised label."""
    prev = None
    while prev != norm:
        prev = norm
        norm = _NUMBERING.sub("", norm, count=1)
    return norm


@dataclass(frozen=True, slots=True)
class Label:
    """What a printed label stands for."""

    kind: str  # "row" (table 三), "group", "context", "proactive", "appeal_group", "header"
    key: str
    official: str  # the official wording (normalised core), to tell a nonstandard print


@dataclass(frozen=True, slots=True)
class Match:
    label: Label
    exact: bool  # equal to the official wording after width/space normalisation
    printed: str  # the core as printed (normalised)


def _core(text: str) -> str:
    return strip_numbering(normalize(text))


def _build() -> tuple[dict[str, Label], dict[str, Label], list[tuple[str, Label]]]:
    exact: dict[str, Label] = {}
    aliases: dict[str, Label] = {}

    def add(text: str, label: Label) -> None:
        exact.setdefault(_core(text), label)

    for fmt in FORMATS:
        for row in REQUEST_ROWS[fmt]:
            if row.key == "other":
                continue
            add(row.label, Label("row", row.key, _core(row.label)))
    add("（六）其他处理", Label("row", "other", _core("其他处理")))
    for group in ("（三）不予公开", "（四）无法提供", "（五）不予处理"):
        add(group, Label("group", _core(group), _core(group)))
    add("三、本年度办理结果", Label("context", "results", _core("本年度办理结果")))
    partial = Label("row", "partially_granted", _core(REQUEST_ROWS["2021"][3].label))
    aliases[_core("部分公开")] = partial
    aliases[_core("总计")] = Label("row", "total", _core("总计"))

    for fmt in FORMATS:
        for item in PROACTIVE_ITEMS[fmt]:
            add(item.label, Label("proactive", item.key, _core(item.label)))
    for group, text in APPEAL_GROUP_LABELS.items():
        add(text, Label("appeal_group", group, _core(text)))
    add("行政诉讼", Label("header", "litigation", _core("行政诉讼")))
    headers = [
        *COLUMN_LABELS.values(),
        "法人或其他组织",
        "申请人情况",
        "信息内容",
        *APPEAL_FIELD_LABELS.values(),
    ]
    for fmt in FORMATS:
        for item in PROACTIVE_ITEMS[fmt]:
            headers.extend(item.field_labels)
    headers += ["处理决定数量", "本年收费金额（单位：万元）", "采购总金额（万元）"]
    for text in headers:
        add(text, Label("header", _core(text), _core(text)))
    fuzzy = [(core, label) for core, label in exact.items() if len(core) >= 2]
    return exact, aliases, fuzzy


_EXACT, _ALIASES, _FUZZY = _build()
_CACHE: dict[str, Match | None] = {}
_CACHE_MAX = 20000


def match_label(text: str, allow_fuzzy: bool = True) -> Match | None:
    """The official label `text` stands for, or None."""
    key = text if allow_fuzzy else "\x00" + text
    hit = _CACHE.get(key, False)
    if hit is not False:
        return hit  # type: ignore[return-value]
    result = _match(text, allow_fuzzy)
    if len(_CACHE) > _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def _match(text: str, allow_fuzzy: bool) -> Match | None:
    core = _core(text)
    if not core:
        return None
    label = _EXACT.get(core)
    if label is not None:
        return Match(label, True, core)
    # A merged cell may carry the group and the row: "(三)不予公开1.属于国家秘密".
    parts = _INNER_NUMBERING.split(core)
    if len(parts) > 1 and parts[-1]:
        label = _EXACT.get(parts[-1])
        if label is not None:
            return Match(label, True, parts[-1])
        core = parts[-1]
    label = _ALIASES.get(core)
    if label is not None:
        return Match(label, False, core)
    if not allow_fuzzy or len(core) < 3 or len(core) > 80:
        return None
    return _fuzzy(core)


def _fuzzy(core: str) -> Match | None:
    chars = set(core)
    best: tuple[float, Label] | None = None
    second = 0.0
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(core)
    for official, label in _FUZZY:
        if (
            len(chars.intersection(official)) * 2
            < FUZZY_THRESHOLD * (len(core) + len(official)) - 2
        ):
            continue
        matcher.set_seq1(official)
        if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
            continue
        ratio = matcher.ratio()
        if best is None or ratio > best[0]:
            if best is not None and best[1] != label:
                second = max(second, best[0])
            best = (ratio, label)
        elif label != best[1]:
            second = max(second, ratio)
    if best is None or best[0] < FUZZY_THRESHOLD or best[0] - second < FUZZY_MARGIN:
        return None
    return Match(best[1], False, core)
