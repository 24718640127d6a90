"""Lighthouse (mobile, default throttling) on home, an issue, a project and the list, served gzip
under a sub-path as on GitHub Pages. Prints the four category scores, CLS, TBT and LCP per page:
the median of LIGHTHOUSE_RUNS runs (default 3), since one simulated-throttling run on a loaded
two-core machine varies by several points (measured: the same issue page at 0.87 and 0.97).

Usage: python scripts/bench_lighthouse.py   (builds the live data into build/lighthouse/sub/)
Needs Lighthouse from npm (package.json devDependencies, `npm ci`) and Debian's Chromium.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "lighthouse"
CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
BUDGET = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0, "cls": 0.05}


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """A static server that compresses, as GitHub Pages and most municipal servers do."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def pages(site: Path) -> dict[str, str]:
    issue = sorted(p.parent.name for p in (site / "issues").glob("*/index.html"))[0]
    project = sorted(p.parent.name for p in (site / "projects").glob("*/index.html"))[0]
    return {"home": "", "issue": f"issues/{issue}/", "project": f"projects/{project}/", "list": "projects/"}


def run(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    subprocess.run(
        [
            "node",
            str(CLI),
            url,
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        **{k: v["score"] for k, v in report["categories"].items()},
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
    }


def main() -> int:
    if not CLI.exists():
        print("Lighthouse がありません。npm ci を実行してください。")
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    handler = functools.partial(_Gzip, directory=str(WORK))
    WORK.mkdir(parents=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/sub/"
    env = dict(os.environ, SITE_URL=base, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "-d", str(WORK / "sub")], cwd=ROOT, env=env, check=True
    )
    runs = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "3")))
    results = {}
    for name, path in pages(WORK / "sub").items():
        measured = [run(base + path, WORK / f"{name}-{n}.json") for n in range(runs)]
        # The run of median performance, whole (its other figures belong to the same load).
        results[name] = sorted(measured, key=lambda r: r["performance"])[len(measured) // 2] | {
            "performance_runs": [r["performance"] for r in measured]
        }
    server.shutdown()
    ok = True
    print(f"{'page':8} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'CLS':>6} {'TBT ms':>7} {'LCP ms':>7}")
    for name, r in results.items():
        good = all(r[k] >= v for k, v in BUDGET.items() if k != "cls") and r["cls"] < BUDGET["cls"]
        ok &= good
        print(
            f"{name:8} {r['performance']:5.2f} {r['accessibility']:5.2f} {r['best-practices']:5.2f} {r['seo']:5.2f} "
            f"{r['cls']:6.3f} {r['tbt_ms']:7} {r['lcp_ms']:7}  {'PASS' if good else 'FAIL'}"
            f"  (runs: {' '.join(f'{x:.2f}' for x in r['performance_runs'])})"
        )
    print(
        f"budget: performance >= 0.95 (median of {runs}), accessibility / best practices / SEO 1.00, CLS < 0.05"
        " (mobile, default throttling)"
    )
    (ROOT / "build" / "lighthouse.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("all pages within budget" if ok else "some pages outside the budget (see FAIL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
