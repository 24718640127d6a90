"""Exact values on the frozen Sasebo FY2023 fixture (tests/fixtures/sasebo-2023/data).

The fixture does not change when staff edit data/, so these tests can pin
counts, ids, dates and published wording. What must hold for any data is in
test_live_data.py; the values of the source report in test_fidelity.py.
"""

from __future__ import annotations

import re

from htmlread import read_page


def text(site_dir, rel: str) -> str:
    return (site_dir / rel).read_text(encoding="utf-8")


def test_counts_of_the_fy2023_report(fixture_site_dir):
    assert len(list((fixture_site_dir / "issues").glob("*/index.html"))) == 12
    assert len(list((fixture_site_dir / "projects").glob("*/index.html"))) == 110
    html = text(fixture_site_dir, "projects/index.html")
    assert html.count("<tr data-issue=") == 110 and "110件中110件を表示" in html
    assert html.count('data-leading="yes"') == 27
    home = read_page(fixture_site_dir / "index.html")
    assert "12のDX重点課題" in text(fixture_site_dir, "index.html")
    assert any(h.startswith("まちづくりのDX重点課題") for _, h, _ in home.headings)


def test_issue_page_links_down_to_projects_and_projects_link_up(fixture_site_dir):
    issue_html = text(fixture_site_dir, "issues/tourism/index.html")
    assert 'href="../../projects/tourism-1-1-4/"' in issue_html
    project_html = text(fixture_site_dir, "projects/tourism-1-1-4/index.html")
    assert 'href="../../issues/tourism/#challenge-1"' in project_html


def test_a_list_of_one_indicator_kind_names_it_in_the_header(fixture_site_dir):
    """Every Sasebo project has one 活動指標: the column says so once, the cells need not."""
    for rel in ("projects/index.html", "issues/tourism/index.html"):
        page = read_page(fixture_site_dir / rel)
        assert "活動指標の達成度（目安）" in page.labels or "活動指標の達成度（自動計算の目安）" in page.labels, rel
    assert "dx-grade-of__kind" not in text(fixture_site_dir, "projects/index.html")


def test_project_pages_are_not_in_the_sidebar(fixture_site_dir):
    home = text(fixture_site_dir, "index.html")
    nav = home[home.index("md-nav--primary") : home.index("md-sidebar--secondary")]
    assert "projects/tourism-1-1-4" not in nav and 'href="projects/"' in nav
    assert len(set(re.findall(r'href="(issues/[a-z-]+/)"', nav))) == 12


def test_pages_have_metadata_and_data_date(fixture_site_dir):
    for rel in ("index.html", "issues/tourism/index.html", "projects/tourism-1-1-4/index.html", "projects/index.html"):
        html = text(fixture_site_dir, rel)
        assert '<html lang="ja"' in html
        assert re.search(r'<meta name="description" content="[^"]{20,}"', html), rel
        assert 'property="og:title"' in html and 'property="og:description"' in html
        assert "データ時点：" in html and "2024年3月31日" in html and "2024-03-31" in html
    project = text(fixture_site_dir, "projects/tourism-1-1-4/index.html")
    assert "<title>コンベンション協会業務デジタル化等事業（観光1-1-4） - " in project
    assert (fixture_site_dir / "sitemap.xml").exists()


def test_fy2023_wording_of_headings(fixture_site_dir):
    """Headings worded from report.csv: results year 2023 (令和5年度), plan end 2027 (令和9年度)."""
    page = read_page(fixture_site_dir / "issues" / "tourism" / "index.html")
    headings = [h for _, h, _ in page.headings]
    assert "令和9年度の到達像" in headings and "令和5年度の目標（総括）" in headings
    assert "令和5年度の実績・評価（総括）" in headings
    assert "令和5年度の段階" in page.labels
    assert "令和5年度の段階" in read_page(fixture_site_dir / "projects" / "index.html").labels


def test_default_grade_scale_is_worded_on_the_method_page(fixture_site_dir):
    method = read_page(fixture_site_dir / "method" / "index.html")
    table = next(t for t in method.tables if t.caption == "達成度の区分")
    assert table.rows == [
        ["A", "目標を達成（100%以上）", "100%以上"],
        ["B", "おおむね達成（90%以上100%未満）", "90%以上100%未満"],
        ["C", "やや遅れ（80%以上90%未満）", "80%以上90%未満"],
        ["D", "遅れ（80%未満）", "80%未満"],
        ["？", "算定できない", "予定か実績がない、予定が0、数値ではなく文字で公表されている など"],
    ]


