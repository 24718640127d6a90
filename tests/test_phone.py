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


def problems(pg, width: int) -> list[str]:
    return pg.evaluate(
        f"[...__dxChecks.page({width}), ...__dxChecks.tablesOnScreen(), ...__dxChecks.charts(), ...__dxChecks.contrast()]"
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_page_type_reads_on_a_phone(phone, served, role):
    """At 360 px: no sideways scroll; no caption narrower than 200 px, no cell narrower than 40 px or
    holding fewer than 3 characters a line; every value of every table on screen; no chart label
    under the legend or over another label; every status mark and control at >= 4.5:1 (borders of
    controls >= 3:1) in the light palette."""
    paths = role_paths(served, role)
    if not paths:
        pytest.skip(f"{served.name} has no {role} page")
    found = {}
    for path in paths:
        open_page(phone, served.base + path)
        found[path] = problems(phone, WIDTH)
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
        found[path] = pg.evaluate("[...__dxChecks.page(640), ...__dxChecks.tablesOnScreen(), ...__dxChecks.charts()]")
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
