"""Published values of the Sasebo source report, read in the built HTML pages.

tests/fixtures/sasebo-2023/fidelity.csv holds spot values transcribers were sure
of, with the line of the seed text each comes from; expected_pids.txt the
printed PIDs of the source's project list. These tests read them back out of
the pages citizens see (the table under each chart), not out of the CSV.

- In `make test` they run on the frozen fixture: the pages must keep showing
  what the transcription says.
- `make fidelity` (marker `fidelity`, not run by the pull-request check) runs
  them on the live data/ as well, and checks each spot value against its line
  in the seed text (../shared/seeds, or DXREPORT_SEEDS). Live data that staff
  have moved on from the FY2023 report is expected to fail it.
"""

from __future__ import annotations

import csv
import os
import re

import pytest
from conftest import DATA, FIXTURE_DATA, ROOT, SASEBO, read_rows

from dxreport.codes import fiscal_year_label
from dxreport.precision import places_written
from dxreport.render import fmt_number
from dxreport.reserved import element_id

SPOT_VALUES = SASEBO / "fidelity.csv"
EXPECTED_PIDS = SASEBO / "expected_pids.txt"
SEED = "002_806c9a9fd0e00516.txt"  # 佐世保市DX戦略実行計画（令和5年度実績）


def spot_values():
    with open(SPOT_VALUES, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(
    params=[pytest.param("fixture", id="fixture"), pytest.param("live", id="live", marks=pytest.mark.fidelity)]
)
def built(request):
    """(data_dir, site_dir): the frozen fixture, or (make fidelity) the live data."""
    if request.param == "fixture":
        return FIXTURE_DATA, request.getfixturevalue("fixture_site_dir")
    return DATA, request.getfixturevalue("site_dir")


def kpi_issue(data_dir, kpi_id: str) -> str:
    challenges = {r["challenge_id"]: r["issue_id"] for r in read_rows(data_dir, "challenges")}
    return challenges[kpi_id.rsplit("-k", 1)[0]]


def values_table(html: str, anchor_id: str | None) -> str:
    start = html.index(f'id="{element_id("kpi", anchor_id)}"') if anchor_id else 0
    start = html.index('<table class="dx-table dx-values', start)  # and its layout classes
    return html[start : html.index("</table>", start)]


def cell(table: str, year: int, field: str) -> str:
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(fiscal_year_label(year))}</th>(.*?)</tr>", table)
    assert row, f"no row for {year}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    return cells[0 if field == "planned" else 1]


def test_enough_spot_values_from_all_issues():
    values = spot_values()
    assert len(values) >= 30
    issues = {kpi_issue(FIXTURE_DATA, v["id"]) if v["kind"] == "kpi" else v["id"].split("-")[0] for v in values}
    assert {
        "tourism",
        "agriculture",
        "childcare",
        "education",
        "urban",
        "civil",
        "welfare",
        "disaster",
        "counter",
        "diversity",
        "efficiency",
        "workplace",
    } <= issues
    assert {v["field"] for v in values} == {"planned", "actual"}
    assert len({v["fiscal_year"] for v in values}) >= 4


def test_published_values_appear_in_built_pages(built):
    data_dir, site_dir = built
    wrong = []
    for v in spot_values():
        if v["kind"] == "kpi":
            html = (site_dir / "issues" / kpi_issue(data_dir, v["id"]) / "index.html").read_text(encoding="utf-8")
            table = values_table(html, v["id"])
        else:
            html = (site_dir / "projects" / v["id"] / "index.html").read_text(encoding="utf-8")
            table = values_table(html, None)
        shown = cell(table, int(v["fiscal_year"]), v["field"])
        expected = fmt_number(float(v["value"]), places_written(v["value"]))  # 70.0% as printed
        if shown != expected:
            wrong.append(
                f"{v['id']} {v['fiscal_year']} {v['field']}: page shows {shown!r}, "
                f"source (seed line {v['seed_line']}) {expected!r}"
            )
    assert wrong == []


def test_expected_pids_all_present_in_list_page(built):
    _, site_dir = built
    expected = [
        line for line in EXPECTED_PIDS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
    ]
    html = (site_dir / "projects" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('id="dx-project-list"') :]
    cells = re.findall(r"<tr data-issue=[^>]*>\s*<td class=\"dx-cell-pid\"[^>]*>([^<]*)</td>", body)
    printed = [pid for c in cells for pid in c.split(" ")]
    assert printed == expected


def test_text_in_number_cells_is_kept_not_zeroed(built):
    _, site_dir = built
    # 都市1-1-4: the source prints ㈱ゼンリンとの協議継続中 instead of a number
    html = (site_dir / "projects" / "urban-1-1-4" / "index.html").read_text(encoding="utf-8")
    assert "㈱ゼンリンとの協議継続中" in html
    # ペーパーレス度 counts down: its direction is shown
    workplace = (site_dir / "issues" / "workplace" / "index.html").read_text(encoding="utf-8")
    assert "ペーパーレス度" in workplace and "小さいほど良い" in workplace


def _seed_numbers(line: str) -> set[float]:
    """Numbers printed on one line of the seed text (1,020 / 10.2% / ７), as floats."""
    import unicodedata

    text = unicodedata.normalize("NFKC", line)
    return {float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


@pytest.mark.fidelity
def test_spot_values_are_on_their_seed_lines():
    """The transcription itself: each spot value is printed on the seed line it names."""
    seeds = os.environ.get("DXREPORT_SEEDS") or str(ROOT.parent / "shared" / "seeds")
    path = os.path.join(seeds, SEED)
    if not os.path.exists(path):
        pytest.skip(f"seed text not found at {path} (set DXREPORT_SEEDS)")
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    wrong = [
        f"{v['id']} {v['fiscal_year']} {v['field']} {v['value']}: line {v['seed_line']} is {lines[int(v['seed_line']) - 1]!r}"
        for v in spot_values()
        if float(v["value"]) not in _seed_numbers(lines[int(v["seed_line"]) - 1])
    ]
    assert wrong == []
