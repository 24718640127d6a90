"""Typed, linked domain model built from a validated dataset."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


from . import codes
from .achievement import Achievement, YearValue, assess
from .validate import Dataset, load_valid
from .vocabulary import DEFAULT_TERMS, Term, terms_from_rows


@dataclass
class Series:
    """Plan/actual values of one KPI or activity indicator."""
    name: str
    unit: str
    lower_is_better: bool
    cumulative: bool
    values: list[YearValue]
    achievement: Achievement

    @property
    def has_numbers(self) -> bool:
        return any(v.planned is not None or v.actual is not None for v in self.values)

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "％")


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
    challenge: "Challenge" = field(repr=False, default=None)  # type: ignore[assignment]


@dataclass
class Step:
    step_id: str
    code: str
    title: str
    projects: list["Project"] = field(default_factory=list)


@dataclass
class Challenge:
    challenge_id: str
    number: int
    title: str
    mark: codes.Code
    texts: dict[str, list[str]]
    kpis: list[Kpi] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    projects: list["Project"] = field(default_factory=list)
    issue: "Issue" = field(repr=False, default=None)  # type: ignore[assignment]

    @property
    def anchor(self) -> str:
        return f"challenge-{self.number}"


@dataclass
class Issue:
    issue_id: str
    sort_order: int
    field_name: str
    title: str
    area_name: str
    area_id: str
    texts: dict[str, list[str]]
    challenges: list[Challenge] = field(default_factory=list)
    projects: list["Project"] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"issues/{self.issue_id}/"

    @property
    def kpis(self) -> list[Kpi]:
        return [k for c in self.challenges for k in c.kpis]

    def mark_counts(self) -> dict[str, int]:
        counts = {c.label: 0 for c in codes.PROGRESS_MARKS.values()}
        counts[codes.MARK_NOT_PUBLISHED.label] = 0
        for ch in self.challenges:
            counts[ch.mark.label] += 1
        return counts

    def grade_counts(self) -> dict[str, int]:
        counts = {g: 0 for g in ("A", "B", "C", "D", "-")}
        for s in [k.series for k in self.kpis] + [p.series for p in self.projects if p.series]:
            counts[s.achievement.grade] += 1
        return counts


@dataclass
class Theme:
    theme_id: str
    kind: str
    name: str
    sort_order: int
    description: str
    projects: list["Project"] = field(default_factory=list)


@dataclass
class Project:
    project_id: str
    pid: str
    category: str
    department: str
    name: str
    summary: str
    leading: bool
    indicator_name: str
    series: Series | None
    phases: dict[int, codes.Code]
    issue: Issue | None = None
    challenge: Challenge | None = None
    step: Step | None = None
    theme: Theme | None = None

    @property
    def url(self) -> str:
        return f"projects/{self.project_id}/"

    def phase_in(self, year: int) -> codes.Code | None:
        return self.phases.get(year)


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
    warnings: list = field(default_factory=list)
    # How the site names itself and whom citizens contact: from the data folder, so that every
    # government's copy speaks of itself (blank columns fall back to the municipality's name).
    site_name: str = ""
    site_short_name: str = ""
    site_description: str = ""
    contact: str = ""
    contact_url: str = ""
    license_note: str = ""
    terms: dict[str, Term] = field(default_factory=lambda: dict(DEFAULT_TERMS))

    def __post_init__(self) -> None:
        self.site_name = self.site_name or f"{self.municipality} 進捗報告"
        self.site_short_name = self.site_short_name or self.site_name
        self.site_description = self.site_description or f"{self.title}の目標と実績をお知らせします。"
        self.contact = self.contact or self.municipality

    @property
    def data_as_of_label(self) -> str:
        return codes.date_label(self.data_as_of)

    def theme_extra(self) -> dict:
        """What the theme templates (header line, footer) show on every page."""
        return {
            "title": self.title, "municipality": self.municipality, "data_as_of": self.data_as_of,
            "data_as_of_label": self.data_as_of_label, "results_year": self.results_fiscal_year,
            "license_name": self.license_name, "license_url": self.license_url, "license_note": self.license_note,
            "source_title": self.source_title, "source_url": self.source_url,
            "site_name": self.site_name, "site_short_name": self.site_short_name,
            "contact": self.contact, "contact_url": self.contact_url,
        }

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


def _values(rows) -> list[YearValue]:
    return sorted((YearValue(r.fiscal_year, r.planned, r.actual, (r.note or "").strip()) for r in rows),
                  key=lambda v: v.fiscal_year)


def _table_rows(ds: Dataset) -> dict[str, list[dict]]:
    from .schema import TABLES
    return {t.name: [r.model_dump(mode="json") for r in ds.tables.get(t.name, [])] for t in TABLES}


def build_report(ds: Dataset, thresholds: dict[str, float] | None = None) -> Report:
    t = ds.tables
    meta = t["report"][0]
    issue_texts, challenge_texts = _group(t["issue_texts"], "issue_id"), _group(t["challenge_texts"], "challenge_id")
    kpi_values, project_values = _group(t["kpi_values"], "kpi_id"), _group(t["project_values"], "project_id")
    results_year = meta.results_fiscal_year

    def series(name, unit, direction, cumulative, values) -> Series:
        lower = direction == "減少"
        return Series(name, unit or "", lower, cumulative == "累計", values,
                      assess(values, lower, results_year, thresholds))

    areas = {a.area_id: a for a in t["areas"]}
    issues: dict[str, Issue] = {}
    for r in sorted(t["issues"], key=lambda r: r.sort_order):
        issues[r.issue_id] = Issue(r.issue_id, r.sort_order, r.field_name, r.title,
                                   areas[r.area_id].name, r.area_id,
                                   _texts(issue_texts.get(r.issue_id, [])))
    challenges: dict[str, Challenge] = {}
    for r in sorted(t["challenges"], key=lambda r: (issues[r.issue_id].sort_order, r.number)):
        mark = codes.PROGRESS_MARKS.get(r.progress_mark or "", codes.MARK_NOT_PUBLISHED)
        ch = Challenge(r.challenge_id, r.number, r.title, mark,
                       _texts(challenge_texts.get(r.challenge_id, [])))
        ch.issue = issues[r.issue_id]
        issues[r.issue_id].challenges.append(ch)
        challenges[r.challenge_id] = ch
    for r in sorted(t["kpis"], key=lambda r: (r.challenge_id, r.seq)):
        s = series(r.name, r.unit, r.direction, r.cumulative, _values(kpi_values.get(r.kpi_id, [])))
        kpi = Kpi(r.kpi_id, r.seq, r.name, r.unit or "", r.formula or "", r.evaluation or "", r.note or "", s)
        kpi.challenge = challenges[r.challenge_id]
        challenges[r.challenge_id].kpis.append(kpi)
    steps: dict[str, Step] = {}
    for r in sorted(t["steps"], key=lambda r: r.code):
        st = Step(r.step_id, r.code, r.title)
        steps[r.step_id] = st
        challenges[r.challenge_id].steps.append(st)
    themes = {r.theme_id: Theme(r.theme_id, r.kind, r.name, r.sort_order, r.description or "")
              for r in sorted(t["themes"], key=lambda r: r.sort_order)}

    phases_by_project: dict[str, dict[int, codes.Code]] = {}
    for r in t["project_phases"]:
        phases_by_project.setdefault(r.project_id, {})[r.fiscal_year] = codes.PHASES[r.phase]
    projects: list[Project] = []
    for r in t["projects"]:  # keep the order of the published project list
        values = _values(project_values.get(r.project_id, []))
        s = None
        if r.indicator_name or values:
            s = series(r.indicator_name or "活動指標", r.indicator_unit, r.indicator_direction,
                       r.indicator_cumulative, values)
        p = Project(r.project_id, r.pid, r.category, r.department, r.name, r.summary or "",
                    r.leading == "○", r.indicator_name or "", s,
                    dict(sorted(phases_by_project.get(r.project_id, {}).items())))
        if r.issue_id:
            p.issue = issues[r.issue_id]
            p.issue.projects.append(p)
        if r.challenge_id:
            p.challenge = challenges[r.challenge_id]
            p.challenge.projects.append(p)
        if r.step_id:
            p.step = steps[r.step_id]
            p.step.projects.append(p)
        if r.theme_id:
            p.theme = themes[r.theme_id]
            p.theme.projects.append(p)
        projects.append(p)

    area_list = [(a.area_id, a.name, [i for i in issues.values() if i.area_id == a.area_id])
                 for a in sorted(t["areas"], key=lambda a: a.sort_order)]
    return Report(
        municipality=meta.municipality, title=meta.title, results_fiscal_year=results_year,
        plan_years=list(range(meta.plan_start_year, meta.plan_end_year + 1)),
        published_on=meta.published_on, data_as_of=meta.data_as_of.isoformat(),
        source_title=meta.source_title, source_url=meta.source_url or "",
        license_name=meta.license_name, license_url=meta.license_url or "",
        site_name=meta.site_name or "", site_short_name=meta.site_short_name or "",
        site_description=meta.site_description or "", contact=meta.contact or "", contact_url=meta.contact_url or "",
        license_note=meta.license_note or "", terms=terms_from_rows(t["labels"]),
        areas=area_list, issues=list(issues.values()), projects=projects,
        themes=list(themes.values()), tables=_table_rows(ds), warnings=ds.warnings,
    )


def load_report(data_dir: Path, thresholds: dict[str, float] | None = None, label: str | None = None) -> Report:
    return build_report(load_valid(data_dir, label), thresholds)
