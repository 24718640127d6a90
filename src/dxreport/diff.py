"""What a data pull request changes on the public site, in the report's own words.

Both data folders are read as the site reads them (every edition validated, typed and built into
the model), then every cell of every table of every edition becomes one row of a long DataFrame
(edition, table, key, column, value); one outer merge lines the two folders up, and the cells that
differ are the changes. Each change is then named as a reader of the site knows it: by the names
of the indicator, project or issue and the words of labels.csv, with the page it is on; never by id.

Everything shown comes from the data and is untrusted. The text output goes through
safety.visible here and through the command line's guarded output; the Markdown output (the
pull request's job summary) puts every value in an HTML table cell as escaped <code>, where GitHub
renders no link, image, mention or markup (an HTML block is not read as Markdown).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import codes, scales
from .editions import is_frozen_change, lock_changes, validate_editions
from .model import Report, build_report
from .problems import Problem
from .safety import guard_text, visible
from .schema import TABLES, TABLES_BY_NAME

MAX_ROWS = 50  # per table; the rest are counted
EXCERPT = 40  # characters of a changed text shown on each side
NAME_LIMIT = 80
ROW = "(row)"  # pseudo column: the row exists
KEY_SEP = "\x1f"
BLANK = "（空欄）"
NONE = "（なし）"
ALL_PAGES = "*"
NO_CHANGES = "変更はありません"


@dataclass(frozen=True)
class Owner:
    """A thing a reader of the site sees: its word (labels.csv), name, parent and page."""

    term: str
    name: str
    parent: str = ""
    url: str = ""
    grade: str | None = None  # the computed estimate of an indicator (codes.GRADE_VALUES)
    listed: bool = False  # shown in the project list

    @property
    def label(self) -> str:
        return f"{self.term}「{self.name}」" if self.name else self.term


@dataclass(frozen=True)
class Row:
    cells: tuple[str, ...]
    pages: tuple[tuple[int, str], ...] = ()  # (edition year, page path) this change shows on


@dataclass
class Section:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Diff:
    base_label: str
    head_label: str
    sections: list[Section] = field(default_factory=list)
    blocked: list[tuple[str, str, int]] = field(default_factory=list)  # (role, folder, errors): not compared
    blocked_problems: list[Problem] = field(default_factory=list)
    frozen: list[Problem] = field(default_factory=list)  # changes to published editions

    @property
    def failed(self) -> bool:
        return bool(self.blocked) or any(p.is_error for p in self.frozen)

    @property
    def count(self) -> int:
        return len(self.frozen) + sum(len(s.rows) for s in self.sections if s.key != "pages")


# --- Loading both folders ------------------------------------------------------------------------


@dataclass
class _Side:
    label: str
    path: Path
    reports: dict[int, Report] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.errors if not is_frozen_change(p)]


def _load(path: Path, label: str) -> _Side:
    datasets, problems = validate_editions(path, label)
    side = _Side(label, path, errors=[p for p in problems if p.is_error])
    if not side.blocking:
        built = [build_report(ds) for ds in datasets]
        side.reports = {r.results_fiscal_year: r for r in built}
    return side


def compare_folders(
    base: Path, head: Path, base_label: str | None = None, head_label: str | None = None, site_url: str = ""
) -> Diff:
    """What `head` changes on the public site compared with `base` (both data folders)."""
    old = _load(base, base_label or base.as_posix().rstrip("/"))
    new = _load(head, head_label or head.as_posix().rstrip("/"))
    diff = Diff(old.label, new.label)
    for side, role in ((old, "比べるもと"), (new, "新しいデータ")):
        if side.blocking:
            diff.blocked.append((role, side.label, len(side.blocking)))
            diff.blocked_problems += side.blocking
    if diff.blocked:
        return diff
    # Changes to published editions and to their record: shown as errors or for confirmation,
    # and the comparison still runs so that the reviewer sees them beside everything else.
    diff.frozen = [p for p in new.errors if is_frozen_change(p)]
    diff.frozen += [p for p in lock_changes(old.path, new.path, new.label) if p not in diff.frozen]
    diff.sections = _Comparer(old, new, site_url).sections()
    return diff


# --- Names, as the site shows them ---------------------------------------------------------------


def _owners(report: Report) -> dict[tuple[str, str], Owner]:
    """Everything a change can belong to, by (kind, id), named in the report's words."""
    t = report.terms
    out: dict[tuple[str, str], Owner] = {("site", ""): Owner("報告書全体（すべてのページ）", "", url=ALL_PAGES)}
    for area_id, name, _ in report.areas:
        out[("area", area_id)] = Owner(str(t["area"]), name, url="")
    for issue in report.issues:
        area = f"{t['area']}「{issue.area_name}」" if issue.area_name else ""
        parent = f"{t['issue']}「{issue.field_name}」"
        out[("issue", issue.issue_id)] = Owner(str(t["issue"]), issue.title, area, issue.url)
        for ch in issue.challenges:
            out[("challenge", ch.challenge_id)] = Owner(str(t["challenge"]), ch.title, parent, issue.url)
            for step in ch.steps:
                out[("step", step.step_id)] = Owner(str(t["step"]), f"{step.code} {step.title}", parent, issue.url)
        for k in issue.kpis:
            grade = k.series.achievement.grade
            out[("kpi", k.kpi_id)] = Owner(str(report.indicator_term(k)), k.name, parent, issue.url, grade)
    for p in report.projects:
        parent = f"{t['issue']}「{p.issue.field_name}」" if p.issue else ""
        out[("project", p.project_id)] = Owner(str(t["project"]), p.name, parent, p.url)
        for k in p.indicators:
            key = ("own", p.project_id) if k.kpi_id == p.project_id and k.seq == 0 else ("kpi", k.kpi_id)
            grade = k.series.achievement.grade
            owner = f"{t['project']}「{p.name}」"
            out[key] = Owner(str(report.indicator_term(k)), k.name, owner, p.url, grade, listed=key[0] == "own")
    for theme in report.themes:
        out[("theme", theme.theme_id)] = Owner(str(t["theme"]), theme.name, "", "themes/")
    return out


