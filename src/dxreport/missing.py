"""Why a value is missing: one rule for every blank planned or actual cell of an indicator.

A blank cell never reads as a bare blank or as "not published" when it is not. In this order:
- an actual of a year after the results year: not yet reported (the next edition reports it),
  whatever the row's note says (a note such as 最終目標 is about the target);
- an indicator with a notes.csv note of kind 未転記 (target_table kpis, the indicator's id): this
  site has not transcribed its blanks (the note says which and why);
- a row with a printed note (備考: 「実施済」「―」…): the note says what was printed instead;
- otherwise: not published (the meaning a blank cell has always had, data/README.md).
A base-year row has no target by its nature: its blank plan is left blank.
Nothing here reads free text: the rule rests on the year, the row's note and a note's kind.
"""

from __future__ import annotations

from . import codes
from .achievement import YearValue
from .model import Kpi, Report

AS_NOTED = codes.Code("備考", "", "備考のとおりです", "備考のとおり", "as-noted")
NOT_YET = codes.Code("未報告", "", "まだ報告されていません", "未報告", "not-yet")
NOT_TRANSCRIBED = codes.Code(codes.NOT_TRANSCRIBED, "", "このサイトに転記していません", "未転記", "not-transcribed")
NOT_PUBLISHED = codes.Code("公表なし", "", "公表されていません", "公表なし", "not-published")
REASONS = (NOT_YET, NOT_TRANSCRIBED, AS_NOTED, NOT_PUBLISHED)


def untranscribed(report: Report, kpi_id: str) -> bool:
    """Whether staff noted (notes.csv, kind 未転記) that this indicator's blanks are not transcribed."""
    return bool(kpi_id) and any(n.kind.value == codes.NOT_TRANSCRIBED for n in report.notes_for("kpis", kpi_id))


def missing_reason(report: Report, kpi_id: str, v: YearValue, field: str) -> codes.Code | None:
    """Why `field` ("planned" or "actual") of the year `v` is blank; None when it holds a number."""
    if getattr(v, field) is not None or (field == "planned" and v.is_base):
        return None
    if field == "actual" and v.fiscal_year > report.results_fiscal_year:
        return NOT_YET
    if untranscribed(report, kpi_id):
        return NOT_TRANSCRIBED
    return AS_NOTED if v.note else NOT_PUBLISHED


def meaning(report: Report, why: codes.Code) -> str:
    """What a blank cell's word means, in the key below a values table."""
    if why is NOT_YET:
        year = codes.fiscal_year_label(report.results_fiscal_year)
        return f"{year}より後の年度で、まだ報告されていない実績です（次の年度の報告書で公表されます）"
    if why is NOT_TRANSCRIBED:
        return "このサイトに転記していない値です（理由はこのサイトの注をご覧ください）"
    if why is AS_NOTED:
        return "数値がなく、備考の欄に説明（印刷された文字など）がある値です"
    return f"{report.municipality}が公表していない値です"


# Why an indicator has no estimate (achievement grade "-"), in the words of the blank cells above; an
# indicator with both numbers for a year that still gives no rate (a target of 0) is OTHER.
NO_RATE = codes.Code("比率なし", "", "目標が0などで比率にならない", "比率なし", "no-rate")
# What each reason says in a sentence: "…のため計算できません" (the order of the home page's sentence).
NO_ESTIMATE_WORDS: dict[str, str] = {
    NOT_YET.value: "実績がまだ報告されていない",
    NOT_PUBLISHED.value: "数値が公表されていない",
    AS_NOTED.value: "数値でなく文字で公表されている",
    NOT_TRANSCRIBED.value: "このサイトに転記していない",
    NO_RATE.value: "目標が0などで比率にならない",
}
NO_ESTIMATE_REASONS = (NOT_PUBLISHED, NOT_YET, AS_NOTED, NOT_TRANSCRIBED, NO_RATE)


def no_estimate_reason(report: Report, kpi: Kpi) -> codes.Code | None:
    """Why the estimate of an indicator cannot be computed, as one of the blank-cell reasons; None
    when it has one. The year looked at is the one the estimate would compare: the latest target up
    to the results year (its actual is blank), else a later target (its actual is not yet reported)."""
    s = kpi.series
    if s.achievement.grade != codes.NOT_COMPUTABLE:
        return None
    if s.achievement.fiscal_year is not None:  # both numbers, and still no rate
        return NO_RATE
    if not s.has_numbers:
        return _no_numbers(report, kpi)
    return _blank_in_compared_year(report, kpi)


def _blank_in_compared_year(report: Report, kpi: Kpi) -> codes.Code:
    """An indicator with numbers but no year with both: why the year it would compare is blank."""
    values = kpi.series.values
    past = [v for v in values if v.fiscal_year <= report.results_fiscal_year]
    targets = [v for v in past if v.planned is not None]
    if targets:
        return missing_reason(report, kpi.kpi_id, targets[-1], "actual") or NOT_PUBLISHED
    if any(v.planned is not None for v in values):
        return NOT_YET  # the first target is a later year's: its actual comes in a later edition
    unplanned = [v for v in past if not v.is_base] or past or values
    return missing_reason(report, kpi.kpi_id, unplanned[-1], "planned") or NOT_PUBLISHED


def _no_numbers(report: Report, kpi: Kpi) -> codes.Code:
    """An indicator without a single number: not transcribed here, printed in words, or not published."""
    if untranscribed(report, kpi.kpi_id):
        return NOT_TRANSCRIBED
    return AS_NOTED if any(v.note for v in kpi.series.values) else NOT_PUBLISHED


def no_estimate_counts(report: Report, indicators: list[Kpi]) -> list[tuple[codes.Code, int]]:
    """How many of `indicators` have no estimate, per reason, in NO_ESTIMATE_REASONS order (zeros out)."""
    found = [no_estimate_reason(report, k) for k in indicators]
    return [(r, n) for r in NO_ESTIMATE_REASONS if (n := found.count(r))]
