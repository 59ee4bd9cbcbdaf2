"""This year's report against last year's: carry-over and copied text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from gongkai.findings import Finding
from gongkai.report.audit.labels import column_label, section_label
from gongkai.report.audit.tables import _cell
from gongkai.report.model import REQUEST_COLUMNS, SECTION_KEYS
from gongkai.report.read_result import Reading

# A section is "copied" when this share of its text or more repeats last year's.
COPY_THRESHOLD = 0.6
# Shorter sections ("无。", one sentence on fees) are naturally the same every year.
COPY_MIN_CHARS = 80
SHINGLE = 8

_NOISE = re.compile(r"\s+|[*#|>`_]")
_DIGITS = re.compile(r"\d+")


def carry_over_findings(reading: Reading, previous: Reading) -> list[Finding]:
    """`cross_year.carry_over`: 上年结转 = last year's 结转下年度, column by column."""
    this, last = reading.report, previous.report
    if isinstance(this.year, int) and isinstance(last.year, int) and last.year != this.year - 1:
        return [
            Finding(
                "cross_year.carry_over",
                "info",
                f"作为上年报告给出的是 {last.year} 年度报告，不是 {this.year - 1} 年度，"
                "未比对结转数",
                where="requests.carried_over",
            )
        ]
    findings = []
    for col in REQUEST_COLUMNS:
        carried = _cell(this.requests, "carried_over", col)
        forward = _cell(last.requests, "carry_forward", col)
        if carried is None or forward is None or carried == forward:
            continue
        year = f" {last.year} 年" if last.year else "上年"
        findings.append(
            Finding(
                "cross_year.carry_over",
                "error",
                f"表三“{column_label(col)}”列：二、上年结转为 {carried:g}，"
                f"但{year}报告的四、结转下年度继续办理为 {forward:g}",
                where=f"requests.carried_over.{col}",
            )
        )
    return findings


def _normalise(text: str) -> str:
    """Without whitespace and markup, every number as "#": years change, wording stays."""
    return _DIGITS.sub("#", _NOISE.sub("", text))


def _covered(a: str, b: str, k: int) -> bytearray:
    """1 for each character of `a` inside a k-character run that `b` also has."""
    covered = bytearray(len(a))
    if len(a) < k or len(b) < k:
        return covered
    seen = {b[i : i + k] for i in range(len(b) - k + 1)}
    run = b"\x01" * k
    for i in range(len(a) - k + 1):
        if a[i : i + k] in seen:
            covered[i : i + k] = run
    return covered


def own_length(text: str, generated: str = "", k: int = SHINGLE) -> int:
    """Characters of `text` (normalised) not inside a run of the `generated` draft."""
    a = _normalise(text)
    return len(a) - _covered(a, _normalise(generated), k).count(1)


def copied_share(text: str, previous: str, k: int = SHINGLE, generated: str = "") -> float:
    """The share of `text`'s characters inside a k-character run that `previous` also has.

    With `generated` (what the builder drafted this year from this year's figures), the
    characters inside a run of that draft are left out of both counts: a drafted sentence
    repeats last year's drafted sentence by construction, only the figures differ, and
    they are masked.
    """
    a, b = _normalise(text), _normalise(previous)
    if len(a) < k or len(b) < k:
        return 0.0
    copied = _covered(a, b, k)
    if not generated:
        return copied.count(1) / len(a)
    drafted = _covered(a, _normalise(generated), k)
    own = [i for i in range(len(a)) if not drafted[i]]
    if not own:
        return 0.0
    return sum(copied[i] for i in own) / len(own)


def copy_findings(
    reading: Reading, previous: Reading, generated: Mapping[str, str] | None = None
) -> list[Finding]:
    """`copy.previous_year`: a section whose prose repeats last year's.

    `generated` is the text a builder drafted for this year, per section: what it wrote
    from this year's own figures is not a copy, whatever last year said.
    """
    findings = []
    for key in SECTION_KEYS:
        text = reading.report.text.get(key) or ""
        before = previous.report.text.get(key) or ""
        drafted = (generated or {}).get(key) or ""
        if own_length(text, drafted) < COPY_MIN_CHARS or not before:
            continue
        share = copied_share(text, before, generated=drafted)
        if share < COPY_THRESHOLD:
            continue
        findings.append(
            Finding(
                "copy.previous_year",
                "warning",
                f"{section_label(key)}与上年报告相同的文字占 {share:.0%}",
                where=f"text.{key}",
            )
        )
    return findings


def cross_year_findings(
    reading: Reading, previous: Reading, generated: Mapping[str, str] | None = None
) -> list[Finding]:
    return [
        *carry_over_findings(reading, previous),
        *copy_findings(reading, previous, generated),
    ]
