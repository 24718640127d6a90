"""Editions: one published report per results fiscal year, each in its own folder.

A data folder is either one edition (its CSV files directly inside, as a new government starts)
or a set of editions, one sub-folder per results year (`data/2023/`, `data/2024/`, …). Staff do
the yearly update in the newest folder only; `new-edition` starts it as a copy of the last one.
Once the next edition is started, the previous one is frozen: its validated rows are recorded in
`published.lock.json` beside the folders, and any later change to a value it published is an
error that names the file, row, column, the published value and the new one.

Why an error and not a warning: the public record of what was published must not move. A real
correction belongs in the next edition (with a note); rewriting history needs a deliberate,
reviewed change of the lock file (`python -m dxreport freeze YEAR --force`).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import codes
from .csvio import MAX_FILE_BYTES, decode
from .lockfile import LOCK_FILE, LockError, parse_lock, read_lock_bytes, write_lock_file
from .problems import ERROR, WARNING, DataError, Problem
from .safety import UNSAFE_CHARS, visible
from .schema import TABLES, TABLES_BY_NAME
from .validate import Dataset, format_report, validate_dir

# An edition folder is named by its results year in ASCII digits ("２０２３" is not one: Unicode
# \d would take it, and two spellings of one year would make two editions).
EDITION_FOLDER = re.compile(r"[0-9]{4}", re.ASCII)
# The whole data folder, every edition together, is bounded so that the largest data `check` passes
# still builds in minutes and under 2 GB on a 2-core build machine (scripts/bench_worst.py measures
# it). Sasebo's edition is 0.16 MB and 123 pages; Nagasaki's two editions 0.05 MB.
MAX_DATA_BYTES = 20 * 1024 * 1024
MAX_PAGES = 12_000  # issue, project and area pages of every edition, the latest counted at both addresses
_LINK_FIX = "データのフォルダには、普通のフォルダと Excel で保存した CSV ファイルだけを置いてください。"


@dataclass(frozen=True)
class EditionSource:
    """Where one edition's CSV files are, and how messages name that folder."""

    year: int | None  # the folder's year; None for a single-edition folder
    path: Path
    label: str


def edition_sources(data_dir: Path, label: str) -> list[EditionSource]:
    """The editions of a data folder, oldest first (scan_editions, without its problems)."""
    return scan_editions(data_dir, label)[0]


def scan_editions(data_dir: Path, label: str) -> tuple[list[EditionSource], list[Problem]]:
    """The editions of a data folder, oldest first, and what in the folder's layout cannot be trusted:
    links (a pull request could point one outside the repository), names with invisible or
    control characters, year folders not named in ASCII digits, CSV files beside edition folders."""
    if not data_dir.is_dir() or data_dir.is_symlink():
        problems = [_layout(label, "", "データのフォルダがリンクです。", _LINK_FIX)] if data_dir.is_symlink() else []
        return [EditionSource(None, data_dir, label)], problems
    problems = _names_problems(data_dir, label)
    folders = []
    for entry in sorted(data_dir.iterdir()):
        name = entry.name
        if entry.is_symlink():
            problems.append(_layout(label, name, "リンク（シンボリックリンク）は使えません。", _LINK_FIX))
        elif entry.is_dir() and EDITION_FOLDER.fullmatch(name):
            folders.append(entry)
            problems += _names_problems(entry, f"{label}/{name}")
        elif entry.is_dir() and EDITION_FOLDER.fullmatch(unicodedata.normalize("NFKC", name)):
            problems.append(
                _layout(
                    label,
                    name,
                    "版のフォルダの名前が全角の数字です。",
                    f"フォルダの名前を半角の数字4桁（{unicodedata.normalize('NFKC', name)}）にしてください。",
                )
            )
    folders.sort(key=lambda p: int(p.name))
    if not folders:
        return [EditionSource(None, data_dir, label)], problems
    problems += [
        _layout(
            label,
            p.name,
            "版のフォルダがあるのに、データのフォルダの直下に CSV ファイルがあります（どの版のデータか分かりません）。",
            "このファイルを、その年度の版のフォルダ（例：" + folders[-1].name + "/）に移すか、削除してください。",
        )
        for p in sorted(data_dir.glob("*.csv"))
        if not p.is_symlink()
    ]
    return [EditionSource(int(p.name), p, f"{label}/{p.name}") for p in folders], problems


