"""The words a government uses for its own plan: levels, flags, numbers.

Every report family names the same things differently (Sasebo: DX重点課題 → 課題 → ステップ →
プロジェクト, KPI, リーディング, PID; Nagasaki: 事業群 → 取組項目 → 事務事業, 中核事業,
事業番号). Pages take these words from the data folder (labels.csv, optional) so that no
government's copy speaks in another's words; what a folder leaves out falls back to the
plain defaults below.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import codes


@dataclass(frozen=True)
class Term:
    key: str
    label: str  # as in headings and sentences: 重点課題
    short: str  # table headers, badges, breadcrumbs: 重点課題
    counter: str  # counter word after a number: 件
    description: str  # one plain sentence for the glossary and in-place explanations

    def __str__(self) -> str:
        return self.label


def _term(key: str, label: str, description: str, short: str = "", counter: str = "件") -> Term:
    return Term(key, label, short or label, counter, description)


DEFAULT_TERMS: dict[str, Term] = {
    t.key: t
    for t in (
        _term("plan", "計画", "目標と取組を定めた計画です。"),
        _term("area", "分野", "重点課題をまとめる大きな分野です。"),
        _term("issue", "重点課題", "計画で重点的に取り組むとした課題です。"),
        _term("challenge", "課題", "重点課題を達成するために解決する、より具体的な課題です。"),
        _term("step", "ステップ", "課題の解決を段階に分けたものです。"),
        _term("project", "プロジェクト", "課題の解決のために行う個々の事業です。"),
        _term("kpi", "成果指標", "取組の成果を測る指標です。目標（予定）と実績を比べます。"),
        _term("indicator", "活動指標", "プロジェクトの活動量を測る指標です。目標（予定）と実績を比べます。"),
        _term("theme", "分野を横断する取組", "特定の分野に限らず、全体に関わる取組です。"),
        _term("leading", "重点的な取組", "計画の中で特に重点を置く事業です。", short="重点"),
        _term("pid", "番号", "報告書に印刷された事業の番号です。"),
        _term("department", "担当部局", "事業を担当する部局です。"),
        _term("mark", "進捗（公表された評価）", "報告書で公表された、課題ごとの進み具合の評価です。", short="進捗"),
        _term("phase", "段階", "年度ごとの事業の段階です。"),
    )
}


def terms_from_rows(rows: list) -> dict[str, Term]:
    """Defaults overridden by the data folder's labels.csv rows (key, label, short, counter, description)."""
    terms = dict(DEFAULT_TERMS)
    for row in rows:
        base = terms[row.key]
        terms[row.key] = Term(
            row.key, row.label, row.short or row.label, row.counter or base.counter, row.description or base.description
        )
    return terms


def phases_from_rows(rows: list) -> dict[str, codes.Code]:
    """The report's own phase words (phases.csv: phase, symbol, sort_order), in their order; the
    default list (構築・運用・検討・実施しない) when it has none. A word from the data never names a
    CSS class: its class is its place in the list (phase-1, phase-2 …)."""
    if not rows:
        return dict(codes.PHASES)
    ordered = sorted(rows, key=lambda r: r.sort_order)
    return {
        r.phase: codes.Code(r.phase, r.symbol or "", r.phase, r.phase, f"phase-{n}")
        for n, r in enumerate(ordered, start=1)
    }
