"""Code lists and fiscal-year wording, defined once for data, pages and docs."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    value: str  # what the CSV holds
    symbol: str  # what the published report prints
    label: str  # plain Japanese shown to citizens
    css: str  # class suffix for styling (never the only signal)


PROGRESS_MARKS = {
    c.value: c
    for c in (
        Code("予定どおり", "○", "予定どおり", "on-track"),
        Code("遅れている", "△", "遅れている", "delayed"),
        Code("評価不能", "−", "評価不能", "not-evaluable"),
    )
}
# A challenge without a published mark (the source does not print one).
MARK_NOT_PUBLISHED = Code("", "−", "公表なし", "not-published")

PHASES = {
    c.value: c
    for c in (
        Code("構築", "○", "構築", "build"),
        Code("運用", "⇒", "運用", "operate"),
        Code("検討", "…", "検討", "study"),
        Code("実施しない", "×", "実施しない", "not-done"),
    )
}

DIRECTIONS = {
    "増加": "大きいほど良い",
    "減少": "小さいほど良い",
}
CUMULATIVE = {"累計": "累計値"}
LEADING = {"○": "リーディングプロジェクト"}

ISSUE_TEXT_SECTIONS = {
    "到達像": "令和9年度の到達像",
    "進捗概要": "進捗概要",
    "目標総括": "令和5年度の目標（総括）",
    "実績評価総括": "令和5年度の実績・評価（総括）",
    "事業総括": "令和5年度の事業総括",
}
CHALLENGE_TEXT_SECTIONS = {
    "到達像": "到達像",
    "実績評価": "実績・進捗状況・評価",
    "未達理由": "未達理由・到達像への影響",
    "目標": "令和5年度の目標",
}
THEME_KINDS = ("推進課題", "3つのしかけ")


# Fiscal years (April to March) by era: FY2019 is 令和元年度 (the era changed in its second month,
# and governments name that fiscal year by the new era), FY1989 平成元年度.
ERAS = ((2019, "令和", "R"), (1989, "平成", "H"))


def _era(fiscal_year: int) -> tuple[str, str, str]:
    for start, name, letter in ERAS:
        if fiscal_year >= start:
            n = fiscal_year - start + 1
            return name, letter, "元" if n == 1 else str(n)
    raise ValueError(f"fiscal year before 平成: {fiscal_year}")


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
