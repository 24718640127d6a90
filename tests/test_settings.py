"""Settings are read in one place with their defaults, and every label that
depends on the data or the settings is worded from them (codes.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT, copy_data, read_rows, write_rows

from dxreport import codes
from dxreport.settings import PLACEHOLDER_SITE_URL, GradeThresholds, Settings, SettingsError


def test_defaults_are_those_documented():
    s = Settings()
    assert (s.data_label, s.nav_issue_limit) == ("data", 30)
    assert (s.grade_thresholds.a, s.grade_thresholds.b, s.grade_thresholds.c) == (100, 90, 80)


def test_mkdocs_extra_and_environment_are_read_once_into_settings(tmp_path):
    extra = {"data_dir": "other", "grade_thresholds": {"A": 120, "B": 100}, "nav_issue_limit": 5}
    s = Settings.from_mkdocs(extra, tmp_path, None, env={})
    assert s.data_dir == tmp_path / "other" and s.data_label == "other"
    assert (s.grade_thresholds.a, s.grade_thresholds.b, s.grade_thresholds.c) == (120, 100, 80)  # C: default
    assert s.nav_issue_limit == 5
    env = {"DXREPORT_DATA_DIR": "/srv/data", "SITE_URL": "https://example.jp/dx/"}
    s = Settings.from_mkdocs({"data_dir": "other"}, tmp_path, None, env=env)
    assert s.data_dir == Path("/srv/data") and s.site_url == "https://example.jp/dx/"
    assert Settings.from_mkdocs({}, tmp_path, "https://a.example/", env={}).site_url == "https://a.example/"


def test_the_placeholder_site_url_is_mkdocs_yml_default_and_not_a_known_address(tmp_path):
    default = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]$', (ROOT / "mkdocs.yml").read_text(), re.M)
    assert default and default.group(1) == PLACEHOLDER_SITE_URL
    assert not Settings.from_mkdocs({}, tmp_path, PLACEHOLDER_SITE_URL, env={}).site_url_known
    assert not Settings.from_mkdocs({}, tmp_path, None, env={}).site_url_known
    assert Settings.from_mkdocs({}, tmp_path, "https://a.example/dx/", env={}).site_url_known


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"grade_thresholds": {"A": 80, "B": 90, "C": 70}}, "A ＞ B ＞ C ＞ 0"),
        ({"grade_thresholds": {"A": 100, "B": 90, "C": 0}}, "A ＞ B ＞ C ＞ 0"),
        ({"grade_thresholds": {"A": "百"}}, "数値"),
        ({"grade_thresholds": {"S": 120}}, "A・B・C"),
        ({"nav_issue_limit": "many"}, "整数"),
        ({"nav_issue_limit": 0}, "1以上"),
    ],
)
def test_bad_settings_are_explained_in_japanese(tmp_path, extra, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_mkdocs(extra, tmp_path, None, env={})


def test_grade_labels_are_worded_from_the_thresholds():
    scale = codes.grade_codes(110, 95, 85.5)
    assert [g.value for g in scale.values()] == list(codes.GRADE_VALUES)
    assert scale["A"].label == "目標を達成（110%以上）"
    assert scale["B"].label == "おおむね達成（95%以上110%未満）"
    assert scale["C"].criterion == "85.5%以上95%未満"
    assert scale["D"].label == "遅れ（85.5%未満）"
    assert [g.css for g in scale.values()] == ["a", "b", "c", "d", "none"]
    assert scale["-"].chart_label == "？（算定不可）" and scale["A"].chart_meta == "grade-a"
    assert GradeThresholds(110, 95, 85.5).grade_for(100) == "B"


def test_headings_are_worded_from_the_report_years():
    vision = codes.ISSUE_TEXT_SECTIONS["到達像"]
    goal = codes.ISSUE_TEXT_SECTIONS["目標総括"]
    assert vision.heading_for(2023, 2027) == "令和9年度の到達像"
    assert vision.heading_for(2024, 2030) == "令和12年度の到達像"
    assert goal.heading_for(2024, 2027) == "令和6年度の目標（総括）"
    assert goal.heading_for() == "実績の年度の目標（総括）"  # the column guide, for any data
    assert codes.CHALLENGE_TEXT_SECTIONS["目標"].heading_for(2019, 2027) == "令和元年度の目標"


def test_a_longer_plan_rewords_the_vision_heading_on_every_issue_page(tmp_path):
    from dxreport.model import load_report
    from dxreport.render import render_site

    data = copy_data(tmp_path, FIXTURE_DATA)
    report = read_rows(data, "report")
    report[0]["plan_end_year"] = "2030"
    write_rows(data, "report", report)
    site = render_site(load_report(data))
    issue_pages = [uri for uri in site.pages if uri.startswith("issues/")]
    texts = {uri: site.pages[uri] for uri in issue_pages}
    with_vision = [uri for uri, t in texts.items() if 'id="vision"' in t]
    assert with_vision
    for uri in with_vision:
        assert '<h2 id="vision">令和12年度の到達像</h2>' in texts[uri] and "令和9年度の到達像" not in texts[uri]


def test_each_display_concept_is_written_in_codes_only():
    """Grades, marks and phases are looked up in codes.py, not spelled out again elsewhere."""
    repeated = re.compile(r"""'none' if|"none" if|GRADE_(LABELS|SHORT|SYMBOL)|%以上|\[['"]A['"], ?['"]B['"]""")
    files = [p for p in (ROOT / "src" / "dxreport").rglob("*") if p.suffix in (".py", ".j2") and p.name != "codes.py"]
    files += list((ROOT / "hooks").glob("*.py")) + list((ROOT / "docs" / "assets" / "js").glob("*.js"))
    offenders = [
        f"{p.relative_to(ROOT)}: {m.group(0)}" for p in files for m in repeated.finditer(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
