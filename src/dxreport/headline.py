"""The home page's verdict: the report's published scales first, the site's estimate second, and one
sentence that says how the two relate (issue #26: the first screen counted challenges on schedule,
the next indicators graded A, and never said what one had to do with the other).

What the report published is summarised on its own scale (scales.csv, or Sasebo's ○△ marks): its
values in its order, 公表なし last. The estimate (自動計算の目安) is this site's, computed from the
plans and actuals of the indicators; it is named as such and worded, never in the scale's symbols.
Every number comes from the model; every word from the report (labels.csv, scales.csv, report.csv).
The sentence is plain text: the template escapes it like any other data.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes, scales
from .missing import NO_ESTIMATE_WORDS, no_estimate_counts
from .model import Issue, Kpi, Report
from .scales import Scale


@dataclass(frozen=True)
class ScaleSummary:
    """One published scale over the report: what it grades, its values in use (公表なし last), how
    many of each over the whole report, and per issue (in the order of report.issues)."""

    level: str
    what: str  # the report's word for what is graded (課題, 施策, 事務事業 ...)
    scale: Scale
    values: tuple[codes.Code, ...]
    totals: tuple[int, ...]
    by_issue: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        return sum(self.totals)

    def count(self, code: codes.Code) -> int:
        return self.totals[self.values.index(code)] if code in self.values else 0


def _cells(report: Report, level: str, issue: Issue | None) -> list[codes.Code | None]:
    """The printed value of each thing the level grades (None: not printed), for the report or an issue."""
    if level == scales.CHALLENGE:
        challenges = issue.challenges if issue else [c for i in report.issues for c in i.challenges]
        return [None if c.mark is codes.MARK_NOT_PUBLISHED else c.mark for c in challenges]
    return report.published_cells(issue)[level][1]


def _what(report: Report, level: str) -> str:
    if level == scales.CHALLENGE:
        return report.terms["challenge"].label
    return report.published_cells(None)[level][0]


def _tally(scale: Scale, cells: list[codes.Code | None]) -> tuple[int, ...]:
    """How many cells hold each value of the scale, in its order, then how many hold none (公表なし)."""
    printed = [c.value for c in cells if c]
    return (*(printed.count(c.value) for c in scale.values), sum(1 for c in cells if c is None))


def _summary(report: Report, level: str, scale: Scale) -> ScaleSummary:
    """One level's scale over the report and per issue, keeping the values in use anywhere."""
    values = (*scale.values, codes.MARK_NOT_PUBLISHED)
    totals = _tally(scale, _cells(report, level, None))
    by_issue = [_tally(scale, _cells(report, level, i)) for i in report.issues]
    used = [n for n in range(len(values)) if totals[n] or any(row[n] for row in by_issue)]
    return ScaleSummary(
        level,
        _what(report, level),
        scale,
        tuple(values[n] for n in used),
        tuple(totals[n] for n in used),
        tuple(tuple(row[n] for n in used) for row in by_issue),
    )


def scale_summaries(report: Report, with_marks: bool = True) -> list[ScaleSummary]:
    """Every published scale the report uses, from the top level down: the issues' grade, the
    challenges' marks (with `with_marks`), the indicators' grade, the projects' grade."""
    found = []
    for level in (scales.ISSUE, scales.CHALLENGE, scales.KPI, scales.PROJECT):
        if level == scales.CHALLENGE and not (with_marks and report.has_marks):
            continue
        scale = report.scales.get(level)
        if scale is not None and any(_cells(report, level, None)):
            found.append(_summary(report, level, scale))
    return found


def quoted(code: codes.Code) -> str:
    """A published value in a sentence: its words, with the printed letter where it is one (「c」（…）)."""
    if code is codes.MARK_NOT_PUBLISHED:
        return code.label
    if code.symbol != code.label and code.symbol.isalnum():
        return f"「{code.symbol}」（{code.label}）"
    return f"「{code.label}」"


def _published_clause(report: Report, s: ScaleSummary) -> str:
    """What the report published, at the top level it graded: 課題32件のうち26件が「予定どおり」."""
    best = next((c for c in s.values if s.scale.is_best(c)), None)
    who = f"{report.municipality}が公表した評価では"
    if best is not None and s.count(best) and s.total > 1:
        return f"{who}{s.what}{s.total}件のうち{s.count(best)}件が{quoted(best)}"
    if s.total == 1:
        return f"{who}{s.what}の{s.scale.name}が{quoted(s.values[s.totals.index(1)])}"
    listed = "、".join(f"{quoted(c)}{n}件" for c, n in zip(s.values, s.totals) if n)
    return f"{who}{s.what}{s.total}件の{s.scale.name}が{listed}"


def measured_words(report: Report, indicators: list[Kpi]) -> str:
    """The report's words for the kinds of indicators the estimate covers: KPI・活動指標."""
    words = [report.indicator_term(k).short for k in indicators]
    return "・".join(dict.fromkeys(words)) or "指標"


def _estimate_clause(report: Report) -> str:
    """What this site computed: 「達成」が79件、44件は計算できません（…）."""
    indicators = report.all_indicators
    grades = report.grades
    totals = report.grade_totals()
    done = grades["A"]
    text = (
        f"このサイトが{measured_words(report, indicators)}{len(indicators)}件の予定と実績から計算した"
        f"自動計算の目安では「{done.short}」が{totals['A']}件"
    )
    missing = totals[codes.NOT_COMPUTABLE]
    if not missing:
        return text + "です。"
    reasons = no_estimate_counts(report, indicators)
    if len(reasons) == 1:  # one reason for all of them: no count to repeat
        return f"{text}、{missing}件は{NO_ESTIMATE_WORDS[reasons[0][0].value]}ため計算できません。"
    shown = "、".join(f"{NO_ESTIMATE_WORDS[r.value]}{n}件" for r, n in reasons[:2])
    more = "など" if len(reasons) > 2 else ""
    return f"{text}、{missing}件は{shown}{more}のため計算できません。"


def relation_sentence(report: Report) -> str:
    """One sentence: the published verdict at its top level, then the estimate, apart, with how many
    indicators it cannot grade and why. Empty when the report has neither."""
    summaries = scale_summaries(report)
    has_estimate = bool(report.all_indicators)
    if not summaries and not has_estimate:
        return ""
    if not summaries:
        return f"この報告書には{report.municipality}が公表した評価の区分がなく、{_estimate_clause(report)}"
    lead = _published_clause(report, summaries[0])
    if not has_estimate:
        return f"{lead}です（このサイトが計算する達成度の目安の対象となる指標はありません）。"
    return f"{lead}で、これとは別に、{_estimate_clause(report)}"
