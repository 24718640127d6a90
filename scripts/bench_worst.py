"""The largest data `check` passes, built: time, memory and sizes against the budget (issue #25).

    python scripts/bench_worst.py [--keep]

Two generated worst cases, each just inside the limits of dxreport.editions (MAX_DATA_BYTES,
MAX_PAGES) and dxreport.csvio (cell length):
- pages: the live data scaled up to just under MAX_PAGES, then filled with long texts up to just
  under MAX_DATA_BYTES (the most pages, each as long as the rest allows);
- one page: the live data with one priority issue carrying texts up to MAX_DATA_BYTES (the
  longest page, and the most text for the search index).
Each must pass `check`, then builds with mkdocs; the figures are printed with the budget
(10 minutes and 2 GB on the 2-core build machine). Not a test: it takes minutes.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import synth  # noqa: E402

from dxreport.csvio import MAX_CELL_CHARS  # noqa: E402
from dxreport.editions import MAX_DATA_BYTES, MAX_PAGES  # noqa: E402

BUDGET_SECONDS = 600
BUDGET_BYTES = 2 * 1024**3
WORK = ROOT / "build" / "bench-worst"
# A paragraph of real-looking Japanese, repeated to the cell limit (the readings analyser and the
# bigram index see ordinary text, not one repeated character).
SENTENCE = (
    "市民の利便性の向上と行政事務の効率化を図るため、オンライン申請の対象手続を拡大し、窓口の待ち時間を短縮します。"
)


def data_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.csv"))


def fill_texts(folder: Path, issue_ids: list[str], budget: int) -> None:
    """Append issue texts of MAX_CELL_CHARS characters, round-robin over issue_ids, until the data
    folder is within one cell of `budget` bytes."""
    path = folder / "issue_texts.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    cell = (SENTENCE * (MAX_CELL_CHARS // len(SENTENCE) + 1))[: MAX_CELL_CHARS - 10]
    row_bytes = len(cell.encode()) + 40
    free = budget - data_bytes(folder)
    rows = max(0, free // row_bytes - 1)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for n in range(rows):
            values = {
                "issue_id": issue_ids[n % len(issue_ids)],
                "section": "進捗分析",
                "seq": str(1000 + n),
                "text": cell,
            }
            writer.writerow([values.get(h, "") for h in header])


def issue_ids(folder: Path) -> list[str]:
    _, rows = synth.read_table(folder / "issues.csv")
    return [r["issue_id"] for r in rows]


def pages_case(out: Path) -> Path:
    source = synth.latest_edition(ROOT / "data")
    per_copy = sum(len(synth.read_table(source / f"{t}.csv")[1]) for t in ("issues", "projects", "areas"))
    scale = MAX_PAGES // (2 * per_copy)
    synth.synthesise(ROOT / "data", out, scale)
    fill_texts(out, issue_ids(out), MAX_DATA_BYTES - 64 * 1024)
    return out


def one_page_case(out: Path) -> Path:
    shutil.copytree(synth.latest_edition(ROOT / "data"), out)
    fill_texts(out, issue_ids(out)[:1], MAX_DATA_BYTES - 64 * 1024)
    return out


def measure(name: str, data: Path) -> dict:
    check = subprocess.run([sys.executable, "-m", "dxreport", "check", str(data)], capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit(f"bench_worst: the {name} case does not pass check:\n{check.stdout[-3000:]}")
    site = WORK / f"site-{name}"
    env = dict(os.environ, DXREPORT_DATA_DIR=str(data), NO_MKDOCS_2_WARNING="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    build = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mkdocs"), "build", "-q", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if build.returncode != 0:
        raise SystemExit(f"bench_worst: the {name} case passed check but did not build:\n{build.stderr[-3000:]}")
    files = [p for p in site.rglob("*") if p.is_file()]
    search = [p for p in files if "search" in p.relative_to(site).parts[:1]]
    return {
        "name": name,
        "data_mb": data_bytes(data) / 1024**2,
        "pages": sum(1 for p in files if p.suffix == ".html"),
        "seconds": seconds,
        # ru_maxrss of children is the largest child so far: the build is the largest one here.
        "peak_mb": max(peak_kb, before) / 1024,
        "site_mb": sum(p.stat().st_size for p in files) / 1024**2,
        "largest_page_kb": max(p.stat().st_size for p in files if p.suffix == ".html") / 1024,
        "largest_search_kb": max(p.stat().st_size for p in search) / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="keep build/bench-worst/")
    args = parser.parse_args(argv)
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    results = [
        measure("one-page", one_page_case(WORK / "data-one-page")),
        measure("pages", pages_case(WORK / "data-pages")),
    ]
    print(f"limits: data {MAX_DATA_BYTES // 1024**2} MB, {MAX_PAGES:,} pages; budget {BUDGET_SECONDS} s, 2 GB")
    print("| case | data | pages | build | peak memory | site | largest page | largest search file | budget |")
    print("|---|---|---|---|---|---|---|---|---|")
    ok = True
    for r in results:
        within = r["seconds"] <= BUDGET_SECONDS and r["peak_mb"] * 1024**2 <= BUDGET_BYTES
        ok &= within
        print(
            f"| {r['name']} | {r['data_mb']:.1f} MB | {r['pages']:,} | {r['seconds']:.0f} s | {r['peak_mb']:.0f} MB "
            f"| {r['site_mb']:.0f} MB | {r['largest_page_kb']:.0f} KB | {r['largest_search_kb']:.0f} KB "
            f"| {'ok' if within else 'OVER'} |"
        )
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
