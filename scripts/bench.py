"""Benchmark: build time, page sizes, search index size, memory and filter speed.

    .venv/bin/python scripts/bench.py [--runs 3] [--scale 10] [--keep]

One run prints a table of figures with PASS/FAIL against the budgets, a
summary line per budget, and writes every figure to build/bench.json. It
always exits 0 when the measurements ran (the numbers are the output; it is
not a test). Work files go to build/bench/ (git-ignored) and are removed at
the end unless --keep is given.

Budgets:
  build-ratio     real build / floor build (same page count, no hook)  <= 1.5
  scale-ratio     10x build / 1x build                                  <= 12
  page-size       project page HTML at 10x <= 1.1 x its size at 1x
  first-visit     project page + its CSS/JS (+plotly) gzipped           <= 600 KB
  no-plotly       pages without .dx-chart do not load plotly
  filter          one keystroke of filtering the 10x project list       < 50 ms
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
import synth  # noqa: E402

PY = ROOT / ".venv" / "bin" / "python"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
CONFIG = ROOT / "mkdocs.yml"
TMP_CONFIG = ROOT / ".bench-mkdocs.yml"
WORK = ROOT / "build" / "bench"
OUT_JSON = ROOT / "build" / "bench.json"
PLOTLY = "assets/vendor/plotly-basic-4.1.1.min.js"
KB = 1024

BUDGETS = {
    "build_ratio": 1.5,
    "scale_ratio": 12.0,
    "page_size_ratio": 1.1,
    "first_visit_project_kb": 600.0,
    "filter_ms": 50.0,
    # Editions: building N editions costs about N times one, and stays within the same ratio to
    # the plain-Markdown floor at the same page count.
    "editions_floor_ratio": 1.5,
}
EDITION_COUNTS = (1, 3, 7)

ENV = dict(
    os.environ,
    NO_MKDOCS_2_WARNING="1",
    PYTHONHASHSEED="0",
    PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- config


def _sub_line(text: str, pattern: str, repl: str) -> str:
    new, n = re.subn(pattern, lambda m: repl, text, count=1, flags=re.M)
    if n != 1:
        raise SystemExit(f"bench: could not find /{pattern}/ in mkdocs.yml; update scripts/bench.py")
    return new


def write_config(
    site_dir: Path,
    *,
    data_dir: Path | None = None,
    floor_docs: Path | None = None,
    nav: list | None = None,
    report_extra: dict | None = None,
) -> Path:
    """A temporary copy of mkdocs.yml in the repo root (relative paths keep working)."""
    text = CONFIG.read_text(encoding="utf-8")
    text = _sub_line(text, r"^site_dir:.*$", f"site_dir: {json.dumps(str(site_dir))}")
    if data_dir is not None:
        text = _sub_line(text, r"^  data_dir:.*$", f"  data_dir: {json.dumps(str(data_dir))}")
    if floor_docs is not None:
        # Same theme, overrides, extensions and assets; no hook, plain pages.
        text = _sub_line(text, r"^docs_dir:.*$", f"docs_dir: {json.dumps(str(floor_docs))}")
        text = _sub_line(text, r"^hooks:\n(?:  - .*\n)+", "")
        text = _sub_line(text, r"^watch:\n(?:  - .*\n)+", "")
        text = _sub_line(text, r"^extra:\n", "extra:\n  report: " + json.dumps(report_extra, ensure_ascii=False) + "\n")
        text += "\nnav: " + json.dumps(nav, ensure_ascii=False) + "\n"
        text += "not_in_nav: " + json.dumps("/projects/*.md\n!/projects/index.md\n/search.md\n/editions/**") + "\n"
    TMP_CONFIG.write_text(text, encoding="utf-8")
    return TMP_CONFIG


# --------------------------------------------------------------------------- builds


def run_build(site_dir: Path, label: str, **config_kwargs) -> dict:
    """One `mkdocs build --strict` in a subprocess: wall time and that process's peak RSS."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    # Each build starts on a quiet disk: what the previous build and the removal left for the
    # kernel to write back would otherwise fall on this one (seconds on a virtual disk).
    os.sync()
    cfg = write_config(site_dir, **config_kwargs)
    log_path = WORK / f"build-{label}.log"
    try:
        with open(log_path, "wb") as out:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [str(MKDOCS), "build", "--strict", "-f", str(cfg)],
                cwd=ROOT,
                env=ENV,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            _, status, usage = os.wait4(proc.pid, 0)  # per-process rusage (ru_maxrss in KiB on Linux)
            elapsed = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        cfg.unlink(missing_ok=True)
    if proc.returncode != 0:
        sys.stdout.write(log_path.read_text(encoding="utf-8", errors="replace")[-4000:])
        raise SystemExit(f"bench: build {label} failed (exit {proc.returncode}); log in {log_path}")
    return {
        "seconds": round(elapsed, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
    }


def html_pages(site: Path) -> list[str]:
    """Site-relative paths of every page (index.html files; 404.html is MkDocs' own)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def make_floor_docs(real_site: Path, floor_docs: Path) -> tuple[list, int]:
    """Plain Markdown pages at the same paths as the real site's pages."""
    if floor_docs.exists():
        shutil.rmtree(floor_docs)
    shutil.copytree(ROOT / "docs", floor_docs)
    pages = html_pages(real_site)
    dirs = {p.rsplit("/", 2)[0] for p in pages if p.count("/") >= 2}
    md_paths = [_floor_markdown_path(page, dirs) for page in pages]
    for page, md in zip(pages, md_paths):
        target = floor_docs / md
        if not target.exists():  # a hand-written page from docs/ is already plain Markdown
            _write_floor_page(real_site / page, target, md)
    return _floor_nav(md_paths), len(pages)


def _floor_markdown_path(page: str, dirs: set[str]) -> str:
    if page == "index.html":
        return "index.md"
    d = page[: -len("/index.html")]
    return f"{d}/index.md" if d in dirs else f"{d}.md"


def _write_floor_page(real_page: Path, target: Path, md: str) -> None:
    """A page with the real page's title and one short paragraph."""
    m = re.search(r"<h1[^>]*>(.*?)</h1>", real_page.read_text(encoding="utf-8"), re.S)
    title = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else md
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"# {title}\n\n{title}のページです。本文は短い段落だけです。\n", encoding="utf-8")


