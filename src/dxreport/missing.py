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
from .model import Report

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
