"""The reader never raises on text: mangled seeds, noise, nothing, and very large inputs."""

from __future__ import annotations

import itertools
import os
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.documents import extract_text
from gongkai.report.model import FORMATS
from gongkai.report.read import read_path, read_text
from gongkai.report.read_result import Reading, UnreadableDocument
from tests.conftest import FIXTURES, SEEDS

CODES = {
    "cell.missing",
    "cell.inferred",
    "label.nonstandard",
    "document.not_report",
    "document.damaged_text",
}


@cache
def documents() -> tuple[str, ...]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts += [
        extract_text(FIXTURES / "reports" / n) for n in ("hongze-2023.pdf", "hongze-2024.pdf")
    ]
    return tuple(texts)


def well_formed(reading: Reading) -> None:
    """Whatever the input: a report of the right shape, cells int/float/None, known findings."""
    report = reading.report
    assert report.format in FORMATS
    for table in (report.proactive, report.requests, report.appeals):
        for row in table.values():
            for value in row.values():
                assert value is None or (
                    isinstance(value, int | float) and not isinstance(value, bool)
                )
    assert {f.code for f in reading.findings} <= CODES
    assert report.year is None or 1900 <= report.year <= 2099
    assert set(reading.sections_found) <= {
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other",
    }


@st.composite
def mangled(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(documents())).splitlines()
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "cut", "dropcell", "dup", "noise", "swap"]))
        if action == "drop":
            del lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]) - 1)))]
        elif action == "dropcell" and "\t" in lines[i]:
            cells = lines[i].split("\t")
            del cells[draw(st.integers(0, len(cells) - 1))]
            lines[i] = "\t".join(cells)
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "noise":
            lines[i] += draw(st.text(max_size=20))
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    if draw(st.integers(0, 9)) == 0:
        lines = draw(st.permutations(lines))
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mangled())
def test_a_mangled_report_reads_without_raising(text: str) -> None:
    well_formed(read_text(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=3000))
def test_any_unicode_reads_without_raising(text: str) -> None:
    well_formed(read_text(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "\t",
                    "|",
                    "0",
                    "1",
                    "21",
                    "640020470",
                    "-",
                    "—",
                    "（七）总计",
                    "一、总体情况",
                    "行政许可",
                    "\n",
                    " ",
                    "结 果 维 持",
                    "2023年",
                    "第二十条第（一）项",
                ]
            ),
            st.text(max_size=5),
        ),
        max_size=300,
    )
)
def test_table_like_noise_reads_without_raising(parts: list[str]) -> None:
    well_formed(read_text("".join(parts)))


def test_nothing_at_all_is_a_report_of_nulls_and_one_finding_that_it_is_none() -> None:
    reading = read_text("")
    well_formed(reading)
    assert reading.report.agency is None and reading.report.year is None
    assert reading.cells_read == 0
    assert [f.code for f in reading.findings] == ["document.not_report"]


def test_random_bytes_in_a_text_file_are_refused_as_binary(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(20000)))
    with pytest.raises(UnreadableDocument, match="不是文本文件"):
        read_path(path)


def test_random_text_bytes_in_a_text_file_read_without_raising(tmp_path: Path) -> None:
    """No NUL and no control character, but no encoding either: read, not refused."""
    import random

    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    alphabet = bytes(range(32, 127)) + bytes(range(128, 256)) + b"\t\n"
    path.write_bytes(bytes(rng.choice(alphabet) for _ in range(20000)))
    well_formed(read_path(path))


def test_a_twenty_megabyte_text_is_read() -> None:
    seed = documents()[0]
    text = (seed + "\n") * (20_000_000 // len(seed.encode("utf-8")))
    assert len(text.encode("utf-8")) > 19_000_000
    reading = read_text(text)
    well_formed(reading)
    assert reading.report.proactive["licensing"]["decisions"] == 1010  # the first copy counts


def calls_to_read(text: str) -> int:
    """How many functions (Python and C) reading `text` calls: work, without a stopwatch."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        read_text(text)
    finally:
        sys.setprofile(None)
    return count


def test_the_reader_s_work_grows_linearly_with_the_text() -> None:
    # Counted, not timed: a step that walks the text once per line (or per table) makes
    # the count grow with the square of the size, whatever the machine's load.
    for seed in documents():
        counts = [calls_to_read((seed + "\n") * copies) for copies in (20, 40, 80)]
        for smaller, larger in itertools.pairwise(counts):
            assert larger <= 2.2 * smaller, counts


@cache
def hongze_2024() -> tuple[str, Reading]:
    text = extract_text(FIXTURES / "reports" / "hongze-2024.pdf")
    return text, read_text(text)


@st.composite
def damaged_hongze(draw: st.DrawFn) -> str:
    """hongze-2024 (every rule holds) with lines or cells lost, duplicated, moved."""
    lines = hongze_2024()[0].splitlines()
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dropcell", "dropcell", "blank", "dup", "swap"]))
        cells = lines[i].split("\t")
        if action == "drop":
            del lines[i]
        elif action == "dropcell" and len(cells) > 1:
            del cells[draw(st.integers(0, len(cells) - 1))]
            lines[i] = "\t".join(cells)
        elif action == "blank" and len(cells) > 1:
            cells[draw(st.integers(0, len(cells) - 1))] = ""
            lines[i] = "\t".join(cells)
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


@settings(
    max_examples=int(os.environ.get("READ_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(damaged_hongze())
def test_a_damaged_report_never_yields_a_wrong_figure(text: str) -> None:
    truth = hongze_2024()[1].report
    got = read_text(text).report
    for table in ("requests", "appeals", "proactive"):
        for key, row in getattr(got, table).items():
            for col, value in row.items():
                if value is not None:
                    assert value == getattr(truth, table)[key][col], f"{table}.{key}.{col}"
