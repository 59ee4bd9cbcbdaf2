"""Personal data: ID numbers with real check digits, phones, bank cards, e-mail, plates, rooms."""

from __future__ import annotations

import pytest

from gongkai.check import CheckOptions, check_text
from gongkai.check.personal import id_check_digit, luhn_ok, table_4_row
from tests.conftest import FIXTURES

# The two examples of GB 11643-1999, check characters computed by hand:
# 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2 → X
VALID_ID = "11010519491231002X"
VALID_ID_2 = "440524188001010014"
# 4111 1111 1111 1111 is the Luhn-valid Visa test number; 6222…0128 completed by hand.
CARD_16 = "4111111111111111"
CARD_19 = "6222021234567890128"


def found(text: str, **options) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.text or "") for f in check_text(text, CheckOptions(**options))]


def test_the_check_digit_follows_gb_11643():
    assert id_check_digit(VALID_ID[:17]) == "X"
    assert id_check_digit(VALID_ID_2[:17]) == "4"


def test_the_luhn_check():
    assert luhn_ok(CARD_16) and luhn_ok(CARD_19) and luhn_ok("79927398713")
    assert not luhn_ok("4111111111111112")


@pytest.mark.parametrize("number", [VALID_ID, VALID_ID.lower(), VALID_ID_2])
def test_a_valid_id_number_is_an_error_with_a_masked_suggestion(number):
    text = f"申请人身份证号：{number}。"
    (finding,) = check_text(text)
    assert (finding.code, finding.severity, finding.text) == ("personal.id_number", "error", number)
    assert finding.suggestion == number[:6] + "********" + number[14:]


def test_a_wrong_check_digit_is_a_suspected_id_number():
    assert found("身份证号 110105194912310021。") == [
        ("personal.id_number", "warning", "110105194912310021")
    ]
    (finding,) = check_text("身份证号 110105194912310021。")
    assert finding.message.startswith("疑似身份证号")


def test_an_impossible_birth_date_is_no_id_number():
    # 1949-13-31 does not exist, and the number fails the Luhn check too.
    assert found("编号 110105194913310027。") == []


def test_a_15_digit_id_number_is_a_suspected_id_number():
    assert found("老证号 110105491231002 仍有效。") == [
        ("personal.id_number", "warning", "110105491231002")
    ]


def test_a_masked_id_number_is_fine():
    assert found("身份证号 110105********002X。") == []


def test_id_numbers_inside_longer_runs_are_not_matched():
    assert found(f"流水号 9{VALID_ID_2}7。") == []


@pytest.mark.parametrize(
    "number",
    ["13800138000", "138-0013-8000", "138 0013 8000", "+86 139 5101 2345", "8613951012345"],
)
def test_mobile_numbers_with_separators_are_errors(number):
    assert found(f"联系人：张某，电话{number}。") == [("personal.phone", "error", number)]


@pytest.mark.parametrize(
    "number", ["0597-7532449", "（0951）5012345", "010-87654321", "05977532449"]
)
def test_landlines_with_area_codes_are_warnings(number):
    assert found(f"电话：{number}。") == [("personal.phone", "warning", number)]


def test_the_agencys_own_numbers_are_allowed_whatever_the_separators():
    text = "咨询电话：0597-7532449，值班手机 139 5101 2345。"
    assert found(text, allowed_phones=("05977532449", "+86-13951012345")) == []


@pytest.mark.parametrize(
    "text",
    [
        "统计数据从 2021-01-01 至 2021-12-31。",
        "（国办公开办函〔2021〕30号）",
        "全年收费 13800138000 元。",  # an amount
        "发布信息 13951012345 条。",  # a count, however odd
        "受理 12345 热线工单 153 件。",
        "文号 漳卫〔2021〕9号，邮编 364400。",
    ],
)
def test_dates_document_numbers_amounts_and_counts_are_not_personal_data(text):
    assert found(text) == []


def test_bank_cards_pass_the_luhn_check():
    text = f"退款至 {CARD_19}，或 4111 1111 1111 1111。"
    assert found(text) == [
        ("personal.bank_card", "error", CARD_19),
        ("personal.bank_card", "error", "4111 1111 1111 1111"),
    ]
    assert check_text(text)[1].suggestion == "4111 **** **** 1111"


def test_a_number_failing_the_luhn_check_is_no_card():
    assert found("合同编号 4111111111111112。") == []


def test_email_addresses_unless_the_agencys_own():
    text = "请发送至 zhangsan@qq.com 或 wjj@zp.gov.cn。"
    assert found(text, allowed_emails=("WJJ@zp.gov.cn",)) == [
        ("personal.email", "warning", "zhangsan@qq.com")
    ]