def _floor_nav(md_paths: list[str]) -> list:
    """Nav like the real one: home, the list, sections per folder, other pages; no project pages."""
    top = [m for m in md_paths if "/" not in m and m not in ("index.md", "search.md")]
    sections: dict[str, list[str]] = {}
    for m in md_paths:
        if "/" in m and not m.startswith(("projects/", "editions/")):  # as in the real nav
            sections.setdefault(m.split("/")[0], []).append(m)
    nav: list = ["index.md"]
    if "projects/index.md" in md_paths:
        nav.append("projects/index.md")
    for name, items in sections.items():
        nav.append({name: sorted(items, key=lambda s: (not s.endswith("index.md"), s))})
    return nav + top


def pick_project_page(data_dir: Path, site: Path, pages: list[str]) -> str:
    """The first project (projects.csv order) whose page has a chart, so plotly is counted."""
    _, rows = synth.read_table(synth.latest_edition(data_dir) / "projects.csv")
    candidates = [f"projects/{r['project_id']}/index.html" for r in rows]
    candidates = [c for c in candidates if c in pages]
    for c in candidates:
        if has_chart((site / c).read_text(encoding="utf-8")):
            return c
    return candidates[0]


def report_extra(data_dir: Path) -> dict:
    """The theme's per-page extra, as the hook sets it (the floor build has no hook)."""
    from dxreport.model import load_report

    return load_report(data_dir).theme_extra()


PROFILE_SPOTS = [  # (label, file suffix, function) — cumulative time under cProfile
    ("whole build", "mkdocs/commands/build.py", "build"),
    ("hook on_config (load + render all pages)", "hooks/generate.py", "on_config"),
    ("  load_report (CSV, validation, model)", "dxreport/model.py", "load_report"),
    ("  render_site (Jinja, figures, downloads, search)", "dxreport/render.py", "render_site"),
    ("    figures.series_figure (plotly objects)", "dxreport/figures.py", "series_figure"),
    ("    downloads.build_downloads", "dxreport/downloads.py", "build_downloads"),
    ("    search.build_search_index", "dxreport/search.py", "build_search_index"),
    ("Markdown -> HTML (all pages)", "markdown/core.py", "convert"),
    ("  md_in_html (HTML blocks)", "markdown/extensions/md_in_html.py", "run"),
    ("page render via theme + write (Material templates)", "mkdocs/commands/build.py", "_build_page"),
]


