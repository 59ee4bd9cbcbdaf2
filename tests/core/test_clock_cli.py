"""`gongkai deadline` and `gongkai fee` through `gongkai.cli.main`."""

import json

from gongkai.cli import main


def test_deadline_prints_the_due_date_and_the_steps(capsys):
    code = main(
        [
            "deadline",
            "--received",
            "2024-04-29",
            "--channel",
            "post",
            "--consultation",
            "2024-05-06",
            "2024-05-17",
            "--today",
            "2024-06-03",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "答复期限：2024年6月13日" in out
    assert "补正通知期限：2024年5月11日" in out
    assert "剩余工作日：7" in out
    assert "是否暂定：否" in out
    assert "不计入期限10个工作日" in out


def test_deadline_json_has_the_due_date_and_the_steps(capsys):
    code = main(
        ["deadline", "--received", "2024-03-04", "--correction-received", "2024-03-20", "--json"]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["due"] == "2024-04-18"
    assert data["correction_notice_due"] == "2024-03-13"
    assert data["provisional"] is False
    assert "2024年3月20日收到补正后的申请，重新起算20个工作日（第三十条）" in data["steps"]


def test_deadline_extended(capsys):
    assert main(["deadline", "--received", "2024-12-20", "--extended", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["due"] == "2025-02-21"


def test_deadline_in_an_unknown_year_is_provisional_until_a_file_is_loaded(capsys, tmp_path):
    assert main(["deadline", "--received", "2026-12-21", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["provisional"] is True and before["due"] == "2027-01-18"
    schedule = tmp_path / "2027.toml"
    schedule.write_text(
        'year = 2027\nsource = "测试用样例，非官方"\nholidays = ["2027-01-01..2027-01-03"]\n',
        encoding="utf-8",
    )
    assert (
        main(["deadline", "--received", "2026-12-21", "--holidays", str(schedule), "--json"]) == 0
    )
    after = json.loads(capsys.readouterr().out)
    assert after["provisional"] is False and after["due"] == "2027-01-19"


def test_bad_dates_exit_2_with_a_chinese_message(capsys):
    assert main(["deadline", "--received", "2024-02-30"]) == 2
    assert "无法识别" in capsys.readouterr().err


def test_an_answer_before_its_letter_exits_2(capsys):
    code = main(
        ["deadline", "--received", "2024-03-04", "--consultation", "2024-03-11", "2024-03-08"]
    )
    assert code == 2
    assert "征求意见" in capsys.readouterr().err


def test_a_correction_before_receipt_exits_2(capsys):
    code = main(["deadline", "--received", "2024-03-04", "--correction-received", "2024-03-01"])
    assert code == 2
    assert "早于收到申请之日" in capsys.readouterr().err


def test_a_bad_holiday_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("year = 2027\nholidays = ['someday']\n", encoding="utf-8")
    assert main(["deadline", "--received", "2026-12-21", "--holidays", str(bad)]) == 2
    assert "无法识别的日期" in capsys.readouterr().err


def test_fee_per_pages(capsys):
    assert main(["fee", "--pages", "150", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["yuan"] == 1700


def test_fee_per_request(capsys):
    assert main(["fee", "--request-number", "31"]) == 0
    assert "信息处理费：200元" in capsys.readouterr().out


def test_fee_wants_exactly_one_method(capsys):
    assert main(["fee", "--pages", "10", "--request-number", "3"]) == 2
    assert "选择一种" in capsys.readouterr().err


def test_deadline_reports_a_lapsed_correction_period(capsys):
    code = main(
        [
            "deadline",
            "--received",
            "2024-03-04",
            "--correction-requested",
            "2024-03-06",
            "--correction-until",
            "2024-03-20",
            "--today",
            "2024-03-25",
            "--json",
        ]
    )
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["due"] is None
    assert data["ended"] == "other.no_correction"
    assert "补正期限2024年3月20日届满，申请人未补正（第三十条）" in data["steps"]


def test_the_channel_may_be_given_by_its_chinese_label(capsys):
    for label in ("邮寄", "当面", "当面提交", "网络", "电子邮件", "post", "in-person"):
        assert main(["deadline", "--received", "2024-04-29", "--channel", label]) == 0, label
    out = capsys.readouterr().out
    assert "收到申请方式：邮寄" in out and "收到申请方式：当面提交" in out


def test_an_unknown_channel_lists_the_chinese_labels(capsys):
    assert main(["deadline", "--received", "2024-04-29", "--channel", "飞鸽"]) == 2
    assert "可选：当面提交、邮寄、平常信函、互联网、传真、电子邮件" in capsys.readouterr().err


def test_several_consultations_take_two_dates_each(capsys):
    argv = ["deadline", "--received", "2024-04-29", "--today", "2024-06-03", "--json"]
    consultations = ["--consultation", "2024-05-06", "2024-05-08"]
    consultations += ["--consultation", "2024-05-13", "2024-05-17"]
    assert main([*argv, *consultations]) == 0
    steps = "\n".join(json.loads(capsys.readouterr().out)["steps"])
    assert "2024年5月6日发出，2024年5月8日答复" in steps
    assert "2024年5月13日发出，2024年5月17日答复" in steps


def test_a_stray_word_is_not_read_as_a_consultation_answer(capsys):
    assert main(["deadline", "--received", "2024-03-04", "foo"]) == 2
    assert capsys.readouterr().err.startswith("错误：多余的参数：foo。")


def test_a_consultation_without_its_answer_date_exits_2(capsys):
    assert main(["deadline", "--received", "2024-03-04", "--consultation", "2024-03-05"]) == 2
    assert "每个 --consultation 需要两个日期" in capsys.readouterr().err
