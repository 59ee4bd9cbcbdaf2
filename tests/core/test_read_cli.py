"""`gongkai parse`: JSON on stdout, Chinese errors on stderr, exit status 2 for unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.cli import main
from tests.conftest import FIXTURES, seed


def test_parse_prints_one_indented_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed("004"))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    data = json.loads(out)
    assert data["schema"] == "gongkai/annual-report@1"
    assert data["agency"] == "绥芬河市卫生健康局"
    assert data["published_on"] == "2022-01-10"
    assert data["proactive"]["licensing"] == {"decisions": 136}
    assert "findings" not in data


def test_parse_prints_one_compact_object_per_line_for_several_files(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = [str(FIXTURES / "reports" / "hongze-2024.pdf"), str(seed("003"))]
    assert main(["parse", *paths]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["requests"]["new"]["total"] == 95
    assert second["format"] == "2019"
    assert "\\u" not in lines[0]  # Chinese as such, not escaped


def test_an_unreadable_file_is_a_chinese_error_and_exit_2_but_the_others_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    status = main(["parse", str(tmp_path / "missing.pdf"), str(seed("001")), str(bad)])
    assert status == 2
    captured = capsys.readouterr()
    assert "文件不存在" in captured.err
    assert "JSON 格式错误" in captured.err
    assert "Traceback" not in captured.err
    (line,) = captured.out.splitlines()
    assert json.loads(line)["agency"] == "隆德县卫生健康局"


def test_parse_with_findings_lists_what_the_reader_found(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", "--findings", str(seed("001"))]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["findings"]) == 15
    assert data["findings"][0] == {
        "code": "cell.missing",
        "severity": "error",
        "where": "appeals.review.upheld",
        "message": "表四“行政复议”“结果维持”缺失，无法确定其数值。",
    }


def test_parse_reads_back_its_own_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed("000"))]) == 0
    first = capsys.readouterr().out
    path = tmp_path / "000.json"
    path.write_text(first, encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(first)
