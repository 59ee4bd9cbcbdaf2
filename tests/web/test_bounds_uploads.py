"""DOCX letter templates and holiday-schedule files: what is too large is refused, never cut."""

from __future__ import annotations

import io
import zipfile

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.letters import default_template
from gongkai.web.requests.models import HolidaySchedule, LetterTemplate
from gongkai.zipguard import ArchiveLimits, count_elements, open_archive

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_with_body(body: str) -> bytes:
    """A real DOCX (python-docx's default parts) whose body is `body`."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    source = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}'
                    "</w:body></w:document>"
                ).encode()
            z.writestr(info.filename, data)
    return out.getvalue()


def upload_template(client, data: bytes, name="补正.docx"):
    return client.post(
        "/desk/templates/",
        {"kind": "correction_notice", "file": SimpleUploadedFile(name, data)},
    )


def test_a_million_paragraphs_are_refused_before_python_docx_reads_them(ada_client):
    bomb = docx_with_body("<w:p/>" * 1_000_000)
    assert len(bomb) < 200 * 1024  # the 135 KB bomb of issue 10
    page = upload_template(ada_client, bomb).content.decode()
    assert "模板超过 5000 个段落" in page
    assert not LetterTemplate.objects.exists()


def test_a_template_declaring_a_huge_part_is_refused(ada_client):
    from .test_xlsx_limits import declare_size

    bomb = declare_size(docx_with_body("<w:p/>"), "word/document.xml", 500 * 1024 * 1024)
    page = upload_template(ada_client, bomb).content.decode()
    assert "word/document.xml 解压后为 500 MB，超过上限 10 MB" in page
    assert not LetterTemplate.objects.exists()


def test_an_ordinary_template_still_passes(ada_client):
    response = upload_template(ada_client, default_template("correction_notice"))
    assert response.status_code == 302
    assert LetterTemplate.objects.count() == 1


def test_paragraphs_are_counted_under_any_prefix_and_across_chunks():
    body = "<p>" + "x" * 70_000 + "</p>" + "<w:p w:rsidR='1'/>" * 7000 + "<w:pPr/>"
    book = open_archive(docx_with_body(body), ArchiveLimits(), "DOCX 模板")
    assert count_elements(book, "word/document.xml", "p", 100_000) == 7001
    early = count_elements(book, "word/document.xml", "p", 10)
    assert 10 < early < 7001  # stopped after the chunk that went past the ceiling


SCHEDULE = 'year = 2027\nsource = "测试"\nholidays = ["2027-03-10..2027-03-12"]\n'


def test_a_schedule_over_the_limit_is_refused_not_cut(greta_client):
    """A schedule over 256 KB used to be cut and loaded without its holidays."""
    padded = "# 说明\n" * 20_000 + SCHEDULE  # the holidays come last
    upload = SimpleUploadedFile("2027.toml", padded.encode())
    response = greta_client.post("/desk/holidays/", {"file": upload})
    page = response.content.decode()
    assert "节假日安排文件超过 64 KB" in page and "未载入" in page
    assert not HolidaySchedule.objects.exists()


def test_a_schedule_within_the_limit_is_loaded_whole(greta_client):
    padded = "# 说明\n" * 1000 + SCHEDULE
    upload = SimpleUploadedFile("2027.toml", padded.encode())
    assert greta_client.post("/desk/holidays/", {"file": upload}).status_code == 302
    assert HolidaySchedule.objects.get().text == padded