def _size_problem(sources: list[EditionSource], label: str) -> Problem | None:
    """The data files of every edition together, measured before any is read (a file over the
    limit of one file is reported by its own name instead)."""
    sizes = [
        path.stat().st_size
        for source in sources
        for table in TABLES
        if (path := source.path / table.filename).is_file() and not path.is_symlink()
    ]
    total = sum(sizes)
    if total <= MAX_DATA_BYTES or max(sizes) > MAX_FILE_BYTES:
        return None
    return _layout(
        label,
        "",
        f"データが大きすぎます（すべての版の CSV を合わせて {total / 1024 / 1024:.1f} MB。"
        f"{MAX_DATA_BYTES // (1024 * 1024)} MB まで）。",
        "別の内容が貼り付けられていないか確かめてください。本当に必要な大きさなら、サイトの管理者に相談してください。",
    )


def _page_count_problems(label: str, datasets: list[Dataset]) -> list[Problem]:
    pages = 0
    for i, ds in enumerate(datasets):
        count = sum(len(ds.tables.get(name) or []) for name in ("issues", "projects", "areas"))
        pages += count * (2 if i == len(datasets) - 1 else 1)  # the latest: usual and permanent address
    if pages <= MAX_PAGES:
        return []
    return [
        _layout(
            label,
            "",
            f"ページが多すぎます（すべての版を合わせて {pages:,} ページ。{MAX_PAGES:,} ページまで）。",
            "同じ行の繰り返しや、別の表の内容が貼り付けられていないか確かめてください。"
            "本当に必要な数なら、サイトの管理者に相談してください。",
        )
    ]


def _layout(label: str, name: str, message: str, fix: str) -> Problem:
    return Problem(f"{label}/{visible(name, 80)}" if name else label, None, None, None, message, fix, ERROR)


def _names_problems(folder: Path, label: str) -> list[Problem]:
    """Names with control, bidi or invisible characters would reach reports, terminals and logs
    (a newline then "::error" writes a CI annotation); such a name is shown escaped, never raw."""
    return [
        _layout(
            label,
            entry.name,
            "ファイルかフォルダの名前に、表示できない文字（改行・制御文字・文字の向きを変える文字など）があります。",
            "名前を付け直してください（半角の英数字とハイフンだけにするのが確実です）。",
        )
        for entry in sorted(folder.iterdir())
        if UNSAFE_CHARS.search(entry.name)
    ]


def validate_editions(data_dir: Path, label: str | None = None) -> tuple[list[Dataset], list[Problem]]:
    """Every edition checked on its own (plan period, results year), then against the others."""
    label = label or data_dir.name
    sources, problems = scan_editions(data_dir, label)
    if any(p.is_error for p in problems):
        return [], problems  # nothing in a folder that cannot be trusted is read
    too_big = _size_problem(sources, label)
    if too_big:
        return [], [too_big]
    datasets = []
    for i, source in enumerate(sources):
        ds, found = validate_dir(source.path, source.label)
        datasets.append(ds)
        # Notes on older editions are no longer actionable (they are as published): errors only.
        problems += found if i == len(sources) - 1 else [p for p in found if p.is_error]
        problems += _folder_year_problems(source, ds)
    problems += _lock_problems(data_dir, label, sources, datasets)
    problems += _page_count_problems(label, datasets)
    if len(sources) > 1 or sources[0].year is not None:
        problems += _draft_problems(sources, datasets)
    return datasets, problems


def load_editions(data_dir: Path, label: str | None = None) -> list[Dataset]:
    """The datasets of every edition, oldest first, or DataError with the Japanese report."""
    datasets, problems = validate_editions(data_dir, label)
    if any(p.is_error for p in problems):
        raise DataError(problems, format_report(problems, label or data_dir.name))
    for ds in datasets:
        ds.warnings = []
    if datasets:
        datasets[-1].warnings = [p for p in problems if not p.is_error]
    return datasets


def _report_row(ds: Dataset):
    rows = ds.tables.get("report") or []
    return rows[0] if rows else None


