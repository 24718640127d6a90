"""A citizen on a phone (Chromium at 360×800): the status is readable, the verdict comes first.

Run on the live data: what is asserted holds for any valid data.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from cjkfont import write_font_config
from conftest import CHROMIUM, DATA, EXAMPLES, ROOT, _built_and_served, read_rows

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 800


@pytest.fixture(scope="session")
def jp_browser(browser, tmp_path_factory):
    """Chromium that measures Japanese text as wide as a phone does: with a font of full-width
    glyphs for kanji and kana (tests/cjkfont.py), where the machine may have no Japanese font."""
    conf = write_font_config(tmp_path_factory.mktemp("jp-font"))
    b = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--no-first-run"],
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
    )
    yield b
    b.close()


@pytest.fixture
def phone(jp_browser):
    context = jp_browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, locale="ja-JP", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def _outside(page, selector: str) -> list[str]:
    """Elements (first 40 matches) that reach beyond the screen's width."""
    return page.eval_on_selector_all(
        selector,
        f"""els => els.slice(0, 40).filter(e => e.offsetParent !== null)
              .filter(e => {{ const r = e.getBoundingClientRect(); return r.left < 0 || r.right > {WIDTH} + 0.5; }})
              .map(e => e.textContent.trim().slice(0, 30))""",
    )


def _no_sideways_scroll(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_list_rows_show_name_and_status_together_on_screen(phone, base_url):
    phone.goto(base_url + "projects/")
    phone.wait_for_selector("#dx-filter:not([hidden])")
    rows = "#dx-project-list tbody tr"
    assert _outside(phone, f"{rows} th[scope=row]") == []
    assert _outside(phone, f"{rows} td.dx-cell-status") == []
    assert _no_sideways_scroll(phone) <= 0
    # The labels say what each status is, as the hidden header would.
    label = phone.eval_on_selector(f"{rows} td.dx-cell-status", "td => getComputedStyle(td, '::before').content")
    assert "達成度" in label


def test_step_tables_show_name_and_status_together_on_screen(phone, base_url, pages):
    phone.goto(base_url + pages["issue"])
    assert phone.locator("table.dx-projects").count() >= 1
    assert _outside(phone, "table.dx-projects tbody th[scope=row]") == []
    assert _outside(phone, "table.dx-projects td.dx-cell-status") == []
    # A name is never squeezed to a character per line: it has most of the screen's width.
    widths = phone.eval_on_selector_all(
        "table.dx-projects tbody th[scope=row]", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert min(widths) > WIDTH * 0.7
    assert _no_sideways_scroll(phone) <= 0


def test_no_caption_is_clipped(phone, base_url, pages):
    for role in ("issue", "project", "list", "home"):
        phone.goto(base_url + pages[role])
        # Figures show their chart first: their tables' captions are measured in the table view.
        phone.evaluate("document.querySelectorAll('.dx-views__button[data-view=table]').forEach(b => b.click())")
        clipped = phone.eval_on_selector_all(
            "table caption",
            f"""cs => cs.filter(c => c.offsetParent !== null).filter(c => {{
                    const r = c.getBoundingClientRect();
                    return c.scrollWidth > c.clientWidth + 1 || r.right > {WIDTH} + 0.5; }})
                  .map(c => c.textContent.trim().slice(0, 40))""",
        )
        assert clipped == [], role


def test_home_first_screen_holds_the_headline_counts(phone, base_url):
    phone.goto(base_url)
    box = phone.locator(".dx-headline").bounding_box()
    assert box is not None and box["y"] + box["height"] <= HEIGHT, box
    text = phone.locator(".dx-headline").inner_text()
    challenges = len(read_rows(DATA, "challenges"))
    assert f"全{challenges}件" in text and "自動計算の目安" in text
    # The sentence relating the published verdict to the estimate is on the first screen too.
    relation = phone.locator(".dx-headline__relation")
    assert relation.count() == 1 and "自動計算の目安" in relation.inner_text()


def test_header_shows_the_whole_short_site_name(phone, base_url):
    phone.goto(base_url)
    short = read_rows(DATA, "report")[0]["site_short_name"]
    name = phone.locator(".md-header__topic .dx-site-name--short").first
    assert name.is_visible() and name.inner_text().strip() == short
    cut = name.evaluate("e => { const box = e.closest('.md-ellipsis'); return box.scrollWidth > box.clientWidth + 1; }")
    assert not cut


def test_filtered_caption_and_grade_sort_tell_the_truth(phone, base_url):
    phone.goto(base_url + "projects/")
    phone.wait_for_selector("#dx-filter:not([hidden])")
    total = len(read_rows(DATA, "projects"))
    phone.fill("#dx-filter input[name=q]", "zzzzzz-no-such-project")
    caption = phone.locator("#dx-project-list caption").inner_text()
    assert f"{total}件中0件" in caption
    phone.fill("#dx-filter input[name=q]", "")
    # Sorting by the estimate puts "cannot be computed" last in both directions.
    phone.set_viewport_size({"width": 1280, "height": 900})
    button = phone.locator("th[data-sort='grade'] button")
    for _ in range(2):
        button.click()
        grades = phone.eval_on_selector_all(
            "#dx-project-list tbody tr:not([hidden])", "rs => rs.map(r => r.dataset.grade)"
        )
        first_none = grades.index("none") if "none" in grades else len(grades)
        assert all(g == "none" for g in grades[first_none:])


def test_404_page_is_styled_under_the_sub_path(phone, base_url):
    """GitHub Pages serves 404.html for any missing address: its stylesheet must load under the sub-path."""
    phone.goto(base_url + "404.html")
    loaded = phone.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet && l.sheet.cssRules.length > 0)"
    )
    assert loaded
    header = phone.locator(".md-header").bounding_box()
    assert header is not None and 0 < header["height"] < 120
    assert _no_sideways_scroll(phone) <= 0


