"""Write a synthetic dataset of the same shape as data/, scaled N times.

    python scripts/synth.py OUT_DIR --scale 10 [--source data]

Every priority issue (with its texts, challenges, KPIs, values, steps and
projects) is replicated N times; copy k (k >= 2) gets "-xk" appended to every
id and every reference, and issue sort_order continues after the originals.
Cross-cutting projects (theme_id, no issue) are replicated too and keep
pointing at the same themes. report.csv, areas.csv and themes.csv are copied
as they are. Deterministic: the same input gives byte-identical output.
The result must pass `python -m dxreport check OUT_DIR`.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COPY_AS_IS = ("report", "areas", "themes")

# Columns holding an id or a reference that gets the copy suffix, per table.
ID_COLUMNS = {
    "issues": ("issue_id",),
    "issue_texts": ("issue_id",),
    "challenges": ("challenge_id", "issue_id"),
    "challenge_texts": ("challenge_id",),
    "kpis": ("kpi_id", "challenge_id"),
    "kpi_values": ("kpi_id",),
    "steps": ("step_id", "challenge_id"),
    "projects": ("project_id", "issue_id", "challenge_id", "step_id"),  # theme_id stays
    "project_values": ("project_id",),
    "project_phases": ("project_id",),
}


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def suffix(value: str, k: int) -> str:
    return value if k == 1 or not value.strip() else f"{value.strip()}-x{k}"


def replicate(name: str, rows: list[dict[str, str]], scale: int, max_sort: int) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    cols = ID_COLUMNS[name]
    # Copy by copy, so each table reads like the original repeated N times
    # (the project list keeps the original order within each copy).
    for k in range(1, scale + 1):
        for row in rows:
            new = dict(row)
            for c in cols:
                new[c] = suffix(row[c], k)
            if k > 1:
                if name == "issues":
                    new["sort_order"] = str(int(row["sort_order"]) + (k - 1) * max_sort)
                    new["field_name"] = f"{row['field_name']}{k}"
                elif name == "projects":
                    new["pid"] = " ".join(f"{p}-x{k}" for p in row["pid"].split())
            out.append(new)
    return out


def latest_edition(data_dir: Path) -> Path:
    """The folder of the latest edition of a data folder (the folder itself when it holds one)."""
    if (data_dir / "report.csv").exists():
        return data_dir
    return max((p for p in data_dir.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name)), key=lambda p: p.name)


def synthesise(source: Path, out: Path, scale: int) -> dict[str, int]:
    source = latest_edition(source)
    if scale < 1:
        raise SystemExit("--scale must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.csv"):
        old.unlink()
    counts: dict[str, int] = {}
    _, issues = read_table(source / "issues.csv")
    max_sort = max(int(r["sort_order"]) for r in issues)
    for name in COPY_AS_IS:
        shutil.copyfile(source / f"{name}.csv", out / f"{name}.csv")
        counts[name] = len(read_table(source / f"{name}.csv")[1])
    for name in ID_COLUMNS:
        header, rows = read_table(source / f"{name}.csv")
        new_rows = replicate(name, rows, scale, max_sort)
        write_table(out / f"{name}.csv", header, new_rows)
        counts[name] = len(new_rows)
    return counts


def synthesise_editions(source: Path, out: Path, count: int) -> list[int]:
    """`count` yearly editions of the latest edition's data, ending with its results year's plan end:
    each with its own results year, no actual after it, and one target revised per edition (so the
    comparison between editions has something to find)."""
    source = latest_edition(source)
    if out.exists():
        shutil.rmtree(out)
    _, report_rows = read_table(source / "report.csv")
    last = int(report_rows[0]["plan_end_year"])
    years = list(range(last - count + 1, last + 1))
    for n, year in enumerate(years):
        folder = out / str(year)
        shutil.copytree(source, folder)
        header, rows = read_table(folder / "report.csv")
        rows[0].update(results_fiscal_year=str(year), published_on=f"{year + 1}-09", data_as_of=f"{year + 1}-03-31")
        write_table(folder / "report.csv", header, rows)
        for table in ("kpi_values", "project_values"):
            header, rows = read_table(folder / f"{table}.csv")
            for r in rows:
                if int(r["fiscal_year"]) > year:
                    r["actual"] = ""
                elif r["planned"] and not r["actual"] and not r["note"]:
                    r["note"] = "集計中"  # no "missing actual" notes in the synthetic data
            for r in rows[: n + 1]:
                if r["planned"] and int(r["fiscal_year"]) > year:
                    r["planned"] = str(float(r["planned"]) + n).removesuffix(".0")
            write_table(folder / f"{table}.csv", header, rows)
    freeze_older(out, years)
    return years


def freeze_older(out: Path, years: list[int]) -> None:
    """Every edition but the latest is published, so recorded in the lock (as new-edition does)."""
    sys.path.insert(0, str(ROOT / "src"))
    from dxreport.editions import freeze

    for year in years[:-1]:
        freeze(out, year)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--source", type=Path, default=ROOT / "data")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    counts = synthesise(args.source, args.out_dir, args.scale)
    if not args.quiet:
        print(f"{args.out_dir}: scale {args.scale}x")
        for name, n in counts.items():
            print(f"  {name + '.csv':22} {n:6d} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
