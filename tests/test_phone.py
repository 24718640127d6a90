"""A citizen on a phone (Chromium at 360×800): the status is readable, the verdict comes first.

Run on the live data: what is asserted holds for any valid data.
"""

from __future__ import annotations

import pytest
from conftest import DATA, read_rows

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 800


@pytest.fixture
def phone(browser):
    context = browser.new_context(
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