def test_licence_plates():
    text = "对车牌号宁A12345、川AD12345的车辆作出处罚；宁政公开办发〔2025〕1号。"
    assert found(text) == [
        ("personal.plate", "warning", "宁A12345"),
        ("personal.plate", "warning", "川AD12345"),
    ]


def test_addresses_down_to_the_room():
    text = "住址：银川市兴庆区解放西街 12 号 3 单元 502 室；单位地址：漳平市桂北路78号行政服务中心7楼。"
    assert found(text) == [
        ("personal.address", "warning", "银川市兴庆区解放西街 12 号 3 单元 502 室")
    ]


def test_contact_blocks_hold_the_agencys_own_details_so_they_are_only_info():
    # The opening of hongze-2023.pdf, as extracted.
    text = (
        "如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系（地址：淮安市洪泽区洪泽湖大道 90号 ，"
        " 邮 编 ： 223100 ， 电 话 ： 0517-87222589 ， 电 子 邮 箱 ：\nhzzwgk@126.com）。"
    )
    assert found(text) == [
        ("personal.phone", "info", "0517-87222589"),
        ("personal.email", "info", "hzzwgk@126.com"),
    ]


def test_a_mobile_number_in_a_contact_block_is_still_an_error():
    assert found("联系电话：13951012345。") == [("personal.phone", "error", "13951012345")]


def test_an_office_address_is_only_info():
    text = "办理地点：漳平市桂北路78号行政服务中心7楼701室。"
    assert found(text) == [("personal.address", "info", "漳平市桂北路78号行政服务中心7楼701室")]


# --------------------------------------------------- numbers in prose and in run-together rows
def test_an_id_number_in_chinese_prose_is_found():
    # The check character of 11010119900307123 is 3; the trial's …1234 fails it.
    assert found("申请人身份证号110101199003071233，联系地址略。") == [
        ("personal.id_number", "error", "110101199003071233")
    ]
    assert found("身份证号110101199003071234，") == [
        ("personal.id_number", "warning", "110101199003071234")
    ]
    assert found("原身份证号110105491231002，已换发。") == [
        ("personal.id_number", "warning", "110105491231002")
    ]


def test_a_card_number_in_chinese_prose_is_found():
    assert found(f"退款至银行卡{CARD_19}，请查收。") == [("personal.bank_card", "error", CARD_19)]


@pytest.mark.parametrize(
    "number", ["110101199003071233", "110105491231002", CARD_16, "6130100000012003"]
)
def test_the_same_digits_inside_a_longer_run_are_no_number(number):
    # Beyond 19 digits no card or ID number is matched inside the run.
    assert found(f"流水号90000{number}，") == []
    assert found(f"流水号{number}70000，") == []
    assert found(f"编号{number}8000X，") == []
    assert found(f"编号AB{number}，") == []


def test_a_run_together_table_4_row_is_no_id_number():
    # tests/fixtures/archive/hongze-2024.txt, table 四 with the spaces removed:
    # 1 1 0 0 2 | 1 0 0 0 1 | 2 0 1 0 3, each total the sum of the four before it.
    assert found("尚未审结总计110021000120103五、存在的主要问题及改进情况") == []


def test_a_run_together_table_4_row_is_no_card_number():
    # 6 1 3 0 10 | 0 0 0 0 0 | 1 2 0 0 3: passes the Luhn check and starts as a UnionPay card.
    assert luhn_ok("6130100000012003")
    assert found("尚未审结总计6130100000012003五、") == []


def test_table_4_rows():
    assert table_4_row("110021000120103")
    assert table_4_row("11002100011001011")  # 10 and 11 in the last group
    assert not table_4_row("110105491231002")  # an ID number: 1+1+0+1 is not 0
    assert not table_4_row(CARD_19)


def test_an_area_code_no_county_office_has_is_no_id_number():
    # 1100…: no city part; 99…: no province. Valid dates and check characters otherwise.
    for first17 in ("11002119900307123", "99010119900307123"):
        number = first17 + id_check_digit(first17)
        assert [code for code, _, _ in found(f"编号{number}，")] != ["personal.id_number"]


def test_the_archived_hongze_report_has_no_id_number():
    text = (FIXTURES / "archive" / "hongze-2024.txt").read_text(encoding="utf-8")
    assert [code for code, _, _ in found(text) if code == "personal.id_number"] == []
    assert "110021000120103" in text


def test_numbers_after_a_very_long_run_of_digits_are_still_found():
    # A run of 20 digits or more is passed over in one step: nothing in it, all after it.
    run = "0" * 5000 + "1" * 5000
    assert found(f"{run}，身份证号110101199003071233，电话0517-87290606。{run}") == [
        ("personal.id_number", "error", "110101199003071233"),
        ("personal.phone", "warning", "0517-87290606"),
    ]
    assert found(run) == []
    assert found(f"{run}110101199003071233") == []  # its end, not a number of its own
