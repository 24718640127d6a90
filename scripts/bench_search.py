"""Benchmark of the site search: bytes per query, suggestion latency, reading-index cost.

    .venv/bin/python scripts/bench_search.py [--runs 3] [--scale 10] [--keep]

Prints figures with PASS/FAIL against the budgets of issue 16 and writes them to
build/bench-search.json. Exits 0 whenever the measurements ran: the numbers are
the output, not a test. Work files go to build/bench-search/ (removed unless --keep).

Budgets:
  query-bytes     search files one query fetches at 10x data, gzipped, readings included  <= 100 KB
  suggest-ms      first keystroke: header suggestions shown after its last index file arrived <= 100 ms
Reported: build time of the real data (median of --runs), the reading-index part of it
(analyser load and analysis, cold, in a fresh process) at 1x and 10x.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import synth  # noqa: E402

PY = ROOT / ".venv" / "bin" / "python"
WORK = ROOT / "build" / "bench-search"
OUT_JSON = ROOT / "build" / "bench-search.json"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
BUDGET_QUERY_KB = 100.0
BUDGET_SUGGEST_MS = 100.0

# Kanji, katakana, unconverted kana (readings), several words, and queries that find nothing.
QUERIES = [
    "キャッシュレス",
    "きゃっしゅれす",
    "まどぐち",
    "こそだて",
    "でんししんせい",
    "どうろかんすい",
    "データ 活用",
    "電子申請 窓口",
    "オンライン申請",
    "子育て",
    "ドローン",
    "ＲＰＡ",
    "ぎかい",
    "道路冠水対策",
    "ぬぬぬぬ",
]
SUGGEST = ["こそだて", "キャッシュレス", "まどぐち", "データ 活用", "赤潮"]

READINGS_CODE = """
import sys, time, json
t0 = time.perf_counter()
from pathlib import Path
from dxreport.model import load_report
from dxreport import search
report = load_report(Path(sys.argv[1]))
docs = search._documents(report)
t1 = time.perf_counter()
search._bigram_shards(docs)
t2 = time.perf_counter()
search._yomi_shards(docs)
t3 = time.perf_counter()
search._yomi_shards(docs)
t4 = time.perf_counter()
print(json.dumps({"bigram_s": t2 - t1, "readings_cold_s": t3 - t2, "readings_warm_s": t4 - t3}))
"""


def log(msg: str) -> None:
    print(f"[bench-search] {msg}", file=sys.stderr, flush=True)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def build(data: Path, dest: Path, site_url: str = "http://127.0.0.1:8000/") -> float:
    env = dict(ENV, DXREPORT_DATA_DIR=str(data), SITE_URL=site_url)
    t = time.perf_counter()
    subprocess.run(
        [str(PY), "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t


def reading_cost(data: Path) -> dict:
    out = subprocess.run(
        [str(PY), "-c", READINGS_CODE, str(data)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env=dict(ENV, PYTHONPATH=str(ROOT / "src")),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(root: Path, port: int):
    proc = subprocess.Popen(
        [str(PY), "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        yield
    finally:
        proc.terminate()
        proc.wait()


def search_files(site: Path, base: str, urls: list[str]) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) of the search JSON files among `urls`."""
    files = sorted(
        {unquote(urlsplit(u).path)[len(urlsplit(base).path) :] for u in urls if "/search/" in u and u.endswith(".json")}
    )
    raw = sum((site / f).stat().st_size for f in files)
    return len(files), raw, sum(gz((site / f).read_bytes()) for f in files)


