"""Other governments' real reports, built by the same code as Sasebo's.

- examples/nagasaki/: Nagasaki's 事業群評価調書 (H28 results), shipped as an example. It is live data
  (its checks as data run with the live-data suite, via `any_site`); here: that it reads as
  Nagasaki's report in a browser, accessibly, with its levels, both indicator kinds and budgets.
- tests/fixtures/hokkaido-2020/: part of Hokkaido's 基本評価調書 (施策 → 項目 → 事務事業), a frozen
  fixture, so exact values are pinned here.
- tests/fixtures/mie-2017/: three 取組 of Mie's ICT利活用のあり方, whose yearly schedule is in its own
  words (基本計画・再構築・運用開始, phases.csv), not the default phases.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, ROOT, _built_and_served, build_site, read_rows

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NAGASAKI = EXAMPLES["example-nagasaki"]
# Words of Sasebo's site and vocabulary that the templates must never bring into another report.
SASEBO_VOCABULARY = ("DX重点課題", "DX戦略", "リーディング", "PID", "KPI", "主体部局", "市の評価", "公共データ利用規約")

HOKKAIDO = FIXTURES / "hokkaido-2020"
MIE = FIXTURES / "mie-2017"
SASEBO_WORDS = ("佐世保", "DX", "リーディング", "PID", "KPI")


def page_text(site: Path, url: str) -> str:
    """The visible text of a page's article, tags and chart JSON removed, whitespace collapsed."""
    raw = (site / url / "index.html").read_text(encoding="utf-8")
    article = raw[raw.index("<article") : raw.index("</article>")]
    article = re.sub(r"<script.*?</script>|data-figure=\"[^\"]*\"", "", article, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def _built(tmp_path_factory, name: str, data: Path) -> Path:
    dest = tmp_path_factory.mktemp(name) / "site"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="module")
def hokkaido_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "hokkaido", HOKKAIDO)


def test_hokkaido_pages_speak_its_words_and_none_of_sasebos(hokkaido_site):
    for page in hokkaido_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for word in SASEBO_WORDS:
            assert word not in re.sub(r"<script.*?</script>", "", text, flags=re.S), (page, word)
    # Its own licence, not Sasebo's PDL1.0 (the staff guide's column table names PDL only as an example).
    for page in ("", "issues/ict/", "downloads/"):
        text = (hokkaido_site / page / "index.html").read_text(encoding="utf-8")
        assert "試験用の抜粋（利用条件は北海道の定めによります）" in text and "PDL" not in text, page
    home = page_text(hokkaido_site, "")
    assert "施策" in home and "事務事業" in home
    issue = page_text(hokkaido_site, "issues/ict")
    assert "項目4件／成果指標1件／事務事業17件" in re.sub(r"\s+", "", issue)  # terms are glossary links
    assert "1101 地域情報化推進対策費" in issue  # 整理番号 before the name


def test_hokkaido_published_grade_is_the_verdict_and_the_computed_one_an_estimate(hokkaido_site):
    issue = page_text(hokkaido_site, "issues/ict")
    assert "北海道が公表した評価（令和元年度（2019年度））： A 100%以上 ・達成率 123%" in issue
    # The report grades A〜D itself (scales.csv), so the estimate never shows those letters.
    assert "自動計算の目安 ： ◎" in issue and "自動計算の目安 ： A" not in issue
    # 167 / 136 = 122.8%: the printed 123% is the same figure rounded, so no difference is reported.
    assert "異なります" not in issue
    assert "平成26年度（2014年度） （基準値）" in issue  # a base year before the plan period


def test_hokkaido_estimates_round_half_up_as_the_report_prints_its_rates(hokkaido_site):
    """report.csv rate_rounding 四捨五入 (inferred from the printed rates; see the fixture's SOURCES.md):
    167 / 136 = 122.79% is shown as the 調書 prints it, 123%, and the method page states the rule and
    names the report's own scales, not Sasebo's ○ 予定どおり／△ 遅れている."""
    issue = page_text(hokkaido_site, "issues/ict")
    assert "達成率 123%（令和元年度（2019年度）：予定 136・実績 167）" in issue and "122.8" not in issue
    method = page_text(hokkaido_site, "method")
    assert "北海道の報告書は、達成率を小数点以下を四捨五入して整数にして印刷しています（例：117.5% は 118%）" in method
    assert "北海道が公表した評価（判定：a／b／c、達成度合：A／B／C／D／-、方向性：" in method
    assert "予定どおり" not in method and "北海道の評価（判定・方向性）は、数値以外の事情も" in method


