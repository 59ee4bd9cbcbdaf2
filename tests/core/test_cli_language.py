"""The command line speaks Chinese: every help page and the typical errors, through `main`."""

from __future__ import annotations

import re

import pytest
from typer.core import TyperGroup

from gongkai.cli import command, main
from tests.conftest import seed

# Words Click and Typer print in English. Any of them in our output is a leak.
ENGLISH = [
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "[required]",
    "[default",
    "Missing",
    "No such",
    "Did you mean",
    "Invalid value",
    "Error",
    "Try '",
    "Aborted",
    "Got unexpected",
    "requires an argument",
    "Possible options",
    "Traceback",
    "Errno",
    " range",
]
TYPE_PLACEHOLDER = re.compile(r"<(bool|int|str|float|path|Path|list\[[^\]]*\])>|\blist\[")


def english_in(text: str) -> list[str]:
    found = [word for word in ENGLISH if word in text]
    found += TYPE_PLACEHOLDER.findall(text)
    return found


def command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(cmd, path):
        paths.append(path)
        if isinstance(cmd, TyperGroup):  # the commands the help lists, loaded as they run
            ctx = cmd.context_class(cmd)
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), [*path, name])

    walk(command(), [])
    return paths


@pytest.fixture(autouse=True)
def eighty_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "gongkai")
def test_every_help_page_is_chinese(path, capsys):
    assert main([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert "用法：gongkai" in out
    assert "显示本帮助并退出。" in out
    assert english_in(out) == [], out


def test_the_command_list_has_every_command():
    names = {p[0] for p in command_paths() if p}
    assert {"parse", "audit", "check", "deadline", "fee", "report", "demo", "remind"} <= names


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["parsee"], "错误：没有“parsee”这个命令，是否要用 parse？"),
        (["report", "buil"], "错误：没有“buil”这个命令，是否要用 build？"),
        (["deadline"], "错误：缺少选项 --received。"),
        (["deadline", "--received"], "错误：选项 --received 后面需要一个值。"),
        (["deadline", "--received", "2024-03-04", "foo"], "错误：多余的参数：foo。"),
        (["fee", "--pages", "abc"], "错误：--pages 的值无效，应为页数。"),
        (["fee", "--requests", "3"], "错误：没有 --requests 这个选项，是否要用 --request-number？"),
        (["audit", "--no-such"], "错误：没有 --no-such 这个选项。"),
        (["check", "--json", "--year", "二〇二一", "x.txt"], "错误：--year 的值无效，应为整数。"),
    ],
)
def test_usage_errors_are_one_chinese_line_and_status_2(argv, message, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == message
    assert english_in(captured.out + captured.err) == []


def test_gongkai_alone_prints_the_help(capsys):
    assert main([]) == 2
    out = capsys.readouterr().out
    assert "用法：gongkai [选项] 命令 [参数]..." in out
    assert english_in(out) == []


def test_a_file_that_cannot_be_written_is_an_input_error_not_a_traceback(capsys):
    status = main(["audit", "--csv", "/nonexistent/x.csv", str(seed("004"))])
    err = capsys.readouterr().err
    assert status == 2
    assert err == "错误：--csv 的文件所在的文件夹不存在：/nonexistent\n"  # said before reading
    assert english_in(err) == []


def test_an_internal_error_is_status_3_with_a_chinese_message(monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("gongkai.cli.clock_cmds.run_clock", broken)
    monkeypatch.delenv("GONGKAI_DEBUG", raising=False)
    assert main(["deadline", "--received", "2024-03-04"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("错误：程序内部错误（RuntimeError）")
    assert "Traceback" not in err and "boom" not in err


def test_the_channel_choices_are_not_cut_at_80_columns(capsys):
    main(["deadline", "--help"])
    out = re.sub(r"[│\s]", "", capsys.readouterr().out)
    assert "申请渠道：当面提交、邮寄、平常信函、互联网、传真、电子邮件" in out


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.docx", b"not a zip", "DOCX 文件"),
        ("bad.pdf", b"%PDF-1.4 garbage", "PDF 文件已损坏，无法解析："),
        ("bad.json", b'{"schema": ', "bad.json（第 1 行第 12 列）"),
    ],
)
@pytest.mark.parametrize("cmd", ["parse", "audit", "check"])
def test_a_broken_file_is_named_in_chinese_without_the_library_s_english(
    cmd, name, content, message, tmp_path, capsys
):
    path = tmp_path / name
    path.write_bytes(content)
    assert main([cmd, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err and name in err
    assert english_in(err) == [], err
    assert "Package not found" not in err and "Expecting" not in err


def test_a_missing_word_list_and_a_broken_holiday_file_are_said_in_chinese(tmp_path, capsys):
    assert main(["check", "--words", str(tmp_path / "none.csv"), str(seed("004"))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法读取词表文件") and "文件或文件夹不存在" in err
    broken = tmp_path / "2027.toml"
    broken.write_text("year = 2027\nholidays = = 1\n", encoding="utf-8")
    assert main(["deadline", "--received", "2026-12-21", "--holidays", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "错误：2027.toml 不是有效的 TOML 文件（第 2 行第 12 列）"
