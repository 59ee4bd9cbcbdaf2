"""What a report says about itself: title, agency, year evidence, date, section headings."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from gongkai.findings import Finding
from gongkai.report.read.lines import Line

YEAR = r"((?:19|20)\d{2})"
_TITLE = re.compile(
    YEAR + r"\s*年度?\s*(?:的\s*)?(?:政府信息公开|政务公开|信息公开|政府信息)[^。，,；]{0,16}?报告"
)
_PERIOD = re.compile(r"统计[^。；\n]{0,24}?" + YEAR + r"\s*年\s*0?1\s*月\s*0?1\s*日")
# A year followed by 年 (not "2023年度政府信息公开…"); body_years keeps those opening a
# sentence. The spaces allowed never cross a line, as if the text were cut into sentences.
_YEAR_NIAN = re.compile(YEAR + r"[^\S\n]*年(?![^\S\n]*度?[^\S\n]*(?:政府信息公开|工作年度报告))")
_SENTENCE_ENDS = frozenset("。！？!?；;\n")
_SENTENCE_LEAD = frozenset("*#>")  # markdown before a sentence's first word
_DATE_LINE = re.compile(
    r"^[\s*#（(]*" + YEAR + r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[\s*）)]*$"
)
_DATE_LABELLED = re.compile(
    r"(?:发布|印发|成文|公开)(?:日期|时间)\s*[:：]\s*"
    + YEAR
    + r"\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})"
)
_MARKUP = re.compile(r"^[#>\s]+|\*\*|__")
_MARKUP_START = frozenset("#>")  # after whitespace, which strip() takes
_AGENCY_JUNK = re.compile(r"[\s\u3000*#《》“”\"]|^关于|关于$|的$")
_HEADING = re.compile(r"^([一二三四五六七八])\s*[、.．,，]\s*(.{2,40})$")
# Keywords of the six sections, most specific first (2019 headings vary more).
_SECTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("appeals", ("行政复议", "行政诉讼")),
    ("overview", ("总体情况", "基本情况", "概述")),
    ("proactive", ("主动公开",)),
    ("requests", ("收到和处理", "依申请", "申请情况", "申请公开")),
    ("problems", ("存在的主要问题", "主要问题", "存在问题", "问题及改进", "改进情况")),
    ("other", ("其他需要报告", "需要说明", "其他事项", "其他需要")),
)
TITLE_SCAN = 40
# An archive's header line "标题: …": the key is never part of the title or the agency.
_HEADER_KEY = re.compile(r"^\ufeff?(?:标题|题目|名称|文章标题|title)\s*[:：]\s*", re.IGNORECASE)
_NUMERALS = frozenset("一二三四五六七八")  # title within the first prose lines
# An archive's header line naming who published the page (archive.HEADER_KEYS).
_PUBLISHER_KEY = re.compile(r"^\ufeff?(?:发布机构|发文机关|发布单位)\s*[:：]\s*")
# How an agency's name ends: 局 委 办 院 政府 委员会 中心 厅 部 署 会 所 站 队 处 室 …
_AGENCY_ENDS = tuple("局委办院府会心厅部署所站队处室司馆社团组区")
_PLACEHOLDER_NAMES = ("某", "XX", "xx", "××", "＊＊")  # 某局, 某某县人民政府办公室
# A document number: 发文字号 〔2021〕9号, [2021]9号, （2021）9号 (its 代字 stays before it).
_DOC_NUMBER = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d*\s*号?")
# What ends a letterhead: "文件", or a document number.
_LETTERHEAD = re.compile("文件|" + _DOC_NUMBER.pattern)
_LETTERHEAD_CHARS = frozenset("文〕]］】)）")  # one of them in any letterhead or number
# What a heading line may start with: its numeral, or markdown before it.
HEADING_START = frozenset("一二三四五六七八#*> \t")


def clean(text: str) -> str:
    """A prose line without markdown decoration."""
    stripped = text.strip()
    if "*" not in text and "_" not in text and stripped[:1] not in _MARKUP_START:
        return stripped
    return _MARKUP.sub("", text).strip()


@lru_cache(maxsize=8192)
def heading_key(line: str) -> str | None:
    """The section a heading line opens ("一、总体情况" -> "overview"), else None."""
    if line.lstrip("#*> \t")[:1] not in _NUMERALS:
        return None
    text = clean(line)
    if len(text) > 44:
        return None
    m = _HEADING.match(text)
    if m is None:
        return None
    body = m.group(2)
    for key, words in _SECTION_WORDS:
        if any(w in body for w in words):
            return key
    return None


_HEADING_FUZZY = 0.78  # as close as a misprint, not another wording


@lru_cache(maxsize=4096)
def heading_deviation(line: str, key: str) -> Finding | None:
    """`label.nonstandard` for a misprinted section heading ("行政法复议"), else None.

    Only headings close to the official wording are flagged: 2019-era reports word some
    headings differently on purpose, which is not a misprint.
    """
    from difflib import SequenceMatcher

    from gongkai.report.model import SECTION_TITLES
    from gongkai.report.read.labels import normalize

    official = SECTION_TITLES.get(key)
    if official is None:
        return None
    printed = normalize(clean(line))
    wanted = normalize(official)
    if printed[1:] == wanted[1:] or printed[2:] == wanted[2:]:
        return None  # the numbering's punctuation ("四." for "四、") is not the wording
    if SequenceMatcher(None, printed[2:], wanted[2:]).ratio() < _HEADING_FUZZY:
        return None
    shown = clean(line)
    return Finding(
        "label.nonstandard",
        "warning",
        f"章节标题“{shown}”与官方表述“{official}”不一致。",
        where=f"text.{key}",
        text=shown,
        suggestion=official,
    )


def find_title(prose: list[Line]) -> tuple[str | None, str | None, int | None, int | None]:
    """(title, agency, title year, index of the title line in `prose`).

    The agency is the one the title names. An archive header's 标题 without it
    ("标题:2024年政府信息公开工作年度报告") gives way to the body's own title of the same
    year; when no title names the agency, the header's 发布机构 does, if it is an agency's
    name. (The publisher comes last: it is often the office that compiles the report of
    its government, "淮安市洪泽区人民政府办公室" for "淮安市洪泽区人民政府".)
    """
    found: tuple[str, str, int, int] | None = None  # a title that names no agency
    publisher = ""
    for pos, line in enumerate(prose[:TITLE_SCAN]):
        text = clean(line.text)
        header = None
        if ":" in text or "：" in text:
            publisher_key = _PUBLISHER_KEY.match(text)
            if publisher_key is not None:
                publisher = publisher or _publisher(text[publisher_key.end() :])
                continue
            header = _HEADER_KEY.match(text)
            if header is not None:
                text = text[header.end() :]
        if len(text) > 80:
            continue
        m = _TITLE.search(text)
        if m is None:
            continue
        year = int(m.group(1))
        agency, start = _agency_in(text[: m.start()])
        title = text[start:]
        if not agency and pos > 0:
            prev = clean(prose[pos - 1].text)
            if _looks_like_agency(prev):
                agency = _agency(prev)
                title = f"{prev} {text}"
        if agency:
            if found is None or found[2] == year:
                return title, agency, year, pos
            break  # another year's title: not the same document's
        if found is None:
            found = (title, "", year, pos)
        if header is None:
            break  # the body's title names no agency either
    if found is None:
        return None, publisher or None, None, None
    title, _, year, pos = found
    return title, publisher or None, year, pos


def _agency(text: str) -> str:
    return _AGENCY_JUNK.sub("", _AGENCY_JUNK.sub("", text))


def _agency_in(text: str) -> tuple[str, int]:
    """The agency a title names before its year, and where in `text` the title starts.

    A letterhead ("漳平市卫生健康局文件") and a document number ("漳卫〔2021〕9号") that
    run into the title (archived text keeps no line break between them) are no part of
    the name: the name after the last of them is kept, else the letterhead's, once.
    """
    if ":" in text or "：" in text:  # after a key no reader knows ("文章名:"): never the name
        cut = max(text.rfind(":"), text.rfind("：")) + 1
        name, start = _agency_in(text[cut:])
        return name, start + cut
    if not _LETTERHEAD_CHARS.isdisjoint(text):
        parts = list(_LETTERHEAD.finditer(text))
        if parts:
            start = parts[-1].end()
            name = _agency(text[start:])
            if not name:  # "…文件漳卫〔2021〕9号关于2020年度…": the letterhead names it
                head = text[: parts[0].start()]
                if parts[0].group().startswith(tuple("〔[［【(（")):
                    # No "文件": a document number's 代字 (洪政办, 漳卫) ends the head; the
                    # name ends before it (at least two characters long).
                    head = head[:-2]
                cut = max(head.rfind(end) for end in _AGENCY_ENDS) + 1
                name, start = _agency(head[:cut]), 0
                if not _is_agency_name(name):
                    return "", 0
            return _once(name), start
    return _once(_agency(text)), 0


def _once(name: str) -> str:
    """A name printed twice in a row ("漳平市卫生健康局漳平市卫生健康局") once."""
    half = len(name) // 2
    return name[:half] if half and name[:half] == name[half:] else name


def _publisher(value: str) -> str:
    """The header's 发布机构, when it is an agency's name; else ""."""
    name = _agency(value)
    return name if _is_agency_name(name) else ""


def _is_agency_name(name: str) -> bool:
    return (
        _looks_like_agency(name)
        and name.endswith(_AGENCY_ENDS)
        and not any(p in name for p in _PLACEHOLDER_NAMES)
    )


def _looks_like_agency(text: str) -> bool:
    return (
        2 <= len(text) <= 30
        and not any(ch in text for ch in "，。：:；〔〕[]")
        and not text.endswith("文件")
        and not any(ch.isdigit() for ch in text)
        and any("\u4e00" <= ch <= "\u9fff" for ch in text)  # not a separator line "-----"
    )


def period_year(text: str) -> int | None:
    m = _PERIOD.search(text)
    return int(m.group(1)) if m else None


def body_years(prose: str) -> list[int]:
    """Years opening sentences ("2023年，我委…"), distinct, in order of appearance."""
    years: list[int] = []
    for m in _YEAR_NIAN.finditer(prose):
        if _opens_sentence(prose, m.start()):
            year = int(m.group(1))
            if year not in years:
                years.append(year)
    return years


def _opens_sentence(text: str, at: int) -> bool:
    """Whether only spaces and markdown marks stand between `at` and the sentence's start."""
    at -= 1
    while at >= 0 and text[at] != "\n" and (text[at] in _SENTENCE_LEAD or text[at].isspace()):
        at -= 1
    return at < 0 or text[at] in _SENTENCE_ENDS


def published_on(prose: list[Line]) -> str | None:
    """The date printed as a line of its own (or labelled 发布日期), ISO."""
    for line in prose:
        text = line.text
        if "日" not in text and "时间" not in text:
            continue  # neither a date line ("…日") nor a labelled one ("发布日期/时间：")
        if len(text) > 40 and "日期" not in text and "时间" not in text:
            continue
        m = _DATE_LINE.match(text) or _DATE_LABELLED.search(text)
        if m is None:
            continue
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return None
