"""Validate every CSV in data/ and collect all problems in one run.

Row typing is done by pydantic models generated from schema.TABLES; the
cross-table rules (unique keys, references, year ranges) are checked here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, create_model

from . import codes, reserved, scales
from .csvio import MAX_FILE_BYTES, read_csv
from .precision import places_validator
from .problems import ERROR, WARNING, DataError, Problem
from .schema import ID_PATTERN, MAX_ID_LENGTH, TABLES, TABLES_BY_NAME, Column, Table

_GROUPED_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# Far above any count, amount or percentage in a report; keeps rates and charts finite.
MAX_NUMBER = 1e15
_MODELS: dict[str, type[BaseModel]] = {}


def _field_type(col: Column) -> Any:
    if col.kind in ("id", "ref"):
        base: Any = Annotated[str, Field(pattern=ID_PATTERN, max_length=MAX_ID_LENGTH)]
    elif col.kind == "int":
        base = Annotated[int, Field(ge=1, strict=False)]
    elif col.kind == "year":
        base = Annotated[int, Field(ge=1989, le=2100)]
    elif col.kind == "number":
        base = Annotated[float, BeforeValidator(_plain_number), Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False)]
    elif col.kind == "code":
        base = Literal[col.codes]  # type: ignore[valid-type]
    elif col.kind == "date":
        base = dt.date
    elif col.kind == "url":
        base = Annotated[str, Field(pattern=r"^https?://\S+$")]
    elif col.max_chars:
        base = Annotated[str, Field(max_length=col.max_chars)]
    else:
        base = str
    return (base, ...) if col.required else (base | None, None)


def row_model(table: Table) -> type[BaseModel]:
    if table.name not in _MODELS:
        fields = {c.name: _field_type(c) for c in table.columns}
        # The decimals each number cell was written with (52.0 stays 52.0 on the pages): precision.py.
        numbers = tuple(c.name for c in table.columns if c.kind == "number")
        fields["places"] = (dict[str, int], Field(default_factory=dict))
        _MODELS[table.name] = create_model(  # type: ignore[call-overload]
            f"{table.name.title()}Row",
            __config__=ConfigDict(extra="forbid", frozen=True),
            __validators__={"record_places": places_validator(numbers)},
            **fields,
        )
    return _MODELS[table.name]


def normalise_cell(col: Column, value: str) -> str | None:
    """Blank -> None; full-width digits/letters in machine fields -> ASCII; 1,020 -> 1020."""
    value = value.strip().strip("\u3000")
    if not value:
        return None
    if col.kind in ("id", "ref", "int", "year", "number", "code", "date", "url"):
        value = unicodedata.normalize("NFKC", value).strip()
        if col.kind in ("id", "ref"):
            value = value.lower() if value.isascii() else value
    if col.kind == "number":
        value = value.replace("−", "-").replace("ー", "-") if value.startswith(("−", "ー")) else value
        if _GROUPED_NUMBER.match(value):
            value = value.replace(",", "")
    return value


def _plain_number(value: Any) -> Any:
    """Only plain notation: float() would also take 1e300, inf and nan, which no report prints."""
    if isinstance(value, str) and not _PLAIN_NUMBER.match(value):
        raise ValueError("not a plain number")
    return value


def _translate(col: Column, error: Any) -> tuple[str, str]:
    """The Japanese message and fix for one pydantic error on one cell."""
    etype = error["type"]
    example = f"例: {col.example}" if col.example else ""
    if etype == "missing":
        return "必ず入力する列が空欄です。", f"{col.label}を入力してください。{example}"
    if etype == "string_too_long" and col.kind in ("text", "mark"):
        return (
            f"長すぎます（{col.max_chars}文字まで）。この言葉はすべてのページに表示されます。",
            f"{col.label}を短くしてください。{example}",
        )
    explain = _EXPLAIN_BY_KIND.get(col.kind)
    if explain is None:
        return "値が正しくありません。", f"{col.label}を確かめてください。"
    return explain(col, etype, example)


def _explain_code(col: Column, etype: str, example: str) -> tuple[str, str]:
    choices = "、".join(col.codes)
    optional = "（該当しなければ空欄）" if not col.required else ""
    return "決められた値のどれでもありません。", f"次のどれかを入力してください: {choices}{optional}"


def _explain_id(col: Column, etype: str, example: str) -> tuple[str, str]:
    if etype == "string_too_long":
        return (
            f"IDが長すぎます（{MAX_ID_LENGTH}文字まで）。",
            "URLやファイル名に使うため、短い英小文字・数字・ハイフンのIDにしてください。" + example,
        )
    return "IDに使えない文字があります。", "英小文字・数字・ハイフン（-）だけで書いてください。" + example


def _explain_year(col: Column, etype: str, example: str) -> tuple[str, str]:
    if etype in ("greater_than_equal", "less_than_equal"):
        return "年度として正しくありません。", "西暦4桁で入力してください（令和5年度なら 2023）。"
    return "年度として読めません。", "西暦4桁の半角数字で入力してください（令和5年度なら 2023）。"


def _explain_int(col: Column, etype: str, example: str) -> tuple[str, str]:
    if etype in ("greater_than_equal", "less_than_equal"):
        return "1以上の整数を入力してください。", f"1, 2, 3 … の整数を入力してください。{example}"
    return "整数として読めません。", f"半角の整数だけを入力してください。{example}"


def _explain_number(col: Column, etype: str, example: str) -> tuple[str, str]:
    if etype == "greater_than_equal":
        return "マイナスの値になっています。", "予定・実績は 0 以上の数値です。符号や入力位置を確かめてください。"
    if etype == "less_than_equal":
        return "値が大きすぎます（1000兆まで）。", "桁や単位の入力ミスでないか確かめてください。"
    return (
        "数値として読めません（数字以外の文字が入っています）。",
        "数字だけを入力してください（単位・※・「件」などは入れません。単位は単位の列に書きます）。"
        "「実施済」などの文字を残したいときは、数値の列を空欄にして note 列に書いてください。",
    )


_EXPLAIN_BY_KIND = {
    "code": _explain_code,
    "id": _explain_id,
    "ref": _explain_id,
    "year": _explain_year,
    "int": _explain_int,
    "number": _explain_number,
    "date": lambda col, etype, example: ("日付として読めません。", "2024-03-31 のように 年-月-日 で入力してください。"),
    "url": lambda col, etype, example: ("URLとして読めません。", "https:// から始まるURLを入力してください。"),
}


@dataclass
class Dataset:
    tables: dict[str, list[Any]] = field(default_factory=dict)  # name -> typed rows
    rows: dict[str, list[int]] = field(default_factory=dict)  # name -> excel row numbers
    encodings: dict[str, str] = field(default_factory=dict)
    # every id seen, typed or not, so a row with another error is not also reported as missing
    seen_ids: dict[str, set] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)


def _check_table(table: Table, path: str, data: bytes, ds: Dataset, problems: list[Problem]) -> None:
    """Read one CSV and type its rows; rows with a problem are reported and left out."""
    raw, read_problems = read_csv(path, data)
    problems.extend(read_problems)
    if raw is None:
        return
    ds.encodings[table.name] = raw.encoding
    header_problems = _header_problems(table, path, raw.header)
    problems.extend(header_problems)
    if header_problems:
        return
    if not raw.rows and table.required_rows and not read_problems:
        problems.append(
            Problem(
                path, 2, None, None, "見出しの行だけで、データの行がありません。", "2行目からデータを入力してください。"
            )
        )
        return
    typed, numbers = [], []
    for excel_row, cells in raw.rows:
        row = _typed_row(table, path, excel_row, cells, ds, problems)
        if row is not None:
            typed.append(row)
            numbers.append(excel_row)
    ds.tables[table.name] = typed
    ds.rows[table.name] = numbers


def _header_problems(table: Table, path: str, header: list[str]) -> list[Problem]:
    """Missing, unknown and doubled columns: any of them stops the reading of the table."""
    expected = [c.name for c in table.columns]
    problems = [
        Problem(
            path,
            1,
            c.name,
            None,
            f"見出しに「{c.name}」列がありません。",
            f"1行目に「{c.name}」列（{c.label}）を追加してください。列の順番は自由です。",
        )
        for c in table.columns
        if c.name not in header and not c.may_be_absent
    ]
    problems += [
        Problem(
            path,
            1,
            name or "（空欄）",
            name,
            "見出しに知らない列があります。",
            "列名のつづりを確かめてください。使える列: " + "、".join(expected),
        )
        for name in header
        if name not in expected
    ]
    problems += [
        Problem(path, 1, name, None, "同じ名前の列が2つあります。", "片方の列を削除してください。")
        for name in sorted({n for n in header if header.count(n) > 1})
    ]
    return problems


def _typed_row(
    table: Table, path: str, excel_row: int, cells: dict[str, str], ds: Dataset, problems: list[Problem]
) -> Any | None:
    """One row as its typed model, or None with its problems reported."""
    values = {c.name: normalise_cell(c, cells.get(c.name, "")) for c in table.columns}
    id_columns = [col for col in table.columns if col.kind == "id"]
    for col in id_columns:
        ds.seen_ids.setdefault(f"{table.name}.{col.name}", set()).add(values[col.name])
    try:
        row = row_model(table)(**values)
    except ValidationError as exc:
        for err in exc.errors():
            col = table.column(str(err["loc"][0]))
            message, fix = _translate(col, err)
            problems.append(Problem(path, excel_row, col.name, cells.get(col.name), message, fix))
        return None
    reserved = [
        problem
        for col in id_columns
        if (problem := _reserved_id_problem(table, col, getattr(row, col.name), path, excel_row))
    ]
    problems.extend(reserved)
    return None if reserved else row


def _reserved_id_problem(table: Table, col: Column, value: str, path: str, row: int) -> Problem | None:
    """An id that would silently replace another page or download of the site (reserved.py)."""
    if not reserved.is_reserved_page_name(value):
        return None
    return Problem(
        path,
        row,
        col.name,
        value,
        "このIDはサイトのページやファイルの名前と重なるため使えません。",
        f"別のIDにしてください（「{reserved.DOWNLOAD_SUFFIX}」で終わるIDと、"
        f"{'・'.join(sorted(reserved.FIXED_PAGES))} は使えません）。",
    )


def _shown(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _path(table: Table, data_dir_label: str) -> str:
    return f"{data_dir_label}/{table.filename}"


class _Reporter:
    """Adds cross-table problems for one data folder (file path from the table name)."""

    def __init__(self, ds: Dataset, label: str, problems: list[Problem]):
        self.ds, self.label, self.problems = ds, label, problems

    def rows(self, table: str):
        return zip(self.ds.tables.get(table, []), self.ds.rows.get(table, []))

    def __call__(self, table: str, row: int, col: str | None, value, message: str, fix: str, severity=ERROR):
        self.problems.append(
            Problem(
                _path(TABLES_BY_NAME[table], self.label),
                row,
                col,
                None if value is None else str(value),
                message,
                fix,
                severity,
            )
        )


def _check_unique_keys(p: _Reporter) -> None:
    for table in TABLES:
        seen: dict[tuple, int] = {}
        for row, number in p.rows(table.name):
            key = tuple(getattr(row, k) for k in table.key)
            if key in seen:
                shown = " / ".join(str(k) for k in key)
                p(
                    table.name,
                    number,
                    table.key[-1] if len(table.key) > 1 else table.key[0],
                    shown,
                    f"{'・'.join(table.key)} の組み合わせが {seen[key]}行目と重複しています。",
                    "同じ内容が2回入っていないか確かめ、片方を削除するか値を直してください。",
                )
            else:
                seen[key] = number


def _check_references(p: _Reporter) -> None:
    for table in TABLES:
        for col in table.columns:
            if col.kind != "ref" or col.ref is None:
                continue
            target, target_col = col.ref.split(".")
            if target not in p.ds.tables:
                continue  # that file already has its own errors
            valid = p.ds.seen_ids.get(col.ref, set())
            for row, number in p.rows(table.name):
                value = getattr(row, col.name)
                if value is not None and value not in valid:
                    p(
                        table.name,
                        number,
                        col.name,
                        value,
                        f"「{value}」は {target}.csv の {target_col} 列にありません。",
                        f"つづりを確かめるか、先に {target}.csv に「{value}」の行を追加してください。",
                    )


def _check_report_row(p: _Reporter):
    """The single report row, or None (then the year checks cannot run)."""
    reports = p.ds.tables.get("report", [])
    if len(reports) > 1:
        p(
            "report",
            p.ds.rows["report"][1],
            None,
            None,
            "報告書の情報は1行だけにしてください。",
            "2行目以降を削除してください。",
        )
    if not reports:
        return None
    report = reports[0]
    first, last, results = report.plan_start_year, report.plan_end_year, report.results_fiscal_year
    if first > last:
        p(
            "report",
            p.ds.rows["report"][0],
            "plan_end_year",
            last,
            "計画の最後の年度が最初の年度より前です。",
            "plan_start_year と plan_end_year を確かめてください。",
        )
    elif not _earliest_year(report) <= results <= last:
        p(
            "report",
            p.ds.rows["report"][0],
            "results_fiscal_year",
            results,
            "実績の年度が計画期間の外です。",
            f"{_earliest_year(report)}〜{last} の間の年度を入力してください。",
        )
    bounds = (report.grade_a_min, report.grade_b_min, report.grade_c_min)
    if any(b is not None for b in bounds) and not (
        all(b is not None for b in bounds) and bounds[0] > bounds[1] > bounds[2] > 0  # type: ignore[operator]
    ):
        p(
            "report",
            p.ds.rows["report"][0],
            "grade_a_min",
            " / ".join("" if b is None else str(b) for b in bounds),
            "達成度の区分（grade_a_min・grade_b_min・grade_c_min）が正しくありません。",
            "3つとも入力し、A ＞ B ＞ C ＞ 0 の順にしてください（例：100・90・80）。使わないときは3つとも空欄にします。",
        )
    if not report.published_on and report.status != codes.EDITION_DRAFT:
        p(
            "report",
            p.ds.rows["report"][0],
            "published_on",
            None,
            "公表年月が空欄です（空欄にできるのは下書きの版だけです）。",
            "元の報告書の公表年月を 2024-09 のように入力してください。まだ作成中なら status 列を「下書き」にします。",
        )
    return report


def _earliest_year(report) -> int:
    """Values may start before the plan: at the base year, or at a results year evaluated
    just before a new plan starts (Nagasaki reported R2 results under the plan R3-R7)."""
    return min(report.plan_start_year, report.base_year or report.plan_start_year)


def _check_yearly_values(p: _Reporter, report) -> None:
    last, results = report.plan_end_year, report.results_fiscal_year
    first = min(_earliest_year(report), results)
    for name in ("kpi_values", "project_values", "project_phases", "project_budgets"):
        for row, number in p.rows(name):
            if getattr(row, "base", None) and row.fiscal_year <= last:
                continue  # a base value may lie before the plan period
            if not first <= row.fiscal_year <= last:
                p(
                    name,
                    number,
                    "fiscal_year",
                    row.fiscal_year,
                    f"計画期間（{first}〜{last}年度）の外の年度です。",
                    "年度の入力ミスでないか確かめてください。計画期間を変えるときは report.csv を直します。",
                )
            elif name in ("kpi_values", "project_values"):
                _check_value_row(p, name, number, row, results)


def _check_value_row(p: _Reporter, name: str, number: int, row, results: int) -> None:
    if row.actual is not None and row.fiscal_year > results:
        p(
            name,
            number,
            "actual",
            _shown(row.actual),
            f"{results}年度より後の年度に実績が入っています。",
            "年度の列がずれていないか確かめてください。",
        )
    if row.planned is None and row.actual is None and not row.note:
        p(name, number, None, None, "予定・実績・備考がすべて空欄です。", "この行を削除してください。", WARNING)
    elif row.fiscal_year <= results and row.planned is not None and row.actual is None and not row.note:
        p(
            name,
            number,
            "actual",
            None,
            f"{row.fiscal_year}年度は実績をまとめる年度ですが、予定だけで実績がありません。",
            "実績を入力してください。実績がない理由があれば note 列に書いてください。",
            WARNING,
        )


def _check_project_hierarchy(p: _Reporter) -> None:
    """Every project hangs where its pages can show it: issue > challenge > step, or a theme."""
    challenges = {c.challenge_id: c for c in p.ds.tables.get("challenges", [])}
    steps = {s.step_id: s for s in p.ds.tables.get("steps", [])}
    for row, number in p.rows("projects"):
        _check_project_parents_given(p, row, number)
        _check_project_parents_agree(p, row, number, challenges, steps)


def _check_project_parents_given(p: _Reporter, row: Any, number: int) -> None:
    """A lower level needs the level above it on the same row."""
    if row.issue_id is None and row.theme_id is None:
        p(
            "projects",
            number,
            "issue_id",
            None,
            "重点課題IDもテーマIDも空欄です。",
            "issue_id（重点課題）か theme_id（分野を横断する取組）のどちらかを入力してください。",
        )
    if row.challenge_id and not row.issue_id:
        p(
            "projects",
            number,
            "issue_id",
            None,
            "課題IDがあるのに重点課題IDが空欄です。",
            f"課題「{row.challenge_id}」の重点課題IDを issue_id 列に入力してください。",
        )
    if row.step_id and not row.challenge_id:
        p(
            "projects",
            number,
            "challenge_id",
            None,
            "ステップIDがあるのに課題IDが空欄です。",
            f"ステップ「{row.step_id}」の課題IDを challenge_id 列に入力してください。",
        )


def _check_project_parents_agree(p: _Reporter, row: Any, number: int, challenges: dict, steps: dict) -> None:
    """The challenge belongs to the row's issue and the step to the row's challenge."""
    ch = challenges.get(row.challenge_id or "")
    if ch and row.issue_id and ch.issue_id != row.issue_id:
        p(
            "projects",
            number,
            "challenge_id",
            row.challenge_id,
            f"課題「{row.challenge_id}」は重点課題「{ch.issue_id}」の課題で、この行の issue_id「{row.issue_id}」と合いません。",
            "issue_id と challenge_id の組み合わせを確かめてください。",
        )
    st = steps.get(row.step_id or "")
    if st and row.challenge_id and st.challenge_id != row.challenge_id:
        p(
            "projects",
            number,
            "step_id",
            row.step_id,
            f"ステップ「{row.step_id}」は課題「{st.challenge_id}」のステップで、この行の challenge_id と合いません。",
            "challenge_id と step_id の組み合わせを確かめてください。",
        )


def _check_indicator_owners(p: _Reporter) -> None:
    """An indicator belongs to exactly one issue, challenge or project: its page shows it."""
    for row, number in p.rows("kpis"):
        owners = [o for o in (row.issue_id, row.challenge_id, row.project_id) if o]
        if len(owners) != 1:
            p(
                "kpis",
                number,
                "challenge_id",
                " / ".join(owners) or None,
                "指標がどこに属するかは1つだけ書きます（今は"
                + ("空欄です" if not owners else f"{len(owners)}つあります")
                + "）。",
                "issue_id（重点課題の指標）、challenge_id（課題の指標）、project_id（プロジェクトの指標）の"
                "どれか1つだけを入力してください。",
            )


def _check_extra_challenge_links(p: _Reporter) -> None:
    """A further challenge of a project is not its first one (it may belong to another issue: a project
    can serve challenges of several issues, as Nagasaki's do)."""
    challenges = {c.challenge_id: c for c in p.ds.tables.get("challenges", [])}
    projects = {r.project_id: r for r in p.ds.tables.get("projects", [])}
    for row, number in p.rows("project_challenges"):
        project, ch = projects.get(row.project_id), challenges.get(row.challenge_id)
        if project is None or ch is None:
            continue  # the reference check reports it
        if project.challenge_id is None or project.challenge_id == row.challenge_id:
            p(
                "project_challenges",
                number,
                "challenge_id",
                row.challenge_id,
                "プロジェクトの最初の課題は projects.csv の challenge_id に書きます。この表には2つ目以降を書きます。",
                "projects.csv の challenge_id を確かめ、この行を削除するか別の課題にしてください。",
            )


_NOTE_TARGET_KEYS = {"issues": "issue_id", "challenges": "challenge_id", "kpis": "kpi_id", "projects": "project_id"}


def _check_note_targets(p: _Reporter) -> None:
    """A note hangs on something the report has (a project's own indicator has the project's id)."""
    known = {table: {getattr(r, key) for r in p.ds.tables.get(table, [])} for table, key in _NOTE_TARGET_KEYS.items()}
    known["kpis"] |= known["projects"]
    for row, number in p.rows("notes"):
        if row.kind == codes.NOT_TRANSCRIBED and row.target_table != "kpis":
            p(
                "notes",
                number,
                "target_table",
                row.target_table,
                f"「{codes.NOT_TRANSCRIBED}」の注は指標の値に付けるものです。",
                "target_table を kpis にし、target_id に指標のID（プロジェクトの活動指標ならプロジェクトID）を書いてください。",
            )
        elif row.target_id not in known.get(row.target_table, set()):
            p(
                "notes",
                number,
                "target_id",
                row.target_id,
                f"{row.target_table}.csv にこのIDがありません。",
                f"{row.target_table}.csv の {_NOTE_TARGET_KEYS[row.target_table]} 列にあるIDを書いてください。",
            )


def _check_phase_words(p: _Reporter) -> None:
    """A phase is one of the report's own words (phases.csv), else of the default list."""
    own = [r.phase for r, _ in p.rows("phases")]
    allowed = own or list(codes.PHASES)
    # The fix names the default words, never the data's own (they are untrusted text).
    where, fix = (
        (
            "phases.csv の phase 列",
            "phases.csv の phase 列にある言葉のどれかを書くか、phases.csv に行を足してください。",
        )
        if own
        else (
            "決められた値",
            f"{'・'.join(codes.PHASES)} のどれかを書いてください。報告書の言葉を使うときは phases.csv に書きます。",
        )
    )
    for row, number in p.rows("project_phases"):
        if row.phase not in allowed:
            p("project_phases", number, "phase", row.phase, f"段階の言葉（{where}）にない言葉です。", fix)


# An editor's record of where a value was read (a line of the transcription, "転記") is not for
# citizens: it belongs in notes.csv `source`, which only the method page shows.
_SOURCE_RECORD = re.compile(r"[0-9０-９]+\s*行目|転記|SOURCES\.md")
_PUBLIC_REMARKS = (("notes", "text"), ("notes", "reason"), ("kpi_values", "note"), ("project_values", "note"))
# A 未転記 note tells citizens a value is not transcribed here: the word itself is its subject.
_SOURCE_RECORD_NOT_TRANSCRIBED = re.compile(r"[0-9０-９]+\s*行目|SOURCES\.md")


def _check_public_remarks(p: _Reporter) -> None:
    for table, column in _PUBLIC_REMARKS:
        for row, number in p.rows(table):
            value = getattr(row, column, None) or ""
            kind = getattr(row, "kind", None)
            not_transcribed = table == "notes" and getattr(kind, "value", kind) == codes.NOT_TRANSCRIBED
            if (_SOURCE_RECORD_NOT_TRANSCRIBED if not_transcribed else _SOURCE_RECORD).search(value):
                p(
                    table,
                    number,
                    column,
                    value,
                    "ページに表示する文章に、元の資料の行番号や転記の記録があります。",
                    "行番号などは notes.csv の source 列（元の資料の箇所）に書き、この欄は市民が読む言葉で書いてください。",
                    WARNING,
                )


def _check_scale_rows(p: _Reporter) -> None:
    """One scale per level: every row of a level names the same scale_id and name."""
    first: dict[str, Any] = {}
    for row, number in p.rows("scales"):
        seen = first.setdefault(row.level, row)
        for col in ("scale_id", "name"):
            if getattr(row, col) != getattr(seen, col):
                p(
                    "scales",
                    number,
                    col,
                    getattr(row, col),
                    f"同じ階層（{row.level}）の区分に、違う {col}（「{getattr(seen, col)}」）の行があります。",
                    f"1つの階層に区分は1つです。{row.level} の行には同じ {col} を書いてください。",
                )


def _scale_choices(scale: scales.Scale) -> str:
    """「A、B、C」; with the symbols shown when they differ from the values: 「予定どおり、遅れている（表示は ○・△）」."""
    values = "、".join(c.value for c in scale.values)
    if all(c.symbol == c.value for c in scale.values):
        return values
    return values + "（ページの表示は " + "・".join(c.symbol for c in scale.values) + "）"


def _check_scale_cells(p: _Reporter) -> None:
    """Published grades and marks are values of the report's scale for their level, when it has one."""
    declared = scales.scales_from_rows(p.ds.tables.get("scales", []))
    for level, (table, col) in scales.CELLS.items():
        scale = declared.get(level)
        if scale is None:
            continue  # free text as printed: the report declares no scale for this level
        allowed = {c.value for c in scale.values}
        where = f"scales.csv の {level} の区分「{scale.name}」" if scale.declared else "決められた値"
        for row, number in p.rows(table):
            value = getattr(row, col, None)
            if value is not None and value not in allowed:
                p(
                    table,
                    number,
                    col,
                    value,
                    f"「{value}」は{where}にありません。",
                    f"次のどれかを入力してください: {_scale_choices(scale)}（公表されていなければ空欄）",
                )


def _cross_checks(ds: Dataset, label: str, problems: list[Problem]) -> None:
    p = _Reporter(ds, label, problems)
    _check_unique_keys(p)
    _check_references(p)
    report = _check_report_row(p)
    if report is not None:
        _check_yearly_values(p, report)
    _check_project_hierarchy(p)
    _check_indicator_owners(p)
    _check_extra_challenge_links(p)
    _check_note_targets(p)
    _check_phase_words(p)
    _check_public_remarks(p)
    _check_scale_rows(p)
    _check_scale_cells(p)


def column_labels(file: str | None = None) -> dict[str, str]:
    """Japanese labels of the columns of the table a reported file holds (all tables when unknown)."""
    stem = Path(file).stem if file else ""
    if stem in TABLES_BY_NAME:
        return {c.name: c.label for c in TABLES_BY_NAME[stem].columns}
    labels: dict[str, str] = {}
    for t in TABLES:
        for c in t.columns:
            labels.setdefault(c.name, c.label)
    return labels


# A file with a systematic mistake (a shifted column) repeats one problem on every row: the first ones
# say what to fix, and the report stays readable and under GitHub's 1 MiB job-summary limit.
MAX_PROBLEMS_PER_FILE = 30


def format_report(problems: list[Problem], data_dir_label: str) -> str:
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    lines = []
    if errors:
        lines.append(f"データに {len(errors)} 件のエラーがあります。直すまでサイトは作られません（公開もされません）。")
    else:
        lines.append(f"{data_dir_label} のデータにエラーはありません。")
    if warnings:
        lines.append(f"確認していただきたい点（注意）が {len(warnings)} 件あります。注意だけならサイトは作られます。")
    by_file: dict[str, list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.file, p.row or 0, p.column or "")):
        by_file.setdefault(problem.file, []).append(problem)
    for file, listed in by_file.items():
        labels = column_labels(file)
        for problem in listed[:MAX_PROBLEMS_PER_FILE]:
            lines += ["", problem.format(labels)]
        if len(listed) > MAX_PROBLEMS_PER_FILE:
            lines += [
                "",
                f"（{file} には、ほかに {len(listed) - MAX_PROBLEMS_PER_FILE} 件あります。"
                "上の問題を直してから、もう一度確認してください。同じ誤りが続いていることがよくあります。）",
            ]
    return "\n".join(lines) + "\n"


