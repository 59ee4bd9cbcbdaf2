"""Archived text: a report saved with every whitespace removed, labels and figures run together.

Web archives and crawlers keep a report page as a header of `key: value` lines (标题,
发布时间, 文号 …), a separator line, and the article body on one line with every tab,
space and line break gone:

    …一、本年新收政府信息公开申请数量640020470二、上年结转政府信息公开申请数量0000000…

Such a line is cut back into lines the reader knows: the six section headings, prose
sentences, and one table row per fixed national label, whose figures stay one run of
characters ("640020470") marked `run`. The run is split later, by the solver, into
exactly as many figures as the row has cells, keeping only the splits the
reconciliation rules allow (gongkai.report.read.solve.exact_splits); a cell is filled
only where one value remains. Framework-free.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from gongkai.report.read.labels import _ALIASES, _EXACT, Match, match_label, normalize
from gongkai.report.read.lines import Line

# ---------------------------------------------------------------- the archive header
HEADER_KEYS = frozenset(
    {
        "标题",
        "题目",
        "名称",
        "发布时间",
        "发布日期",
        "成文日期",
        "日期",
        "时间",
        "文号",
        "发文字号",
        "发布机构",
        "发文机关",
        "发布单位",
        "来源",
        "原文链接",
        "链接",
        "网址",
        "索引号",
        "主题分类",
        "分类",
        "关键词",
        "作者",
        "采集时间",
        "url",
        "URL",
        "source",
        "title",
    }
)
_HEADER_LINE = re.compile(r"^\s*([^\s:：]{1,8})\s*[:：]")
_SEPARATOR = re.compile(r"^\s*[-=_*—~#─]{3,}\s*$")


def header_key(line: str) -> str | None:
    """The key of an archive header line ("标题:…" -> "标题"), else None."""
    m = _HEADER_LINE.match(line)
    if m is None or m.group(1) not in HEADER_KEYS:
        return None
    return m.group(1)


def is_separator(line: str) -> bool:
    return _SEPARATOR.match(line) is not None


# ---------------------------------------------------------------- run-together lines
# A table 三 label directly followed by its row's figures: at least seven digits run
# together (a row has seven cells), or pipes then a figure (a markdown table). Prose that
# says "本年新收政府信息公开申请数量21件" is not a table row.
_RUN_MARK = re.compile(
    r"(?:申请数量|予以公开|继续办理|总计|国家秘密|内部事务信息|过程性信息)"
    r"(?:[0-9０-９]{7}|[|｜]+[0-9０-９])"
)
RUN_MIN_LENGTH = 200
_INLINE_HEADINGS = (
    "、总体情况",
    "、主动公开政府信息情况",
    "、收到和处理政府信息公开申请情况",
    "行政复议、行政诉讼情况",
    "、存在的主要问题及改进情况",
    "、其他需要报告的事项",
)


def is_run_together(line: str) -> bool:
    """A long line without tabs whose table labels run straight into their figures."""
    if len(line) < RUN_MIN_LENGTH or "\t" in line:
        return False
    marks = _RUN_MARK.finditer(line)
    if next(marks, None) is not None and next(marks, None) is not None:
        return True
    # A body without figures (a blank template) still runs its section headings together.
    return sum(heading in line for heading in _INLINE_HEADINGS) >= 3


# Full-width ASCII to half-width, one character for one (offsets stay valid).
_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_HALF[0x3000] = 0x20

_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HEADING_START = re.compile(r"[一二三四五六]、")
_HEADING_END = re.compile(r"情况|事项")
_NUMERAL = "一二三四五六"
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_UNITS = ("万元", "元")
_COUNT_UNITS = frozenset("件条个项次人份%％")
_SEPARATOR_CHARS = frozenset("|-—–/／+")
_PLACEHOLDERS = frozenset({"-", "—", "–", "/", "／", "——", "--", "无"})
# Where the tables of a section start: their headers and first labels.
_TABLE_MARKERS = (
    "第二十条第",
    "信息内容",
    "申请人情况",
    "本列数据",
    "本年新收政府信息公开申请数量",
    "行政复议行政诉讼",
    "结果维持",
)
_NUMBERING_SPLIT = re.compile(
    r"(?:\d[.、]|\([一二三四五六七八九十\d]{1,2}\)|[一二三四五六七八九十]+、)"
)
_TITLE_END = re.compile(r"报告")
_KINDS = {
    "requests": frozenset({"row"}),
    "proactive": frozenset({"proactive"}),
    "appeals": frozenset({"appeal_group"}),
}
_ANY_KIND = frozenset({"row", "proactive", "appeal_group"})
_FORMAT_MARKERS = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
)
Emit = Callable[[str, list[str], bool, bool], None]


def archive_lines(text: str, index: int) -> list[Line]:
    """The lines a run-together body stands for (headings, prose, table rows)."""
    from gongkai.report.read.meta import heading_key

    printed = _BR.sub("", text)  # "结果<br>维持" in a markdown cell
    s = printed.translate(_HALF)  # for matching; prose is cut from `printed` (same offsets)
    out: list[Line] = []
    counter = [index * 100_000]

    def emit(line_text: str, cells: list[str], table: bool, run: bool) -> None:
        counter[0] += 1
        out.append(Line(counter[0], line_text, cells, table, run))

    headings = _headings(s, heading_key)
    start = 0
    section: str | None = None
    for h_start, h_end, key in [*headings, (len(s), len(s), None)]:
        _segment(s[start:h_start], printed[start:h_start], section, emit, first=start == 0)
        if key is not None:
            emit(printed[h_start:h_end], [printed[h_start:h_end]], False, False)
        start, section = h_end, key
    return out


def _headings(s: str, heading_key: Callable[[str], str | None]) -> list[tuple[int, int, str]]:
    """The six section headings, in order, each once: (start, end, section key)."""
    found: list[tuple[int, int, str]] = []
    last = -1
    keys: set[str] = set()
    for m in _HEADING_START.finditer(s):
        numeral = _NUMERAL.index(m.group()[0])
        if numeral <= last:
            continue
        window = s[m.end() : m.end() + 30]
        for end in _HEADING_END.finditer(window):
            heading = s[m.start() : m.end() + end.end()]
            key = heading_key(heading)
            if key is not None and key not in keys:
                found.append((m.start(), m.end() + end.end(), key))
                keys.add(key)
                last = numeral
                break
    return found


def _segment(seg: str, printed: str, section: str | None, emit: Emit, first: bool) -> None:
    """One section's body: prose before its tables, the rows, prose after them.

    `seg` is matched (full-width forms made half-width); `printed` is the same text as
    printed, cut at the same offsets for the prose.
    """
    if not seg:
        return
    zone = _zone_start(seg, section)
    rows = _rows(seg, zone, section) if zone is not None else []
    if zone is None:
        _prose(printed, emit, first)
        return
    before = printed[:zone]
    if "|" in before:
        before = before[: before.index("|")]  # a markdown table's header row starts here
    _prose(before.rstrip("（("), emit, first)
    if not rows:
        return  # a table printed without figures (a blank template): no prose in it
    votes = [m for m in _FORMAT_MARKERS if m in seg[zone : rows[-1].end]]
    if votes:
        emit("\t".join(votes), votes, True, False)
    for row in rows:
        figures = seg[row.start : row.end]
        cells = [c for c in figures.split("|") if c] if row.explicit else [figures]
        if row.label:
            cells = [row.label, *cells]
        emit("\t".join(cells), cells, True, not row.explicit)
    _prose(printed[rows[-1].end :], emit, False)


def _zone_start(seg: str, section: str | None) -> int | None:
    if section not in (None, "proactive", "requests", "appeals"):
        return None
    found = [i for i in (seg.find(m) for m in _TABLE_MARKERS) if i >= 0]
    return min(found) if found else None


def _prose(text: str, emit: Emit, first: bool) -> None:
    """Prose as sentences; the title, when the body opens with it, as a line of its own."""
    text = text.strip("|")
    if not text:
        return
    if first:
        from gongkai.report.read.meta import _TITLE

        m = _TITLE.search(text[:120])
        if m is not None:
            end = m.end()
            emit(text[:end], [text[:end]], False, False)
            text = text[end:]
    for sentence in re.split(r"(?<=。)", text):
        if sentence:
            emit(sentence, [sentence], False, False)


@dataclass(slots=True)
class _Row:
    label_start: int
    label: str  # the label cell ("" for 表四's data row)
    start: int  # the figures, seg[start:end]
    end: int
    explicit: bool  # pipe-separated cells (a markdown table), not one run


def _rows(seg: str, zone: int, section: str | None) -> list[_Row]:
    """Each table row of the zone: a label, then its figures up to the next label."""
    kinds = _KINDS.get(section or "", _ANY_KIND)
    rows: list[_Row] = []
    current: _Row | None = None
    prev_end = zone
    for a, b in _runs(seg, zone):
        chunk = seg[prev_end:a]
        if seg[b : b + 1] in _COUNT_UNITS:
            # "受理申请21件": a figure of the prose, not of a table row
            if current is not None:
                current = None
            prev_end = b
            continue
        if current is not None and _is_figure_separator(chunk):
            current.end = b
        else:
            found = _tail_label(chunk, kinds)
            current = None
            if found is not None:
                printed, length = found
                current = _Row(a - length, printed, a, b, chunk.endswith("|"))
                rows.append(current)
        prev_end = b
        if current is not None:
            unit = _unit_after(seg, b)
            current.end = prev_end = b + len(unit)
    return rows


def _runs(seg: str, zone: int) -> list[tuple[int, int]]:
    """Figure runs from `zone` on; numbering ("2." before a label, "(2)") left to the labels."""
    out: list[tuple[int, int]] = []
    n = len(seg)
    for m in _DIGITS.finditer(seg, zone):
        a, b = m.span()
        if a > 0 and seg[a - 1] == "(" and b < n and seg[b] == ")":
            continue
        if "." not in m.group() and b + 1 < n and seg[b] in ".、" and not seg[b + 1].isdigit():
            b -= 1  # "00000002.其他法律…": the 2 numbers the next label
            if b == a:
                continue
        out.append((a, b))
    return out


def _unit_after(seg: str, end: int) -> str:
    for unit in _UNITS:
        if seg.startswith(unit, end):
            return unit
    return ""


def _is_figure_separator(chunk: str) -> bool:
    """Between two runs of one row: nothing, pipes, a sign or a placeholder."""
    return all(c in _SEPARATOR_CHARS for c in chunk) or chunk.strip("|") in _PLACEHOLDERS


def _tail_label(chunk: str, kinds: frozenset[str]) -> tuple[str, int] | None:
    """The official label `chunk` ends with: (the label cell to print, chars it takes)."""
    text = chunk.rstrip("|")
    if not text:
        return None
    core = normalize(text)
    if "结果维持" in core and core.endswith("总计"):
        return "", len(text) - text.rfind("总计")
    for length in _label_lengths():
        if length > len(core):
            continue
        tail = core[-length:]
        label = _EXACT.get(tail) or _ALIASES.get(tail)
        if label is not None:
            if label.kind in kinds:
                return tail, _raw_length(text, tail)
            if label.kind in ("group", "context", "header"):
                return None
    tail = _NUMBERING_SPLIT.split(core)[-1]
    if 3 <= len(tail) <= 40:
        m: Match | None = match_label(tail, allow_fuzzy=True)
        if m is not None and m.label.kind in kinds:
            return tail, _raw_length(text, tail)
    return None


def _raw_length(text: str, tail: str) -> int:
    """How many characters of `text` (as printed) the normalised `tail` covers, at least."""
    return min(len(text), len(tail))


@cache
def _label_lengths() -> tuple[int, ...]:
    lengths = {len(k) for k in _EXACT} | {len(k) for k in _ALIASES}
    return tuple(sorted(lengths, reverse=True))
