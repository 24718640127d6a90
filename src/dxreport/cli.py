"""Command line: `python -m dxreport check [data_dir]` validates without building;
`new-edition YEAR` starts the next yearly edition; `freeze YEAR` records a published one;
`diff BASE [HEAD]` says what a data change does to the public site."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .problems import ERROR, DataError, Problem
from .safety import guarded_output
from .validate import format_report


def main(argv: list[str] | None = None) -> int:
    # Every command's output is about untrusted data: each line is shown literally and can never
    # be read as a GitHub Actions workflow command (safety.guard_line).
    with guarded_output():
        return _main(argv)


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dxreport", description="進捗報告サイトのデータを確認します。")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="data/ の CSV を確認し、問題を日本語で表示します。")
    check.add_argument("data_dir", nargs="?", default="data")
    check.add_argument("--report", help="結果をこのファイルにも書き出します（Markdown）。")
    check.add_argument("--publish", action="store_true", help="公開の前の確認：下書きの版があればエラーにします。")
    check.add_argument(
        "--base",
        help="変更前のデータのフォルダ（プルリクエストの元）。公開済みの版の記録が消えていればエラーにします。",
    )
    new = sub.add_parser("new-edition", help="次の年度の版を、いちばん新しい版の写しから作ります（下書き）。")
    new.add_argument("year", type=int, help="新しい版の実績の年度（西暦。令和6年度なら 2024）")
    new.add_argument("--data", default="data", help="データのフォルダ（既定は data）")
    freeze = sub.add_parser("freeze", help="公開した版を確定し、published.lock.json に記録します。")
    freeze.add_argument("year", type=int)
    freeze.add_argument("--data", default="data")
    freeze.add_argument("--force", action="store_true", help="記録をいまの値で置き換えます（公開済みの版の訂正）。")
    sub.add_parser("columns", help="data/README.md の列の説明（Markdown）を表示します。")
    diff = sub.add_parser("diff", help="2つのデータのフォルダを比べ、公開されるサイトで変わることを表示します。")
    diff.add_argument("base_dir", help="比べるもとのデータのフォルダ（例：main のデータの写し）")
    diff.add_argument("head_dir", nargs="?", default="data", help="新しいデータのフォルダ（既定は data）")
    diff.add_argument("--report", help="結果をこのファイルにも書き出します（Markdown。ジョブの概要用）。")
    diff.add_argument("--site-url", default=os.environ.get("SITE_URL", ""), help="ページのアドレスの前に付ける URL")
    args = parser.parse_args(argv)
    if args.command == "columns":
        sys.stdout.write(columns_markdown() + "\n")
        return 0
    if args.command == "diff":
        return _diff(args)
    if args.command == "new-edition":
        return _new_edition(Path(args.data), args.year)
    if args.command == "freeze":
        from .editions import freeze as freeze_edition

        try:
            freeze_edition(Path(args.data), args.year, force=args.force)
        except DataError as err:
            sys.stdout.write(err.report)
            return 1
        sys.stdout.write(f"{args.year}年度の版を確定しました（{Path(args.data).as_posix()}/published.lock.json）。\n")
        return 0
    return _check(Path(args.data_dir), args.report, args.publish, args.base)


def _check(data_dir: Path, report_file: str | None, publish: bool, base: str | None = None) -> int:
    from .editions import edition_sources, lock_changes, validate_editions

    label = data_dir.as_posix().rstrip("/")
    datasets, problems = validate_editions(data_dir, label)
    if base:
        problems += lock_changes(Path(base), data_dir, label)
    if publish:
        problems += _drafts(edition_sources(data_dir, label), datasets)
    text = format_report(problems, data_dir.as_posix())
    sys.stdout.write(text)
    if report_file:
        Path(report_file).write_text(as_code_block(text), encoding="utf-8")
    return 1 if any(p.is_error for p in problems) else 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import compare_folders, to_markdown, to_text

    result = compare_folders(Path(args.base_dir), Path(args.head_dir), site_url=args.site_url)
    sys.stdout.write(to_text(result))
    if args.report:
        Path(args.report).write_text(to_markdown(result), encoding="utf-8")
    return 1 if result.failed else 0


def _drafts(sources, datasets) -> list[Problem]:
    """Publishing stops while any edition is a draft."""
    from . import codes

    out = []
    for source, ds in zip(sources, datasets):
        rows = ds.tables.get("report") or []
        if rows and rows[0].status == codes.EDITION_DRAFT:
            out.append(
                Problem(
                    f"{source.label}/report.csv",
                    ds.rows["report"][0],
                    "status",
                    rows[0].status,
                    "下書きの版があるため、公開できません。",
                    "記入を終えてから status を「公開」にしてください（空欄の項目は make check の「注意」に出ます）。",
                    ERROR,
                )
            )
    return out


def _new_edition(data_dir: Path, year: int) -> int:
    from .editions import EditionError, new_edition, next_steps

    try:
        done = new_edition(data_dir, year)
    except EditionError as err:
        sys.stdout.write(f"新しい版を作れませんでした：{err}\n")
        return 1
    except DataError as err:
        sys.stdout.write("新しい版を作る前に、いまのデータの誤りを直してください。\n" + err.report)
        return 1
    sys.stdout.write(
        "\n".join(["新しい版を作りました。", *[f"- {line}" for line in done], "", next_steps(data_dir, year)]) + "\n"
    )
    return 0


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
