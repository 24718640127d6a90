"""Plotly figures as compact, reproducible JSON.

Figures are plain plotly figure dicts (no default template: it would be most
of the bytes; tests/test_figures.py validates them with plotly); colours and
fonts come from one shared template in assets/js/charts.js so that the light
and dark palettes re-theme every chart. Each trace carries `meta` = "plan" or
"actual" so the browser can colour it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from . import codes
from .codes import era_year, fiscal_year_label
from .model import Issue, Series
from .precision import Printed, format_number

if TYPE_CHECKING:
    from .headline import ScaleSummary


def plotly_text(text: str) -> str:
    """Text shown literally by plotly, which renders its own HTML subset (<a href>, <span style>,
    <br>, entities) in titles, tick labels and hover labels: escape what starts markup."""
    # "%{...}" is also a template in titles (layout.meta); a zero-width space keeps it literal.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("%{", "%\u200b{")


def to_json(fig: dict) -> str:
    return json.dumps(fig, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def series_figure(
    series: Series,
    years: list[int],
    previous_plan: dict[int, Printed | None] | None = None,
    previous_label: str = "",
) -> dict | None:
    """Plan vs actual; bars for yearly counts, lines for percentages and cumulative totals.

    Written as a plain plotly figure dict: building graph_objects for every chart
    cost a third of the build. tests/test_figures.py validates each one against
    plotly's schema, so the dicts stay valid plotly figures."""
    if not series.has_numbers:
        return None
    by_year = {v.fiscal_year: v for v in series.values}
    shown = _shown_years(series, years)
    plan = [by_year[y].planned for y in shown]
    actual = [by_year[y].actual for y in shown]
    # The hover shows each value as printed (52.0, not 52): precision.py.
    plan_text = [format_number(by_year[y].planned, by_year[y].planned_places) for y in shown]
    actual_text = [format_number(by_year[y].actual, by_year[y].actual_places) for y in shown]
    as_line = series.is_percent or series.cumulative
    data = [
        _series_trace(name, meta, ys, texts, shown, series.unit, as_line)
        for name, meta, ys, texts in (("予定", "plan", plan, plan_text), ("実績", "actual", actual, actual_text))
        if any(v is not None for v in ys)
    ]
    if previous_plan:
        data.append(_previous_plan_trace(previous_plan, previous_label, shown, series.unit))
    return {"data": data, "layout": _by_year_layout(_value_axis(series, plan + actual), left=56, height=280)}


# Numbers on axes as Japanese reports print them: 15,000 (thousands separated), never 15k.
PLAIN_NUMBERS = {"exponentformat": "none", "separatethousands": True}
# The legend above the plot, left-aligned: clear of the year labels, whose room below is the axis's own.
LEGEND_ABOVE = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": 1,
    "yanchor": "bottom",
    "traceorder": "normal",
}


def _by_year_layout(y_axis: dict, left: int, height: int) -> dict:
    """Years along the bottom (categories, 令和N年度), the legend above, nothing to zoom.
    The browser (charts.js) fits the year labels to the chart's width when it draws."""
    return {
        "barmode": "group",
        "yaxis": y_axis,
        "xaxis": {"fixedrange": True, "type": "category", "tickangle": 0, "automargin": True},
        "legend": LEGEND_ABOVE,
        "margin": {"l": left, "r": 12, "t": 36, "b": 40},
        "height": height,
        "separators": ".,",
    }


def _shown_years(series: Series, years: list[int]) -> list[int]:
    """Every year with a number: the plan years, and values before the plan period too (a base
    value, or the actuals a new plan starts from, as Nagasaki's R元・R2 under a plan from R3)."""
    return sorted({v.fiscal_year for v in series.values if v.planned is not None or v.actual is not None})


def _series_trace(name: str, meta: str, ys: list, texts: list[str], years: list[int], unit: str, as_line: bool) -> dict:
    """One of plan/actual; told apart by dash and marker (lines) or hatching (bars), not colour alone."""
    # The unit and the value as printed travel as data, not inside the template, so "%{...}" stays text.
    shown_unit = plotly_text(unit)
    trace: dict = {
        "x": [era_year(y) for y in years],
        "y": ys,
        "name": name,
        "meta": meta,
        "customdata": [[fiscal_year_label(y), shown_unit, text] for y, text in zip(years, texts)],
        "hovertemplate": "%{customdata[0]}<br>%{fullData.name}: %{customdata[2]}%{customdata[1]}<extra></extra>",
    }
    if as_line:
        trace.update(
            type="scatter",
            mode="lines+markers",
            connectgaps=False,
            line={"dash": "dash" if meta == "plan" else "solid", "width": 3},
            marker={"symbol": "circle-open" if meta == "plan" else "square", "size": 10},
        )
    else:
        trace.update(type="bar", marker={"pattern": {"shape": "/" if meta == "plan" else ""}, "line": {"width": 2}})
    return trace


def _previous_plan_trace(plan: dict[int, Printed | None], label: str, years: list[int], unit: str) -> dict:
    """How the target of each year read in the previous edition, where this edition revised it:
    a dotted grey line with open diamonds, apart from this edition's plan by dash and marker too.
    The hover shows each target as that edition printed it (52.0, not 52)."""
    shown = [plan.get(y) for y in years]
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": [era_year(y) for y in years],
        "y": [p.value if p else None for p in shown],
        "name": plan_label(label),
        "meta": "previous-plan",
        "connectgaps": False,
        "line": {"dash": "dot", "width": 2},
        "marker": {"symbol": "diamond-open", "size": 9},
        "customdata": [
            [fiscal_year_label(y), plotly_text(unit), format_number(p.value, p.places) if p else ""]
            for y, p in zip(years, shown)
        ],
        "hovertemplate": "%{customdata[0]}<br>%{fullData.name}: %{customdata[2]}%{customdata[1]}<extra></extra>",
    }


