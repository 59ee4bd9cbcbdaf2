"""Benchmark of `gongkai check`: MB/s of report text with a 50,000-entry word list.

    .venv/bin/python benchmarks/bench_check.py            # 100 MB of text
    .venv/bin/python benchmarks/bench_check.py --mb 10    # quicker

The text is built from the five seed reports, varied (numbers changed, paragraphs
rotated) so that no two documents are the same; the documents (~9 KB each) are checked
one by one (`check_text`) and 64 or 100 at a time (`check_texts`, which keeps the large
word list in the processor's cache). The word list is the shared list plus generated entries: half are
words of the seeds with one character replaced (what a list of miswritten words looks
like: close to the text, rarely in it), half random Chinese words. Prints the figures,
one core and all cores; asserts nothing about time. Per-core figures are computed from
CPU time (the machine is shared), the wall clock is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gongkai.check import (  # noqa: E402
    CheckOptions,
    WordEntry,
    WordList,
    check_text,
    check_texts,
    shared_words,
)
from gongkai.check.markings import marking_findings  # noqa: E402
from gongkai.check.numbering import numbering_findings  # noqa: E402
from gongkai.check.personal import personal_findings  # noqa: E402
from gongkai.check.stale import stale_findings  # noqa: E402
from gongkai.text.sums import narrative_sum_findings  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
SEED = 20240101
YEAR = 2021


def word_list(entries: int, seeds: list[str]) -> WordList:
    rng = random.Random(SEED)
    runs = [r for r in re.findall(r"[\u4e00-\u9fa5]{2,}", "\n".join(seeds))]
    words = {e.word for e in shared_words().entries}
    generated: list[WordEntry] = []
    while len(generated) < entries - len(shared_words()):
        if len(generated) % 2:
            run = rng.choice(runs)
            size = rng.randint(2, min(5, len(run)))
            at = rng.randrange(len(run) - size + 1)
            chars = list(run[at : at + size])
            chars[rng.randrange(size)] = chr(rng.randint(0x4E00, 0x9FA5))
            word = "".join(chars)
        else:
            word = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 5)))
        if word not in words:
            words.add(word)
            generated.append(WordEntry(word, "", "info", "生成的词条", "bench"))
    return shared_words().merged(WordList(tuple(generated)))


def documents(seeds: list[str], count: int, salt: int) -> list[str]:
    """`count` varied copies of the seeds."""
    rng = random.Random(SEED + salt)
    docs = []
    for _ in range(count):
        lines = rng.choice(seeds).split("\n")
        head, body = lines[:8], lines[8:]
        cut = rng.randrange(len(body))
        body = body[cut:] + body[:cut]
        text = "\n".join(body)
        text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), text)
        docs.append("\n".join(head) + "\n" + text)
    return docs


_WORDS: WordList | None = None


def _init(entries: int) -> None:
    global _WORDS
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    _WORDS = word_list(entries, seeds)
    _ = _WORDS.automaton


def _check_batch(args: tuple[int, int]) -> tuple[int, int, float]:
    """Check `count` documents (batch `salt`); return bytes, findings, seconds."""
    count, salt = args
    assert _WORDS is not None
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    docs = documents(seeds, count, salt)
    options = CheckOptions(year=YEAR, words=_WORDS, allowed_phones=("0597-7532449",))
    size = sum(len(d.encode("utf-8")) for d in docs)
    t = time.process_time()
    found = sum(len(f) for f in check_texts(docs, options))
    return size, found, time.process_time() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of gongkai check")
    parser.add_argument("--mb", type=float, default=100.0, help="MB of text to check (UTF-8)")
    parser.add_argument("--entries", type=int, default=50_000, help="word-list entries")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args(argv)
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    doc_size = sum(len(s.encode("utf-8")) for s in seeds) / len(seeds)
    total_docs = max(1, int(args.mb * 1_000_000 / doc_size))

    t0 = time.perf_counter()
    _init(args.entries)
    assert _WORDS is not None
    print(
        f"word list: {len(_WORDS):,} entries, automaton built in {time.perf_counter() - t0:.1f} s"
    )

    # One core: a sample of 2 % (at least 2 MB) checked check by check, then the whole.
    sample = documents(seeds, max(220, total_docs // 50), salt=-1)
    mb = sum(len(d.encode("utf-8")) for d in sample) / 1e6
    options = CheckOptions(year=YEAR, words=_WORDS)
    checks = {
        "wording.flagged": lambda d: _WORDS.findings(d, YEAR, None),
        "personal.*": lambda d: personal_findings(d, options),
        "secret.marking": marking_findings,
        "stale.year": lambda d: stale_findings(d, YEAR),
        "numbering.broken": numbering_findings,
        "narrative.sum": narrative_sum_findings,
        "all (check_text)": lambda d: check_text(d, options),
    }
    batched = [sample[i : i + 64] for i in range(0, len(sample), 64)]
    print(f"one core, {mb:.1f} MB sample, per check (CPU time):")
    for name, check in checks.items():
        t = time.process_time()
        for d in sample:
            check(d)
        took = time.process_time() - t
        print(f"  {name:18s} {mb / took:7.1f} MB/s")
    t = time.process_time()
    for batch in batched:
        check_texts(batch, options)
    print(f"  {'all (check_texts)':18s} {mb / (time.process_time() - t):7.1f} MB/s  (64 at a time)")

    # All cores: the full size, check_texts on batches of 100 documents.
    batches = [(min(100, total_docs - i), i) for i in range(0, total_docs, 100)]
    t = time.perf_counter()
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(args.entries,)) as pool:
        results = list(pool.map(_check_batch, batches))
    wall = time.perf_counter() - t
    size = sum(r[0] for r in results) / 1e6
    found = sum(r[1] for r in results)
    busy = sum(r[2] for r in results)
    print(
        f"{size:.1f} MB in {total_docs:,} documents, {args.jobs} processes: "
        f"{wall:.1f} s wall ({size / wall:.1f} MB/s), {size / busy:.1f} MB/s per core (CPU time), "
        f"{found:,} findings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
