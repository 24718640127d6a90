"""One Excel workbook per edition: a sheet explaining the tables, the licence and the edition, then a
sheet per table with Japanese column labels and numbers stored as numbers (pandas + openpyxl).

Byte-identical for the same data: the document properties carry the data date, and the zip
entries a fixed timestamp (openpyxl stamps them with the time of writing). Being a pure function
of the edition's data and of this package's code, a workbook may be kept in a cache folder of the
project (build/cache/, never a shared temporary folder) under a key that covers the data, every
module of the package (column labels live in schema.py) and the versions of pandas and openpyxl.
A cached file is used only if it is a complete workbook; anything else is made anew. An archived
edition never changes, so its workbook is made once (0.16 s each, plus 0.24 s to import pandas).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import re
import zipfile
from importlib import metadata
from pathlib import Path

from . import codes
from .downloads import table_columns, tables_in_use
from .model import Report

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MAX_SHEET_NAME = 31  # Excel's limit
PACKAGE = Path(__file__).resolve().parent


def cached_workbook_bytes(report: Report, cache_dir: Path | None) -> bytes:
    """workbook_bytes, from cache_dir when the same data and code made it before (None: no cache)."""
    if cache_dir is None:
        return workbook_bytes(report)
    path = cache_dir / "workbooks" / f"{cache_key(report)}.xlsx"
    if path.is_file() and not path.is_symlink():
        data = path.read_bytes()
        if _is_complete_workbook(data):
            return data
    data = workbook_bytes(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)  # atomic: another build never reads half a file
    return data


def _is_complete_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None and "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@functools.cache
def _code_digest() -> bytes:
    """Everything besides the data that shapes a workbook: the package's modules (labels, columns,
    codes) and the libraries that write it."""
    digest = hashlib.sha256()
    for module in sorted(PACKAGE.glob("*.py")):
        digest.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    for library in ("pandas", "openpyxl"):
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    return digest.digest()


def cache_key(report: Report) -> str:
    digest = hashlib.sha256(_code_digest())
    meta = [
        report.title,
        report.results_fiscal_year,
        report.is_draft,
        report.published_on,
        report.data_as_of,
        report.municipality,
        report.source_title,
        report.source_url,
        report.license_name,
        report.license_url,
        report.license_note,
        report.licence.value,
        report.site_terms_url,
    ]
    tables = [report.tables, report.places]
    digest.update(json.dumps([meta, tables], ensure_ascii=False, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def workbook_bytes(report: Report) -> bytes:
    import pandas as pd  # only when a workbook is made

    tables = tables_in_use(report)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _about_sheet(report, tables).to_excel(writer, sheet_name="このファイルについて", index=False)
        for table in tables:
            rows = report.tables[table.name]
            columns = table_columns(table, rows)
            frame = pd.DataFrame(rows, columns=columns)
            frame = frame.rename(columns={c.name: f"{c.label}（{c.name}）" for c in table.columns})
            frame.to_excel(writer, sheet_name=_sheet_name(table), index=False)
            _printed_decimals(writer.sheets[_sheet_name(table)], columns, report.places[table.name])
        _finish_sheets(writer)
        data_date = dt.datetime.fromisoformat(report.data_as_of)
        writer.book.properties.created = data_date
        writer.book.properties.modified = data_date
        writer.book.properties.creator = report.municipality
        writer.book.properties.title = report.title
    return _fixed_timestamps(buffer.getvalue(), data_date)


def _about_sheet(report: Report, tables):
    licence = report.license_name + (f"（{report.license_note}）" if report.license_note else "")
    rows = [
        ("報告書", report.title),
        ("版", codes.edition_label(report.results_fiscal_year) + ("（下書き・未公開）" if report.is_draft else "")),
        ("公表年月", report.published_on),
        ("データ時点", report.data_as_of),
        (
            "出典",
            f"{report.municipality}「{report.source_title}」" + (f" {report.source_url}" if report.source_url else ""),
        ),
        (
            "利用規約" if report.free_use else "データの利用条件",
            licence + (f" {report.license_url}" if report.license_url else ""),
        ),
        ("", ""),
        ("シート", "内容"),
    ]
    if not report.free_use:
        rows.insert(-2, ("", _NOT_STATED + (f" {report.site_terms_url}" if report.site_terms_url else "")))
    rows += [(_sheet_name(t), f"{t.label}：{t.description}") for t in tables]
    rows += [
        ("", ""),
        ("注意", "数値のセルは数値として入っています。空欄は「公表されていない」ことを表し、0 とは違います。"),
    ]
    import pandas as pd

    return pd.DataFrame(rows, columns=["項目", "内容"])


_NOT_STATED = (
    "出典の資料にデータの利用規約の記載はありません。このファイルはデータの自由な利用を認めるものではありません。"
)


def _sheet_name(table) -> str:
    return f"{table.name}（{table.label}）"[:MAX_SHEET_NAME]


def _printed_decimals(sheet, columns: list[str], places: list[dict[str, int]]) -> None:
    """Numbers stay numbers and show the decimals they were printed with (52.0, not 52)."""
    for index, row_places in enumerate(places, start=2):  # row 1 is the header
        for column, n in row_places.items():
            if n and column in columns:
                sheet.cell(row=index, column=columns.index(column) + 1).number_format = "#,##0." + "0" * n


def _finish_sheets(writer) -> None:
    """Text stays text (openpyxl would store "=…" as a formula, which Excel runs); columns fit."""
    for sheet in writer.book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
        for column in sheet.columns:
            width = max((len(str(c.value)) if c.value is not None else 0) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(8, width * 2))


def _fixed_timestamps(data: bytes, data_date: dt.datetime) -> bytes:
    """Zip entries with a fixed time; the document's "modified" (openpyxl writes the time of saving) set
    to the data date."""
    stamp = data_date.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", content
                )
            target.writestr(fixed, content)
    return out.getvalue()