# Which thing a row of each table belongs to: (kind, id column).
_OWNER_OF = {
    "issues": ("issue", "issue_id"),
    "issue_texts": ("issue", "issue_id"),
    "challenges": ("challenge", "challenge_id"),
    "challenge_texts": ("challenge", "challenge_id"),
    "kpis": ("kpi", "kpi_id"),
    "kpi_values": ("kpi", "kpi_id"),
    "steps": ("step", "step_id"),
    "themes": ("theme", "theme_id"),
    "areas": ("area", "area_id"),
    "projects": ("project", "project_id"),
    "project_values": ("own", "project_id"),
    "project_phases": ("project", "project_id"),
    "project_challenges": ("project", "project_id"),
    "project_texts": ("project", "project_id"),
    "project_budgets": ("project", "project_id"),
    "issue_criteria": ("issue", "issue_id"),
}
_NOTE_TARGETS = {"issues": "issue", "challenges": "challenge", "kpis": "kpi", "projects": "project"}
_ENTITY_TABLES = ("issues", "challenges", "kpis", "projects")
_VALUE_TABLES = ("kpi_values", "project_values")
_VALUE_COLUMNS = {"planned": "予定", "actual": "実績"}
# The report's own judgements: every scale's cell (scales.CELLS), the printed rate and the printed 判定.
_PUBLISHED = {*scales.CELLS.values(), ("kpi_values", "published_rate"), ("issues", "assessment")}
_SCALE_OF = {cell: level for level, cell in scales.CELLS.items()}
# Tables whose rows are shown whole in a section of their own: (section, what the row is called).
_ROW_SECTIONS = {"issue_criteria": "criteria", "phases": "phases"}
_TEXT_TABLES = ("issue_texts", "challenge_texts", "project_texts")
_TABLE_ORDER = {t.name: i for i, t in enumerate(TABLES)}


