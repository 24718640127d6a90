"""Open data files: per issue, per project and the whole dataset.

Each table is offered as UTF-8 with BOM (opens correctly in Excel), plain
UTF-8 (no BOM) and JSON (an array of the same rows with the same keys).
"""

from __future__ import annotations

import csv
import io
import json
import re

from . import codes
from .model import Project, Report, Series
from .precision import Printed, printed
from .schema import TABLES


def value_columns(report: Report) -> list[str]:
    """Headers of the per-page value files, in the report's own words; columns the report never
    fills (numbers, base values, published rates) are left out rather than shipped empty."""
    series = [k.series for k in report.all_indicators]
    columns = ["種別", "ID"] + ([report.terms["pid"].short] if report.has_pid else []) + ["名称", "単位", "良い方向"]
    columns += ["年度"] + (["基準値"] if any(v.is_base for s in series for v in s.values) else []) + ["予定", "実績"]
    if any(s.has_published for s in series):
        columns += ["公表された達成率（%）", "公表された評価"]
    return columns + ["備考"]


def download_path(group: str, ident: str, variant: str) -> str:
    """Where one open-data file lives: group is issues, projects or all (whole tables)."""
    return f"opendata/{group}/{ident}{variant}"


def workbook_path(report: Report) -> str:
    """The edition's Excel workbook (every table, one sheet each)."""
    return f"opendata/all/report-{report.results_fiscal_year}.xlsx"


# Every table is offered in these variants, in this order on the pages.
VARIANTS = {
    "-excel.csv": "CSV（Excel用・UTF-8 BOM付き）",
    ".csv": "CSV（UTF-8・BOMなし）",
    ".json": "JSON（UTF-8）",
}


def _series_rows(report: Report, kind: str, ident: str, pid: str, series: Series) -> list[dict]:
    """One row per year; value_columns decides which of these keys are written."""
    return [
        {
            "種別": kind,
            "ID": ident,
            report.terms["pid"].short: pid,
            "名称": series.name,
            "単位": series.unit,
            "良い方向": series.direction.label,
            "年度": v.fiscal_year,
            "基準値": codes.BASE_VALUE.label if v.is_base else "",
            "予定": printed(v.planned, v.planned_places),
            "実績": printed(v.actual, v.actual_places),
            "公表された達成率（%）": printed(v.published_rate, v.rate_places),
            "公表された評価": v.published_grade,
            "備考": v.note,
        }
        for v in series.values
    ]


# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _cell(value) -> str:
    """A CSV cell. Text that a spreadsheet would run as a formula gets a leading apostrophe (shown
    as text by Excel and LibreOffice); numbers, negative ones too, stay numbers. JSON keeps the
    original text."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, Printed):
        return value.text  # 52.0 as printed
    # A lone "-" is how reports print "none" and no spreadsheet runs it: kept as published.
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and (len(value) > 1 or value == "="):
        return "'" + value
    return str(value)


def _encode(columns: list[str], rows: list[dict]) -> dict[str, bytes]:
    """The three variants of one table, with the csv and json modules: importing pandas alone
    took a quarter of the build; tests/test_downloads.py reads the files back with pandas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_cell(c) for c in columns])  # headers carry the report's words (labels.csv)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    text = buffer.getvalue()
    records = [{c: row.get(c) for c in columns} for row in rows]
    return {
        ".csv": text.encode("utf-8"),
        "-excel.csv": text.encode("utf-8-sig"),
        ".json": _json_lines(records).encode("utf-8"),
    }


# A number as printed goes into the JSON text as a literal (52.0, 1.50): json writes it first as this
# string, which no data can hold (control characters are refused by the checks), then it is replaced.
_LITERAL = "\x00n:"
_LITERAL_JSON = re.compile(r'"\\u0000n:(-?[0-9]+(?:\.[0-9]+)?)"')


def _json_value(value):
    if isinstance(value, Printed):
        return _LITERAL + value.text
    raise TypeError(f"not JSON serializable: {type(value).__name__}")


def _json_lines(records: list[dict]) -> str:
    """A JSON array with one record per line: readable and diffable, and written by the
    C encoder (json.dumps with indent= falls back to the slow pure-Python one). Numbers keep the
    decimals they were printed with (52.0 stays 52.0)."""
    if not records:
        return "[]\n"
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, default=_json_value) for r in records)
    return "[\n" + _LITERAL_JSON.sub(r"\1", lines) + "\n]\n"


def project_rows(report: Report, project: Project) -> list[dict]:
    rows = []
    for k in project.indicators:
        ident = project.project_id if k.kpi_id == project.project_id else k.kpi_id
        rows += _series_rows(report, report.indicator_term(k).label, ident, project.pid, k.series)
    return rows


def printed_rows(report: Report, table) -> list[dict]:
    """A whole table's rows, each number with the decimals it is shown with on the pages."""
    numeric = {c.name for c in table.columns if c.kind == "number"}
    return [
        {k: (printed(v, places.get(k)) if k in numeric else v) for k, v in row.items()}
        for row, places in zip(report.tables[table.name], report.places[table.name])
    ]


def table_columns(table, rows: list[dict]) -> list[str]:
    """The table's columns, less the later-added optional ones this folder leaves blank, so that a
    report without e.g. published rates gets no empty column."""
    return [c.name for c in table.columns if not c.may_be_absent or any(r.get(c.name) not in (None, "") for r in rows)]


def tables_in_use(report: Report) -> list:
    """Every table a data folder must have, and the optional ones it filled."""
    return [t for t in TABLES if t.required_file or report.tables[t.name]]


def build_downloads(report: Report) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    columns = value_columns(report)
    for issue in report.issues:
        rows = []
        for kpi in issue.kpis:
            rows += _series_rows(report, report.indicator_term(kpi).label, kpi.kpi_id, "", kpi.series)
        for project in issue.projects:
            rows += project_rows(report, project)
        for variant, data in _encode(columns, rows).items():
            files[download_path("issues", issue.issue_id, variant)] = data
    for project in report.projects:
        for variant, data in _encode(columns, project_rows(report, project)).items():
            files[download_path("projects", project.project_id, variant)] = data
    for table in tables_in_use(report):
        rows = printed_rows(report, table)
        for variant, data in _encode(table_columns(table, rows), rows).items():
            files[download_path("all", table.name, variant)] = data
    return files