# --- Every page type at 360 px: tables, charts, contrast (issue #26) ------------------------------
#
# Both the live data and the Nagasaki example (two editions, money, published rates) are built and
# served; the pages to open are read from the built site. Measurements are in tests/phone_checks.js.

CHECKS = (ROOT / "tests" / "phone_checks.js").read_text(encoding="utf-8")
ROLES = ["home", "issues", "project-budget", "project-plain", "list", "search", "editions", "changes", "glossary"]


@dataclass(frozen=True)
class Served:
    name: str
    data_dir: Path
    site_dir: Path
    base: str


@pytest.fixture(scope="session")
def nagasaki_site(tmp_path_factory):
    server, site_dir, base = _built_and_served(tmp_path_factory, EXAMPLES["example-nagasaki"], "nagasaki-www")
    yield Served("nagasaki", EXAMPLES["example-nagasaki"], site_dir, base)
    server.shutdown()


@pytest.fixture(scope="session", params=["live", "nagasaki"])
def served(request, site) -> Served:
    if request.param == "nagasaki":
        return request.getfixturevalue("nagasaki_site")
    return Served("live", DATA, site[0], site[1])


def _projects(site_dir: Path, budget: bool) -> list[str]:
    """Project pages with (or without) a money table, those with a chart first."""
    found = []
    for path in sorted(site_dir.glob("projects/*/index.html")):
        html = path.read_text(encoding="utf-8")
        if ("dx-budget" in html) == budget:
            found.append((0 if 'class="dx-chart' in html else 1, f"projects/{path.parent.name}/"))
    return [p for _, p in sorted(found)[:1]]


def role_paths(s: Served, role: str) -> list[str]:
    """The pages of one type in a built site (none when the report has no such page)."""
    site = s.site_dir
    if role == "issues":  # every issue page, and an issue page of an older edition
        paths = [f"issues/{p.parent.name}/" for p in sorted(site.glob("issues/*/index.html"))]
        older = sorted(site.glob("editions/*/issues/*/index.html"))[:1]
        return paths + [str(p.parent.relative_to(site)) + "/" for p in older]
    if role.startswith("project-"):
        return _projects(site, role == "project-budget")
    if role == "search":  # results for an issue (with its summary of marks and grades) and a project
        issue = read_rows(s.data_dir, "issues")[0]
        words = [issue["field_name"] or issue["title"], read_rows(s.data_dir, "projects")[0]["name"]]
        return ["search/?q=" + quote(w) for w in words]
    path = {"home": "", "list": "projects/"}.get(role, role + "/")
    return [path] if (site / path / "index.html").exists() else []


