"""Site search as people type on phones (issue 16) and the one normaliser contract
(issue 12): real builds, real Chromium.

The live site (conftest `site`) carries the katakana, multi-word, zero-result and
status checks; a copy of the data with three added projects (a 議会 one, a 水道 one,
and one whose name is markup) carries the reading queries that the live data has
no page for, and the escaping check."""

from __future__ import annotations

import csv
import functools
import http.server
import re
import threading
from urllib.parse import quote, unquote, urlsplit

import pytest
from conftest import DATA, build_site, copy_data, edition_dir, free_port

pytestmark = pytest.mark.browser

# --- One normaliser contract: Python and JavaScript agree --------------------------------

TRICKY = [
    "キャッシュレス",
    "きゃっしゅれす",
    "ｷｬｯｼｭﾚｽ",
    "ｷｬｯｼｭﾚｽ決済",
    "ガバメントクラウド",
    "ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ",
    "ﾊﾟﾝﾌﾚｯﾄ",
    "ｳﾞｧｲｵﾘﾝ",
    "ヴァイオリン",
    "ウ゛ァイオリン",
    "ゔぁいおりん",
    "カ\u3099",
    "ﾎﾟｰﾀﾙｻｲﾄ",
    "ドローン",
    "ドロ－ン",
    "ドロ―ン",
    "ドロ‐ン",
    "ドロ-ン",
    "ﾄﾞﾛｰﾝ",
    "ドロ—ン",
    "ドロ−ン",
    "ドロ─ン",
    "観光1-1-4",
    "観光１－１－４",
    "観光1ー1ー4",
    "土木1-b-1/2-1",
    "ー始まり",
    "Wi-Fi",
    "ｗｉ－ｆｉ",
    "令和4〜6年度",
    "令和4～6年度",
    "令和4~6年度",
    "ＡＩ",
    "AI",
    "ai",
    "ＲＰＡ・ＩｏＴ",
    "ÀÉÎ",
    "ΣΑΣ",
    "İstanbul",
    "Straße",
    "ﬁle",
    "ヵヶ",
    "ァィゥェォッャュョヮ",
    "ｧｨｩｪｫｯｬｭｮ",
    "っ",
    "ヷヸヹヺ",
    "時々",
    "人々の暮らし",
    "々",
    "いすゞ",
    "こゝろ",
    "ヽヾ",
    "バナヽ",
    "〻",
    "電子申請　窓口",
    "電子申請 窓口",
    "  前後の空白  ",
    "\t改行\nと\rタブ",
    "全角　スペース",
    "「かぎ括弧」（丸括弧）【墨付き】",
    "句読点、。，．・",
    "①②③",
    "㈱ゼンリン",
    "㍻",
    "㌔",
    "ｱｲｳｴｵ",
    "𠮷野家",
    "髙橋",
    "﨑",
    "\u200bゼロ幅",
    "\ufeffBOM",
    "é",
    "e\u0301",
    "ﾞ単独",
    "ハ\uff9fン",
]


def py_normalise(strings):
    from dxreport.textnorm import normalise

    return [normalise(s) for s in strings]


def test_python_and_javascript_normalise_alike(page, base_url):
    page.goto(base_url)
    js = page.evaluate("ss => ss.map(s => window.dxTextNorm.normalise(s))", TRICKY)
    py = py_normalise(TRICKY)
    differ = [(s, p, j) for s, p, j in zip(TRICKY, py, js) if p != j]
    assert differ == []
    # The offsets map used for highlighting gives the same text before spaces collapse.
    collapsed = page.evaluate(
        "ss => ss.map(s => window.dxTextNorm.map(s).text.split(' ').filter(Boolean).join(' '))", TRICKY
    )
    assert collapsed == js


@pytest.mark.parametrize(
    "a, b",
    [
        ("きゃっしゅれす", "キャッシュレス"),
        ("ｷｬｯｼｭﾚｽ", "キャッシュレス"),
        ("ろぼてぃくす", "ロボティクス"),
        ("ドロ－ン", "ドローン"),
        ("ﾄﾞﾛｰﾝ", "どろーん"),
        ("ウ゛ァ", "ヴァ"),
        ("ｳﾞｧ", "ゔぁ"),
        ("ＲＰＡ", "rpa"),
        ("観光１－１－４", "観光1-1-4"),
        ("令和4〜6年度", "令和4~6年度"),
        ("時々", "時時"),
        ("いすゞ", "いすず"),
        ("電子申請　窓口", "電子申請 窓口"),
    ],
)
def test_normaliser_equates(a, b):
    from dxreport.textnorm import normalise

    assert normalise(a) == normalise(b)


