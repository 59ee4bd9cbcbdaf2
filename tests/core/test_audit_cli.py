"""`gongkai audit` as a user runs it: tables, JSON lines, CSV, folders, exit statuses."""

from __future__ import annotations

import codecs
import csv
import json

from gongkai.cli import main
from gongkai.report.model import Report
from gongkai.report.render import to_markdown
from tests.conftest import FIXTURES, seed

HONGZE_2023 = FIXTURES / "reports" / "hongze-2023.pdf"
HONGZE_2024 = FIXTURES / "reports" / "hongze-2024.pdf"


def clean_report(tmp_path):
    report = Report.empty("2021", agency="平罗县卫生健康局", year=2021)
    for table in (report.proactive, report.requests, report.appeals):
        for cells in table.values():
            for key in cells:
                cells[key] = 0
    for key in ("overview", "problems", "other"):
        report.text[key] = "无。"
    path = tmp_path / "clean.md"
    path.write_text(to_markdown(report), encoding="utf-8")
    return path


def test_it_prints_seed_000s_findings_and_exits_1(capsys):
    assert main(["audit", str(seed("000"))]) == 1
    out = capsys.readouterr().out
    assert "平罗县卫生健康局 2021 年度" in out
    assert "narrative.sum" in out
    assert "1297" in out


def test_a_report_without_errors_exits_0(capsys, tmp_path):
    assert main(["audit", str(clean_report(tmp_path))]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_json_prints_one_object_per_report_per_line(capsys):
    assert main(["audit", "--json", str(seed("000")), str(HONGZE_2024)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"path", "report", "findings"}
    assert first["path"] == str(seed("000"))
    assert first["report"]["agency"] == "平罗县卫生健康局"
    assert set(first["findings"][0]) == {"code", "severity", "where", "message"}
    assert "narrative.table_conflict" in {f["code"] for f in second["findings"]}


def test_an_unreadable_input_exits_2_and_the_others_are_still_audited(capsys, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    status = main(["audit", str(broken), str(clean_report(tmp_path))])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err == f"错误：PDF 文件已损坏，无法解析：{broken}\n"  # the path, once
    assert "未发现问题" in captured.out


def test_a_folder_is_audited_recursively_with_a_summary(capsys, tmp_path):
    (tmp_path / "sub").mkdir()
    clean_report(tmp_path / "sub")
    (tmp_path / "notes.xyz").write_text("ignored", encoding="utf-8")
    (tmp_path / "seed.txt").write_text(seed("002").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["audit", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "共读取报告 2 份（无法读取 0 份）" in out
    assert "year.conflict" in out
    assert "按代码统计" in out


def test_csv_has_one_row_per_finding_with_a_bom_for_excel(capsys, tmp_path):
    target = tmp_path / "findings.csv"
    assert main(["audit", "--json", "--csv", str(target), str(seed("000"))]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["文件", "机关", "年度", "代码", "严重程度", "位置", "说明"]
    assert len(rows) == 1 + len(findings)
    assert rows[1][:3] == [str(seed("000")), "平罗县卫生健康局", "2021"]
    assert [r[3] for r in rows[1:]] == [f["code"] for f in findings]


def test_previous_compares_the_carry_over(capsys):
    status = main(["audit", "--json", "--previous", str(HONGZE_2023), str(HONGZE_2024)])
    report = json.loads(capsys.readouterr().out)
    assert status == 0 or any(f["severity"] == "error" for f in report["findings"])
    assert "cross_year.carry_over" not in {f["code"] for f in report["findings"]}


def test_an_unreadable_previous_report_exits_2_after_auditing_without_it(capsys, tmp_path):
    status = main(
        ["audit", "--previous", str(tmp_path / "missing.pdf"), str(clean_report(tmp_path))]
    )
    captured = capsys.readouterr()
    assert status == 2
    assert "无法读取上年报告" in captured.err
    assert "未发现问题" in captured.out


def test_an_unreadable_file_is_a_json_line_and_a_csv_row_too(capsys, tmp_path):
    broken = tmp_path / "a-broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    clean = clean_report(tmp_path)
    out = tmp_path / "findings.csv"
    status = main(["audit", "--json", "--csv", str(out), str(broken), str(clean)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.err == f"错误：PDF 文件已损坏，无法解析：{broken}\n"
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert lines[0] == {"path": str(broken), "error": f"PDF 文件已损坏，无法解析：{broken}"}
    assert lines[1]["path"] == str(clean) and lines[1]["findings"] == []
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1] == [
        str(broken),
        "",
        "",
        "document.unreadable",
        "错误",
        "document",
        f"PDF 文件已损坏，无法解析：{broken}",
    ]
    assert len(rows) == 2  # the header and the unreadable file: the clean report has none
