"""Shared fixtures.

Two kinds of sites are built with the real `mkdocs build --strict` and served
under a sub-path on loopback (as on GitHub Pages):

- `site` (with `site_dir`, `base_url`): the live data in data/. Staff change
  it in ordinary pull requests, so tests on it assert only what holds for any
  valid data (tests/test_live_data.py and the browser checks).
- `fixture_site` (with `fixture_site_dir`, `fixture_base_url`): the frozen
  Sasebo FY2023 snapshot in tests/fixtures/sasebo-2023/data/. Every exact value
  (counts, ids, dates, published numbers) is asserted on this one.

`any_site` runs a test on the live data and on three copies of it with the
changes staff make (a project added, the results year moved on, a project
removed), each built once per session.
"""

from __future__ import annotations

import csv
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SASEBO = FIXTURES / "sasebo-2023"  # frozen snapshot of data/ (2024-03-31) and its expected values
FIXTURE_DATA = SASEBO / "data"
SUBPATH = "sasebo-dx"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT / "src"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_site(
    dest: Path,
    data_dir: Path = DATA,
    site_url: str = "http://127.0.0.1:8000/",
    config: Path | None = None,
    env_extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build --strict` on `data_dir` into `dest` (with mkdocs.yml, or `config`)."""
    env = dict(
        os.environ,
        DXREPORT_DATA_DIR=str(data_dir),
        SITE_URL=site_url,
        NO_MKDOCS_2_WARNING="1",
        PYTHONHASHSEED="0",
        **(env_extra or {}),
    )
    extra = ["-f", str(config)] if config else []
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def copy_data(tmp: Path, source: Path = DATA) -> Path:
    """A copy of a data folder (the live data/ unless `source` says otherwise) to change in a test."""
    target = tmp / "data"
    shutil.copytree(source, target)
    return target


def write_config(tmp: Path, extra: dict[str, str]) -> Path:
    """A copy of mkdocs.yml in `tmp` (paths made absolute) with `extra:` keys replaced by YAML snippets.

    e.g. {"grade_thresholds": "{A: 110, B: 95, C: 85}"}: how a deployer changes a setting."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key in ("docs_dir", "custom_dir"):
        text = re.sub(rf"^(\s*{key}:) (\S+)$", lambda m: f"{m.group(1)} {ROOT / m.group(2)}", text, count=1, flags=re.M)
    text = re.sub(
        r"^(  - )(hooks/\S+|data|src/dxreport)$", lambda m: f"{m.group(1)}{ROOT / m.group(2)}", text, flags=re.M
    )
    for key, value in extra.items():
        # the key and its indented block (grade_thresholds spans several lines)
        text, n = re.subn(rf"^  {key}:.*\n(?:    .*\n)*", f"  {key}: {value}\n", text, count=1, flags=re.M)
        if n == 0:
            text = text.replace("\nextra:\n", f"\nextra:\n  {key}: {value}\n", 1)
    path = tmp / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def read_text_any(path: Path) -> str:
    """A CSV as staff may save it: UTF-8 (with or without BOM) or Excel's CP932."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp932")


def edition_dir(data_dir: Path) -> Path:
    """The folder of a data folder's latest edition (the folder itself when it is one edition)."""
    if (data_dir / "report.csv").exists():
        return data_dir
    years = sorted(p for p in data_dir.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name))
    return years[-1] if years else data_dir


def read_rows(data_dir: Path, table: str) -> list[dict[str, str]]:
    """The rows of data_dir/<table>.csv as written (no validation), blank lines skipped; none when the
    (optional) file is absent. A folder of editions reads its latest edition."""
    data_dir = edition_dir(data_dir)
    if not (data_dir / f"{table}.csv").exists():
        return []
    reader = csv.DictReader(read_text_any(data_dir / f"{table}.csv").splitlines())
    return [r for r in reader if any((v or "").strip() for v in r.values())]


def write_rows(data_dir: Path, table: str, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    data_dir = edition_dir(data_dir)
    fields = fields or list(csv.DictReader(read_text_any(data_dir / f"{table}.csv").splitlines()).fieldnames or [])
    with open(data_dir / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def number(cell: str | None) -> float | None:
    """A number cell as the validator reads it (full width, 1,020); None when blank."""
    text = unicodedata.normalize("NFKC", cell or "").replace(",", "").strip()
    return float(text) if text else None


def year(cell: str | None) -> int:
    """A year cell as the validator reads it (２０２３ is 2023)."""
    value = number(cell)
    assert value is not None, "blank year"
    return int(value)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(root: Path):
    """Serve `root` on a free loopback port: (server, port)."""
    port = free_port()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, port


def _built_and_served(tmp_path_factory, data_dir: Path, name: str):
    root = tmp_path_factory.mktemp(name)
    server, port = _serve(root)
    base = f"http://127.0.0.1:{port}/{SUBPATH}/"
    site_dir = root / SUBPATH
    result = build_site(site_dir, data_dir, site_url=base)
    assert result.returncode == 0, result.stdout + result.stderr
    return server, site_dir, base


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(site_dir, base_url): the live data built under a sub-path, as on GitHub Pages."""
    server, site_dir, base = _built_and_served(tmp_path_factory, DATA, "www")
    yield site_dir, base
    server.shutdown()


@pytest.fixture(scope="session")
def site_dir(site) -> Path:
    return site[0]


@pytest.fixture(scope="session")
def base_url(site) -> str:
    return site[1]


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """(site_dir, base_url): the frozen Sasebo FY2023 fixture, built and served like `site`."""
    server, site_dir, base = _built_and_served(tmp_path_factory, FIXTURE_DATA, "fixture-www")
    yield site_dir, base
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_site_dir(fixture_site) -> Path:
    return fixture_site[0]


@pytest.fixture(scope="session")
def fixture_base_url(fixture_site) -> str:
    return fixture_site[1]


# --- The live data and the changes staff make to it --------------------------------------


def _results_year(data: Path) -> int:
    return year(read_rows(data, "report")[0]["results_fiscal_year"])


def add_project(data: Path) -> str:
    """(a) A new project under the first project's issue, with values and a phase in the results year."""
    results = _results_year(data)
    projects = read_rows(data, "projects")
    model = next((p for p in projects if p["issue_id"]), projects[0])
    new_id = "staff-added-1"
    projects.append(
        dict(
            model,
            project_id=new_id,
            pid="追加1-1-1",
            name="職員が追加したプロジェクト",
            summary="試験のために追加したプロジェクトです。",
            leading="",
            indicator_name="追加した指標",
            indicator_unit="件",
            indicator_direction="増加",
            indicator_cumulative="",
        )
    )
    write_rows(data, "projects", projects)
    values = read_rows(data, "project_values")
    values += [
        {"project_id": new_id, "fiscal_year": str(results), "planned": "4", "actual": "3", "note": ""},
        {"project_id": new_id, "fiscal_year": str(results + 1), "planned": "6", "actual": "", "note": ""},
    ]
    write_rows(data, "project_values", values)
    phases = read_rows(data, "project_phases")
    phases.append({"project_id": new_id, "fiscal_year": str(results), "phase": "構築"})
    write_rows(data, "project_phases", phases)
    return new_id


def move_results_year(data: Path) -> int:
    """(b) The yearly update: the next edition started with `new-edition` (as the staff guide says),
    then filled in: the evaluations and texts written again (here: last year's, as staff would
    rewrite them), that year's actuals where a plan exists, and the edition marked 公開."""
    from dxreport.editions import new_edition

    previous = edition_dir(data)
    moved = _results_year(data) + 1
    new_edition(data, moved)
    folder = data / str(moved)
    for table in ("challenges", "kpis", "issue_texts", "challenge_texts", "project_texts"):
        if (previous / f"{table}.csv").exists():
            shutil.copyfile(previous / f"{table}.csv", folder / f"{table}.csv")
    report = read_rows(data, "report")
    if year(report[0]["plan_end_year"]) < moved:  # the plan itself was extended
        report[0]["plan_end_year"] = str(moved)
    report[0].update(status="公開", published_on=f"{moved + 1}-09")
    write_rows(data, "report", report)
    for table in ("kpi_values", "project_values"):
        rows = read_rows(data, table)
        for r in rows:
            if year(r["fiscal_year"]) == moved and (r["planned"] or "").strip() and not (r["actual"] or "").strip():
                planned = number(r["planned"])
                assert planned is not None
                r["actual"] = str(int(planned * 0.95) if planned >= 20 else planned).removesuffix(".0")
        write_rows(data, table, rows)
    return moved


def remove_project(data: Path) -> str:
    """(c) The first project removed, with its values and phases."""
    projects = read_rows(data, "projects")
    gone = projects[0]["project_id"]
    write_rows(data, "projects", projects[1:])
    for table in ("project_values", "project_phases"):
        write_rows(data, table, [r for r in read_rows(data, table) if r["project_id"] != gone])
    return gone


STAFF_CHANGES = {"added-project": add_project, "next-year": move_results_year, "removed-project": remove_project}


@dataclass(frozen=True)
class Built:
    """A data folder and the site built from it."""

    name: str
    data_dir: Path
    site_dir: Path


@pytest.fixture(scope="session")
def staff_copies(tmp_path_factory) -> dict[str, Built]:
    """The live data with each staff change applied, each built once (lazily, per change)."""

    class Lazy(dict):
        def __missing__(self, name):
            tmp = tmp_path_factory.mktemp(name)
            data = copy_data(tmp)
            STAFF_CHANGES[name](data)
            result = build_site(tmp / "site", data)
            assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"
            self[name] = Built(name, data, tmp / "site")
            return self[name]

    return Lazy()


# The examples shipped beside data/ are live data too (staff of that government edit them).
EXAMPLES = {"example-nagasaki": ROOT / "examples" / "nagasaki"}


@pytest.fixture(scope="session")
def example_sites(tmp_path_factory) -> dict[str, Built]:
    """Each shipped example, built once (lazily)."""

    class Lazy(dict):
        def __missing__(self, name):
            dest = tmp_path_factory.mktemp(name) / "site"
            result = build_site(dest, EXAMPLES[name])
            assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"
            self[name] = Built(name, EXAMPLES[name], dest)
            return self[name]

    return Lazy()


@pytest.fixture(scope="session", params=["live", *STAFF_CHANGES, *EXAMPLES])
def any_site(request, site_dir, staff_copies, example_sites) -> Built:
    """The live data, each staff-changed copy of it and each shipped example: every check holds for all."""
    if request.param == "live":
        return Built("live", DATA, site_dir)
    if request.param in EXAMPLES:
        return example_sites[request.param]
    return staff_copies[request.param]


@pytest.fixture(scope="session")
def pages(site_dir) -> dict[str, str]:
    """Role -> site path: an issue page with charts whose project table links a project page with a chart."""
    from htmlread import read_page

    issues = sorted(read_rows(DATA, "issues"), key=lambda r: int(r["sort_order"]))
    for issue in issues:
        path = site_dir / "issues" / issue["issue_id"] / "index.html"
        if 'class="dx-chart"' not in path.read_text(encoding="utf-8"):
            continue
        for link in read_page(path).links:
            m = re.fullmatch(r"\.\./\.\./(projects/[^/]+/)", link)
            if m and 'class="dx-chart"' in (site_dir / m.group(1) / "index.html").read_text(encoding="utf-8"):
                return {
                    "home": "",
                    "list": "projects/",
                    "issue": f"issues/{issue['issue_id']}/",
                    "project": m.group(1),
                    "downloads": "downloads/",
                    "glossary": "glossary/",
                    "editions": "editions/",
                }
    pytest.fail("no issue page with charts links a project page with a chart")


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


def _new_page(browser, **options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP", **options)
    pg = context.new_page()
    pg.errors = []  # console errors and uncaught exceptions, asserted by tests
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    return context, pg


@pytest.fixture
def strict_page(browser):
    """A page that obeys the site's Content-Security-Policy, as a citizen's browser does."""
    context, pg = _new_page(browser)
    yield pg
    context.close()


@pytest.fixture
def page(browser):
    # Playwright's own helpers (wait_for_function, injected axe) evaluate strings in the page, which the
    # site's policy forbids; the policy itself is tested with `strict_page` (tests/test_csp.py).
    context, pg = _new_page(browser, bypass_csp=True)
    yield pg
    context.close()
