"""Typed, linked domain model built from a validated dataset."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import codes, scales
from .achievement import Achievement, YearValue, assess
from .precision import RateRule, places_or
from .scales import Scale
from .settings import GradeThresholds
from .validate import Dataset
from .vocabulary import DEFAULT_TERMS, Term, phases_from_rows, terms_from_rows


@dataclass
class Series:
    """Plan/actual values of one KPI or activity indicator."""

    name: str
    unit: str
    direction: codes.Code  # codes.DIRECTIONS
    cumulative: bool
    values: list[YearValue]
    achievement: Achievement
    rate_rule: RateRule | None = None  # how the report rounds its printed rates (report.csv)

    @property
    def lower_is_better(self) -> bool:
        return self.direction.value == codes.DECREASE

    @property
    def has_numbers(self) -> bool:
        return any(v.planned is not None or v.actual is not None for v in self.values)

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％")

    @property
    def has_published(self) -> bool:
        """The report printed its own rate or grade for some year."""
        return any(v.published_rate is not None or v.published_grade for v in self.values)

    @property
    def published(self) -> YearValue | None:
        """The latest year for which the report printed its own rate or grade."""
        printed = [v for v in self.values if v.published_rate is not None or v.published_grade]
        return max(printed, key=lambda v: v.fiscal_year) if printed else None

    @property
    def published_differs(self) -> bool:
        """The printed rate and the computed one for the same year differ: at all, when the computed
        one is rounded by the report's own rule; by more than rounding, when the rule is not known."""
        printed, computed = self.published, self.achievement
        if printed is None or printed.published_rate is None or computed.rate is None:
            return False
        if printed.fiscal_year != computed.fiscal_year:
            return False
        tolerance = 1e-9 if self.rate_rule is not None else 1
        return abs(printed.published_rate - computed.rate) >= tolerance


@dataclass(frozen=True)
class IndicatorFacts:
    """Who reports an indicator's numbers and when they are updated, where the data says so."""

    owner: str = ""
    update_cycle: str = ""
    next_update: str = ""


@dataclass
class Kpi:
    kpi_id: str
    seq: int
    name: str
    unit: str
    formula: str
    evaluation: str
    note: str
    series: Series
    kind: codes.Code = codes.INDICATOR_KINDS[codes.OUTCOME]
    facts: IndicatorFacts = IndicatorFacts()

    @property
    def latest_actual_year(self) -> int | None:
        """The last year with an actual value: how current the indicator's numbers are."""
        years = [v.fiscal_year for v in self.series.values if v.actual is not None]
        return max(years) if years else None


@dataclass
class Step:
    step_id: str
    code: str
    title: str
    projects: list[Project] = field(default_factory=list)


@dataclass
class Challenge:
    challenge_id: str
    number: int
    title: str
    mark: codes.Code
    texts: dict[str, list[str]]
    display_number: str = ""
    kpis: list[Kpi] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    issue: Issue = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def anchor(self) -> str:
        return f"challenge-{self.number}"

    @property
    def number_label(self) -> str:
        """The number as printed (ⅰ), else the sort number (1)."""
        return self.display_number or str(self.number)

    def estimate_disagrees(self, scale: Scale, grade_scale: dict[str, codes.Grade]) -> str:
        """Where the published mark and the computed grades of its indicators point different ways:
        the better end of the scale with an indicator graded D, or the worse end with every one graded A."""
        grades = [k.series.achievement.grade for k in self.kpis if k.series.achievement.grade != codes.NOT_COMPUTABLE]
        a, d = grade_scale["A"], grade_scale["D"]
        if scale.is_best(self.mark) and "D" in grades:
            return f"公表された進捗は「{self.mark.label}」ですが、指標の達成度（自動計算の目安）に {d.symbol}（{d.short}）があります。"
        if scale.is_worst(self.mark) and grades and set(grades) == {"A"}:
            return f"公表された進捗は「{self.mark.label}」ですが、指標の達成度（自動計算の目安）はすべて {a.symbol}（{a.short}）です。"
        return ""


@dataclass(frozen=True)
class Criterion:
    """One printed criterion of an issue's verdict: its number, question, mark and reason."""

    seq: int
    criterion: str
    mark: str
    reason: str


