"""Beside each indicator: who reports it, how current its numbers are, how often and when next they
are updated, and only what the data says (kpis.csv, report.csv)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from conftest import FIXTURE_DATA, copy_data

from dxreport.model import load_report
from dxreport.render import render_site


def _facts(html: str, anchor: str) -> dict[str, str]:
    """The facts line under the heading with id `anchor` (an indicator's, or a project's 指標)."""
    start = html.index(f'id="{anchor}"')
    block = re.search(r'<dl class="dx-facts dx-kpi-facts">(.*?)</dl>', html[start:], re.S)
    end = html.find("<h", start + 1)
    if block is None or (end != -1 and start + block.start() > end):
        return {}
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block.group(1)))


def _set(path: Path, column: str, values: dict[str, str], key: str | None = None) -> None:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = list(reader.fieldnames or []), list(reader)
    for r in rows:
        r[column] = values.get(r[key], "") if key else values["*"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header + [column] * (column not in header), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_a_project_indicator_names_its_department_and_its_latest_year():
    site = render_site(load_report(FIXTURE_DATA))
    project = _facts(site.pages["projects/tourism-1-1-4.md"], "indicator")
    assert project == {"担当": "観光商工部", "最新の実績": "令和5年度（2023年度）"}
    # A challenge's indicator has no department in the report: none is made up.
    challenge = _facts(site.pages["issues/tourism.md"], "kpi-tourism-c1-k1")
    assert challenge == {"最新の実績": "令和5年度（2023年度）"}


def test_update_words_come_from_the_indicator_else_from_the_report(tmp_path):
    data = copy_data(tmp_path, FIXTURE_DATA)
    _set(data / "report.csv", "update_cycle", {"*": "毎年度"})
    _set(data / "report.csv", "next_update", {"*": "令和7年9月"})
    _set(data / "kpis.csv", "owner", {"tourism-c1-k1": "観光課 <b>データ係</b>"}, key="kpi_id")
    _set(data / "kpis.csv", "next_update", {"tourism-c1-k2": "令和7年3月"}, key="kpi_id")
    html = render_site(load_report(data)).pages["issues/tourism.md"]
    assert _facts(html, "kpi-tourism-c1-k1") == {
        "担当": "観光課 &lt;b&gt;データ係&lt;/b&gt;",
        "最新の実績": "令和5年度（2023年度）",
        "更新の頻度": "毎年度",
        "次の更新予定": "令和7年9月",
    }
    assert _facts(html, "kpi-tourism-c1-k2")["次の更新予定"] == "令和7年3月"