def _owner_key(table: str, row: dict) -> tuple[str, str]:
    if table == "notes":
        return _NOTE_TARGETS.get(row["target_table"], "site"), str(row["target_id"])
    kind, column = _OWNER_OF.get(table, ("site", ""))
    return kind, str(row.get(column, "")) if column else ""


# --- The table comparison ------------------------------------------------------------------------


def _canon(value) -> str:
    """A cell as the site shows it: blank for none, 5 for 5.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cells(reports: dict[int, Report], years: set[int]) -> tuple[pd.DataFrame, dict]:
    """Every cell of the given editions, long form, and each row by (edition, table, key)."""
    records, rows = [], {}
    for year in sorted(years):
        for table in TABLES:
            values = [c.name for c in table.columns if c.name not in table.key]
            for row in reports[year].tables.get(table.name, []):
                key = KEY_SEP.join(_canon(row[k]) for k in table.key)
                rows[(year, table.name, key)] = row
                records.append((year, table.name, key, ROW, "1"))
                records += [(year, table.name, key, c, _canon(row.get(c))) for c in values]
    return pd.DataFrame(records, columns=["edition", "table", "key", "column", "value"]), rows


def _changed_cells(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    merged = old.merge(new, on=["edition", "table", "key", "column"], how="outer", suffixes=("_old", "_new"))
    merged[["value_old", "value_new"]] = merged[["value_old", "value_new"]].fillna("")
    changed = merged[merged["value_old"] != merged["value_new"]].copy()
    changed["order"] = changed["table"].map(_TABLE_ORDER)
    return changed.sort_values(["edition", "order", "key", "column"], kind="stable")


@dataclass
class _Change:
    """The changed cells of one row of one table in one edition."""

    year: int
    table: str
    key: str
    cells: dict[str, tuple[str, str]]  # column -> (old, new)
    row: dict  # the new row, or the old one if it was removed

    @property
    def status(self) -> str:
        old, new = self.cells.get(ROW, ("1", "1"))
        return "added" if not old else "removed" if not new else "changed"


def _grouped(changed: pd.DataFrame, old_rows: dict, new_rows: dict) -> list[_Change]:
    out: list[_Change] = []
    for (year, table, key), group in changed.groupby(["edition", "table", "key"], sort=False):
        ident = (int(year), str(table), str(key))
        row = new_rows.get(ident) or old_rows[ident]
        cells = {c: (o, n) for c, o, n in zip(group["column"], group["value_old"], group["value_new"])}
        out.append(_Change(ident[0], ident[1], ident[2], cells, row))
    return out


_SECTIONS = (
    ("editions", "版の追加・削除", ("版", "変化", "状態", "内容", "ページ")),
    ("entities", "追加・削除されるもの", ("版", "変化", "種類", "名前", "所属", "ページ")),
    ("values", "値の変更", ("版", "指標", "所属", "年度", "項目", "変更前", "変更後", "自動計算の目安")),
    ("published", "公表された進捗・評価の変更", ("版", "対象", "所属", "年度", "項目", "変更前", "変更後")),
    ("criteria", "判定の基準の変更", ("版", "変化", "対象", "基準", "項目", "変更前", "変更後")),
    ("phases", "段階の言葉の変更", ("版", "変化", "段階", "項目", "変更前", "変更後")),
    ("texts", "文章の変更", ("版", "対象", "項目", "変更前", "変更後")),
    ("notes", "このサイトの注", ("版", "変化", "対象", "注の種類", "注の文章")),
    ("other", "そのほかの変更", ("版", "対象", "項目", "変更前", "変更後")),
    ("pages", "変わるページ", ("ページ", "アドレス", "変更の数")),
)


class _Comparer:
    """Turns the changed cells into the report's tables, one method per kind of change."""

    def __init__(self, old: _Side, new: _Side, site_url: str):
        self.old, self.new, self.site_url = old, new, site_url
        self.years = set(old.reports) & set(new.reports)
        self.names_old = {y: _owners(old.reports[y]) for y in self.years}
        self.names_new = {y: _owners(new.reports[y]) for y in self.years}
        self.by_key = {key: Section(key, title, columns) for key, title, columns in _SECTIONS}
        self.gone: set[tuple[int, tuple[str, str]]] = set()  # things added or removed
        self.explained: set[tuple[int, tuple[str, str]]] = set()  # indicators with a value row

    def sections(self) -> list[Section]:
        old_cells, old_rows = _cells(self.old.reports, self.years)
        new_cells, new_rows = _cells(self.new.reports, self.years)
        changes = _grouped(_changed_cells(old_cells, new_cells), old_rows, new_rows)
        self.editions()
        for change in changes:
            if change.table in _ENTITY_TABLES and change.status != "changed":
                self.entity(change)
        for change in changes:
            self.classify(change)
        self.estimates_only()
        self.pages()
        return list(self.by_key.values())

    # helpers
    def add(self, key: str, cells: tuple, pages: tuple[tuple[int, str], ...] = ()) -> None:
        self.by_key[key].rows.append(Row(tuple(str(c) for c in cells), pages))

    def owner(self, year: int, key: tuple[str, str]) -> Owner:
        found = self.names_new[year].get(key) or self.names_old[year].get(key)
        if found is None and key[0] == "own":
            return self.owner(year, ("project", key[1]))
        return found or Owner("", f"（ID：{key[1]}）")

    def report(self, year: int) -> Report:
        return self.new.reports[year]

    def edition(self, year: int) -> str:
        draft = "（下書き）" if self.report(year).is_draft else ""
        return codes.edition_label(year) + draft

    # kinds of change
    def editions(self) -> None:
        """Editions only one folder has: every page of theirs is new or gone."""
        for side, other, what in ((self.new, self.old, "新しい版"), (self.old, self.new, "なくなる版")):
            for year in sorted(set(side.reports) - set(other.reports)):
                r = side.reports[year]
                status = codes.EDITION_DRAFT if r.is_draft else codes.EDITION_PUBLISHED
                content = (
                    f"{r.terms['issue']} {len(r.issues)}{r.terms['issue'].counter}・"
                    f"{r.terms['project']} {len(r.projects)}{r.terms['project'].counter}"
                )
                cells = (codes.edition_label(year), what, status, content, f"editions/{year}/")
                self.add("editions", cells, ((year, ALL_PAGES),))

    def entity(self, change: _Change) -> None:
        key = _owner_key(change.table, change.row)
        self.gone.add((change.year, key))
        o = self.owner(change.year, key)
        what = "追加" if change.status == "added" else "削除（ページがなくなります）"
        pages = [(change.year, o.url), (change.year, "")]
        if change.table == "projects":
            pages.append((change.year, "projects/"))
        cells = (self.edition(change.year), what, o.term, o.name, o.parent, o.url)
        self.add("entities", cells, tuple(pages))

    def classify(self, change: _Change) -> None:
        key = _owner_key(change.table, change.row)
        if change.table == "notes":
            self.note(change, key)
            return
        if change.table in _ROW_SECTIONS:
            getattr(self, _ROW_SECTIONS[change.table])(change, key)
            return
        owner_key = ("project", key[1]) if key[0] == "own" else key
        if (change.year, owner_key) in self.gone or (change.year, key) in self.gone:
            return  # shown as added or removed
        for column, (before, after) in change.cells.items():
            if column != ROW:
                self.cell(change, key, column, before, after)
            elif len(TABLES_BY_NAME[change.table].columns) == len(TABLES_BY_NAME[change.table].key):
                self.other(change, key, TABLES_BY_NAME[change.table].label, _there(before), _there(after))

    def cell(self, change: _Change, key: tuple[str, str], column: str, before: str, after: str) -> None:
        table = change.table
        if table in _VALUE_TABLES and column in _VALUE_COLUMNS:
            self.value(change, key, column, before, after)
        elif (table, column) in _PUBLISHED:
            self.published(change, key, column, before, after)
        elif _column(table, column).kind == "text":
            self.text(change, key, column, before, after)
        else:
            label = f"{TABLES_BY_NAME[table].label}・{_column(table, column).label}"
            self.other(change, key, label, _shown(before), _shown(after))

    def value(self, change: _Change, key: tuple[str, str], column: str, before: str, after: str) -> None:
        o = self.owner(change.year, key)
        self.explained.add((change.year, key))
        estimate, moved = self.estimate(change.year, key)
        cells = (
            self.edition(change.year),
            o.label,
            o.parent,
            codes.fiscal_year_label(int(change.row["fiscal_year"])),
            _VALUE_COLUMNS[column],
            _number(before),
            _number(after),
            estimate,
        )
        self.add("values", cells, self.pages_of(change.year, o, moved))

    def estimate(self, year: int, key: tuple[str, str]) -> tuple[str, bool]:
        """「B（おおむね達成）→ A（達成）」or「A（達成）のまま」, and whether it moved."""
        before = self.names_old[year].get(key)
        after = self.names_new[year].get(key)
        if before is None or after is None or before.grade is None or after.grade is None:
            return "", False
        old_scale, new_scale = self.old.reports[year].grades, self.report(year).grades
        was, now = _grade(old_scale[before.grade]), _grade(new_scale[after.grade])
        return (f"{now}のまま", False) if was == now else (f"{was} → {now}", True)

    def estimates_only(self) -> None:
        """Indicators whose computed estimate moves without a changed value (direction, thresholds)."""
        for year in sorted(self.years):
            for key, after in self.names_new[year].items():
                if after.grade is None or (year, key) in self.explained or key not in self.names_old[year]:
                    continue
                estimate, moved = self.estimate(year, key)
                if moved:
                    cells = (self.edition(year), after.label, after.parent, "", "（値は同じ）", "", "", estimate)
                    self.add("values", cells, self.pages_of(year, after, True))

    def pages_of(self, year: int, o: Owner, home: bool) -> tuple[tuple[int, str], ...]:
        pages = [(year, o.url)]
        if home:
            pages.append((year, ""))
            if o.listed:
                pages.append((year, "projects/"))
        return tuple(pages)

    def published(self, change: _Change, key: tuple[str, str], column: str, before: str, after: str) -> None:
        """A printed judgement, each side shown in the symbols and words of its own folder's scale."""
        o = self.owner(change.year, key)
        report = self.report(change.year)
        level = _SCALE_OF.get((change.table, column))
        item = _column(change.table, column).label
        scale = report.scales.get(level) if level else None
        if scale is not None and scale.declared:
            item = scale.name
        elif level == scales.CHALLENGE:
            item = str(report.terms["mark"])
        elif (change.table, column) == ("issues", "assessment"):
            item += "（報告書に印刷されたとおり）"
        year = int(change.row["fiscal_year"]) if "fiscal_year" in change.row else report.results_fiscal_year
        if column == "published_rate":
            was, now = _rate(before), _rate(after)
        elif level:
            was = _scale_value(self.old.reports[change.year], level, before)
            now = _scale_value(report, level, after)
        else:
            was, now = _shown(before), _shown(after)
        cells = (self.edition(change.year), o.label, o.parent, codes.fiscal_year_label(year), item, was, now)
        pages = [(change.year, o.url), (change.year, "")]
        if change.table == "projects":
            pages.append((change.year, "projects/"))
        self.add("published", cells, tuple(pages))

    def criteria(self, change: _Change, key: tuple[str, str]) -> None:
        """A criterion of an issue's 判定 (issue_criteria.csv): added or removed whole, else each column."""
        o = self.owner(change.year, key)
        criterion = f"基準{change.row['seq']}"
        if change.status != "changed":
            whole = _cut(f"{change.row.get('mark') or '（印なし）'} {change.row['criterion']}")
            was, now = (NONE, whole) if change.status == "added" else (whole, NONE)
            what = "追加" if change.status == "added" else "削除"
            self.add(
                "criteria",
                (self.edition(change.year), what, o.label, criterion, "基準・印", was, now),
                ((change.year, o.url),),
            )
            return
        for column, (before, after) in change.cells.items():
            was, now = excerpts(before, after)
            cells = (
                self.edition(change.year),
                "変更",
                o.label,
                criterion,
                _column("issue_criteria", column).label,
                was,
                now,
            )
            self.add("criteria", cells, ((change.year, o.url),))

    def phases(self, change: _Change, key: tuple[str, str]) -> None:
        """A phase word of phases.csv: shown wherever projects show their phases (every page)."""
        word = str(change.row["phase"])
        pages = ((change.year, ALL_PAGES),)
        if change.status != "changed":
            symbol = change.row.get("symbol") or ""
            whole = f"{symbol} {word}".strip() + f"（表示順 {change.row['sort_order']}）"
            was, now = (NONE, whole) if change.status == "added" else (whole, NONE)
            what = "追加" if change.status == "added" else "削除"
            self.add("phases", (self.edition(change.year), what, word, "段階の言葉", was, now), pages)
            return
        for column, (before, after) in change.cells.items():
            cells = (
                self.edition(change.year),
                "変更",
                word,
                _column("phases", column).label,
                _shown(before),
                _shown(after),
            )
            self.add("phases", cells, pages)

    def text(self, change: _Change, key: tuple[str, str], column: str, before: str, after: str) -> None:
        o = self.owner(change.year, key)
        if change.table in _TEXT_TABLES:
            item = f"{change.row['section']}（{change.row['seq']}段落目）"
        else:
            item = _column(change.table, column).label
        if "fiscal_year" in change.row:
            item += f"・{codes.fiscal_year_label(int(change.row['fiscal_year']))}"
        pages = [(change.year, o.url)]
        if change.table == "projects" and column in ("name", "department"):
            pages.append((change.year, "projects/"))
        was, now = excerpts(before, after)
        self.add("texts", (self.edition(change.year), o.label, item, was, now), tuple(pages))

    def note(self, change: _Change, key: tuple[str, str]) -> None:
        o = self.owner(change.year, key)
        what = {"added": "追加", "removed": "削除", "changed": "変更"}[change.status]
        kind = codes.NOTE_KINDS.get(str(change.row["kind"]))
        text = change.cells.get("text", (change.row["text"], change.row["text"]))[1 if what != "削除" else 0]
        cells = (self.edition(change.year), what, o.label, kind.label if kind else "", _cut(str(text)))
        self.add("notes", cells, ((change.year, o.url),))

    def other(self, change: _Change, key: tuple[str, str], item: str, before: str, after: str) -> None:
        o = self.owner(change.year, key)
        pages = [(change.year, o.url)]
        if change.table in ("projects", "project_phases"):
            pages.append((change.year, "projects/"))
        self.add("other", (self.edition(change.year), o.label, item, before, after), tuple(pages))

    def pages(self) -> None:
        counts: dict[tuple[int, str], int] = {}
        for section in self.by_key.values():
            for row in section.rows:
                for page in dict.fromkeys(row.pages):
                    counts[page] = counts.get(page, 0) + 1
        titles = self.page_titles()
        latest = max(self.new.reports, default=0)
        for (year, path), n in sorted(counts.items(), key=lambda item: (item[0][0] != latest, item[0])):
            title = titles.get((year, path), path)
            address = (path if year == latest else f"editions/{year}/{path}").replace(ALL_PAGES, "")
            if self.site_url:
                address = self.site_url.rstrip("/") + "/" + address
            shown = (address or "./") + ("（この下のすべてのページ）" if path == ALL_PAGES else "")
            self.add("pages", (f"{codes.edition_label(year)}：{title}", shown, n))

    def page_titles(self) -> dict[tuple[int, str], str]:
        titles: dict[tuple[int, str], str] = {}
        for year, report in {**self.old.reports, **self.new.reports}.items():
            names = {**self.names_old.get(year, {}), **self.names_new.get(year, {})}
            for (kind, _), o in names.items():
                if kind in ("issue", "project"):
                    titles[(year, o.url)] = o.label
            titles[(year, "")] = "ホーム"
            titles[(year, "projects/")] = f"{report.terms['project']}一覧"
            titles[(year, "themes/")] = str(report.terms["theme"])
            titles[(year, ALL_PAGES)] = "すべてのページ"
        return titles


