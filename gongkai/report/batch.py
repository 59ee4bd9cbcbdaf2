"""Many reports at once: folders walked, files read and audited (in parallel), a summary, writers.

What `gongkai audit` and `gongkai parse` do with a folder, for Python users:

    from gongkai.report import audit_files, Summary, write_csv

    summary = Summary()
    with open("out.jsonl", "w", encoding="utf-8") as out:
        for item in audit_files(["reports/"], jobs=4):
            summary.add(item)
            out.write(item.json_line() + "\\n")
    print(summary.sentence())

Results come back in the order of the files, whatever the number of processes. A file
that cannot be read is an item with its `problem` (a Chinese sentence), never an
exception. Framework-free.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import orjson

from gongkai.findings import SEVERITY_LABELS, Finding, Severity
from gongkai.report.model import Report
from gongkai.report.read_result import Reading, UnreadableDocument


def json_line(data: Any) -> str:
    """`data` as one line of compact JSON, Chinese as it is (not escaped).

    orjson encodes a report in 11 us where the standard library takes 95 us: the
    encoding was half the cost of `gongkai audit --json` per report.
    """
    return orjson.dumps(data).decode()


UNREADABLE = "document.unreadable"  # the CSV row of a file that cannot be read
CSV_HEADER = ("文件", "机关", "年度", "代码", "严重程度", "位置", "说明")
PARALLEL_FROM = 32  # fewer files than this are read in this process (no pool to start)
CHUNK = 16  # files handed to a worker at a time


def report_files(paths: Iterable[str | Path], suffixes: Iterable[str] | None = None) -> list[Path]:
    """Each file as given; each folder's documents, recursively, in name order."""
    from gongkai.documents import SUPPORTED_SUFFIXES

    wanted = frozenset(s.lower() for s in suffixes) if suffixes is not None else SUPPORTED_SUFFIXES
    out: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in wanted)
        else:
            out.append(path)
    return out


@dataclass
class Audited:
    """One file read (and audited): its report and findings, or why it could not be read."""

    path: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    cells_read: int = 0
    size_bytes: int = 0
    problem: str | None = None  # Chinese: why the file could not be read
    line: str | None = field(default=None, repr=False, compare=False)  # json_line, made early
    # (code, severity) of each finding, when only the line came back (audit_files(lines_only))
    codes: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def has_error(self) -> bool:
        return any(severity == "error" for _, severity in self.finding_codes())

    def finding_codes(self) -> list[tuple[str, str]]:
        """(code, severity) of each finding."""
        if self.codes is not None:
            return self.codes
        return [(f.code, f.severity) for f in self.findings]

    def to_json(self) -> dict[str, Any]:
        """`gongkai audit --json`'s object: path, report, findings."""
        out: dict[str, Any] = {"path": self.path}
        if self.problem is not None:
            out["error"] = self.problem
            return out
        assert self.report is not None
        out["report"] = self.report.to_json()
        out["findings"] = [f.to_json() for f in self.findings]
        return out

    def json_line(self) -> str:
        """`to_json` as one compact line of UTF-8 JSON (made where the file was audited)."""
        if self.line is None:
            self.line = json_line(self.to_json())
        return self.line

    def csv_rows(self) -> list[tuple[str, ...]]:
        """One row per finding, as `gongkai audit --csv` writes them (a file that cannot
        be read: one row, `document.unreadable`, with the reason)."""
        if self.problem is not None:
            error = SEVERITY_LABELS["error"]
            return [(self.path, "", "", UNREADABLE, error, "document", self.problem)]
        report = self.report
        agency = (report.agency or "") if report else ""
        year = str(report.year or "") if report else ""
        return [
            (
                self.path,
                agency,
                year,
                f.code,
                SEVERITY_LABELS[f.severity],
                f.where,
                f.message,
            )
            for f in self.findings
        ]


@dataclass
class Summary:
    """What a run over many files saw: for the exit status and the closing summary."""

    reports: int = 0
    cells: int = 0
    unreadable: int = 0
    with_errors: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    severities: dict[str, Severity] = field(default_factory=dict)

    def add(self, item: Audited) -> None:
        if item.problem is not None:
            self.unreadable += 1
            return
        self.reports += 1
        self.cells += item.cells_read
        codes = item.finding_codes()
        self.with_errors += any(severity == "error" for _, severity in codes)
        for code, severity in codes:
            self.codes[code] += 1
            self.severities[code] = cast(Severity, severity)

    @property
    def findings(self) -> int:
        return sum(self.codes.values())

    def sentence(self) -> str:
        """The summary in one Chinese sentence."""
        return (
            f"共读取报告 {self.reports} 份（无法读取 {self.unreadable} 份），"
            f"单元格 {self.cells} 个；有错误的报告 {self.with_errors} 份，"
            f"问题共 {self.findings} 条。"
        )

    def by_code(self) -> list[tuple[str, str, int]]:
        """(code, severity in Chinese, count), most frequent first."""
        return [
            (code, SEVERITY_LABELS[self.severities[code]], count)
            for code, count in sorted(self.codes.items(), key=lambda kv: (-kv[1], kv[0]))
        ]

    def exit_status(self) -> int:
        """0 no report with an error, 1 some report with an error, 2 a file unreadable."""
        if self.unreadable:
            return 2
        return 1 if self.with_errors else 0


