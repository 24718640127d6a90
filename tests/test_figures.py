"""Every chart the site ships is a valid plotly figure, without the default
template, and uses the compact axis labels only beside the full year form."""
from __future__ import annotations

import json

import plotly.graph_objects as go

from conftest import DATA
from dxreport import figures
from dxreport.model import load_report


def all_figures():
    report = load_report(DATA)
    years = report.plan_years
    series = [k.series for i in report.issues for k in i.kpis] + [p.series for p in report.projects if p.series]
    made = [figures.series_figure(s, years) for s in series]
    return report, series, made


def test_every_figure_is_valid_plotly_without_template():
    report, series, made = all_figures()
    charted = [f for f in made if f]
    assert len(charted) >= 100
    for fig in charted + [figures.overview_figure(report.issues), figures.grade_figure(report.issues)]:
        go.Figure(fig)  # raises on anything plotly.js would not understand
        assert "template" not in fig["layout"]
        assert {t["meta"] for t in fig["data"]} <= {"plan", "actual", "on-track", "delayed", "not-evaluable",
                                                     "not-published", "grade-a", "grade-b", "grade-c", "grade-d",
                                                     "grade-none"}
        assert len(figures.to_json(fig)) < 4000


def test_text_only_series_have_no_chart_and_numbers_are_not_invented():
    _, series, made = all_figures()
    for s, fig in zip(series, made):
        if not s.has_numbers:
            assert fig is None
            continue
        plotted = [y for t in fig["data"] for y in t["y"] if y is not None]
        published = [v for val in s.values for v in (val.planned, val.actual) if v is not None]
        assert sorted(plotted) == sorted(published)


def test_chart_types_follow_the_measure():
    _, series, made = all_figures()
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
