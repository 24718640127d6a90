"""The home page, as a citizen reads it: the report's own verdict first, the site's estimate second,
one sentence on how the two relate, and a figure on every card (issues #24 and #26).

Exact sentences and counts are pinned on the frozen reports (the Sasebo FY2023 fixture, the Nagasaki
example, the Hokkaido fixture); the live data is checked in test_live_data.py, as data.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from conftest import EXAMPLES, FIXTURE_DATA, FIXTURES, build_site

from dxreport import headline, missing
from dxreport.model import load_report, load_reports

HOKKAIDO = FIXTURES / "hokkaido-2020"
NAGASAKI = EXAMPLES["example-nagasaki"]

SENTENCES = {
    "sasebo": (
        "佐世保市が公表した評価では課題32件のうち26件が「予定どおり」で、これとは別に、このサイトが"
        "KPI・活動指標155件の予定と実績から計算した自動計算の目安では「達成」が79件、44件は数値が公表"
        "されていない18件、実績がまだ報告されていない17件などのため計算できません。"
    ),
    "nagasaki": (
        "長崎県が公表した評価では事務事業4件の見直し区分が「改善」3件、「現状維持」1件で、これとは別に、"
        "このサイトが成果指標・活動指標12件の予定と実績から計算した自動計算の目安では「達成」が3件、6件は"
        "実績がまだ報告されていない5件、このサイトに転記していない1件のため計算できません。"
    ),
    "hokkaido": (
        "北海道が公表した評価では施策の判定が「c」（基準1が△で、基準2〜4に○が1つ以上）で、これとは別に、"
        "このサイトが成果指標1件の予定と実績から計算した自動計算の目安では「達成」が1件です。"
    ),
}
DATA = {"sasebo": FIXTURE_DATA, "nagasaki": NAGASAKI, "hokkaido": HOKKAIDO}


@pytest.fixture(scope="module")
def homes(tmp_path_factory, fixture_site_dir) -> dict[str, str]:
    """The built home page of each frozen report."""
    found = {"sasebo": (fixture_site_dir / "index.html").read_text(encoding="utf-8")}
    for name in ("nagasaki", "hokkaido"):
        dest = tmp_path_factory.mktemp(name) / "site"
        result = build_site(dest, DATA[name])
        assert result.returncode == 0, result.stdout + result.stderr
        found[name] = (dest / "index.html").read_text(encoding="utf-8")
    return found


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", fragment)))


def _between(page: str, start: str, end: str) -> str:
    at = page.index(start)
    return page[at : page.index(end, at)]


@pytest.mark.parametrize("name", SENTENCES)
def test_one_sentence_relates_the_published_verdict_to_the_estimate(name):
    assert headline.relation_sentence(load_report(DATA[name])) == SENTENCES[name]


def test_the_sentence_follows_each_edition_and_says_nothing_without_a_verdict_or_indicators():
    first = load_reports(NAGASAKI)[0]  # 平成28年度: two projects without a printed 見直し区分
    assert headline.relation_sentence(first) == (
        "長崎県が公表した評価では事務事業5件の見直し区分が「改善」3件、公表なし2件で、これとは別に、"
        "このサイトが成果指標・活動指標15件の予定と実績から計算した自動計算の目安では「達成」が13件、"
        "2件は実績がまだ報告されていないため計算できません。"
    )
    assert headline.relation_sentence(load_report(FIXTURES / "mie-2017")) == ""


def test_every_indicator_without_an_estimate_has_one_reason_of_the_blank_cells():
    report = load_report(FIXTURE_DATA)
    counts = dict((r.value, n) for r, n in missing.no_estimate_counts(report, report.all_indicators))
    assert counts == {"公表なし": 18, "未報告": 17, "備考": 6, "比率なし": 3}
    assert sum(counts.values()) == report.grade_totals()["-"]


@pytest.mark.parametrize("name", SENTENCES)
def test_the_sentence_sits_in_the_headline_after_the_counts(homes, name):
    box = _between(homes[name], '<section class="dx-headline"', "</section>")
    assert _text(box).endswith(SENTENCES[name])
    assert box.index("dx-headline__list") < box.index("dx-headline__relation")


def _charts(page: str) -> list[tuple[str, dict]]:
    return [
        (ident, json.loads(html.unescape(fig)))
        for ident, fig in re.findall(r'<div class="dx-chart" id="([^"]+)" data-figure="([^"]*)"', page)
    ]


@pytest.mark.parametrize(
    "name, published",
    [
        ("sasebo", {"chart-overview-marks": ["○ 予定どおり", "△ 遅れている", "公表なし"]}),
        ("nagasaki", {"chart-overview-projects": ["改善", "現状維持"]}),
        (
            "hokkaido",
            {
                "chart-overview-issues": ["c 基準1が△で、基準2〜4に○が1つ以上"],
                "chart-overview-kpis": ["A 100%以上"],
                "chart-overview-projects": ["改善", "公表なし"],
            },
        ),
    ],
)
def test_the_overview_charts_the_published_scales_first_and_the_estimate_last(homes, name, published):
    charts = _charts(homes[name])
    assert [i for i, _ in charts] == [*published, "chart-overview-grades"]
    for ident, fig in charts[:-1]:
        # The scale's own values in its order, coloured by rank (or as the marks are), every one named.
        assert [t["name"] for t in fig["data"]] == published[ident], ident
        assert fig["layout"]["showlegend"] is True
    report = load_report(DATA[name])
    estimate = charts[-1][1]
    assert [t["name"] for t in estimate["data"]] == [f"{g.symbol} {g.short}" for g in report.grades.values()]
    # Tables under the charts: each published one says whose evaluation it is; the estimate is named so.
    overview = homes[name][homes[name].index('id="overview"') :]
    captions = [_text(c) for c in re.findall(r"<caption>(.*?)</caption>", overview, flags=re.S)]
    assert all(f"{report.municipality}の評価" in c for c in captions[:-1]) and "自動計算の目安" in captions[-1]
    assert all("自動計算の目安" not in c for c in captions[:-1])


def test_hokkaido_overview_colours_its_grades_by_rank(homes):
    charts = dict(_charts(homes["hokkaido"]))
    assert [t["meta"] for t in charts["chart-overview-issues"]["data"]] == ["rank-worst"]
    assert [t["meta"] for t in charts["chart-overview-kpis"]["data"]] == ["rank-best"]
    # The estimate never borrows the report's letters: its symbols are marks.
    assert [t["name"].split()[0] for t in charts["chart-overview-grades"]["data"]] == ["◎", "○", "△", "×", "？"]


def _cards(page: str) -> dict[str, str]:
    return {
        ident: block
        for ident, block in re.findall(
            r'<section class="dx-card" aria-labelledby="card-([^"]+)">(.*?)</section>', page, re.S
        )
    }


def test_every_card_carries_its_figures_as_text_and_a_bar(homes):
    tourism = _cards(homes["sasebo"])["tourism"]
    texts = [_text(p) for p in re.findall(r'<p class="dx-card__status[^"]*">(.*?)</p>', tourism, flags=re.S)]
    assert texts == [
        "課題3件の進捗（佐世保市の評価）：予定どおり3件",
        "KPI・活動指標18件の達成度（自動計算の目安）：A達成12件、D遅れ1件、？算定不可5件",
    ]
    bars = re.findall(r'<span class="dx-bar" aria-hidden="true">(.*?)</span></span>', tourism)
    assert len(bars) == 2
    assert re.findall(r'dx-bar__seg--([a-z-]+)" style="width:([\d.]+)%', bars[1] + "</span>") == [
        ("grade-a", "66.67"),
        ("grade-d", "5.56"),
        ("grade-none", "27.78"),
    ]
    # Every card of every report: the published figure first, the estimate after it and labelled.
    for name, page in homes.items():
        for ident, card in _cards(page).items():
            statuses = re.findall(r'<p class="dx-card__status ([^"]*)">', card)
            assert statuses and statuses[-1] == "dx-card__estimate", (name, ident)
            if len(statuses) > 1:
                assert statuses[0] == "dx-card__published", (name, ident)
            assert card.count('class="dx-bar"') == len(statuses), (name, ident)


def test_nagasaki_card_shows_the_review_scale_before_the_estimate(homes):
    [card] = _cards(homes["nagasaki"]).values()
    text = _text(card)
    assert text.index("事務事業の見直し区分：改善3件、現状維持1件（長崎県の評価）") < text.index("自動計算の目安")
    assert "成果指標・活動指標12件の達成度（自動計算の目安）：A達成3件、B" in text