def write_csv(target: str | Path | IO[str], items: Iterable[Audited]) -> None:
    """Every finding of `items` as CSV; a path is written in UTF-8 with BOM (Excel reads it)."""
    if isinstance(target, str | Path):
        # The BOM makes Excel take the file as UTF-8 instead of the system's GBK.
        with Path(target).open("w", encoding="utf-8-sig", newline="") as handle:
            _write_rows(handle, items)
    else:
        _write_rows(target, items)


def _write_rows(handle: IO[str], items: Iterable[Audited]) -> None:
    writer = csv.writer(handle)
    writer.writerow(CSV_HEADER)
    for item in items:
        writer.writerows(item.csv_rows())


# ---------------------------------------------------------------- reading, in parallel
def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def audit_files(
    paths: Iterable[str | Path],
    previous: Reading | None = None,
    jobs: int | None = 1,
    json_lines: bool = False,
    lines_only: bool = False,
) -> Iterator[Audited]:
    """Read and audit each file (folders walked), in file order; `jobs` processes (None: all).

    With `json_lines`, each item's `json_line()` is made where it was audited: in the
    worker processes, so that the one process writing the lines does not do it all.
    With `lines_only` too, items from worker processes carry their line, cells read and
    the (code, severity) of their findings but not the report and the findings
    themselves: what a summary and `gongkai audit --json` need, at a fraction of the
    cost of sending whole reports between processes.
    """
    work = _audit_json_worker if json_lines else _audit_worker
    if json_lines and lines_only:
        work = _audit_line_worker
    return _map(work, report_files(paths), jobs, previous)


def read_files(paths: Iterable[str | Path], jobs: int | None = 1) -> Iterator[Audited]:
    """Read each file (folders walked), in file order: the reader's findings only."""
    return _map(_read_worker, report_files(paths), jobs, None)


def unreadable_message(path: str | Path, exc: UnreadableDocument) -> str:
    """Why the file at `path` cannot be read, naming it once as given (or as walked).

    The reader's messages name the file (“文件为空：reports/a.txt”); one that does not is
    prefixed with it: “无法读取 reports/a.html：无法解析 HTML 文件”.
    """
    message = str(exc)
    return message if str(path) in message else f"无法读取 {path}：{message}"


_PREVIOUS: list[Reading | None] = [None]  # the previous year's reading, in each worker


def _read(path: Path) -> tuple[Audited, Reading | None]:
    from gongkai.report.read import read_path

    try:
        reading = read_path(path)
    except UnreadableDocument as exc:
        return Audited(str(path), problem=unreadable_message(path, exc)), None
    item = Audited(
        str(path),
        reading.report,
        reading.findings,
        reading.cells_read,
        reading.size_bytes,
    )
    return item, reading


def _read_worker(path: Path) -> Audited:
    return _read(path)[0]


def _audit_worker(path: Path) -> Audited:
    from gongkai.report.audit import audit

    item, reading = _read(path)
    if reading is not None:
        item.findings = audit(reading, _PREVIOUS[0])
    return item


def _audit_json_worker(path: Path) -> Audited:
    item = _audit_worker(path)
    if item.problem is None:
        item.json_line()
    return item


def _audit_line_worker(path: Path) -> Audited:
    return _audit_json_worker(path)  # in this process: the whole item costs nothing more


def _pool_line(path: Path) -> Audited:
    item = _audit_json_worker(path)
    return Audited(
        item.path,
        cells_read=item.cells_read,
        size_bytes=item.size_bytes,
        problem=item.problem,
        line=item.line,
        codes=item.finding_codes(),
    )


def _pooled(work: Callable[[Path], Audited]) -> Callable[[Path], Audited]:
    """What a worker process runs for `work`: only the line comes back for `_audit_line_worker`."""
    return _pool_line if work is _audit_line_worker else work


def _init(previous: Reading | None) -> None:
    _PREVIOUS[0] = previous


def _map(
    work: Callable[[Path], Audited], files: list[Path], jobs: int | None, previous: Reading | None
) -> Iterator[Audited]:
    if jobs is None or jobs == 0:
        jobs = default_jobs()
    if jobs < 0:
        raise ValueError("进程数必须是正整数")
    if jobs == 1 or len(files) < PARALLEL_FROM:
        _init(previous)
        yield from map(work, files)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with context.Pool(min(jobs, len(files)), initializer=_init, initargs=(previous,)) as pool:
        yield from pool.imap(_pooled(work), files, chunksize=CHUNK)
