"""The check before publishing on files and folders: what `gongkai check` does, for Python users.

    from gongkai.check.files import check_files, checked_json

    results = check_files(["drafts/"], allowed_phones=("0597-7532449",))
    print(checked_json(results))

Each file's year comes from its title unless `year` is given; an annual report's
publishing date defaults to 1 January of the next year. Files with the same year and
date are checked together (`check_texts` keeps a large word list in the processor's
cache). A file that cannot be read is a result with its `problem`, never an exception.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gongkai.check import CheckOptions, WordList, check_texts, shared_words
from gongkai.check.title import annual_report_published_on, is_annual_report, title_year
from gongkai.findings import Finding

CHECK_SUFFIXES = frozenset(
    {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"}
)
BATCH = 64


@dataclass
class CheckedFile:
    """One file checked: its text and findings, or why it could not be read."""

    path: str
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    year: int | None = None
    problem: str | None = None  # Chinese: why the file could not be read

    def to_json(self) -> dict[str, Any]:
        """`gongkai check --json`'s object: path, findings (and error)."""
        out: dict[str, Any] = {
            "path": self.path,
            "findings": [f.to_text_json() for f in self.findings],
        }
        if self.problem:
            out["error"] = self.problem
        return out


def check_files(
    paths: Iterable[str | Path],
    *,
    year: int | None = None,
    published_on: date | None = None,
    allowed_phones: Sequence[str] = (),
    allowed_emails: Sequence[str] = (),
    words: WordList | None = None,
    previous: str | None = None,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> list[CheckedFile]:
    """Check every file (folders walked, in name order); results in file order."""
    from gongkai.documents import extract_text
    from gongkai.report.batch import report_files, unreadable_message
    from gongkai.report.read_result import UnreadableDocument

    files = report_files(paths, CHECK_SUFFIXES)
    results = []
    for path in progress(files) if progress is not None else files:
        item = CheckedFile(str(path))
        try:
            item.text = extract_text(path)
        except UnreadableDocument as exc:
            item.problem = unreadable_message(path, exc)
        results.append(item)

    groups: dict[tuple[int | None, date | None], list[CheckedFile]] = {}
    for item in results:
        if item.problem:
            continue
        item.year = year if year is not None else title_year(item.text)
        on = published_on
        if on is None and item.year is not None and is_annual_report(item.text):
            on = annual_report_published_on(item.year)
        groups.setdefault((item.year, on), []).append(item)
    for (item_year, on), items in groups.items():
        options = CheckOptions(
            year=item_year,
            published_on=on,
            allowed_phones=tuple(allowed_phones),
            allowed_emails=tuple(allowed_emails),
            words=words if words is not None else shared_words(),
            previous=previous,
        )
        for i in range(0, len(items), BATCH):
            batch = items[i : i + BATCH]
            found = check_texts([b.text for b in batch], options)
            for item, findings in zip(batch, found, strict=True):
                item.findings = findings
    return results


def checked_json(results: Iterable[CheckedFile]) -> str:
    """The JSON document `gongkai check --json` prints: one object per file."""
    return json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=2)
