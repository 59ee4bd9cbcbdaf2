"""What `parse`, `audit` and `check` are given, checked before any reading starts.

    files = input_files(paths)                   # folders walked; an empty folder fails (2)
    files = input_files(paths, CHECK_SUFFIXES)   # the same, for the check's documents
    check_output_file(csv_path, "--csv")         # a folder, or a missing folder, fails (2)

A mistake found after an hour of reading is an hour lost: an output path that cannot be
written and a folder with nothing to read are said at once, in Chinese, with exit status 2.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from gongkai.cli.errors import fail

# The order the suffixes are named in a message (the others are spellings of these).
_NAMED = (".txt", ".md", ".html", ".docx", ".pdf", ".json")


def input_files(
    paths: Iterable[Path], suffixes: Iterable[str] | None = None, what: str = "可读取的报告文件"
) -> list[Path]:
    """Each file as given, each folder's documents (`report_files`); a folder without any fails."""
    from gongkai.documents import SUPPORTED_SUFFIXES
    from gongkai.report.batch import report_files

    wanted = frozenset(suffixes) if suffixes is not None else SUPPORTED_SUFFIXES
    files: list[Path] = []
    for path in paths:
        found = report_files([path], wanted)
        if not found and path.is_dir():
            named = "、".join(s for s in _NAMED if s in wanted)
            raise fail(f"文件夹中没有{what}（支持 {named}）：{path}")
        files += found
    return files


def check_output_file(path: Path, option: str) -> None:
    """Fail now if `path` cannot be the file an option writes at the end."""
    if path.is_dir():
        raise fail(f"{option} 应为文件，而“{path}”是一个文件夹")
    folder = path.parent
    if not folder.is_dir():
        raise fail(f"{option} 的文件所在的文件夹不存在：{folder}")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise fail(f"没有权限写入 {option} 的文件：{path}")