def test_hokkaido_budgets_sum_to_the_printed_total_with_a_chart(hokkaido_site):
    issue = page_text(hokkaido_site, "issues/ict")
    assert "令和2年度（2020年度） 予算（計画） 4,561,152" in issue  # the 計 row of the 調書
    raw = (hokkaido_site / "issues/ict/index.html").read_text(encoding="utf-8")
    assert 'class="dx-chart dx-chart--budget"' in raw
    project = page_text(hokkaido_site, "projects/p1103")
    assert "1,700,924" in project and "フルコスト 1,790,420千円" in project
    assert 'class="dx-chart dx-chart--budget"' in (hokkaido_site / "projects/p1103/index.html").read_text("utf-8")


def test_hokkaido_issue_verdict_and_its_criteria_are_shown_as_printed(hokkaido_site):
    issue = page_text(hokkaido_site, "issues/ict")
    assert "判定（北海道の評価） 北海道が公表した判定： C （報告書に印刷されたとおり）" in issue
    assert (
        "基準1：計画した取組を着実に進め、かつ社会情勢や道民の要請等を踏まえた課題等に対応しているか △ ・情報通信格差是正の促進"
        in issue
    )
    assert "基準3：道民からのニーズを的確に把握し、施策推進に役立っているか （印なし）" in issue
    rows = json.loads((hokkaido_site / "opendata/all/issue_criteria.json").read_text(encoding="utf-8"))
    assert len(rows) == 4


def search_status(site: Path, url: str) -> list[tuple[str, str]]:
    """What a search result for the page shows under its title: (label, value) of each status item."""
    for pack in sorted((site / "search/docs").glob("*.json")):
        for record in json.loads(pack.read_text(encoding="utf-8")):
            if record["u"] == url:
                return [(label, text) for _, label, text, _ in record["s"]]
    raise AssertionError(url)


def test_hokkaido_search_results_show_its_own_grades_first_and_the_estimate_labelled(hokkaido_site):
    """Its 判定・達成度合・方向性 first, in its letters; the estimate after them, labelled, in ◎○△×."""
    assert search_status(hokkaido_site, "issues/ict/") == [
        ("北海道の公表（施策の判定）", "c 1件"),
        ("北海道の公表（成果指標の達成度合）", "A 1件"),
        ("北海道の公表（事務事業の方向性）", "改善 1件、／ 16件"),
        ("指標の達成度（自動計算の目安）", "◎ 1件"),
    ]
    # A 事務事業 without a printed 方向性 or an indicator says so, rather than grading it.
    assert search_status(hokkaido_site, "projects/p1101/") == [
        ("北海道の公表（方向性）", "／ 公表なし"),
        ("達成度（自動計算の目安）", "？ 指標なし"),
    ]


# --- Nagasaki (examples/nagasaki) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def nagasaki(tmp_path_factory):
    server, site_dir, base = _built_and_served(tmp_path_factory, NAGASAKI, "nagasaki-www")
    yield site_dir, base
    server.shutdown()


def test_nagasaki_reads_as_nagasakis_report(nagasaki):
    site, _ = nagasaki
    for page in site.rglob("*.html"):
        if "guide" in page.parts:
            continue  # the staff guide documents the columns with generic examples
        text = re.sub(r"<script.*?</script>", "", page.read_text(encoding="utf-8"), flags=re.S)
        for word in SASEBO_VOCABULARY:
            assert word not in text, (page, word)
        assert "長崎県の定める利用条件" in text or page.name == "404.html", page
    assert "長崎県 事業群評価 進捗報告" in (site / "index.html").read_text(encoding="utf-8")
    home = page_text(site, "editions/2016")
    assert "地域を支える地域情報通信基盤の整備" in home
    issue = page_text(site, "editions/2016/issues/cloud-ict")
    assert "取組項目ⅲ クラウドサービス等によるＩＣＴ利活用の推進" in issue  # roman numbers as printed
    assert "平成28年度（2016年度）" in issue and "R-2" not in issue  # 和暦 before 令和
    # A project of 事業群② that also serves 取組項目ⅲ is listed there, marked as such, and counted once.
    assert "電子県庁推進事業 中核 （事業群「電子自治体の推進」の事務事業）" in issue
    assert "平成28年度（2016年度） 決算（実績） 32,929" in issue


