"""Read + audit on real files: the fixtures (seeds, and the text of the PDFs, HTML and DOCX) repeated.

Writes N text files (default 3,000) cycling through the 12 real fixtures, as the peer
comparison in issue 11 did, then measures:

- read + audit in this one process, CPU time (the machine is shared), best of 3 passes:
  reports/s, MB/s. Nothing is remembered between reports but lines and cells (rows of the
  national format recur in every corpus); each report's tables are read and checked afresh;
- `gongkai audit --json DIR` as a command, one process (`--jobs 1`) and all cores
  (`--jobs 0`): wall clock and CPU of the command;
- the start-up: `gongkai audit` on one seed (CPU, best of 5);
- the same fixtures archived (every whitespace removed, an archive header on top):
  reports/s and the share of printed cells read;
- with `--peer DIR` (a folder holding the peer parser's `govnianbao` package, e.g. the
  `src` of its checkout; its code is not part of gongkai): the peer's parse and our read +
  audit on the same folder, each pass in a fresh process, taking turns (so both see the
  same machine load), best of 3, CPU.

    .venv/bin/python benchmarks/bench_real.py [--n 3000] [--quick] [--peer DIR]
    make bench GONGKAI_PEER=DIR    (the same, within every benchmark)
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gongkai.documents import extract_text
from gongkai.report.audit import audit
from gongkai.report.read import read_path, read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GONGKAI = [str(Path(sys.executable).parent / "gongkai")]


def sources() -> list[Path]:
    return sorted(
        [
            *(FIXTURES / "seeds").glob("*.txt"),
            *(FIXTURES / "html").glob("*.html"),
            *(FIXTURES / "reports").glob("*.pdf"),
            *(FIXTURES / "reports").glob("*.docx"),
            *(FIXTURES / "docx").glob("*.docx"),
        ]
    )


def archived(path: Path, text: str) -> str:
    report = read_path(path).report
    header = (
        f"标题:{report.text.get('title', '').replace(' ', '')}\n"
        f"发布时间:{report.published_on or ''}\n文号:\n发布机构:{report.agency or ''}\n"
        f"原文链接:https://www.example.gov.cn/{path.stem}.html\n{'-' * 40}\n"
    )
    return header + re.sub(r"\s+", "", text)


def write(folder: Path, texts: list[tuple[str, str]], n: int) -> int:
    size = 0
    for i in range(n):
        name, text = texts[i % len(texts)]
        data = text.encode("utf-8")
        (folder / f"{i:05d}_{name}.txt").write_bytes(data)
        size += len(data)
    return size


def in_process(paths: list[Path]) -> tuple[float, float]:
    """(CPU seconds reading, CPU seconds auditing)."""
    t_read = t_audit = 0.0
    clock = time.process_time
    for path in paths:
        t0 = clock()
        reading = read_path(path)
        t1 = clock()
        audit(reading)
        t_read += t1 - t0
        t_audit += clock() - t1
    return t_read, t_audit


def command(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the command and its workers, exit status)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run([*GONGKAI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


# One pass over a folder in a fresh process: warm-up on 24 files, then every file; prints
# the CPU seconds. "peer": govnianbao's parse as it is called by default (tables on);
# "peer-sections": the same with with_tables=False (the six sections only, no figure read).
_PASS = """
import sys, time
from pathlib import Path
mode, folder = sys.argv[1], Path(sys.argv[2])
paths = sorted(folder.iterdir())
if mode.startswith("peer"):
    import govnianbao
    tables = mode == "peer"
    def one(p):
        return govnianbao.parse_annual_report_text(p.read_text(encoding="utf-8"), with_tables=tables)
else:
    from gongkai.report.audit import audit
    from gongkai.report.read import read_path
    def one(p):
        return audit(read_path(p))
for p in paths[:24]:
    one(p)
t0 = time.process_time()
for p in paths:
    one(p)