@dataclass
class Issue:
    issue_id: str
    sort_order: int
    field_name: str
    title: str
    area_name: str
    area_id: str
    texts: dict[str, list[str]]
    display_number: str = ""
    challenges: list[Challenge] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    indicators: list[Kpi] = field(default_factory=list)  # of the issue itself (事業群の指標)
    assessment: str = ""  # the printed verdict on the whole issue (北海道の判定 a/b/c), as printed
    criteria: list[Criterion] = field(default_factory=list)  # its criteria (基準1〜4), in their order
    published: codes.Code | None = None  # the issue's own printed grade (issues.csv published_grade)
    marks: tuple[codes.Code, ...] = codes.ALL_MARKS  # the challenges' marks in legend order (the report's scale)

    @property
    def url(self) -> str:
        return f"issues/{self.issue_id}/"

    @property
    def kpis(self) -> list[Kpi]:
        """The issue's own indicators, then its challenges'."""
        return self.indicators + [k for c in self.challenges for k in c.kpis]

    def budget_totals(self) -> list[tuple[int, str, float]]:
        """(year, basis, total 千円) summed over the issue's projects, for years any project has."""
        sums: dict[tuple[int, str], float] = {}
        for p in self.projects:
            for b in p.budgets:
                if b.total is not None:
                    sums[(b.fiscal_year, b.basis)] = sums.get((b.fiscal_year, b.basis), 0) + b.total
        return [(y, basis, total) for (y, basis), total in sorted(sums.items())]

    def mark_counts(self) -> dict[str, int]:
        """Challenges per mark, keyed by the mark's label, in legend order (the report's scale)."""
        counts = {c.label: 0 for c in self.marks}
        for ch in self.challenges:
            counts[ch.mark.label] += 1
        return counts

    @property
    def all_indicators(self) -> list[Kpi]:
        return self.kpis + [k for p in self.projects for k in p.indicators]

    def grade_counts(self) -> dict[str, int]:
        """KPIs and indicators per grade letter, in scale order (codes.GRADE_VALUES)."""
        counts = {g: 0 for g in codes.GRADE_VALUES}
        for s in [k.series for k in self.kpis] + [k.series for p in self.projects for k in p.indicators]:
            counts[s.achievement.grade] += 1
        return counts


@dataclass
class Theme:
    theme_id: str
    kind: str
    name: str
    sort_order: int
    description: str
    projects: list[Project] = field(default_factory=list)


@dataclass(frozen=True)
class Budget:
    """One year's money of a project, in 千円 as printed."""

    fiscal_year: int
    basis: str  # codes.BUDGET_BASES
    total: float | None
    general_fund: float | None
    personnel_cost: float | None
    note: str = ""


@dataclass
class Project:
    project_id: str
    pid: str
    category: str
    department: str
    name: str
    summary: str
    leading: bool
    phases: dict[int, codes.Code]
    indicators: list[Kpi] = field(default_factory=list)
    period: str = ""
    target_group: str = ""
    review: str = ""
    review_code: codes.Code | None = None  # the review as a value of the report's project scale
    texts: dict[str, list[str]] = field(default_factory=dict)
    budgets: list[Budget] = field(default_factory=list)
    issue: Issue | None = None
    challenge: Challenge | None = None  # the first challenge, as listed in projects.csv
    challenges: list[Challenge] = field(default_factory=list)  # every challenge it serves
    step: Step | None = None
    theme: Theme | None = None

    @property
    def url(self) -> str:
        return f"projects/{self.project_id}/"

    @property
    def series(self) -> Series | None:
        """The first indicator's series: the one the lists show a grade for."""
        return self.indicators[0].series if self.indicators else None

    @property
    def indicator_name(self) -> str:
        return self.indicators[0].name if self.indicators else ""

    @property
    def first_by_kind(self) -> list[Kpi]:
        """The first indicator of each kind (活動・成果), in the order of the indicators: the ones the
        project lists grade, each named by its kind."""
        first: dict[str, Kpi] = {}
        for k in self.indicators:
            first.setdefault(k.kind.value, k)
        return list(first.values())

    def phase_in(self, year: int) -> codes.Code | None:
        return self.phases.get(year)


@dataclass(frozen=True)
class Note:
    """A note of the site's editors, never printed in the report: shown apart from printed notes."""

    kind: codes.Code  # codes.NOTE_KINDS
    text: str  # for citizens, on the page of what it is attached to
    reason: str  # for citizens, beside the text
    source: str = ""  # where in the source documents (line numbers, tables): on the method page only


@dataclass(frozen=True)
class NotePlace:
    """A note with a source record, and the page (with its anchor) of what it is attached to."""

    label: str
    url: str
    anchor: str
    note: Note


