"""A report's own scale (scales.csv): checked like every table, shown first, never mimicked by the estimate.

Hokkaido's fixture grades its policy a・b・c (判定), its indicators A〜D (達成度合) and its projects by
方向性; Nagasaki's example prints each project's 見直し区分. On their sites the published scale comes
first wherever the site summarises, and the site's own estimate uses symbols the report never uses.
Sasebo declares no scale and keeps its ○ 予定どおり / △ 遅れている.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, build_site, copy_data, read_rows, write_rows
from test_other_reports import page_text

from dxreport import scales
from dxreport.changes import compare
from dxreport.model import load_report, load_reports
from dxreport.validate import validate_dir

HOKKAIDO = FIXTURES / "hokkaido-2020"
NAGASAKI = EXAMPLES["example-nagasaki"]


def fold(symbol: str) -> str:
    return unicodedata.normalize("NFKC", symbol).casefold()


def report_symbols(data: Path) -> set[str]:
    return {fold(s) for r in load_reports(data) for scale in r.shown_scales.values() for s in scale.symbols}


@pytest.fixture(scope="module", params=["hokkaido", "nagasaki"])
def other_site(request, tmp_path_factory) -> tuple[str, Path, Path]:
    data = HOKKAIDO if request.param == "hokkaido" else NAGASAKI
    dest = tmp_path_factory.mktemp(request.param) / "site"
    result = build_site(dest, data)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, data, dest


def test_estimate_symbols_avoid_the_reports_own():
    plain = {scales.CHALLENGE: scales.DEFAULT_CHALLENGE_SCALE}
    assert scales.estimate_symbols(plain)[:4] == ("A", "B", "C", "D")
    hokkaido = load_report(HOKKAIDO)
    shown = hokkaido.shown_scales
    symbols = scales.estimate_symbols(shown)
    assert symbols[0] != "A"
    taken = {fold(s) for scale in shown.values() for s in scale.symbols}
    assert not taken & {fold(s) for s in symbols}
    # Lower case and full width count as the same letters: a report grading ａ・ｂ・ｃ gets no A〜D either.
    lower = scales.Scale("x", scales.ISSUE, "判定", tuple(_code(v) for v in ("ａ", "ｂ", "ｃ")))
    assert "A" not in scales.estimate_symbols({scales.ISSUE: lower})
    # A report using every preferred set still gets symbols of its own.
    every = tuple(_code(s) for group in scales.ESTIMATE_SYMBOL_SETS for s in group)
    chosen = scales.estimate_symbols({scales.KPI: scales.Scale("y", scales.KPI, "評価", every)})
    assert not {fold(s) for s in chosen} & {fold(c.value) for c in every}


def _code(value: str):
    from dxreport.codes import Code

    return Code(value, value, value, value, scales.TONE_NONE)


def test_sasebo_keeps_its_marks_and_letters():
    report = load_report(FIXTURES / "sasebo-2023" / "data")
    assert [c.symbol for c in report.mark_scale.values] == ["○", "△", "−"]
    assert [g.symbol for g in report.grades.values()] == ["A", "B", "C", "D", "？"]
    assert not report.verdict() and report.project_scale is None


def test_a_grade_outside_the_scale_is_an_error_naming_file_row_column_and_values(tmp_path):
    data = copy_data(tmp_path, HOKKAIDO)
    rows = read_rows(data, "kpi_values")
    rows[1]["published_grade"] = "S"
    write_rows(data, "kpi_values", rows)
    _, problems = validate_dir(data)
    [e] = [p for p in problems if p.is_error]
    assert (e.file.endswith("kpi_values.csv"), e.row, e.column, e.value) == (True, 3, "published_grade", "S")
    assert "達成度合" in e.message and "A、B、C、D、-" in e.fix
    rows[1]["published_grade"] = "A"
    write_rows(data, "kpi_values", rows)
    issues = read_rows(data, "issues")
    issues[0]["published_grade"] = "C"  # the 判定 is a・b・c: an upper-case C is not one of them
    write_rows(data, "issues", issues)
    _, problems = validate_dir(data)
    [e] = [p for p in problems if p.is_error]
    assert (e.row, e.column, e.value) == (2, "published_grade", "C") and "a、b、c" in e.fix


def test_one_scale_per_level(tmp_path):
    data = copy_data(tmp_path, HOKKAIDO)
    rows = read_rows(data, "scales")
    rows[1]["name"] = "総合評価"
    write_rows(data, "scales", rows)
    _, problems = validate_dir(data)
    [e] = [p for p in problems if p.is_error]
    assert (e.file.endswith("scales.csv"), e.row, e.column) == (True, 3, "name")


def test_a_long_symbol_is_refused(tmp_path):
    data = copy_data(tmp_path, HOKKAIDO)
    rows = read_rows(data, "scales")
    rows[0]["value"] = "a" * 11
    write_rows(data, "scales", rows)
    _, problems = validate_dir(data)
    assert any(p.column == "value" and p.row == 2 for p in problems if p.is_error)


def test_a_changed_printed_grade_is_a_change(tmp_path):
    earlier = load_report(HOKKAIDO)
    data = copy_data(tmp_path, HOKKAIDO)
    issues = read_rows(data, "issues")
    issues[0]["published_grade"] = "a"
    write_rows(data, "issues", issues)
    changes = compare(earlier, load_report(data))
    [change] = changes.published
    assert (change["old"].value, change["new"].value, change["scale_name"]) == ("c", "a", "判定")
    assert changes.for_issue("ict").published == [change] and changes.count == 1


def _headline_terms(site: Path) -> list[str]:
    raw = (site / "index.html").read_text(encoding="utf-8")
    block = raw[raw.index('class="dx-headline__list"') : raw.index("</dl>", raw.index("dx-headline__list"))]
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<dt>(.*?)</dt>", block, flags=re.S)]


def test_the_published_scale_comes_first(other_site):
    name, data, site = other_site
    report = load_report(data)
    who = f"（{report.municipality}の評価）"
    terms = _headline_terms(site)
    assert who in terms[0] and "自動計算の目安" in terms[-1], terms
    assert all(who in t for t in terms[:-1] if "段階" not in t)
    # The issue page's summary box and the home cards open with the published scale.
    for issue in report.issues:
        raw = (site / issue.url / "index.html").read_text(encoding="utf-8")
        box = raw[raw.index('<div class="dx-summary-box">') :]
        first = re.sub(r"<[^>]+>", "", re.search(r"<p[^>]*>(.*?)</p>", box, flags=re.S).group(1))
        assert f"{report.municipality}の評価" in first, (name, first)
        assert box.index("dx-summary-box__published") < box.index("自動計算の目安")
    # The project list: the published scale's filter and column before the estimate's.
    listing = (site / "projects" / "index.html").read_text(encoding="utf-8")
    scale = report.project_scale
    assert scale is not None
    assert listing.index('id="f-published"') < listing.index('id="f-grade"')
    assert listing.index(f">{scale.name}<") < listing.index("達成度（目安）")
    # A project's status box: the published value first.
    project = next(p for p in report.projects if p.review_code)
    page = (site / project.url / "index.html").read_text(encoding="utf-8")
    start = page.index("dx-project-status__title")
    items = re.findall(r"<li[^>]*>(.*?)</li>", page[start : page.index("</ul>", start)], flags=re.S)
    assert f"{scale.name}（{report.municipality}の評価）" in items[0] and project.review_code.value in items[0]
    assert all("自動計算の目安" not in i for i in items[:1])
    assert any("自動計算の目安" in i or "指標はありません" in i for i in items[1:])


def test_no_estimate_symbol_is_a_report_symbol(other_site):
    _, data, site = other_site
    taken = report_symbols(data)
    assert taken
    seen = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for symbol in re.findall(r'class="dx-grade__symbol"[^>]*>([^<]*)<', text):
            seen.add(symbol)
        for symbol in re.findall(r'<span class="dx-grade dx-grade--[a-z]+">([^<\s]+)\s', text):
            seen.add(symbol)
    assert seen, "no estimate symbols found: the test would pass for nothing"
    assert not {fold(s) for s in seen} & taken, seen


def test_hokkaido_pages_print_its_grades(tmp_path_factory):
    report = load_report(HOKKAIDO)
    assert report.issues[0].published.value == "c"
    assert report.kpi_published(report.issues[0].indicators[0]).label == "100%以上"
    assert [g.symbol for g in report.grades.values()] == ["◎", "○", "△", "×", "？"]


def test_issue_summary_text(other_site):
    _, data, site = other_site
    report = load_report(data)
    for issue in report.issues:
        text = page_text(site, issue.url.rstrip("/"))
        assert text.index(f"{report.municipality}の評価：") < text.index("自動計算の目安"), issue.url
    if report.municipality == "北海道":
        assert "北海道の評価：施策の判定： c" in page_text(site, "issues/ict")