print(time.process_time() - t0)
"""


def peer_comparison(folder: Path, peer: Path, n: int, size: int) -> None:
    """The peer parser and gongkai on the same files, taking turns, best of 3 (CPU)."""
    runs = {
        "gongkai read + audit": ("ours", None),
        "govnianbao parse (tables on, its default)": ("peer", peer),
        "govnianbao sections only (with_tables=False)": ("peer-sections", peer),
    }
    best: dict[str, float] = {}
    for _ in range(3):
        for label, (mode, path) in runs.items():
            env = dict(os.environ)
            if path is not None:
                env["PYTHONPATH"] = os.pathsep.join([str(path), env.get("PYTHONPATH", "")])
            done = subprocess.run(
                [sys.executable, "-c", _PASS, mode, str(folder)],
                capture_output=True,  # (the peer logs a warning for most reports)
                text=True,
                env=env,
                check=True,
            )
            cpu = float(done.stdout.split()[-1])
            best[label] = min(best.get(label, cpu), cpu)
    for label, cpu in best.items():
        print(f"{label}: {n / cpu:,.0f} reports/s, {size / 1e6 / cpu:.1f} MB/s (CPU, best of 3)")


def compile_package() -> None:
    """Write the package's bytecode (PYTHONDONTWRITEBYTECODE may be set where this runs)."""
    import compileall

    compileall.compile_dir(str(ROOT / "gongkai"), quiet=1)


def cells(report: object) -> dict[tuple[str, str, str], object]:
    return {
        (t, r, c): v
        for t in ("proactive", "requests", "appeals")
        for r, row in getattr(report, t).items()
        for c, v in row.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="files in the folder")
    parser.add_argument("--quick", action="store_true", help="600 files")
    parser.add_argument(
        "--peer",
        type=Path,
        default=os.environ.get("GONGKAI_PEER") or None,
        help="folder holding the peer's govnianbao package (default: $GONGKAI_PEER)",
    )
    args = parser.parse_args()
    n = 600 if args.quick else args.n

    files = sources()
    texts = [(p.stem, extract_text(p)) for p in files]
    with tempfile.TemporaryDirectory(prefix="gongkai-real-") as tmp:
        folder = Path(tmp) / "real"
        folder.mkdir()
        size = write(folder, texts, n)
        paths = sorted(folder.iterdir())
        print(
            f"corpus: {n} text files cycling through {len(files)} real fixtures, {size / 1e6:.1f} MB"
        )

        in_process(paths[: len(files)])  # warm the caches as a long run would
        t_read, t_audit = min((in_process(paths) for _ in range(3)), key=sum)  # best of 3
        total = t_read + t_audit
        print(
            f"read + audit, one process: {n / total:,.0f} reports/s, {size / 1e6 / total:.1f} MB/s "
            f"(CPU; reading {t_read * 1e6 / n:.0f} us, auditing {t_audit * 1e6 / n:.0f} us a report)"
        )

        compile_package()  # as an installed package has its bytecode (not every run compiling)
        for jobs in ("1", "0"):
            wall, cpu, status = command(["audit", "--json", "--jobs", jobs, str(folder)])
            label = "one process" if jobs == "1" else f"--jobs 0 ({os.cpu_count()} cores)"
            print(
                f"gongkai audit --json DIR, {label}: {n / wall:,.0f} reports/s wall "
                f"({size / 1e6 / wall:.1f} MB/s), {n / cpu:,.0f} reports/s per CPU second "
                f"(exit {status})"
            )

        if args.peer is not None:
            peer_comparison(folder, args.peer, n, size)

        seed = min((FIXTURES / "seeds").glob("*.txt"))  # files[0] is a DOCX, not a seed
        best = min(command(["audit", str(seed)])[1] for _ in range(5))
        print(f"start-up: gongkai audit on one seed, {best * 1000:.0f} ms CPU (best of 5)")

        archive = Path(tmp) / "archived"
        archive.mkdir()
        stripped = [(p.stem, archived(p, t)) for p, (_, t) in zip(files, texts, strict=True)]
        a_size = write(archive, stripped, n)
        a_paths = sorted(archive.iterdir())
        in_process(a_paths[: len(files)])
        t_read, t_audit = in_process(a_paths)
        total = t_read + t_audit
        printed = filled = wrong = 0
        for path, (_, text) in zip(files, stripped, strict=True):
            before = cells(read_path(path).report)
            after = cells(read_text(text).report)
            printed += sum(v is not None for v in before.values())
            filled += sum(after[k] is not None for k, v in before.items() if v is not None)
            wrong += sum(v is not None and v != before[k] for k, v in after.items())
        print(
            f"archived text (no whitespace): {n / total:,.0f} reports/s, "
            f"{a_size / 1e6 / total:.1f} MB/s; cells read {filled:,} of {printed:,} printed "
            f"({filled / printed:.1%}), wrong {wrong}"
        )


if __name__ == "__main__":
    main()
