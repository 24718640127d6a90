"""The build machinery: failure on bad data, escaping of CSV text, byte-identical
output from Excel's CP932/CRLF twin of the data, the sidebar switch to area
pages, and settings from mkdocs.yml reaching every page.

All of it works on the frozen fixture (tests/fixtures/sasebo-2023) or copies
of it, whose rows are known; the live data is checked in test_live_data.py."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from html import unescape as html_unescape

from conftest import FIXTURE_DATA, ROOT, build_site, copy_data, edition_dir, read_rows, write_config, write_rows
from htmlread import read_page


def test_bad_data_stops_the_build_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path, FIXTURE_DATA)
    kpis = (data / "kpis.csv").read_text(encoding="utf-8")
    (data / "kpis.csv").write_text(
        kpis.replace("tourism-c1-k1,tourism-c1,", "tourism-c1-k1,tourism-c9,", 1), encoding="utf-8"
    )
    areas = (data / "areas.csv").read_text(encoding="utf-8")
    (data / "areas.csv").write_text(areas + "gyosei,重複,3\n", encoding="utf-8")
    kv = (data / "kpi_values.csv").read_text(encoding="utf-8")
    (data / "kpi_values.csv").write_text(
        kv.replace("tourism-c1-k1,2023,5,7,", "tourism-c1-k1,2023,5,7件,", 1), encoding="utf-8"
    )
    dest = tmp_path / "out"
    result = build_site(dest, data)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "kpis.csv 2行目 「challenge_id」列" in output
    assert "areas.csv 4行目 「area_id」列" in output
    assert "kpi_values.csv 2行目 「actual」列" in output and "「7件」" in output
    assert not dest.exists() or not any(dest.iterdir())


HOSTILE = "<script>alert(\"x\")</script> **太字** [罠](javascript:alert(1)) {#x} & '引用'"


def test_text_from_csv_is_escaped_everywhere(tmp_path):
    data = copy_data(tmp_path, FIXTURE_DATA)
    path = data / "projects.csv"
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, table = reader.fieldnames, list(reader)
    table[0]["name"] = HOSTILE
    table[0]["summary"] = HOSTILE
    table[0]["indicator_name"] = HOSTILE
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(table)
    issues = data / "issues.csv"
    issues.write_text(issues.read_text(encoding="utf-8").replace(",観光,", ",<b>観光</b>&,", 1), encoding="utf-8")
    report = data / "report.csv"
    report.write_text(
        report.read_text(encoding="utf-8").replace(",佐世保市DX戦略実行計画（令和5年度実績）,", ",<i>報告書</i>,", 1),
        encoding="utf-8",
    )
    meta = read_rows(data, "report")
    meta[0].update(contact="<b>窓口</b>&", contact_url='https://example.jp/?a=1&b="><script>x</script>')
    write_rows(data, "report", meta)
    dest = tmp_path / "out"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (dest / "index.html").read_text(encoding="utf-8")
    contact = '<a href="https://example.jp/?a=1&amp;b=&#34;&gt;&lt;script&gt;x&lt;/script&gt;">&lt;b&gt;窓口&lt;/b&gt;&amp;</a>'
    assert f"お問い合わせ：{contact}" in home  # the footer of every page
    assert "<b>観光</b>" not in home and "&lt;b&gt;観光&lt;/b&gt;&amp;" in home  # the sidebar too
    assert "<i>報告書</i>" not in home and "&lt;i&gt;報告書&lt;/i&gt;" in home  # header line and footer
    pid = table[0]["project_id"]
    for page in (f"projects/{pid}/index.html", "projects/index.html", f"issues/{table[0]['issue_id']}/index.html"):
        html = (dest / page).read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, page
        assert "javascript:alert" not in html.replace("[罠](javascript:alert(1))", ""), page
        assert "&lt;script&gt;" in html, page
    project_html = (dest / f"projects/{pid}/index.html").read_text(encoding="utf-8")
    assert "<strong>太字</strong>" not in project_html
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", project_html).group(1)
    assert html_unescape(h1) == HOSTILE  # shown exactly as written, not as markup
    records = json.loads((dest / f"opendata/projects/{pid}.json").read_text(encoding="utf-8"))
    assert all(r["名称"] == HOSTILE for r in records)
    with open(dest / f"opendata/projects/{pid}.csv", encoding="utf-8", newline="") as f:
        assert all(r["名称"] == HOSTILE for r in csv.DictReader(f))


def test_excel_cp932_crlf_twin_builds_byte_identical_site(tmp_path, fixture_site, fixture_site_dir):
    """The same data saved by Windows Excel (Shift_JIS, CRLF) gives the same site, byte for byte;
    this also proves builds are reproducible (no timestamps, no random ids)."""
    site, site_dir = fixture_site, fixture_site_dir
    data = copy_data(tmp_path, FIXTURE_DATA)
    for csv_path in data.glob("*.csv"):
        text = csv_path.read_text(encoding="utf-8")
        csv_path.write_bytes(text.replace("\n", "\r\n").encode("cp932"))
    dest = tmp_path / "twin"
    result = build_site(dest, data, site_url=site[1])
    assert result.returncode == 0, result.stdout + result.stderr
    ours = {p.relative_to(site_dir): p.read_bytes() for p in site_dir.rglob("*") if p.is_file()}
    twin = {p.relative_to(dest): p.read_bytes() for p in dest.rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(twin)
    different = [str(k) for k in ours if ours[k] != twin[k]]
    assert different == []


def test_large_plans_move_issues_from_the_sidebar_to_area_pages():
    """Every page carries the sidebar: past nav_issue_limit issues it links area pages instead."""
    from dxreport.model import load_report
    from dxreport.render import render_site, site_nav
    from dxreport.settings import Settings

    report = load_report(FIXTURE_DATA)
    small = Settings(nav_issue_limit=len(report.issues) - 1)
    nav = site_nav(report, small)
    for area_id, area_name, _ in report.areas:
        assert {f"{report.terms['issue']}（{area_name}）": f"areas/{area_id}.md"} in nav
    pages = render_site(report, small).pages
    assert all(f"areas/{area_id}.md" in pages for area_id, _, _ in report.areas)
    roomy = Settings(nav_issue_limit=len(report.issues))
    assert not any(uri.startswith("areas/") for uri in render_site(report, roomy).pages)
    assert not any(f"areas/{a}.md" in str(site_nav(report, roomy)) for a, _, _ in report.areas)


def test_many_areas_and_long_names_keep_the_sidebar_small(tmp_path):
    """400 areas with 1,000-character names once gave a 1.1 GB site: past nav_area_limit the sidebar
    links one page listing the areas, and a sidebar title is cut (the page shows it whole)."""
    from dxreport.model import load_report
    from dxreport.render import NAV_TITLE_CHARS, render_site, site_nav
    from dxreport.settings import Settings

    data = copy_data(tmp_path, FIXTURE_DATA)
    folder = edition_dir(data)
    rows = read_rows(folder, "areas")
    rows[0]["name"] = "長" * 1000
    write_rows(folder, "areas", rows)
    report = load_report(folder)
    few = Settings(nav_area_limit=len(report.areas) - 1)
    nav = site_nav(report, few)
    assert [entry for entry in nav if "areas/" in str(entry)] == [
        {f"{report.terms['issue']}（{report.terms['area']}ごと）": "areas/index.md"}
    ]
    pages = render_site(report, few).pages
    assert "長" * 1000 in pages["areas/index.md"] and all(f"areas/{a}.md" in pages for a, _, _ in report.areas)
    titles = [next(iter(e)) for e in site_nav(report, Settings())]
    assert max(len(t) for t in titles) == NAV_TITLE_CHARS and any(t.endswith("…") for t in titles)


def _grade_ranges(site_dir) -> dict[str, set[str]]:
    """Page -> the grade ranges it words (「90%以上100%未満」 and the like)."""
    found = {}
    for path in sorted(site_dir.rglob("*.html")):
        hits = set(re.findall(r"\d+(?:\.\d+)?%(?:以上(?:\d+(?:\.\d+)?%未満)?|未満)", path.read_text(encoding="utf-8")))
        if hits:
            found[str(path.relative_to(site_dir))] = hits
    return found


def test_grade_thresholds_in_mkdocs_yml_reword_every_page(tmp_path, fixture_site_dir):
    """A deployer's grade_thresholds reach the grades, the legend, the list filter and the method page."""
    config = write_config(tmp_path, {"grade_thresholds": "{A: 110, B: 95, C: 85.5}"})
    dest = tmp_path / "site"
    result = build_site(dest, FIXTURE_DATA, config=config)
    assert result.returncode == 0, result.stdout + result.stderr
    before, after = _grade_ranges(fixture_site_dir), _grade_ranges(dest)
    assert len(before) > 100 and set(before) == set(after)  # the legend is on every generated page
    for page, ranges in after.items():
        assert ranges <= {"110%以上", "95%以上110%未満", "85.5%以上95%未満", "85.5%未満"}, (page, ranges)
    method = read_page(dest / "method" / "index.html")
    table = next(t for t in method.tables if t.caption == "達成度の区分")
    assert [r[2] for r in table.rows[:4]] == ["110%以上", "95%以上110%未満", "85.5%以上95%未満", "85.5%未満"]
    assert "目標を達成（110%以上）" in method.labels + [c for r in table.rows for c in r]

    # the grades themselves follow: with a higher bar, fewer indicators reach A
    def count_a(site):
        return sum(
            r[5].startswith("A ")
            for r in read_page(site / "projects" / "index.html").tables_with("dx-project-list")[0].rows
        )

    assert count_a(dest) < count_a(fixture_site_dir)