def open_page(pg, url: str) -> None:
    """Open a page and let it finish: every chart drawn (they draw as they come near the screen),
    search results shown."""
    pg.goto(url)
    charts = pg.locator(".dx-chart[data-figure]")
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        pg.wait_for_function(f"document.querySelectorAll('.dx-chart--ready').length > {i}", timeout=20000)
    if "/search/" in url:
        pg.wait_for_function("(document.getElementById('dx-search-status').textContent || '').includes('件')")
    pg.evaluate("window.scrollTo(0, 0)")
    pg.evaluate(CHECKS)


def report(found: dict[str, list[str]]) -> None:
    bad = {path: f for path, f in found.items() if f}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


TABLE_VIEW = ".dx-views__button[data-view=table]"


def in_table_view(pg, checks: str) -> list[str]:
    """On a phone a figure shows its chart or its table (views.js): the tables are measured too,
    after every figure is switched to its table (nothing when no switch is shown)."""
    if not pg.locator(TABLE_VIEW).first.is_visible():
        return []
    pg.evaluate(f"document.querySelectorAll('{TABLE_VIEW}').forEach(b => b.click())")
    return ["in the table view: " + p for p in pg.evaluate(checks)]


def problems(pg, width: int) -> list[str]:
    found = pg.evaluate(
        f"[...__dxChecks.page({width}), ...__dxChecks.tablesOnScreen(), ...__dxChecks.charts(), ...__dxChecks.contrast()]"
    )
    return found + in_table_view(
        pg, f"[...__dxChecks.page({width}), ...__dxChecks.tablesOnScreen(), ...__dxChecks.contrast()]"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_type_reads_on_a_phone(phone, served, role):
    """At 360 px: no sideways scroll; no caption and no table cell narrower than 200 px (nor holding
    fewer than 3 characters a line); every value of every table on screen; no chart label under the
    legend or over another label; every status mark and control at >= 4.5:1 (borders of controls
    >= 3:1) in the light palette. Figures are measured in both views, chart and table."""
    paths = role_paths(served, role)
    if not paths:
        pytest.skip(f"{served.name} has no {role} page")
    found = {}
    for path in paths:
        open_page(phone, served.base + path)
        found[path] = problems(phone, WIDTH)
    report(found)


DOC_PAGES = ["guide/", "guide/columns/", "method/", "downloads/", "accessibility/"]


def test_reference_pages_tables_keep_the_page_from_scrolling_sideways(phone, served):
    """The guide, the method and the downloads hold wide reference tables: at 360 px the page never
    scrolls sideways; a table wider than the screen scrolls inside its own box, which a keyboard
    can reach (a tab stop, named), and its caption is not cut."""
    found = {}
    for path in DOC_PAGES:
        if not (served.site_dir / path / "index.html").exists():
            continue
        phone.goto(served.base + path)
        problems = []
        if _no_sideways_scroll(phone) > 0:
            problems.append(f"page {_no_sideways_scroll(phone)} px wider than the screen")
        problems += phone.eval_on_selector_all(
            "article table",
            """ts => ts.filter(t => t.getBoundingClientRect().width > t.parentElement.getBoundingClientRect().width + 1)
                .filter(t => { const box = t.closest('[tabindex="0"][aria-label]');
                               return !box || getComputedStyle(box).overflowX === 'visible'; })
                .map(t => 'wide table without its own scroll box: ' + (t.caption ? t.caption.textContent : t.className))""",
        )
        found[path] = problems
    report(found)


@pytest.fixture
def dark_phone(jp_browser):
    context = jp_browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT},
        is_mobile=True,
        has_touch=True,
        locale="ja-JP",
        bypass_csp=True,
        color_scheme="dark",
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("role", ["home", "issues", "project-budget", "project-plain", "list", "search"])
def test_status_marks_and_controls_keep_contrast_in_the_dark_palette(dark_phone, served, role):
    paths = role_paths(served, role)[:2]
    if not paths:
        pytest.skip(f"{served.name} has no {role} page")
    found = {}
    for path in paths:
        open_page(dark_phone, served.base + path)
        assert dark_phone.evaluate("document.body.dataset.mdColorScheme") == "slate"
        found[path] = dark_phone.evaluate("__dxChecks.contrast()")
    report(found)


