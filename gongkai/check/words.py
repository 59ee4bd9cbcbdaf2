"""Flagged wording (错敏词) from editable word lists kept as data.

A word list is a UTF-8 CSV file with a header row and these columns:

    word,suggestion,severity,note,source,valid_from

- `word`: the text to flag, matched exactly (no regular expressions);
- `suggestion`: what to write instead (may be empty: then the word is to be removed
  or rephrased, and `note` says why);
- `severity`: `error`, `warning` or `info`;
- `note`: why, in Chinese (shown to the user in the finding's message);
- `source`: where the rule comes from (an announcement, a standard, a dictionary);
- `valid_from`: `YYYY-MM-DD` or empty: from that day on the word is flagged (a renamed
  disease or agency); before it, the old word was right and is left alone.

The shared list is `gongkai/check/data/words.csv`; an agency adds its own file in the
same format (`gongkai check --words FILE`, `WordList.load(path).merged(...)`). When both
lists have the same word, the later list wins. Matching is one Aho-Corasick pass
(ahocorasick-rs) over the text, leftmost-longest, so tens of thousands of entries cost
about as much as ten.

Why ahocorasick-rs and not pyahocorasick (used until issue 6): on a 50,000-entry list it
scans report text at 100–145 MB/s against 40–57 MB/s for pyahocorasick over the text's
UTF-8 bytes (over characters pyahocorasick made 0.1–0.3 MB/s: it looks up a node's
children one by one, and with Chinese words the root has thousands), it gives character
offsets directly, and pyahocorasick's `iter_long` misses words: with the entries "台帐"
and "建立台帐管理制度", "要建立台帐" got no finding (a longer entry's prefix ran to the end
of the text; in the middle of a text it could drop a word the same way).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import ahocorasick_rs

from gongkai.findings import SEVERITIES, Finding, Severity
from gongkai.oserrors import os_error_reason

COLUMNS = ("word", "suggestion", "severity", "note", "source", "valid_from")


@dataclass(frozen=True)
class WordEntry:
    word: str
    suggestion: str
    severity: Severity
    note: str = ""
    source: str = ""
    valid_from: date | None = None

    def __post_init__(self) -> None:
        if not self.word:
            raise ValueError("词表中要检查的词不能为空")

    def applies(self, year: int | None, published_on: date | None) -> bool:
        """Whether a text of `year` going out on `published_on` should avoid the word."""
        if self.valid_from is None:
            return True
        if published_on is not None:
            return published_on >= self.valid_from
        # Without a date, only a text about a later year is certainly after the change.
        return year is not None and year > self.valid_from.year


@dataclass(frozen=True)
class WordList:
    """Entries by word; the automaton is built once, on first use."""

    entries: tuple[WordEntry, ...] = ()
    _automaton: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        seen: dict[str, WordEntry] = {}
        for entry in self.entries:
            seen[entry.word] = entry  # the later entry wins
        object.__setattr__(self, "entries", tuple(seen.values()))

    @classmethod
    def load(cls, path: str | Path) -> WordList:
        """Read a word list file; raise ValueError with a Chinese message on bad content."""
        try:
            content = Path(path).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise ValueError(f"无法读取词表文件 {path}：{os_error_reason(exc)}") from exc
        except UnicodeDecodeError as exc:
            raise ValueError(f"无法读取词表文件 {path}：不是 UTF-8 编码的文本") from exc
        return cls.parse(content, source=str(path))

    @classmethod
    def parse(cls, content: str, source: str = "词表") -> WordList:
        reader = csv.reader(io.StringIO(content))
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != COLUMNS:
            raise ValueError(f"{source}：第 1 行应为表头 {','.join(COLUMNS)}")
        entries = []
        for line_no, row in enumerate(reader, start=2):
            if not row or not any(cell.strip() for cell in row) or row[0].startswith("#"):
                continue
            entries.append(_entry(row, source, line_no))
        return cls(tuple(entries))

    def merged(self, *others: WordList) -> WordList:
        entries = list(self.entries)
        for other in others:
            entries += other.entries
        return WordList(tuple(entries))

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def automaton(self) -> Any:
        if self._automaton is None:
            automaton = ahocorasick_rs.AhoCorasick(
                (entry.word for entry in self.entries),
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            )
            object.__setattr__(self, "_automaton", automaton)
        return self._automaton

    def findings(self, text: str, year: int | None, published_on: date | None) -> list[Finding]:
        """`wording.flagged` findings for every applicable word in `text`."""
        if not self.entries:
            return []
        found = []
        for index, start, end in self.automaton.find_matches_as_indexes(text):
            entry = self.entries[index]
            if entry.applies(year, published_on):
                found.append(_finding(entry, start, end))
        return found


def _finding(entry: WordEntry, start: int, end: int) -> Finding:
    if entry.suggestion:
        message = f"“{entry.word}”应为“{entry.suggestion}”"
    else:
        message = f"“{entry.word}”不宜使用"
    if entry.note:
        message += f"：{entry.note}"
    if entry.source:
        message += f"（依据：{entry.source}）"
    return Finding(
        code="wording.flagged",
        severity=entry.severity,
        message=message,
        where="text",
        start=start,
        end=end,
        text=entry.word,
        suggestion=entry.suggestion or None,
    )


def _entry(row: list[str], source: str, line_no: int) -> WordEntry:
    cells = [c.strip() for c in row] + [""] * (len(COLUMNS) - len(row))
    if len(row) > len(COLUMNS):
        raise ValueError(f"{source}：第 {line_no} 行有 {len(row)} 列，应为 {len(COLUMNS)} 列")
    word, suggestion, severity, note, src, valid_from = cells[: len(COLUMNS)]
    if not word:
        raise ValueError(f"{source}：第 {line_no} 行缺少要检查的词")
    if word == suggestion:
        raise ValueError(f"{source}：第 {line_no} 行的建议用词与原词相同：{word}")
    if severity not in SEVERITIES:
        raise ValueError(
            f"{source}：第 {line_no} 行的级别“{severity}”无效，应为 error、warning 或 info"
        )
    when = None
    if valid_from:
        try:
            when = date.fromisoformat(valid_from)
        except ValueError:
            raise ValueError(
                f"{source}：第 {line_no} 行的生效日期“{valid_from}”无效，应为 YYYY-MM-DD"
            ) from None
    return WordEntry(word, suggestion, cast(Severity, severity), note, src, when)


@cache
def shared_words() -> WordList:
    """The shared list shipped with gongkai (`gongkai/check/data/words.csv`)."""
    content = resources.files("gongkai.check").joinpath("data/words.csv").read_text("utf-8")
    return WordList.parse(content, source="gongkai/check/data/words.csv")
