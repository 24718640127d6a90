"""Everything a deployer may set, in one typed place, with its default.

The MkDocs hook reads these once (`Settings.from_mkdocs`) from mkdocs.yml and
the environment and hands them to the core; the core never reads mkdocs.yml or
the environment itself. Defaults live here and nowhere else.

| setting            | where it is set                                  | default              |
|--------------------|--------------------------------------------------|----------------------|
| `data_dir`         | env `DXREPORT_DATA_DIR`, else `extra.data_dir`   | `data`               |
| `grade_thresholds` | `extra.grade_thresholds` (`{A: .., B: .., C: ..}`) | A 100 / B 90 / C 80 |
| `nav_issue_limit`  | `extra.nav_issue_limit`                          | 30                   |
| `nav_area_limit`   | `extra.nav_area_limit`                           | 20                   |
| `site_url`         | env `SITE_URL` (mkdocs.yml `site_url`)           | as mkdocs.yml says   |
| `cache_dir`        | `build/cache/` beside mkdocs.yml                  | none (core alone)    |

- `data_dir`: the folder of CSV files; relative paths are relative to mkdocs.yml.
- `grade_thresholds`: lower bounds, in percent of the plan, of grades A, B and C
  (below C is D). Every page that names a grade range (legend, method page,
  project-list filter) is worded from these numbers.
- `nav_issue_limit`: with more priority issues than this, the sidebar links one
  page per area instead of every issue (every page carries the whole sidebar).
- `nav_area_limit`: with more areas than this, the sidebar links one page that
  lists the areas, so its size does not grow with the number of areas.
- `site_url`: the public address; MkDocs uses it for canonical links and the
  sitemap. Set it when the site lives under a sub-path. Unset, mkdocs.yml gives
  the placeholder `PLACEHOLDER_SITE_URL`: the build says so (a notice that does
  not fail strict builds) and pages name no address (`site_url_known`).
- `cache_dir`: where the Excel workbooks of unchanged editions are kept between
  builds (dxreport/workbook.py); inside the project, never a shared temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR_ENV = "DXREPORT_DATA_DIR"
SITE_URL_ENV = "SITE_URL"
# mkdocs.yml's site_url when SITE_URL is not set: an address on the builder's own machine, never
# the public one (tests/test_settings.py keeps the two equal).
PLACEHOLDER_SITE_URL = "http://localhost:8000/"


class SettingsError(ValueError):
    """A setting a deployer wrote that cannot be used; the message is Japanese."""


@dataclass(frozen=True)
class GradeThresholds:
    """Lower bounds (achievement rate, percent) of grades A, B and C; below C is D."""

    a: float = 100.0
    b: float = 90.0
    c: float = 80.0

    def __post_init__(self) -> None:
        if not self.a > self.b > self.c > 0:
            raise SettingsError(
                f"達成度の区分（grade_thresholds）は A ＞ B ＞ C ＞ 0 の順にしてください（いまは A {self.a}・B {self.b}・C {self.c}）。"
            )

    def grade_for(self, rate: float) -> str:
        for grade, bound in (("A", self.a), ("B", self.b), ("C", self.c)):
            if rate >= bound:
                return grade
        return "D"

    @classmethod
    def from_mapping(cls, raw: Mapping | None) -> GradeThresholds:
        if not raw:
            return cls()
        unknown = sorted(str(k) for k in raw if str(k) not in ("A", "B", "C"))
        if unknown:
            raise SettingsError(
                f"grade_thresholds に使えるのは A・B・C だけです（{'、'.join(unknown)} は使えません）。"
            )
        default = cls()
        try:
            values = {k.lower(): float(raw.get(k, getattr(default, k.lower()))) for k in ("A", "B", "C")}
        except (TypeError, ValueError):
            raise SettingsError("grade_thresholds の値は数値（％）で書いてください（例：A: 100）。") from None
        return cls(**values)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    # How data_dir is named in messages to staff ("data/kpis.csv 2行目").
    data_label: str = "data"
    grade_thresholds: GradeThresholds = field(default_factory=GradeThresholds)
    nav_issue_limit: int = 30
    nav_area_limit: int = 20
    site_url: str | None = None
    cache_dir: Path | None = None

    @property
    def site_url_known(self) -> bool:
        """Whether the public address was given (pages may then print it)."""
        return bool(self.site_url) and self.site_url != PLACEHOLDER_SITE_URL

    def __post_init__(self) -> None:
        if self.nav_issue_limit < 1 or self.nav_area_limit < 1:
            raise SettingsError("nav_issue_limit と nav_area_limit は1以上の整数にしてください。")

    @classmethod
    def from_mkdocs(
        cls, extra: Mapping, config_dir: Path, site_url: str | None = None, env: Mapping[str, str] | None = None
    ) -> Settings:
        """Settings from mkdocs.yml's `extra:` and the environment (the hook's only reading)."""
        env = os.environ if env is None else env
        default = cls()
        data_label = env.get(DATA_DIR_ENV) or str(extra.get("data_dir") or default.data_label)
        try:
            limit = int(extra.get("nav_issue_limit", default.nav_issue_limit))
            area_limit = int(extra.get("nav_area_limit", default.nav_area_limit))
        except (TypeError, ValueError):
            raise SettingsError("nav_issue_limit と nav_area_limit は整数で書いてください（例：30）。") from None
        return cls(
            data_dir=config_dir / data_label,  # an absolute data_label replaces config_dir
            data_label=data_label,
            grade_thresholds=GradeThresholds.from_mapping(extra.get("grade_thresholds")),
            nav_issue_limit=limit,
            nav_area_limit=area_limit,
            site_url=site_url or env.get(SITE_URL_ENV) or None,
            cache_dir=config_dir / "build" / "cache",
        )