def _folder_year_problems(source: EditionSource, ds: Dataset) -> list[Problem]:
    report = _report_row(ds)
    if source.year is None or report is None or report.results_fiscal_year == source.year:
        return []
    return [
        Problem(
            f"{source.label}/report.csv",
            ds.rows["report"][0],
            "results_fiscal_year",
            str(report.results_fiscal_year),
            f"フォルダ「{source.year}」の版なのに、実績の年度が {report.results_fiscal_year} になっています。",
            f"results_fiscal_year を {source.year} にするか、フォルダの名前を実績の年度にしてください。",
        )
    ]


def _draft_problems(sources: list[EditionSource], datasets: list[Dataset]) -> list[Problem]:
    """A draft is allowed only as the newest edition; its unfilled fields are listed as warnings."""
    problems = []
    for i, (source, ds) in enumerate(zip(sources, datasets)):
        report = _report_row(ds)
        if report is None or report.status != codes.EDITION_DRAFT:
            continue
        if i < len(sources) - 1:
            problems.append(
                Problem(
                    f"{source.label}/report.csv",
                    ds.rows["report"][0],
                    "status",
                    report.status,
                    "新しい版があるのに、この版が下書きのままです。",
                    "この版の記入を終えて status を「公開」にしてください。",
                )
            )
        elif i > 0:
            problems += unfilled_fields(source, ds, datasets[i - 1])
    return problems


def unfilled_fields(source: EditionSource, ds: Dataset, previous: Dataset) -> list[Problem]:
    """What the yearly update still has to fill in a draft: each a warning naming its cell."""
    out: list[Problem] = []

    def warn(table: str, row: int, column: str, what: str, fix: str) -> None:
        out.append(Problem(f"{source.label}/{table}.csv", row, column, None, what, fix, WARNING))

    for ch, row in zip(ds.tables.get("challenges", []), ds.rows.get("challenges", [])):
        if ch.progress_mark is None:
            warn("challenges", row, "progress_mark", f"課題「{ch.challenge_id}」の進捗がまだ空欄です。", _FILL_MARK)
    # Blank actuals of the results year are already warned about by validate_dir.
    had = {k.kpi_id for k in previous.tables.get("kpis", []) if k.evaluation}
    for k, row in zip(ds.tables.get("kpis", []), ds.rows.get("kpis", [])):
        if k.kpi_id in had and not k.evaluation:
            warn("kpis", row, "evaluation", f"指標「{k.kpi_id}」の進捗状況・評価がまだ空欄です。", _FILL_TEXT)
    out += _missing_sections(source, ds, previous)
    return out


_FILL_MARK = "報告書で公表する進捗（予定どおり・遅れている・評価不能）を入力してください。"
_FILL_TEXT = "今年度の報告書の文章を入力してください。"


def _missing_sections(source: EditionSource, ds: Dataset, previous: Dataset) -> list[Problem]:
    """Yearly text sections the previous edition had and the draft does not have yet."""
    out = []
    for table, key, sections in (
        ("issue_texts", "issue_id", codes.YEARLY_ISSUE_SECTIONS),
        ("challenge_texts", "challenge_id", codes.YEARLY_CHALLENGE_SECTIONS),
        ("project_texts", "project_id", codes.YEARLY_PROJECT_SECTIONS),
    ):
        now = {(getattr(r, key), r.section) for r in ds.tables.get(table, [])}
        before = sorted({(getattr(r, key), r.section) for r in previous.tables.get(table, []) if r.section in sections})
        for owner, section in before:
            if (owner, section) not in now:
                out.append(
                    Problem(
                        f"{source.label}/{table}.csv",
                        None,
                        "section",
                        section,
                        f"「{owner}」の「{section}」の文章がまだありません（前の版にはありました）。",
                        f"{key} が {owner}、section が {section} の行を追加して、今年度の文章を書いてください。",
                        WARNING,
                    )
                )
    return out


# --- The lock: what each frozen edition published ---------------------------------------------


def _row_key(table_name: str, row) -> str:
    return " / ".join(str(getattr(row, k)) for k in TABLES_BY_NAME[table_name].key)


