"""What the site reserves for itself: one registry that the validator, the renderer and the tests read.

Ids from the data name pages and files (issues/<issue_id>/, opendata/projects/<project_id>.csv) and
element ids (anchors) on pages. Page and file names: an id equal to one of the site's own names, or
ending like a download variant, would replace another page or file, so `check` refuses it. Element
ids: every id a template derives from data carries a prefix of its own family (DATA_ID_PREFIXES),
and no fixed id starts with one, so no data id can collide with an anchor at all: a KPI named
`data`, `budget` or `changes` is the anchor `kpi-data`. tests/test_reserved.py reads the templates
and fails when one writes an id that is not listed here.
"""

from __future__ import annotations

# Names of the site's own pages and folders, at the levels where data ids name pages and files.
FIXED_PAGES = frozenset(
    {
        "index",
        "search",
        "method",
        "downloads",
        "themes",
        "guide",
        "assets",
        "opendata",
        "areas",
        "issues",
        "projects",
        "editions",
        "changes",
        "glossary",
        "accessibility",
        "404",
        "sitemap",
    }
)
# "x-excel.csv" is the Excel variant of the download of "x" (downloads.VARIANTS).
DOWNLOAD_SUFFIX = "-excel"

# The prefix of every element id made from data, by what it marks.
DATA_ID_PREFIXES = {
    "kpi": "kpi-",  # an indicator's heading
    "chart": "chart-kpi-",  # an indicator's chart
    "card": "card-",  # a priority issue's card on the home and area pages
    "area": "area-",  # an area's heading on the home page
    "theme": "theme-",  # a cross-cutting theme's heading
    "challenge": "challenge-",  # a challenge's heading, by its number
}
# Ids templates make from the code's own lists, never from data: glossary keys (term-…),
# abbreviations (abbr-…), text sections and table names (their own words), kinds of theme, the home
# page's overview chart of each level a report's own scale grades (chart-overview-<scales.LEVELS>).
CODE_ID_PREFIXES = ("term-", "abbr-", "kind-", "chart-overview-")

# Every fixed element id the templates write (tests/test_reserved.py keeps this list complete).
FIXED_IDS = frozenset(
    {
        "page-title",
        "dx_content",
        "published-rates",
        "headline",
        "overview",
        "chart-overview-marks",
        "chart-overview-grades",
        "chart-budget",
        "changes",
        "issue-indicators",
        "unassigned-projects",
        "budget",
        "data",
        "summary",
        "indicator",
        "phases",
        "changed-marks",
        "changed-grades",
        "changed-published",
        "changed-projects",
        "moved-projects",
        "assessment",
        "revised-targets",
        "value-terms",
        "plan-terms",
        "abbreviations",
        "all",
        "automated",
        "contact",
        "source-records",
        "grades",
        "issues",
        "known-issues",
        "limits",
        "manual",
        "measures",
        "not-computable",
        "rate",
        "results",
        "scope",
        "target",
        "testing",
        "dx-search-status",
        "dx-search-results",
        "dx-search-page-q",
        "dx-search-near",
        "dx-search-more",
        "dx-search-list",
        "dx-search-help-title",
        "dx-search-help",
        "dx-project-list",
        "dx-header-q",
        "dx-filter",
        "dx-count",
        "f-reset",
        "f-q",
        "f-phase",
        "f-leading",
        "f-issue",
        "f-published",
        "f-grade",
        "f-dept",
    }
)


def is_reserved_page_name(value: str) -> bool:
    return value in FIXED_PAGES or value.endswith(DOWNLOAD_SUFFIX)


def element_id(family: str, value: str) -> str:
    """The element id of a data id of one family (`kpi` + `data` -> `kpi-data`)."""
    return DATA_ID_PREFIXES[family] + value