@pytest.mark.parametrize("role", ["issues", "project-budget", "list"])
def test_desktop_at_200_percent_zoom_keeps_captions_and_cells_readable(jp_browser, served, role):
    """1280 px at 200% zoom lays out like a 640 px window."""
    paths = role_paths(served, role)[:3]
    if not paths:
        pytest.skip(f"{served.name} has no {role} page")
    context = jp_browser.new_context(viewport={"width": 640, "height": 450}, locale="ja-JP", bypass_csp=True)
    pg = context.new_page()
    found = {}
    for path in paths:
        open_page(pg, served.base + path)
        checks = "[...__dxChecks.page(640), ...__dxChecks.tablesOnScreen()]"
        found[path] = pg.evaluate(checks.replace("]", ", ...__dxChecks.charts()]")) + in_table_view(pg, checks)
    context.close()
    report(found)


# --- Keyboard -------------------------------------------------------------------------------------


def test_skip_link_leads_to_the_edition_switcher(phone, served):
    """The first Tab reaches the skip link; after it, the next Tab is in the edition line (the
    switcher, or its plain link), which comes before the page's heading."""
    phone.goto(served.base + role_paths(served, "issues")[0], wait_until="networkidle")
    if served.name == "nagasaki":
        phone.wait_for_selector(".dx-edition select")
    assert phone.locator(".dx-edition").count() == 1
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.classList.contains('md-skip')")
    phone.keyboard.press("Enter")
    # The skip link moves the focus to the content once the address has its anchor: wait for that,
    # or the next Tab may still start from the skip link (a race seen with the edition switcher).
    phone.wait_for_function("document.activeElement.id === 'dx_content'")  # the data date, first in the content
    if served.name == "nagasaki":  # the switcher is made from editions.json once the page is shown
        phone.wait_for_selector(".dx-edition select")
        phone.wait_for_load_state("networkidle")
    phone.keyboard.press("Tab")
    focused = "document.activeElement.outerHTML.slice(0, 80)"
    assert phone.evaluate("!!document.activeElement.closest('.dx-edition')"), phone.evaluate(focused)


def test_search_button_on_a_phone_opens_the_search_box_ready_to_type(phone, served):
    phone.goto(served.base)
    assert phone.locator(".dx-header-search__input").is_hidden()
    phone.locator(".dx-header-search__button").click()
    phone.wait_for_url("**/search/**")
    phone.wait_for_function("document.activeElement && document.activeElement.id === 'dx-search-page-q'")


# --- Explanations of terms by touch and keyboard (issue #26) --------------------------------------


def _page_with_abbreviation(site_dir: Path) -> str | None:
    for path in sorted(site_dir.glob("issues/*/index.html")) + sorted(site_dir.glob("projects/*/index.html")):
        if 'class="dx-abbr"' in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(site_dir).as_posix() + "/"
    return None


def test_no_explanation_is_left_to_hover(site_dir):
    """A title attribute shows only under a mouse: no term on any page is explained that way."""
    found = [
        p.relative_to(site_dir).as_posix()
        for p in sorted(site_dir.glob("**/index.html"))
        if "<abbr title=" in p.read_text(encoding="utf-8")
    ]
    assert found == []


