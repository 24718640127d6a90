"""One registry of what the site reserves (dxreport/reserved.py), and `check` agreeing with the build
for every reserved word used as every kind of id."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from dxreport import reserved
from dxreport.editions import validate_editions
from dxreport.validate import format_report

BASE = ROOT / "tests" / "hostile" / "base"
TEMPLATES = [*(ROOT / "src" / "dxreport" / "templates").rglob("*.j2"), *(ROOT / "overrides").rglob("*.html")]
# One id of each kind in the small hostile report, renamed to the reserved word in every cell.
IDS_BY_KIND = {
    "issue_id": "counter",
    "project_id": "counter-1-1-1",
    "kpi_id": "counter-c1-k1",
    "area_id": "gyosei",
    "theme_id": "drone",
    "challenge_id": "counter-c1",
    "step_id": "counter-s1-1",
}
# Template expressions in ids that come from the code's own lists, not from data.
CODE_EXPRESSIONS = {"{{ section.anchor }}", "{{ t.name }}", "{{ ch.anchor }}", "{{ chart_id }}"}
_ID = re.compile(r'\bid="([^"]*)"')


def _template_ids() -> list[tuple[str, str]]:
    return [(path.name, ident) for path in TEMPLATES for ident in _ID.findall(path.read_text(encoding="utf-8"))]


def test_every_id_a_template_writes_is_in_the_registry():
    unknown = []
    for name, ident in _template_ids():
        if "{{" not in ident and "{%" not in ident:
            if ident and ident not in reserved.FIXED_IDS and not ident.startswith(reserved.CODE_ID_PREFIXES):
                unknown.append((name, ident))
            continue
        start = ident.split("{{", 1)[0]
        dynamic = ident[len(start) :]
        if start in reserved.DATA_ID_PREFIXES.values() or start in reserved.CODE_ID_PREFIXES:
            continue
        if not start and dynamic.split("}}")[0] + "}}" in CODE_EXPRESSIONS:
            continue
        if not start and re.fullmatch(r"\{\{ element_id\('(\w+)', [\w.]+\) \}\}", ident):
            continue  # the registry's own prefix for that family
        unknown.append((name, ident))
    assert unknown == [], "add these ids to dxreport/reserved.py (FIXED_IDS or a prefix family)"


def test_no_fixed_id_can_be_taken_by_a_data_id():
    prefixes = tuple(reserved.DATA_ID_PREFIXES.values())
    assert [i for i in reserved.FIXED_IDS if i.startswith(prefixes)] == []
    # No family's prefix begins another's: kpi-x and chart-kpi-x stay apart.
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]


def _rename(data: Path, old: str, new: str) -> None:
    for path in data.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        changed = [[new if cell == old else cell for cell in row] for row in rows]
        if changed != rows:
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(changed)


WORDS = sorted(reserved.FIXED_PAGES | reserved.FIXED_IDS | {"x" + reserved.DOWNLOAD_SUFFIX})


@pytest.mark.parametrize("word", WORDS)
def test_check_and_build_agree_on_every_reserved_word_as_every_kind_of_id(word, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    for old in IDS_BY_KIND.values():
        _rename(data, old, word)
    _, problems = validate_editions(data, "data")
    errors = [p for p in problems if p.is_error]
    result = build_site(tmp_path / "site", data)
    output = result.stdout + result.stderr
    if errors:
        assert result.returncode != 0, format_report(problems, "data")
        assert all(p.message in output for p in errors), output
        assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())
    else:
        assert result.returncode == 0, output
        assert word in reserved.FIXED_IDS  # page names are refused; anchors cannot collide


def test_every_page_and_folder_the_site_makes_is_in_the_registry():
    """The names the renderer gives its own pages and folders are the ones `check` refuses as ids."""
    from dxreport.model import load_reports
    from dxreport.render import render_site

    editions = load_reports(ROOT / "examples" / "nagasaki")
    site = render_site(editions[-1], None, editions)
    names = set()
    for uri in [*site.pages, *site.files]:
        parts = uri.removeprefix("editions/2016/").removeprefix("editions/2020/").split("/")
        names.add(parts[0].removesuffix(".md"))
        if parts[0] in ("issues", "projects", "areas") and parts[1] == "index.md":
            names.add("index")
    assert names - reserved.FIXED_PAGES == set()
