"""What parse, audit and check are given is checked before anything is read: folders with
nothing to read, an output file that cannot be written, a previous report that is none,
a range option out of range; and a findings table shows a screen of rows, not thousands."""

from __future__ import annotations

import shutil

import pytest

from gongkai.cli import main
from gongkai.cli.tables import TABLE_ROWS
from gongkai.findings import Finding
from gongkai.report.batch import Audited
from gongkai.report.read import read_path
from tests.conftest import seed

REPORTS = "（支持 .txt、.md、.html、.docx、.pdf、.json）"
DOCUMENTS = "（支持 .txt、.md、.html、.docx、.pdf）"


@pytest.mark.parametrize(
    ("cmd", "message"),
    [
        ("parse", f"错误：文件夹中没有可读取的报告文件{REPORTS}："),
        ("audit", f"错误：文件夹中没有可读取的报告文件{REPORTS}："),
        ("check", f"错误：文件夹中没有可检查的文件{DOCUMENTS}："),
    ],
)
def test_a_folder_with_nothing_to_read_exits_2(cmd, message, capsys, tmp_path):
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    assert main([cmd, str(empty)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"{message}{empty}\n"
    assert captured.out == ""
    # A folder of images only has nothing to read either.
    (empty / "page.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main([cmd, str(empty)]) == 2
    assert capsys.readouterr().err == f"{message}{empty}\n"


def test_a_folder_with_a_report_is_read(capsys, tmp_path):
    shutil.copy(seed("004"), tmp_path / "a.txt")
    (tmp_path / "page.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["audit", str(tmp_path)]) == 0
    assert "共读取报告 1 份" in capsys.readouterr().out


def test_csv_into_a_folder_fails_before_reading(capsys, tmp_path):
    assert main(["audit", "--csv", str(tmp_path), str(seed("000"))]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"错误：--csv 应为文件，而“{tmp_path}”是一个文件夹\n"
    assert captured.out == ""  # nothing was audited


def test_csv_in_a_missing_folder_fails_before_reading(capsys, tmp_path):
    target = tmp_path / "没有" / "findings.csv"
    assert main(["audit", "--csv", str(target), str(seed("000"))]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"错误：--csv 的文件所在的文件夹不存在：{target.parent}\n"
    assert captured.out == ""


def test_a_previous_file_that_is_no_report_is_said_and_not_compared(capsys, tmp_path):
    hello = tmp_path / "hello.txt"
    hello.write_text("hello\n", encoding="utf-8")
    alone = main(["audit", str(seed("004"))])
    out_alone = capsys.readouterr().out
    assert main(["audit", "--previous", str(hello), str(seed("004"))]) == alone
    captured = capsys.readouterr()
    assert captured.err == f"警告：上一年度报告无法读取为年度报告，跨年度比对未进行：{hello}\n"
    assert captured.out == out_alone


@pytest.mark.parametrize("cmd", ["parse", "audit"])
def test_a_negative_jobs_says_the_range(cmd, capsys):
    assert main([cmd, "--jobs", "-1", str(seed("004"))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：--jobs 的值无效，应为不小于 0 的整数。\n")


def test_check_shows_the_first_rows_and_says_how_many_more(capsys, tmp_path):
    many = TABLE_ROWS + 37
    text = "".join(f"第{i}位申请人手机1381234{i:04d}。\n" for i in range(many))
    path = tmp_path / "名单.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("personal.phone") == TABLE_ROWS
    assert f"另有 37 项未列出，请用 --json 查看全部。\n共 {many} 项，其中错误 {many} 项。" in out
    # The rows are the first ones, in order: line 1 to line 200 (“第199位申请人手机” is column 11).
    assert "│ 1:9 " in out and "│ 200:11 " in out and "201:11" not in out


def test_check_with_few_findings_shows_them_all(capsys):
    assert main(["check", str(seed("000"))]) == 1
    out = capsys.readouterr().out
    assert "未列出" not in out
    assert "共 7 项，其中错误 3 项。" in out


def test_audit_shows_the_first_rows_of_a_report_and_says_how_many_more(capsys):
    from gongkai.cli.audit_cmds import _console, _print_report

    reading = read_path(seed("000"))
    extra = [
        Finding("cell.missing", "warning", f"第 {i} 个单元格缺失", where=f"表三 第 {i} 行")
        for i in range(TABLE_ROWS + 5)
    ]
    item = Audited(str(seed("000")), reading.report, [*reading.findings, *extra])
    _print_report(_console(), item)
    out = capsys.readouterr().out
    hidden = len(item.findings) - TABLE_ROWS
    assert f"另有 {hidden} 项未列出，请用 --json 或 --csv 查看全部。" in out
    assert "第 0 个单元格缺失" in out
    assert f"第 {TABLE_ROWS + 4} 个单元格缺失" not in out
