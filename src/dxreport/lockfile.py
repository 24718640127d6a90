"""published.lock.json: what each frozen edition published, read and written as untrusted data.

A pull request can change the lock like any data file, so it is read as one: a regular file inside
the data folder (never a link: a staff member's `freeze` would write through it), at most
MAX_LOCK_BYTES, parsed with every value checked against a fixed shape (years, table names, columns,
rows of scalar values of bounded length). It is written only by `freeze`/`new-edition`, in one
canonical form, through a temporary file renamed into place, so a hand edit shows as one.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

from .csvio import MAX_CELL_CHARS
from .safety import UNSAFE_CHARS, visible
from .schema import TABLES_BY_NAME
from .validate import MAX_NUMBER

LOCK_FILE = "published.lock.json"
# Sasebo's whole edition is 160 KB of CSV and Nagasaki's lock 33 KB; the data folder is bounded by
# csvio.MAX_DATA_BYTES, and a row's JSON is at most about twice its CSV.
MAX_LOCK_BYTES = 64 * 1024 * 1024
MAX_KEY_CHARS = 1_000
_YEAR = re.compile(r"[0-9]{4}", re.ASCII)


class LockError(ValueError):
    """The lock cannot be used; message and fix are Japanese."""

    def __init__(self, message: str, fix: str = ""):
        super().__init__(message)
        self.message = message
        self.fix = fix or "published.lock.json を元に戻してください（git で変更を取り消します）。"


def dump_lock(editions: dict) -> str:
    """The one form `freeze` writes (sorted keys, one-space indent, a final newline)."""
    return json.dumps({"editions": editions}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _refuse_constant(name: str):
    raise LockError(f"数値として使えない値（{name}）があります。")


def parse_lock(data: bytes) -> dict:
    """The editions of a lock file's bytes, or LockError saying what is wrong."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LockError("UTF-8 として読めません。") from None
    try:
        parsed = json.loads(text, parse_constant=_refuse_constant)
    except LockError:
        raise
    except (ValueError, RecursionError):
        # RecursionError: nesting deeper than any lock has; ValueError: JSON errors and integers
        # longer than Python converts.
        raise LockError("JSON として読めません（書式が壊れているか、入れ子が深すぎます）。") from None
    if not isinstance(parsed, dict) or set(parsed) != {"editions"} or not isinstance(parsed["editions"], dict):
        raise LockError('中身の形が違います（{"editions": {年度: …}} ではありません）。')
    for year, tables in parsed["editions"].items():
        _check_edition(year, tables)
    if text.replace("\r\n", "\n") != dump_lock(parsed["editions"]):
        raise LockError(
            "手で書き換えられています（freeze が書く形と違います）。",
            "published.lock.json を元に戻してください。公開済みの版を訂正するときは、"
            "python -m dxreport freeze 年度 --force で作り直します。",
        )
    return parsed["editions"]


def _check_edition(year: object, tables: object) -> None:
    if not isinstance(year, str) or not _YEAR.fullmatch(year):
        raise LockError(f"版の年度「{visible(str(year), 20)}」が半角数字4桁ではありません。")
    if not isinstance(tables, dict):
        raise LockError(f"{year}年度の記録の形が違います。")
    for name, table in tables.items():
        if name not in TABLES_BY_NAME:
            raise LockError(f"{year}年度の記録に、ない表「{visible(str(name), 40)}」があります。")
        _check_table(year, name, table)


def _check_table(year: str, name: str, table: object) -> None:
    where = f"{year}年度の {name}"
    if not isinstance(table, dict) or set(table) != {"columns", "rows"}:
        raise LockError(f"{where} の記録の形が違います。")
    columns, rows = table["columns"], table["rows"]
    _check_columns(where, name, columns)
    if not isinstance(rows, dict):
        raise LockError(f"{where} の記録の形が違います。")
    for key, values in rows.items():
        if len(key) > MAX_KEY_CHARS or UNSAFE_CHARS.search(key):
            raise LockError(f"{where} の行のキー「{visible(key, 40)}」が使えません。")
        if not isinstance(values, list) or len(values) != len(columns):
            raise LockError(f"{where} の行「{visible(key, 40)}」の値の数が列の数と合いません。")
        for value in values:
            _check_value(where, key, value)


def _check_columns(where: str, name: str, columns: object) -> None:
    known = {c.name for c in TABLES_BY_NAME[name].columns}
    if not isinstance(columns, list) or not all(isinstance(c, str) and c in known for c in columns):
        raise LockError(f"{where} の列の記録に、その表にない列があります。")
    if len(set(columns)) != len(columns):
        raise LockError(f"{where} の列の記録に、同じ列が2回あります。")


def _check_value(where: str, key: str, value: object) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise LockError(f"{where} の行「{visible(key, 40)}」に、大きすぎる数値があります。")
        return
    if not isinstance(value, str) or len(value) > MAX_CELL_CHARS or UNSAFE_CHARS.search(value):
        raise LockError(f"{where} の行「{visible(key, 40)}」に、使えない値があります。")


def read_lock_bytes(path: Path, data_dir: Path) -> bytes | None:
    """The lock's bytes (None when there is none), refusing what is not a regular file of the folder."""
    if not _refuse_non_file(path, data_dir):
        return None
    with path.open("rb") as handle:
        data = handle.read(MAX_LOCK_BYTES + 1)
    if len(data) > MAX_LOCK_BYTES:
        raise LockError(f"大きすぎます（{MAX_LOCK_BYTES // (1024 * 1024)} MB まで）。")
    return data


def _refuse_non_file(path: Path, data_dir: Path) -> bool:
    """False when there is no lock; LockError when it is a link or not a regular file of the folder."""
    if not path.exists() and not path.is_symlink():
        return False
    if path.is_symlink() or not path.resolve().is_relative_to(data_dir.resolve()):
        raise LockError(
            "リンク（シンボリックリンク）になっています。リンクの先に書き込まれるおそれがあるため、使えません。",
            "published.lock.json のリンクを削除し、元のファイルに戻してください。",
        )
    if not path.is_file():
        raise LockError("普通のファイルではありません。", "published.lock.json を元のファイルに戻してください。")
    return True


def write_lock_file(data_dir: Path, editions: dict) -> None:
    """Write the lock in place of the old one, never through a link: the new text goes to a temporary
    file in the same folder, which is then renamed over the lock (a rename replaces a link itself)."""
    path = data_dir / LOCK_FILE
    _refuse_non_file(path, data_dir)  # a link or a non-file is refused before anything is written
    partial = data_dir / f".{LOCK_FILE}.partial"
    if partial.is_symlink() or partial.exists():
        partial.unlink()
    with open(partial, "x", encoding="utf-8", newline="\n") as out:
        out.write(dump_lock(editions))
    os.replace(partial, path)