@pytest.mark.parametrize("a, b", [("ティ", "てい"), ("1-1", "1ー1ー"), ("観光", "かんこう")])
def test_normaliser_keeps_apart(a, b):
    from dxreport.textnorm import normalise

    assert normalise(a) != normalise(b)


# --- Helpers -------------------------------------------------------------------------------


def project_rows():
    with open(edition_dir(DATA) / "projects.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def hiragana(s: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)


def suggestions(page, query: str) -> list[str]:
    """Paths the header box offers for `query` (typed in one go, as an IME commits)."""
    page.fill("#dx-header-q", query)
    page.wait_for_function("q => document.getElementById('dx-header-results')?.dataset.query === q", arg=query)
    hrefs = page.locator("#dx-header-results a").evaluate_all("els => els.map(a => a.href)")
    return [urlsplit(h).path for h in hrefs if "/search/" not in h and "/projects/?" not in h]


def results_page(page, base: str, query: str) -> list[str]:
    page.goto(base + "search/?q=" + quote(query))
    page.wait_for_function(
        "!/検索しています/.test(document.getElementById('dx-search-status').textContent)"
        " && document.getElementById('dx-search-status').textContent !== ''"
    )
    return [
        urlsplit(h).path for h in page.locator("#dx-search-results li > a").evaluate_all("els => els.map(a => a.href)")
    ]


def path_of(base: str, url: str) -> str:
    return urlsplit(base + url).path


# --- Kana: hiragana and katakana are one -----------------------------------------------------

KATAKANA_WORDS = sorted({w for r in project_rows() for w in re.findall(r"[ァ-ヴー]{3,}", r["name"])})


def test_every_katakana_word_of_the_project_names_is_found_in_hiragana(page, base_url):
    assert len(KATAKANA_WORDS) >= 10, KATAKANA_WORDS
    page.goto(base_url)
    differ = []
    for word in KATAKANA_WORDS:
        kata = suggestions(page, word)
        hira = suggestions(page, hiragana(word))
        assert kata, f"{word} offers nothing"
        if hira[:1] != kata[:1]:
            differ.append((word, kata[:1], hira[:1]))
    assert differ == []
    assert page.errors == []


def test_project_list_keyword_treats_hiragana_as_katakana(page, base_url):
    def shown(q):
        page.goto(base_url + "projects/?q=" + quote(q))
        page.wait_for_selector("#dx-filter:not([hidden])")
        return page.locator("#dx-project-list tbody tr:not([hidden]) th a").all_inner_texts()

    kata = shown("キャッシュレス")
    assert kata
    assert shown("きゃっしゅれす") == kata
    assert shown("ｷｬｯｼｭﾚｽ") == kata
    # Several words: all of them, in any order.
    both = shown("窓口 予約")
    assert both and shown("予約　窓口") == both
    assert len(both) < len(shown("窓口"))


# --- Several words ---------------------------------------------------------------------------


def _docs():
    from dxreport.model import load_report
    from dxreport.search import _documents

    return _documents(load_report(DATA))


def _closeness(text: str, a: str, b: str) -> int | None:
    pa = [m.start() for m in re.finditer(re.escape(a), text)]
    pb = [m.start() for m in re.finditer(re.escape(b), text)]
    return min(abs(x - y) for x in pa for y in pb) if pa and pb else None


def test_several_words_mean_all_of_them_in_any_order_close_ones_first(page, base_url):
    from dxreport.textnorm import normalise

    a, b = "データ", "活用"
    dist = {}
    for d in _docs():
        x = _closeness(normalise("\n".join([d["title"], d["summary"], d["body"]])), normalise(a), normalise(b))
        if x is not None:
            dist[path_of(base_url, d["url"])] = x
    close = {p for p, x in dist.items() if x <= 20}  # starting within 20 characters (search.js CLOSE)
    assert len(close) >= 10 and len(dist) - len(close) >= 5, "the data no longer suits this test"

    first = results_page(page, base_url, f"{a} {b}")
    status = page.locator("#dx-search-status").inner_text()
    assert f"{len(dist)}件" in status
    assert set(first[:10]) <= close, "pages with the words close together come first"
    while page.locator("#dx-search-more").is_visible():  # the rest, ten at a time
        before = page.locator("#dx-search-results li").count()
        page.click("#dx-search-more")
        page.wait_for_function("n => document.querySelectorAll('#dx-search-results li').length > n", arg=before)
    every = [
        urlsplit(h).path for h in page.locator("#dx-search-results li > a").evaluate_all("els => els.map(a => a.href)")
    ]
    assert sorted(every) == sorted(dist)
    assert sorted(results_page(page, base_url, f"{b}　{a}")[:10]) == sorted(first[:10])
    assert page.errors == []


# --- Zero results is never a dead end ----------------------------------------------------------


def test_zero_results_offer_near_terms_the_filtered_list_and_the_issues(page, base_url):
    name = project_rows()[0]["name"]
    query = name + "ぬ"  # a real name with a stray kana: nothing matches as a whole
    assert results_page(page, base_url, query) == []
    assert "見つかりませんでした" in page.locator("#dx-search-status").inner_text()
    help_box = page.locator("#dx-search-help")
    assert help_box.is_visible()
    near = page.locator("#dx-search-near a")
    near.first.wait_for()
    assert name in near.all_inner_texts()
    # The project list, filtered by the query (it reads its filters from the URL).
    list_link = page.locator("#dx-search-list")
    assert unquote(list_link.get_attribute("href")).endswith("projects/?q=" + query)
    with open(edition_dir(DATA) / "issues.csv", encoding="utf-8", newline="") as f:
        issues = list(csv.DictReader(f))
    assert page.locator(".dx-search-issues a").count() == len(issues)
    # A near term leads to results.
    near.filter(has_text=name).first.click()
    page.wait_for_selector("#dx-search-results li")
    list_link_target = base_url + "projects/?q=" + quote(query)
    page.goto(list_link_target)
    page.wait_for_selector("#dx-filter:not([hidden])")
    assert page.input_value("#f-q") == query
    assert page.errors == []


def test_header_box_without_matches_offers_the_list_and_the_results_page(page, base_url):
    page.goto(base_url)
    page.fill("#dx-header-q", "ぬぬぬぬ")
    page.wait_for_function("document.getElementById('dx-header-results')?.dataset.query === 'ぬぬぬぬ'")
    hrefs = [unquote(h) for h in page.locator("#dx-header-results a").evaluate_all("els => els.map(a => a.href)")]
    assert any(h.endswith("projects/?q=ぬぬぬぬ") for h in hrefs)
    assert any("search/?q=ぬぬぬぬ" in h for h in hrefs)


# --- Results say what state each page is in ----------------------------------------------------


def test_results_show_status_grade_as_estimate_and_highlighted_snippet(page, base_url):
    from dxreport.model import load_report

    report = load_report(DATA)
    project = next(p for p in report.projects if p.challenge and p.series and p.phase_in(report.results_fiscal_year))
    first = results_page(page, base_url, project.name)
    assert first[0] == path_of(base_url, project.url)
    item = page.locator("#dx-search-results li").first
    status = item.locator(".dx-search-results__status").inner_text()
    assert project.challenge.mark.label in status  # the city's published mark
    phase = project.phase_in(report.results_fiscal_year)
    assert f"{phase.symbol} {phase.label}" in status
    assert "自動計算の目安" in status and report.grades[project.series.achievement.grade].short in status
    # The title and the snippet mark the matched words, as text.
    assert item.locator("a mark").count() >= 1
    word = "キャッシュレス"
    results_page(page, base_url, "きゃっしゅれす")
    marks = page.locator("#dx-search-results li").first.locator(".dx-search-results__snippet mark").all_inner_texts()
    assert marks and all(m == word for m in marks)
    assert page.errors == []


def test_search_without_javascript_points_to_the_project_list(browser, base_url):
    context = browser.new_context(bypass_csp=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    page.fill("#dx-header-q", "キャッシュレス")
    page.press("#dx-header-q", "Enter")
    page.wait_for_load_state()
    assert "search/?q=" in page.url
    assert page.locator("main a[href$='projects/']").first.is_visible()
    assert page.locator(".dx-search-issues a").count() > 0
    context.close()


def test_header_search_survives_instant_navigation(page, base_url):
    page.goto(base_url)
    page.evaluate("window.__dxSamePage = true")
    page.locator(".md-nav a[href$='projects/']").first.click()
    page.wait_for_url("**/projects/")
    assert page.evaluate("window.__dxSamePage === true"), "instant navigation did not keep the page"
    assert suggestions(page, "こそだて")
    # The header form outlives the page it came with: it must still open the site's search page.
    page.press("#dx-header-q", "Enter")
    page.wait_for_selector("#dx-search-results li")
    assert urlsplit(page.url).path == path_of(base_url, "search/")
    assert page.errors == []


# --- Readings: a fixture copy of the data with pages the live data lacks -----------------------

ADDED = [
    {
        "project_id": "test-council",
        "name": "市議会のペーパーレス会議",
        "department": "議会事務局",
        "summary": "議会の資料をタブレット端末で配信し、紙の使用を減らします。",
    },
    {
        "project_id": "test-water",
        "name": "上下水道局のスマートメーター検針",
        "department": "水道局",
        "summary": "水道メーターの検針を自動化し、漏水を早く見つけます。",
    },
    {
        "project_id": "test-markup",
        "name": '<img src=x onerror="window.__dxHit=1">とくしゅもじ<b>事業</b>',
        "department": "総務部",
        "summary": "<script>window.__dxHit=2</script>名前に記号を含む試験用の事業です。",
    },
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def reading_base(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("readings"))
    with open(edition_dir(data) / "projects.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    template = rows[0]
    for extra in ADDED:
        rows.append({**template, "pid": "試験1-1-1", "leading": "", **extra})
    with open(edition_dir(data) / "projects.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    root = tmp_path_factory.mktemp("www-readings")
    port = free_port()
    base = f"http://127.0.0.1:{port}/r/"
    result = build_site(root / "r", data, site_url=base)
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield base
    server.shutdown()


# Hiragana reading -> a word that a page title holds. The first two come from the added
# projects; the others are words of the live data's titles.
READINGS = {
    "ぎかい": "議会",
    "すいどう": "水道",
    "まどぐち": "窓口",
    "こそだて": "子育て",
    "あかしお": "赤潮",
    "どうろかんすい": "道路冠水",
    "でんししんせい": "電子申請",
    "ぼうさい": "防災",
    "のうやく": "農薬",
    "ぎょかくりょう": "漁獲量",
    "かせん": "河川",
    "けんしん": "健診",
}


def test_reading_queries_offer_a_page_with_the_word_in_the_top_three(page, reading_base):
    misses = []
    for reading, word in READINGS.items():
        results_page(page, reading_base, reading)
        titles = page.locator("#dx-search-results li > a").all_inner_texts()[:3]
        if not any(word in t for t in titles):
            misses.append((reading, word, titles))
    assert misses == []
    assert page.errors == []


def test_reading_of_a_word_inside_a_compound_is_found(page, reading_base):
    # 水道 inside 上下水道局: the reading index holds the short words of compounds too.
    results_page(page, reading_base, "すいどう")
    titles = page.locator("#dx-search-results li > a").all_inner_texts()
    assert any("上下水道局" in t for t in titles)


def test_markup_in_data_stays_text_in_results_and_suggestions(page, reading_base):
    results_page(page, reading_base, "とくしゅもじ")
    item = page.locator("#dx-search-results li").first
    assert "<img src=x" in item.locator("a").inner_text()
    assert item.locator("img, script, b").count() == 0
    page.fill("#dx-header-q", "とくしゅもじ")
    page.wait_for_function("document.getElementById('dx-header-results')?.dataset.query === 'とくしゅもじ'")
    assert page.locator("#dx-header-results img, #dx-header-results b").count() == 0
    assert page.evaluate("window.__dxHit === undefined")
    assert page.errors == []


# --- Accessibility of the results, and the analyser kept off other paths ---------------------


@pytest.mark.parametrize("query", ["きゃっしゅれす", "データ 活用", "ぬぬぬぬ"])
def test_axe_finds_nothing_on_results_and_zero_result_pages(page, base_url, query):
    from conftest import ROOT

    results_page(page, base_url, query)
    page.wait_for_load_state("networkidle")
    page.evaluate(
        (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    )  # via DevTools: the page CSP allows no inline script
    violations = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
    }""")
    assert violations == []


def test_validation_and_rendering_modules_do_not_load_the_analyser():
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys, pathlib, dxreport.cli, dxreport.render, dxreport.search, dxreport.textnorm\n"
        f"dxreport.model.load_report(pathlib.Path({str(DATA)!r}))\n"
        "assert 'sudachipy' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