def browser_figures(site: Path, base: str) -> dict:
    from playwright.sync_api import sync_playwright

    per_query, suggest = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for q in QUERIES:
            # bypass_csp: the measuring code is evaluated in the page, which the site policy forbids
            context = browser.new_context(bypass_csp=True)  # nothing cached: each query starts cold
            page = context.new_page()
            urls: list[str] = []
            page.on("requestfinished", lambda r, urls=urls: urls.append(r.url))
            page.goto(base + "search/?q=" + quote(q))
            page.wait_for_function(
                "!/検索しています/.test(document.getElementById('dx-search-status').textContent)"
                " && document.getElementById('dx-search-status').textContent !== ''"
            )
            page.wait_for_load_state("networkidle")
            n, raw, packed = search_files(site, base, urls)
            hits = page.locator("#dx-search-results li").count()
            per_query.append({"query": q, "files": n, "raw_bytes": raw, "gzip_bytes": packed, "shown": hits})
            context.close()
        for q in SUGGEST:
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            page.goto(base)
            page.wait_for_load_state("networkidle")
            page.evaluate("""() => {
                const panelOf = () => document.getElementById('dx-header-results');
                window.__shown = new Promise(resolve => {
                    new MutationObserver((_, obs) => {
                        const p = panelOf();
                        if (p && p.dataset.query) { obs.disconnect(); resolve(performance.now()); }
                    }).observe(document.querySelector('.dx-header-search'), {subtree: true, attributes: true});
                });
            }""")
            page.fill("#dx-header-q", q)  # one input event, as an IME commits a word
            shown_at = page.evaluate("window.__shown")
            last = page.evaluate("""() => Math.max(...performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/search/') && e.name.endsWith('.json')).map(e => e.responseEnd))""")
            suggest.append({"query": q, "after_last_file_ms": round(shown_at - last, 1)})
            context.close()
        browser.close()
    return {"queries": per_query, "suggest": suggest}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    data1 = ROOT / "data"
    dataN = WORK / f"data-{args.scale}x"
    synth.synthesise(data1, dataN, args.scale)

    log(f"build real data x{args.runs}")
    times = [build(data1, WORK / "site-1x") for _ in range(args.runs)]
    log("reading-index cost (fresh processes)")
    cost1, costN = reading_cost(data1), reading_cost(dataN)
    port = free_port()
    base = f"http://127.0.0.1:{port}/s/"
    log(f"build {args.scale}x data")
    timeN = build(dataN, WORK / "www" / "s", site_url=base)
    site = WORK / "www" / "s"
    sizes = {d: sum(f.stat().st_size for f in (site / "search" / d).glob("*.json")) for d in ("index", "yomi", "docs")}
    log("Chromium: queries and suggestions")
    with serve(WORK / "www", port):
        fig = browser_figures(site, base)

    worst = max(fig["queries"], key=lambda r: r["gzip_bytes"])
    slowest = max(s["after_last_file_ms"] for s in fig["suggest"])
    result = {
        "build_1x_median_s": round(statistics.median(times), 3),
        "build_1x_runs_s": [round(t, 3) for t in times],
        f"build_{args.scale}x_s": round(timeN, 3),
        "reading_index_1x": {k: round(v, 3) for k, v in cost1.items()},
        f"reading_index_{args.scale}x": {k: round(v, 3) for k, v in costN.items()},
        f"index_bytes_{args.scale}x": sizes,
        "queries": fig["queries"],
        "suggest": fig["suggest"],
        "budget_query_kb": BUDGET_QUERY_KB,
        "budget_suggest_ms": BUDGET_SUGGEST_MS,
        "pass_query": worst["gzip_bytes"] / 1024 <= BUDGET_QUERY_KB,
        "pass_suggest": slowest <= BUDGET_SUGGEST_MS,
    }
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")

    S = f"{args.scale}x"
    print(
        f"build, real data (median of {args.runs})     {result['build_1x_median_s']:.2f} s  runs {result['build_1x_runs_s']}"
    )
    print(f"build, {S} data                       {timeN:.2f} s")
    for label, c in (("1x", cost1), (S, costN)):
        print(
            f"reading index {label:>4}: cold {c['readings_cold_s']:.3f} s (analyser load + analysis), "
            f"warm {c['readings_warm_s']:.3f} s; bigram index {c['bigram_s']:.3f} s"
        )
    print(f"index files at {S}: " + ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in sizes.items()))
    print(f"\nper query at {S} (cold cache): files, raw KB, gzip KB, results shown")
    for r in fig["queries"]:
        print(
            f"  {r['query']:<16} {r['files']:>3} {r['raw_bytes'] / 1024:7.1f} {r['gzip_bytes'] / 1024:7.1f} {r['shown']:>4}"
        )
    print(
        f"  worst {worst['gzip_bytes'] / 1024:.1f} KB gzip (budget {BUDGET_QUERY_KB:.0f} KB): "
        f"{'PASS' if result['pass_query'] else 'FAIL'}"
    )
    print("\nfirst keystroke: suggestions shown after the last index file arrived")
    for s in fig["suggest"]:
        print(f"  {s['query']:<16} {s['after_last_file_ms']:6.1f} ms")
    print(
        f"  slowest {slowest:.1f} ms (budget {BUDGET_SUGGEST_MS:.0f} ms): {'PASS' if result['pass_suggest'] else 'FAIL'}"
    )
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
