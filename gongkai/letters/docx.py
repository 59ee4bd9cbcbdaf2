"""DOCX templates with `{{placeholders}}`: the default ones, and filling uploaded ones.

Word splits text into runs wherever formatting, spell-checking or editing history says so:
"{{applicant_name}}" may arrive as "{{", "applicant", "_name}}". Filling therefore works
on the text of a whole paragraph and maps each placeholder back onto the runs it spans;
the value takes the formatting of the run where the placeholder starts.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from datetime import datetime, time

import docx
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from gongkai.docx_fonts import set_fonts
from gongkai.letters.context import (
    LetterContext,
    empty_placeholders,
    known_placeholders,
    letter_values,
    spec_for,
)
from gongkai.letters.kinds import LetterSpec

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "宋体"


# ---------------------------------------------------------------- reading
def _open(template: bytes) -> DocumentObject:
    try:
        return docx.Document(io.BytesIO(template))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValueError("无法读取模板：不是有效的 Word（.docx）文件") from None


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def _paragraphs(doc: DocumentObject) -> Iterator[Paragraph]:
    """Every paragraph a placeholder may sit in: body, tables, headers and footers."""
    yield from doc.paragraphs
    for table in doc.tables:
        yield from _table_paragraphs(table)
    for section in doc.sections:
        for part in (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            yield from part.paragraphs
            for table in part.tables:
                yield from _table_paragraphs(table)


def placeholders(template: bytes) -> set[str]:
    """The placeholder names used in a DOCX template (raises `ValueError` if unreadable)."""
    doc = _open(template)
    found: set[str] = set()
    for p in _paragraphs(doc):
        found.update(m.group(1) for m in PLACEHOLDER.finditer("".join(r.text for r in p.runs)))
    return found


def unknown_placeholders(template: bytes, extra: frozenset[str] = frozenset()) -> list[str]:
    """Placeholders of `template` that gongkai cannot fill, sorted (empty when all is well)."""
    return sorted(placeholders(template) - known_placeholders() - extra)


def check_template(template: bytes) -> list[str]:
    """Chinese messages about an uploaded template; empty when it can be used."""
    try:
        unknown = unknown_placeholders(template)
    except ValueError as exc:
        return [str(exc)]
    if not unknown:
        return []
    names = "、".join("{{" + n + "}}" for n in unknown)
    return [f"模板中有无法识别的占位符：{names}。可用的占位符见文书模板说明。"]


# ---------------------------------------------------------------- filling
def _fill_paragraph(p: Paragraph, values: Mapping[str, str]) -> bool:
    """Replace the placeholders of one paragraph; True when it was only placeholders and
    they all came out empty (the paragraph then has nothing to say)."""
    runs = p.runs
    texts = [r.text for r in runs]
    full = "".join(texts)
    matches = list(PLACEHOLDER.finditer(full))
    if not matches:
        return False
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t)

    def run_at(offset: int) -> int:
        i = 0
        while i + 1 < len(starts) and starts[i + 1] <= offset:
            i += 1
        return i

    for m in reversed(matches):
        value = values[m.group(1)]
        s, e = m.span()
        i, j = run_at(s), run_at(e - 1)
        if i == j:
            texts[i] = texts[i][: s - starts[i]] + value + texts[i][e - starts[i] :]
        else:
            texts[i] = texts[i][: s - starts[i]] + value
            for k in range(i + 1, j):
                texts[k] = ""
            texts[j] = texts[j][e - starts[j] :]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text
    only_placeholders = not PLACEHOLDER.sub("", full).strip()
    return only_placeholders and not "".join(texts).strip()


def fill(doc: DocumentObject, values: Mapping[str, str]) -> None:
    """Fill every placeholder of `doc`; drop body paragraphs left empty by empty values."""
    body = {id(p._p) for p in doc.paragraphs}
    for p in list(_paragraphs(doc)):
        if _fill_paragraph(p, values) and id(p._p) in body:
            p._p.getparent().remove(p._p)


def render_letter(
    kind: str,
    context: LetterContext | Mapping[str, object],
    template: bytes | None = None,
) -> bytes:
    """The letter of `kind` as DOCX bytes, from the agency's `template` or the default one.

    `context` is a `LetterContext` (checked: the fields the kind needs must be there) or a
    mapping of placeholder names to values (dates become 2024年3月4日; missing ones are
    empty). A placeholder the template uses but gongkai does not know raises `ValueError`.
    """
    spec = spec_for(kind)
    values = letter_values(spec, context)
    source = template if template is not None else default_template(kind)
    extra = frozenset() if isinstance(context, LetterContext) else frozenset(values)
    unknown = unknown_placeholders(source, extra)
    if unknown:
        names = "、".join("{{" + n + "}}" for n in unknown)
        raise ValueError(f"模板中有无法识别的占位符：{names}")
    if isinstance(context, LetterContext):
        empty = empty_placeholders(placeholders(source), values)
        if empty:  # never a letter saying "缴纳方式：。" or "补正期限至。"
            raise ValueError(f"{spec.title}缺少以下内容，未生成文书：{'、'.join(empty)}")
    doc = _open(source)
    fill(doc, values)
    props = doc.core_properties
    props.title = f"{values['agency_name']}{spec.title}".strip()
    if isinstance(context, LetterContext):
        stamp = datetime.combine(context.letter_date, time(0, 0))
        props.created = props.modified = stamp
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- default templates
def _font(run_or_style: object, name: str, size: float, bold: bool = False) -> None:
    font = run_or_style.font  # type: ignore[attr-defined]
    font.size = Pt(size)
    font.bold = bold
    set_fonts(run_or_style.element.get_or_add_rPr(), name)  # type: ignore[attr-defined]


def _para(doc: DocumentObject, text: str, *, align: str = "body", bold: bool = False) -> None:
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(28)
    if align == "body":
        fmt.first_line_indent = Pt(32)  # two characters of 三号
    elif align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run(text)
    if align == "title":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(run, TITLE_FONT, 22, bold=True)
    elif bold:
        run.bold = True


def _opening(spec: LetterSpec) -> str:
    if spec.to_applicant:
        return (
            "本机关于{{received_on}}收到您提出的政府信息公开申请，申请公开的信息为：{{description}}。"
            + ("现答复如下：" if spec.remedies else "")
        )
    return ""


def default_template(kind: str) -> bytes:
    """The default DOCX template of `kind`, with `{{placeholders}}` (GB/T 9704-like layout)."""
    spec = spec_for(kind)
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _font(doc.styles["Normal"], BODY_FONT, 16)

    _para(doc, "{{agency_name}}", align="title")
    _para(doc, spec.title, align="title")
    _para(doc, "{{letter_number}}", align="right")
    _para(doc, "{{addressee}}：", align="left")
    opening = _opening(spec)
    if opening:
        _para(doc, opening)
    for paragraph in spec.body:
        _para(doc, paragraph)
    _para(doc, "{{reason_line}}")
    if spec.remedies:
        _para(doc, "{{remedies}}")
    _para(doc, "{{contact_line}}")
    _para(doc, "")
    _para(doc, "{{agency_name}}", align="right")
    _para(doc, "{{letter_date}}", align="right")
    props = doc.core_properties
    props.title = spec.title
    props.author = "gongkai"
    props.created = props.modified = datetime(2019, 5, 15)  # the 条例 (2019) took effect
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