def test_nagasaki_project_shows_both_indicator_kinds_published_rates_and_budget(nagasaki):
    site, _ = nagasaki
    page = page_text(site, "editions/2016/projects/egov-denshi-kencho")
    assert "活動指標：システムの改修等数" in page and "成果指標：庁外向けシステム利用件数" in page
    assert "長崎県が公表した評価（平成28年度（2016年度））： 達成率 112%" in page
    assert "自動計算の目安 ：" in page
    assert "平成28年度（2016年度） 決算（実績） 479,292 7,022 39,405" in page
    assert "事業期間 H13-" in page
    raw = (site / "editions/2016/projects/egov-denshi-kencho/index.html").read_text(encoding="utf-8")
    assert 'class="dx-chart dx-chart--budget"' in raw


def test_nagasaki_downloads_carry_published_rates_and_no_empty_number_column(nagasaki):
    site, _ = nagasaki
    # The 2016 edition printed no 事業番号: no empty number column; the 2020 edition did.
    rows = json.loads((site / "editions/2016/opendata/projects/egov-denshi-kencho.json").read_text("utf-8"))
    assert "番号" not in rows[0] and rows[0]["公表された達成率（%）"] == 100
    latest = json.loads((site / "opendata/projects/egov-denshi-kencho.json").read_text(encoding="utf-8"))
    assert latest[0]["事業番号"] == "3"
    assert {r["種別"] for r in rows} == {"活動指標", "成果指標"}
    published = {r["kpi_id"]: r["published_rate"] for r in read_rows(NAGASAKI, "kpi_values") if r["published_rate"]}
    assert published  # the example keeps the printed rates


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_nagasaki_pages_have_no_axe_violations_and_draw_their_charts(nagasaki, browser, width):
    _, base = nagasaki
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 800}, locale="ja-JP")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for url in ("", "issues/cloud-ict/", "editions/2016/projects/egov-denshi-kencho/", "projects/", "changes/"):
        page.goto(base + url)
        charts = page.locator(".dx-chart")
        for i in range(charts.count()):
            charts.nth(i).scroll_into_view_if_needed()  # charts are drawn as they come near the screen
        if charts.count():
            page.wait_for_function(
                "document.querySelectorAll('.dx-chart--ready').length === document.querySelectorAll('.dx-chart').length",
                timeout=20000,
            )
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
            return r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        assert violations == [], (url, json.dumps(violations, ensure_ascii=False))
    context.close()
    assert errors == []


def test_nagasaki_project_lists_grade_each_indicator_kind_and_name_it(nagasaki):
    """ながさきSociety5.0推進費: its 活動指標 is A and its 成果指標 D (20 of 48). The lists show both,
    each named by its kind, never one unlabelled grade."""
    site, _ = nagasaki
    listing = page_text(site, "projects")
    # The report's own 見直し区分 comes first, then the estimate of each kind.
    assert "中核 見直し区分 （長崎県の評価） 指標の達成度（目安） 1 " in listing
    assert "（長崎県の評価） 達成度（目安）" not in listing
    assert (
        "ながさきSociety5.0推進費 事業群③（名称は抽出した資料にありません） 次世代情報化推進室 ○ 中核 改善 活動指標 A 達成 成果指標 D 遅れ"
        in listing
    )
    raw = (site / "projects/index.html").read_text(encoding="utf-8")
    assert 'data-grade="a d"' in raw
    issue = page_text(site, "issues/cloud-ict")
    assert "ながさきSociety5.0推進費 中核 次世代情報化推進室 活動指標 A 達成 成果指標 D 遅れ" in issue


def test_a_list_without_indicators_names_no_kind(hokkaido_site):
    listing = page_text(hokkaido_site, "projects")
    assert " 達成度（目安） " in listing and "指標の達成度" not in listing


@pytest.mark.browser
def test_nagasaki_search_results_name_the_indicator_each_estimate_is_of(nagasaki):
    """ながさきSociety5.0推進費: its 見直し区分 first, then the estimate of each indicator kind, named
    (not one unlabelled A of its first indicator while its outcome indicator is at 40 %)."""
    site, _ = nagasaki
    assert search_status(site, "projects/cloud-ict-society5/") == [
        ("長崎県の公表（見直し区分）", "改善"),
        ("活動指標の達成度（自動計算の目安）", "A 達成"),
        ("成果指標の達成度（自動計算の目安）", "D 遅れ"),
    ]


