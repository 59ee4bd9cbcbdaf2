"""`gongkai check`: table and JSON output, exit statuses, options."""

from __future__ import annotations

import json

from gongkai.cli import main
from gongkai.cli.check_cmds import line_column
from tests.conftest import seed


def run_json(capsys, *args: str) -> tuple[int, list]:
    status = main(["check", "--json", *args])
    return status, json.loads(capsys.readouterr().out)


def test_it_reports_seed_000_as_json_and_exits_1(capsys):
    status, out = run_json(capsys, str(seed("000")))
    assert status == 1
    (entry,) = out
    assert entry["path"] == str(seed("000"))
    codes = [f["code"] for f in entry["findings"]]
    assert codes == [
        "wording.flagged",
        "narrative.sum",
        "wording.flagged",
        "wording.flagged",
        "narrative.sum",
        "wording.flagged",
        "numbering.broken",
    ]
    sums = entry["findings"][1]
    assert set(sums) == {"code", "severity", "start", "end", "text", "message", "suggestion"}
    assert sums["message"] == "其中各项之和为 1297 条，与总数 1350 条不符"


def test_the_year_comes_from_the_title_and_the_rename_applies_to_an_annual_report(capsys):
    status, out = run_json(capsys, str(seed("002")))
    assert status == 0  # warnings only
    texts = [f["text"] for f in out[0]["findings"]]
    assert texts[0] == "2023年"
    assert texts.count("新冠肺炎") == 3


def test_year_and_date_options(capsys):
    status, out = run_json(capsys, "--year", "2023", "--date", "2022-12-01", str(seed("002")))
    assert status == 0
    texts = [f["text"] for f in out[0]["findings"]]
    assert "新冠肺炎" not in texts  # before the rename
    assert "2023年" not in texts  # the year now matches


def test_allowed_phones(capsys):
    status, out = run_json(capsys, str(seed("003")))
    assert [f["code"] for f in out[0]["findings"]].count("personal.phone") == 2
    status, out = run_json(
        capsys, "--allow-phone", "0597-7532449", "--allow-phone", "0597-7530680", str(seed("003"))
    )
    assert status == 1  # the wrong sum is still an error
    assert [f["code"] for f in out[0]["findings"]] == ["narrative.sum"]


def test_a_clean_file_exits_0_with_a_table(capsys):
    assert main(["check", str(seed("004"))]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_the_table_shows_line_and_column(capsys):
    assert main(["check", str(seed("000"))]) == 1
    out = capsys.readouterr().out
    assert "23:3" in out and "（六）" in out and "共 7 项，其中错误 3 项。" in out


def test_an_agency_word_list_and_a_previous_report(tmp_path, capsys):
    words = tmp_path / "words.csv"
    words.write_text(
        "word,suggestion,severity,note,source,valid_from\n卫健局,卫生健康局,info,用全称,本局规范,\n",
        encoding="utf-8",
    )
    current = tmp_path / "2022.txt"
    current.write_text(
        seed("000").read_text(encoding="utf-8").replace("平罗县卫生健康局", "卫健局")
    )
    status, out = run_json(
        capsys, "--words", str(words), "--previous", str(seed("000")), str(current)
    )
    assert status == 1
    codes = {f["code"] for f in out[0]["findings"]}
    assert {"wording.flagged", "copy.previous"} <= codes


def test_an_unreadable_file_exits_2_with_a_chinese_message(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert "文件不存在" in capsys.readouterr().err


def test_a_bad_word_list_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("word\n", encoding="utf-8")
    assert main(["check", "--words", str(bad), str(seed("004"))]) == 2
    assert "表头" in capsys.readouterr().err


def test_bad_options_exit_2(capsys):
    assert main(["check", "--date", "2023/01/01", str(seed("004"))]) == 2
    assert "无法识别" in capsys.readouterr().err
    assert main(["check", "--allow-phone", "12", str(seed("004"))]) == 2
    assert "电话号码" in capsys.readouterr().err


def test_line_column():
    assert line_column("ab\ncd", 0) == (1, 1)
    assert line_column("ab\ncd", 4) == (2, 2)


def test_several_files_give_one_object_each(capsys):
    paths = [str(p) for p in sorted(seed("000").parent.glob("*.txt"))]
    status, out = run_json(capsys, *paths)
    assert status == 1
    assert [e["path"] for e in out] == paths
    assert [len(e["findings"]) for e in out] == [7, 1, 5, 3, 0]


def test_one_unreadable_file_among_others_exits_2(tmp_path, capsys):
    status = main(["check", "--json", str(seed("004")), str(tmp_path / "missing.pdf")])
    assert status == 2
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out[1]["error"].startswith("文件不存在")


def test_a_folder_is_checked_file_by_file_in_name_order(tmp_path, capsys):
    import shutil

    for prefix in ("000", "002"):
        shutil.copy(seed(prefix), tmp_path / seed(prefix).name)
    (tmp_path / "sub").mkdir()
    shutil.copy(seed("004"), tmp_path / "sub" / "z.txt")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")  # not a document to check
    status, out = run_json(capsys, str(tmp_path))
    assert status == 1
    assert [entry["path"] for entry in out] == [
        str(tmp_path / seed("000").name),
        str(tmp_path / seed("002").name),
        str(tmp_path / "sub" / "z.txt"),
    ]


def test_the_library_gives_what_the_cli_prints(tmp_path, capsys):
    from gongkai.check.files import check_files, checked_json

    status = main(["check", "--json", str(seed("000")), str(seed("002"))])
    printed = capsys.readouterr().out
    results = check_files([seed("000"), seed("002")])
    assert checked_json(results) + "\n" == printed
    assert status == 1 and results[0].year == 2021
