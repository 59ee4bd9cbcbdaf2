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
(pyahocorasick) over the text, leftmost-longest, so tens of thousands of entries cost
about as much as ten.

The automaton runs over the UTF-8 bytes of the text (each byte one character of a
latin-1 string), not over its characters: pyahocorasick looks up a node's children one
by one, and with Chinese words the root has thousands of them — matching characters
was 50 to 100 times slower than matching bytes (0.1–0.3 MB/s against 4–17 MB/s for
50,000 entries, benchmarks/bench_check.py). Offsets are turned back into characters.
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

import ahocorasick

from gongkai.findings import SEVERITIES, Finding, Severity

COLUMNS = ("word", "suggestion", "severity", "note", "source", "valid_from")


@dataclass(frozen=True)
class WordEntry:
    word: str
    suggestion: str
    severity: Severity
    note: str = ""
    source: str = ""
    valid_from: date | None = None

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
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"无法读取词表文件 {path}：{exc}") from exc
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
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for index, entry in enumerate(self.entries):
                automaton.add_word(_as_bytes(entry.word), index)
            if len(self.entries):
                automaton.make_automaton()
            object.__setattr__(self, "_automaton", automaton)
        return self._automaton

    def findings(self, text: str, year: int | None, published_on: date | None) -> list[Finding]:
        """`wording.flagged` findings for every applicable word in `text`."""
        if not self.entries:
            return []
        found = []
        raw = text.encode("utf-8")
        ascii_only = len(raw) == len(text)
        char_at, byte_at = 0, 0  # a known pair of offsets, moving forward
        for last, index in self.automaton.iter_long(raw.decode("latin-1")):
            entry = self.entries[index]
            if not entry.applies(year, published_on):
                continue
            byte_start = last + 1 - len(entry.word.encode("utf-8"))
            if ascii_only:
                start = byte_start
            else:
                char_at += len(raw[byte_at:byte_start].decode("utf-8"))
                byte_at = byte_start
                start = char_at
            found.append(_finding(entry, start, start + len(entry.word)))
        return found


def _as_bytes(word: str) -> str:
    """The UTF-8 bytes of `word` as a latin-1 string: the automaton's alphabet."""
    return word.encode("utf-8").decode("latin-1")


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