def test_issue_and_project_downloads_hold_the_published_numbers(fixture_site_dir):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(text(fixture_site_dir, "opendata/issues/tourism.csv"))))
    assert {r["種別"] for r in rows} == {"KPI", "活動指標"}
    kpi_2023 = next(r for r in rows if r["ID"] == "tourism-c1-k1" and r["年度"] == "2023")
    assert (kpi_2023["予定"], kpi_2023["実績"]) == ("5", "7")  # integers stay integers
    assert kpi_2023["良い方向"] == "大きいほど良い"


def test_open_data_reads_cleanly_in_pandas(fixture_site_dir):
    """What a data user does first: numbers come out numeric, blanks as missing (not 0), BOM handled."""
    import pandas as pd

    for name in ("opendata/all/kpi_values-excel.csv", "opendata/all/kpi_values.csv"):
        frame = pd.read_csv(fixture_site_dir / name, encoding="utf-8-sig")
        assert list(frame.columns) == ["kpi_id", "fiscal_year", "planned", "actual", "note"]
        assert frame["planned"].dtype.kind == "f" and frame["fiscal_year"].dtype.kind == "i"
        row = frame[(frame.kpi_id == "tourism-c1-k1") & (frame.fiscal_year == 2024)].iloc[0]
        assert row.planned == 6 and pd.isna(row.actual)
    issue = pd.read_json(fixture_site_dir / "opendata/issues/tourism.json")
    assert set(issue["種別"]) == {"KPI", "活動指標"}


def test_downloads_page_and_footer_credit_sasebo(fixture_site_dir):
    html = text(fixture_site_dir, "downloads/index.html")
    for needle in (
        "UTF-8、BOM付き",
        "BOMなし",
        "公共データ利用規約（第1.0版）",
        "出典：佐世保市「",
        "データ時点：",
        "年度は西暦です（2023 ＝ 令和5年度）",
    ):
        assert needle in html, needle
    footer = text(fixture_site_dir, "projects/tourism-1-1-4/index.html")
    assert re.search(r"公共データ利用規約（第1.0版）</a>（PDL1.0。CC BY 4.0 と互換）", footer)
    assert "出典：佐世保市「" in footer


def footer(raw: str) -> str:
    """The visible text of the page footer (data date, source, terms of use)."""
    part = raw[raw.index('class="md-copyright dx-footer"') :]
    part = part[: part.index("</div>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_every_page_footer_names_the_data_date_and_the_contact(fixture_site_dir):
    """Issue #26: a citizen on any page sees when the data dates from and whom to ask."""
    contact = "佐世保市 DX推進担当（市のホームページのお問い合わせ窓口）"  # report.csv contact (no contact_url)
    pages = sorted(fixture_site_dir.rglob("*.html"))
    assert len(pages) > 100
    missing = []
    for path in pages:
        foot = footer(path.read_text(encoding="utf-8"))
        if "最終更新： 2024年3月31日 時点のデータです。" not in foot or f"お問い合わせ：{contact}" not in foot:
            missing.append(str(path.relative_to(fixture_site_dir)))
    assert missing == []
    assert '<time datetime="2024-03-31">2024年3月31日</time>' in text(fixture_site_dir, "index.html")


def test_sasebos_licence_grants_free_use_in_the_footer_and_on_the_downloads_page(fixture_site_dir):
    """report.csv names PDL1.0 (license_type): only then do the pages say that anyone may reuse the data."""
    home = text(fixture_site_dir, "index.html")
    assert "データは 公共データ利用規約（第1.0版） （PDL1.0。CC BY 4.0 と互換）で利用できます。" in footer(home)
    assert ">オープンデータ</a>" in home and "利用規約の記載" not in home
    downloads = text(fixture_site_dir, "downloads/index.html")
    assert (
        "どなたでも自由にダウンロードして" in downloads
        and '<h1 id="page-title">オープンデータ（ダウンロード）</h1>' in downloads
    )
