"""Plotly figures as compact, reproducible JSON.

The default plotly template is stripped (it is most of the bytes); colours and
fonts come from one shared template in assets/js/charts.js so that the light
and dark palettes re-theme every chart. Each trace carries `meta` = "plan" or
"actual" so the browser can colour it.
"""
from __future__ import annotations

import json

import plotly.graph_objects as go

from .codes import fiscal_year_label, fiscal_year_short
from .model import Issue, Series


def _clean(fig: go.Figure) -> dict:
    data = fig.to_plotly_json()
    data["layout"].pop("template", None)
    return data


def to_json(fig: dict) -> str:
    return json.dumps(fig, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def series_figure(series: Series, years: list[int]) -> dict | None:
    """Plan vs actual; bars for yearly counts, lines for percentages and cumulative totals.

    Written as a plain plotly figure dict: building graph_objects for every chart
    cost a third of the build. tests/test_figures.py validates each one against
    plotly's schema, so the dicts stay valid plotly figures."""
    if not series.has_numbers:
        return None
    by_year = {v.fiscal_year: v for v in series.values}
    shown = [y for y in years if y in by_year and (by_year[y].planned is not None or by_year[y].actual is not None)]
    x = [fiscal_year_short(y) for y in shown]
    full = [fiscal_year_label(y) for y in shown]
    unit = series.unit
    plan = [by_year[y].planned for y in shown]
    actual = [by_year[y].actual for y in shown]
    hover = "%{customdata}<br>%{fullData.name}: %{y:,}" + unit + "<extra></extra>"
    as_line = series.is_percent or series.cumulative
    data = []
    for name, meta, ys in (("予定", "plan", plan), ("実績", "actual", actual)):
        if all(v is None for v in ys):
            continue
        trace = {"x": x, "y": ys, "name": name, "meta": meta, "customdata": full, "hovertemplate": hover}
        if as_line:
            trace.update(type="scatter", mode="lines+markers", connectgaps=False,
                         line={"dash": "dash" if meta == "plan" else "solid", "width": 3},
                         marker={"symbol": "circle-open" if meta == "plan" else "square", "size": 10})
        else:
            trace.update(type="bar", marker={"pattern": {"shape": "/" if meta == "plan" else ""}, "line": {"width": 2}})
        data.append(trace)
    y_axis: dict = {"title": {"text": unit} if unit else {}, "rangemode": "tozero", "fixedrange": True}
    if series.is_percent and max([v for v in plan + actual if v is not None] + [0]) <= 100:
        y_axis["range"] = [0, 105]
    layout = {
        "barmode": "group", "yaxis": y_axis, "xaxis": {"fixedrange": True, "type": "category"},
        "legend": {"orientation": "h", "y": -0.2}, "margin": {"l": 56, "r": 12, "t": 12, "b": 40},
        "height": 280, "separators": ".,",
    }
    return {"data": data, "layout": layout}


def overview_figure(issues: list[Issue]) -> dict:
    """Home overview: per priority issue, challenges on schedule vs delayed (stacked bars)."""
    names = [i.field_name for i in issues][::-1]
    fig = go.Figure()
    for label, meta in (("予定どおり", "on-track"), ("遅れている", "delayed"), ("評価不能", "not-evaluable"),
                        ("公表なし", "not-published")):
        counts = [i.mark_counts()[label] for i in issues][::-1]
        if not any(counts):
            continue
        fig.add_trace(go.Bar(
            y=names, x=counts, name=label, meta=meta, orientation="h",
            hovertemplate="%{y}: " + label + " %{x}件<extra></extra>",
            marker={"pattern": {"shape": {"on-track": "", "delayed": "x", "not-evaluable": ".",
                                          "not-published": "-"}[meta]}},
        ))
    fig.update_layout(
        barmode="stack", height=100 + 28 * len(issues), margin={"l": 110, "r": 12, "t": 48, "b": 48},
        xaxis={"title": {"text": "課題の数"}, "dtick": 1, "fixedrange": True},
        yaxis={"fixedrange": True}, legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                                            "traceorder": "normal"},
    )
    return _clean(fig)


def grade_figure(issues: list[Issue]) -> dict:
    """Home overview: grade distribution of KPIs and indicators per priority issue."""
    names = [i.field_name for i in issues][::-1]
    fig = go.Figure()
    shapes = {"A": "", "B": "/", "C": "x", "D": "+", "-": "."}
    for grade in ("A", "B", "C", "D", "-"):
        counts = [i.grade_counts()[grade] for i in issues][::-1]
        label = "−（算定不可）" if grade == "-" else grade
        fig.add_trace(go.Bar(
            y=names, x=counts, name=label, meta=f"grade-{'none' if grade == '-' else grade.lower()}",
            orientation="h", hovertemplate="%{y}: " + label + " %{x}件<extra></extra>",
            marker={"pattern": {"shape": shapes[grade]}},
        ))
    fig.update_layout(
        barmode="stack", height=100 + 28 * len(issues), margin={"l": 110, "r": 12, "t": 48, "b": 48},
        xaxis={"title": {"text": "指標の数"}, "fixedrange": True}, yaxis={"fixedrange": True},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"},
    )
    return _clean(fig)