@dataclass
class Report:
    municipality: str
    title: str
    results_fiscal_year: int
    plan_years: list[int]
    published_on: str
    data_as_of: str
    source_title: str
    source_url: str
    license_name: str
    license_url: str
    areas: list[tuple[str, str, list[Issue]]]  # (area_id, name, issues)
    issues: list[Issue]
    projects: list[Project]
    themes: list[Theme]
    tables: dict[str, list[dict]]  # every table as validated (typed values), for the open data
    thresholds: GradeThresholds = field(default_factory=GradeThresholds)
    warnings: list = field(default_factory=list)
    # How the site names itself and whom citizens contact: from the data folder, so that every
    # government's copy speaks of itself (blank columns fall back to the municipality's name).
    site_name: str = ""
    site_short_name: str = ""
    site_description: str = ""
    contact: str = ""
    contact_url: str = ""
    license_note: str = ""
    # What the source's terms allow (report.csv license_type; blank = none stated, so none granted)
    licence: codes.Licence = codes.LICENCE_NOT_STATED
    site_terms_url: str = ""  # the government's own site terms, shown where no licence is stated
    is_draft: bool = False  # report.csv status 下書き: shown as such; `check --publish` refuses it
    notes: dict[tuple[str, str], list[Note]] = field(default_factory=dict)  # (table, id) -> notes
    # Decimals of every number cell as shown (precision.py), parallel to `tables`: {column: places}.
    places: dict[str, list[dict[str, int]]] = field(default_factory=dict)
    rate_rule: RateRule | None = None  # report.csv rate_rounding / rate_decimals
    # The report's own scales by level (scales.csv); without it, Sasebo's challenge marks.
    scales: dict[str, Scale] = field(default_factory=lambda: {scales.CHALLENGE: scales.DEFAULT_CHALLENGE_SCALE})

    def notes_for(self, table: str, ident: str) -> list[Note]:
        return self.notes.get((table, ident), [])

    def source_records(self) -> list[NotePlace]:
        """The notes that record where in the source documents they come from (notes.csv `source`),
        each with the page it is shown on, in the order of the site's pages."""
        terms = self.terms
        places: list[tuple[str, str, str, str, str]] = []  # table, id, label, url, anchor
        for issue in self.issues:
            places.append(("issues", issue.issue_id, f"{terms['issue'].label}「{issue.title}」", issue.url, ""))
            for ch in issue.challenges:
                label = f"{issue.field_name or issue.title}の{terms['challenge'].label}{ch.number_label}"
                places.append(("challenges", ch.challenge_id, label, issue.url, ch.anchor))
            for k in issue.kpis:
                places.append(
                    ("kpis", k.kpi_id, f"{issue.field_name or issue.title}の{k.name}", issue.url, f"kpi-{k.kpi_id}")
                )
        for project in self.projects:
            places.append(
                ("projects", project.project_id, f"{terms['project'].label}「{project.name}」", project.url, "")
            )
            for k in project.indicators:
                places.append(("kpis", k.kpi_id, f"{project.name}の{k.name}", project.url, f"kpi-{k.kpi_id}"))
        found: list[NotePlace] = []
        seen: set[tuple[str, str]] = set()
        for table, ident, label, url, anchor in places:
            if (table, ident) in seen:
                continue
            seen.add((table, ident))
            found += [NotePlace(label, url, anchor, n) for n in self.notes_for(table, ident) if n.source]
        return found

    terms: dict[str, Term] = field(default_factory=lambda: dict(DEFAULT_TERMS))
    # The report's phase words (phases.csv), else the default list (codes.PHASES)
    phase_codes: dict[str, codes.Code] = field(default_factory=lambda: dict(codes.PHASES))
    base_year: int | None = None

    def __post_init__(self) -> None:
        self.site_name = self.site_name or f"{self.municipality} 進捗報告"
        self.site_short_name = self.site_short_name or self.site_name
        self.site_description = self.site_description or f"{self.title}の目標と実績をお知らせします。"
        self.contact = self.contact or self.municipality

    @property
    def grades(self) -> dict[str, codes.Grade]:
        """The estimate's scale, worded from the thresholds the grades were computed with, in symbols
        that none of the report's published scales uses (scales.estimate_symbols)."""
        t = self.thresholds
        return codes.grade_codes(t.a, t.b, t.c, scales.estimate_symbols(self.shown_scales))

    @property
    def shown_scales(self) -> dict[str, Scale]:
        """The published scales the pages show: those scales.csv declares, and the default marks in use."""
        return {
            level: s for level, s in self.scales.items() if s.declared or (level == scales.CHALLENGE and self.has_marks)
        }

    @property
    def mark_scale(self) -> Scale:
        return self.scales[scales.CHALLENGE]

    @property
    def all_marks(self) -> tuple[codes.Code, ...]:
        """Every mark a challenge can show, in legend order: the report's scale, then 公表なし."""
        return (*self.mark_scale.values, codes.MARK_NOT_PUBLISHED)

    def published_code(self, level: str, value: str) -> codes.Code | None:
        """A printed grade as a value of the level's scale; free text (no scale declared) as printed."""
        if not value:
            return None
        scale = self.scales.get(level)
        found = scale.code(value) if scale else None
        return found or codes.Code(value, value, value, value, scales.TONE_NONE)

    def kpi_published(self, kpi: Kpi) -> codes.Code | None:
        printed = kpi.series.published
        return self.published_code(scales.KPI, printed.published_grade) if printed else None

    def verdict(self, issue: Issue | None = None) -> list[tuple[str, Scale, list[tuple[codes.Code, int]], int]]:
        """The published scales other than the challenge marks, summarised: (what is graded, scale,
        counts per value in the scale's order (公表なし last), how many there are), for the report or one issue."""
        rows = (self._verdict_row(level, what, items) for level, (what, items) in self.published_cells(issue).items())
        return [row for row in rows if row]

    def published_cells(self, issue: Issue | None) -> dict[str, tuple[str, list[codes.Code | None]]]:
        """Per level: the report's word for what is graded, and each one's printed value (None: not printed)."""
        issues = [issue] if issue else self.issues
        projects = issue.projects if issue else self.projects
        indicators = [k for i in issues for k in i.kpis] + [k for p in projects for k in p.indicators]
        return {
            scales.ISSUE: (self.terms["issue"].label, [i.published for i in issues]),
            scales.KPI: (self.terms["kpi"].short, [self.kpi_published(k) for k in indicators]),
            scales.PROJECT: (self.terms["project"].label, [p.review_code for p in projects]),
        }

    def _verdict_row(self, level: str, what: str, items: list[codes.Code | None]):
        scale = self.scales.get(level)
        if scale is None or not any(items):
            return None
        counts = scale.counts([c.value for c in items if c])
        missing = sum(1 for c in items if c is None)
        return what, scale, counts + ([(codes.MARK_NOT_PUBLISHED, missing)] if missing else []), len(items)

    @property
    def project_scale(self) -> Scale | None:
        """The scale the project list shows first: the project level's, if the report declares one."""
        return self.scales.get(scales.PROJECT)

    @property
    def plan_end_year(self) -> int:
        return self.plan_years[-1]

    def issue_sections(self) -> list[tuple[codes.Section, str]]:
        """(section, heading) of the issue texts, the headings worded from this report's years."""
        return [
            (s, s.heading_for(self.results_fiscal_year, self.plan_end_year)) for s in codes.ISSUE_TEXT_SECTIONS.values()
        ]

    def challenge_sections(self) -> list[tuple[codes.Section, str]]:
        return [
            (s, s.heading_for(self.results_fiscal_year, self.plan_end_year))
            for s in codes.CHALLENGE_TEXT_SECTIONS.values()
        ]

    def project_sections(self) -> list[tuple[codes.Section, str]]:
        return [
            (s, s.heading_for(self.results_fiscal_year, self.plan_end_year))
            for s in codes.PROJECT_TEXT_SECTIONS.values()
        ]

    @property
    def free_use(self) -> bool:
        """The source's licence lets anyone reuse the data: only then does the site say so."""
        return self.licence.free_use

    @property
    def downloads_title(self) -> str:
        """オープンデータ only for data under an open licence; otherwise plainly the downloads."""
        return "オープンデータ" if self.free_use else "データのダウンロード"

    @property
    def downloads_page_title(self) -> str:
        return "オープンデータ（ダウンロード）" if self.free_use else self.downloads_title

    @property
    def data_as_of_label(self) -> str:
        return codes.date_label(self.data_as_of)

    def theme_extra(self) -> dict:
        """What the theme templates (header line, footer) show on every page."""
        return {
            "title": self.title,
            "municipality": self.municipality,
            "data_as_of": self.data_as_of,
            "data_as_of_label": self.data_as_of_label,
            "results_year": self.results_fiscal_year,
            "license_name": self.license_name,
            "license_url": self.license_url,
            "license_note": self.license_note,
            "free_use": self.free_use,
            "site_terms_url": self.site_terms_url,
            "downloads_title": self.downloads_title,
            "source_title": self.source_title,
            "source_url": self.source_url,
            "site_name": self.site_name,
            "site_short_name": self.site_short_name,
            "contact": self.contact,
            "contact_url": self.contact_url,
            "project_list_label": f"{self.terms['project']}一覧",
        }

    # Headline figures of the home page: the verdict before the details.
    def mark_totals(self) -> dict[str, int]:
        """Challenges per published mark over the whole report, in legend order."""
        totals = {c.label: 0 for c in self.all_marks}
        for issue in self.issues:
            for label, n in issue.mark_counts().items():
                totals[label] += n
        return totals

    def phase_totals(self) -> list[tuple[codes.Code, int]]:
        """Projects per phase in the results year (those the list does not mention last)."""
        counts: dict[str, int] = {}
        for p in self.projects:
            phase = p.phase_in(self.results_fiscal_year) or codes.PHASE_NOT_LISTED
            counts[phase.value] = counts.get(phase.value, 0) + 1
        ordered = [*self.phase_codes.values(), codes.PHASE_NOT_LISTED]
        return [(c, counts[c.value]) for c in ordered if counts.get(c.value)]

    @property
    def all_indicators(self) -> list[Kpi]:
        """Every indicator once: the issues' and challenges' own, then every project's."""
        return [k for i in self.issues for k in i.kpis] + [k for p in self.projects for k in p.indicators]

    def grade_totals(self) -> dict[str, int]:
        totals = {g: 0 for g in codes.GRADE_VALUES}
        for k in self.all_indicators:
            totals[k.series.achievement.grade] += 1
        return totals

    def indicator_term(self, kpi: Kpi) -> Term:
        """The report's word for an indicator of this kind (Sasebo: KPI / 活動指標)."""
        return self.terms["indicator" if kpi.kind.value == codes.ACTIVITY else "kpi"]

    # Which optional parts this report has: pages leave out a column or section it lacks,
    # instead of showing a column of 記載なし.
    @property
    def has_areas(self) -> bool:
        return any(i.area_id for i in self.issues)

    @property
    def has_steps(self) -> bool:
        return any(p.step for p in self.projects)

    @property
    def has_themes(self) -> bool:
        return bool(self.themes)

    @property
    def has_phases(self) -> bool:
        return any(p.phases for p in self.projects)

    @property
    def has_leading(self) -> bool:
        return any(p.leading for p in self.projects)

    @property
    def has_pid(self) -> bool:
        return any(p.pid for p in self.projects)

    @property
    def has_marks(self) -> bool:
        return any(c.mark is not codes.MARK_NOT_PUBLISHED for i in self.issues for c in i.challenges)

    @property
    def has_budgets(self) -> bool:
        return any(p.budgets for p in self.projects)

    @property
    def phase_years(self) -> list[int]:
        return [y for y in self.plan_years if any(y in p.phases for p in self.projects)] or self.plan_years


