"""Every ```console example in README.md and docs/*.md is run and its output compared.

A console block is a sequence of commands (lines starting with `$ `) each followed by the
output it prints (stdout and stderr together). The commands of one block run in one bash
session, so `echo $?` reports the previous command's exit status. Two ways to trim:

- a line that is only `…` stands for any number of lines (zero included);
- `…` inside a line stands for any text on that line.

Trailing spaces, and blank lines before and after an output, are ignored. The commands run in a temporary directory whose `tests/` is
the repository's test folder (the fixtures), with COLUMNS=100, a fresh GONGKAI_DATA_DIR and
the virtualenv's `gongkai` first on PATH. A block that needs the demo database is preceded by
`<!-- docs-test: demo -->`: it runs on a copy of the demo county the test run loads once
(`gongkai demo --today 2026-12-05`, tests/conftest.py: demo_data_dir).

Blocks marked ```sh, ```text or plain ``` are not run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(
    r"(?:<!-- docs-test: (?P<demo>demo) -->\n)?```console\n(?P<body>.*?)^```",
    re.M | re.S,
)
MARK = "@@gongkai-docs-test@@"
ELLIPSIS = "…"


@dataclass(frozen=True)
class Example:
    command: str
    expected: list[str]


@dataclass(frozen=True)
class Block:
    where: str  # "docs/cli.md:42"
    demo: bool  # the block runs on a copy of the demo database
    examples: tuple[Example, ...]


def parse_block(body: str) -> tuple[Example, ...]:
    examples: list[Example] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            examples.append(Example(line[2:], []))
        elif examples:
            examples[-1].expected.append(line)
        elif line.strip():
            raise ValueError(f"output before the first command: {line!r}")
    return tuple(examples)


def collect() -> list[Block]:
    blocks = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            line = text.count("\n", 0, m.start("body"))
            where = f"{path.relative_to(ROOT)}:{line}"
            blocks.append(Block(where, bool(m.group("demo")), parse_block(m.group("body"))))
    return blocks


def pattern(expected: list[str]) -> re.Pattern[str]:
    """The regular expression an output must match in full (see the module docstring)."""
    parts = []
    for line in expected:
        line = line.rstrip()
        if line == ELLIPSIS:
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            body = ".*?".join(re.escape(piece) for piece in line.split(ELLIPSIS))
            parts.append(body + r"\n")
    return re.compile("".join(parts))


def matches(expected: list[str], output: str) -> bool:
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    while expected and not expected[-1].strip():
        expected = expected[:-1]
    while expected and not expected[0].strip():
        expected = expected[1:]
    text = "".join(line + "\n" for line in lines)
    return pattern(expected).fullmatch(text) is not None


def script(examples: tuple[Example, ...]) -> str:
    # Each command's output is followed by a marker line; the command's exit status is kept
    # for the next command's `$?`.
    lines = ["set +e"]
    for example in examples:
        lines.append(f"{{ {example.command}\n}} 2>&1")
        lines.append(f"__status=$?; printf '\\n{MARK}\\n'; (exit $__status)")
    return "\n".join(lines) + "\n"


def environment(workdir: Path, data_dir: Path) -> dict[str, str]:
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "TERM": "dumb",
        "TZ": "Asia/Shanghai",
        "GONGKAI_DATA_DIR": str(data_dir),
        "GONGKAI_EMAIL": "console",
    }


def run(block: Block, workdir: Path, data_dir: Path) -> list[str]:
    done = subprocess.run(
        ["bash", "-c", script(block.examples)],
        cwd=workdir,
        env=environment(workdir, data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs = done.stdout.split(f"\n{MARK}\n")
    assert len(outputs) == len(block.examples) + 1, done.stdout + done.stderr
    return outputs[:-1]


BLOCKS = collect()


@pytest.mark.parametrize("block", BLOCKS, ids=[b.where for b in BLOCKS])
def test_console_example_prints_what_the_docs_say(
    block: Block, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / "tests").symlink_to(ROOT / "tests")
    data_dir = tmp_path / "data"
    if block.demo:
        shutil.copytree(request.getfixturevalue("demo_data_dir"), data_dir)
    else:
        data_dir.mkdir()
    outputs = run(block, workdir, data_dir)
    for example, output in zip(block.examples, outputs, strict=True):
        assert matches(example.expected, output), (
            f"{block.where}: $ {example.command}\n--- the docs say:\n"
            + "\n".join(example.expected)
            + "\n--- it printed:\n"
            + output
        )


def test_every_doc_has_its_examples_collected() -> None:
    # A console block the regular expression misses would silently go unchecked.
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        found = sum(1 for b in BLOCKS if b.where.startswith(str(path.relative_to(ROOT)) + ":"))
        assert found == text.count("```console\n"), path


def test_the_trimming_rules_mean_what_the_docstring_says() -> None:
    assert matches(["a", "…", "d"], "a\nb\nc\nd\n")
    assert matches(["a", "…", "b"], "a\nb\n")
    assert matches(["共 … 份"], "共 7 份\n")
    assert not matches(["a", "d"], "a\nb\nd\n")
    assert not matches(["a", "…"], "b\n")
    assert not matches(["共 … 份"], "共 7 条\n")
    assert matches(["x   "], "x\n\n")
