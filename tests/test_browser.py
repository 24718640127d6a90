"""Real Chromium on the live site, served under a sub-path on loopback.

Which pages to drive is read from the built site (an issue page with charts
and a project page with a chart that it links), and every count from the CSV
files, so staff data changes cannot break these tests. Exact values of the
Sasebo report (filter counts, search results) are in test_fixture_browser.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from conftest import DATA, ROOT, read_rows, year
from htmlread import read_page

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


AUDITED = ["home", "list", "issue", "project", "downloads", "glossary", "editions"]


def wait_for_charts(page, count=1):
    """Charts are drawn as they come near the screen: scroll to each of the first `count`, then wait."""
    charts = page.locator(".dx-chart")
    for i in range(min(count, charts.count())):
        charts.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        f"document.querySelectorAll('.dx-chart.dx-chart--ready svg.main-svg').length >= 1"
        f" && document.querySelectorAll('.dx-chart--ready').length >= {count}",
        timeout=20000,
    )


def test_issue_and_project_pages_draw_charts_without_errors(page, base_url, pages):
    page.goto(base_url + pages["issue"])
    charts = page.locator(".dx-chart").count()
    assert charts >= 1
    wait_for_charts(page, charts)
    page.goto(base_url + pages["project"])
    wait_for_charts(page)
    assert page.errors == []


def test_charts_survive_instant_navigation(page, base_url, pages):
    page.goto(base_url + pages["issue"])
    wait_for_charts(page)
    page.evaluate("window.__sameDocument = true")
    old_chart = page.locator(".dx-chart").first.element_handle()
    page.locator(f'table.dx-projects a[href$="{pages["project"]}"]').first.click()
    page.wait_for_url(base_url + pages["project"])
    # the address changes before the content is swapped: wait until the issue page's charts are gone
    page.wait_for_function("chart => !chart.isConnected", arg=old_chart)
    wait_for_charts(page)
    # instant navigation swapped the content without a full reload
    assert page.evaluate("window.__sameDocument === true")
    assert page.errors == []


def test_tables_are_there_without_javascript(browser, base_url, site_dir, pages):
    context = browser.new_context(bypass_csp=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + pages["issue"])
    tables = page.locator("table.dx-values")
    assert tables.count() == len(read_page(site_dir / pages["issue"] / "index.html").tables_with("dx-values")) >= 1
    assert tables.first.locator("thead th").all_inner_texts() == ["年度", "予定", "実績", "備考"]
    assert re.search(r"(令和|平成)\S+年度（\d{4}年度）", tables.first.inner_text())
    assert page.locator(".dx-chart").first.is_hidden()  # no empty "image" announced without charts
    page.goto(base_url + "projects/")
    assert page.locator("#dx-project-list tbody tr:visible").count() == len(read_rows(DATA, "projects"))
    assert page.locator("#dx-filter").is_hidden()
    context.close()


def trace_colours(page):
    return page.evaluate("""() => [...document.querySelectorAll('.dx-chart--ready')].slice(0, 1)
        .map(el => el.data.map(t => (t.marker && t.marker.line && t.marker.line.color) || (t.line && t.line.color)))""")


def test_palette_switch_rethemes_charts(page, base_url, pages):
    page.goto(base_url + pages["project"])
    wait_for_charts(page)
    before = trace_colours(page)
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_function(
        f"JSON.stringify({json.dumps(before)}) !== JSON.stringify([...document.querySelectorAll('.dx-chart--ready')].slice(0, 1).map(el => el.data.map(t => (t.marker && t.marker.line && t.marker.line.color) || (t.line && t.line.color))))"
    )
    assert trace_colours(page) != before


def test_phone_width_has_no_horizontal_scroll(browser, base_url, pages):
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    for role in ["home", "issue", "project", "list"]:
        page.goto(base_url + pages[role])
        if role in ("issue", "project"):
            wait_for_charts(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{role}: {overflow}px wider than the screen"
        widths = page.evaluate(
            "[...document.querySelectorAll('.dx-chart--ready')].map(e => e.getBoundingClientRect().right)"
        )
        assert all(w <= 360 for w in widths)
    context.close()


# --- Project list -----------------------------------------------------------------


def visible_rows(page):
    return page.locator("#dx-project-list tbody tr:not([hidden])")


def count_text(page):
    return page.locator("#dx-count").inner_text()


def test_project_list_filters_agree_with_projects_csv(page, base_url):
    projects = read_rows(DATA, "projects")
    total = len(projects)
    page.goto(base_url + "projects/")
    assert count_text(page) == f"{total}件中{total}件を表示"
    assert page.locator("#dx-count").get_attribute("aria-live") == "polite"
    issue_id, in_issue = Counter(p["issue_id"] for p in projects if p["issue_id"]).most_common(1)[0]
    page.select_option("#f-issue", issue_id)
    assert visible_rows(page).count() == in_issue and count_text(page) == f"{total}件中{in_issue}件を表示"
    page.select_option("#f-leading", "yes")
    assert visible_rows(page).count() == sum(p["issue_id"] == issue_id and p["leading"] == "○" for p in projects)
    page.locator("#f-reset").click()
    page.wait_for_function(f"document.getElementById('dx-count').textContent === '{total}件中{total}件を表示'")
    page.select_option("#f-leading", "yes")
    assert visible_rows(page).count() == sum(p["leading"] == "○" for p in projects)
    page.select_option("#f-leading", "")
    department, in_department = Counter(p["department"] for p in projects).most_common(1)[0]
    page.select_option("#f-dept", department)
    assert visible_rows(page).count() == in_department
    page.select_option("#f-dept", "")
    for grade in page.locator("#f-grade option").evaluate_all("os => os.map(o => o.value).filter(Boolean)"):
        page.select_option("#f-grade", grade)
        assert visible_rows(page).count() == page.locator(f"#dx-project-list tbody tr[data-grade='{grade}']").count()
    page.select_option("#f-grade", "")


def test_project_list_phase_filter_agrees_with_project_phases_csv(page, base_url):
    results = year(read_rows(DATA, "report")[0]["results_fiscal_year"])
    phases = Counter(r["phase"] for r in read_rows(DATA, "project_phases") if year(r["fiscal_year"]) == results)
    page.goto(base_url + "projects/")
    options = dict(
        zip(
            page.locator("#f-phase option").all_inner_texts(),
            page.locator("#f-phase option").evaluate_all("os => os.map(o => o.value)"),
        )
    )
    for text, value in options.items():
        phase = next((p for p in phases if text.endswith(" " + p)), None)
        if not phase:
            continue
        page.select_option("#f-phase", value)
        assert visible_rows(page).count() == phases[phase], phase
        assert all(phase in t for t in visible_rows(page).locator("td:last-child").all_inner_texts())
    page.select_option("#f-phase", "none")  # no phase listed for the results year
    assert visible_rows(page).count() == len(read_rows(DATA, "projects")) - sum(phases.values())


def test_project_list_sorts_and_is_keyboard_operable(page, base_url):
    page.goto(base_url + "projects/")
    header = page.locator("th[data-sort='name'] button")
    header.focus()
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "ascending"
    ascending = visible_rows(page).locator("th").all_inner_texts()
    in_order = page.evaluate(
        "ns => ns.every((n, i) => i === 0 || ns[i - 1].localeCompare(n, 'ja', {numeric: true}) <= 0)", ascending
    )
    assert in_order
    page.keyboard.press("Enter")
    assert page.locator("th[data-sort='name']").get_attribute("aria-sort") == "descending"
    descending = visible_rows(page).locator("th").all_inner_texts()
    assert descending[0] == ascending[-1] and descending[-1] == ascending[0]
    assert "sort=name" in page.url and "dir=desc" in page.url


# --- Accessibility, privacy, print --------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("role", AUDITED)
def test_axe_reports_no_violations(browser, base_url, pages, role, scheme):
    context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + pages[role])
    if page.locator(".dx-chart").count():
        wait_for_charts(page)
    page.evaluate(AXE.read_text(encoding="utf-8"))  # via DevTools: the page CSP allows no inline script
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""")
    context.close()
    assert result == [], json.dumps(result, ensure_ascii=False, indent=1)