def _column(table: str, column: str):
    return next(c for c in TABLES_BY_NAME[table].columns if c.name == column)


def _there(value: str) -> str:
    return "あり" if value else "なし"


def _grade(grade: codes.Grade) -> str:
    return f"{grade.symbol}（{grade.short}）"


def _shown(value: str) -> str:
    return _cut(value) if value else BLANK


def _number(value: str) -> str:
    if not value:
        return BLANK
    try:
        number = float(value)
    except ValueError:
        return value
    return f"{int(number):,}" if number.is_integer() else f"{number:,.10g}"


def _rate(value: str) -> str:
    return f"{_number(value)}%" if value else BLANK


def _scale_value(report: Report, level: str, value: str) -> str:
    """A printed judgement in the report's own scale (labels.csv and scales.csv: ○ 予定どおり, c …);
    a blank is 公表なし."""
    if level == scales.CHALLENGE:
        code = report.mark_scale.code(value) if value else None
    else:
        code = report.published_code(level, value)
    code = code or codes.MARK_NOT_PUBLISHED
    return code.symbol if code.label == code.symbol else f"{code.symbol} {code.label}"


def _cut(text: str, limit: int = EXCERPT) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def excerpts(before: str, after: str, width: int = EXCERPT) -> tuple[str, str]:
    """The same window of both texts, starting a little before where they first differ."""
    same = 0
    for a, b in zip(before, after):
        if a != b:
            break
        same += 1
    start = max(0, same - 10)

    def window(text: str) -> str:
        if not text:
            return NONE
        part = text[start : start + width]
        return ("…" if start else "") + part + ("…" if len(text) > start + width else "")

    return window(before), window(after)


