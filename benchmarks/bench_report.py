"""Reports read and audited per second, on a generated corpus in the real layouts.

Writes N synthetic reports (see `benchmarks/corpus.py`: tab-separated, compact tabs,
one cell per line, markdown pipe tables, split tables; both formats; figures that
reconcile or not) into a temporary folder, then reads and audits them all in this
one process. Prints reports/s and MB/s per core (CPU time, so that other work on the
machine does not count), the split between reading and
auditing, and peak memory.

    .venv/bin/python benchmarks/bench_report.py [--n 10000] [--quick]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from gongkai.report.audit import audit
from gongkai.report.read import read_path


def run(paths: list[Path]) -> tuple[float, float, int, Counter[str]]:
    """(seconds reading, seconds auditing, cells read, findings by code)."""
    t_read = t_audit = 0.0
    cells = 0
    codes: Counter[str] = Counter()
    clock = time.process_time  # CPU time of this process: per core, whatever else runs
    for path in paths:
        t0 = clock()
        reading = read_path(path)
        t1 = clock()
        findings = audit(reading)
        t2 = clock()
        t_read += t1 - t0
        t_audit += t2 - t1
        cells += reading.cells_read
        codes.update(f.code for f in findings)
    return t_read, t_audit, cells, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports in the corpus")
    parser.add_argument("--quick", action="store_true", help="1,000 reports")
    args = parser.parse_args()
    n = 1_000 if args.quick else args.n

    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        files, size = write_corpus(folder, n)
        made = time.perf_counter() - t0
        print(f"corpus: {files} reports, {size / 1e6:.1f} MB, written in {made:.1f} s")
        paths = sorted(folder.iterdir())

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        wall = time.perf_counter()
        t_read, t_audit, cells, codes = run(paths)
        wall = time.perf_counter() - wall
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        total = t_read + t_audit
        print(
            f"read + audit: {files / total:,.0f} reports/s, {size / 1e6 / total:.2f} MB/s per core "
            f"(CPU time of this one process; wall clock {files / wall:,.0f} reports/s)"
        )
        print(
            f"  reading {t_read * 1e3 / files:.3f} ms/report, "
            f"auditing {t_audit * 1e3 / files:.3f} ms/report "
            f"({files / t_audit:,.0f} audits/s)"
        )
        print(f"  cells read: {cells:,}; findings: {sum(codes.values()):,}")
        for code, count in codes.most_common():
            print(f"    {code:28} {count:>8,}")

        sample = paths[: min(500, len(paths))]
        tracemalloc.start()
        run(sample)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"memory: peak RSS {rss_after / 1024:.0f} MB (before the run {rss_before / 1024:.0f} MB); "
            f"tracemalloc peak over {len(sample)} reports {peak / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