def _group(rows, key_attr: str) -> dict[str, list]:
    """Rows by owner id, so that building the model stays linear in the data size."""
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(getattr(r, key_attr), []).append(r)
    return groups


def _texts(rows) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in sorted(rows, key=lambda r: r.seq):
        out.setdefault(r.section, []).append(r.text.strip())
    return out


def _values(rows, decimals: str | None = None) -> list[YearValue]:
    """Year values; `decimals` is the indicator's fixed number of decimals, if staff set one."""
    return sorted(
        (
            YearValue(
                r.fiscal_year,
                r.planned,
                r.actual,
                (r.note or "").strip(),
                getattr(r, "published_rate", None),
                getattr(r, "published_grade", None) or "",
                bool(getattr(r, "base", None)),
                places_or(decimals, r.places, "planned"),
                places_or(decimals, r.places, "actual"),
                places_or(None, r.places, "published_rate"),
            )
            for r in rows
        ),
        key=lambda v: v.fiscal_year,
    )


def _notes(ds: Dataset) -> dict[tuple[str, str], list[Note]]:
    notes: dict[tuple[str, str], list[Note]] = {}
    for r in sorted(ds.tables.get("notes", []), key=lambda r: (r.target_table, r.target_id, r.seq)):
        notes.setdefault((r.target_table, r.target_id), []).append(
            Note(codes.NOTE_KINDS[r.kind], r.text, r.reason, getattr(r, "source", None) or "")
        )
    return notes


