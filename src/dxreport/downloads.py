"""Open data files: per issue, per project and the whole dataset.

Each table is offered as UTF-8 with BOM (opens correctly in Excel), plain
UTF-8 (no BOM) and JSON (an array of the same rows with the same keys).
"""
from __future__ import annotations

import io
import json

import pandas as pd

from .model import Project, Report, Series
from .schema import TABLES

VALUE_COLUMNS = ["種別", "ID", "PID", "名称", "単位", "良い方向", "年度", "予定", "実績", "備考"]


def issue_path(issue_id: str, variant: str) -> str:
    return f"opendata/issues/{issue_id}{variant}"


def project_path(project_id: str, variant: str) -> str:
    return f"opendata/projects/{project_id}{variant}"


def table_path(table: str, variant: str) -> str:
    return f"opendata/all/{table}{variant}"


VARIANTS = {
    ".csv": "CSV（UTF-8・BOMなし）",
    "-excel.csv": "CSV（Excel用・UTF-8 BOM付き）",
    ".json": "JSON（UTF-8）",
}


def _series_rows(kind: str, ident: str, pid: str, series: Series) -> list[dict]:
    direction = "小さいほど良い" if series.lower_is_better else "大きいほど良い"
    return [
        {"種別": kind, "ID": ident, "PID": pid, "名称": series.name, "単位": series.unit,
         "良い方向": direction, "年度": v.fiscal_year, "予定": v.planned, "実績": v.actual, "備考": v.note}
        for v in series.values
    ]


def _encode(frame: pd.DataFrame) -> dict[str, bytes]:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    text = buffer.getvalue()
    records = json.loads(frame.to_json(orient="records", force_ascii=False))
    return {
        ".csv": text.encode("utf-8"),
        "-excel.csv": text.encode("utf-8-sig"),
        ".json": (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
    }


def _intify(column: pd.Series) -> pd.Series:
    """Keep integers looking like integers in CSV and JSON (1020, not 1020.0)."""
    values = [None if v is None or pd.isna(v) else (int(v) if float(v).is_integer() else float(v)) for v in column]
    return pd.Series(values, index=column.index, dtype=object)  # object: pandas would turn 7 back into 7.0


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    for col in ("予定", "実績"):
        frame[col] = _intify(frame[col])
    return frame


def project_rows(project: Project) -> list[dict]:
    return _series_rows("活動指標", project.project_id, project.pid, project.series) if project.series else []


def build_downloads(report: Report) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for issue in report.issues:
        rows = []
        for kpi in issue.kpis:
            rows += _series_rows("KPI", kpi.kpi_id, "", kpi.series)
        for project in issue.projects:
            rows += project_rows(project)
        for variant, data in _encode(_frame(rows, VALUE_COLUMNS)).items():
            files[issue_path(issue.issue_id, variant)] = data
    for project in report.projects:
        for variant, data in _encode(_frame(project_rows(project), VALUE_COLUMNS)).items():
            files[project_path(project.project_id, variant)] = data
    for table in TABLES:
        frame = report.frames[table.name].copy()
        for col in table.columns:
            if col.kind == "number":
                frame[col.name] = _intify(frame[col.name])
        for variant, data in _encode(frame).items():
            files[table_path(table.name, variant)] = data
    return files