def read_data_file(path: Path, data_dir: Path, shown: str) -> bytes | Problem:
    """The bytes of one data file, or why it cannot be read. Only regular files inside the data
    folder are read, never more than the size limit: a pull request could add a link to a file
    outside the repository or to a device such as /dev/zero."""
    fix = "データのフォルダには、Excel で保存した CSV ファイルだけを置いてください。"
    if path.is_symlink() or not path.resolve().is_relative_to(data_dir.resolve()):
        return Problem(shown, None, None, None, "リンク（シンボリックリンク）は読み込みません。", fix)
    if path.is_dir():
        return Problem(shown, None, None, None, "ファイルではなくフォルダです。", fix)
    if not path.is_file():
        return Problem(shown, None, None, None, "普通のファイルではありません。", fix)
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return Problem(
            shown,
            None,
            None,
            None,
            f"ファイルが大きすぎます（{MAX_FILE_BYTES // (1024 * 1024)} MB まで）。",
            "別の内容が貼り付けられていないか確かめてください。本当に必要な大きさなら、サイトの管理者に相談してください。",
        )
    return data


def validate_dir(data_dir: Path, label: str | None = None) -> tuple[Dataset, list[Problem]]:
    label = label or data_dir.name
    ds = Dataset()
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(
            Problem(
                label,
                None,
                None,
                None,
                "データのフォルダがありません。",
                "フォルダの名前や場所（DATA や DXREPORT_DATA_DIR の指定）を確かめてください。",
            )
        )
        return ds, problems
    for table in TABLES:
        path = data_dir / table.filename
        shown = _path(table, label)
        if not path.exists() and not path.is_symlink():
            if not table.required_file:
                ds.tables[table.name], ds.rows[table.name] = [], []
                continue
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    "ファイルがありません。",
                    f"{table.filename}（{table.label}）を {label}/ に置いてください。",
                )
            )
            continue
        data = read_data_file(path, data_dir, shown)
        if isinstance(data, Problem):
            problems.append(data)
            continue
        _check_table(table, shown, data, ds, problems)
    known = {t.filename for t in TABLES}
    for extra in sorted(p.name for p in data_dir.glob("*.csv") if p.name not in known):
        problems.append(
            Problem(
                f"{label}/{extra}",
                None,
                None,
                None,
                "サイトでは使われないファイルです。",
                "ファイル名のつづりを確かめてください。不要なら削除してください。",
                WARNING,
            )
        )
    _cross_checks(ds, label, problems)
    ds.warnings = [p for p in problems if not p.is_error]
    return ds, problems


def load_valid(data_dir: Path, label: str | None = None) -> Dataset:
    """The dataset, or DataError with the full Japanese report."""
    ds, problems = validate_dir(data_dir, label)
    if any(p.is_error for p in problems):
        raise DataError(problems, format_report(problems, label or data_dir.name))
    return ds
