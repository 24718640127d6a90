"""Every chart the site ships is a valid plotly figure, without the default
template, and uses the compact axis labels only beside the full year form.
Run on the live data and on the frozen fixture (which pins how many charts)."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from conftest import DATA, EXAMPLES, FIXTURE_DATA, FIXTURES

from dxreport import codes, figures
from dxreport.model import load_report

DATASETS = pytest.mark.parametrize(
    "data_dir",
    [DATA, FIXTURE_DATA, EXAMPLES["example-nagasaki"], FIXTURES / "hokkaido-2020"],
    ids=["live", "fixture", "nagasaki", "hokkaido"],
)


def all_figures(data_dir=DATA):
    """Every indicator's series and its figure (the budget charts are in budget_figures)."""
    report = load_report(data_dir)
    years = report.plan_years
    series = [k.series for i in report.issues for k in i.kpis] + [
        k.series for p in report.projects for k in p.indicators
    ]
    made = [figures.series_figure(s, years) for s in series]
    return report, series, made


def budget_figures(report):
    project = [figures.budget_figure([(b.fiscal_year, b.basis, b.total) for b in p.budgets]) for p in report.projects]
    issue = [figures.budget_figure(i.budget_totals()) for i in report.issues]
    return [f for f in project + issue if f]


def test_fixture_has_a_chart_for_most_series():
    _, _, made = all_figures(FIXTURE_DATA)
    assert len([f for f in made if f]) >= 100


@DATASETS
def test_every_figure_is_valid_plotly_without_template(data_dir):
    report, _, made = all_figures(data_dir)
    charted = [f for f in made if f]
    # every trace's meta names a colour the stylesheet defines (--dx-c-<meta>), from the code lists
    metas = (
        {"plan", "actual", "previous-plan"}
        | {m.css for m in codes.ALL_MARKS}
        | {g.chart_meta for g in report.grades.values()}
    )
    css = (DATA.parent / "docs" / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert all(f"--dx-c-{m}:" in css for m in metas)
    overviews = [figures.overview_figure(report.issues), figures.grade_figure(report.issues, report.grades)]
    for fig in charted + overviews + budget_figures(report):
        go.Figure(fig)  # raises on anything plotly.js would not understand
        assert "template" not in fig["layout"]
        assert {t["meta"] for t in fig["data"]} <= metas
        assert len(figures.to_json(fig)) < 4000


@DATASETS
def test_text_only_series_have_no_chart_and_numbers_are_not_invented(data_dir):
    _, series, made = all_figures(data_dir)
    for s, fig in zip(series, made):
        if not s.has_numbers:
            assert fig is None
            continue
        plotted = [y for t in fig["data"] for y in t["y"] if y is not None]
        published = [v for val in s.values for v in (val.planned, val.actual) if v is not None]
        assert sorted(plotted) == sorted(published)


@DATASETS
def test_chart_types_follow_the_measure(data_dir):
    _, series, made = all_figures(data_dir)
    for s, fig in zip(series, made):
        if fig is None:
            continue
        kinds = {t["type"] for t in fig["data"]}
        assert kinds == ({"scatter"} if (s.is_percent or s.cumulative) else {"bar"})
        for t in fig["data"]:
            assert all("年度（" in c[0] for c in t["customdata"])  # hover shows 令和5年度（2023年度）


def test_figure_json_is_stable():
    _, _, first = all_figures()
    _, _, second = all_figures()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