# --- Output: the terminal (plain text) and the job summary (Markdown) ---------------------------


def _counts(diff: Diff) -> list[tuple[str, int]]:
    errors = sum(p.is_error for p in diff.frozen)
    frozen = [("公開済みの版の変更（エラー）", errors)] + (
        [("公開済みの版の記録の書き換え（要確認）", len(diff.frozen) - errors)] if len(diff.frozen) > errors else []
    )
    return frozen + [(s.title, len(s.rows)) for s in diff.sections]


# Sentences that name the folders: `code` marks where a folder's name goes (in <code> in Markdown).
def _compared(diff: Diff, code) -> str:
    return f"比べたデータ：{code(diff.base_label)}（もと）→ {code(diff.head_label)}（新しいデータ）"


def _no_change_line(diff: Diff, code) -> str:
    return f"公開されるサイトに{NO_CHANGES}（{code(diff.base_label)} → {code(diff.head_label)}）。"


def _blocked_lines(diff: Diff, code) -> list[str]:
    return [
        f"{role}（{code(label)}）のデータに {n} 件のエラーがあるため、比べられません。"
        f"python -m dxreport check {code(label)} で直し方を確かめてください。"
        for role, label, n in diff.blocked
    ]


def _plain(text: str) -> str:
    return text


def _code(text: str) -> str:
    return f"<code>{html.escape(visible(text))}</code>"