def test_nagasaki_grade_filter_matches_any_kind_and_sorts_by_the_first(nagasaki, browser):
    _, base = nagasaki
    page = browser.new_page()
    page.goto(base + "projects/")
    rows = page.locator("#dx-project-list tbody tr:not([hidden]) th a")
    page.select_option("#f-grade", "d")
    assert rows.all_inner_texts() == ["ながさきSociety5.0推進費", "スマート県庁プロジェクト"]
    page.select_option("#f-grade", "")
    page.locator("#dx-project-list thead button", has_text="指標の達成度").click()
    names = rows.all_inner_texts()
    assert names[-1] == "長崎県版インフラDX推進事業費" and names.index("電子県庁推進事業") < names.index(
        "スマート県庁プロジェクト"
    )
    page.close()


def footer_text(raw: str) -> str:
    part = raw[raw.index('class="md-copyright dx-footer"') :]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", part[: part.index("</div>")])))


def test_nagasaki_grants_no_licence_that_its_source_did_not_state(nagasaki):
    """The 調書 states no terms of use (license_type 記載なし): no page may say that anyone may use the
    data freely or call it オープンデータ; the footer and the downloads page say that no terms were stated."""
    site, _ = nagasaki
    for url in (
        "",
        "downloads",
        "editions/2016/downloads",
        "issues/cloud-ict",
        "editions/2016/projects/egov-denshi-kencho",
    ):
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        foot = footer_text(raw)
        assert "利用規約の記載がないため、このサイトはデータの自由な利用を認めるものではありません。" in foot, url
        assert "で利用できます" not in foot and "オープンデータ" not in foot, url
        assert "どなたでも自由に" not in raw and ">オープンデータ<" not in raw, url
    downloads = page_text(site, "downloads")
    assert "データのダウンロード" in downloads and "利用規約の記載がありません" in downloads
    assert "データの利用条件：長崎県の定める利用条件（調書に利用規約の記載はありません）" in downloads


def test_a_site_terms_url_is_linked_where_no_licence_is_stated(tmp_path):
    """report.csv site_terms_url: the government's own site terms, linked from the footer and the
    downloads page when the source states no licence (Hokkaido's excerpt names none)."""
    from conftest import copy_data, read_rows, write_rows

    data = copy_data(tmp_path, HOKKAIDO)
    report = read_rows(data, "report")
    report[0]["site_terms_url"] = "https://www.example.lg.jp/site/policy.html?a=1&b=<2>"
    write_rows(data, "report", report, fields=[*report[0]])
    site = tmp_path / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    escaped = 'href="https://www.example.lg.jp/site/policy.html?a=1&amp;b=&lt;2&gt;"'
    for url in ("", "downloads"):
        raw = (site / url / "index.html").read_text(encoding="utf-8")
        assert f"{escaped}>北海道のウェブサイトのご利用について</a>" in raw, url
        assert "どなたでも自由に" not in raw and "で利用できます。" not in footer_text(raw), url


def test_nagasaki_values_keep_their_printed_decimals_everywhere(nagasaki):
    """The 調書 prints 52.0% and 53.2% (and the final target 60%): the table, the estimate, the chart's
    hover text, the CSV and JSON downloads and the Excel workbook all show 52.0, and 60 stays 60."""
    import openpyxl

    site, _ = nagasaki
    issue = page_text(site, "editions/2016/issues/egov")
    assert "平成28年度（2016年度） 52.0 53.2 102%" in issue and "令和2年度（2020年度） 60 未報告 最終目標" in issue
    assert "達成率 102%（平成28年度（2016年度）：予定 52.0・実績 53.2）" in issue
    raw = (site / "editions/2016/issues/egov/index.html").read_text(encoding="utf-8")
    figures = [json.loads(html.unescape(f)) for f in re.findall(r'data-figure="([^"]*)"', raw)]
    hovers = [c[2] for f in figures for t in f["data"] for c in t.get("customdata", []) if len(c) > 2]
    assert "52.0" in hovers and "53.2" in hovers and "60" in hovers and "60.0" not in hovers
    opendata = site / "editions/2016/opendata"
    assert ",2016,52.0,53.2,102,," in (opendata / "issues/egov.csv").read_text(encoding="utf-8")
    assert '"予定": 52.0, "実績": 53.2' in (opendata / "issues/egov.json").read_text(encoding="utf-8")
    assert "egov-k1,2016,52.0,53.2,,102" in (opendata / "all/kpi_values.csv").read_text(encoding="utf-8")
    assert '"planned": 52.0, "actual": 53.2' in (opendata / "all/kpi_values.json").read_text(encoding="utf-8")
    assert '"planned": 60, ' in (opendata / "all/kpi_values.json").read_text(encoding="utf-8")
    sheet = openpyxl.load_workbook(opendata / "all/report-2016.xlsx")["kpi_values（指標の年度別の値）"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "egov-k1" and r[1].value == 2016)
    planned = row[header.index("予定（目標値）（planned）")]
    assert planned.value == 52.0 and planned.number_format == "#,##0.0"


