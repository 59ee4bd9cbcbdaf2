"""The DOCX export: the official template's table layout, fonts Word and WPS can show, text."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    DECIMAL_FIELDS,
    PROACTIVE_ITEMS,
    SECTION_TITLES,
    FormatName,
    Report,
    disposition_keys,
    request_row_keys,
)
from gongkai.report.render.docx import to_docx

TEMPLATE = Path(__file__).parents[1] / "fixtures" / "reports" / "official-template-2021.docx"


def sample_report(fmt: FormatName = "2021") -> Report:
    """A report whose cells all differ, that balances, with prose in every section."""
    report = Report.empty(fmt, agency="平罗县卫生健康局", year=2023)
    report.published_on = "2024-01-20"
    report.text = {
        "title": "平罗县卫生健康局2023年政府信息公开工作年度报告",
        "overview": "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
        "（一）主动公开情况。全年主动公开政府信息120条。",
        "problems": "一是公开内容不够全面。二是政策解读形式较为单一。",
        "other": "本年度未收取信息处理费。",
    }
    n = 1
    for item in PROACTIVE_ITEMS[fmt]:
        for name in item.fields:
            report.proactive[item.key][name] = 1.25 if name in DECIMAL_FIELDS else n
            n += 1
    for key in disposition_keys(fmt):
        for column in APPLICANT_COLUMNS:
            report.requests[key][column] = n % 7
            n += 1
    for column in APPLICANT_COLUMNS:
        total = sum(report.requests[k][column] or 0 for k in disposition_keys(fmt))
        report.requests["total"][column] = total
        report.requests["carried_over"][column] = 1
        report.requests["carry_forward"][column] = 2
        report.requests["new"][column] = total + 1
    for key in request_row_keys(fmt):
        row = report.requests[key]
        row["total"] = sum(row[c] or 0 for c in APPLICANT_COLUMNS)
    for group in APPEAL_GROUPS:
        values = [n, n + 1, 0, 1]
        n += 2
        report.appeals[group] = dict(zip(APPEAL_FIELDS, [*values, sum(values)], strict=True))
    return report


def _document(report: Report) -> docx.document.Document:
    return docx.Document(BytesIO(to_docx(report)))


def _layout(table) -> list[list[tuple[int, str | None, str]]]:
    """Each row as (grid span, vertical merge, label text) per cell; figures left out."""
    out = []
    for row in table.rows:
        cells = []
        for tc in row._tr.tc_lst:
            text = re.sub(r"\s+", "", "".join(Paragraph(p, None).text for p in tc.p_lst))
            label = "" if re.fullmatch(r"[\d.]*", text) else text
            cells.append((tc.grid_span, tc.vMerge, label))
        out.append(cells)
    return out


def test_its_tables_have_the_merged_cells_and_labels_of_the_official_template():
    template = docx.Document(str(TEMPLATE))
    ours = _document(sample_report())
    assert len(ours.tables) == 3
    for mine, official in zip(ours.tables, template.tables, strict=True):
        assert _layout(mine) == _layout(official)


def test_its_cells_hold_the_figures_where_the_template_puts_them():
    tables = _document(sample_report()).tables
    proactive, requests, appeals = tables
    assert [c.text for c in proactive.rows[2].cells] == ["规章", "1", "2", "3"]
    assert proactive.rows[6].cells[1].text == "7"  # 行政许可 spans three columns
    assert proactive.rows[13].cells[1].text == "1.25"  # 行政事业性收费 (万元)
    granted = requests.rows[5]
    assert granted.cells[1].text.startswith("（一）予以公开")
    assert [c.text for c in granted.cells[3:]] == ["4", "5", "6", "0", "1", "2", "18"]
    assert [c.text for c in requests.rows[27].cells[3:]] == ["2"] * 6 + ["12"]
    assert requests.rows[27].cells[0].text == "四、结转下年度继续办理"
    assert [c.text for c in appeals.rows[3].cells[:5]] == ["137", "138", "0", "1", "276"]


def test_it_writes_the_title_the_period_and_the_six_sections_in_order():
    texts = [p.text for p in _document(sample_report()).paragraphs if p.text]
    assert texts[0] == "平罗县卫生健康局2023年政府信息公开工作年度报告"
    assert texts[1] == "2024年1月20日"
    assert "本报告统计数据从2023年1月1日至12月31日。" in texts[2]
    headings = [t for t in texts if t in SECTION_TITLES.values()]
    assert headings == list(SECTION_TITLES.values())
    after_overview = texts[texts.index("一、总体情况") + 1]
    assert after_overview.startswith("2023年，我局认真贯彻落实")
    assert texts[-1] == "本年度未收取信息处理费。"


def test_every_run_names_an_east_asian_font_for_word_and_wps():
    document = _document(sample_report())
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r
        for t in document.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert runs
    fonts = {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in runs}
    assert fonts <= {"仿宋", "宋体", "黑体"}
    assert None not in fonts


def test_it_leaves_unknown_cells_blank_rather_than_zero():
    report = sample_report()
    report.requests["granted"]["natural_person"] = None
    requests = _document(report).tables[1]
    assert requests.rows[5].cells[3].text == ""


def test_the_2019_format_has_one_other_row_and_the_2019_proactive_items():
    proactive, requests, _ = _document(sample_report("2019")).tables
    labels = [row.cells[0].text for row in proactive.rows]
    assert "第二十条第（九）项" in labels
    assert "其他对外管理服务事项" in labels
    assert len(requests.rows) == 3 + 2 + 19 + 2  # headers, 一 二, dispositions, 总计, 四
    assert requests.rows[23].cells[1].text == "（六）其他处理"
