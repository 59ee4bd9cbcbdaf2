"""Processing fees (信息处理费): 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）.

Both methods are progressive ("超额累进"): each band is charged only on what falls inside
it. An agency picks one method per request, never both (第三条).

- Per request (按件计收, 第四条): the same applicant's requests to the agency in one natural
  month — the 1st to 10th are free, the 11th to 30th cost 100 元 each, and from the 31st on
  each further block of ten costs 100 元 more per request (31st–40th 200 元, 41st–50th 300 元…).
- Per page (按量计收, 第五条): up to 30 pages free; pages 31–100 at 10 元, 101–200 at 20 元,
  201 and more at 40 元 a page (150 pages → 1,700 元; 250 pages → 4,700 元).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BASIS = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
PAGE_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)


@dataclass(frozen=True)
class FeeQuote:
    """A fee with its explanation, in whole yuan."""

    method: Literal["per_request", "per_pages"]
    quantity: int
    yuan: int
    steps: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "quantity": self.quantity,
            "yuan": self.yuan,
            "basis": BASIS,
            "steps": list(self.steps),
        }


def _positive(n: int, what: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{what}应为正整数")


def fee_per_request(n: int) -> int:
    """The fee in yuan for the applicant's n-th request to the agency in a natural month."""
    return quote_per_request(n).yuan


def fee_per_pages(pages: int) -> int:
    """The fee in yuan for providing `pages` pages (progressive bands)."""
    return quote_per_pages(pages).yuan


def quote_per_request(n: int) -> FeeQuote:
    _positive(n, "申请件数（本自然月内第几件）")
    if n <= 10:
        yuan, band = 0, "第1至10件不收费"
    elif n <= 30:
        yuan, band = 100, "第11至30件每件100元"
    else:
        block = (n - 31) // 10  # 0 for the 31st–40th
        first, last = 31 + 10 * block, 40 + 10 * block
        yuan = 200 + 100 * block
        band = f"第31件起每10件为一档、每档每件提高100元，第{first}至{last}件每件{yuan}元"
    steps = [
        f"按件计收：同一申请人一个自然月内的第{n}件申请（第四条）",
        f"{band} → {yuan}元",
    ]
    return FeeQuote("per_request", n, yuan, steps)


def quote_per_pages(pages: int) -> FeeQuote:
    _positive(pages, "页数")
    steps = [f"按量计收：共{pages}页，超额累进计算（第五条）"]
    total = 0
    for lo, hi, price in PAGE_BANDS:
        if pages < lo:
            break
        top = pages if hi is None else min(pages, hi)
        count = top - lo + 1
        amount = count * price
        total += amount
        span = f"第{lo}页及以上" if hi is None else f"第{lo}至{hi}页"
        if price == 0:
            steps.append(f"{span}：{count}页不收费")
        else:
            steps.append(f"{span}：{count}页 × {price}元 = {amount}元")
    steps.append(f"合计{total}元")
    return FeeQuote("per_pages", pages, total, steps)
