"""Achievement of a plan/actual series: rate and grade for the latest comparable year."""
from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_THRESHOLDS = {"A": 100.0, "B": 90.0, "C": 80.0}

GRADE_LABELS = {
    "A": "目標を達成（100%以上）",
    "B": "おおむね達成（90%以上100%未満）",
    "C": "やや遅れ（80%以上90%未満）",
    "D": "遅れ（80%未満）",
    "-": "算定できない",
}
GRADE_SHORT = {"A": "達成", "B": "おおむね達成", "C": "やや遅れ", "D": "遅れ", "-": "算定不可"}
GRADE_SYMBOL = {"A": "A", "B": "B", "C": "C", "D": "D", "-": "−"}


@dataclass(frozen=True)
class YearValue:
    fiscal_year: int
    planned: float | None
    actual: float | None
    note: str = ""


@dataclass(frozen=True)
class Achievement:
    grade: str  # A B C D or "-"
    fiscal_year: int | None = None
    planned: float | None = None
    actual: float | None = None
    rate: float | None = None  # percent
    reason: str = ""  # why it is "-", or a remark

    @property
    def symbol(self) -> str:
        return GRADE_SYMBOL[self.grade]

    @property
    def label(self) -> str:
        return GRADE_LABELS[self.grade]

    @property
    def short(self) -> str:
        return GRADE_SHORT[self.grade]


def grade_for(rate: float, thresholds: dict[str, float]) -> str:
    for grade in ("A", "B", "C"):
        if rate >= thresholds[grade]:
            return grade
    return "D"


def assess(values: list[YearValue], lower_is_better: bool, up_to_year: int,
           thresholds: dict[str, float] | None = None) -> Achievement:
    """Rate = actual / plan (plan / actual when lower is better) for the latest year
    up to `up_to_year` that has both; a grade from the thresholds (percent)."""
    thresholds = thresholds or DEFAULT_THRESHOLDS
    past = [v for v in values if v.fiscal_year <= up_to_year]
    both = [v for v in past if v.planned is not None and v.actual is not None]
    if not both:
        if not any(v.planned is not None or v.actual is not None for v in values):
            if any(v.note for v in values):
                return Achievement("-", reason="数値ではなく文字で公表されているため")
            return Achievement("-", reason="数値が公表されていないため")
        if not any(v.planned is not None for v in past):
            return Achievement("-", reason="比べられる年度に目標（予定）がないため")
        return Achievement("-", reason="比べられる年度に実績がないため")
    latest = max(both, key=lambda v: v.fiscal_year)
    plan, actual = latest.planned, latest.actual
    assert plan is not None and actual is not None
    if lower_is_better:
        if actual == 0:
            return Achievement("A", latest.fiscal_year, plan, actual, None,
                               "実績が0で目標以下のため達成としました（比率は計算できません）")
        rate = plan / actual * 100
    else:
        if plan == 0:
            return Achievement("-", latest.fiscal_year, plan, actual, None, "目標（予定）が0のため比率を計算できません")
        rate = actual / plan * 100
    if not math.isfinite(rate):
        return Achievement("-", latest.fiscal_year, plan, actual, None, "予定と実績の桁が離れすぎていて比率を計算できません")
    return Achievement(grade_for(rate, thresholds), latest.fiscal_year, plan, actual, rate)