def _snapshot(ds: Dataset) -> dict:
    """Every validated row of an edition, by table and key: compact and diffable."""
    out = {}
    for table in TABLES:
        rows = ds.tables.get(table.name) or []
        if not rows:
            continue
        columns = [c.name for c in table.columns]
        dumped = [r.model_dump(mode="json") for r in rows]
        out[table.name] = {
            "columns": columns,
            "rows": {_row_key(table.name, r): [d[c] for c in columns] for r, d in zip(rows, dumped)},
        }
    return out


def read_lock(data_dir: Path) -> dict:
    """The frozen editions recorded in the lock, or LockError."""
    data = read_lock_bytes(data_dir / LOCK_FILE, data_dir)
    return {} if data is None else parse_lock(data)


def freeze(data_dir: Path, year: int, force: bool = False) -> None:
    """Record what the edition of `year` published; later changes to it are then errors."""
    try:
        lock = read_lock(data_dir)
    except LockError as err:
        problem = _lock_file_problem(data_dir.name, err)
        raise DataError([problem], format_report([problem], data_dir.name)) from None
    if str(year) in lock and not force:
        return
    folder = data_dir / str(year)
    if folder.is_symlink() or not folder.is_dir():
        problem = _layout(data_dir.name, str(year), "この年度の版のフォルダがありません。", _LINK_FIX)
        raise DataError([problem], format_report([problem], data_dir.name))
    ds, problems = validate_dir(folder, f"{data_dir.name}/{year}")
    if any(p.is_error for p in problems):
        raise DataError(problems, format_report(problems, f"{data_dir.name}/{year}"))
    lock[str(year)] = _snapshot(ds)
    write_lock_file(data_dir, lock)


def _lock_file_problem(label: str, err: LockError) -> Problem:
    return Problem(f"{label}/{LOCK_FILE}", None, None, None, err.message, err.fix)


def _lock_problems(data_dir: Path, label: str, sources: list[EditionSource], datasets: list[Dataset]) -> list:
    """The lock read as untrusted data, every edition it records still present and unchanged, and
    every edition but the latest recorded (new-edition freezes the one before)."""
    try:
        lock = read_lock(data_dir)
    except LockError as err:
        return [_lock_file_problem(label, err)]
    years = {s.year for s in sources}
    problems: list[Problem] = [
        _layout(
            label,
            year,
            f"公開済みの版（{year}年度）のフォルダがありません。公開した版は消せません。",
            f"{year} のフォルダを元に戻してください（{LOCK_FILE} に記録があります）。",
        )
        for year in sorted(lock, key=int)
        if int(year) not in years
    ]
    problems += [
        Problem(
            f"{label}/{LOCK_FILE}",
            None,
            None,
            str(s.year),
            f"{s.year}年度の版は、新しい版があるのに確定されていません（公開したときの値の記録がありません）。",
            f"python -m dxreport freeze {s.year} で確定してください（new-edition で新しい版を作ると自動で確定します）。",
        )
        for s in sources[:-1]
        if str(s.year) not in lock
    ]
    for source, ds in zip(sources, datasets):
        frozen = lock.get(str(source.year))
        if frozen is None:
            continue
        now = _snapshot(ds)
        for table_name, old in frozen.items():
            problems += _table_changes(source, ds, table_name, old, now.get(table_name))
        problems += [
            Problem(
                f"{source.label}/{name}.csv",
                None,
                None,
                None,
                "公開済みの版に、公開したときになかった表が増えています。",
                _REVERT,
            )
            for name in sorted(set(now) - set(frozen))
        ]
    return problems


def lock_changes(base_dir: Path, data_dir: Path, label: str) -> list[Problem]:
    """What a change did to the lock, against the data it started from (the pull request's base):
    a published edition dropped from it is an error; a record rewritten (freeze --force, a
    correction of a published edition) is shown for the reviewer to confirm."""
    try:
        base, now = read_lock(base_dir), read_lock(data_dir)
    except LockError:
        return []  # a broken lock in this change is reported by the check itself
    where = f"{label}/{LOCK_FILE}"
    problems = [
        Problem(
            where,
            None,
            None,
            year,
            f"公開済みの版（{year}年度）の記録が消えています。公開した版は消せません。",
            f"{LOCK_FILE} と {year} のフォルダを元に戻してください。",
        )
        for year in sorted(base, key=int)
        if year not in now
    ]
    for year in sorted(set(base) & set(now), key=int):
        changed = _changed_rows(base[year], now[year])
        if changed:
            problems.append(
                Problem(
                    where,
                    None,
                    None,
                    year,
                    f"公開済みの版（{year}年度）の記録が書き換えられています（{changed}行。freeze --force による訂正）。",
                    "公開済みの版の訂正です。承認する前に、変わった値が正しい訂正かどうかを確かめてください。",
                    WARNING,
                )
            )
    return problems


