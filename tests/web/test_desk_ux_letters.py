"""Issue 12, letters: punctuation, corrections, notes, file names, PDF."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def pdf_text(data: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (newlines removed)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
    return out.stdout.replace("\n", "")


def docx_text(data: bytes) -> str:
    import io

    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _ctx(**kw):
    from datetime import date

    from gongkai.letters import LetterContext

    base = {
        "agency_name": "平罗县卫生健康局",
        "letter_number": "平卫依申〔2026〕3号-1",
        "applicant_name": "张三",
        "received_on": date(2026, 3, 4),
        "letter_date": date(2026, 3, 10),
        "description": "2023年资金分配文件。",
    }
    return LetterContext(**{**base, **kw})


def test_a_description_ending_in_a_full_stop_is_not_followed_by_another():
    from gongkai.letters import render_letter

    text = docx_text(render_letter("granted", _ctx()))
    assert "申请公开的信息为：2023年资金分配文件。现答复如下" in text
    assert "。。" not in text


def test_a_granted_letter_prints_no_reason_line_even_with_a_note():
    from gongkai.letters import render_letter

    text = docx_text(render_letter("granted", _ctx(reason="予以公开")))
    assert "理由：" not in text
    withheld = docx_text(render_letter("withheld.state_secret", _ctx(reason="属于国家秘密")))
    assert "理由：属于国家秘密。" in withheld


def test_the_consultation_letter_uses_the_handlers_note():
    from datetime import date

    from gongkai.letters import render_letter

    ctx = _ctx(
        third_party_name="宁夏某医药公司",
        answer_by=date(2026, 3, 31),
        reason="申请公开的采购合同含贵公司报价",
    )
    text = docx_text(render_letter("consultation_letter", ctx))
    assert "有关情况说明：申请公开的采购合同含贵公司报价。" in text


def test_a_correction_recorded_at_the_desk_updates_the_request_and_later_letters(
    alice_client, agency_a, alice, monkeypatch, correction_notice
):
    from datetime import date

    from gongkai.web.requests import services

    req = correction_notice()
    monkeypatch.setenv("GONGKAI_TODAY", "2024-03-07")
    alice_client.post(
        f"/desk/{req.pk}/act/receive_correction/",
        {
            "receive_correction-on": "2024-03-07",
            "receive_correction-note": "2023年度乡镇卫生院基本公共卫生服务项目资金分配文件",
        },
    )
    req.refresh_from_db()
    assert req.state == "corrected"
    assert req.description.endswith("【补正】2023年度乡镇卫生院基本公共卫生服务项目资金分配文件")
    page = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert "【补正】2023年度乡镇卫生院基本公共卫生服务项目资金分配文件" in page  # 所需信息
    services.perform(
        req,
        "draft_reply",
        alice,
        services.Step(on=date(2024, 3, 8), disposition="granted", note=""),
        today=date(2024, 3, 8),
    )
    letter = req.letters.order_by("-id").first()
    text = docx_text(bytes(letter.content))
    assert "申请公开的信息为：2023年度乡镇卫生院基本公共卫生服务项目资金分配文件。" in text


def test_the_applicants_correction_on_track_updates_the_request_once(
    client, agency_a, correction_notice
):

    req = correction_notice()
    client.post("/track/", {"tracking_number": req.tracking_number, "query_code": req.query_code})
    client.post(f"/track/{req.pk}/correct/", {"description": "2023年度的分配文件"})
    req.refresh_from_db()
    assert req.description.count("【补正】") == 1 and req.description.endswith("2023年度的分配文件")


def test_desk_downloads_are_named_after_the_request_and_offered_as_pdf(
    alice_client, agency_a, correction_notice
):
    from urllib.parse import unquote

    req = correction_notice()
    letter = req.letters.get()
    page = alice_client.get(f"/desk/{req.pk}/").content.decode()
    assert f'href="/desk/{req.pk}/letters/{letter.pk}/?as=pdf"' in page
    docx = alice_client.get(f"/desk/{req.pk}/letters/{letter.pk}/")
    assert (
        unquote(docx["Content-Disposition"].split("''")[1]) == "平卫依申〔2024〕1号-补正通知书.docx"
    )
    pdf = alice_client.get(f"/desk/{req.pk}/letters/{letter.pk}/?as=pdf")
    assert pdf.content.startswith(b"%PDF")
    assert "请您对以下事项作出补正：请写明年份。" in pdf_text(pdf.content)


def test_the_templates_page_names_each_type_by_its_disposition(ada_client):
    page = ada_client.get("/desk/templates/").content.decode()
    assert "不予公开·属于国家秘密（政府信息不予公开告知书）" in page
    assert "不予公开·属于行政执法案卷（政府信息不予公开告知书）" in page
    assert ">补正通知书（政府信息公开申请补正通知书）<" in page


def test_without_the_fonts_the_pdf_is_refused_in_chinese_and_the_docx_remains(
    alice_client, agency_a, monkeypatch, correction_notice
):

    from gongkai.report.render import pdf as report_pdf
    from gongkai.report.render.pdf import FontFile

    req = correction_notice()
    letter = req.letters.get()
    missing = (FontFile("serif", "/nonexistent/uming.ttc", 0, "fonts-arphic-uming"),)
    monkeypatch.setattr("gongkai.letters.pdf.FONTS", missing)
    from collections import OrderedDict

    monkeypatch.setattr("gongkai.web.requests.letters_pdf._made", OrderedDict())
    assert report_pdf.FONTS  # the report's own fonts untouched
    response = alice_client.get(f"/desk/{req.pk}/letters/{letter.pk}/?as=pdf", follow=True)
    page = response.content.decode()
    assert "暂时无法生成 PDF" in page and "fonts-arphic-uming" in page and "请先下载 DOCX" in page


def test_the_pdf_keeps_the_text_of_an_agency_templates_table():
    import io

    import docx

    from gongkai.letters import render_letter
    from gongkai.letters.pdf import docx_to_pdf

    template = docx.Document()
    table = template.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "{{agency_name}}"
    table.cell(0, 1).text = "{{letter_number}}"
    template.add_paragraph("{{addressee}}：您申请的信息为：{{description}}。")
    buf = io.BytesIO()
    template.save(buf)
    letter = render_letter("granted", _ctx(), template=buf.getvalue())
    text = pdf_text(docx_to_pdf(letter))
    assert "平罗县卫生健康局" in text and "平卫依申〔2026〕3号-1" in text
    assert "张三：您申请的信息为：2023年资金分配文件。" in text


def test_a_letter_pdf_is_made_once_per_process(agency_a, monkeypatch, correction_notice):
    from collections import OrderedDict

    from gongkai.web.requests import letters_pdf

    monkeypatch.setattr(letters_pdf, "_made", OrderedDict())
    req = correction_notice()
    letter = req.letters.get()
    made = []
    real = letters_pdf.docx_to_pdf
    monkeypatch.setattr(letters_pdf, "docx_to_pdf", lambda data: made.append(1) or real(data))
    first, second = letters_pdf.letter_pdf(letter), letters_pdf.letter_pdf(letter)
    assert first == second and first.startswith(b"%PDF") and made == [1]
