"""The report's own scales: the grades and marks it prints (scales.csv), and the estimate's symbols.

A government publishes its judgement on its own scale: Sasebo marks each challenge ○ 予定どおり /
△ 遅れている; Hokkaido grades each indicator A〜D and each policy a・b・c. `scales.csv` declares such a
scale per level (issue, challenge, indicator, project): its values in order, the symbol and label of
each, and its rank (1 = the better end; blank = outside the order, such as 算定不可). The site shows
these first, in the report's words. Its own A〜D estimate comes second, labelled 自動計算の目安, and
`estimate_symbols` picks symbols for it that the report's scales never use.

A report without scales.csv keeps the challenge marks of codes.PROGRESS_MARKS (Sasebo's).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import codes

# The levels a scale can grade, as the columns that hold the published values.
ISSUE, CHALLENGE, KPI, PROJECT = "issues", "challenges", "kpis", "projects"
LEVELS = (ISSUE, CHALLENGE, KPI, PROJECT)
# Where each level's published value is written: (table, column).
CELLS: dict[str, tuple[str, str]] = {
    ISSUE: ("issues", "published_grade"),
    CHALLENGE: ("challenges", "progress_mark"),
    KPI: ("kpi_values", "published_grade"),
    PROJECT: ("projects", "review"),
}
# The words of the levels in the staff guide (the pages use the report's own terms).
LEVEL_TERMS = {ISSUE: "issue", CHALLENGE: "challenge", KPI: "kpi", PROJECT: "project"}

# Colour classes by rank (dx-mark--rank-*): the better end in the on-schedule colour, the worse end
# in the delayed colour, values outside the order in grey. Never the only signal: symbol and label too.
TONE_BEST, TONE_MIDDLE, TONE_WORST, TONE_NONE = "rank-best", "rank-middle", "rank-worst", "rank-none"


@dataclass(frozen=True)
class Scale:
    """One printed scale: its values (codes.Code, css = colour by rank) in the report's order."""

    scale_id: str
    level: str  # LEVELS
    name: str  # as printed: 達成度合, 判定, 見直し区分 ...
    values: tuple[codes.Code, ...]
    ranks: dict[str, int] = field(default_factory=dict)  # value -> rank (1 = better end)
    declared: bool = True  # False: the site's default (no scales.csv)

    def code(self, value: str) -> codes.Code | None:
        return next((c for c in self.values if c.value == value), None)

    @property
    def symbols(self) -> set[str]:
        return {c.symbol for c in self.values} | {c.value for c in self.values}

    def is_best(self, code: codes.Code) -> bool:
        return self.ranks.get(code.value) == 1 and len(set(self.ranks.values())) > 1

    def is_worst(self, code: codes.Code) -> bool:
        ranked = set(self.ranks.values())
        return len(ranked) > 1 and self.ranks.get(code.value) == max(ranked)

    def counts(self, values: list[str]) -> list[tuple[codes.Code, int]]:
        """How many of `values` each value of the scale has, in the scale's order (zeros left out)."""
        return [(c, n) for c in self.values if (n := values.count(c.value))]


DEFAULT_CHALLENGE_SCALE = Scale(
    "default-marks",
    CHALLENGE,
    "進捗",
    tuple(codes.PROGRESS_MARKS.values()),
    {codes.ON_SCHEDULE: 1, codes.DELAYED: 2},
    declared=False,
)


# Hatching of each value's bars by its place in the scale (charts never tell values by colour alone;
# values of one rank colour, or an unranked scale's, still differ).
PATTERNS = ("", "/", "x", "+", "-", "|", ".")


def tone(rank: int | None, ranks: list[int]) -> str:
    """The colour class of a rank among the scale's ranks."""
    ranked = sorted(set(ranks))
    if rank is None or len(ranked) < 2:
        return TONE_NONE
    if rank == ranked[0]:
        return TONE_BEST
    return TONE_WORST if rank == ranked[-1] else TONE_MIDDLE


def scales_from_rows(rows) -> dict[str, Scale]:
    """The scales of scales.csv by level; a level without one keeps the default (challenges only)."""
    by_level: dict[str, list] = {}
    for r in sorted(rows, key=lambda r: (LEVELS.index(r.level), r.sort_order)):
        by_level.setdefault(r.level, []).append(r)
    scales = {CHALLENGE: DEFAULT_CHALLENGE_SCALE}
    for level, items in by_level.items():
        ranks = {r.value: r.rank for r in items if r.rank is not None}
        values = tuple(
            codes.Code(
                r.value, r.symbol or r.value, r.label, r.label, tone(r.rank, list(ranks.values())), PATTERNS[n % 7]
            )
            for n, r in enumerate(items)
        )
        scales[level] = Scale(items[0].scale_id, level, items[0].name, values, ranks)
    return scales


def _fold(symbol: str) -> str:
    """Symbols that read alike are alike: Ａ, A and a; ○ and 〇."""
    return unicodedata.normalize("NFKC", symbol).casefold().replace("〇", "○")


# Symbols the estimate may use, in order of preference: letters, then marks, then words.
ESTIMATE_SYMBOL_SETS: tuple[tuple[str, str, str, str, str], ...] = (
    ("A", "B", "C", "D", "？"),
    ("◎", "○", "△", "×", "？"),
    ("到達", "ほぼ到達", "やや不足", "不足", "計算不可"),
)


def estimate_symbols(scales: dict[str, Scale]) -> tuple[str, str, str, str, str]:
    """Symbols for the estimate's A, B, C, D and 算定できない that no published scale of the report uses
    (compared without case or width: a report grading a・b・c gets no A〜D estimate)."""
    taken = {_fold(s) for scale in scales.values() for s in scale.symbols}
    for candidate in ESTIMATE_SYMBOL_SETS:
        if not taken & {_fold(s) for s in candidate}:
            return candidate
    n = 1
    while True:  # every set is taken: numbered words, longer until free
        mark = "＊" * n
        numbered = (f"目安{mark}1", f"目安{mark}2", f"目安{mark}3", f"目安{mark}4", f"目安{mark}？")
        if not taken & {_fold(s) for s in numbered}:
            return numbered
        n += 1