def to_text(diff: Diff, limit: int = MAX_ROWS) -> str:
    """The report for a terminal or a log: counts first, then one block per kind of change."""
    if diff.blocked:
        lines = [*_blocked_lines(diff, _plain), ""]
        lines += [p.format() for p in diff.blocked_problems[:10]]
        return _text("\n".join(lines))
    if diff.count == 0:
        return _text(_no_change_line(diff, _plain))
    lines = ["公開されるサイトの変更", _compared(diff, _plain), "", "件数："]
    lines += [f"- {title}：{n}件" for title, n in _counts(diff)]
    if diff.frozen:
        lines += ["", f"■ 公開済みの版の変更（{len(diff.frozen)}件）"]
        lines += [p.format() for p in diff.frozen[:limit]]
        lines += _rest(len(diff.frozen), limit)
    for section in diff.sections:
        if section.rows:
            lines += ["", f"■ {section.title}（{len(section.rows)}件）", "  " + " ｜ ".join(section.columns)]
            lines += ["- " + " ｜ ".join(visible(c, NAME_LIMIT) for c in r.cells) for r in section.rows[:limit]]
            lines += _rest(len(section.rows), limit)
    return _text("\n".join(lines))


def _text(text: str) -> str:
    """Every line shown literally (control characters as <U+000A>), none a workflow command."""
    return guard_text(text) + "\n"