def plan_label(edition_label: str) -> str:
    return f"前の版（{edition_label}）の予定"


def _value_axis(series: Series, values: list) -> dict:
    axis: dict = {
        "title": {"text": plotly_text(series.unit)} if series.unit else {},
        "rangemode": "tozero",
        "fixedrange": True,
        **PLAIN_NUMBERS,
    }
    numbers = [v for v in values if v is not None]
    if series.is_percent and max(numbers + [0]) <= 100:
        axis["range"] = [0, 105]
    elif numbers and all(float(v).is_integer() for v in numbers) and max(numbers) <= WHOLE_STEPS_UP_TO:
        axis["dtick"] = 1  # counts of 1 or 2: plotly would tick 0.2, 0.4 … (「0.4件」)
    return axis


# Up to this value plotly steps by less than 1: whole-number series get steps of 1 instead.
WHOLE_STEPS_UP_TO = 5


def _stacked(issues: list[Issue], traces: list[tuple[str, str, str, list[int]]], x_title: str, dtick=None) -> dict:
    """Horizontal stacked bars, one per issue; the labels may come from the data (scales.csv, labels.csv):
    plotly draws them as text, and the hover shows each as data, never as part of its template."""
    names = [plotly_text(i.field_name) for i in issues][::-1]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": counts[::-1],
            "name": plotly_text(label),
            "meta": meta,
            "customdata": [plotly_text(label)] * len(issues),
            "hovertemplate": "%{y}: %{customdata} %{x}件<extra></extra>",
            "marker": {"pattern": {"shape": shape}},
        }
        for label, meta, shape, counts in traces
    ]
    x_axis: dict = {"title": {"text": x_title}, "fixedrange": True, **PLAIN_NUMBERS}
    if dtick:
        x_axis["dtick"] = dtick
    return {
        "data": data,
        "layout": {
            "barmode": "stack",
            "height": 100 + 28 * len(issues),
            "margin": {"l": 110, "r": 12, "t": 48, "b": 48},
            "xaxis": x_axis,
            "yaxis": {"fixedrange": True},
            "legend": LEGEND_ABOVE,
            "showlegend": True,  # a scale with one value in use still names it
        },
    }


def overview_figure(issues: list[Issue], what: str = "課題") -> dict:
    """Home overview: per priority issue, challenges on schedule vs delayed (stacked bars)."""
    traces = []
    for mark in issues[0].marks if issues else codes.ALL_MARKS:
        counts = [i.mark_counts()[mark.label] for i in issues]
        if any(counts):
            traces.append((_code_label(mark), mark.css, mark.pattern, counts))
    return _stacked(issues, traces, f"{what}の数", dtick=1)


def _code_label(code: codes.Code) -> str:
    """A value of a published scale in a legend: its printed symbol and its words (○ 予定どおり)."""
    if code.symbol and code.symbol != code.label and code.symbol != "／":
        return f"{code.symbol} {code.label}"
    return code.label


def scale_figure(issues: list[Issue], summary: ScaleSummary) -> dict:
    """Home overview: per priority issue, how many things of one level the report graded with each
    value of its own scale (headline.ScaleSummary), in the scale's order, coloured by rank."""
    traces = [
        (_code_label(code), code.css, code.pattern, [row[n] for row in summary.by_issue])
        for n, code in enumerate(summary.values)
    ]
    return _stacked(issues, traces, f"{summary.what}の数", dtick=1 if summary.total <= 20 else None)


def grade_figure(issues: list[Issue], grades: dict[str, codes.Grade], what: str = "指標") -> dict:
    """Home overview: the estimate's distribution over the KPIs and indicators of each priority issue,
    each grade named by its symbol and its words (A 達成), never by the symbol alone."""
    traces = [
        (f"{g.symbol} {g.short}", g.chart_meta, g.pattern, [i.grade_counts()[g.value] for i in issues])
        for g in grades.values()
    ]
    return _stacked(issues, traces, f"{what}の数")


def budget_figure(totals: list[tuple[int, str, float | None]]) -> dict | None:
    """Money per year (千円): settled amounts (実績) filled, budgeted amounts (計画) hatched outline."""
    rows = [(year, basis, total) for year, basis, total in totals if total is not None]
    if not rows:
        return None
    years = sorted({year for year, _, _ in rows})
    data = []
    for basis, code in codes.BUDGET_BASES.items():
        by_year = {year: total for year, b, total in rows if b == basis}
        if not by_year:
            continue
        meta = code.css  # "actual" or "plan": the same colours and hatching as the indicator charts
        data.append(
            {
                "type": "bar",
                "x": [era_year(y) for y in years],
                "y": [by_year.get(y) for y in years],
                "name": code.label,
                "meta": meta,
                "customdata": [[fiscal_year_label(y)] for y in years],
                "hovertemplate": "%{customdata[0]}<br>%{fullData.name}: %{y:,}千円<extra></extra>",
                "marker": {"pattern": {"shape": "/" if meta == "plan" else ""}, "line": {"width": 2}},
            }
        )
    y_axis = {"title": {"text": "千円"}, "rangemode": "tozero", "fixedrange": True, **PLAIN_NUMBERS}
    return {"data": data, "layout": _by_year_layout(y_axis, left=64, height=260)}
