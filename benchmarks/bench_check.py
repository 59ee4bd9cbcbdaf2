"""Benchmark of `gongkai check`: MB/s of report text with a 50,000-entry word list.

    .venv/bin/python benchmarks/bench_check.py            # 100 MB of text
    .venv/bin/python benchmarks/bench_check.py --mb 10    # quicker

The text is built from the five seed reports, varied (numbers changed, paragraphs
rotated) so that no two documents are the same; the documents (~9 KB each) are checked
one by one (`check_text`) and 64 or 100 at a time (`check_texts`, which keeps the large
word list in the processor's cache). The word list is the shared list plus generated entries shaped like a
real 错敏词 list (see `word_list`): miswritten words, names of people, outdated names
and phrases, two to nine characters, made of the seeds' own characters (close to the
text, sometimes in it). Prints the figures,
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


# Common surnames (《百家姓》 order of frequency): names on a list are two or three characters.
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"


def word_list(entries: int, seeds: list[str]) -> WordList:
    """The shared list plus generated entries shaped like a real 错敏词 list: a quarter each
    of miswritten words (a run of 3-6 characters of the seeds with one character replaced),
    names of people (a common surname and one or two given-name characters), outdated names
    of agencies and terms (a run of 4-8 characters with one character dropped or added) and
    phrases (two words of the seeds run together). Characters are drawn as often as they
    occur in the seeds, so entries share their beginnings with the text as real ones do."""
    rng = random.Random(SEED)
    text = "\n".join(seeds)
    runs = re.findall(r"[\u4e00-\u9fa5]{2,}", text)
    long_runs = [r for r in runs if len(r) >= 4]
    chars = re.findall(r"[\u4e00-\u9fa5]", text)  # with repeats: drawn by frequency
    pairs = [r[i : i + 2] for r in runs for i in range(0, len(r) - 1, 2)]
    words = {e.word for e in shared_words().entries}
    generated: list[WordEntry] = []
    while len(generated) < entries - len(shared_words()):
        kind = len(generated) % 4
        if kind == 0:  # miswritten
            run = rng.choice(long_runs)
            size = rng.randint(3, min(6, len(run)))
            at = rng.randrange(len(run) - size + 1)
            letters = list(run[at : at + size])
            letters[rng.randrange(size)] = rng.choice(chars)
            word = "".join(letters)
        elif kind == 1:  # a person's name
            word = rng.choice(_SURNAMES) + "".join(rng.choices(chars, k=rng.randint(1, 2)))
        elif kind == 2:  # an outdated name: a character dropped or added
            run = rng.choice(long_runs)
            size = rng.randint(4, min(8, len(run)))
            at = rng.randrange(len(run) - size + 1)
            letters = list(run[at : at + size])
            if rng.random() < 0.5:
                del letters[rng.randrange(1, size - 1)]
            else:
                letters.insert(rng.randrange(1, size), rng.choice(chars))
            word = "".join(letters)
        else:  # a phrase
            word = rng.choice(pairs) + rng.choice(pairs)
        if word not in words and word not in text:  # a flagged word is rare in a report
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