def _budgets(rows) -> list[Budget]:
    order = list(codes.BUDGET_BASES)
    return [
        Budget(r.fiscal_year, r.basis, r.total, r.general_fund, r.personnel_cost, (r.note or "").strip())
        for r in sorted(rows, key=lambda r: (r.fiscal_year, order.index(r.basis)))
    ]


def _table_rows(ds: Dataset) -> tuple[dict[str, list[dict]], dict[str, list[dict[str, int]]]]:
    """Every table as plain rows (its columns only), and the decimals of each row's numbers as shown:
    as written, or the indicator's fixed decimals for the values of an indicator."""
    from .schema import TABLES

    fixed = {
        "kpi_values": ("kpi_id", {r.kpi_id: r.decimals for r in ds.tables.get("kpis", [])}),
        "project_values": ("project_id", {r.project_id: r.indicator_decimals for r in ds.tables.get("projects", [])}),
    }
    tables, places = {}, {}
    for t in TABLES:
        rows = ds.tables.get(t.name, [])
        tables[t.name] = [r.model_dump(mode="json", exclude={"places"}) for r in rows]
        key, decimals = fixed.get(t.name, ("", {}))
        numbers = [c.name for c in t.columns if c.kind == "number"]
        places[t.name] = [
            {
                c: places_or(decimals.get(getattr(r, key)) if key and c != "published_rate" else None, r.places, c)
                for c in numbers
            }
            for r in rows
        ]
    return tables, places


