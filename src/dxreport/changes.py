"""What changed from one edition to the next: marks, grades, revised targets, projects added, ended,
moved (to another issue or challenge) or renamed (a new name or department).

Table work, so pandas: each edition's facts become a DataFrame, an outer merge on the ids lines
the two editions up, and the rows whose values differ are the changes. Imported only when a
report has at least two editions (pandas costs a noticeable share of a build).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import codes, scales
from .model import Kpi, Report
from .precision import Printed, printed


@dataclass
class Changes:
    """Changes of one edition since `previous_year`'s; every list holds plain dicts for templates."""

    previous_year: int
    marks: list[dict] = field(default_factory=list)  # challenge, issue_id, old, new (codes.Code)
    grades: list[dict] = field(default_factory=list)  # kpi_id, name, owner_url, issue_id, project_id, old, new
    # The report's own printed grades (issue, indicator, project) that changed: key, name, owner_url,
    # issue_id, project_id, scale_name, old, new (codes.Code, None = not printed)
    published: list[dict] = field(default_factory=list)
    # kpi_id, name, owner_url, issue_id, project_id, year, old, new (precision.Printed: the target with
    # the decimals each edition printed it with; None = no target)
    targets: list[dict] = field(default_factory=list)
    projects_added: list[dict] = field(default_factory=list)  # project_id, name, url, issue_id
    projects_ended: list[dict] = field(default_factory=list)  # project_id, name, issue_id (page gone)
    # project_id, name, url, issue_id, old_issue_id, moves: [(what, old, new)] in the words of each edition
    projects_moved: list[dict] = field(default_factory=list)
    # kpi_id -> {year: planned in the previous edition, as printed}, for indicators whose targets were revised
    previous_plans: dict[str, dict[int, Printed | None]] = field(default_factory=dict)

    @property
    def previous_label(self) -> str:
        return codes.edition_label(self.previous_year)

    @property
    def count(self) -> int:
        lists = (
            self.marks,
            self.published,
            self.grades,
            self.targets,
            self.projects_added,
            self.projects_ended,
            self.projects_moved,
        )
        return sum(map(len, lists))

    def for_issue(self, issue_id: str) -> Changes:
        """What concerns the issue, a project that moved away from it included."""
        return self._where(lambda row: issue_id in (row.get("issue_id"), row.get("old_issue_id")))

    def for_project(self, project_id: str) -> Changes:
        return self._where(lambda row: row.get("project_id") == project_id)

    def _where(self, keep) -> Changes:
        return Changes(
            self.previous_year,
            marks=[r for r in self.marks if keep(r)],
            grades=[r for r in self.grades if keep(r)],
            published=[r for r in self.published if keep(r)],
            targets=[r for r in self.targets if keep(r)],
            projects_added=[r for r in self.projects_added if keep(r)],
            projects_ended=[r for r in self.projects_ended if keep(r)],
            projects_moved=[r for r in self.projects_moved if keep(r)],
            previous_plans=self.previous_plans,
        )


def _indicators(report: Report) -> pd.DataFrame:
    rows: list[tuple[str, Kpi, str, str | None, str | None]] = []
    for issue in report.issues:
        for k in issue.kpis:
            rows.append((k.kpi_id, k, issue.url, issue.issue_id, None))
    for p in report.projects:
        for k in p.indicators:
            rows.append((k.kpi_id, k, p.url, p.issue.issue_id if p.issue else None, p.project_id))
    return pd.DataFrame(
        [
            {
                "kpi_id": kpi_id,
                "name": k.name,
                "grade": k.series.achievement.grade,
                "owner_url": url,
                "issue_id": issue_id,
                "project_id": project_id,
            }
            for kpi_id, k, url, issue_id, project_id in rows
        ],
        columns=["kpi_id", "name", "grade", "owner_url", "issue_id", "project_id"],
    )


_PUBLISHED_COLUMNS = ["key", "name", "owner_url", "issue_id", "project_id", "scale_name", "value", "code"]


