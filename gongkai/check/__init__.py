"""The check before publishing (先审后发, 保密审查, 错敏词): the mechanical part of the review.

    from gongkai.check import CheckOptions, check_text, WordList

    findings = check_text(text, CheckOptions(year=2022, allowed_phones=("0597-7532449",)))

Each finding has a stable `code`, a `severity`, the exact `start`/`end` offsets in `text`,
the matched `text`, a Chinese `message` and, where there is one, a `suggestion`:

| code | what |
|---|---|
| `personal.id_number` | resident ID numbers (18 digits with GB 11643 check; 15 digits) |
| `personal.phone` | mobile numbers (error), landlines with area code (warning) |
| `personal.bank_card` | 16–19 digit numbers passing the Luhn check |
| `personal.email`, `personal.plate`, `personal.address` | addresses, plates, rooms |
| `secret.marking` | classification markings, internal-use notices |
| `wording.flagged` | words of the word lists (renamed, outdated, miswritten); "截止" before a date |
| `stale.year` | years and dated events copied from an older text |
| `numbering.broken` | lists that skip, repeat or go back |
| `narrative.sum` | totals stated in prose whose parts do not add up |
| `copy.previous` | paragraphs repeated from the previous document |

Framework-free: the web app `gongkai.web.review` and the CLI `gongkai check` call this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gongkai.check.markings import marking_findings
from gongkai.check.numbering import numbering_findings
from gongkai.check.options import CheckOptions
from gongkai.check.personal import personal_findings
from gongkai.check.repeats import repeat_findings
from gongkai.check.stale import stale_findings
from gongkai.check.usage import usage_findings
from gongkai.check.words import WordEntry, WordList, shared_words
from gongkai.findings import Finding
from gongkai.text.sums import narrative_sum_findings

__all__ = ["CheckOptions", "WordEntry", "WordList", "check_text", "check_texts", "shared_words"]

# When two findings cover the same characters, the more specific one stays.
_PRIORITY = {
    "personal.id_number": 0,
    "personal.bank_card": 1,
    "personal.phone": 2,
    "personal.email": 3,
    "personal.plate": 4,
    "personal.address": 5,
}


def check_text(text: str, options: CheckOptions | None = None) -> list[Finding]:
    """Every finding of the check before publishing, in the order of the text."""
    return check_texts([text], options)[0]


def check_texts(texts: Sequence[str], options: CheckOptions | None = None) -> list[list[Finding]]:
    """`check_text` on many texts at once (same options), one list of findings per text.

    Faster than a loop of `check_text` on a large word list: each check runs over the
    whole batch in turn, so the word list's automaton (tens of MB for 50,000 entries) stays
    in the processor's cache instead of being pushed out by the other checks at every text.
    """
    options = options or CheckOptions()
    # Personal data the text may name (a letter's own addressee) is dropped after nesting,
    # so nothing nested inside an allowed ID number reappears.
    found: list[list[Finding]] = [
        [f for f in _without_nested(personal_findings(t, options)) if not options.allows(f)]
        for t in texts
    ]
    for check in _CHECKS:
        for i, text in enumerate(texts):
            found[i] += check(text, options)
    return [sorted(f, key=lambda f: (f.start or 0, f.end or 0, f.code)) for f in found]


def _words(text: str, options: CheckOptions) -> list[Finding]:
    return options.words.findings(text, options.year, options.published_on)


def _repeats(text: str, options: CheckOptions) -> list[Finding]:
    if not options.previous:
        return []
    return repeat_findings(text, options.previous, options.min_repeat_chars, options.repeat_ratio)


_CHECKS: tuple[Callable[[str, CheckOptions], list[Finding]], ...] = (
    lambda text, options: marking_findings(text),
    _words,
    lambda text, options: usage_findings(text),
    lambda text, options: stale_findings(text, options.year),
    lambda text, options: numbering_findings(text),
    lambda text, options: narrative_sum_findings(text),
    _repeats,
)


def _without_nested(found: list[Finding]) -> list[Finding]:
    """Drop a personal-data finding that lies inside a more specific one (a phone number
    inside a card number, an address around a phone number is kept)."""
    ranked = sorted(found, key=lambda f: _PRIORITY.get(f.code, 9))
    kept: list[Finding] = []
    for f in ranked:
        inside = any(
            k.code != f.code and (k.start or 0) <= (f.start or 0) and (f.end or 0) <= (k.end or 0)
            for k in kept
        )
        if not inside:
            kept.append(f)
    return kept