@pytest.fixture(scope="module")
def nagasaki_revised(tmp_path_factory) -> Path:
    """Nagasaki with a later edition that revises a printed target and a printed grade: the 2020
    edition (the latest, not frozen) also reports the オンライン手続利用率 of the 2016 edition, with
    2016's 53.2 as its base value and the final target 60 printed as 62.0, and grades 電子県庁推進事業
    現状維持 (改善 in 2016). Nagasaki itself revised no target between its two editions."""
    from conftest import copy_data, write_rows

    data = copy_data(tmp_path_factory.mktemp("nagasaki-revised"), NAGASAKI)
    later = data / "2020"
    (egov,) = [r for r in read_rows(data / "2016", "kpis") if r["kpi_id"] == "egov-k1"]
    write_rows(later, "kpis", [*read_rows(later, "kpis"), {**egov, "issue_id": "cloud-ict", "seq": "9"}])
    values = read_rows(later, "kpi_values")
    blank = dict.fromkeys(values[0], "")
    values += [
        {**blank, "kpi_id": "egov-k1", "fiscal_year": "2016", "actual": "53.2", "base": "基準値"},
        {**blank, "kpi_id": "egov-k1", "fiscal_year": "2020", "planned": "62.0", "actual": "61"},
    ]
    write_rows(later, "kpi_values", values)
    projects = read_rows(later, "projects")
    for row in projects:
        if row["project_id"] == "egov-denshi-kencho":
            row["review"] = "現状維持"
    write_rows(later, "projects", projects)
    return _built(tmp_path_factory, "nagasaki-revised-site", data)


def test_revised_targets_keep_the_decimals_each_edition_printed(nagasaki_revised):
    """見直された目標 shows 60 → 62.0 (not 62), and the chart's line of the previous edition's plan
    says 52.0 and 60 in its hover, as the 2016 edition printed them (not 52, not 60.0)."""
    changes = page_text(nagasaki_revised, "changes")
    assert "見直された目標（平成28年度実績の版と、この版）" in changes
    row = changes[changes.index("県及び市町におけるオンライン手続") :]
    assert row.startswith(
        "県及び市町におけるオンライン手続※利用率（国の指針21業務を対象） 令和2年度（2020年度） 60 62.0 "
    )
    raw = (nagasaki_revised / "issues/cloud-ict/index.html").read_text(encoding="utf-8")
    chart = re.search(r'id="chart-kpi-egov-k1" data-figure="([^"]+)"', raw)
    assert chart
    traces = {t["meta"]: t for t in json.loads(html.unescape(chart.group(1)))["data"]}
    previous = traces["previous-plan"]
    assert previous["y"] == [52.0, 60.0] and [c[2] for c in previous["customdata"]] == ["52.0", "60"]
    assert "%{customdata[2]}" in previous["hovertemplate"]
    assert [c[2] for c in traces["plan"]["customdata"]] == ["", "62.0"]


def test_a_changed_printed_grade_is_on_the_changes_page(nagasaki_revised):
    """電子県庁推進事業's 見直し区分 改善 → 現状維持, on the changes page and on the project's page."""
    for url in ("changes", "projects/egov-denshi-kencho"):
        text = page_text(nagasaki_revised, url).replace(" （", "（")  # a link on the changes page only
        assert "公表された評価が変わったもの 電子県庁推進事業（見直し区分）： 改善 → から 現状維持" in text, url


def test_nagasaki_estimates_round_down_as_the_report_prints_its_rates(nagasaki):
    """report.csv rate_rounding 切り捨て: 94 / 80 = 117.5% is shown as the 調書 prints it, 117%, and no
    indicator of either edition is reported as differing from its printed rate."""
    site, _ = nagasaki
    page = page_text(site, "editions/2016/projects/cloud-ict-sasaeai")
    assert "長崎県が公表した評価（平成28年度（2016年度））： 達成率 117%" in page
    assert "達成率 117%（平成28年度（2016年度）：予定 80・実績 94）" in page and "117.5" not in page
    for page_file in site.rglob("*.html"):
        assert "dx-differs" not in page_file.read_text(encoding="utf-8"), page_file
    method = page_text(site, "method")
    assert "達成率を小数点以下を切り捨てて整数にして印刷しています（例：117.5% は 117%）" in method