def _published(report: Report) -> pd.DataFrame:
    """Every printed grade of the report's own scales: issues', indicators' (the latest printed), projects'."""
    names = {level: s.name for level, s in report.scales.items()}
    rows: list[tuple[str, str, str, str | None, str | None, str, codes.Code | None]] = [
        ("issues/" + i.issue_id, i.title, i.url, i.issue_id, None, names.get(scales.ISSUE, ""), i.published)
        for i in report.issues
    ]
    for issue in report.issues:
        for k in issue.kpis:
            rows.append(("kpis/" + k.kpi_id, k.name, issue.url, issue.issue_id, None, "", report.kpi_published(k)))
    for p in report.projects:
        issue_id = p.issue.issue_id if p.issue else None
        rows.append(("projects/" + p.project_id, p.name, p.url, issue_id, p.project_id, "", p.review_code))
        for k in p.indicators:
            rows.append(("kpis/" + k.kpi_id, k.name, p.url, issue_id, p.project_id, "", report.kpi_published(k)))
    kpi_name, project_name = names.get(scales.KPI, "公表された評価"), names.get(scales.PROJECT, "")
    frame = pd.DataFrame(
        [
            (
                key,
                name,
                url,
                issue_id,
                project_id,
                scale or (kpi_name if key[0] == "k" else project_name),
                c.value if c else "",
                c,
            )
            for key, name, url, issue_id, project_id, scale, c in rows
        ],
        columns=_PUBLISHED_COLUMNS,
    )
    return frame[frame["scale_name"] != ""]


def _published_changes(changes: Changes, earlier: Report, later: Report) -> None:
    """Printed grades that the later edition prints differently (a grade printed for the first time too)."""
    both = _published(earlier).merge(_published(later), on="key", suffixes=("_old", "_new"))
    for row in both[both["value_old"] != both["value_new"]].itertuples():
        changes.published.append(
            {
                "key": row.key,
                "name": row.name_new,
                "owner_url": row.owner_url_new,
                "issue_id": row.issue_id_new,
                "project_id": row.project_id_new,
                "scale_name": row.scale_name_new,
                "old": row.code_old,
                "new": row.code_new,
            }
        )


def _planned(report: Report) -> pd.DataFrame:
    rows = [
        {"kpi_id": k.kpi_id, "year": v.fiscal_year, "planned": v.planned, "places": v.planned_places}
        for k in report.all_indicators
        for v in k.series.values
        if not v.is_base
    ]
    # The decimals travel beside the float (pandas keeps no 52.0), so the target is shown as printed.
    return pd.DataFrame(rows, columns=["kpi_id", "year", "planned", "places"])


def _challenges(report: Report) -> pd.DataFrame:
    rows = [
        {"challenge_id": c.challenge_id, "issue_id": i.issue_id, "mark": c.mark.value, "code": c.mark}
        for i in report.issues
        for c in i.challenges
    ]
    return pd.DataFrame(rows, columns=["challenge_id", "issue_id", "mark", "code"])


# A move is a new parent (compared by id), a rename a new name or department (compared as text);
# both are shown in the words each edition printed.
_PLACES = ("issue", "challenge", "theme")
_MOVE_COLUMNS = ("name", *_PLACES, "department")


def _places(report: Report, p) -> dict[str, str]:
    """Where a project sits: its issue, its challenges (all of them, in order), its cross-cutting
    theme, each by id (`issue_key` …) and by the name the edition printed; blank where it has none.
    An issue renamed in place moves none of its projects."""
    t = report.terms
    issue, theme = p.issue, p.theme
    return {
        "issue_key": issue.issue_id if issue else "",
        "issue": f"{t['issue'].label}{issue.display_number} {issue.title}" if issue else "",
        "challenge_key": " ".join(c.challenge_id for c in p.challenges),
        "challenge": "、".join(f"{t['challenge'].label}{c.number_label} {c.title}" for c in p.challenges),
        "theme_key": theme.theme_id if theme else "",
        "theme": f"{theme.kind} {theme.name}" if theme else "",
    }


def _projects(report: Report) -> pd.DataFrame:
    rows = [
        {
            "project_id": p.project_id,
            "name": p.name,
            "url": p.url,
            "issue_id": p.issue.issue_id if p.issue else None,
            "department": p.department,
            **_places(report, p),
        }
        for p in report.projects
    ]
    places = [c for place in _PLACES for c in (f"{place}_key", place)]
    return pd.DataFrame(rows, columns=["project_id", "name", "url", "issue_id", "department", *places])


