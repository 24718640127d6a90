"""Achievement grades with hand-computed expectations."""

from __future__ import annotations

import pytest

from dxreport.achievement import YearValue as V
from dxreport.achievement import assess
from dxreport.settings import GradeThresholds


def test_latest_year_with_both_plan_and_actual_is_used():
    a = assess([V(2022, 10, 8), V(2023, 20, 19), V(2024, 30, None)], False, 2023)
    assert (a.fiscal_year, a.rate, a.grade) == (2023, 95.0, "B")


@pytest.mark.parametrize(
    "plan, actual, grade",
    [
        (5, 7, "A"),  # 140%
        (10, 10, "A"),  # exactly 100% is A
        (10, 9, "B"),  # 90% is B
        (10, 8.99, "C"),  # 89.9%
        (10, 8, "C"),  # 80% is C
        (10, 7.99, "D"),  # 79.9%
        (10, 0, "D"),  # nothing done
    ],
)
def test_grade_boundaries(plan, actual, grade):
    assert assess([V(2023, plan, actual)], False, 2023).grade == grade


def test_lower_is_better_inverts_the_rate():
    # paper use: plan 80, actual 100 -> 80 / 100 = 80% -> C
    a = assess([V(2023, 80, 100)], True, 2023)
    assert (a.rate, a.grade) == (80.0, "C")
    # actual below plan is better: plan 90, actual 60 -> 150% -> A
    assert assess([V(2023, 90, 60)], True, 2023).grade == "A"


def test_lower_is_better_with_zero_actual_is_met():
    a = assess([V(2023, 5, 0)], True, 2023)
    assert a.grade == "A" and a.rate is None


def test_zero_plan_is_not_computable():
    a = assess([V(2023, 0, 3)], False, 2023)
    assert a.grade == "-" and "0" in a.reason


def test_missing_actual_is_not_computable():
    a = assess([V(2023, 10, None), V(2024, 12, None)], False, 2023)
    assert a.grade == "-" and "実績がない" in a.reason


def test_no_plan_is_not_computable():
    a = assess([V(2023, None, 4)], False, 2023)
    assert a.grade == "-" and "目標" in a.reason


def test_text_only_is_not_computable_and_never_zero():
    a = assess([V(2023, None, None, "実施済"), V(2024, None, None, "㈱ゼンリンとの協議継続中")], False, 2023)
    assert a.grade == "-" and "文字" in a.reason and a.rate is None


def test_future_years_are_not_used():
    # 2025 has both numbers, but the report covers results up to 2023
    a = assess([V(2023, 10, 5), V(2025, 10, 10)], False, 2023)
    assert (a.fiscal_year, a.grade) == (2023, "D")


def test_thresholds_are_configurable():
    strict = GradeThresholds(100, 95, 90)
    assert assess([V(2023, 100, 92)], False, 2023, strict).grade == "C"
    assert assess([V(2023, 100, 92)], False, 2023).grade == "B"


# --- A report's own rounding of its printed rates (report.csv rate_rounding, rate_decimals) -------


@pytest.mark.parametrize(
    "rounding, decimals, plan, actual, rate",
    [
        ("切り捨て", 0, 80, 94, 117.0),  # Nagasaki printed 117% against 117.5%
        ("四捨五入", 0, 80, 94, 118.0),
        ("切り上げ", 0, 236925, 265989, 113.0),  # 112.26…%
        ("切り捨て", 0, 0.5, 0.57, 114.0),  # 0.57 / 0.5 * 100 is 113.99999999999999 in floats
        ("四捨五入", 1, 136, 167, 122.8),  # 122.794…%
        ("切り捨て", 1, 3, 1, 33.3),
    ],
)
def test_a_reports_rounding_rule_rounds_the_computed_rate_as_it_prints_its_own(rounding, decimals, plan, actual, rate):
    from dxreport.precision import RateRule

    a = assess([V(2016, plan, actual)], False, 2016, rule=RateRule(rounding, decimals))
    assert a.rate == rate


def test_the_grade_follows_the_rounded_rate_as_the_report_grades_its_printed_one():
    from dxreport.precision import RateRule

    values = [V(2016, 1000, 999.9)]  # 99.99%: the report prints 99% (切り捨て), a B; 四捨五入 makes it 100%, an A
    assert assess(values, False, 2016, rule=RateRule("切り捨て")).grade == "B"
    assert assess(values, False, 2016, rule=RateRule("四捨五入")).grade == "A"
    assert assess(values, False, 2016).grade == "B"  # no rule: the exact rate


def test_printed_decimals_are_read_from_the_cell_text_and_kept_in_every_format():
    from dxreport.precision import Printed, format_number, places_written

    assert [places_written(t) for t in ("52.0", "1020", "53.20", "", None, "abc")] == [1, 0, 2, None, None, None]
    assert format_number(52.0, 1) == "52.0" and format_number(1020.0, 0) == "1,020" and format_number(52.0) == "52"
    assert format_number(3944938.5, 2, grouping=False) == "3944938.50"
    assert Printed(52.0, 1).text == "52.0"