def test_no_request_leaves_the_origin(browser, base_url, pages):
    context = browser.new_context(
        bypass_csp=True,
    )
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    word = read_rows(DATA, "issues")[0]["field_name"]
    for path in [pages[r] for r in AUDITED] + [f"search/?q={word}"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    context.close()
    assert requests, "no request recorded"
    outside = sorted(
        {u for u in requests if not (u.startswith(origin) or u.startswith("data:") or u.startswith("blob:"))}
    )
    assert outside == []


def test_pages_without_charts_do_not_load_plotly(page, base_url):
    loaded = []
    page.on("request", lambda r: loaded.append(r.url))
    for path in ["projects/", "downloads/", "method/"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert not [u for u in loaded if "plotly" in u]


# An A4 page inside the print margins of site.css (@page: 210 mm less 2 × 12 mm), in CSS pixels.
A4_WIDTH_PX = (210 - 24) / 25.4 * 96
DRAWN = "[...document.querySelectorAll('.dx-chart[data-figure]')].filter(c => c.querySelector('svg.main-svg')).length"


def _lazy_issue_page(page, base_url, pages) -> int:
    """The issue page in a short window, so that charts lie beyond the screen: (charts). Asserts that
    some are not drawn yet (charts draw as they come near the screen), or the test proves nothing."""
    page.set_viewport_size({"width": 1280, "height": 400})
    page.goto(base_url + pages["issue"], wait_until="networkidle")
    total = page.locator(".dx-chart[data-figure]").count()
    assert total >= 1
    assert page.evaluate(DRAWN) < total, "every chart is drawn before printing: the page is too short for this test"
    return total


def test_printing_draws_every_chart_within_the_page_width(page, base_url, pages):
    """Charts not yet scrolled to are drawn for paper when the page is printed (print media), no
    wider than an A4 page, and drawn again for the screen afterwards; the PDF is made."""
    total = _lazy_issue_page(page, base_url, pages)
    page.emulate_media(media="print")
    page.wait_for_function(f"{DRAWN} === {total}", timeout=20000)
    widths = page.eval_on_selector_all(
        ".dx-chart[data-figure] svg.main-svg", "svgs => svgs.map(s => s.getBoundingClientRect().width)"
    )
    assert widths and max(widths) <= A4_WIDTH_PX, widths
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.wait_for_function(
        "[...document.querySelectorAll('.dx-chart--ready')].every(c =>"
        " Math.abs(c.querySelector('svg.main-svg').getBoundingClientRect().width - c.clientWidth) < 2)",
        timeout=20000,
    )
    assert page.errors == []


def test_print_command_draws_every_chart_before_the_page_is_laid_out(page, base_url, pages):
    """The browser's print command fires beforeprint and lays the page out right after it: once
    plotly is loaded (a chart came near the screen), every chart is drawn within that event."""
    total = _lazy_issue_page(page, base_url, pages)
    page.locator(".dx-chart[data-figure]").first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.dx-chart--ready').length >= 1", timeout=20000)
    page.evaluate("window.scrollTo(0, 0)")
    drawn = page.evaluate(f"() => {{ window.dispatchEvent(new Event('beforeprint')); return {DRAWN}; }}")
    assert drawn == total
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.errors == []


def test_print_hides_navigation_and_shows_url_and_date(page, base_url, pages):
    page.goto(base_url + pages["issue"])
    wait_for_charts(page)
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".dx-header-search").is_hidden()
    meta = page.locator(".dx-print-meta")
    assert meta.is_visible() and base_url + pages["issue"] in meta.inner_text()
    assert page.locator(".dx-data-date").is_visible()
    widths = page.evaluate(
        "[...document.querySelectorAll('.dx-chart--ready, table.dx-table')].map(e => e.getBoundingClientRect().right)"
    )
    page_width = page.evaluate("document.documentElement.clientWidth")
    assert all(w <= page_width + 1 for w in widths)
