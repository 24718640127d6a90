"""Real Chromium on the frozen Sasebo FY2023 fixture: the counts of the project
list filters and the pages search must find, which only a fixed dataset can pin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser
ISSUE = "issues/tourism/"
PROJECT = "projects/tourism-1-1-6/"


def visible_rows(page):
    return page.locator("#dx-project-list tbody tr:not([hidden])")


def count_text(page):
    return page.locator("#dx-count").inner_text()


def test_project_list_filter_counts(page, fixture_base_url):
    page.goto(fixture_base_url + "projects/")
    assert count_text(page) == "110件中110件を表示"
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
    page.select_option("#f-phase", "operate")
    assert 0 < visible_rows(page).count() < 110
    assert set(visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.phase)")) == {"operate"}
    assert all("運用" in t for t in visible_rows(page).locator("td:last-child").all_inner_texts())


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("ＡＩ", "AI"),
        ("ai", "AI"),
        ("ｷｬｯｼｭﾚｽ", "キャッシュレス"),
        ("キャッシュ", "キャッシュレス"),
        ("ＲＰＡ", "RPA"),
    ],
)
def test_project_list_free_text_ignores_width_and_case(page, fixture_base_url, typed, expected):
    page.goto(fixture_base_url + "projects/")
    page.fill("#f-q", expected)
    reference = visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.order)")
    assert 0 < len(reference) < 110
    page.fill("#f-q", typed)
    found = visible_rows(page).evaluate_all("rs => rs.map(r => r.dataset.order)")
    assert set(reference) <= set(found)
    if typed != "キャッシュ":  # a prefix may find more; a width/case variant finds the same rows
        assert found == reference


def test_project_list_keyword_also_searches_summaries(page, fixture_base_url):
    page.goto(fixture_base_url + "projects/")
    page.fill("#f-q", "ビッグデータ")  # only in the summary of 観光1-1-6, not in any name
    names = visible_rows(page).locator("th").all_inner_texts()
    assert "人流データを活用した行動分析" in names


def test_project_list_state_lives_in_the_url(page, fixture_base_url):
    page.goto(fixture_base_url + "projects/")
    page.select_option("#f-issue", "counter")
    page.fill("#f-q", "予約")
    page.locator("#f-q").blur()
    assert "issue=counter" in page.url and "q=" in page.url
    shown = visible_rows(page).count()
    assert 0 < shown < 9
    # a copied link reopens the same view
    copied = page.url
    page.goto(fixture_base_url)
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
def test_header_search_finds_the_page_in_the_top_three(page, fixture_base_url, query):
    page.goto(fixture_base_url + ISSUE)
    page.fill("#dx-header-q", query)
    page.press("#dx-header-q", "Enter")
    page.wait_for_function(
        "document.querySelectorAll('#dx-search-results li').length > 0 || "
        "/0件/.test(document.getElementById('dx-search-status')?.textContent || '')"
    )
    top = [
        urlsplit(h).path
        for h in page.locator("#dx-search-results li a").evaluate_all("els => els.slice(0, 3).map(a => a.href)")
    ]
    wanted = {urlsplit(fixture_base_url + w).path for w in SEARCHES[query]}
    assert wanted & set(top), f"{query}: top three were {top}"
    assert page.errors == []


def test_header_search_suggests_while_typing_and_is_keyboard_operable(page, fixture_base_url):
    page.goto(fixture_base_url + PROJECT)
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


def test_search_loads_only_the_shards_it_needs(page, fixture_base_url):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/search/" in r.url and r.url.endswith(".json") else None)
    page.goto(fixture_base_url + "search/?q=" + "道路冠水")
    page.wait_for_selector("#dx-search-results li")
    shards = [u for u in fetched if "/search/index/" in u]
    assert 1 <= len(shards) <= 3  # 道路, 路冠, 冠水: at most three shards of many