def test_an_indicators_decimals_column_fixes_its_places_where_excel_dropped_the_zero(tmp_path):
    """Excel saves 52.0 as 52 unless the cell is formatted: kpis.csv decimals brings the printed 52.0 back."""
    from conftest import copy_data, write_rows

    from dxreport.downloads import build_downloads
    from dxreport.model import load_report

    data = copy_data(tmp_path, NAGASAKI)
    values = read_rows(data, "kpi_values")
    for row in values:
        if row["kpi_id"] == "cloud-ict-society5-k1":
            row["planned"], row["actual"] = "20", "48"  # as Excel writes 20.0 and 48.0
    write_rows(data, "kpi_values", values)
    kpis = read_rows(data, "kpis")
    for row in kpis:
        row["decimals"] = "1" if row["kpi_id"] == "cloud-ict-society5-k1" else ""
    write_rows(data, "kpis", kpis, fields=[*kpis[0]])
    report = load_report(data)
    kpi = next(k for k in report.all_indicators if k.kpi_id == "cloud-ict-society5-k1")
    assert [(v.planned_places, v.actual_places) for v in kpi.series.values] == [(1, 1)]
    files = build_downloads(report)
    assert ",2020,,20.0,48.0,240,," in files["opendata/projects/cloud-ict-society5.csv"].decode("utf-8")
    assert "cloud-ict-society5-k1,2020,20.0,48.0,,240" in files["opendata/all/kpi_values.csv"].decode("utf-8")
    assert '"planned": 20.0, "actual": 48.0' in files["opendata/all/kpi_values.json"].decode("utf-8")
    other = next(k for k in report.all_indicators if k.kpi_id == "cloud-ict-society5-k2")
    assert (other.series.values[0].planned_places, other.series.values[0].actual_places) == (0, 0)
    kpis[0]["decimals"] = "1.5"  # only a whole number of places
    write_rows(data, "kpis", kpis, fields=[*kpis[0]])
    assert build_site(tmp_path / "site", data).returncode != 0


def test_nagasaki_second_edition_under_a_new_plan_period(nagasaki):
    """The R2 edition (plan R3–R7, base year R元) follows the H28 edition (plan to H32): the usual
    URLs show it, the H28 edition stays at its permanent address, and what changed is listed."""
    site, _ = nagasaki
    issue = page_text(site, "issues/cloud-ict")
    assert "令和2年度実績の版" in issue and "令和元年度（2019年度） （基準値）" in issue
    assert "令和7年度（2025年度）" in issue
    changes = page_text(site, "changes")
    assert "平成28年度実績の版から変わったこと" in changes
    assert "加わった： ながさきSociety5.0推進費" in changes
    assert "この版にはない（前の版まで）：クラウド・オープンデータ等推進事業" in changes
    listing = json.loads((site / "editions/editions.json").read_text(encoding="utf-8"))
    assert [e["year"] for e in listing["editions"]] == [2020, 2016]


def test_nagasaki_moved_project_is_listed_by_its_names_on_the_changes_and_project_pages(nagasaki):
    """電子県庁推進事業 went from 事業群② to ③ and from 情報政策課 to 情報システム課 between the
    editions: both pages say so in the names each edition printed, never by id."""
    site, _ = nagasaki
    moved = (
        "電子県庁推進事業 事業群：事業群② 電子自治体の推進 → から 事業群③ 事業群③（名称は抽出した資料にありません）"
        " 取組項目：取組項目ⅱ 電子自治体の推進、取組項目ⅲ クラウドサービス等によるＩＣＴ利活用の推進 → から"
        " 取組項目v 行政手続きのオンライン化 所管課（室）：情報政策課 → から 情報システム課"
    )
    for url in ("changes", "projects/egov-denshi-kencho", "issues/cloud-ict"):
        text = page_text(site, url)
        assert "移った・名前や担当が変わった事務事業" in text and moved in text, url
        assert "egov" not in text.replace("egov-denshi-kencho", ""), url  # names, not ids
    # Only the project that moved: the others either stayed where they were or came and went.
    assert page_text(site, "changes").count(" → から 情報システム課") == 1
    assert "移った" not in page_text(site, "projects/cloud-ict-smart-kencho")


