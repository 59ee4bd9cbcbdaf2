"""Text files as they arrive: damaged UTF-8, GB18030/GBK, UTF-16 without BOM, binary files.

Every case is a real seed report, damaged or re-encoded the way files are in practice,
and read through `read_path` (and the CLI) as a user would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gongkai.cli import main
from gongkai.documents import decode_text, extract_text
from gongkai.report.read import read_path
from gongkai.report.read_result import Reading, UnreadableDocument
from tests.conftest import SEEDS, seed

ELF_HEADER = b"\x7fELF\x02\x01\x01" + b"\x00" * 9 + b"\x03\x00>\x00\x01\x00\x00\x00" * 40


def tables(reading: Reading) -> dict[str, Any]:
    """What the reader made of the report, its prose aside (a damaged byte may sit in it)."""
    data = reading.report.to_json()
    data.pop("text")
    return data


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "marker",
    [
        "部分公开(区分处理的",
        "公开的时间更加及时",
    ],  # in a table label (as the trial found), in prose
)
def test_one_bad_byte_keeps_a_utf8_report_utf8(tmp_path: Path, marker: str) -> None:
    original = seed("004").read_bytes()
    at = original.index(marker.encode()) + 4  # inside the label's second character
    damaged = write(tmp_path / "004.txt", original[:at] + b"\xff" + original[at:])

    reading, expected = read_path(damaged), read_path(seed("004"))

    assert reading.report.agency == "绥芬河市卫生健康局" and reading.report.year == 2021
    assert reading.report.proactive["licensing"]["decisions"] == 136
    assert reading.report.proactive["penalties"]["decisions"] == 6
    assert reading.cells_read == expected.cells_read == 200
    assert tables(reading) == tables(expected)
    text = extract_text(damaged)
    assert text.count("\ufffd") >= 1 and "绥芬河市卫生健康局" in text


def test_a_copy_cut_inside_a_character_stays_utf8(tmp_path: Path) -> None:
    original = seed("000").read_bytes()
    # `head -c 3001` of seed 000 (the trial's file) ends inside a character.
    cut = write(tmp_path / "cut.txt", original[:3001])
    with pytest.raises(UnicodeDecodeError, match="unexpected end of data"):
        original[:3001].decode("utf-8")
    text = extract_text(cut)
    assert text == original[:2999].decode("utf-8") + "\ufffd"
    reading = read_path(cut)
    assert (reading.report.agency, reading.report.year) == ("平罗县卫生健康局", 2021)

    # Cut inside the heading of table 三: table 二 is whole and reads as in the seed.
    at = original.index("三、收到和处理".encode()) + 1
    reading = read_path(write(tmp_path / "cut2.txt", original[:at]))
    expected = read_path(seed("000"))
    assert reading.report.agency == "平罗县卫生健康局" and reading.report.year == 2021
    assert reading.report.proactive == expected.report.proactive
    assert reading.report.proactive["licensing"]["decisions"] == 1010
    assert reading.report.proactive["penalties"]["decisions"] == 117


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_in_another_encoding_reads_identically(
    tmp_path: Path, path: Path, encoding: str
) -> None:
    """GB18030/GBK as Windows saves them; UTF-16 saved without its BOM."""
    text = path.read_text(encoding="utf-8")
    other = write(tmp_path / path.name, text.encode(encoding))
    assert extract_text(other) == text
    reading, expected = read_path(other), read_path(path)
    assert reading.report.to_json() == expected.report.to_json()
    assert reading.cells_read == expected.cells_read > 0


def test_a_gbk_file_with_a_bad_byte_is_still_gbk() -> None:
    text = seed("004").read_text(encoding="utf-8")
    data = text.encode("gbk")
    at = data.index("部分公开".encode("gbk"))
    damaged = data[:at] + b"\xff" + data[at:]
    decoded = decode_text(damaged)
    assert "绥芬河市卫生健康局" in decoded and "部分公开" in decoded
    assert decoded.count("\ufffd") == 1


@pytest.mark.parametrize(
    "data",
    [
        ELF_HEADER,
        bytes(range(256)) * 8,  # every byte value
        b"%PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 30,
        "政府信息公开".encode() * 20 + b"\x00" + b"x" * 100,  # a NUL in the middle
        "报告\x01\x02\x03\x04\x05\x06\x07\x08".encode() * 50,  # control characters, no NUL
    ],
    ids=["elf", "all-bytes", "png", "nul", "controls"],
)
def test_a_binary_file_named_txt_is_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path / "report.txt", data)
    with pytest.raises(UnreadableDocument) as caught:
        read_path(path)
    assert str(caught.value) == f"不是文本文件：{path}（含有二进制内容）"


def test_text_with_tabs_form_feeds_and_crlf_is_not_binary(tmp_path: Path) -> None:
    text = seed("000").read_text(encoding="utf-8").replace("\n", "\r\n") + "\f\t\r\n"
    path = write(tmp_path / "crlf.txt", text.encode("utf-8"))
    assert read_path(path).report.agency == "平罗县卫生健康局"


def folder(tmp_path: Path) -> Path:
    """A folder with one good report and three files that cannot be read, one in a subfolder."""
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    (root / "000.txt").write_bytes(seed("000").read_bytes())
    (root / "sub" / "binary.txt").write_bytes(ELF_HEADER)
    (root / "sub" / "empty.txt").write_bytes(b"")
    (root / "sub" / "r0007.docx").write_bytes(b"not a zip at all")
    return root


@pytest.mark.parametrize("cmd", ["audit", "parse", "check"])
def test_a_folder_names_each_unreadable_file_once_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cmd: str
) -> None:
    root = folder(tmp_path)
    assert main([cmd, str(root)]) == 2
    captured = capsys.readouterr()
    assert "平罗县卫生健康局" in captured.out or cmd == "check"
    if cmd == "check":
        assert str(root / "000.txt") in captured.out
    lines = [line for line in captured.err.splitlines() if line]
    assert all(line.startswith("错误：") for line in lines), lines
    for name, says in [
        ("binary.txt", "不是文本文件"),
        ("empty.txt", "文件为空"),
        ("r0007.docx", "DOCX"),
    ]:
        (line,) = [line for line in lines if name in line]
        assert says in line
        assert line.count(name) == 1, line  # the path, once
        assert str(root / "sub" / name) in line
    assert "错误：不是文本文件：" + str(root / "sub" / "binary.txt") + "（含有二进制内容）" in lines
    assert "错误：文件为空：" + str(root / "sub" / "empty.txt") in lines


def test_audit_of_a_folder_as_a_relative_path_names_files_as_walked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["audit", "reports"]) == 2
    err = capsys.readouterr().err
    assert "错误：不是文本文件：reports/sub/binary.txt（含有二进制内容）" in err.splitlines()
    assert "reports/sub/r0007.docx" in err