def _changed_rows(old: dict, new: dict) -> int:
    count = 0
    for table in set(old) | set(new):
        rows_old = (old.get(table) or {}).get("rows", {})
        rows_new = (new.get(table) or {}).get("rows", {})
        count += sum(1 for key in set(rows_old) | set(rows_new) if rows_old.get(key) != rows_new.get(key))
    return count


_REVERT = (
    "公開済みの版は変えられません。元に戻してください。訂正は新しい年度の版で行い、備考に訂正であることを書きます。"
)


def is_frozen_change(problem: Problem) -> bool:
    """A problem of validate_editions that is a change to an edition frozen in published.lock.json,
    or to the lock itself."""
    return problem.fix == _REVERT or problem.file.endswith("/" + LOCK_FILE)


def _table_changes(source: EditionSource, ds: Dataset, table_name: str, old: dict, new: dict | None) -> list:
    path = f"{source.label}/{table_name}.csv"
    new_rows = (new or {}).get("rows", {})
    numbers = {_row_key(table_name, r): n for r, n in zip(ds.tables.get(table_name, []), ds.rows.get(table_name, []))}
    problems = []
    for key, values in old["rows"].items():
        if key not in new_rows:
            problems.append(
                Problem(path, None, None, visible(key), "公開済みの版から、公開した行が消えています。", _REVERT)
            )
            continue
        current = dict(zip(new["columns"], new_rows[key]))  # type: ignore[index]
        for column, value in zip(old["columns"], values):
            if current.get(column) != value:
                problems.append(
                    Problem(
                        path,
                        numbers.get(key),
                        column,
                        _shown(current.get(column)),
                        f"公開済みの版の値が変わっています（公開した値：「{visible(_shown(value))}」）。",
                        _REVERT,
                    )
                )
    for key in sorted(set(new_rows) - set(old["rows"])):
        problems.append(
            Problem(
                path, numbers.get(key), None, key, "公開済みの版に、公開したときになかった行が増えています。", _REVERT
            )
        )
    return problems


def _shown(value) -> str:
    if value is None:
        return "（空欄）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- Starting the next edition ------------------------------------------------------------------


class EditionError(ValueError):
    """The next edition cannot be started; the message is Japanese."""


def new_edition(data_dir: Path, year: int) -> list[str]:
    """Start the edition of `year` as a copy of the latest one; returns what was done, in Japanese.
    Everything is checked before anything is written, so a refusal changes nothing; the new folder
    is made under a temporary name and renamed into place once complete."""
    datasets, problems = validate_editions(data_dir, data_dir.name)
    if any(p.is_error for p in problems):
        raise DataError(problems, format_report(problems, data_dir.name))
    sources = edition_sources(data_dir, data_dir.name)
    last_report = _report_row(datasets[-1])
    latest_year = sources[-1].year or last_report.results_fiscal_year
    if year <= latest_year:
        raise EditionError(
            f"{year}年度の版は作れません。いちばん新しい版は {latest_year}年度です。それより後の年度を指定してください。"
        )
    if last_report.status == codes.EDITION_DRAFT:
        raise EditionError(
            f"{latest_year}年度の版がまだ下書きです。先にその版を仕上げて status を「公開」にしてください。"
        )
    taken = [data_dir / str(year)] + ([data_dir / str(latest_year)] if sources[0].year is None else [])
    for path in taken:
        if path.exists() or path.is_symlink():
            raise EditionError(f"{path.as_posix()} はもうあります。")
    done: list[str] = []
    latest = sources[-1] if sources[0].year is not None else _move_into_edition_folder(data_dir, latest_year, done)
    freeze(data_dir, latest_year)
    done.append(f"{latest_year}年度の版を確定しました（{LOCK_FILE} に記録。これ以降、この版の値は変えられません）。")
    target = data_dir / str(year)
    partial = data_dir / f".{year}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        for table in TABLES:  # only the tables the site reads: validated regular files
            if (latest.path / table.filename).is_file():
                shutil.copyfile(latest.path / table.filename, partial / table.filename)
        _start_report(partial, latest_year, year)
        cleared = _clear_yearly_fields(partial)
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    done.append(f"{target.as_posix()}/ を {latest_year}年度の版の写しから作りました（下書き）。")
    done += cleared
    return done


