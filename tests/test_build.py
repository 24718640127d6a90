"""The real site built from the real data: pages, links, escaping, failure on
bad data, and byte-identical output from Excel's CP932/CRLF twin of the data."""
from __future__ import annotations

import csv
import json
import re
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import DATA, SUBPATH, build_site, copy_data


def rows(name):
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.links.append(a[key])


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_entity_has_a_page(site_dir):
    for r in rows("issues"):
        assert (site_dir / "issues" / r["issue_id"] / "index.html").exists()
    projects = rows("projects")
    assert len(projects) == 110
    for r in projects:
        html = (site_dir / "projects" / r["project_id"] / "index.html").read_text(encoding="utf-8")
        assert r["pid"] in html
    for page in ("index.html", "projects/index.html", "method/index.html", "downloads/index.html",
                 "accessibility/index.html", "guide/index.html", "guide/columns/index.html", "search/index.html"):
        assert (site_dir / page).exists(), page


def test_internal_links_and_anchors_resolve(site_dir):
    cache: dict[Path, Links] = {}
    broken = []
    for html in sorted(site_dir.rglob("*.html")):
        links = cache.setdefault(html, parse(html))
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//", "data:")):
                continue
            if parts.path.startswith(f"/{SUBPATH}/"):  # 404.html uses absolute links under the sub-path
                target = site_dir / unquote(parts.path[len(SUBPATH) + 2:])
                if target.is_dir() or not parts.path[len(SUBPATH) + 2:]:
                    target = target / "index.html"
            elif parts.path:
                target = (html.parent / unquote(parts.path)).resolve()
                if target.is_dir():
                    target = target / "index.html"
            else:
                target = html
            if not target.exists():
                broken.append(f"{html.relative_to(site_dir)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parse(target)).ids
                if unquote(parts.fragment) not in ids and parts.fragment not in ("", "__skip"):
                    broken.append(f"{html.relative_to(site_dir)} -> {link} (no such anchor)")
    assert broken == []


def test_issue_page_links_down_to_projects_and_projects_link_up(site_dir):
    issue_html = (site_dir / "issues" / "tourism" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../projects/tourism-1-1-4/"' in issue_html
    project_html = (site_dir / "projects" / "tourism-1-1-4" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../issues/tourism/#challenge-1"' in project_html


def test_project_pages_are_not_in_the_sidebar(site_dir):
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('md-nav--primary'):home.index('md-sidebar--secondary')]
    assert "projects/tourism-1-1-4" not in nav and 'href="projects/"' in nav
    assert len(set(re.findall(r'href="(issues/[a-z-]+/)"', nav))) == 12


def test_expected_pids_all_present_in_list_page(site_dir):
    expected = [l for l in Path(__file__).with_name("fixtures").joinpath("expected_pids.txt")
                .read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    html = (site_dir / "projects" / "index.html").read_text(encoding="utf-8")
    body = html[html.index('id="dx-project-list"'):]
    assert body.count("<tr data-issue=") == 110
    cells = re.findall(r"<tr data-issue=[^>]*>\s*<td>([^<]*)</td>", body)
    printed = [pid for cell in cells for pid in cell.split(" ")]
    assert printed == expected
    assert "110件中110件を表示" in html


def test_bad_data_stops_the_build_and_writes_nothing(tmp_path):
    data = copy_data(tmp_path)
    kpis = (data / "kpis.csv").read_text(encoding="utf-8")
    (data / "kpis.csv").write_text(kpis.replace("tourism-c1-k1,tourism-c1,", "tourism-c1-k1,tourism-c9,", 1), encoding="utf-8")
    areas = (data / "areas.csv").read_text(encoding="utf-8")
    (data / "areas.csv").write_text(areas + "gyosei,重複,3\n", encoding="utf-8")
    kv = (data / "kpi_values.csv").read_text(encoding="utf-8")
    (data / "kpi_values.csv").write_text(kv.replace("tourism-c1-k1,2023,5,7,", "tourism-c1-k1,2023,5,7件,", 1), encoding="utf-8")
    dest = tmp_path / "out"
    result = build_site(dest, data)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "kpis.csv 2行目 「challenge_id」列" in output
    assert "areas.csv 4行目 「area_id」列" in output
    assert "kpi_values.csv 2行目 「actual」列" in output and "「7件」" in output
    assert not dest.exists() or not any(dest.iterdir())


HOSTILE = '<script>alert("x")</script> **太字** [罠](javascript:alert(1)) {#x} & \'引用\''


def test_text_from_csv_is_escaped_everywhere(tmp_path):
    data = copy_data(tmp_path)
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
    report.write_text(report.read_text(encoding="utf-8").replace(",佐世保市DX戦略実行計画（令和5年度実績）,", ",<i>報告書</i>,", 1),
                      encoding="utf-8")
    dest = tmp_path / "out"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (dest / "index.html").read_text(encoding="utf-8")
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


def test_excel_cp932_crlf_twin_builds_byte_identical_site(tmp_path, site, site_dir):
    """The same data saved by Windows Excel (Shift_JIS, CRLF) gives the same site, byte for byte;
    this also proves builds are reproducible (no timestamps, no random ids)."""
    data = copy_data(tmp_path)
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


def test_pages_have_metadata_and_data_date(site_dir):
    for page in ("index.html", "issues/tourism/index.html", "projects/tourism-1-1-4/index.html", "projects/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert '<html lang="ja"' in html
        assert re.search(r'<meta name="description" content="[^"]{20,}"', html), page
        assert 'property="og:title"' in html and 'property="og:description"' in html
        assert "データ時点：" in html and "2024年3月31日" in html and "2024-03-31" in html
    project = (site_dir / "projects/tourism-1-1-4/index.html").read_text(encoding="utf-8")
    assert "<title>コンベンション協会業務デジタル化等事業（観光1-1-4） - " in project
    assert (site_dir / "sitemap.xml").exists()


def test_large_plans_move_issues_from_the_sidebar_to_area_pages(tmp_path):
    """Every page carries the sidebar: past nav_issue_limit issues it links area pages instead."""
    from dxreport.model import load_report
    from dxreport.render import render_site, site_nav

    report = load_report(DATA)
    nav = site_nav(report, nav_issue_limit=5)
    assert {"重点課題（まちづくり）": "areas/machizukuri.md"} in nav
    pages = render_site(report, nav_issue_limit=5).pages
    assert "areas/machizukuri.md" in pages and "areas/gyosei.md" in pages
    assert "areas/machizukuri.md" not in render_site(report).pages