def test_bad_settings_stop_the_build_with_a_japanese_message(tmp_path):
    config = write_config(tmp_path, {"grade_thresholds": "{A: 80, B: 90, C: 70}"})
    result = build_site(tmp_path / "site", FIXTURE_DATA, config=config)
    assert result.returncode != 0
    assert "mkdocs.yml の設定に誤りがあります" in result.stdout + result.stderr
    assert "A ＞ B ＞ C ＞ 0" in result.stdout + result.stderr


def test_without_site_url_the_build_says_so_and_no_page_names_the_placeholder(tmp_path):
    """`make site` without SITE_URL: a strict build that passes, a notice for the builder, and no page
    that prints (or links as canonical) the builder's own localhost address."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env.update(DXREPORT_DATA_DIR=str(FIXTURE_DATA), NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    dest = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "公開先のURL（SITE_URL）が設定されていない" in result.stdout + result.stderr
    pages = sorted(dest.rglob("*.html"))
    assert len(pages) > 10
    # No file at all names the placeholder: pages, open data, search index (a sitemap would list it).
    texts = [
        p for p in sorted(dest.rglob("*")) if p.is_file() and p.suffix in {".html", ".xml", ".json", ".csv", ".js"}
    ]
    named = [str(p.relative_to(dest)) for p in texts if "localhost" in p.read_text(encoding="utf-8", errors="replace")]
    assert named == []
    assert not (dest / "sitemap.xml").exists() and not (dest / "sitemap.xml.gz").exists()
    assert "dx-print-meta" not in (dest / "index.html").read_text(encoding="utf-8")


def test_with_site_url_pages_name_their_address_and_the_build_is_quiet(fixture_site_dir, fixture_base_url):
    html = (fixture_site_dir / "index.html").read_text(encoding="utf-8")
    assert f'<p class="dx-print-meta">このページのURL：{fixture_base_url}</p>' in html
    assert f'<link rel="canonical" href="{fixture_base_url}">' in html