@dataclass
class _Builder:
    """Builds the linked model from the validated tables, one named step per entity.

    Rows are grouped by owner once (`_group`), so every step is linear in its table."""

    ds: Dataset
    results_year: int
    thresholds: GradeThresholds
    rate_rule: RateRule | None = None
    scales: dict[str, Scale] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    challenges: dict[str, Challenge] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    projects: list[Project] = field(default_factory=list)
    project_kpis: dict[str, list[Kpi]] = field(default_factory=dict)
    project_values: dict[str, list] = field(default_factory=dict)
    further_challenges: dict[str, list[Challenge]] = field(default_factory=dict)
    phase_codes: dict[str, codes.Code] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.phase_codes = phases_from_rows(self.ds.tables.get("phases", []))

    def rows(self, table: str) -> list:
        return self.ds.tables[table]

    def series(
        self, name: str, unit: str | None, direction: str | None, cumulative: str | None, values: list[YearValue]
    ) -> Series:
        code = codes.DIRECTIONS.get(direction or "", codes.DEFAULT_DIRECTION)
        return Series(
            name,
            unit or "",
            code,
            cumulative in codes.CUMULATIVE,
            values,
            assess(values, code.value == codes.DECREASE, self.results_year, self.thresholds, self.rate_rule),
            self.rate_rule,
        )

    def build_issues(self) -> None:
        areas = {a.area_id: a for a in self.rows("areas")}
        texts = _group(self.rows("issue_texts"), "issue_id")
        criteria = _group(self.ds.tables.get("issue_criteria", []), "issue_id")
        for r in sorted(self.rows("issues"), key=lambda r: r.sort_order):
            self.issues[r.issue_id] = Issue(
                r.issue_id,
                r.sort_order,
                r.field_name or r.title,
                r.title,
                areas[r.area_id].name if r.area_id else "",
                r.area_id or "",
                _texts(texts.get(r.issue_id, [])),
                r.display_number or "",
                assessment=getattr(r, "assessment", None) or "",
                criteria=[
                    Criterion(c.seq, c.criterion, c.mark or "", c.reason or "")
                    for c in sorted(criteria.get(r.issue_id, []), key=lambda c: c.seq)
                ],
                published=self.code(scales.ISSUE, getattr(r, "published_grade", None)),
                marks=(*self.scales[scales.CHALLENGE].values, codes.MARK_NOT_PUBLISHED),
            )

    def code(self, level: str, value: str | None) -> codes.Code | None:
        """A printed value of a level with a declared scale (validated), else none."""
        scale = self.scales.get(level)
        return scale.code(value) if scale and value else None

    def build_challenges(self) -> None:
        texts = _group(self.rows("challenge_texts"), "challenge_id")
        for r in sorted(self.rows("challenges"), key=lambda r: (self.issues[r.issue_id].sort_order, r.number)):
            mark = self.code(scales.CHALLENGE, r.progress_mark) or codes.MARK_NOT_PUBLISHED
            ch = Challenge(
                r.challenge_id, r.number, r.title, mark, _texts(texts.get(r.challenge_id, [])), r.display_number or ""
            )
            ch.issue = self.issues[r.issue_id]
            ch.issue.challenges.append(ch)
            self.challenges[r.challenge_id] = ch

    def build_kpis(self) -> None:
        """Issue and challenge indicators; a project's own wait for its project (`project_kpis`)."""
        values = _group(self.rows("kpi_values"), "kpi_id")
        for r in sorted(self.rows("kpis"), key=lambda r: (r.challenge_id or "", r.seq)):
            default_kind = codes.ACTIVITY if r.project_id else codes.OUTCOME
            s = self.series(r.name, r.unit, r.direction, r.cumulative, _values(values.get(r.kpi_id, []), r.decimals))
            kpi = Kpi(
                r.kpi_id,
                r.seq,
                r.name,
                r.unit or "",
                r.formula or "",
                r.evaluation or "",
                r.note or "",
                s,
                codes.INDICATOR_KINDS[r.kind or default_kind],
                self.facts(getattr(r, "owner", None), r),
            )
            if r.project_id:
                self.project_kpis.setdefault(r.project_id, []).append(kpi)
            elif r.issue_id:
                self.issues[r.issue_id].indicators.append(kpi)
            else:
                self.challenges[r.challenge_id].kpis.append(kpi)

    def facts(self, owner: str | None, row=None) -> IndicatorFacts:
        """Who reports an indicator, and its own update words (kpis.csv `row`), else the report's."""
        meta = self.ds.tables["report"][0]
        cycle, due = (getattr(row, n, None) or getattr(meta, n, None) or "" for n in ("update_cycle", "next_update"))
        return IndicatorFacts(owner or "", cycle, due)

    def build_steps(self) -> None:
        for r in sorted(self.rows("steps"), key=lambda r: r.code):
            self.steps[r.step_id] = Step(r.step_id, r.code, r.title)
            self.challenges[r.challenge_id].steps.append(self.steps[r.step_id])

    def build_themes(self) -> None:
        for r in sorted(self.rows("themes"), key=lambda r: r.sort_order):
            self.themes[r.theme_id] = Theme(r.theme_id, r.kind, r.name, r.sort_order, r.description or "")

    def build_projects(self) -> None:
        phases: dict[str, dict[int, codes.Code]] = {}
        for r in self.rows("project_phases"):
            phases.setdefault(r.project_id, {})[r.fiscal_year] = self.phase_codes[r.phase]
        texts = _group(self.rows("project_texts"), "project_id")
        budgets = _group(self.rows("project_budgets"), "project_id")
        self.project_values = _group(self.rows("project_values"), "project_id")
        for link in self.rows("project_challenges"):
            self.further_challenges.setdefault(link.project_id, []).append(self.challenges[link.challenge_id])
        for r in self.rows("projects"):  # keep the order of the published project list
            p = Project(
                r.project_id,
                r.pid or "",
                r.category or "",
                r.department,
                r.name,
                r.summary or "",
                r.leading in codes.LEADING,
                dict(sorted(phases.get(r.project_id, {}).items())),
                self.project_indicators(r),
                period=r.period or "",
                target_group=r.target_group or "",
                review=r.review or "",
                review_code=self.code(scales.PROJECT, r.review),
                texts=_texts(texts.get(r.project_id, [])),
                budgets=_budgets(budgets.get(r.project_id, [])),
            )
            self.link_project(p, r)
            self.projects.append(p)

    def project_indicators(self, r) -> list[Kpi]:
        """The indicator of projects.csv (one per project, Sasebo's form), then those of kpis.csv."""
        own = _values(self.project_values.get(r.project_id, []), r.indicator_decimals)
        first = []
        if r.indicator_name or own:
            name = r.indicator_name or ""
            s = self.series(name, r.indicator_unit, r.indicator_direction, r.indicator_cumulative, own)
            activity = codes.INDICATOR_KINDS[codes.ACTIVITY]
            first.append(
                Kpi(r.project_id, 0, name, r.indicator_unit or "", "", "", "", s, activity, self.facts(r.department))
            )
        listed = sorted(self.project_kpis.get(r.project_id, []), key=lambda k: k.seq)
        for k in listed:  # without an owner of its own, the project's department reports it
            if not k.facts.owner:
                k.facts = replace(k.facts, owner=r.department)
        return first + listed

    def link_project(self, p: Project, r) -> None:
        """Both directions of each link: the project to its parents, the parents to it."""
        if r.issue_id:
            p.issue = self.issues[r.issue_id]
            p.issue.projects.append(p)
        if r.challenge_id:
            p.challenge = self.challenges[r.challenge_id]
            for ch in [p.challenge] + self.further_challenges.get(r.project_id, []):
                p.challenges.append(ch)
                ch.projects.append(p)
        if r.step_id:
            p.step = self.steps[r.step_id]
            p.step.projects.append(p)
        if r.theme_id:
            p.theme = self.themes[r.theme_id]
            p.theme.projects.append(p)

    def areas(self) -> list[tuple[str, str, list[Issue]]]:
        """Issues by area; a report without areas is one group with an empty name."""
        if not self.rows("areas"):
            return [("all", "", list(self.issues.values()))]
        return [
            (a.area_id, a.name, [i for i in self.issues.values() if i.area_id == a.area_id])
            for a in sorted(self.rows("areas"), key=lambda a: a.sort_order)
        ]