def test_renames_are_compared_as_text_and_moves_by_the_parents_id(tmp_path):
    """A new name or department is a rename; a new parent id is a move; a parent renamed in place
    moves none of its projects (the edition is compared with an edited copy of itself)."""
    from conftest import copy_data, write_rows

    from dxreport.changes import compare
    from dxreport.model import load_reports

    data = copy_data(tmp_path, NAGASAKI)
    earlier, later = load_reports(data)
    assert [p["project_id"] for p in compare(earlier, later).projects_moved] == ["egov-denshi-kencho"]
    assert compare(later, later).projects_moved == []
    projects, challenges = read_rows(data, "projects"), read_rows(data, "challenges")
    for row in projects:
        if row["project_id"] == "egov-denshi-kencho":
            row["name"] = "電子県庁推進費"
        if row["project_id"] == "cloud-ict-smart-kencho":
            row["challenge_id"] = "cloud-ict-c9"
    for row in challenges:
        row["title"] += "（改）"  # every challenge renamed in place: no project moved by that
    write_rows(data, "projects", projects)
    write_rows(data, "challenges", challenges)
    changes = compare(later, load_reports(data)[-1])
    moved, renamed = changes.projects_moved  # in the order of their ids
    assert (renamed["name"], renamed["old_name"]) == ("電子県庁推進費", "電子県庁推進事業")
    assert renamed["moves"] == [("事務事業名", "電子県庁推進事業", "電子県庁推進費")]
    assert moved["moves"] == [
        ("取組項目", "取組項目vi 新たな技術を活用した業務効率化", "取組項目vii データの利活用促進（改）")
    ]
    assert changes.for_issue("cloud-ict").projects_moved == [moved, renamed]
    assert changes.for_project("cloud-ict-smart-kencho").projects_moved == [moved]


def test_nagasaki_review_category_is_labelled_as_printed(nagasaki):
    """改善・現状維持 sit under 見直し区分 in the 調書; the long text beside them is the 見直しの方向."""
    site, _ = nagasaki
    page = page_text(site, "projects/cloud-ict-infra-dx")
    assert "見直し区分 現状維持" in page and "見直しの方向 現状維持" not in page
    assert "今後の方向性 ○令和3年度からの新規事業であり" in page


def test_nagasaki_missing_values_say_why(nagasaki):
    """課題解決手法の提案数 has no values in the transcription: a 未転記 note says so, not
    「公表されていません」; the actuals of years after the results year are not yet reported."""
    site, _ = nagasaki
    page = page_text(site, "projects/cloud-ict-society5")
    k3 = page[page.index("活動指標：課題解決手法の提案数") : page.index("成果指標：実用化された")]
    assert "数値はこのサイトに転記していません" in k3 and "公表されていません" not in k3
    assert "このサイトの注（転記していない値） 令和3年度の目標値は、このサイトに転記していません。" in k3
    assert "令和3年度（2021年度） 3 未報告 数値のない欄：「未報告」は令和2年度（2020年度）より後の年度で" in page
    # A past year's blank with a printed note: the note explains it; a future actual is not yet reported
    # even when its row's note (最終目標) is about the target.
    issue = page_text(site, "issues/cloud-ict")
    assert "令和2年度（2020年度） 備考のとおり 5 本文による（表に令和2年度の欄はありません）" in issue
    assert "令和7年度（2025年度） 16 未報告 最終目標" in issue
    assert "「備考のとおり」は数値がなく、備考の欄に説明（印刷された文字など）がある値です。" in issue


