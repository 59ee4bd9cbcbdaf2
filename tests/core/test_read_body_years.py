"""The year opening the overview's sentences, found in one pass, as sentence by sentence.

`meta.body_years` finds every year that opens a sentence with one regular expression over
the whole text; the reference below cuts the text into sentences first (as the reader did
before). They must agree on any text made of the pieces that matter.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.read.meta import body_years

_SENTENCE_YEAR = re.compile(
    r"^[\s*#>]*((?:19|20)\d{2})\s*年(?!\s*度?\s*(?:政府信息公开|工作年度报告))"
)
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")


def by_sentence(prose: str) -> list[int]:
    years: list[int] = []
    for sentence in _SENTENCE_END.split(prose):
        m = _SENTENCE_YEAR.match(sentence)
        if m and int(m.group(1)) not in years:
            years.append(int(m.group(1)))
    return years


PIECES = ["2023", "2021", "1999", "年", "度", "政府信息公开", "工作年度报告", "我委", "1"]
PIECES += ["。", "；", "！", "\n", " ", "\t", "\u3000", "*", "#", ">"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_one_pass_finds_the_years_sentence_by_sentence_finds(prose: str) -> None:
    assert body_years(prose) == by_sentence(prose)


def test_real_openings() -> None:
    text = "2023年，我委坚持公开。\n## 2022 年度政府信息公开工作\n  2021年底完成；2023年再查"
    assert body_years(text) == [2023, 2021]