def build_report(ds: Dataset, thresholds: GradeThresholds | None = None) -> Report:
    meta = ds.tables["report"][0]
    thresholds = _report_thresholds(meta) or thresholds or GradeThresholds()
    rate_rule = _rate_rule(meta)
    report_scales = scales.scales_from_rows(ds.tables.get("scales", []))
    b = _Builder(ds, meta.results_fiscal_year, thresholds, rate_rule, report_scales)
    # Order matters: each step links to what the steps before it built.
    for step in (b.build_issues, b.build_challenges, b.build_kpis, b.build_steps, b.build_themes, b.build_projects):
        step()
    tables, places = _table_rows(ds)
    return Report(
        municipality=meta.municipality,
        title=meta.title,
        results_fiscal_year=meta.results_fiscal_year,
        plan_years=list(range(meta.plan_start_year, meta.plan_end_year + 1)),
        published_on=meta.published_on or "",
        data_as_of=meta.data_as_of.isoformat(),
        is_draft=meta.status == codes.EDITION_DRAFT,
        notes=_notes(ds),
        source_title=meta.source_title,
        source_url=meta.source_url or "",
        license_name=meta.license_name,
        **_licence_fields(meta),
        site_name=meta.site_name or "",
        site_short_name=meta.site_short_name or "",
        site_description=meta.site_description or "",
        contact=meta.contact or "",
        contact_url=meta.contact_url or "",
        terms=terms_from_rows(ds.tables["labels"]),
        phase_codes=b.phase_codes,
        base_year=meta.base_year,
        areas=b.areas(),
        issues=list(b.issues.values()),
        projects=b.projects,
        themes=list(b.themes.values()),
        tables=tables,
        places=places,
        rate_rule=rate_rule,
        scales=report_scales,
        thresholds=thresholds,
        warnings=ds.warnings,
    )


