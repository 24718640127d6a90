"""Command line: `python -m dxreport check [data_dir]` validates without building."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .validate import format_report, validate_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dxreport", description="進捗報告サイトのデータを確認します。")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="data/ の CSV を確認し、問題を日本語で表示します。")
    check.add_argument("data_dir", nargs="?", default="data")
    check.add_argument("--report", help="結果をこのファイルにも書き出します（Markdown）。")
    sub.add_parser("columns", help="data/README.md の列の説明（Markdown）を表示します。")
    args = parser.parse_args(argv)
    if args.command == "columns":
        sys.stdout.write(columns_markdown() + "\n")
        return 0

    data_dir = Path(args.data_dir)
    _, problems = validate_dir(data_dir, data_dir.as_posix().rstrip("/"))
    text = format_report(problems, data_dir.as_posix())
    sys.stdout.write(text)
    if args.report:
        Path(args.report).write_text(as_code_block(text), encoding="utf-8")
    return 1 if any(p.is_error for p in problems) else 0


def as_code_block(text: str) -> str:
    """Markdown that shows `text` literally (the PR job summary): the fence is longer than any run
    of backticks in it, so a value from the data cannot close the block and inject Markdown."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}{fence}\n"


def columns_markdown() -> str:
    """The column reference of data/README.md, generated from schema.TABLES."""
    from .schema import TABLES

    out = [
        "<!-- この節は `python -m dxreport columns` で作られます。直接編集せず、schema.py を直してください。 -->",
        "",
    ]
    for t in TABLES:
        out.append(f"### {t.filename}（{t.label}）")
        out.append("")
        out.append(
            t.description
            + ("（データの行がなくてもかまいません）" if not t.required_rows else "")
            + ("（ファイルがなくてもかまいません）" if not t.required_file else "")
        )
        out.append(f"一意になる列：{'・'.join(t.key)}")
        out.append("")
        out.append("| 列名 | 意味 | 必須 | 書き方 |")
        out.append("|---|---|---|---|")
        for c in t.columns:
            how = c.description
            if c.codes:
                how += f" 使える値：{'、'.join(c.codes)}"
            if c.example:
                how += f"（例：{c.example}）"
            need = "必須" if c.required else ("列ごと省略可" if c.may_be_absent else "")
            out.append(f"| `{c.name}` | {c.label} | {need} | {how.strip()} |")
        out.append("")
    return "\n".join(out)