def _move_into_edition_folder(data_dir: Path, year: int, done: list[str]) -> EditionSource:
    """A single-edition folder becomes the first edition folder (its results year)."""
    folder = data_dir / str(year)
    partial = data_dir / f".{year}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    for csv_file in sorted(data_dir.glob("*.csv")):
        csv_file.rename(partial / csv_file.name)
    partial.rename(folder)
    done.append(f"これまでのCSVを {folder.as_posix()}/ に移しました（{year}年度の版）。")
    return EditionSource(year, folder, folder.as_posix())


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text, _ = decode(path.read_bytes())
    reader = csv.DictReader(io.StringIO(text or ""))
    return list(reader.fieldnames or []), [r for r in reader if any((v or "").strip() for v in r.values())]


def _write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """UTF-8 with BOM, CRLF: what Excel writes as「CSV UTF-8」, so staff's next save changes nothing else."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _start_report(folder: Path, old_year: int, year: int) -> None:
    header, rows = _read_rows(folder / "report.csv")
    header += [c for c in ("status",) if c not in header]
    row = rows[0]
    old_era, new_era = codes.era_year(old_year), codes.era_year(year)
    for column in ("title", "source_title", "site_description"):
        if row.get(column):
            row[column] = row[column].replace(old_era, new_era)
    row.update(results_fiscal_year=str(year), status=codes.EDITION_DRAFT, published_on="")
    row["data_as_of"] = f"{year + 1}-03-31"  # the end of the fiscal year the results are for
    _write_rows(folder / "report.csv", header, rows)


def _clear_yearly_fields(folder: Path) -> list[str]:
    """Blank what each year's report writes anew: marks, evaluations, yearly texts."""
    done = []
    path = folder / "challenges.csv"
    if path.exists():
        header, rows = _read_rows(path)
        if "progress_mark" in header:
            for r in rows:
                r["progress_mark"] = ""
            _write_rows(path, header, rows)
            done.append("challenges.csv：進捗（progress_mark）を空欄にしました。")
    path = folder / "kpis.csv"
    if path.exists():
        header, rows = _read_rows(path)
        for r in rows:
            r["evaluation"] = ""
        _write_rows(path, header, rows)
        done.append("kpis.csv：進捗状況・評価（evaluation）を空欄にしました。")
    for table, sections in (
        ("issue_texts", codes.YEARLY_ISSUE_SECTIONS),
        ("challenge_texts", codes.YEARLY_CHALLENGE_SECTIONS),
        ("project_texts", codes.YEARLY_PROJECT_SECTIONS),
    ):
        path = folder / f"{table}.csv"
        if path.exists():
            header, rows = _read_rows(path)
            kept = [r for r in rows if r["section"] not in sections]
            _write_rows(path, header, kept)
            done.append(
                f"{table}.csv：その年度の文章（{'・'.join(sections)}）の行を消しました（{len(rows) - len(kept)}行）。"
            )
    return done


def next_steps(data_dir: Path, year: int) -> str:
    folder = (data_dir / str(year)).as_posix()
    return "\n".join(
        [
            "次にすること：",
            f"1. {folder}/report.csv の報告書名・公表年月（published_on）を確かめます。",
            f"2. {folder}/kpi_values.csv と project_values.csv に {year}年度の実績を入力します（予定は前の版のまま入っています。"
            "見直した目標はそのまま書き換えます）。",
            f"3. {folder}/challenges.csv の進捗、kpis.csv の評価、*_texts.csv の今年度の文章を書きます。",
            "4. make check で確かめます。まだ空欄のところは「注意」として一覧になります（サイトは作れます）。",
            "5. できたところまででプルリクエストを出してかまいません。サイトには「下書き」と表示され、公開はされません。",
            f"6. すべて書けたら {folder}/report.csv の status を「公開」にします。これで公開できるようになります。",
        ]
    )