def _licence_fields(meta) -> dict:
    """The terms of use as report.csv states them; a blank license_type grants nothing."""
    return {
        "license_url": meta.license_url or "",
        "license_note": meta.license_note or "",
        "licence": codes.LICENCES.get(meta.license_type or "", codes.LICENCE_NOT_STATED),
        "site_terms_url": meta.site_terms_url or "",
    }


def _rate_rule(meta) -> RateRule | None:
    """How the report rounds its printed rates (report.csv rate_rounding, rate_decimals), if it says."""
    return RateRule(meta.rate_rounding, int(meta.rate_decimals or 0)) if meta.rate_rounding else None


def _report_thresholds(meta) -> GradeThresholds | None:
    """A report's own grade ranges (report.csv grade_a_min…), which override the deployment's."""
    bounds = (meta.grade_a_min, meta.grade_b_min, meta.grade_c_min)
    if any(b is None for b in bounds):
        return None
    return GradeThresholds(*bounds)


def load_report(data_dir: Path, thresholds: GradeThresholds | None = None, label: str | None = None) -> Report:
    """The latest edition of a data folder (one edition, or a folder of editions)."""
    return load_reports(data_dir, thresholds, label)[-1]


def load_reports(data_dir: Path, thresholds: GradeThresholds | None = None, label: str | None = None) -> list[Report]:
    """Every edition of a data folder, oldest first; DataError with the Japanese report if any is wrong."""
    from .editions import load_editions

    return [build_report(ds, thresholds) for ds in load_editions(data_dir, label)]
