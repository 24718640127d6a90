"""What must hold for ANY valid data: the live data/ and three copies with the
changes staff make in ordinary pull requests (conftest.STAFF_CHANGES: a project
added, the results year moved on with its actuals, a project removed).

Nothing here names a project, a count or a date: every expectation is read
from the CSV files the site was built from, and every page is read back from
its HTML. Exact values are pinned on the frozen fixture (test_fixture_pages.py).
"""

from __future__ import annotations

import html as html_module
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT, SUBPATH, Built, number, read_rows, year
from htmlread import read_page

from dxreport.editions import edition_sources, validate_editions
from dxreport.reserved import element_id
from dxreport.settings import Settings
from dxreport.validate import format_report

FIXED_PAGES = (
    "index.html",
    "projects/index.html",
    "method/index.html",
    "downloads/index.html",
    "accessibility/index.html",
    "guide/index.html",
    "guide/columns/index.html",
    "search/index.html",
    "404.html",
)


def html(built: Built, rel: str):
    return read_page(built.site_dir / rel)


def nav_issue_limit() -> int:
    m = re.search(r"^  nav_issue_limit: (\d+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return int(m.group(1)) if m else Settings().nav_issue_limit


def year_of(label: str) -> int:
    """The western year of a row header such as 令和5年度（2023年度）."""
    m = re.search(r"(\d{4})年度", label)
    assert m, f"no year in {label!r}"
    return int(m.group(1))


# The words a blank value cell shows instead of a number (dxreport/missing.py), never blank.
MISSING_WORDS = {"公表なし", "未報告", "未転記", "備考のとおり"}


def shown_number(cell: str, base: bool = False) -> float | None:
    """A value cell read back; only a base year's plan may be blank (a base value has no target)."""
    assert cell != "" or base, "a blank value cell must say why it is blank"
    return None if cell in MISSING_WORDS else number(cell)


def values_shown(table) -> dict[int, tuple[float | None, float | None, str]]:
    """year -> (planned, actual, note) as the page shows them, numbers read back from their text."""
    assert table.head == ["年度", "予定", "実績", "備考"], table.head
    return {year_of(r[0]): (shown_number(r[1], "基準値" in r[0]), shown_number(r[2]), r[3]) for r in table.rows}


def values_in_csv(rows: list[dict]) -> dict[int, tuple[float | None, float | None, str]]:
    return {
        year(r["fiscal_year"]): (number(r["planned"]), number(r["actual"]), " ".join((r["note"] or "").split()))
        for r in rows
    }


def test_data_validates(any_site):
    _, problems = validate_editions(any_site.data_dir, "data")
    errors = [p for p in problems if p.is_error]
    assert errors == [], format_report(errors, "data")


def test_every_entity_has_its_page_and_nothing_else_does(any_site):
    site = any_site.site_dir
    for page in FIXED_PAGES:
        assert (site / page).exists(), page
    issues = {r["issue_id"] for r in read_rows(any_site.data_dir, "issues")}
    projects = {r["project_id"] for r in read_rows(any_site.data_dir, "projects")}
    assert {p.parent.name for p in (site / "issues").glob("*/index.html")} == issues
    assert {p.parent.name for p in (site / "projects").glob("*/index.html")} == projects
    assert (site / "themes" / "index.html").exists() == bool(read_rows(any_site.data_dir, "themes"))
    # Every edition, the latest too, also at its permanent address, with its own issue and project pages.
    for source in edition_sources(any_site.data_dir, "data"):
        folder = site / "editions" / str(year(read_rows(source.path, "report")[0]["results_fiscal_year"]))
        assert {p.parent.name for p in (folder / "issues").glob("*/index.html")} == {
            r["issue_id"] for r in read_rows(source.path, "issues")
        }
        assert {p.parent.name for p in (folder / "projects").glob("*/index.html")} == {
            r["project_id"] for r in read_rows(source.path, "projects")
        }
    if len(issues) > nav_issue_limit():
        for area in read_rows(any_site.data_dir, "areas"):
            assert (site / "areas" / area["area_id"] / "index.html").exists()


def test_internal_links_and_anchors_resolve(any_site):
    site = any_site.site_dir
    broken = []
    for page_path in sorted(site.rglob("*.html")):
        for link in read_page(page_path).links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//", "data:")):
                continue
            if parts.path.startswith(f"/{SUBPATH}/"):  # 404.html uses absolute links under the sub-path
                target = site / unquote(parts.path[len(SUBPATH) + 2 :])
            elif parts.path.startswith("/"):
                target = site / unquote(parts.path[1:])
            elif parts.path:
                target = (page_path.parent / unquote(parts.path)).resolve()
            else:
                target = page_path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page_path.relative_to(site)} -> {link}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and parts.fragment != "__skip"
                and unquote(parts.fragment) not in read_page(target).ids
            ):
                broken.append(f"{page_path.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []


def test_project_pages_show_their_own_csv_rows(any_site):
    data = any_site.data_dir
    values = {}
    for r in read_rows(data, "project_values"):
        values.setdefault(r["project_id"], []).append(r)
    phases = {}
    for r in read_rows(data, "project_phases"):
        phases.setdefault(r["project_id"], {})[year(r["fiscal_year"])] = r["phase"]
    wrong = []
    for p in read_rows(data, "projects"):
        page = html(any_site, f"projects/{p['project_id']}/index.html")
        if page.h1 != " ".join(p["name"].split()):
            wrong.append(f"{p['project_id']}: heading {page.h1!r}")
        for shown in (p["pid"], p["department"]):
            if shown.strip() not in page.labels:
                wrong.append(f"{p['project_id']}: {shown!r} not shown")
        tables = page.tables_with("dx-values")
        own = values_in_csv(values.get(p["project_id"], []))
        if own and (len(tables) != 1 or values_shown(tables[0]) != own):
            wrong.append(f"{p['project_id']}: values table differs from project_values.csv")
        strip = page.tables_with("dx-phase-strip")
        if phases.get(p["project_id"]):
            # One row per year: 令和5年度（2023年度） | the phase.
            shown = {int(re.search(r"(\d{4})年度）", row[0]).group(1)): row[1] for row in strip[0].rows}
            for fy, phase in phases[p["project_id"]].items():
                if phase not in shown.get(fy, ""):
                    wrong.append(f"{p['project_id']} {fy}: phase {phase!r} not shown")
    assert wrong == []


def test_issue_pages_show_their_own_csv_rows(any_site):
    data = any_site.data_dir
    challenges = read_rows(data, "challenges")
    kpis = read_rows(data, "kpis")
    kpi_values = {}
    for r in read_rows(data, "kpi_values"):
        kpi_values.setdefault(r["kpi_id"], []).append(r)
    wrong = []
    for issue in read_rows(data, "issues"):
        page = html(any_site, f"issues/{issue['issue_id']}/index.html")
        if issue["field_name"] not in page.h1 or " ".join(issue["title"].split()) not in page.h1:
            wrong.append(f"{issue['issue_id']}: heading {page.h1!r}")
        headings = {ident: text for _, text, ident in page.headings if ident}
        own = [c for c in challenges if c["issue_id"] == issue["issue_id"]]
        for c in own:
            if " ".join(c["title"].split()) not in headings.get(f"challenge-{c['number']}", ""):
                wrong.append(f"{c['challenge_id']}: no heading")
        for k in (k for k in kpis if k["challenge_id"] in {c["challenge_id"] for c in own}):
            anchor = element_id("kpi", k["kpi_id"])
            if " ".join(k["name"].split()) not in headings.get(anchor, ""):
                wrong.append(f"{k['kpi_id']}: no heading")
            expected = values_in_csv(kpi_values.get(k["kpi_id"], []))
            tables = [t for t in page.tables_with("dx-values") if t.after_heading == anchor]
            if expected and (len(tables) != 1 or values_shown(tables[0]) != expected):
                wrong.append(f"{k['kpi_id']}: values table differs from kpi_values.csv")
        for p in read_rows(data, "projects"):
            if p["issue_id"] == issue["issue_id"] and not any(
                link.endswith(f"projects/{p['project_id']}/") for link in page.links
            ):
                wrong.append(f"{issue['issue_id']}: no link to {p['project_id']}")
    assert wrong == []


def test_project_list_has_one_row_per_project_in_csv_order(any_site):
    projects = read_rows(any_site.data_dir, "projects")
    table = html(any_site, "projects/index.html").tables_with("dx-project-list")[0]
    # The number column is there only when the report prints numbers.
    with_pid = any(p["pid"] for p in projects)
    assert len(table.head) - len(table.rows[0]) == 0
    shown = [(r[0] if with_pid else "", r[0 + with_pid], r[2 + with_pid]) for r in table.rows]
    assert shown == [(p["pid"], " ".join(p["name"].split()), p["department"]) for p in projects]
    page_text = (any_site.site_dir / "projects/index.html").read_text(encoding="utf-8")
    assert f"{len(projects)}件中{len(projects)}件を表示" in page_text


def test_home_links_every_issue(any_site):
    home = html(any_site, "index.html")
    for issue in read_rows(any_site.data_dir, "issues"):
        assert f"issues/{issue['issue_id']}/" in home.links, issue["issue_id"]


def _plain(fragment: str) -> str:
    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_home_sentence_agrees_with_the_counts_it_follows(any_site):
    """The sentence relating the published verdict to the estimate (issue #26) is in the headline,
    says whose the verdict is, labels the estimate, and repeats the headline's counts exactly."""
    raw = (any_site.site_dir / "index.html").read_text(encoding="utf-8")
    box = raw[raw.index('<section class="dx-headline"') : raw.index("</section>", raw.index("dx-headline"))]
    municipality = read_rows(any_site.data_dir, "report")[0]["municipality"]
    found = re.search(r'<p class="dx-headline__relation">(.*?)</p>', box, flags=re.S)
    terms = [_plain(t) for t in re.findall(r"<dt>(.*?)</dt>", box, flags=re.S)]
    estimate = next((t for t in terms if "自動計算の目安" in t), None)
    if found is None:
        assert estimate is None and all(f"{municipality}の評価" not in t for t in terms)
        return
    sentence = _plain(found.group(1))
    assert sentence.startswith((f"{municipality}が公表した評価では", "この報告書には")), sentence
    assert sentence.endswith("。") and "自動計算の目安" in sentence
    challenges = read_rows(any_site.data_dir, "challenges")
    if any(c["progress_mark"] for c in challenges) and f"（{municipality}の評価） 全" in terms[0]:
        assert f"{len(challenges)}件" in sentence or "判定" in sentence
    if estimate:
        total = re.search(r"全(\d+)件", estimate).group(1)
        assert f"{total}件の予定と実績から計算した" in sentence, (total, sentence)
        dd = _plain(box[box.index(estimate.split("（")[0]) :].split("</dd>")[0])
        missing = re.search(r"(\d+)件$", dd.split("算定")[-1].strip()) if "算定" in dd else None
        if missing:
            assert f"、{missing.group(1)}件は" in sentence and sentence.endswith("計算できません。"), sentence
        else:
            assert "計算できません" not in sentence


def test_every_home_card_states_its_figures_in_text(any_site):
    raw = (any_site.site_dir / "index.html").read_text(encoding="utf-8")
    issues = read_rows(any_site.data_dir, "issues")
    cards = re.findall(r'<section class="dx-card" aria-labelledby="card-([^"]+)">(.*?)</section>', raw, flags=re.S)
    assert sorted(i for i, _ in cards) == sorted(i["issue_id"] for i in issues)
    for ident, card in cards:
        statuses = re.findall(r'<p class="dx-card__status[^"]*">(.*?)</p>', card, flags=re.S)
        bars = card.count('<span class="dx-bar" aria-hidden="true">')
        assert bars == len(statuses), ident  # each bar beside the text that says the same
        for text in map(_plain, statuses):
            assert re.search(r"\d+件", text), (ident, text)


def _data_date(data_dir: Path) -> tuple[str, str]:
    """(as printed on pages, ISO) of an edition's data_as_of."""
    cell = read_rows(data_dir, "report")[0]["data_as_of"]
    y, m, d = (int(x) for x in re.findall(r"\d+", unicodedata.normalize("NFKC", cell)))
    return f"{y}年{m}月{d}日", f"{y:04d}-{m:02d}-{d:02d}"


def test_every_page_shows_the_data_date_of_report_csv(any_site):
    """Each page states the data date of its own edition (archived pages keep theirs)."""
    dates = {
        f"editions/{year(read_rows(s.path, 'report')[0]['results_fiscal_year'])}/": _data_date(s.path)
        for s in edition_sources(any_site.data_dir, "data")
    }
    latest = _data_date(any_site.data_dir)
    missing = []
    for path in sorted(any_site.site_dir.rglob("index.html")):
        page = str(path.relative_to(any_site.site_dir))
        shown, iso = next((d for prefix, d in dates.items() if page.startswith(prefix)), latest)
        text = path.read_text(encoding="utf-8")
        if shown not in text or read_page(path).meta.get("dx-data-as-of") != iso:
            missing.append(page)
    assert missing == []


def test_sidebar_lists_issues_but_not_projects(any_site):
    home = (any_site.site_dir / "index.html").read_text(encoding="utf-8")
    nav = home[home.index("md-nav--primary") : home.index("md-sidebar--secondary")]
    assert 'href="projects/"' in nav
    issues = read_rows(any_site.data_dir, "issues")
    linked = set(re.findall(r'href="(issues/[^"/]+/)"', nav))
    if len(issues) <= nav_issue_limit():
        assert linked == {f"issues/{i['issue_id']}/" for i in issues}
    else:
        assert linked == set() and re.search(r'href="areas/[^"]+/"', nav)
    assert not re.search(r'href="projects/[^"]+/"', nav)


def _derived_year_labels(site: Path) -> dict[str, set[str]]:
    """Page -> the year words of its headings and labels that are worded from report.csv's years."""
    words = r"(令和\S+?年度|平成\S+?年度)の(到達像|目標（総括）|実績・評価（総括）|事業総括|目標|段階)"
    found: dict[str, set[str]] = {}
    for path in sorted(site.rglob("index.html")):
        page = read_page(path)
        texts = [t for _, t, _ in page.headings] + page.labels
        hits = {f"{m.group(1)}の{m.group(2)}" for t in texts for m in re.finditer(words, t)}
        if hits:
            found[str(path.relative_to(site))] = hits
    return found


def test_results_year_wording_follows_report_csv(site_dir, staff_copies):
    """Moving results_fiscal_year on rewords every heading and label that names it, on every page."""
    from dxreport.codes import era_year

    moved = staff_copies["next-year"]
    results = year(read_rows(moved.data_dir, "report")[0]["results_fiscal_year"])
    before, after = _derived_year_labels(site_dir), _derived_year_labels(moved.site_dir)
    old, new = era_year(results - 1), era_year(results)
    pages_before = {
        p
        for p, hits in before.items()
        if any(h.startswith(old + "の") and "到達像" not in h for h in hits) and not p.startswith("editions/")
    }
    assert pages_before, "no page names the results year"
    for page in pages_before:
        assert not any(h.startswith(old + "の") and "到達像" not in h for h in after.get(page, set())), page
        renamed = {h.replace(old, new, 1) for h in before[page] if h.startswith(old + "の") and "到達像" not in h}
        assert renamed <= after.get(page, set()), (page, renamed - after.get(page, set()))


def _article(path: Path) -> str:
    """A page's content, less the print-only line with its own address (the two sites differ in host)."""
    text = path.read_text(encoding="utf-8")
    return re.sub(r'<p class="dx-print-meta">.*?</p>', "", text[text.index("<article") : text.index("</article>")])


def test_the_yearly_update_leaves_the_previous_edition_as_published(site_dir, staff_copies):
    """After the next edition is started and filled, every page of the previous edition at its
    permanent address reads exactly as before (the content; the site's menus may grow)."""
    moved = staff_copies["next-year"]
    previous = year(read_rows(moved.data_dir, "report")[0]["results_fiscal_year"]) - 1
    archive = site_dir / "editions" / str(previous)
    pages = sorted(archive.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        after = moved.site_dir / page.relative_to(site_dir)
        assert _article(after) == _article(page), page.relative_to(site_dir)
    for path in sorted(archive.rglob("*")):
        if path.is_file() and path.suffix in (".csv", ".json", ".xlsx"):
            assert (moved.site_dir / path.relative_to(site_dir)).read_bytes() == path.read_bytes(), path


def _note_page(data: Path, table: str, ident: str) -> str:
    """The page where a note on (table, id) belongs."""
    if table == "issues":
        return f"issues/{ident}/"
    if table == "projects":
        return f"projects/{ident}/"
    challenges = {c["challenge_id"]: c["issue_id"] for c in read_rows(data, "challenges")}
    if table == "challenges":
        return f"issues/{challenges[ident]}/"
    kpi = next((k for k in read_rows(data, "kpis") if k["kpi_id"] == ident), None)
    if kpi is None:  # a project's own indicator carries the project's id
        return f"projects/{ident}/"
    if kpi.get("project_id"):
        return f"projects/{kpi['project_id']}/"
    return f"issues/{kpi.get('issue_id') or challenges[kpi['challenge_id']]}/"


def test_editor_notes_are_shown_apart_with_their_reason(any_site):
    """A note of the site's editors appears on its target's page, marked as the site's, with its reason."""
    for note in read_rows(any_site.data_dir, "notes"):
        page = any_site.site_dir / _note_page(any_site.data_dir, note["target_table"], note["target_id"]) / "index.html"
        asides = re.findall(
            r'<aside class="dx-editor-note[^"]*"[^>]*>(.*?)</aside>', page.read_text(encoding="utf-8"), re.S
        )
        text = [html_module.unescape(re.sub(r"<[^>]+>", "", a)) for a in asides]
        assert any(note["text"] in t and note["reason"] in t and "このサイトの注" in t for t in text), note


def test_source_records_are_on_the_method_page_only(any_site):
    """notes.csv `source` (where in the source documents: line numbers, tables) is for the record: the
    method page lists it with a link to the note's page, and the note's own page does not show it."""
    notes = [n for n in read_rows(any_site.data_dir, "notes") if (n.get("source") or "").strip()]
    method = html_module.unescape((any_site.site_dir / "method" / "index.html").read_text(encoding="utf-8"))
    for note in notes:
        page_path = _note_page(any_site.data_dir, note["target_table"], note["target_id"])
        page = html_module.unescape((any_site.site_dir / page_path / "index.html").read_text(encoding="utf-8"))
        assert note["source"] not in page, note
        links = re.findall(
            r'<tr><th scope="row"><a href="([^"]*)">[^<]*</a></th><td[^>]*>[^<]*</td><td[^>]*>'
            + re.escape(note["source"])
            + "</td></tr>",
            method,
        )
        assert any(link.startswith("../" + page_path) for link in links), note
    if notes:
        assert 'id="source-records"' in method


def test_citizen_pages_carry_no_transcription_line_numbers(any_site):
    """Issue #26: 「転記の元資料1030行目」 is the editors' record (notes.csv source), not a sentence for
    citizens: no page but the method page (and the staff guide) shows one."""
    found = []
    for path in sorted(any_site.site_dir.glob("**/index.html")):
        parts = path.relative_to(any_site.site_dir).parts
        if {"method", "guide"} & set(parts):
            continue
        if re.search(r"[0-9]+行目|転記の元資料", path.read_text(encoding="utf-8")):
            found.append("/".join(parts))
    assert found == []
