"""Reading CSV as Excel writes it: UTF-8 (with or without BOM) or CP932, CRLF or LF.

Returns rows keyed by header with the row number Excel shows (header = row 1),
plus problems found while decoding and splitting. Nothing is guessed: bytes
that are neither valid UTF-8 nor valid CP932 are an error.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .problems import Problem

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class RawTable:
    path: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (excel row, cells)
    encoding: str = "utf-8"


def decode(data: bytes) -> tuple[str | None, str]:
    """Return (text, encoding name); text is None when undecodable."""
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM):].decode("utf-8"), "UTF-8（BOM付き）"
        except UnicodeDecodeError:
            return None, ""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932"), "Shift_JIS（CP932）"
    except UnicodeDecodeError:
        return None, ""


def _first_bad_line(data: bytes) -> int:
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line.decode("cp932")
            except UnicodeDecodeError:
                return number
    return 1


def read_csv(path: str, data: bytes) -> tuple[RawTable | None, list[Problem]]:
    problems: list[Problem] = []
    text, encoding = decode(data)
    if text is None:
        problems.append(Problem(
            path, _first_bad_line(data), None, None,
            "文字コードを読み取れません（UTF-8 でも Shift_JIS でもない文字があります）。",
            "Excel の「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。",
        ))
        return None, problems
    if not text.strip():
        problems.append(Problem(
            path, 1, None, None, "ファイルが空です（見出しの行もありません）。",
            "元のファイルを取り直し、1行目に見出し（列名）があることを確かめてください。",
        ))
        return None, problems

    # strict: a quote that does not close is an error, not a silent merge of lines.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    excel_row = 0
    try:
        for cells in reader:
            excel_row += 1
            records.append((excel_row, cells))
    except csv.Error:
        problems.append(Problem(
            path, excel_row + 1, None, None,
            "引用符（\"）の対応がとれていません。閉じていない \" があります。",
            "この行のセルの \" を確かめてください。文章の中で \" を使う場合は Excel から保存し直すと正しく書き出されます。",
        ))
        return None, problems

    header_row, header = records[0]
    header = [h.strip() for h in header]
    table = RawTable(path=path, header=header, encoding=encoding)
    # Blank lines (or rows of empty cells) at the end are what Excel leaves; in the middle they are a mistake.
    last_content = max((n for n, cells in records if any(c.strip() for c in cells)), default=1)
    for number, cells in records[1:]:
        if not any(c.strip() for c in cells):
            if number < last_content:
                problems.append(Problem(
                    path, number, None, None, "空の行があります。",
                    "この行を削除してください（Excel では行番号を右クリックして「削除」）。",
                ))
            continue
        if len(cells) != len(header):
            problems.append(Problem(
                path, number, None, None,
                f"セルの数が {len(cells)} 個で、見出しの列の数（{len(header)} 個）と合いません。",
                "セルの中のコンマ（,）や、列のずれを確かめてください。",
            ))
            continue
        row = {}
        for name, value in zip(header, cells):
            if "\n" in value or "\r" in value:
                problems.append(Problem(
                    path, number, name, value, "セルの中に改行があります。",
                    "改行を削除してください。段落を分けたいときは、行を分けて seq（順番）を付けます。",
                ))
            row[name] = value
        table.rows.append((number, row))
    return table, problems
