"""Published values of the source report, read in the built HTML pages.

tests/fixtures/fidelity.csv holds spot values transcribers were sure of, with
the line of the seed text each comes from; this test reads them back out of
the pages citizens see (the table under each chart), not out of the CSV."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from conftest import DATA
from dxreport.codes import fiscal_year_label
from dxreport.render import fmt_number

FIXTURE = Path(__file__).with_name("fixtures") / "fidelity.csv"


def spot_values():
    with open(FIXTURE, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kpi_issue(kpi_id: str) -> str:
    with open(DATA / "challenges.csv", encoding="utf-8", newline="") as f:
        challenges = {r["challenge_id"]: r["issue_id"] for r in csv.DictReader(f)}
    return challenges[kpi_id.rsplit("-k", 1)[0]]


def values_table(html: str, anchor_id: str | None) -> str:
    start = html.index(f'id="{anchor_id}"') if anchor_id else 0
    start = html.index('<table class="dx-table dx-values">', start)
    return html[start:html.index("</table>", start)]


def cell(table: str, year: int, field: str) -> str:
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(fiscal_year_label(year))}</th>(.*?)</tr>", table)
    assert row, f"no row for {year}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    return cells[0 if field == "planned" else 1]


def test_enough_spot_values_from_all_issues():
    values = spot_values()
    assert len(values) >= 30
    issues = {kpi_issue(v["id"]) if v["kind"] == "kpi" else v["id"].split("-")[0] for v in values}
    assert {"tourism", "agriculture", "childcare", "education", "urban", "civil", "welfare", "disaster",
            "counter", "diversity", "efficiency", "workplace"} <= issues
    assert {v["field"] for v in values} == {"planned", "actual"}
    assert len({v["fiscal_year"] for v in values}) >= 4


def test_published_values_appear_in_built_pages(site_dir):
    wrong = []
    for v in spot_values():
        if v["kind"] == "kpi":
            html = (site_dir / "issues" / kpi_issue(v["id"]) / "index.html").read_text(encoding="utf-8")
            table = values_table(html, v["id"])
        else:
            html = (site_dir / "projects" / v["id"] / "index.html").read_text(encoding="utf-8")
            table = values_table(html, None)
        shown = cell(table, int(v["fiscal_year"]), v["field"])
        expected = fmt_number(float(v["value"]))
        if shown != expected:
            wrong.append(f"{v['id']} {v['fiscal_year']} {v['field']}: page shows {shown!r}, source (seed line {v['seed_line']}) {expected!r}")
    assert wrong == []


def test_text_in_number_cells_is_kept_not_zeroed(site_dir):
    # 都市1-1-4: the source prints ㈱ゼンリンとの協議継続中 instead of a number
    html = (site_dir / "projects" / "urban-1-1-4" / "index.html").read_text(encoding="utf-8")
    assert "㈱ゼンリンとの協議継続中" in html
    # ペーパーレス度 counts down: its direction is shown
    workplace = (site_dir / "issues" / "workplace" / "index.html").read_text(encoding="utf-8")
    assert "ペーパーレス度" in workplace and "小さいほど良い" in workplace
