"""Real Chromium on the real built site, served under a sub-path on loopback."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ISSUE = "issues/tourism/"
PROJECT = "projects/tourism-1-1-6/"
AUDITED = ["", "projects/", ISSUE, PROJECT, "downloads/"]


def wait_for_charts(page, count=1):
    page.wait_for_function(
        f"document.querySelectorAll('.dx-chart--ready svg.main-svg').length >= {count}", timeout=20000)


def test_issue_and_project_pages_draw_charts_without_errors(page, base_url):
    page.goto(base_url + ISSUE)
    charts = page.locator(".dx-chart").count()
    assert charts >= 4
    wait_for_charts(page, charts)
    page.goto(base_url + PROJECT)
    wait_for_charts(page)
    assert page.errors == []


def test_charts_survive_instant_navigation(page, base_url):
    page.goto(base_url + ISSUE)
    wait_for_charts(page)
    page.evaluate("window.__sameDocument = true")
    page.locator(f'table.dx-projects a[href$="{PROJECT}"]').first.click()
    page.wait_for_url(base_url + PROJECT)
    wait_for_charts(page)
    # instant navigation swapped the content without a full reload
    assert page.evaluate("window.__sameDocument === true")
    assert page.errors == []


def test_tables_are_there_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + ISSUE)
    tables = page.locator("table.dx-values")
    assert tables.count() >= 4
    assert tables.first.locator("thead th").all_inner_texts() == ["年度", "予定", "実績", "備考"]
    assert "令和5年度（2023年度）" in tables.first.inner_text()
    assert page.locator(".dx-chart").first.is_hidden()  # no empty "image" announced without charts
    page.goto(base_url + "projects/")
    assert page.locator("#dx-project-list tbody tr:visible").count() == 110
    assert page.locator("#dx-filter").is_hidden()
    context.close()


def trace_colours(page):
    return page.evaluate("""() => [...document.querySelectorAll('.dx-chart--ready')].slice(0, 1)
        .map(el => el.data.map(t => (t.marker && t.marker.line && t.marker.line.color) || (t.line && t.line.color)))""")


def test_palette_switch_rethemes_charts(page, base_url):
    page.goto(base_url + PROJECT)
    wait_for_charts(page)
    before = trace_colours(page)
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(f"JSON.stringify({json.dumps(before)}) !== JSON.stringify([...document.querySelectorAll('.dx-chart--ready')].slice(0, 1).map(el => el.data.map(t => (t.marker && t.marker.line && t.marker.line.color) || (t.line && t.line.color))))")
    assert trace_colours(page) != before


def test_phone_width_has_no_horizontal_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ["", ISSUE, PROJECT, "projects/"]:
        page.goto(base_url + path)
        if path in (ISSUE, PROJECT):
            wait_for_charts(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path}: {overflow}px wider than the screen"
        widths = page.evaluate("[...document.querySelectorAll('.dx-chart--ready')].map(e => e.getBoundingClientRect().right)")
        assert all(w <= 360 for w in widths)
    context.close()


# --- Project list -----------------------------------------------------------------

def visible_rows(page):
    return page.locator("#dx-project-list tbody tr:not([hidden])")


def count_text(page):
    return page.locator("#dx-count").inner_text()


def test_project_list_filters(page, base_url):
    page.goto(base_url + "projects/")
    assert count_text(page) == "110件中110件を表示"
    assert page.locator("#dx-count").get_attribute("aria-live") == "polite"
    page.select_option("#f-issue", "agriculture")
    assert visible_rows(page).count() == 14 and count_text(page) == "110件中14件を表示"
    page.select_option("#f-leading", "yes")
    assert visible_rows(page).count() == 2
    page.locator("#f-reset").click()
    page.wait_for_function("document.getElementById('dx-count').textContent === '110件中110件を表示'")
    page.select_option("#f-leading", "yes")
    assert visible_rows(page).count() == 27
    page.select_option("#f-leading", "")
    page.select_option("#f-dept", "教育委員会")
    assert visible_rows(page).count() == 5
    page.select_option("#f-dept", "")
    for grade in ["a", "b", "c", "d", "none"]:
        page.select_option("#f-grade", grade)
        n = visible_rows(page).count()
        assert n == page.locator(f"#dx-project-list tbody tr[data-grade='{grade}']").count()
    page.select_option("#f-grade", "")
    page.select_option("#f-phase", "operate")
    assert 0 < visible_rows(page).count() < 110
    assert set(visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.phase)")) == {"operate"}
    assert all("運用" in t for t in visible_rows(page).locator("td:last-child").all_inner_texts())


@pytest.mark.parametrize("typed, expected", [
    ("ＡＩ", "AI"), ("ai", "AI"), ("ｷｬｯｼｭﾚｽ", "キャッシュレス"), ("キャッシュ", "キャッシュレス"), ("ＲＰＡ", "RPA"),
])
def test_project_list_free_text_ignores_width_and_case(page, base_url, typed, expected):
    page.goto(base_url + "projects/")
    page.fill("#f-q", expected)
    reference = visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.order)")
    assert 0 < len(reference) < 110
    page.fill("#f-q", typed)
    found = visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.order)")
    assert set(reference) <= set(found)
    if typed != "キャッシュ":  # a prefix may find more; a width/case variant finds the same rows
        assert found == reference


def test_project_list_keyword_also_searches_summaries(page, base_url):
    page.goto(base_url + "projects/")
    page.fill("#f-q", "ビッグデータ")  # only in the summary of 観光1-1-6, not in any name
    names = visible_rows(page).locator("th").all_inner_texts()
    assert "人流データを活用した行動分析" in names


def test_project_list_state_lives_in_the_url(page, base_url):
    page.goto(base_url + "projects/")
    page.select_option("#f-issue", "counter")
    page.fill("#f-q", "予約")
    page.locator("#f-q").blur()
    assert "issue=counter" in page.url and "q=" in page.url
    shown = visible_rows(page).count()
    assert 0 < shown < 9
    # a copied link reopens the same view
    copied = page.url
    page.goto(base_url)
    page.goto(copied)
    assert page.locator("#f-issue").input_value() == "counter" and page.locator("#f-q").input_value() == "予約"
    assert visible_rows(page).count() == shown
    # the back button steps back through the filters
    page.select_option("#f-leading", "yes")
    narrowed = visible_rows(page).count()
    assert "leading=yes" in page.url and narrowed < shown
    page.go_back()
    page.wait_for_function("document.getElementById('f-leading') && document.getElementById('f-leading').value === ''")
    assert "leading" not in page.url
    assert visible_rows(page).count() == shown


def test_project_list_sorts_and_is_keyboard_operable(page, base_url):
    page.goto(base_url + "projects/")
    header = page.locator("th[data-sort='name'] button")
    header.focus()
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    ascending = visible_rows(page).locator("th").all_inner_texts()
    in_order = page.evaluate("ns => ns.every((n, i) => i === 0 || ns[i - 1].localeCompare(n, 'ja', {numeric: true}) <= 0)", ascending)
    assert in_order
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "descending"
    descending = visible_rows(page).locator("th").all_inner_texts()
    assert descending[0] == ascending[-1] and descending[-1] == ascending[0]
    assert "sort=name" in page.url and "dir=desc" in page.url


# --- Site search ----------------------------------------------------------------------

SEARCHES = {
    "キャッシュレス": ["projects/diversity-1-1-1/", "projects/diversity-1-2-1/", "issues/diversity/"],
    "ｷｬｯｼｭﾚｽ": ["projects/diversity-1-1-1/", "projects/diversity-1-2-1/", "issues/diversity/"],
    "キャッシュ": ["projects/diversity-1-1-1/", "projects/diversity-1-2-1/", "issues/diversity/"],
    "赤潮": ["projects/agriculture-3-a-1-2-2/"],
    "オンライン申請": ["projects/counter-1-1-1/", "projects/counter-1-1-2/", "projects/childcare-1-2-1/"],
    "ドローン": ["projects/civil-1-a-1-2-3-1/", "projects/suishin-1/", "projects/agriculture-2-a-1-2-3/"],
    "窓口予約": ["projects/counter-2-2-2/", "projects/counter-3-b-1-1/"],
    "道路冠水": ["projects/civil-1-b-1-2-1/"],
    "子育て": ["issues/childcare/", "projects/childcare-1-b-1-1/"],
    "ＲＰＡ": ["projects/efficiency-2-a-1-1/"],
    "多目的": ["projects/civil-1-a-1-2-3-1/"],
}


@pytest.mark.parametrize("query", list(SEARCHES))
def test_header_search_finds_the_page_in_the_top_three(page, base_url, query):
    page.goto(base_url + ISSUE)
    page.fill("#dx-header-q", query)
    page.press("#dx-header-q", "Enter")
    page.wait_for_function("document.querySelectorAll('#dx-search-results li').length > 0 || "
                           "/0件/.test(document.getElementById('dx-search-status')?.textContent || '')")
    top = [urlsplit(h).path for h in page.locator("#dx-search-results li a").evaluate_all("els => els.slice(0, 3).map(a => a.href)")]
    wanted = {urlsplit(base_url + w).path for w in SEARCHES[query]}
    assert wanted & set(top), f"{query}: top three were {top}"
    assert page.errors == []


def test_header_search_suggests_while_typing_and_is_keyboard_operable(page, base_url):
    page.goto(base_url + PROJECT)
    page.locator("#dx-header-q").press_sequentially("赤潮")
    first = page.locator("#dx-header-results a").first
    first.wait_for()
    assert first.get_attribute("href").endswith("projects/agriculture-3-a-1-2-2/")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#dx-header-results') !== null")
    page.keyboard.press("Escape")
    assert page.locator("#dx-header-results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "dx-header-q"
    page.keyboard.press("Enter")  # Enter still opens the full results page
    page.wait_for_selector("#dx-search-results li")
    assert "search/?q=" in page.url
    assert page.errors == []


def test_search_loads_only_the_shards_it_needs(page, base_url):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/search/" in r.url and r.url.endswith(".json") else None)
    page.goto(base_url + "search/?q=" + "道路冠水")
    page.wait_for_selector("#dx-search-results li")
    shards = [u for u in fetched if "/search/index/" in u]
    assert 1 <= len(shards) <= 3  # 道路, 路冠, 冠水: at most three shards of many


# --- Accessibility, privacy, print --------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AUDITED)
def test_axe_reports_no_violations(browser, base_url, path, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + path)
    if page.locator(".dx-chart").count():
        wait_for_charts(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    context.close()
    assert result == [], json.dumps(result, ensure_ascii=False, indent=1)


def test_no_request_leaves_the_origin(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    for path in AUDITED + ["search/?q=ドローン"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert requests, "no request recorded"
    outside = sorted({u for u in requests if not (u.startswith(origin) or u.startswith("data:") or u.startswith("blob:"))})
    assert outside == []


def test_pages_without_charts_do_not_load_plotly(page, base_url):
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    for path in ["projects/", "downloads/", "method/"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in loaded if "plotly" in u]


def test_print_hides_navigation_and_shows_url_and_date(page, base_url):
    page.goto(base_url + ISSUE)
    wait_for_charts(page)
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".dx-header-search").is_hidden()
    meta = page.locator(".dx-print-meta")
    assert meta.is_visible() and base_url + ISSUE in meta.inner_text()
    assert page.locator(".dx-data-date").is_visible()
    widths = page.evaluate("[...document.querySelectorAll('.dx-chart--ready, table.dx-table')].map(e => e.getBoundingClientRect().right)")
    page_width = page.evaluate("document.documentElement.clientWidth")
    assert all(w <= page_width + 1 for w in widths)
