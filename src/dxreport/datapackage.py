"""The open data describes itself: a Frictionless Data Package (datapackage.json) beside each edition's
whole-table CSV files, with a Table Schema per CSV made from schema.py (names, Japanese titles and
descriptions, types, required columns, code lists, keys and references), and the licence only where
the source states one (codes.LICENCES). `frictionless validate` reads it (tests/test_downloads.py).
"""

from __future__ import annotations

import hashlib
import json

from . import codes
from .downloads import download_path, printed_rows, table_columns, tables_in_use
from .model import Report
from .schema import ID_PATTERN, MAX_ID_LENGTH, Column, Table

# Table Schema types of the schema.py column kinds.
_TYPES = {"int": "integer", "year": "integer", "number": "number", "date": "date"}


def datapackage_path() -> str:
    """Beside the whole-table CSV files it describes (each edition has its own)."""
    return download_path("all", "datapackage", ".json")


def _field(column: Column) -> dict:
    field: dict = {"name": column.name, "title": column.label, "type": _TYPES.get(column.kind, "string")}
    if column.description:
        field["description"] = column.description
    constraints: dict = {}
    if column.required:
        constraints["required"] = True
    if column.codes:
        constraints["enum"] = list(column.codes)
    if column.kind in ("id", "ref"):
        constraints.update(pattern=ID_PATTERN.strip("^$"), maxLength=MAX_ID_LENGTH)
    if column.kind == "number":
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def _foreign_keys(table: Table, names: list[str], present: set[str]) -> list[dict]:
    """References to the tables this edition publishes (an absent optional table has no rows to refer to)."""
    keys = []
    for column in table.columns:
        if column.ref is None or column.name not in names:
            continue
        other, other_column = column.ref.split(".")
        if other in present:
            keys.append({"fields": [column.name], "reference": {"resource": other, "fields": [other_column]}})
    return keys


def _resource(table: Table, names: list[str], data: bytes, present: set[str]) -> dict:
    by_name = {c.name: c for c in table.columns}
    schema: dict = {"fields": [_field(by_name[n]) for n in names], "missingValues": [""]}
    schema["primaryKey"] = list(table.key)
    foreign = _foreign_keys(table, names, present)
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.label,
        "description": table.description,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True, "header": True},
        "schema": schema,
    }


def _licences(report: Report) -> list[dict]:
    """The licence the source states, if it grants reuse; none otherwise (nothing is granted)."""
    if not report.free_use:
        return []
    licence: dict = {}
    if report.licence.package_name:
        licence["name"] = report.licence.package_name
    if report.license_url:
        licence["path"] = report.license_url
    if not licence:
        return []  # a licence entry needs a name or a path
    licence["title"] = report.license_name + (f"（{report.license_note}）" if report.license_note else "")
    return [licence]


def _description(report: Report) -> str:
    edition = codes.edition_label(report.results_fiscal_year)
    text = f"{report.municipality}「{report.title}」のデータ（{edition}の版、データ時点 {report.data_as_of_label}）。"
    if report.free_use:
        return text + f"利用規約：{report.license_name}。"
    return text + "出典の資料にデータの利用規約の記載はありません。このデータの自由な利用を認めるものではありません。"


def datapackage_bytes(report: Report, files: dict[str, bytes]) -> bytes:
    """datapackage.json for the edition's whole-table CSV files (plain UTF-8, no BOM) in `files`."""
    tables = tables_in_use(report)
    present = {t.name for t in tables}
    resources = []
    for table in tables:
        names = table_columns(table, printed_rows(report, table))
        resources.append(_resource(table, names, files[download_path("all", table.name, ".csv")], present))
    package: dict = {
        "profile": "tabular-data-package",
        "name": f"report-{report.results_fiscal_year}",
        "title": report.title,
        "description": _description(report),
        "created": f"{report.data_as_of}T00:00:00Z",
        "sources": [{"title": f"{report.municipality}「{report.source_title}」", **_path(report.source_url)}],
        "contributors": [{"title": report.municipality, "role": "publisher"}],
    }
    licences = _licences(report)
    if licences:
        package["licenses"] = licences
    package["resources"] = resources
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _path(url: str) -> dict:
    return {"path": url} if url else {}
