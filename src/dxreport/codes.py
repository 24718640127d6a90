"""Code lists and fiscal-year wording: the one home of every display concept.

Each concept (progress mark, phase, grade, direction, cumulative, leading) is
a list of `Code`s: the value the CSV holds, the symbol the published report
prints, the label and short label citizens read, the CSS name (class
`dx-<kind>--<css>`; chart colours `--dx-c-<css>` for marks and
`--dx-c-grade-<css>` for grades, in site.css) and the chart hatching.
Templates, figures, downloads and the schema read them from here; the browser
scripts read what the templates wrote into data- attributes.

Wording that depends on the data (years) or the settings (grade ranges) is
made by functions here from those inputs, never written out.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    value: str  # what the CSV holds (a grade's letter)
    symbol: str  # what the published report prints
    label: str  # plain Japanese shown to citizens
    short: str  # compact label for table cells and list filters
    css: str  # class suffix and chart colour name (never the only signal)
    pattern: str = ""  # plotly bar hatching, so charts never rely on colour alone


@dataclass(frozen=True)
class Grade(Code):
    criterion: str = ""  # when this grade applies (method page)

    @property
    def chart_label(self) -> str:
        return self.symbol if self.value != NOT_COMPUTABLE else f"{self.symbol}（{self.short}）"

    @property
    def chart_meta(self) -> str:
        return f"grade-{self.css}"


def _by_value(*items: Code) -> dict:
    return {c.value: c for c in items}


ON_SCHEDULE, DELAYED = "予定どおり", "遅れている"
PROGRESS_MARKS: dict[str, Code] = _by_value(
    Code(ON_SCHEDULE, "○", "予定どおり", "予定どおり", "on-track", ""),
    Code(DELAYED, "△", "遅れている", "遅れている", "delayed", "x"),
    Code("評価不能", "−", "評価不能", "評価不能", "not-evaluable", "."),
)
# A challenge without a published mark (the source does not print one).
# One meaning per symbol: "−" is the report's own 評価不能; "／" is "nothing published or listed";
# "？" is the site's "cannot be computed".
MARK_NOT_PUBLISHED = Code("", "／", "公表なし", "公表なし", "not-published", "-")
# Every mark a challenge can show, in legend order.
ALL_MARKS: tuple[Code, ...] = (*PROGRESS_MARKS.values(), MARK_NOT_PUBLISHED)

PHASES: dict[str, Code] = _by_value(
    Code("構築", "○", "構築", "構築", "build"),
    Code("運用", "⇒", "運用", "運用", "operate"),
    Code("検討", "…", "検討", "検討", "study"),
    Code("実施しない", "×", "実施しない", "実施しない", "not-done"),
)
# A year the project list does not mention.
PHASE_NOT_LISTED = Code("", "／", "記載なし", "記載なし", "none")

INCREASE, DECREASE = "増加", "減少"
DIRECTIONS: dict[str, Code] = _by_value(
    Code(INCREASE, "↑", "大きいほど良い", "増加", "increase"),
    Code(DECREASE, "↓", "小さいほど良い", "減少", "decrease"),
)
DEFAULT_DIRECTION = DIRECTIONS[INCREASE]  # a blank direction cell
CUMULATIVE_TOTAL = Code("累計", "累計", "累計値", "累計", "cumulative")
CUMULATIVE: dict[str, Code] = _by_value(CUMULATIVE_TOTAL)
LEADING_PROJECT = Code("○", "○", "重点的な取組", "重点", "leading")
LEADING: dict[str, Code] = _by_value(LEADING_PROJECT)

# What an indicator measures: the outcome (成果指標) or the activity that should lead to it (活動指標).
OUTCOME, ACTIVITY = "成果", "活動"
INDICATOR_KINDS: dict[str, Code] = _by_value(
    Code(OUTCOME, "成果", "成果指標", "成果", "outcome"),
    Code(ACTIVITY, "活動", "活動指標", "活動", "activity"),
)
# A value printed as the base (基準値), before the plan's targets start.
BASE_VALUE = Code("基準値", "基準", "基準値", "基準", "base")
BASE: dict[str, Code] = _by_value(BASE_VALUE)
BUDGET_ACTUAL, BUDGET_PLAN = "実績", "計画"
BUDGET_BASES: dict[str, Code] = _by_value(
    Code(BUDGET_ACTUAL, "実績", "決算（実績）", "実績", "actual"),
    Code(BUDGET_PLAN, "計画", "予算（計画）", "計画", "plan"),
)

GRADE_LETTERS = ("A", "B", "C", "D")
NOT_COMPUTABLE = "-"
GRADE_VALUES = (*GRADE_LETTERS, NOT_COMPUTABLE)
NOT_COMPUTABLE_CRITERION = "予定か実績がない、予定が0、数値ではなく文字で公表されている など"


def _percent(value: float) -> str:
    return f"{int(value)}%" if float(value).is_integer() else f"{value:g}%"


def grade_codes(
    a: float, b: float, c: float, symbols: tuple[str, str, str, str, str] = ("A", "B", "C", "D", "？")
) -> dict[str, Grade]:
    """The grade scale worded from the thresholds (lower bounds of A, B and C, percent). The values stay
    A〜D and "-" (the data and the CSS); `symbols` are what pages show (scales.estimate_symbols)."""
    ranges = {
        "A": f"{_percent(a)}以上",
        "B": f"{_percent(b)}以上{_percent(a)}未満",
        "C": f"{_percent(c)}以上{_percent(b)}未満",
        "D": f"{_percent(c)}未満",
    }
    words = {
        "A": ("目標を達成", "達成", ""),
        "B": ("おおむね達成", "おおむね達成", "/"),
        "C": ("やや遅れ", "やや遅れ", "x"),
        "D": ("遅れ", "遅れ", "+"),
    }
    shown = dict(zip((*GRADE_LETTERS, NOT_COMPUTABLE), symbols, strict=True))
    scale = {
        g: Grade(g, shown[g], f"{words[g][0]}（{ranges[g]}）", words[g][1], g.lower(), words[g][2], ranges[g])
        for g in GRADE_LETTERS
    }
    scale[NOT_COMPUTABLE] = Grade(
        NOT_COMPUTABLE, shown[NOT_COMPUTABLE], "算定できない", "算定不可", "none", ".", NOT_COMPUTABLE_CRITERION
    )
    return scale


@dataclass(frozen=True)
class Section:
    """A kind of text in issue_texts.csv / challenge_texts.csv and its heading.

    `heading` may name {results} (the report's results year) or {plan_end}
    (the plan's last year): the wording follows report.csv."""

    value: str
    heading: str
    anchor: str = ""

    def heading_for(self, results_year: int | None = None, plan_end_year: int | None = None) -> str:
        return self.heading.format(
            results=era_year(results_year) if results_year else "実績の年度",
            plan_end=era_year(plan_end_year) if plan_end_year else "計画の最後の年度",
        )


ISSUE_TEXT_SECTIONS: dict[str, Section] = {
    s.value: s
    for s in (
        Section("到達像", "{plan_end}の到達像", "vision"),
        Section("進捗概要", "進捗概要", "progress"),
        Section("目標総括", "{results}の目標（総括）", "goal-summary"),
        Section("実績評価総括", "{results}の実績・評価（総括）", "result-summary"),
        Section("事業総括", "{results}の事業総括", "business-summary"),
        Section("計画本文", "計画の内容", "plan-text"),
        Section("進捗分析", "進捗状況の分析", "analysis"),
        Section("方向性", "今後の方向性", "direction"),
    )
}
CHALLENGE_TEXT_SECTIONS: dict[str, Section] = {
    s.value: s
    for s in (
        Section("到達像", "到達像"),
        Section("実績評価", "実績・進捗状況・評価"),
        Section("未達理由", "未達理由・到達像への影響"),
        Section("目標", "{results}の目標"),
        Section("検証", "実績の検証と解決すべき課題"),
        Section("方向性", "解決に向けた方向性"),
    )
}
PROJECT_TEXT_SECTIONS: dict[str, Section] = {
    s.value: s
    for s in (
        Section("実施状況", "{results}の実施状況"),
        Section("成果", "{results}の成果"),
        Section("見直し内容", "見直した内容"),
        Section("方向性", "今後の方向性"),
    )
}


# Fiscal years (April to March) by era: FY2019 is 令和元年度 (the era changed in its second month,
# and governments name that fiscal year by the new era), FY1989 平成元年度.
ERAS = ((2019, "令和", "R"), (1989, "平成", "H"))


def _era(fiscal_year: int) -> tuple[str, str, str]:
    for start, name, letter in ERAS:
        if fiscal_year >= start:
            n = fiscal_year - start + 1
            return name, letter, "元" if n == 1 else str(n)
    raise ValueError(f"fiscal year before 平成: {fiscal_year}")


def code_list_text(items) -> str:
    """「予定どおり（○）・遅れている（△）」: a code list as staff read it in the column guide."""
    return "・".join(f"{c.value}（{c.symbol}）" if c.symbol != c.value else c.value for c in items)


def era_year(fiscal_year: int) -> str:
    """和暦 wording of a fiscal year: 2019 is 令和元年度, 2016 平成28年度."""
    name, _, n = _era(fiscal_year)
    return f"{name}{n}年度"


def fiscal_year_label(fiscal_year: int) -> str:
    """Full form for citizens: 令和5年度（2023年度）."""
    return f"{era_year(fiscal_year)}（{fiscal_year}年度）"


def fiscal_year_short(fiscal_year: int) -> str:
    """Compact axis label: R5, H28; only where the full form is near (hover, table)."""
    _, letter, n = _era(fiscal_year)
    return f"{letter}{n}"


def date_label(iso: str) -> str:
    """2024-03-31 -> 2024年3月31日 (2024-09 -> 2024年9月), as a city writes dates."""
    parts = [int(p) for p in iso.split("-")]
    text = f"{parts[0]}年{parts[1]}月"
    return text + (f"{parts[2]}日" if len(parts) > 2 else "")


# --- Editions (one published report per results year) -------------------------------------------
EDITION_PUBLISHED, EDITION_DRAFT = "公開", "下書き"
EDITION_STATUSES: dict[str, Code] = _by_value(
    Code(EDITION_PUBLISHED, "", "公開", "公開", "published"),
    Code(EDITION_DRAFT, "下", "下書き（作成中・未公開）", "下書き", "draft"),
)
# What a yearly update rewrites: `new-edition` clears these in the copy, and the check names each
# one left blank in a draft. Plan texts (到達像, 計画本文, 方向性) and the figures are carried over.
YEARLY_ISSUE_SECTIONS = ("進捗概要", "目標総括", "実績評価総括", "事業総括", "進捗分析")
YEARLY_CHALLENGE_SECTIONS = ("実績評価", "未達理由", "目標", "検証")
YEARLY_PROJECT_SECTIONS = ("実施状況", "成果", "見直し内容")


def edition_label(results_year: int) -> str:
    """How an edition is named to citizens: 令和5年度実績."""
    return f"{era_year(results_year)}実績"


# --- Notes of the site's editors (not printed in the report) ---------------------------------
# 未転記: the indicator's blank values are in the report but not transcribed here (missing.py).
NOT_TRANSCRIBED = "未転記"
NOTE_KINDS: dict[str, Code] = _by_value(
    Code("出典の不整合", "！", "元の資料の食い違い", "食い違い", "inconsistency"),
    Code("推定した単位", "＊", "単位を補いました", "単位の補い", "inferred-unit"),
    Code("編集者の注", "＊", "このサイトの注", "注", "editor"),
    Code(NOT_TRANSCRIBED, "＊", "転記していない値", "未転記", "not-transcribed"),
)
NOTE_TARGETS = ("issues", "challenges", "kpis", "projects")


# --- Terms of use of the data (report.csv license_type) --------------------------------------
@dataclass(frozen=True)
class Licence(Code):
    # The licence lets anyone reuse the data (with credit): only then may the site say so.
    free_use: bool = False
    # Its Open Definition / SPDX id in datapackage.json, where it has one (PDL1.0 has none).
    package_name: str = ""


LICENCES: dict[str, Licence] = _by_value(
    Licence("PDL1.0", "PDL1.0", "公共データ利用規約（第1.0版）", "PDL1.0", "pdl", free_use=True),
    Licence(
        "CC BY 4.0",
        "CC BY 4.0",
        "クリエイティブ・コモンズ 表示 4.0 国際",
        "CC BY 4.0",
        "cc-by",
        free_use=True,
        package_name="CC-BY-4.0",
    ),
    Licence(
        "政府標準利用規約", "政府標準利用規約", "政府標準利用規約（第2.0版）", "政府標準利用規約", "gov", free_use=True
    ),
    Licence("記載なし", "", "利用規約の記載なし", "記載なし", "not-stated"),
)
# A blank license_type: the source is not known to grant anything, so nothing is granted.
LICENCE_NOT_STATED = LICENCES["記載なし"]


def licence_list_text() -> str:
    """「PDL1.0＝公共データ利用規約（第1.0版）、…」: the licence codes as staff read them."""
    return "、".join(f"{c.value}＝{c.label}" for c in LICENCES.values() if c.free_use)
