"""Many reports at once: folders, parallel reading, the summary and the writers (library and CLI)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from gongkai.cli import main
from gongkai.report import Summary, audit_files, read_files, report_files, write_csv
from gongkai.report.batch import CSV_HEADER, PARALLEL_FROM
from tests.conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seeds and the HTML fixtures, copied until the folder is worth a process pool."""
    sources = [*SEEDS, *sorted((FIXTURES / "html").glob("*.html"))]
    sub = tmp_path / "reports" / "sub"
    sub.mkdir(parents=True)
    for i in range(PARALLEL_FROM + 8):
        src = sources[i % len(sources)]
        target = (sub if i % 3 == 0 else sub.parent) / f"{i:03d}-{src.name}"
        shutil.copy(src, target)
    (sub.parent / "notes.csv").write_text("not a report\n", encoding="utf-8")
    return sub.parent


def test_folders_are_walked_recursively_in_name_order_with_report_suffixes_only(
    folder: Path,
) -> None:
    files = report_files([folder])
    assert len(files) == PARALLEL_FROM + 8
    assert files == sorted(files)
    assert all(p.suffix in (".txt", ".html") for p in files)
    one = SEEDS[0]
    assert report_files([one, folder])[0] == one  # a file is taken as given


def test_parallel_audit_gives_what_one_process_gives_in_the_same_order(folder: Path) -> None:
    alone = [item.to_json() for item in audit_files([folder], jobs=1)]
    pooled = [item.to_json() for item in audit_files([folder], jobs=2)]
    assert pooled == alone
    assert [a["path"] for a in alone] == [str(p) for p in report_files([folder])]


def test_the_summary_counts_reports_cells_errors_and_codes(folder: Path) -> None:
    (folder / "broken.docx").write_bytes(b"not a zip")
    summary = Summary()
    items = list(audit_files([folder], jobs=1))
    for item in items:
        summary.add(item)
    assert summary.reports == PARALLEL_FROM + 8
    assert summary.unreadable == 1
    assert summary.cells == sum(i.cells_read for i in items if i.problem is None)
    assert summary.with_errors == sum(i.has_error for i in items)
    assert summary.findings == sum(len(i.findings) for i in items)
    assert summary.exit_status() == 2
    assert summary.sentence().startswith(f"共读取报告 {PARALLEL_FROM + 8} 份（无法读取 1 份）")
    (broken,) = [i for i in items if i.problem is not None]
    assert broken.path.endswith("broken.docx") and "DOCX" in broken.problem


def test_csv_rows_are_one_per_finding_with_a_chinese_header(tmp_path: Path) -> None:
    items = list(audit_files(SEEDS[:2]))
    handle = io.StringIO()
    write_csv(handle, items)
    lines = handle.getvalue().splitlines()
    assert lines[0] == ",".join(CSV_HEADER)
    assert len(lines) == 1 + sum(len(i.findings) for i in items)
    path = tmp_path / "out.csv"
    write_csv(path, items)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8


def test_read_files_gives_the_readers_findings_only() -> None:
    (item,) = read_files([SEEDS[0]])
    assert item.report is not None and item.report.agency == "平罗县卫生健康局"
    assert {f.code for f in item.findings} <= {"cell.missing", "cell.inferred", "label.nonstandard"}


def test_cli_audit_jobs_gives_the_same_lines(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    status_one = main(["audit", "--json", "--jobs", "1", str(folder)])
    one = capsys.readouterr().out
    status_two = main(["audit", "--json", "--jobs", "2", str(folder)])
    two = capsys.readouterr().out
    assert status_one == status_two
    assert one == two
    assert len(one.splitlines()) == PARALLEL_FROM + 8


def test_cli_parse_accepts_a_folder_one_compact_line_per_report(folder: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["parse", str(folder)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == PARALLEL_FROM + 8
    assert all(json.loads(line)["schema"] for line in lines)


def test_jobs_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="进程数"):
        list(audit_files(SEEDS * 10, jobs=-1))


def test_tables_changed_after_reading_are_checked_again() -> None:
    # Two readings of one file share no cells: a report edited after reading gets the
    # findings of its new figures, and the other reading keeps its own.
    from gongkai.report.audit import audit
    from gongkai.report.read import read_path

    first, second = read_path(SEEDS[0]), read_path(SEEDS[0])
    assert "reconcile.row_total" not in {f.code for f in audit(first)}
    second.report.requests["new"]["total"] = 5
    assert "reconcile.row_total" in {f.code for f in audit(second)}
    assert "reconcile.row_total" not in {f.code for f in audit(first)}
    assert first.report.requests["new"]["total"] == 0  # readings never share their cells


def test_a_json_line_is_the_json_of_the_item(folder: Path) -> None:
    items = list(audit_files([folder]))
    items += list(audit_files([folder]))  # the second time, every row is in the caches
    for item in items:
        assert json.loads(item.json_line()) == item.to_json()
        assert "\n" not in item.json_line() and "\\u" not in item.json_line()  # Chinese as is
    (edited,) = audit_files([SEEDS[0]])
    assert edited.report is not None
    edited.report.requests["new"]["total"] = 5  # changed after reading: encoded afresh
    assert json.loads(edited.json_line())["report"]["requests"]["new"]["total"] == 5


def test_lines_only_items_give_the_same_lines_and_summary(folder: Path) -> None:
    full = list(audit_files([folder], jobs=1))
    light = list(audit_files([folder], jobs=2, json_lines=True, lines_only=True))
    assert [i.json_line() for i in light] == [i.json_line() for i in full]
    assert all(i.report is None for i in light)  # only what the summary needs came back
    one, two = Summary(), Summary()
    for a, b in zip(full, light, strict=True):
        one.add(a)
        two.add(b)
    assert one == two
