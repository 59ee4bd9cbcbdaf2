"""Reader speed: text reports per second on the five seeds, and whole files per format.

    .venv/bin/python benchmarks/bench_read.py [--seconds N]

Figures are CPU time of this process (the machine is shared), wall clock beside them.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from gongkai.documents import extract_text
from gongkai.report.read import read_path, read_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def measure(run, seconds: float) -> tuple[int, float, float]:  # type: ignore[no-untyped-def]
    count = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.process_time() - cpu0 < seconds:
        run()
        count += 1
    return count, time.process_time() - cpu0, time.perf_counter() - wall0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0, help="CPU seconds per measurement")
    args = parser.parse_args()

    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    for text in texts:
        read_text(text)  # warm the label caches as a long run would

    def all_seeds() -> None:
        for text in texts:
            read_text(text)

    n, cpu, wall = measure(all_seeds, args.seconds)
    reports = n * len(texts)
    size = sum(len(t.encode("utf-8")) for t in texts) * n
    print(
        f"read_text, the 5 seeds: {reports / cpu:,.0f} reports/s per core "
        f"({cpu / reports * 1000:.3f} ms/report, {size / cpu / 1e6:.2f} MB/s; "
        f"wall {reports / wall:,.0f}/s)"
    )
    for path, text in zip(seeds, texts, strict=True):
        k, cpu, _ = measure(lambda t=text: read_text(t), args.seconds / 5)
        print(f"  {path.name}: {cpu / k * 1000:.3f} ms")

    files = [
        FIXTURES / "reports" / "hongze-2024.pdf",
        FIXTURES / "docx" / "hongze-2024-template.docx",
        FIXTURES / "html" / "hongze-2023.html",
        FIXTURES / "seeds" / seeds[4].name,
    ]
    with tempfile.TemporaryDirectory() as folder:
        reading = read_path(files[0])
        from gongkai.report.render import to_markdown

        md = Path(folder) / "hongze-2024.md"
        md.write_text(to_markdown(reading.report), encoding="utf-8")
        js = Path(folder) / "hongze-2024.json"
        import json

        js.write_text(json.dumps(reading.report.to_json(), ensure_ascii=False), encoding="utf-8")
        for path in [*files, md, js]:
            k, cpu, _ = measure(lambda p=path: read_path(p), args.seconds / 3)
            share = ""
            if path.suffix in (".pdf", ".docx", ".html"):
                j, cpu_x, _ = measure(lambda p=path: extract_text(p), args.seconds / 6)
                share = f" (of which extract_text {cpu_x / j * 1000:.1f} ms)"
            print(f"read_path {path.suffix:6} {path.name}: {cpu / k * 1000:.1f} ms/file{share}")


if __name__ == "__main__":
    main()
