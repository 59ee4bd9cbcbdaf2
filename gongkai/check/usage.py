"""Word usage that a fixed word list cannot express: "截止" before a point in time.

《现代汉语词典》（第7版）: 截止 "（到一定期限）停止" takes no object ("报名于 5 月 10 日截止");
截至 "截止到（某个时候）" does ("截至 12 月 31 日，共发布…"). So "截止 12 月 31 日" and "截止到
目前" should read "截至". Reported as `wording.flagged` like the word lists.
"""

from __future__ import annotations

import re

from gongkai.findings import Finding

_JIEZHI_RE = re.compile(
    r"截止(?:到|至)?(?=\s*(?:\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日|目前|今年|本年|上年|去年"
    r"|年底|年末|年初|月底|月末|当前|现在|发稿|报告期|统计))"
)
SOURCE = "《现代汉语词典》（第7版）"


def usage_findings(text: str) -> list[Finding]:
    found = []
    for m in _JIEZHI_RE.finditer(text):
        found.append(
            Finding(
                code="wording.flagged",
                severity="warning",
                message=f"“{m.group()}”应为“截至”：表示截止到某个时间用“截至”，"
                f"“截止”后面不带时间（依据：{SOURCE}）",
                where="text",
                start=m.start(),
                end=m.end(),
                text=m.group(),
                suggestion="截至",
            )
        )
    return found
