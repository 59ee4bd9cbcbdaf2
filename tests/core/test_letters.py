"""Reply letters and notices as DOCX: every kind, its legal basis, uploaded templates."""

import io
from datetime import date

import docx
import pytest

from gongkai.letters import (
    LETTER_KINDS,
    LetterContext,
    check_template,
    default_template,
    placeholders,
    render_letter,
)
from gongkai.report.model import disposition_keys

CTX = LetterContext(
    agency_name="平安市卫生健康委员会",
    letter_number="平卫依申〔2024〕12号",
    applicant_name="张三",
    received_on=date(2024, 3, 4),
    letter_date=date(2024, 3, 20),
    description="2023年度医疗机构抽检结果",
    reason="涉及企业的商业秘密",
    how_provided="到本机关政务公开查阅点获取",
    correction_items="请写明所需文件的名称或文号",
    correction_requested_on=date(2024, 3, 6),
    correction_until=date(2024, 3, 29),
    due=date(2024, 5, 16),
    third_party_name="平安医药有限公司",
    answer_by=date(2024, 4, 1),
    previous_reply_on=date(2024, 1, 5),
    fee_method="per_pages",
    fee_quantity=150,
    fee_notice_on=date(2024, 3, 8),
    fee_pay_by=date(2024, 4, 17),
    payment_method="银行转账",
)

# Checked by hand against the 条例 (2019) text, not copied from the code.
BASIS = {
    "granted": "条例》第三十六条第（二）项",
    "partially_granted": "条例》第三十七条",
    "withheld.state_secret": "条例》第十四条",
    "withheld.prohibited_by_law": "条例》第十四条",
    "withheld.security_stability": "条例》第十四条",
    "withheld.third_party_rights": "条例》第十五条",
    "withheld.internal_affairs": "条例》第十六条第一款",
    "withheld.process_information": "条例》第十六条第二款",
    "withheld.enforcement_file": "条例》第十六条第二款",
    "withheld.administrative_query": "条例》第三十六条第（七）项",
    "unable.not_held": "条例》第三十六条第（四）项",  # no responsible agency known in CTX
    "unable.needs_creation": "条例》第三十八条",
    "unable.still_unclear": "条例》第三十条",
    "not_handled.petition": "条例》第三十九条第一款",
    "not_handled.repeated": "条例》第三十六条第（六）项",
    "not_handled.publication": "条例》第三十九条第二款",
    "not_handled.excessive": "条例》第三十五条",
    "not_handled.confirmation": "条例》第二条",
    "other.no_correction": "条例》第三十条",
    "other.fee_unpaid": "国办函〔2020〕109号",
    "other.other": "《中华人民共和国政府信息公开条例》",
    "correction_notice": "条例》第三十条",
    "extension_notice": "条例》第三十三条第一款",
    "consultation_letter": "条例》第三十二条",
    "fee_notice": "国办函〔2020〕109号",
}


def text_of(data: bytes) -> str:
    doc = docx.Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)


def test_there_is_a_letter_for_every_disposition_and_notice():
    assert set(LETTER_KINDS) == {
        *disposition_keys("2021"),
        "correction_notice",
        "extension_notice",
        "consultation_letter",
        "fee_notice",
    }
    assert len(disposition_keys("2021")) == 21
    assert set(BASIS) == set(LETTER_KINDS)


@pytest.mark.parametrize("kind", sorted(LETTER_KINDS))
def test_every_kind_renders_with_its_legal_basis(kind):
    text = text_of(render_letter(kind, CTX))
    assert "{{" not in text and "}}" not in text
    assert BASIS[kind] in text
    assert LETTER_KINDS[kind] in text
    assert "平卫依申〔2024〕12号" in text
    assert "2024年3月20日" in text
    if kind == "consultation_letter":
        assert "平安医药有限公司：" in text
        assert "张三" not in text  # the third party is not told who asked
    else:
        assert "张三：" in text
        assert "本机关于2024年3月4日收到您提出的政府信息公开申请" in text


@pytest.mark.parametrize("kind", disposition_keys("2021"))
def test_every_decision_tells_the_applicant_the_remedies(kind):
    text = text_of(render_letter(kind, CTX))
    assert "60日内依法申请行政复议" in text
    assert "6个月内依法向人民法院提起行政诉讼" in text


def test_notices_carry_no_remedies_and_no_decision_reason():
    text = text_of(render_letter("correction_notice", CTX))
    assert "行政复议" not in text
    assert "涉及企业的商业秘密" not in text
    assert "请写明所需文件的名称或文号" in text
    assert "请于2024年3月29日前向本机关提交补正后的申请" in text


def test_the_review_agency_is_named_when_known():
    ctx = LetterContext(**{**CTX.__dict__, "review_agency": "平安市人民政府"})
    assert "60日内向平安市人民政府申请行政复议" in text_of(render_letter("granted", ctx))


