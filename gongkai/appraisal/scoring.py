"""The county's appraisal scheme: a weight and two thresholds per scored indicator, the
scores and the ranking.

An indicator earns its full weight at or beyond `full`, nothing at or beyond `zero`, and
a straight-line share in between (for "lower is better" indicators `full` < `zero`). An
indicator with no records (无此类事项) earns its full weight: there was nothing to do badly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gongkai.appraisal.indicators import SPECS, Indicator


@dataclass(frozen=True)
class Rule:
    weight: float
    full: float  # value at which the full weight is earned
    zero: float  # value at which nothing is earned

    def __post_init__(self) -> None:
        if self.weight < 0 or self.weight > 100:
            raise ValueError(f"分值应在 0 到 100 之间（现为 {self.weight}）")
        if self.full == self.zero:
            raise ValueError("满分值与零分值不能相同")

    def share(self, value: float | None) -> float:
        """The fraction of the weight earned (0..1)."""
        if value is None:
            return 1.0
        fraction = (value - self.zero) / (self.full - self.zero)
        return max(0.0, min(1.0, fraction))


DEFAULT_RULES: dict[str, Rule] = {
    "on_time_rate": Rule(20, 1.0, 0.8),
    "overdue_now": Rule(10, 0, 3),
    "procedural_flaws": Rule(10, 0, 5),
    "appeal_correction_rate": Rule(10, 0.0, 0.5),
    "report_on_time": Rule(10, 1, 0),
    "report_findings": Rule(5, 0, 5),
    "reviewed_rate": Rule(10, 1.0, 0.8),
    "fixes": Rule(5, 0, 10),
    "engagement_within_rate": Rule(10, 1.0, 0.8),
    "interpretation_rate": Rule(10, 1.0, 0.5),
}


@dataclass(frozen=True)
class Scheme:
    rules: dict[str, Rule] = field(default_factory=lambda: dict(DEFAULT_RULES))

    def __post_init__(self) -> None:
        unknown = [k for k in self.rules if k not in SPECS]
        if unknown:
            raise ValueError("无法识别的考核指标：" + "、".join(unknown))
        flat = [k for k in self.rules if SPECS[k].direction == "none"]
        if flat:
            raise ValueError("以下指标只作统计、不计分：" + "、".join(SPECS[k].label for k in flat))

    @property
    def total_weight(self) -> float:
        return sum(r.weight for r in self.rules.values())

    def to_json(self) -> dict[str, Any]:
        return {
            k: {"weight": r.weight, "full": r.full, "zero": r.zero} for k, r in self.rules.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Scheme:
        if not data:
            return cls()
        return cls(
            {
                k: Rule(float(v["weight"]), float(v["full"]), float(v["zero"]))
                for k, v in data.items()
            }
        )


@dataclass(frozen=True)
class Score:
    code: str
    name: str
    total: float
    parts: dict[str, float]  # indicator key -> points earned
    rank: int = 0


def score(code: str, name: str, indicators: list[Indicator], scheme: Scheme) -> Score:
    values = {i.key: i.value for i in indicators}
    parts = {
        key: round(rule.weight * rule.share(values.get(key)), 2)
        for key, rule in scheme.rules.items()
    }
    return Score(code, name, round(sum(parts.values()), 2), parts)


def rank(scores: list[Score]) -> list[Score]:
    """Highest first; equal totals share a rank (1, 1, 3), then by code for a stable order."""
    ordered = sorted(scores, key=lambda s: (-s.total, s.code))
    out: list[Score] = []
    for index, s in enumerate(ordered):
        same = out and out[-1].total == s.total
        out.append(Score(s.code, s.name, s.total, s.parts, out[-1].rank if same else index + 1))
    return out
