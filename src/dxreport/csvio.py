"""Reading CSV as Excel writes it: UTF-8 (with or without BOM) or CP932, CRLF or LF.

Returns rows keyed by header with the row number Excel shows (header = row 1),
plus problems found while decoding and splitting. Nothing is guessed: bytes
that are neither valid UTF-8 nor valid CP932 are an error, and so is a file that
mixes the two (decoding it whole as CP932 would publish mojibake).

Data comes from pull requests, so it is untrusted: limits keep a huge or endless
file from exhausting the build, and characters that cannot be shown safely
(control characters, noncharacters, bidirectional overrides) are refused.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from .problems import Problem
from .safety import UNSAFE_CHARS, code_point

UTF8_BOM = b"\xef\xbb\xbf"

# Limits far above any real report (Sasebo's largest table: 604 rows, 60 KB, 300 characters a cell).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_CELL_CHARS = 10_000

csv.field_size_limit(MAX_FILE_BYTES)


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
            return data[len(UTF8_BOM) :].decode("utf-8"), "UTF-8（BOM付き）"
        except UnicodeDecodeError:
            return None, ""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if mixed_encoding_line(data):
        return None, ""
    try:
        return data.decode("cp932"), "Shift_JIS（CP932）"
    except UnicodeDecodeError:
        return None, ""


def mixed_encoding_line(data: bytes) -> tuple[int, int, int] | None:
    """(first line, count, total) of the minority encoding when non-ASCII lines are partly valid
    UTF-8 and partly not (a file pasted together from two saves); None when the file is one encoding."""
    utf8_lines, other_lines = [], []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines.append(number)
        except UnicodeDecodeError:
            other_lines.append(number)
    if not utf8_lines or not other_lines:
        return None
    minority = utf8_lines if len(utf8_lines) < len(other_lines) else other_lines
    return minority[0], len(minority), len(utf8_lines) + len(other_lines)


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
    """Decode and parse one CSV into rows keyed by header; None when the file cannot be read at all."""
    text, encoding, problem = _decoded_text(path, data)
    if problem:
        return None, [problem]
    assert text is not None
    records, problem = _records(path, text)
    if problem:
        return None, [problem]
    _, header = records[0]
    table = RawTable(path=path, header=[h.strip() for h in header], encoding=encoding)
    problems = _fill_rows(table, records)
    return table, problems


def _decoded_text(path: str, data: bytes) -> tuple[str | None, str, Problem | None]:
    """The file's text and encoding, or the one problem that stops reading it."""
    text, encoding = decode(data)
    mixed = None if text is not None else mixed_encoding_line(data)
    if mixed:
        line, count, total = mixed
        return (
            None,
            encoding,
            Problem(
                path,
                line,
                None,
                None,
                f"UTF-8 の行と Shift_JIS の行が混ざっています（日本語を含む {total} 行のうち {count} 行が、"
                f"ほかの行と違う文字コードです。最初は {line} 行目）。このままでは文字化けして公開されます。",
                "別のファイルから行を貼り付けたときに起こります。Excel でファイルを開き、文字化けした行を直してから、"
                "「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。",
            ),
        )
    if text is None:
        return (
            None,
            encoding,
            Problem(
                path,
                _first_bad_line(data),
                None,
                None,
                "文字コードを読み取れません（UTF-8 でも Shift_JIS でもない文字があります）。",
                "Excel の「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。",
            ),
        )
    if not text.strip():
        return (
            None,
            encoding,
            Problem(
                path,
                1,
                None,
                None,
                "ファイルが空です（見出しの行もありません）。",
                "元のファイルを取り直し、1行目に見出し（列名）があることを確かめてください。",
            ),
        )
    return text, encoding, None


def _records(path: str, text: str) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """(Excel row number, cells) of every line, or the problem that makes the file unreadable."""
    # strict: a quote that does not close is an error, not a silent merge of lines.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    excel_row = 0
    try:
        for cells in reader:
            excel_row += 1
            if excel_row > MAX_ROWS + 1:
                return records, Problem(
                    path,
                    excel_row,
                    None,
                    None,
                    f"行が多すぎます（見出しを除いて {MAX_ROWS:,} 行まで読み込みます）。",
                    "別の表の内容や、同じ行の繰り返しが貼り付けられていないか確かめてください。",
                )
            records.append((excel_row, cells))
    except csv.Error:
        return records, Problem(
            path,
            excel_row + 1,
            None,
            None,
            '引用符（"）の対応がとれていません。閉じていない " があります。',
            'この行のセルの " を確かめてください。文章の中で " を使う場合は Excel から保存し直すと正しく書き出されます。',
        )
    return records, None


def _fill_rows(table: RawTable, records: list[tuple[int, list[str]]]) -> list[Problem]:
    """Add the data rows to the table; blank, misaligned and unsafe rows are reported instead."""
    problems: list[Problem] = []
    path, header = table.path, table.header
    # Blank lines (or rows of empty cells) at the end are what Excel leaves; in the middle they are a mistake.
    last_content = max((n for n, cells in records if any(c.strip() for c in cells)), default=1)
    for number, cells in records[1:]:
        if not any(c.strip() for c in cells):
            if number < last_content:
                problems.append(
                    Problem(
                        path,
                        number,
                        None,
                        None,
                        "空の行があります。",
                        "この行を削除してください（Excel では行番号を右クリックして「削除」）。",
                    )
                )
            continue
        if len(cells) != len(header):
            problems.append(
                Problem(
                    path,
                    number,
                    None,
                    None,
                    f"セルの数が {len(cells)} 個で、見出しの列の数（{len(header)} 個）と合いません。",
                    "セルの中のコンマ（,）や、列のずれを確かめてください。",
                )
            )
            continue
        cell_problems = [p for name, value in zip(header, cells) if (p := cell_problem(path, number, name, value))]
        problems.extend(cell_problems)
        table.rows.append((number, dict(zip(header, cells))))
    return problems


def cell_problem(path: str, row: int, column: str, value: str) -> Problem | None:
    """A cell that cannot be published as it is: too long, a line break, or an unsafe character."""
    if len(value) > MAX_CELL_CHARS:
        return Problem(
            path,
            row,
            column,
            value,
            f"セルの文字が多すぎます（{len(value):,} 文字。{MAX_CELL_CHARS:,} 文字まで）。",
            "文章を短くするか、段落ごとに行を分けて seq（順番）を付けてください。",
        )
    if "\n" in value or "\r" in value:
        return Problem(
            path,
            row,
            column,
            value,
            "セルの中に改行があります。",
            "改行を削除してください。段落を分けたいときは、行を分けて seq（順番）を付けます。",
        )
    bad = UNSAFE_CHARS.search(value)
    if bad:
        return Problem(
            path,
            row,
            column,
            value,
            f"画面に表示できない文字（{code_point(bad.group())}、制御文字など）が {bad.start() + 1} 文字目に入っています。",
            "その文字を削除してください（見えないことが多いので、セルの文章を入力し直すのが確実です）。"
            "Shift_JIS で保存したファイルなら、UTF-8 で保存し直すと直ることがあります。",
        )
    return None
