"""A file with bytes its encoding cannot read says so (document.damaged_text), where they are."""

from __future__ import annotations

from pathlib import Path

from gongkai.report.audit import audit
from gongkai.report.read import read_path
from tests.conftest import seed


def _damaged(tmp_path: Path, prefix: str, marker: str) -> Path:
    data = seed(prefix).read_bytes()
    at = data.index(marker.encode("utf-8"))
    path = tmp_path / f"{prefix}-damaged.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    return path


def test_a_bad_byte_in_a_table_row_is_an_error_and_the_tables_still_read(tmp_path: Path) -> None:
    clean = read_path(seed("004"))
    reading = read_path(_damaged(tmp_path, "004", "行政许可"))
    damaged = [f for f in reading.findings if f.code == "document.damaged_text"]
    assert [(f.severity, f.where) for f in damaged] == [("error", "document")]
    assert "文件中有 1 处无法识别的字节" in damaged[0].message
    assert "表格数字" in damaged[0].message
    assert reading.report.agency == clean.report.agency == "绥芬河市卫生健康局"
    assert reading.report.requests == clean.report.requests
    assert "document.damaged_text" in {f.code for f in audit(reading)}


def test_a_bad_byte_in_the_prose_is_a_warning(tmp_path: Path) -> None:
    reading = read_path(_damaged(tmp_path, "004", "总体情况"))
    damaged = [f for f in reading.findings if f.code == "document.damaged_text"]
    assert [f.severity for f in damaged] == ["warning"]
    assert "文字未必读取正确" in damaged[0].message


def test_a_clean_file_has_no_such_finding() -> None:
    assert "document.damaged_text" not in {f.code for f in read_path(seed("004")).findings}
