"""Screenshots for reviewers: home, an issue, a project and the list at 360 px and 1280 px wide.

Usage: python scripts/screenshots.py [SITE_DIR] [OUT_DIR] [PAGE ...]   (defaults: site, build/screenshots)
PAGE: more pages by their path in the site (projects/x/), named after the path (projects-x-360.png).
Serves the built site under a sub-path (as on GitHub Pages), opens it in Debian's Chromium and
writes full-page PNGs named <page>-<width>.png. Charts are scrolled into view so they are drawn.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (360, 1280)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(site: Path, extra: list[str]) -> dict[str, str]:
    issue = sorted(p.parent.name for p in (site / "issues").glob("*/index.html"))[0]
    project = sorted(p.parent.name for p in (site / "projects").glob("*/index.html"))[0]
    named = {"home": "", "issue": f"issues/{issue}/", "project": f"projects/{project}/", "list": "projects/"}
    return named | {path.strip("/").replace("/", "-"): path.strip("/") + "/" for path in extra}


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "screenshots"
    if not (site / "index.html").exists():
        print(f"{site}/index.html がありません。先に make site を実行してください。")
        return 1
    out.mkdir(parents=True, exist_ok=True)
    root = site.resolve().parent
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/{site.resolve().name}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 800}, locale="ja-JP", is_mobile=width < 600, has_touch=width < 600
            )
            page = context.new_page()
            for name, path in pages(site, argv[2:]).items():
                page.goto(base + path, wait_until="networkidle")
                charts = page.locator(".dx-chart")
                for i in range(charts.count()):
                    charts.nth(i).scroll_into_view_if_needed()
                page.wait_for_timeout(300)
                page.evaluate("window.scrollTo(0, 0)")
                target = out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
            context.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