def test_an_abbreviation_opens_its_explanation_by_touch_and_by_keyboard(phone, site_dir, base_url):
    path = _page_with_abbreviation(site_dir)
    if path is None:  # only when no page has an abbreviation at all
        assert not any("<abbr" in p.read_text(encoding="utf-8") for p in site_dir.glob("*/*/index.html"))
        pytest.skip("no page of the live data uses an abbreviation explained in place")
    phone.goto(base_url + path)
    term = phone.locator(".dx-abbr").first
    word, meaning = term.locator(".dx-abbr__word"), term.locator(".dx-abbr__meaning")
    term.scroll_into_view_if_needed()
    assert meaning.is_hidden() and word.get_attribute("aria-expanded") == "false"
    word.tap()
    assert meaning.is_visible() and word.get_attribute("aria-expanded") == "true"
    assert meaning.inner_text().startswith("（")
    box = meaning.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH + 0.5
    word.tap()
    assert meaning.is_hidden()
    word.focus()
    phone.keyboard.press("Enter")
    assert meaning.is_visible()
    phone.keyboard.press("Space")
    assert meaning.is_hidden() and word.get_attribute("aria-expanded") == "false"


# --- A figure's chart or table, and a link to each indicator (issue #26) -------------------------


def _figure_pages(s: Served) -> list[str]:
    """Pages with figures that have both a chart and a table: an issue page, and a project page
    with money where the report has one (its money figure has the switch too)."""
    return (role_paths(s, "issues")[:1] + role_paths(s, "project-budget"))[:2]


def _hidden_for_eye(locator) -> bool:
    box = locator.bounding_box()
    return box is None or box["width"] <= 2 or box["height"] <= 2


def test_a_figure_shows_its_chart_or_its_table_on_a_phone_by_touch_and_keyboard(phone, served):
    for path in _figure_pages(served):
        phone.goto(served.base + path)
        for i in range(phone.locator(".dx-views").count()):
            views = phone.locator(".dx-views").nth(i)
            views.scroll_into_view_if_needed()
            chart, wrap = views.locator(".dx-chart"), views.locator(".dx-table-wrap")
            to_chart, to_table = views.locator("button[data-view=chart]"), views.locator("button[data-view=table]")
            phone.wait_for_function("el => el.classList.contains('dx-chart--ready')", arg=chart.element_handle())
            # The chart first; its table hidden for the eye only: still read by screen readers, no tab stop.
            assert (
                to_chart.get_attribute("aria-pressed") == "true" and to_table.get_attribute("aria-pressed") == "false"
            )
            assert chart.is_visible() and _hidden_for_eye(wrap), path
            assert views.get_by_role("table").count() == 1 and wrap.get_attribute("tabindex") == "-1"
            assert views.get_by_role("group").get_attribute("aria-label").endswith("の表示")
            to_table.tap()
            assert (
                to_table.get_attribute("aria-pressed") == "true" and to_chart.get_attribute("aria-pressed") == "false"
            )
            assert chart.is_hidden() and wrap.bounding_box()["width"] >= 200, path
            assert wrap.get_attribute("tabindex") == "0"
            to_chart.focus()
            phone.keyboard.press("Enter")
            assert to_chart.get_attribute("aria-pressed") == "true" and chart.is_visible() and _hidden_for_eye(wrap)
            phone.wait_for_function("el => el.classList.contains('dx-chart--ready')", arg=chart.element_handle())
            to_table.focus()
            phone.keyboard.press("Space")
            assert to_table.get_attribute("aria-pressed") == "true" and not _hidden_for_eye(wrap)
    assert _figure_pages(served)


def test_a_figure_shows_chart_and_table_together_on_a_wide_screen_and_without_scripts(jp_browser, served):
    path = _figure_pages(served)[0]
    wide = jp_browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP", bypass_csp=True)
    pg = wide.new_page()
    pg.goto(served.base + path)
    views = pg.locator(".dx-views").first
    views.scroll_into_view_if_needed()
    pg.wait_for_selector(".dx-views .dx-chart--ready")
    assert views.locator(".dx-chart").is_visible() and views.locator("table").is_visible()
    assert views.locator(".dx-views__switch").is_hidden()
    wide.close()
    off = jp_browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, locale="ja-JP", java_script_enabled=False
    )
    pg = off.new_page()
    pg.goto(served.base + path)
    views = pg.locator(".dx-views").first
    assert views.locator(".dx-views__switch").is_hidden()
    assert views.locator("table").is_visible() and views.locator("table").bounding_box()["width"] >= 200
    # The plain link to each indicator stays; the copy button needs a script.
    link = pg.locator(".dx-share__link").first
    assert link.is_visible() and link.inner_text().startswith("この指標へのリンク")
    assert (link.get_attribute("href") or "").startswith("#kpi-")
    assert pg.locator(".dx-share__copy").first.is_hidden()
    off.close()