def _rest(total: int, limit: int) -> list[str]:
    return [f"（ほかに {total - limit} 件あります）"] if total > limit else []


def to_markdown(diff: Diff, limit: int = MAX_ROWS) -> str:
    """The report for the pull request's job summary. Values only in escaped <code> table cells."""
    if diff.blocked:
        lines = [f"<p>{line}</p>" for line in _blocked_lines(diff, _code)]
        return _text("\n".join([*lines, "", _problem_table(diff.blocked_problems[:10])]))
    if diff.count == 0:
        return _text(f"<p>{_no_change_line(diff, _code)}</p>")
    out = [f"<p>{_compared(diff, _code)}</p>", ""]
    out += [f"- {title}：**{n}件**" for title, n in _counts(diff)]
    if diff.frozen:
        out += ["", f"### 公開済みの版の変更（{len(diff.frozen)}件）", "", _problem_table(diff.frozen[:limit])]
        out += _md_rest(len(diff.frozen), limit)
    for section in diff.sections:
        if section.rows:
            out += ["", f"### {section.title}（{len(section.rows)}件）", ""]
            out.append(_html_table(section.columns, [r.cells for r in section.rows[:limit]]))
            out += _md_rest(len(section.rows), limit)
    return _text("\n".join(out))


def _md_rest(total: int, limit: int) -> list[str]:
    if total <= limit:
        return []
    return ["", f"（ほかに {total - limit} 件あります。すべては python -m dxreport diff で確かめられます）"]


def _cell(text: str, limit: int = NAME_LIMIT) -> str:
    shown = visible(str(text), limit)
    return f"<td><code>{html.escape(shown)}</code></td>" if shown else "<td></td>"


def _html_table(columns: Sequence[str], rows: Sequence[Sequence[str]], limit: int = NAME_LIMIT) -> str:
    """An HTML block (no blank line inside): GitHub reads no Markdown in it, and renders no mention
    or link in <code>."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = ["<tr>" + "".join(_cell(c, limit) for c in row) + "</tr>" for row in rows]
    return "\n".join(["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *body, "</tbody>", "</table>"])


def _problem_table(problems: list[Problem]) -> str:
    rows = [
        (
            p.severity,
            p.file,
            f"{p.row}行目" if p.row is not None else "",
            p.column or "",
            "" if p.value is None else p.value,
            p.message,
        )
        for p in problems
    ]
    return _html_table(("種類", "ファイル", "行", "列", "値", "問題"), rows, 200)
