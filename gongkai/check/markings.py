"""Classification markings and internal-use notices (保密审查) in a text about to go out.

What counts as a marking, and what does not (decided here, once):

- **error** — a marking that only a classified or internal document carries:
  - a classification level with the star, with or without a term: "机密★10年",
    "秘密★1年", "绝密★长期", "★秘密", "工作秘密★" (GB/T 9704: 密级和保密期限);
  - a labelled level: "密级：秘密";
  - a notice standing alone on its line or in brackets: a line that is only "秘密",
    "机密", "绝密", "工作秘密", "内部资料", "内部资料 注意保存", "内部文件", "内部使用",
    "内部明电", "仅供内部参考"; "（内部资料）", "【内部使用】", "（此件不公开）";
  - a disclosure attribute that says the document is not public: "信息公开形式：不予公开",
    "公开属性：不公开", "此件不公开", "此件不予公开".
- **warning** — phrases of an internal notice inside a sentence: "不得外传", "严禁外传",
  "请勿外传", "仅供内部参考", "仅限内部使用", "内部资料，注意保存". A report describing its
  rules ("涉密文件不得外传") also uses them, so a person decides.
- **not flagged** — the legal categories and ordinary words: "国家秘密" ("1.属于国家秘密" is
  a row label of the national table), "工作秘密" and "商业秘密" in a sentence ("涉及工作秘密
  的信息"), "保密审查", "保密制度", "涉密", "机密性", "不宜公开", "不予公开" in a table label.
"""

from __future__ import annotations

import re

from gongkai.check.lines import Lines
from gongkai.findings import Finding

CODE = "secret.marking"

_LEVEL = r"(?:工作)?(?:绝密|机密|秘密)"
_TERM = r"(?:\s*(?:\d+|[一二三四五六七八九十]+)\s*(?:年|个月)|\s*长期)?"
_STANDALONE = (
    r"绝密|机密|秘密|工作秘密|内部资料|内部文件|内部材料|内部使用|内部明电|内部参考"
    r"|仅供内部参考|仅限内部使用|内部资料[ ，,、]*注意保存|注意保存|此件不公开|此件不予公开"
)

_INLINE_ERRORS = "|".join(
    [
        rf"{_LEVEL}\s*[★☆]{_TERM}",
        rf"[★☆]\s*{_LEVEL}(?:\s*[★☆])?{_TERM}",
        r"密级\s*[:：]\s*(?:绝密|机密|秘密|内部)",
        r"(?:信息公开(?:形式|属性|方式|选项)|公开(?:形式|属性|方式))\s*[:：]\s*(?:不予公开|不公开)",
        r"此件不予?公开",
        rf"[（(【\[]\s*(?:{_STANDALONE})\s*[）)】\]]",
    ]
)
# A short line is searched whole, standalone markings included; a long line (prose) only
# around its anchors, where a standalone marking cannot be.
_ERROR_RE = re.compile(_INLINE_ERRORS + rf"|^[ \t*#>]*(?:{_STANDALONE})[ \t*]*$")
_INLINE_ERROR_RE = re.compile(_INLINE_ERRORS)
_SHORT_LINE = 60
_AROUND = 30
_WARNING_RE = re.compile(
    r"不得外传|严禁外传|请勿外传|不准外传|仅供内部参考|仅限内部使用|仅供内部使用"
    r"|内部资料[ ，,、]*注意保存"
)


# Every marking contains one of these; only the lines holding one are searched with the
# (slow) full patterns, which keeps the check fast on long texts.
_ANCHORS = tuple(
    re.compile(a) for a in ("密", "内部", "外传", "此件", "不予公开", "不公开", "注意保存")
)


def marking_findings(text: str) -> list[Finding]:
    found: list[Finding] = []
    for start, end, whole_line in _windows(text):
        found += _window_findings(text, start, end, whole_line)
    return found


def _windows(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, whole line?) of the text to search: short lines holding an anchor,
    and the stretches of long lines around their anchors (merged when they overlap)."""
    spans: set[tuple[int, int, bool]] = set()
    lines: Lines | None = None
    for anchor in _ANCHORS:
        for m in anchor.finditer(text):
            if lines is None:
                lines = Lines(text)
            line_start, line_end = lines.bounds(lines.index(m.start()))
            if line_end - line_start <= _SHORT_LINE:
                spans.add((line_start, line_end, True))
            else:
                lo, hi = max(line_start, m.start() - _AROUND), min(line_end, m.end() + _AROUND)
                spans.add((lo, hi, False))
    merged: list[tuple[int, int, bool]] = []
    for start, end, whole in sorted(spans):
        if merged and not whole and not merged[-1][2] and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), False)
        else:
            merged.append((start, end, whole))
    return merged


def _window_findings(text: str, start: int, end: int, whole_line: bool) -> list[Finding]:
    window = text[start:end]
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    pattern = _ERROR_RE if whole_line else _INLINE_ERROR_RE
    for m in pattern.finditer(window):
        s, e = _trim(text, m.start() + start, m.end() + start)
        taken.append((s, e))
        found.append(
            Finding(
                code=CODE,
                severity="error",
                message=f"密级或内部资料标志“{text[s:e]}”：涉密或内部文件不得公开，"
                "请经保密审查确认后删除标志或停止发布",
                where="text",
                start=s,
                end=e,
                text=text[s:e],
            )
        )
    for m in _WARNING_RE.finditer(window):
        s, e = m.start() + start, m.end() + start
        if any(ts <= s < te for ts, te in taken):
            continue
        found.append(
            Finding(
                code=CODE,
                severity="warning",
                message=f"“{m.group()}”：疑似内部资料的限制性标注，请确认该内容可以公开",
                where="text",
                start=s,
                end=e,
                text=m.group(),
            )
        )
    return found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave out the line's indentation and Markdown decoration around a standalone marking."""
    while start < end and text[start] in " \t*#>":
        start += 1
    while end > start and text[end - 1] in " \t*":
        end -= 1
    return start, end
