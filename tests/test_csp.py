"""Content-Security-Policy: every page carries it, the site works under it, a planted script is blocked."""

from __future__ import annotations

import re

import pytest

PAGES = [
    "",
    "issues/tourism/",
    "projects/",
    "search/?q=%E3%83%89%E3%83%AD%E3%83%BC%E3%83%B3",
    "method/",
    "downloads/",
    "guide/",
    "accessibility/",
    "does-not-exist/",
]


def test_every_page_has_the_policy_before_any_script(site_dir):
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        meta = html.find('http-equiv="Content-Security-Policy"')
        assert meta != -1, page
        first_script = html.find("<script")
        assert first_script == -1 or meta < first_script, page
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        assert "'unsafe-eval'" not in policy and "object-src 'none'" in policy


def _watch(page):
    page.violations = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
    )


@pytest.mark.browser
def test_pages_work_under_the_policy_without_violations(strict_page, base_url):
    page = strict_page
    _watch(page)
    for url in PAGES:
        page.goto(base_url + url)
        page.wait_for_load_state("networkidle")
        if url == "issues/tourism/":
            page.locator(".dx-chart").first.scroll_into_view_if_needed()  # charts draw as they come into view
            page.wait_for_selector(".dx-chart svg", timeout=20000)
        assert page.evaluate("window.__csp || []") == [], url
    # Instant navigation and the list filter keep working.
    page.goto(base_url + "projects/")
    page.wait_for_selector("#dx-filter:not([hidden])")
    page.fill("#f-q", "ドローン")
    page.wait_for_timeout(300)
    assert "件中" in page.inner_text("#dx-count")
    page.goto(base_url)
    page.locator("article a[href*='issues/']").first.click()
    # Instant navigation swaps the content after the address changes: wait for the issue page's own parts.
    page.wait_for_url("**/issues/**")
    page.wait_for_selector("article .dx-summary-box")
    page.locator(".dx-chart").first.scroll_into_view_if_needed()  # charts draw as they come into view
    page.wait_for_selector(".dx-chart svg", timeout=20000)
    assert page.evaluate("window.__csp || []") == []
    assert not [e for e in page.errors if "Content Security Policy" in e]


@pytest.mark.browser
def test_planted_inline_script_is_blocked(strict_page, site_dir, base_url):
    page = strict_page
    target = site_dir / "method" / "index.html"
    original = target.read_text(encoding="utf-8")
    try:
        target.write_text(
            original.replace("</article>", "<script>window.__pwned = 1</script></article>", 1), encoding="utf-8"
        )
        _watch(page)
        page.goto(base_url + "method/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned") is None
        assert any("script-src" in v for v in page.evaluate("window.__csp || []"))
    finally:
        target.write_text(original, encoding="utf-8")


@pytest.mark.browser
def test_make_serve_reloads_the_page_when_a_csv_is_saved(strict_page, tmp_path):
    """The preview's policy lets MkDocs' live-reload script run (it is inline and new on every request),
    so saving a CSV in the data folder reloads the open page; a built site never allows it (above)."""
    import os
    import shutil
    import subprocess
    import sys
    import time

    from conftest import ROOT, free_port

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "hostile" / "base", data)
    port = free_port()
    env = dict(os.environ, DXREPORT_DATA_DIR=str(data), NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _watch(strict_page)
        for _ in range(120):
            try:
                strict_page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                break
            except Exception:  # noqa: BLE001 - the first build is not finished yet
                time.sleep(0.5)
        assert "佐世保市DX戦略実行計画" in strict_page.inner_text("h1")
        report = data / "report.csv"
        text = report.read_text(encoding="utf-8")
        report.write_text(
            text.replace("佐世保市DX戦略実行計画（令和5年度実績）,2023", "書き換えた報告書名,2023", 1), encoding="utf-8"
        )
        for _ in range(120):  # the page reloads itself: nothing here navigates
            if "書き換えた報告書名" in strict_page.inner_text("h1"):
                break
            time.sleep(0.5)
        assert "書き換えた報告書名" in strict_page.inner_text("h1")
        assert strict_page.evaluate("window.__csp || []") == []
    finally:
        server.terminate()
        server.wait(timeout=30)
