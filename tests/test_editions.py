"""Yearly editions, as staff do the update: `new-edition`, a draft that builds but cannot be
published, the filled edition, and the site with both editions.

Built from a copy of the live data, so it also proves the live data can take next year's update.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, SUBPATH, _serve, build_site, copy_data, read_rows, write_rows, year

from dxreport.codes import edition_label

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dxreport", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _first_delayed_target(data: Path, results: int) -> tuple[str, int, str]:
    """A KPI with a target after the results year: (kpi_id, year, planned) to revise."""
    for r in read_rows(data, "kpi_values"):
        if year(r["fiscal_year"]) == results + 2 and r["planned"]:
            return r["kpi_id"], results + 2, r["planned"]
    raise AssertionError("no later target in the live data")


@pytest.fixture(scope="module")
def update(tmp_path_factory):
    """The live data after the yearly update, step by step; what each step printed is kept."""
    tmp = tmp_path_factory.mktemp("editions")
    data = copy_data(tmp)
    first = year(read_rows(data, "report")[0]["results_fiscal_year"])
    nxt = first + 1
    steps: dict = {"first": first, "next": nxt, "data": data}
    steps["new_edition"] = run_cli("new-edition", str(nxt), "--data", str(data))
    steps["draft_check"] = run_cli("check", str(data))
    steps["draft_publish"] = run_cli("check", "--publish", str(data))
    draft_site = tmp / "draft-site"
    steps["draft_build"] = build_site(draft_site, data)
    steps["draft_site"] = draft_site

    # Staff fill the edition: marks, a revised target, the actuals, a project ended and one added.
    challenges = read_rows(data, "challenges")
    previous_marks = {r["challenge_id"]: r["progress_mark"] for r in read_rows(data / str(first), "challenges")}
    for r in challenges:
        r["progress_mark"] = previous_marks[r["challenge_id"]] or "予定どおり"
    flipped = next(r for r in challenges if previous_marks[r["challenge_id"]] == "予定どおり")
    flipped["progress_mark"] = "遅れている"
    write_rows(data, "challenges", challenges)
    kpi_id, target_year, old_target = _first_delayed_target(data, nxt)
    values = read_rows(data, "kpi_values")
    for r in values:
        if r["kpi_id"] == kpi_id and year(r["fiscal_year"]) == target_year:
            r["planned"] = str(int(float(old_target)) + 7)
        if year(r["fiscal_year"]) == nxt and r["planned"] and not r["actual"]:
            r["actual"] = r["planned"]
    write_rows(data, "kpi_values", values)
    project_values = read_rows(data, "project_values")
    for r in project_values:
        if year(r["fiscal_year"]) == nxt and r["planned"] and not r["actual"]:
            r["actual"] = r["planned"]
    projects = read_rows(data, "projects")
    ended = projects.pop()
    write_rows(data, "projects", projects)
    write_rows(data, "project_values", [r for r in project_values if r["project_id"] != ended["project_id"]])
    write_rows(
        data, "project_phases", [r for r in read_rows(data, "project_phases") if r["project_id"] != ended["project_id"]]
    )
    report = read_rows(data, "report")
    report[0].update(status="公開", published_on=f"{nxt + 1}-09")
    write_rows(data, "report", report)
    steps.update(flipped=flipped, revised=(kpi_id, target_year, old_target), ended=ended)
    steps["final_publish"] = run_cli("check", "--publish", str(data))

    root = tmp / "www"
    root.mkdir()
    server, port = _serve(root)
    site = root / SUBPATH
    steps["final_build"] = build_site(site, data, site_url=f"http://127.0.0.1:{port}/{SUBPATH}/")
    steps.update(site=site, base=f"http://127.0.0.1:{port}/{SUBPATH}/")
    yield steps
    server.shutdown()


def test_new_edition_starts_a_draft_and_says_what_to_do_in_japanese(update):
    result, nxt = update["new_edition"], update["next"]
    assert result.returncode == 0, result.stdout
    assert "新しい版を作りました" in result.stdout and "次にすること" in result.stdout
    data = update["data"]
    assert (data / str(update["first"]) / "projects.csv").exists()  # the old edition moved into its folder
    assert (data / "published.lock.json").exists()
    # Again for the same year: refused with a reason, nothing overwritten.
    again = run_cli("new-edition", str(nxt), "--data", str(data))
    assert again.returncode == 1 and "作れませんでした" in again.stdout


def test_a_draft_builds_lists_what_is_unfilled_and_cannot_be_published(update):
    check = update["draft_check"]
    assert check.returncode == 0, check.stdout
    draft = f"{update['data'].as_posix()}/{update['next']}/challenges.csv"
    assert f"[注意] {draft}" in check.stdout and "進捗がまだ空欄です" in check.stdout
    assert "実績評価" in check.stdout  # a yearly text section to write again
    publish = update["draft_publish"]
    assert publish.returncode == 1 and "下書きの版があるため、公開できません" in publish.stdout
    assert update["draft_build"].returncode == 0, update["draft_build"].stderr
    home = (update["draft_site"] / "index.html").read_text(encoding="utf-8")
    assert "下書き（未公開）" in home


def test_the_filled_edition_can_be_published(update):
    assert update["final_publish"].returncode == 0, update["final_publish"].stdout
    assert update["final_build"].returncode == 0, update["final_build"].stderr


def test_changes_page_and_pages_show_what_changed(update):
    site, flipped, ended = update["site"], update["flipped"], update["ended"]
    kpi_id, target_year, old_target = update["revised"]
    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    assert flipped["title"] in changes and "見直された目標" in changes
    assert ended["name"] in changes and "この版にはない" in changes
    issue = (site / f"issues/{flipped['issue_id']}/index.html").read_text(encoding="utf-8")
    assert 'id="changes"' in issue and "予定どおり" in issue and "遅れている" in issue
    # The chart of the revised KPI also draws the previous edition's plan.
    owner = next(r for r in read_rows(update["data"], "kpis") if r["kpi_id"] == kpi_id)
    page = (site / f"issues/{owner['challenge_id'].rsplit('-c', 1)[0]}/index.html").read_text(encoding="utf-8")
    chart = re.search(rf'id="chart-kpi-{re.escape(kpi_id)}" data-figure="([^"]+)"', page)
    assert chart, kpi_id
    figure = json.loads(chart.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&amp;", "&"))
    previous = [t for t in figure["data"] if t["meta"] == "previous-plan"]
    assert previous and float(old_target) in previous[0]["y"]


def test_every_edition_has_permanent_pages_and_the_shared_list(update):
    site, first, nxt = update["site"], update["first"], update["next"]
    listing = json.loads((site / "editions/editions.json").read_text(encoding="utf-8"))
    assert listing["latest"] == nxt and [e["year"] for e in listing["editions"]] == [nxt, first]
    assert (site / f"editions/{first}/issues").is_dir() and (site / f"editions/{nxt}/changes/index.html").exists()
    # The ended project keeps its page in the edition that had it, and has none in the new one.
    assert (site / f"editions/{first}/projects/{update['ended']['project_id']}/index.html").exists()
    assert not (site / f"projects/{update['ended']['project_id']}").exists()
    index = (site / "editions/index.html").read_text(encoding="utf-8")
    assert f'href="{first}/"' in index and "（最新）" in index


def test_a_change_to_a_published_edition_is_an_error_naming_the_value(update, tmp_path):
    data = copy_data(tmp_path, update["data"])
    old = data / str(update["first"])
    rows = read_rows(old, "kpi_values")
    target = next(r for r in rows if r["actual"])
    published = target["actual"]
    target["actual"] = str(float(published) + 1).removesuffix(".0")
    write_rows(old, "kpi_values", rows)
    result = run_cli("check", str(data))
    assert result.returncode == 1
    assert f"{update['first']}/kpi_values.csv" in result.stdout and "公開済みの版の値が変わっています" in result.stdout
    assert f"公開した値：「{published.removesuffix('.0')}」" in result.stdout
    assert build_site(tmp_path / "site", data).returncode != 0  # nothing reaches the site


def test_workbook_has_a_sheet_per_table_numbers_as_numbers_and_an_explanation(update):
    site, nxt = update["site"], update["next"]
    raw = (site / f"opendata/all/report-{nxt}.xlsx").read_bytes()
    assert raw == (site / f"editions/{nxt}/opendata/all/report-{nxt}.xlsx").read_bytes()
    sheets = pd.read_excel(io.BytesIO(raw), sheet_name=None)
    about = sheets.pop(next(iter(sheets)))
    text = " ".join(str(v) for v in about.to_numpy().ravel())
    assert "利用規約" in text and edition_label(nxt) in text
    values = next(v for k, v in sheets.items() if k.startswith("kpi_values"))
    planned = next(c for c in values.columns if c.endswith("（planned）"))
    assert pd.api.types.is_numeric_dtype(values[planned])
    assert len(values) == len(read_rows(update["data"], "kpi_values"))


@pytest.mark.browser
def test_archived_page_says_so_and_the_switcher_keeps_the_page(update, browser):
    base, first, issue = update["base"], update["first"], update["flipped"]["issue_id"]
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 800}, locale="ja-JP")
    page = context.new_page()
    page.goto(base + f"editions/{first}/issues/{issue}/")
    banner = page.locator(".dx-edition-banner")
    banner.wait_for()
    assert "この版は最新ではありません" in banner.inner_text()
    banner.locator("a").click()
    page.wait_for_url(re.compile(rf"/{SUBPATH}/issues/{issue}/$"))
    # The latest edition's page (instant navigation swaps the content just after the address).
    page.wait_for_selector(f".dx-edition[data-edition='{update['next']}'] select")
    assert page.locator(".dx-edition-banner").count() == 0
    select = page.locator(".dx-edition select")
    select.wait_for()
    assert select.locator("option").count() == 2
    select.select_option(index=1)
    page.locator(".dx-edition__go").click()
    page.wait_for_url(re.compile(rf"/editions/{first}/issues/{issue}/$"))
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})).violations.map(v => v.id)""")
    assert violations == []
    context.close()
    # Without JavaScript: the plain link to the list of editions, and no banner.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + f"editions/{first}/issues/{issue}/")
    link = page.locator(".dx-edition a")
    assert link.inner_text() == "ほかの年度の版"
    assert link.evaluate("a => a.href") == base + "editions/"
    assert page.locator(".dx-edition-banner").count() == 0
    context.close()