def test_not_held_names_the_responsible_agency_when_known():
    ctx = LetterContext(
        **{
            **CTX.__dict__,
            "responsible_agency": "平安市市场监督管理局",
            "responsible_agency_contact": "0571-1234",
        }
    )
    text = text_of(render_letter("unable.not_held", ctx))
    assert "第三十六条第（五）项" in text
    assert "负责公开该政府信息的行政机关为平安市市场监督管理局，联系方式：0571-1234" in text


def test_the_fee_notice_computes_and_explains_the_fee():
    text = text_of(render_letter("fee_notice", CTX))
    assert "信息处理费1700元" in text
    assert "第101至200页：50页 × 20元 = 1000元" in text
    assert "2024年4月17日前" in text


def test_a_fee_that_disagrees_with_the_measures_is_refused():
    ctx = LetterContext(**{**CTX.__dict__, "fee_yuan": 1500})
    with pytest.raises(ValueError, match="1500元与按标准计算的1700元不一致"):
        render_letter("fee_notice", ctx)


def test_a_notice_without_what_it_needs_is_refused_in_chinese():
    ctx = LetterContext(**{**CTX.__dict__, "correction_items": ""})
    with pytest.raises(ValueError, match="补正通知书须填写：需要补正的事项"):
        render_letter("correction_notice", ctx)


def test_an_empty_contact_line_is_left_out():
    text = text_of(render_letter("granted", CTX))
    assert "联系人及电话" not in text
    ctx = LetterContext(**{**CTX.__dict__, "contact": "李四 0571-87654321"})
    assert "联系人及电话：李四 0571-87654321" in text_of(render_letter("granted", ctx))


def split_template() -> bytes:
    """A template as Word saves it after editing: placeholders cut across runs."""
    doc = docx.Document()
    p = doc.add_paragraph()
    for piece in ("致", "{{", "applicant", "_na", "me}}", "：您好"):
        p.add_run(piece)
    p = doc.add_paragraph()
    p.add_run("文号：{{letter_")
    bold = p.add_run("number}}")
    bold.bold = True
    p.add_run("；日期：{{ received_on }}")
    table = doc.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("{{agency")
    table.cell(0, 0).paragraphs[0].add_run("_name}}")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_placeholders_split_across_runs_are_found_and_filled():
    template = split_template()
    assert placeholders(template) == {
        "applicant_name",
        "letter_number",
        "received_on",
        "agency_name",
    }
    out = docx.Document(io.BytesIO(render_letter("granted", CTX, template=template)))
    assert out.paragraphs[0].text == "致张三：您好"
    assert out.paragraphs[1].text == "文号：平卫依申〔2024〕12号；日期：2024年3月4日"
    assert out.tables[0].cell(0, 0).text == "平安市卫生健康委员会"
    # the value keeps the formatting of the run where its placeholder started
    assert [r.text for r in out.paragraphs[1].runs if r.bold and r.text] == []


def test_an_unknown_placeholder_is_an_error_message():
    doc = docx.Document()
    doc.add_paragraph("{{applicant_name}} {{申请人电话}}")
    buf = io.BytesIO()
    doc.save(buf)
    template = buf.getvalue()
    assert check_template(template) == [
        "模板中有无法识别的占位符：{{申请人电话}}。可用的占位符见文书模板说明。"
    ]
    with pytest.raises(ValueError, match="无法识别的占位符"):
        render_letter("granted", CTX, template=template)
    assert check_template(default_template("granted")) == []


def test_a_file_that_is_not_docx_is_refused():
    with pytest.raises(ValueError, match="不是有效的 Word"):
        placeholders(b"%PDF-1.7 not a docx")
    assert check_template(b"hello") == ["无法读取模板：不是有效的 Word（.docx）文件"]


def test_a_mapping_context_works_as_the_desk_passes_it():
    ctx = {
        "agency_name": "平安市卫生健康委员会",
        "applicant_name": "王五",
        "letter_number": "GK-2024-0001-1",
        "received_on": "2024年3月4日",
        "description": "某文件",
        "date": "2024年3月20日",
        "tracking_number": "GK-2024-0001",
    }
    text = text_of(render_letter("withheld.state_secret", ctx))
    assert "王五：" in text and "GK-2024-0001-1" in text and "2024年3月20日" in text
    assert "第十四条" in text


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError, match="无法识别的文书类型"):
        default_template("granted.partly")


def test_a_reason_ends_its_paragraph_with_a_full_stop():
    assert "说明理由如下：涉及企业的商业秘密。" in text_of(render_letter("partially_granted", CTX))
    assert "理由：涉及企业的商业秘密。" in text_of(render_letter("withheld.state_secret", CTX))
