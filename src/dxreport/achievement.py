"""Achievement of a plan/actual series: rate and grade for the latest comparable year.

The grade is a letter (A-D, or "-" when it cannot be computed); its symbol and
wording come from codes.grade_codes, worded from the same thresholds.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from .codes import NOT_COMPUTABLE
from .precision import RateRule
from .settings import GradeThresholds


@dataclass(frozen=True)
class YearValue:
    fiscal_year: int
    planned: float | None
    actual: float | None
    note: str = ""
    # As printed in the report, shown beside the computed figures and never replaced by them.
    published_rate: float | None = None
    published_grade: str = ""
    is_base: bool = False  # the base value (基準値), before the plan's targets
    # Decimals as printed (precision.py): 52.0 has 1. None: the shortest form.
    planned_places: int | None = None
    actual_places: int | None = None
    rate_places: int | None = None


@dataclass(frozen=True)
class Achievement:
    grade: str  # A B C D or "-" (codes.NOT_COMPUTABLE)
    fiscal_year: int | None = None
    planned: float | None = None
    actual: float | None = None
    rate: float | None = None  # percent
    reason: str = ""  # why it is "-", or a remark
    planned_places: int | None = None  # decimals of the year's values as printed
    actual_places: int | None = None


def assess(
    values: list[YearValue],
    lower_is_better: bool,
    up_to_year: int,
    thresholds: GradeThresholds | None = None,
    rule: RateRule | None = None,
) -> Achievement:
    """Rate = actual / plan (plan / actual when lower is better) for the latest year
    up to `up_to_year` that has both; a grade from the thresholds (percent). With the report's
    rounding rule, the rate is rounded as the report rounds its printed rates, and graded so."""
    past = [v for v in values if v.fiscal_year <= up_to_year]
    both = [v for v in past if v.planned is not None and v.actual is not None]
    if not both:
        return Achievement(NOT_COMPUTABLE, reason=_why_not_computable(values, past))
    latest = max(both, key=lambda v: v.fiscal_year)
    result = _rate_and_grade(latest, lower_is_better, thresholds or GradeThresholds(), rule)
    return dataclasses.replace(result, planned_places=latest.planned_places, actual_places=latest.actual_places)


def _why_not_computable(values: list[YearValue], past: list[YearValue]) -> str:
    """The reason shown beside "−" when no year up to the results year has both numbers."""
    if not any(v.planned is not None or v.actual is not None for v in values):
        if any(v.note for v in values):
            return "数値ではなく文字で公表されているため"
        return "予定と実績の数値がないため"
    if not any(v.planned is not None for v in past):
        return "比べられる年度に目標（予定）がないため"
    return "比べられる年度に実績がないため"


def _rate_and_grade(
    latest: YearValue, lower_is_better: bool, thresholds: GradeThresholds, rule: RateRule | None = None
) -> Achievement:
    plan, actual = latest.planned, latest.actual
    assert plan is not None and actual is not None
    if lower_is_better:
        if actual == 0:
            return Achievement(
                thresholds.grade_for(float("inf")),
                latest.fiscal_year,
                plan,
                actual,
                None,
                "実績が0で目標以下のため達成としました（比率は計算できません）",
            )
        rate = plan / actual * 100
    else:
        if plan == 0:
            return Achievement(
                NOT_COMPUTABLE, latest.fiscal_year, plan, actual, None, "目標（予定）が0のため比率を計算できません"
            )
        rate = actual / plan * 100
    if not math.isfinite(rate):
        return Achievement(
            NOT_COMPUTABLE, latest.fiscal_year, plan, actual, None, "予定と実績の桁が離れすぎていて比率を計算できません"
        )
    if rule is not None:
        rate = rule.apply(rate)
    return Achievement(thresholds.grade_for(rate), latest.fiscal_year, plan, actual, rate)