def test_a_phone_shows_the_table_when_the_chart_library_cannot_load(phone, served):
    """On a slow or filtered link plotly may never arrive: the figure then shows its table (and no
    switch that would lead to an empty chart)."""
    phone.route("**/plotly*.js", lambda route: route.abort())
    phone.goto(served.base + _figure_pages(served)[0])
    views = phone.locator(".dx-views").first
    views.scroll_into_view_if_needed()
    phone.wait_for_selector(".dx-views--failed")
    wrap = views.locator(".dx-table-wrap")
    assert not _hidden_for_eye(wrap) and wrap.bounding_box()["width"] >= 200
    assert views.locator(".dx-views__switch").is_hidden()
    assert wrap.get_attribute("tabindex") == "0"


def _indicator_pages(s: Served) -> list[str]:
    """An issue page (its indicators under headings) and a project page (one indicator)."""
    return role_paths(s, "issues")[:1] + role_paths(s, "project-plain")


def test_a_copied_indicator_link_opens_the_page_at_that_indicator(jp_browser, served):
    context = jp_browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, locale="ja-JP", bypass_csp=True
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="/".join(served.base.split("/")[:3]))
    pg = context.new_page()
    for path in _indicator_pages(served):
        pg.goto(served.base + path)
        shares = pg.locator(".dx-share")
        share = shares.nth(shares.count() - 1)  # the last: far down the page, so opening it must scroll
        anchor = share.locator(".dx-share__link").evaluate("a => a.hash")
        assert anchor.startswith("#kpi-")
        share.locator(".dx-share__copy").scroll_into_view_if_needed()
        share.locator(".dx-share__copy").tap()
        status = share.get_by_role("status")
        status.filter(has_text="リンクをコピーしました").wait_for()
        copied = pg.evaluate("navigator.clipboard.readText()")
        assert copied == served.base + path + anchor
        opened = context.new_page()
        opened.goto(copied, wait_until="networkidle")
        opened.wait_for_timeout(500)  # charts near the screen are drawn: the indicator stays where it is
        target = opened.locator(anchor)
        box = target.bounding_box()
        header = opened.locator(".md-header").bounding_box()
        assert box is not None and header is not None
        assert header["y"] + header["height"] - 1 <= box["y"] <= HEIGHT / 2, (path, anchor, box)
        opened.close()
        # By keyboard, a second copy is announced again.
        share.locator(".dx-share__copy").focus()
        pg.keyboard.press("Enter")
        status.filter(has_text="リンクをコピーしました").wait_for()
    context.close()


def test_without_the_clipboard_the_link_is_shown_selected_to_copy_by_hand(jp_browser, served):
    context = jp_browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, locale="ja-JP", bypass_csp=True
    )
    context.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined })")
    pg = context.new_page()
    path = _indicator_pages(served)[0]
    pg.goto(served.base + path)
    share = pg.locator(".dx-share").first
    share.locator(".dx-share__copy").tap()
    field = share.locator("input.dx-share__field")
    anchor = share.locator(".dx-share__link").evaluate("a => a.hash")
    assert field.is_visible() and field.input_value() == served.base + path + anchor
    assert field.get_attribute("readonly") is not None
    assert pg.evaluate("document.activeElement.classList.contains('dx-share__field')")
    assert pg.evaluate(
        "getSelection().toString() || (document.activeElement.selectionEnd - document.activeElement.selectionStart)"
    )
    share.get_by_role("status").filter(has_text="コピーしてお使いください").wait_for()
    box = field.bounding_box()
    assert box is not None and box["x"] + box["width"] <= WIDTH + 0.5
    context.close()