def profile_build(data_dir: Path) -> dict:
    """cProfile of one 1x build: where the time goes (cumulative seconds, inflated by profiling)."""
    import pstats

    prof = WORK / "build-1x.prof"
    cfg = write_config(WORK / "site-profile", data_dir=data_dir)
    try:
        subprocess.run(
            [str(PY), "-m", "cProfile", "-o", str(prof), str(MKDOCS), "build", "--strict", "-q", "-f", str(cfg)],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
    finally:
        cfg.unlink(missing_ok=True)
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    out = {}
    for label, suffix_, func in PROFILE_SPOTS:
        ct = sum(v[3] for (f, _, fn), v in stats.items() if fn == func and f.replace(os.sep, "/").endswith(suffix_))
        out[label] = round(ct, 2)
    return out


# --------------------------------------------------------------------------- sizes


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def has_chart(text: str) -> bool:
    return re.search(r"""class\s*=\s*["'][^"']*(?<![\w-])dx-chart(?![\w-])""", text) is not None


def page_assets(site: Path, page: str) -> list[str]:
    """Site-relative paths of the stylesheets and scripts a page loads (plus plotly if charted)."""
    text = (site / page).read_text(encoding="utf-8")
    refs = []
    for tag in re.findall(r"<link\b[^>]*>", text):
        if re.search(r"""rel\s*=\s*["']?stylesheet""", tag):
            m = re.search(r"""href\s*=\s*["']([^"']+)""", tag)
            if m:
                refs.append(m.group(1))
    refs += re.findall(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']+)""", text)
    base = "http://x/" + page
    out = []
    for ref in refs:
        url = urlsplit(urljoin(base, html.unescape(ref)))
        if url.netloc != "x":
            out.append(ref)  # external: reported, not sized
            continue
        out.append(url.path.lstrip("/"))
    if has_chart(text):
        out.append(PLOTLY)
    return list(dict.fromkeys(out))


def first_visit(site: Path, page: str) -> dict:
    assets = page_assets(site, page)
    html_bytes = (site / page).read_bytes()
    total = gz(html_bytes)
    parts = {page: gz(html_bytes)}
    missing = []
    for a in assets:
        f = site / a
        if f.is_file():
            parts[a] = gz(f.read_bytes())
            total += parts[a]
        else:
            missing.append(a)
    return {
        "page": page,
        "html_bytes": len(html_bytes),
        "gzip_total_bytes": total,
        "has_chart": has_chart(html_bytes.decode("utf-8")),
        "loads_plotly": PLOTLY in assets,
        "parts": parts,
        "missing_or_external": missing,
    }


def search_figures(site: Path) -> dict:
    root = site / "search"
    total = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    json_total = sum(f.stat().st_size for f in root.rglob("*.json"))
    shards = [f.stat().st_size for f in (root / "index").glob("*.json")]
    chunks = [f.stat().st_size for f in (root / "docs").glob("*.json")]
    meta = (root / "meta.json").stat().st_size
    shard_avg = statistics.mean(shards) if shards else 0
    chunk_avg = statistics.mean(chunks) if chunks else 0
    shards_gz = [gz(f.read_bytes()) for f in (root / "index").glob("*.json")]
    chunks_gz = [gz(f.read_bytes()) for f in (root / "docs").glob("*.json")]
    query = meta + 6 * shard_avg + chunk_avg
    query_gz = (
        gz((root / "meta.json").read_bytes())
        + 6 * statistics.mean(shards_gz or [0])
        + statistics.mean(chunks_gz or [0])
    )
    return {
        "total_bytes": total,
        "json_bytes": json_total,
        "shards": len(shards),
        "doc_chunks": len(chunks),
        "shard_avg_bytes": round(shard_avg),
        "shard_max_bytes": max(shards or [0]),
        "chunk_avg_bytes": round(chunk_avg),
        "meta_bytes": meta,
        "query_bytes": round(query),
        "query_gzip_bytes": round(query_gz),
    }


# --------------------------------------------------------------------------- browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path):
    port = free_port()
    proc = subprocess.Popen(
        [str(PY), "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


KEYSTROKE_JS = r"""
async (queries) => {
  const input = document.getElementById('f-q');
  const form = document.getElementById('dx-filter');
  const count = document.getElementById('dx-count');
  const nextFrame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = [];
  for (const q of queries) {
    input.value = q;
    const t0 = performance.now();
    // A keystroke: the input event bubbles from #f-q to the form's listener (target.name === 'q').
    input.dispatchEvent(new Event('input', {bubbles: true}));
    const t1 = performance.now();
    void document.body.offsetHeight;            // force style + layout of the shown/hidden rows
    const t2 = performance.now();
    await nextFrame();
    const t3 = performance.now();
    out.push({q: q, handler: t1 - t0, layout: t2 - t0, frame: t3 - t0, shown: count.textContent,
              rows: form && document.querySelectorAll('#dx-project-list tbody tr:not([hidden])').length});
  }
  return out;
}
"""


def browser_figures(site: Path, pages: dict[str, str]) -> dict:
    from playwright.sync_api import sync_playwright

    exe = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=args, headless=True)
        try:
            return {
                "filter": _filter_figures(browser, base),
                "first_visit_browser": {
                    name: _first_visit_requests(browser, base, site, path) for name, path in pages.items()
                },
            }
        finally:
            browser.close()


def _filter_figures(browser, base: str) -> dict:
    """Filtering the Nx project list, keystroke by keystroke."""
    ctx = browser.new_context()
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(base + "projects/", wait_until="load")
    page.wait_for_function(
        "() => { const f = document.getElementById('dx-filter');"
        " return f && !f.hidden && document.getElementById('dx-count').textContent; }",
        timeout=60_000,
    )
    load_s = time.perf_counter() - t0
    nav_timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {response_end_ms: n.responseEnd, dom_content_loaded_ms: n.domContentLoadedEventEnd,
                load_event_ms: n.loadEventEnd, filter_ready_ms: performance.now()}; }""")
    rows = page.eval_on_selector_all("#dx-project-list tbody tr", "rs => rs.length")
    words = ["デジタル", "ai", "観光", "ドローン", "キャッシュレス", "市民", "zz"]
    queries: list[str] = []
    for w in words:
        queries += [w[: i + 1] for i in range(len(w))]
        queries.append("")  # clear: every row shown again (the slowest case)
    warm = page.evaluate(KEYSTROKE_JS, ["a", "", "デ", ""])  # JIT warm-up, not counted
    samples = page.evaluate(KEYSTROKE_JS, queries)
    ctx.close()
    return {
        "rows": rows,
        "page_load_s": round(load_s, 2),
        "navigation_ms": {k: round(v) for k, v in nav_timing.items()},
        "keystrokes": len(samples),
        "handler_median_ms": round(statistics.median(s["handler"] for s in samples), 2),
        "handler_max_ms": round(max(s["handler"] for s in samples), 2),
        "with_layout_median_ms": round(statistics.median(s["layout"] for s in samples), 2),
        "to_next_frame_median_ms": round(statistics.median(s["frame"] for s in samples), 2),
        "warmup_ms": [round(w["handler"], 2) for w in warm],
        "samples": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in s.items()} for s in samples],
    }


def _first_visit_requests(browser, base: str, site: Path, path: str) -> dict:
    """What a first visit really requests (cross-check of the HTML parse)."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    urls: list[str] = []
    pg.on("request", lambda req: urls.append(req.url))
    pg.goto(base + path.removesuffix("index.html"), wait_until="load")
    with contextlib.suppress(Exception):
        pg.wait_for_load_state("networkidle", timeout=15_000)
    pg.wait_for_timeout(300)
    ctx.close()
    local, size = [], 0
    for u in dict.fromkeys(urls):
        if not u.startswith(base):
            local.append(u)
            continue
        rel = urlsplit(u).path.lstrip("/")
        f = site / rel
        if f.is_dir() or rel == "" or rel.endswith("/"):
            f = f / "index.html"
        if f.is_file():
            size += gz(f.read_bytes())
        local.append(rel or "index.html")
    return {"requests": local, "gzip_total_bytes": size, "loads_plotly": any(PLOTLY in u for u in local)}


# --------------------------------------------------------------------------- report


def fmt_bytes(n: float) -> str:
    return f"{n / KB:,.1f} KB" if n < 10 * KB * KB else f"{n / KB / KB:,.1f} MB"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "FAIL")


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    w = [max(len(r[i]) for r in rows) for i in range(4)]
    # East Asian wide characters are not used in the table, so len() aligns.
    line = "+-" + "-+-".join("-" * x for x in w) + "-+"
    print(line)
    for i, r in enumerate(rows):
        print("| " + " | ".join(c.ljust(w[j]) for j, c in enumerate(r)) + " |")
        if i == 0:
            print(line)
    print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build-time, page-size and filter-speed figures.")
    ap.add_argument("--runs", type=int, default=3, help="builds of the real data and the floor (median)")
    ap.add_argument("--scale", type=int, default=10)
    ap.add_argument("--keep", action="store_true", help="keep build/bench/ (sites, synthetic data, logs)")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-editions", action="store_true", help="skip the 1/3/7-edition builds")
    ap.add_argument("--profile", action="store_true", help="also cProfile one 1x build and print where time goes")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    fig: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "loadavg_start": os.getloadavg(),
        },
        "budgets": BUDGETS,
    }
    try:
        # Every build is timed first, on a machine the browser figures have not loaded yet.
        fig["build"] = measure_builds(args)
        if not args.no_editions:
            fig["editions"] = measure_editions(args.runs)
        measure_pages(fig, args)
    finally:
        TMP_CONFIG.unlink(missing_ok=True)
    fig["bench_seconds"] = round(time.perf_counter() - started, 1)
    fig["machine"]["loadavg_end"] = os.getloadavg()
    print_report(fig, args)
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(fig, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


def _sites(scale: int) -> tuple[Path, Path, Path]:
    """The real 1x site, the plain-Markdown floor site and the synthetic Nx site."""
    return WORK / "site-1x", WORK / "site-floor", WORK / f"site-{scale}x"


def measure_builds(args) -> dict:
    """Build the real data, the floor at the same page count, and the synthetic Nx data."""
    data1 = ROOT / "data"
    site1, site_floor, siteN = _sites(args.scale)
    dataN, floor_docs = WORK / f"data-{args.scale}x", WORK / "floor-docs"
    runs1 = []
    for i in range(args.runs):
        log(f"build 1x real data, run {i + 1}/{args.runs}")
        runs1.append(run_build(site1, f"1x-{i + 1}", data_dir=data1))
    t1 = statistics.median(r["seconds"] for r in runs1)
    pages1 = html_pages(site1)
    # Floor: same number of plain pages, same theme, no hook.
    nav, n_pages = make_floor_docs(site1, floor_docs)
    runs_floor = []
    for i in range(args.runs):
        log(f"build floor ({n_pages} plain pages), run {i + 1}/{args.runs}")
        runs_floor.append(
            run_build(site_floor, f"floor-{i + 1}", floor_docs=floor_docs, nav=nav, report_extra=report_extra(data1))
        )
    t_floor = statistics.median(r["seconds"] for r in runs_floor)
    floor_pages = html_pages(site_floor)
    log(f"synthesise {args.scale}x data")
    counts = synth.synthesise(data1, dataN, args.scale)
    chk = subprocess.run(
        [str(PY), "-m", "dxreport", "check", str(dataN)], cwd=ROOT, env=ENV, capture_output=True, text=True
    )
    if chk.returncode != 0:
        print(chk.stdout[-3000:])
        raise SystemExit(f"bench: synthetic {args.scale}x data does not pass dxreport check")
    log(f"build {args.scale}x synthetic data (1 run)")
    runN = run_build(siteN, f"{args.scale}x", data_dir=dataN)
    tN = runN["seconds"]
    pagesN = html_pages(siteN)
    S = f"{args.scale}x"
    cpu1 = statistics.median(r["cpu_seconds"] for r in runs1)
    return {
        "pages_1x": len(pages1),
        "pages_floor": len(floor_pages),
        f"pages_{S}": len(pagesN),
        "real_1x_s": t1,
        "real_1x_runs": runs1,
        "floor_s": t_floor,
        "floor_runs": runs_floor,
        f"real_{S}_s": tN,
        f"real_{S}_run": runN,
        "ratio_real_floor": round(t1 / t_floor, 2),
        "cpu_ratio_real_floor": round(cpu1 / statistics.median(r["cpu_seconds"] for r in runs_floor), 2),
        f"cpu_ratio_{S}_1x": round(runN["cpu_seconds"] / cpu1, 2),
        f"ratio_{S}_1x": round(tN / t1, 2),
        "per_page_ms_1x": round(1000 * t1 / len(pages1), 1),
        "per_page_ms_floor": round(1000 * t_floor / len(floor_pages), 1),
        f"per_page_ms_{S}": round(1000 * tN / len(pagesN), 1),
        "peak_rss_mb_1x": max(r["peak_rss_mb"] for r in runs1),
        "peak_rss_mb_floor": max(r["peak_rss_mb"] for r in runs_floor),
        f"peak_rss_mb_{S}": runN["peak_rss_mb"],
        "site_bytes_1x": sum(f.stat().st_size for f in site1.rglob("*") if f.is_file()),
        f"site_bytes_{S}": sum(f.stat().st_size for f in siteN.rglob("*") if f.is_file()),
        "synthetic_rows": counts,
    }


def measure_editions(runs: int) -> dict:
    """1, 3 and 7 synthetic yearly editions of the real data: build time, pages, and the ratio to
    the plain-Markdown floor at the same page count (each edition is the latest's pages again).
    Real and floor builds alternate, `runs` of each, and the medians are compared, so that a
    moment of load on the machine does not fall on one side only."""
    out: dict = {}
    for count in EDITION_COUNTS:
        data, site, floor_site = WORK / f"editions-{count}", WORK / f"site-editions-{count}", WORK / "site-floor-ed"
        years = synth.synthesise_editions(ROOT / "data", data, count)
        log(f"build {count} editions ({years[0]}-{years[-1]}), {runs} run(s) each alternating with the floor")
        run_build(site, f"editions-{count}", data_dir=data)  # pages for the floor's titles
        nav, n_pages = make_floor_docs(site, WORK / "floor-docs-ed")
        real, floor = [], []
        for i in range(runs):
            real.append(run_build(site, f"editions-{count}-{i + 1}", data_dir=data))
            floor.append(
                run_build(
                    floor_site,
                    f"floor-editions-{count}-{i + 1}",
                    floor_docs=WORK / "floor-docs-ed",
                    nav=nav,
                    report_extra=report_extra(data),
                )
            )
        # A page does not grow with the editions: the switcher reads editions/editions.json at view time.
        page_bytes = {page: (site / page).stat().st_size for page in _edition_probe_pages(data)}
        seconds = statistics.median(r["seconds"] for r in real)
        floor_seconds = statistics.median(r["seconds"] for r in floor)
        out[str(count)] = {
            "pages": n_pages,
            "seconds": seconds,
            "runs": [r["seconds"] for r in real],
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in real),
            "floor_seconds": floor_seconds,
            "floor_runs": [r["seconds"] for r in floor],
            "ratio_floor": round(seconds / floor_seconds, 2),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in real),
            "page_bytes": page_bytes,
        }
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(floor_site, ignore_errors=True)
    one = out[str(EDITION_COUNTS[0])]
    for value in out.values():
        value["ratio_to_one_edition"] = round(value["seconds"] / one["seconds"], 2)
        value["page_size_ratio"] = round(max(n / one["page_bytes"][page] for page, n in value["page_bytes"].items()), 2)
    return out


