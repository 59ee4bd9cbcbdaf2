"""Issue 9: a letter is never made with an empty placeholder; provisional dates are marked
暂定; the agency's 复议机关 and court are named."""

import dataclasses
from datetime import date

import pytest

from gongkai.letters import render_letter
from tests.core.test_letters import CTX, text_of


def without(**changes):
    return dataclasses.replace(CTX, **changes)


def test_a_fee_notice_without_payment_instructions_is_refused():
    with pytest.raises(ValueError, match="收费通知书缺少以下内容，未生成文书：缴费方式"):
        render_letter("fee_notice", without(payment_method=""))


def test_a_no_correction_reply_without_a_correction_deadline_is_refused():
    ctx = without(correction_until=None, correction_requested_on=None)
    with pytest.raises(ValueError, match="补正期限") as err:
        render_letter("other.no_correction", ctx)
    assert "发出补正通知之日" in str(err.value)


def test_a_repeated_request_reply_names_the_earlier_reply_or_is_refused():
    with pytest.raises(ValueError, match="此前作出答复之日"):
        render_letter("not_handled.repeated", without(previous_reply_on=None))
    assert "本机关已2024年1月5日就您提出的" in text_of(render_letter("not_handled.repeated", CTX))


def test_provisional_dates_are_marked_in_letters():
    ctx = without(due=date(2027, 1, 29), provisional=True)
    text = text_of(render_letter("extension_notice", ctx))
    assert "本机关将于2027年1月29日（暂定，以国务院公布的节假日安排为准）前作出答复" in text
    assert "暂定" not in text_of(render_letter("extension_notice", CTX))


def test_the_court_is_named_when_the_agency_set_it():
    ctx = without(review_agency="平安市人民政府", court="平安市西湖区人民法院")
    text = text_of(render_letter("granted", ctx))
    assert "6个月内向平安市西湖区人民法院提起行政诉讼" in text
