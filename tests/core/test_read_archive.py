"""Archived text: every fixture with every whitespace removed, an archive header on top.

Each fixture (the seeds, the PDFs' text, the HTML's visible text, the DOCX) is read as
published, then stripped of every whitespace character and read again. Every cell the
archived reading fills must equal the cell read from the published document, and must be
forced: a brute force below, independent of the reader, lists every way the printed
digits can be cut into the table's cells under the reconciliation rules, and a filled
cell must take the same value in all of them.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations, pairwise
from pathlib import Path

import pytest

from gongkai.documents import extract_text
from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    Report,
)
from gongkai.report.read import read_path, read_text
from gongkai.report.read_result import Reading
from tests.conftest import FIXTURES, seed
from tests.conftest import report_cells as cells

SOURCES = sorted(
    [
        *(FIXTURES / "seeds").glob("*.txt"),
        *(FIXTURES / "html").glob("*.html"),
        *(FIXTURES / "reports").glob("*.pdf"),
        *(FIXTURES / "reports").glob("*.docx"),
        *(FIXTURES / "docx").glob("*.docx"),
    ]
)
NAMES = [p.name for p in SOURCES]


def archived(text: str, title: str, agency: str, published: str, url: str) -> str:
    """What a web archive keeps: a key: value header, a separator, the body on one line."""
    header = [
        f"标题:{title}",
        f"发布时间:{published}",
        "文号:",
        f"发布机构:{agency}",
        f"原文链接:{url}",
        "-" * 40,
    ]
    return "\n".join(header) + "\n" + re.sub(r"\s+", "", text)


@cache
def original(name: str) -> Reading:
    return read_path(_path(name))


@cache
def stripped(name: str) -> Reading:
    path = _path(name)
    report = original(name).report
    text = archived(
        extract_text(path),
        report.text.get("title", "").replace(" ", ""),
        report.agency or "",
        report.published_on or "",
        f"https://www.example.gov.cn/{path.stem}.html",
    )
    return read_text(text, source=f"archived:{name}")


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def _path(name: str) -> Path:
    return next(p for p in SOURCES if p.name == name)


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_read_from_archived_text_equals_the_published_cell(name: str) -> None:
    before = cells(original(name).report)
    after = cells(stripped(name).report)
    wrong = {k: (before[k], v) for k, v in after.items() if v is not None and v != before[k]}
    assert wrong == {}


@pytest.mark.parametrize("name", NAMES)
def test_no_cell_is_filled_that_the_digits_and_rules_do_not_force(name: str) -> None:
    forced = forced_cells(original(name).report)
    after = cells(stripped(name).report)
    unforced = {k for k, v in after.items() if v is not None and forced.get(k) != v}
    assert unforced == set()


def test_at_least_nine_cells_in_ten_are_read_from_archived_text() -> None:
    printed = filled = 0
    for name in NAMES:
        before = cells(original(name).report)
        after = cells(stripped(name).report)
        printed += sum(v is not None for v in before.values())
        filled += sum(after[k] is not None for k, v in before.items() if v is not None)
    # 2,137 of the 2,181 cells the published documents print (98.0 %): what stays open
    # is 表二 of the 2019 format (nothing constrains "5321590" into three figures) and
    # hongze-2023's 表四, whose printed totals do not add up (no cut keeps the rules).
    assert filled / printed >= 0.9
    assert filled == 2137


@pytest.mark.parametrize("name", NAMES)
def test_the_archive_header_is_not_the_agency_and_the_year_is_found(name: str) -> None:
    before, after = original(name), stripped(name)
    assert after.report.agency == before.report.agency
    assert after.report.year == before.report.year
    assert after.report.format == before.report.format
    assert after.sections_found == before.sections_found or len(after.sections_found) == 6


@pytest.mark.parametrize("name", NAMES)
def test_the_prose_of_each_section_is_the_published_prose(name: str) -> None:
    def squeeze(reading: Reading) -> dict[str, str]:
        return {k: re.sub(r"\s+", "", v) for k, v in reading.report.text.items() if v.strip()}

    assert squeeze(stripped(name)) == squeeze(original(name))


def test_hongze_2023_table_4_whose_totals_do_not_add_up_stays_unread() -> None:
    # Printed 10 1 0 0 0 | 0 0 0 0 0 | 5 0 0 0 0: "1010000000050000" has no cut that keeps
    # every 总计, so no cell is filled rather than a wrong one.
    r = stripped("hongze-2023.html")
    assert all(v is None for g in r.report.appeals.values() for v in g.values())


def test_a_run_of_table_2_that_admits_several_cuts_stays_unread() -> None:
    text = (
        ARCHIVE_HEADER
        + "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数"
        + (
            "现行有效件数规章693665行政规范性文件308第二十条第（五）项信息内容本年处理决定数量行政许可12"
        )
    )
    r = read_text(text + TABLE_3_AND_4)
    assert r.report.proactive["rules"] == {"issued": None, "abolished": None, "in_force": None}
    assert r.report.proactive["normative_documents"] == {"issued": 3, "abolished": 0, "in_force": 8}
    assert r.report.proactive["licensing"] == {"decisions": 12}


def test_the_example_of_the_issue_is_split_by_its_row_total() -> None:
    r = read_text(ARCHIVE_HEADER + "二、主动公开政府信息情况" + TABLE_3_AND_4)
    assert [r.report.requests["new"][c] for c in REQUEST_COLUMNS] == [64, 0, 0, 2, 0, 4, 70]
    assert r.report.agency == "平潭综合实验区"
    assert not any("标题" in (f.message or "") for f in r.findings)


def test_a_group_that_two_cuts_satisfy_stays_unread_where_they_differ() -> None:
    # 表四's review group "1120013": 11 2 0 0 13 or 1 12 0 0 13 — both add up. The zeros
    # and the total are the same in both cuts, 维持 and 纠正 are not.
    body = TABLE_3_AND_4.replace("000000000000000五、", "11200130000000000五、")
    r = read_text(ARCHIVE_HEADER + body)
    review = r.report.appeals["review"]
    assert review == {"upheld": None, "corrected": None, "other": 0, "pending": 0, "total": 13}
    assert r.report.appeals["litigation_direct"]["total"] == 0


def test_a_row_whose_digits_contradict_the_column_totals_is_not_filled_from_them() -> None:
    # 一 printed "1120000113" (13 requests) while 予以公开 and 总计 say 70: no cut of the
    # row fits, and the columns must not overwrite what the row prints.
    body = TABLE_3_AND_4.replace("申请数量640020470", "申请数量1120000113", 1)
    r = read_text(ARCHIVE_HEADER + body)
    assert all(v is None for v in r.report.requests["new"].values())
    assert r.report.requests["total"]["natural_person"] == 64


def test_a_long_paragraph_citing_table_labels_is_not_read_as_archived_rows() -> None:
    # Prose may name a row and its figure; that is not the table, which comes later.
    paragraph = (
        "2021年，本局本年新收政府信息公开申请数量21件，上年结转政府信息公开申请数量0件，"
        "其中予以公开15件，部分公开3件，不予公开3件，（七）总计21件，结转下年度继续办理0件。"
    ) * 3
    text = seed_text("000")
    marker = "### 一、总体情况"
    assert marker in text
    r = read_text(text.replace(marker, marker + "\n\n" + paragraph))
    assert len(paragraph) > 200
    assert cells(r.report) == cells(read_text(text).report)


ARCHIVE_HEADER = (
    "标题:平潭综合实验区2023年政府信息公开工作年度报告\n发布时间:2024-01-20\n文号:\n"
    "发布机构:平潭综合实验区管理委员会\n原文链接:https://www.pingtan.gov.cn/x.html\n"
    + "=" * 30
    + "\n"
)
_ZERO_ROWS = "".join(
    f"{label}0000000"
    for label in (
        "（三）不予公开1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    )
)
TABLE_3_AND_4 = (
    "三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构"
    "社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量640020470"
    "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开640020470"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
    + _ZERO_ROWS
    + "（七）总计640020470四、结转下年度继续办理0000000"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
    "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果"
    "尚未审结总计000000000000000五、存在的主要问题及改进情况无。"
)


# ---------------------------------------------------------------- the brute force
def _cuts(digits: str, n: int) -> list[tuple[int, ...]]:
    """Every cut of `digits` into n figures without leading zeros."""
    out = []
    for cut in combinations(range(1, len(digits)), n - 1):
        pieces = [digits[a:b] for a, b in pairwise((0, *cut, len(digits)))]
        if all(p == "0" or p[0] != "0" for p in pieces):
            out.append(tuple(int(p) for p in pieces))
    return out


def _signed_cuts(text: str, signed: list[bool]) -> list[tuple[int, ...]]:
    out = []
    for cut in combinations(range(1, len(text)), len(signed) - 1):
        pieces = [text[a:b] for a, b in pairwise((0, *cut, len(text)))]
        ok = all(
            re.fullmatch(r"[-+]?(0|[1-9]\d*)" if sign else r"0|[1-9]\d*", p)
            for p, sign in zip(pieces, signed, strict=True)
        )
        if ok:
            out.append(tuple(int(p) for p in pieces))
    return out


def forced_cells(report: Report) -> dict[tuple[str, str, str], object]:
    """Each cell whose value is the same in every reading the printed digits allow."""
    out: dict[tuple[str, str, str], object] = {}
    fmt = report.format
    # 表三: each row's digits, cut so that the row adds up, then the column rules jointly.
    rows: list[tuple[str, list[tuple[int, ...]]]] = []
    for rowdef in REQUEST_ROWS[fmt]:
        values = [report.requests[rowdef.key][c] for c in REQUEST_COLUMNS]
        if any(v is None or isinstance(v, float) for v in values):
            continue
        ways = [w for w in _cuts("".join(map(str, values)), 7) if sum(w[:6]) == w[6]]
        rows.append((rowdef.key, ways))
    disposition = [r.key for r in REQUEST_ROWS[fmt] if r.disposition]
    solutions = []

    def consistent(assigned: dict[str, tuple[int, ...]]) -> bool:
        for col in range(7):
            whole = all(k in assigned for k in [*disposition, "total"])
            if whole and sum(assigned[k][col] for k in disposition) != assigned["total"][col]:
                return False
            balance = ("new", "carried_over", "total", "carry_forward")
            if all(k in assigned for k in balance):
                a = assigned["new"][col] + assigned["carried_over"][col]
                if a != assigned["total"][col] + assigned["carry_forward"][col]:
                    return False
        return True

    def walk(i: int, assigned: dict[str, tuple[int, ...]]) -> None:
        if i == len(rows):
            if consistent(assigned):
                solutions.append(dict(assigned))
            return
        key, ways = rows[i]
        for way in ways:
            assigned[key] = way
            walk(i + 1, assigned)
        del assigned[key]

    walk(0, {})
    for key, _ in rows:
        for c, col in enumerate(REQUEST_COLUMNS):
            seen = {s[key][c] for s in solutions}
            if len(seen) == 1:
                out[("requests", key, col)] = seen.pop()
    assert len(APPLICANT_COLUMNS) == 6
    # 表四: one run of 15 figures, each group adding up.
    values4 = [report.appeals[g][f] for g in APPEAL_GROUPS for f in APPEAL_FIELDS]
    if all(isinstance(v, int) for v in values4):
        ways4 = [
            w
            for w in _cuts("".join(map(str, values4)), 15)
            if all(sum(w[5 * g : 5 * g + 4]) == w[5 * g + 4] for g in range(3))
        ]
        for i, (g, f) in enumerate((g, f) for g in APPEAL_GROUPS for f in APPEAL_FIELDS):
            seen4 = {w[i] for w in ways4}
            if len(seen4) == 1:
                out[("appeals", g, f)] = seen4.pop()
    # 表二: each row alone; a single figure is the whole run.
    for key, fields in report.proactive.items():
        values2 = list(fields.values())
        if any(v is None for v in values2):
            continue
        if len(values2) == 1:
            out[("proactive", key, next(iter(fields)))] = values2[0]
            continue
        if any(not isinstance(v, int) for v in values2):
            continue
        # Whole figures; only 本年增/减 (2019) carries a sign.
        signed = [name == "change" for name in fields]
        ways2 = _signed_cuts("".join(map(str, values2)), signed)
        for i, name in enumerate(fields):
            seen2 = {w[i] for w in ways2}
            if len(seen2) == 1:
                out[("proactive", key, name)] = seen2.pop()
    return out