def test_a_blank_is_not_published_unless_a_note_says_it_is_not_transcribed(tmp_path):
    from conftest import copy_data, write_rows

    data = copy_data(tmp_path, NAGASAKI)
    values = read_rows(data, "kpi_values")
    for row in values:
        if row["kpi_id"] == "egov-denshi-kencho-k1" and row["fiscal_year"] == "2019":
            row.update(actual="", published_rate="")
        if row["kpi_id"] == "egov-denshi-kencho-k2" and row["fiscal_year"] == "2020":
            row.update(actual="", published_rate="")
    write_rows(data, "kpi_values", values)
    notes = read_rows(data, "notes")
    note = {"target_table": "kpis", "target_id": "egov-denshi-kencho-k1", "seq": "1", "kind": "未転記"}
    notes.append(note | {"text": "令和元年度の実績は転記していません。", "reason": "試験のためです。"})
    write_rows(data, "notes", notes)
    site = tmp_path / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_text(site, "projects/egov-denshi-kencho")
    k1 = page[page.index("活動指標：システムの改修等数") : page.index("成果指標：庁外向けシステム利用件数")]
    k2 = page[page.index("成果指標：庁外向けシステム利用件数") : page.index("事業費")]
    assert "令和元年度（2019年度） 4 未転記" in k1 and "「未転記」はこのサイトに転記していない値です" in k1
    assert "公表なし" not in k1
    assert "令和2年度（2020年度） 386,524 公表なし" in k2 and "「公表なし」は長崎県が公表していない値です" in k2
    assert "令和3年度（2021年度） 413,852 未報告" in k2 and "未転記" not in k2
    # Only on an indicator's values: a 未転記 note on a project is refused, nothing is built.
    notes[-1] |= {"target_table": "projects", "target_id": "egov-denshi-kencho"}
    write_rows(data, "notes", notes)
    result = build_site(tmp_path / "site2", data)
    assert result.returncode != 0 and "「未転記」の注は指標の値に付けるものです" in result.stdout + result.stderr


def test_a_reports_own_grade_ranges_reword_and_regrade_its_pages(tmp_path):
    """report.csv may carry the report's own grade ranges: they replace the deployment's on every page."""
    from conftest import copy_data, read_rows, write_rows

    data = copy_data(tmp_path, HOKKAIDO)
    report = read_rows(data, "report")
    report[0].update(grade_a_min="130", grade_b_min="120", grade_c_min="100")
    write_rows(data, "report", report)
    site = tmp_path / "site"
    result = build_site(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    issue = page_text(site, "issues/ict")
    assert (
        "自動計算の目安 ： ○" in issue
    )  # 122.8% is B (shown ○: the report's own scale has A〜D) when A starts at 130%
    assert "目標を達成（130%以上）" in issue and "目標を達成（100%以上）" not in issue
    method = page_text(site, "method")
    assert "130%以上" in method
    # Only two of the three: refused at the cell, nothing built.
    report[0].update(grade_c_min="")
    write_rows(data, "report", report)
    assert build_site(tmp_path / "site2", data).returncode != 0


# --- Mie (tests/fixtures/mie-2017): a report's own phase words -------------------------------------


@pytest.fixture(scope="module")
def mie_site(tmp_path_factory) -> Path:
    return _built(tmp_path_factory, "mie", MIE)


def test_mie_schedule_speaks_its_own_words(mie_site):
    project = page_text(mie_site, "projects/torikumi-1")
    assert "年度ごとの予定" in project
    assert "平成30年度（2018年度） 基本計画 令和元年度（2019年度） 再構築 令和2年度（2020年度） 運用開始" in project
    listing = page_text(mie_site, "projects")
    assert "平成29年度の予定 すべて 基本計画 再構築 運用開始 記載なし" in listing  # the filter, in its order
    assert "予定（年度ごと） 基本計画 再構築 運用開始" in listing  # the legend
    # No default phase word on the pages that show phases (the column guide documents the defaults).
    for url in ("", "projects", "projects/torikumi-1", "projects/torikumi-2", "issues/gyosei6", "glossary"):
        text = page_text(mie_site, url)
        assert not {"構築", "運用", "検討", "実施しない"} & set(text.split()), url
        assert "dx-phase--build" not in (mie_site / url / "index.html").read_text(encoding="utf-8"), url
    raw = (mie_site / "projects/torikumi-3/index.html").read_text(encoding="utf-8")
    assert '<span class="dx-phase dx-phase--phase-2">再構築</span>' in raw  # its class is its place, not its word


def test_a_phase_word_outside_the_reports_list_is_refused(tmp_path):
    from conftest import copy_data, write_rows

    from dxreport.validate import validate_dir

    data = copy_data(tmp_path, MIE)
    rows = read_rows(data, "project_phases")
    rows[0]["phase"] = "構築"  # a default word, but this report has its own list
    write_rows(data, "project_phases", rows)
    _, problems = validate_dir(data, "data")
    (error,) = [p for p in problems if p.is_error]
    assert (error.file, error.row, error.column, error.value) == ("data/project_phases.csv", 2, "phase", "構築")
    assert "phases.csv の phase 列" in error.message and "phases.csv に行を足して" in error.fix
    (data / "phases.csv").unlink()  # without its list, the default words apply again
    _, problems = validate_dir(data, "data")
    assert {p.value for p in problems if p.is_error} == {"再構築", "運用開始"}  # 構築 is a default word