def _edition_probe_pages(data: Path) -> list[str]:
    """The home page and the first project's page of the latest edition, at their usual addresses."""
    _, rows = synth.read_table(synth.latest_edition(data) / "projects.csv")
    return ["index.html", f"projects/{rows[0]['project_id']}/index.html"]


def editions_rows(fig: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    limit = BUDGETS["editions_floor_ratio"]
    for count, e in fig.get("editions", {}).items():
        rows.append(
            (
                f"{count} edition(s): {e['pages']} pages, build (x one edition)",
                f"{e['seconds']:.2f} s (x{e['ratio_to_one_edition']:.2f}), floor {e['floor_seconds']:.2f} s",
                f"ratio to floor <= {limit}",
                f"{e['ratio_floor']:.2f} " + verdict(e["ratio_floor"] <= limit),
            )
        )
    return rows


def measure_pages(fig: dict, args) -> None:
    """Page sizes, first-visit transfer, search index sizes and (unless --no-browser) browser figures."""
    site1, _, siteN = _sites(args.scale)
    pages1 = html_pages(site1)
    project_page = pick_project_page(ROOT / "data", site1, pages1)
    issue_page = next(p for p in pages1 if p.startswith("issues/"))
    sample = {
        "home": "index.html",
        "project list": "projects/index.html",
        "issue page": issue_page,
        "project page": project_page,
    }
    S = f"{args.scale}x"
    pages = {
        "project_page": project_page,
        "project_html_bytes_1x": (site1 / project_page).stat().st_size,
        f"project_html_bytes_{S}": (siteN / project_page).stat().st_size,
    }
    pages["project_html_ratio"] = round(pages[f"project_html_bytes_{S}"] / pages["project_html_bytes_1x"], 3)
    fig["pages"] = pages
    for scale, site in (("1x", site1), (S, siteN)):
        pages[f"html_bytes_{scale}"] = {k: (site / v).stat().st_size for k, v in sample.items()}
        fig[f"first_visit_{scale}"] = {k: first_visit(site, v) for k, v in sample.items()}
    fig["search_1x"] = search_figures(site1)
    fig[f"search_{S}"] = search_figures(siteN)
    if args.profile:
        log("cProfile of one 1x build (not timed)")
        fig["profile_1x"] = profile_build(ROOT / "data")
    if not args.no_browser:
        log(f"browser: filter the {args.scale}x project list, first-visit requests")
        fig["browser"] = browser_figures(siteN, sample)


def build_rows(fig: dict, args) -> list[tuple[str, str, str, str]]:
    S = f"{args.scale}x"
    b = fig["build"]
    ok_ratio = b["ratio_real_floor"] <= BUDGETS["build_ratio"]
    ok_scale = b[f"ratio_{S}_1x"] <= BUDGETS["scale_ratio"]
    return [
        (
            f"pages generated (1x / floor / {S})",
            f"{b['pages_1x']} / {b['pages_floor']} / {b[f'pages_{S}']}",
            "floor = 1x",
            verdict(b["pages_1x"] == b["pages_floor"]),
        ),
        (
            f"build 1x real data (median of {args.runs})",
            f"{b['real_1x_s']:.2f} s  [" + ", ".join(f"{r['seconds']:.2f}" for r in b["real_1x_runs"]) + "]",
            "",
            "",
        ),
        (
            "build floor, plain pages, no hook (median)",
            f"{b['floor_s']:.2f} s  [" + ", ".join(f"{r['seconds']:.2f}" for r in b["floor_runs"]) + "]",
            "",
            "",
        ),
        ("ratio real / floor", f"{b['ratio_real_floor']:.2f}", f"<= {BUDGETS['build_ratio']}", verdict(ok_ratio)),
        (f"build {S} synthetic data (1 run)", f"{b[f'real_{S}_s']:.2f} s", "", ""),
        (f"ratio {S} / 1x", f"{b[f'ratio_{S}_1x']:.2f}", f"<= {BUDGETS['scale_ratio']:g}", verdict(ok_scale)),
        (
            f"same ratios on CPU time (real/floor, {S}/1x)",
            f"{b['cpu_ratio_real_floor']:.2f}, {b[f'cpu_ratio_{S}_1x']:.2f}",
            "",
            "",
        ),
        (
            f"time per page 1x / floor / {S}",
            f"{b['per_page_ms_1x']} / {b['per_page_ms_floor']} / {b[f'per_page_ms_{S}']} ms",
            "",
            "",
        ),
        (
            f"peak memory 1x / floor / {S} (max RSS)",
            f"{b['peak_rss_mb_1x']} / {b['peak_rss_mb_floor']} / {b[f'peak_rss_mb_{S}']} MB",
            "",
            "",
        ),
        (
            f"site size on disk 1x / {S}",
            f"{fmt_bytes(b['site_bytes_1x'])} / {fmt_bytes(b[f'site_bytes_{S}'])}",
            "",
            "",
        ),
    ]


def _uncharted_pages_free_of_plotly(fig: dict, S: str) -> tuple[bool, list[str]]:
    visits = (fig["first_visit_1x"], fig[f"first_visit_{S}"])
    ok = all(not v["loads_plotly"] for fv in visits for v in fv.values() if not v["has_chart"])
    return ok, sorted({k for fv in visits for k, v in fv.items() if not v["has_chart"]})


def page_rows(fig: dict, S: str) -> list[tuple[str, str, str, str]]:
    pg = fig["pages"]
    ok_size = pg["project_html_ratio"] <= BUDGETS["page_size_ratio"]
    rows = [
        (f"project page HTML 1x ({pg['project_page'].split('/')[1]})", f"{pg['project_html_bytes_1x']:,} B", "", ""),
        (
            f"project page HTML {S}",
            f"{pg[f'project_html_bytes_{S}']:,} B  (x{pg['project_html_ratio']:.2f})",
            f"<= {BUDGETS['page_size_ratio']} x 1x",
            verdict(ok_size),
        ),
    ]
    for k in ("home", "project list", "issue page"):
        rows.append((f"{k} HTML 1x / {S}", f"{pg['html_bytes_1x'][k]:,} / {pg[f'html_bytes_{S}'][k]:,} B", "", ""))
    for scale in ("1x", S):
        for k, v in fig[f"first_visit_{scale}"].items():
            budget, res = "", ""
            if k == "project page":
                budget = f"<= {BUDGETS['first_visit_project_kb']:g} KB"
                res = verdict(v["gzip_total_bytes"] / KB <= BUDGETS["first_visit_project_kb"])
            plot = "plotly" if v["loads_plotly"] else "no plotly"
            rows.append((f"first visit {k} {scale} (gzip, {plot})", fmt_bytes(v["gzip_total_bytes"]), budget, res))
    no_plotly_ok, uncharted = _uncharted_pages_free_of_plotly(fig, S)
    rows.append(
        (
            "pages without .dx-chart load plotly?",
            ("no" if no_plotly_ok else "YES") + f"  ({', '.join(uncharted)})",
            "no",
            verdict(no_plotly_ok),
        )
    )
    return rows


def browser_visit_rows(fig: dict, S: str) -> list[tuple[str, str, str, str]]:
    if "browser" not in fig:
        return []
    fb = fig["browser"]["first_visit_browser"]
    fvN = fig[f"first_visit_{S}"]
    browser_plotly = [k for k, v in fb.items() if v["loads_plotly"] and not fvN[k]["has_chart"]]
    rows = [
        (
            "  browser check: uncharted pages fetching plotly",
            ", ".join(browser_plotly) or "none",
            "none",
            verdict(not browser_plotly),
        )
    ]
    for k, v in fb.items():
        rows.append(
            (
                f"  browser-observed first visit {k} {S}",
                f"{fmt_bytes(v['gzip_total_bytes'])} ({len(v['requests'])} requests)",
                "",
                "",
            )
        )
    return rows


def search_rows(fig: dict, S: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for scale in ("1x", S):
        s = fig[f"search_{scale}"]
        rows.append(
            (
                f"search index {scale}: site/search/ total",
                f"{fmt_bytes(s['total_bytes'])} ({s['shards']} shards, {s['doc_chunks']} doc chunks)",
                "",
                "",
            )
        )
        rows.append(
            (
                f"search query fetch {scale} (meta+6 shards+1 chunk)",
                f"{fmt_bytes(s['query_bytes'])} (gzip {fmt_bytes(s['query_gzip_bytes'])})",
                "",
                "",
            )
        )
    return rows


def filter_rows(fig: dict, S: str) -> list[tuple[str, str, str, str]]:
    if "browser" not in fig:
        return []
    f = fig["browser"]["filter"]
    nt = f["navigation_ms"]
    return [
        (
            f"filter keystroke {S} ({f['rows']} rows), input handler",
            f"median {f['handler_median_ms']} ms, max {f['handler_max_ms']} ms ({f['keystrokes']} keys)",
            f"< {BUDGETS['filter_ms']:g} ms",
            verdict(f["handler_median_ms"] < BUDGETS["filter_ms"]),
        ),
        (
            "  incl. forced style+layout / to next frame",
            f"{f['with_layout_median_ms']} / {f['to_next_frame_median_ms']} ms (median)",
            "",
            "",
        ),
        (
            f"  project list {S}: HTML / DOMContentLoaded / load",
            f"{nt['response_end_ms']} / {nt['dom_content_loaded_ms']} / {nt['load_event_ms']} ms",
            "",
            "",
        ),
        (f"  project list {S}: until filter ready", f"{f['page_load_s']} s", "", ""),
    ]


def summary_lines(fig: dict, S: str) -> list[tuple[str, str, bool | None]]:
    b, pg = fig["build"], fig["pages"]
    fv1, fvN = fig["first_visit_1x"], fig[f"first_visit_{S}"]
    no_plotly_ok, _ = _uncharted_pages_free_of_plotly(fig, S)
    ok_filter = None
    filter_text = "not measured (--no-browser)"
    if "browser" in fig:
        median = fig["browser"]["filter"]["handler_median_ms"]
        ok_filter = median < BUDGETS["filter_ms"]
        filter_text = f"{median} ms median at {S} (< {BUDGETS['filter_ms']:g})"
    first_visit_kb = max(fv1["project page"]["gzip_total_bytes"], fvN["project page"]["gzip_total_bytes"]) / KB
    return [
        (
            "build ratio real/floor",
            f"{b['ratio_real_floor']:.2f} (<= {BUDGETS['build_ratio']})",
            b["ratio_real_floor"] <= BUDGETS["build_ratio"],
        ),
        (
            f"build ratio {S}/1x",
            f"{b[f'ratio_{S}_1x']:.2f} (<= {BUDGETS['scale_ratio']:g})",
            b[f"ratio_{S}_1x"] <= BUDGETS["scale_ratio"],
        ),
        (
            "project page size",
            f"x{pg['project_html_ratio']:.2f} at {S} (<= {BUDGETS['page_size_ratio']})",
            pg["project_html_ratio"] <= BUDGETS["page_size_ratio"],
        ),
        (
            "first visit project page",
            f"{fvN['project page']['gzip_total_bytes'] / KB:,.1f} KB gzip at {S}, "
            f"{fv1['project page']['gzip_total_bytes'] / KB:,.1f} KB at 1x (<= {BUDGETS['first_visit_project_kb']:g} KB)",
            first_visit_kb <= BUDGETS["first_visit_project_kb"],
        ),
        ("no plotly without charts", "yes" if no_plotly_ok else "no", no_plotly_ok),
        *[
            (
                f"{count} edition(s) vs floor",
                f"{e['ratio_floor']:.2f} (<= {BUDGETS['editions_floor_ratio']}), x{e['ratio_to_one_edition']:.2f} one edition,"
                f" pages x{e['page_size_ratio']:.2f} of one edition's (<= {BUDGETS['page_size_ratio']})",
                e["ratio_floor"] <= BUDGETS["editions_floor_ratio"]
                and e["page_size_ratio"] <= BUDGETS["page_size_ratio"],
            )
            for count, e in fig.get("editions", {}).items()
        ],
        ("filter keystroke", filter_text, ok_filter),
    ]


def print_report(fig: dict, args) -> None:
    """The table of figures with budgets, then the pass/fail summary (also stored in fig)."""
    S = f"{args.scale}x"
    rows: list[tuple[str, str, str, str]] = [("figure", "value", "budget", "result")]
    rows += build_rows(fig, args) + page_rows(fig, S) + browser_visit_rows(fig, S)
    rows += search_rows(fig, S) + filter_rows(fig, S) + editions_rows(fig)
    load0, load1 = fig["machine"]["loadavg_start"][0], fig["machine"]["loadavg_end"][0]
    rows.append(("load average at start / end (cpus)", f"{load0:.1f} / {load1:.1f} ({os.cpu_count()})", "", ""))
    print()
    if max(load0, load1) > (os.cpu_count() or 1):
        print(
            f"NOTE: the machine was busy (load {load0:.1f}/{load1:.1f} on {os.cpu_count()} CPUs): "
            "wall times and browser figures are inflated; CPU-time ratios are steadier."
        )
    print_table(rows)
    print()
    summary = summary_lines(fig, S)
    fig["summary"] = {name: {"value": val, "pass": ok} for name, val, ok in summary}
    if "profile_1x" in fig:
        total = fig["profile_1x"]["whole build"] or 1
        print("Where a 1x build spends its time (cProfile, cumulative; profiling inflates Python-heavy parts):")
        for label, sec in fig["profile_1x"].items():
            print(f"  {label:52} {sec:7.2f} s  {100 * sec / total:5.1f}%")
        print()
    print("Summary")
    for name, val, ok in summary:
        print(f"  {('SKIP' if ok is None else verdict(ok)):4}  {name}: {val}")
    print(f"\n(bench took {fig['bench_seconds']:.0f} s; figures in {OUT_JSON.relative_to(ROOT)})")


if __name__ == "__main__":
    sys.exit(main())