def compare(earlier: Report, later: Report) -> Changes:
    changes = Changes(earlier.results_fiscal_year)
    challenges_by_id = {c.challenge_id: c for i in later.issues for c in i.challenges}
    marks = _challenges(earlier).merge(_challenges(later), on="challenge_id", suffixes=("_old", "_new"))
    for row in marks[marks["mark_old"] != marks["mark_new"]].itertuples():
        changes.marks.append(
            {
                "challenge": challenges_by_id[row.challenge_id],
                "issue_id": row.issue_id_new,
                "old": row.code_old,
                "new": row.code_new,
            }
        )
    later_indicators = _indicators(later)
    grades = _indicators(earlier).merge(later_indicators, on="kpi_id", suffixes=("_old", "_new"))
    for row in grades[grades["grade_old"] != grades["grade_new"]].itertuples():
        changes.grades.append(
            {
                "kpi_id": row.kpi_id,
                "name": row.name_new,
                "owner_url": row.owner_url_new,
                "issue_id": row.issue_id_new,
                "project_id": row.project_id_new,
                "old": later.grades[row.grade_old],
                "new": later.grades[row.grade_new],
            }
        )
    _published_changes(changes, earlier, later)
    _revised_targets(changes, _planned(earlier), _planned(later), later_indicators)
    _projects_added_and_ended(changes, earlier, later)
    return changes


def _revised_targets(
    changes: Changes, earlier_plans: pd.DataFrame, later_plans: pd.DataFrame, later_indicators: pd.DataFrame
) -> None:
    """Targets of the same indicator and year that the later edition prints differently."""
    both = earlier_plans.merge(later_plans, on=["kpi_id", "year"], suffixes=("_old", "_new"))
    old, new = both["planned_old"], both["planned_new"]
    revised = both[(old != new) & ~(old.isna() & new.isna())]
    owners = later_indicators.set_index("kpi_id")
    for row in revised.sort_values(["kpi_id", "year"]).itertuples():
        owner = owners.loc[row.kpi_id]
        changes.targets.append(
            {
                "kpi_id": row.kpi_id,
                "name": owner["name"],
                "owner_url": owner["owner_url"],
                "issue_id": owner["issue_id"],
                "project_id": owner["project_id"],
                "year": int(row.year),
                "old": _printed(row.planned_old, row.places_old),
                "new": _printed(row.planned_new, row.places_new),
            }
        )
    for kpi_id in revised["kpi_id"].unique():
        plans = earlier_plans[earlier_plans["kpi_id"] == kpi_id]
        changes.previous_plans[kpi_id] = {
            int(y): _printed(v, n) for y, v, n in zip(plans["year"], plans["planned"], plans["places"])
        }


def _printed(value, places) -> Printed | None:
    """A planned value of the DataFrame with the decimals it was printed with (None: no target)."""
    return None if pd.isna(value) else printed(float(value), None if pd.isna(places) else int(places))


def _projects_added_and_ended(changes: Changes, earlier: Report, later: Report) -> None:
    merged = _projects(earlier).merge(_projects(later), on="project_id", how="outer", indicator=True)
    for row in merged[merged["_merge"] == "right_only"].itertuples():
        changes.projects_added.append(
            {"project_id": row.project_id, "name": row.name_y, "url": row.url_y, "issue_id": row.issue_id_y}
        )
    for row in merged[merged["_merge"] == "left_only"].itertuples():
        changes.projects_ended.append({"project_id": row.project_id, "name": row.name_x, "issue_id": row.issue_id_x})
    _projects_moved(changes, merged[merged["_merge"] == "both"], later)


def _projects_moved(changes: Changes, both: pd.DataFrame, later: Report) -> None:
    """Projects in both editions whose name, department or place (issue, challenge, theme) differ:
    each difference as (what, before, after), what in the later edition's words."""
    t = later.terms
    words = {
        "name": f"{t['project'].label}名",
        "department": t["department"].label,
        "issue": t["issue"].label,
        "challenge": t["challenge"].label,
        "theme": t["theme"].label,
    }
    for row in both.sort_values("project_id").to_dict("records"):
        keys = {c: f"{c}_key" if c in _PLACES else c for c in _MOVE_COLUMNS}
        moves = [(words[c], row[f"{c}_x"], row[f"{c}_y"]) for c, k in keys.items() if row[f"{k}_x"] != row[f"{k}_y"]]
        if moves:
            changes.projects_moved.append(
                {
                    "project_id": row["project_id"],
                    "name": row["name_y"],
                    "old_name": row["name_x"],
                    "url": row["url_y"],
                    "issue_id": row["issue_key_y"] or None,
                    "old_issue_id": row["issue_key_x"] or None,
                    "moves": moves,
                }
            )
