"""The generator speaks each government's words and fits its hierarchy.

Built from copies of the frozen Sasebo fixture: renamed as another government
would (municipality and every label), and stripped of the optional levels
(areas, steps, themes, phases) as a smaller report would be.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, build_site, copy_data, read_rows, write_rows

# Sasebo's own words (its labels.csv and its name): none may remain once they are renamed.
SASEBO_WORDS = ("佐世保", "DX重点課題", "DX戦略実行計画", "リーディング", "PID", "KPI", "主体部局", "市の評価")
NEW_LABELS = {
    "plan": "架空県総合計画",
    "area": "政策領域",
    "issue": "政策の柱",
    "challenge": "施策項目",
    "step": "実施段取り",
    "project": "事務事業",
    "kpi": "成果目標",
    "indicator": "活動量指標",
    "theme": "横断的な取組",
    "leading": "中核事業",
    "pid": "事業番号",
    "department": "所管課",
    "mark": "進捗の判定",
    "phase": "局面",
}


def _scrub(text: str) -> str:
    """Data text with Sasebo's words replaced, as another government's data would read."""
    for old in SASEBO_WORDS:
        text = text.replace(old, "架空")
    return text


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("renamed")
    data = copy_data(tmp, FIXTURE_DATA)
    for path in sorted(data.glob("*.csv")):
        if path.name == "labels.csv":
            continue
        path.write_text(_scrub(path.read_text(encoding="utf-8-sig")), encoding="utf-8")
    report = read_rows(data, "report")
    report[0].update(municipality="架空県", site_name="架空県 計画の進捗", site_short_name="架空県の進捗")
    write_rows(data, "report", report)
    labels = [
        {"key": k, "label": v, "short": "", "counter": "", "description": f"{v}の説明です。"}
        for k, v in NEW_LABELS.items()
    ]
    write_rows(data, "labels", labels, ["key", "label", "short", "counter", "description"])
    dest = tmp / "site"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stderr
    return dest


def _published_text(site: Path):
    """Every page, data file and script of the site, and the header row of every CSV."""
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".json", ".js", ".xml") and "vendor" not in path.parts:
            yield path, path.read_text(encoding="utf-8")
        elif path.suffix == ".csv":
            yield path, path.read_text(encoding="utf-8-sig").splitlines()[0]


def test_renamed_government_leaves_no_old_name(renamed_site):
    found = [
        f"{path.relative_to(renamed_site)}: {word}"
        for path, text in _published_text(renamed_site)
        for word in SASEBO_WORDS
        if word in text
    ]
    assert not found, found[:20]


def test_renamed_labels_reach_headings_lists_and_files(renamed_site):
    home = (renamed_site / "index.html").read_text(encoding="utf-8")
    assert "架空県 計画の進捗" in home and "政策の柱" in home
    issue = (renamed_site / "issues" / "tourism" / "index.html").read_text(encoding="utf-8")
    for word in ("施策項目1", "成果目標", "事務事業", "事業番号", "所管課", "進捗の判定", "中核事業"):
        assert word in issue, word
    listing = (renamed_site / "projects" / "index.html").read_text(encoding="utf-8")
    assert "事務事業一覧" in listing and "所管課" in listing
    header = (renamed_site / "opendata" / "issues" / "tourism.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "事業番号" in header.split(",")
    rows = list(
        csv.DictReader((renamed_site / "opendata" / "issues" / "tourism.csv").read_text(encoding="utf-8").splitlines())
    )
    assert {r["種別"] for r in rows} == {"成果目標", "活動量指標"}


@pytest.fixture(scope="module")
def flat_site(tmp_path_factory) -> Path:
    """A report with no areas, steps, themes, phases, numbers or leading flags."""
    tmp = tmp_path_factory.mktemp("flat")
    data = copy_data(tmp, FIXTURE_DATA)
    (data / "areas.csv").unlink()
    for table in ("steps", "themes", "project_phases"):
        header = (data / f"{table}.csv").read_text(encoding="utf-8-sig").splitlines()[0]
        (data / f"{table}.csv").write_text(header + "\n", encoding="utf-8")
    issues = read_rows(data, "issues")
    for r in issues:
        r["area_id"] = ""
    write_rows(data, "issues", issues)
    projects = [p for p in read_rows(data, "projects") if p["issue_id"]]
    kept = {p["project_id"] for p in projects}
    for p in projects:
        p.update(step_id="", theme_id="", pid="", leading="")
    write_rows(data, "projects", projects)
    for table in ("project_values",):
        write_rows(data, table, [r for r in read_rows(data, table) if r["project_id"] in kept])
    dest = tmp / "site"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stderr
    return dest


def _pages(site: Path, *globs: str):
    for pattern in globs:
        yield from sorted(site.glob(pattern))


def test_report_without_optional_levels_shows_no_empty_column(flat_site):
    for path in _pages(flat_site, "index.html", "issues/*/index.html", "projects/index.html", "projects/*/index.html"):
        html = path.read_text(encoding="utf-8")
        main = html[html.index("<article") : html.index("</article>")]
        # The markup of a phase, step, number, leading or area column or badge, and the filler text.
        for placeholder in (
            ">記載なし<",
            "dx-phase",
            'data-sort="pid"',
            'data-sort="phase"',
            "dx-leading",
            "dx-step-empty",
            "ステップ1",
            "分野：",
            "年度ごとの段階",
        ):
            assert placeholder not in main, f"{path.relative_to(flat_site)}: {placeholder}"
        assert not re.search(r"<th[^>]*>\s*</th>", main), path
    assert not (flat_site / "areas").exists()
    assert not (flat_site / "themes").exists()


def test_report_without_areas_lists_every_issue_on_the_home_page(flat_site):
    home = (flat_site / "index.html").read_text(encoding="utf-8")
    issues = read_rows(FIXTURE_DATA, "issues")
    for issue in issues:
        assert f'href="issues/{issue["issue_id"]}/"' in home, issue["issue_id"]
