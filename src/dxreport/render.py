"""Render every generated page, as finished HTML, from Jinja2 templates.

All CSV text reaches pages through autoescaping, so nothing in the data can
inject markup. The pages never go through Markdown: MkDocs gets their HTML and
table of contents as they are (the Markdown pass was a quarter of a build, and
Markdown syntax in data needed an escaping of its own). Page metadata (title,
description) never goes through YAML front matter either: each template sets
`meta`, which the hook hands to MkDocs directly.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import codes, downloads, figures, headline, missing, reserved
from .model import Budget, Report, Series
from .precision import RateRule, format_number
from .safety import visible
from .schema import TABLES
from .search import build_search_index
from .settings import Settings


def fmt_number(value: float | None, places: int | None = None) -> str:
    """1,020 on a page; with `places` (the decimals as printed, precision.py) 52.0 stays 52.0."""
    return format_number(value, places)


def fmt_rate(rate: float | None, rule: RateRule | None) -> str:
    """The computed rate: rounded as the report rounds its printed rates, else to one decimal."""
    if rate is None:
        return ""
    return f"{rate:.{rule.decimals if rule else 1}f}%"


@functools.lru_cache(maxsize=65536)  # the same few hundred pairs recur on every page of every edition
def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the home page)."""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    target = to_url or "./"
    rel = posixpath.relpath(target if target != "./" else ".", start or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel if rel != "./" else "./"


class RenderError(Exception):
    """The data would make a broken page (a collision the checks did not catch); message in Japanese."""


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> the page's HTML (its article)
    meta: dict[str, dict] = field(default_factory=dict)  # src_uri -> page metadata (title, description)
    toc: dict[str, list[dict]] = field(default_factory=dict)  # src_uri -> its headings, as MkDocs' toc tokens
    files: dict[str, bytes] = field(default_factory=dict)  # src_uri -> bytes (downloads, index)

    def add_page(self, src_uri: str, rendered: tuple[str, dict]) -> None:
        if src_uri in self.pages:
            raise RenderError(f"ページ {src_uri} が2回作られます（IDが重なっています）。")
        html, meta = rendered
        _check_unique_ids(src_uri, html)
        self.pages[src_uri], self.meta[src_uri], self.toc[src_uri] = html, meta, toc_tokens(html)

    def add_files(self, files: dict[str, bytes]) -> None:
        for src_uri, data in files.items():
            if src_uri in self.files or src_uri in self.pages:
                raise RenderError(f"ファイル {src_uri} が2回作られます（IDが重なっています）。")
            self.files[src_uri] = data

    def anchors(self, src_uri: str) -> set[str]:
        """Every id on the page (what an in-page link may point to)."""
        return set(_ID_ATTR.findall(self.pages[src_uri]))

    def sort_pages(self) -> None:
        """The usual pages first, then each edition's permanent pages by year (the sitemap's order)."""

        def key(src_uri: str) -> tuple[int, str]:
            parts = src_uri.split("/")
            return (1, parts[1]) if parts[0] == "editions" and len(parts) > 2 else (0, "")

        self.pages = {uri: self.pages[uri] for uri in sorted(self.pages, key=key)}


def write_files(files: dict[str, bytes], root: Path) -> None:
    """Write generated files under root, making each folder once."""
    made: set[Path] = set()
    for rel, data in files.items():
        target = root / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)


# An id attribute. Text never holds a raw '"' or '<' (data is escaped, and JSON in scripts writes
# quotes as \"), so ' id="' only occurs as a real attribute.
_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _check_unique_ids(src_uri: str, html: str) -> None:
    """Two elements with one id break in-page links and assistive technology; a data id that
    equals a generated anchor is caught by the checks, this stops any case they miss."""
    seen: set[str] = set()
    for ident in _ID_ATTR.findall(html):
        if ident in seen:
            raise RenderError(f"ページ {src_uri} に同じID「{ident}」の要素が2つあります。データのIDを変えてください。")
        seen.add(ident)


def toc_tokens(html: str) -> list[dict]:
    """The page's headings with ids, nested, in the form MkDocs' get_toc reads (what
    Python-Markdown's toc extension would have given). Names stay HTML (escaped text, tags dropped)."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, ident, inner in _HEADING.findall(html):
        token = {"level": int(level), "id": ident, "name": _TAGS.sub("", inner).strip(), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dxreport", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do"],
        # Comments are {## ##}, so that "{#" in page text (an href="#{{ id }}", CSS) is never one.
        comment_start_string="{##",
        comment_end_string="##}",
        # Compiled templates are cached in a per-user temp folder, keyed by each template's checksum
        # (like __pycache__): compiling was a tenth of a build. Output does not depend on it.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["abbr"] = with_abbreviations
    env.filters["num"] = fmt_number
    env.filters["fy"] = codes.fiscal_year_label
    env.filters["fy_era"] = codes.era_year
    env.filters["fy_short"] = codes.fiscal_year_short
    env.globals.update(
        element_id=reserved.element_id,  # data-derived element ids get their family's prefix
        download_path=downloads.download_path,
        DOWNLOAD_VARIANTS=downloads.VARIANTS,
        codes=codes,
        TABLES=TABLES,
        tables_in_use=downloads.tables_in_use,
        value_columns=downloads.value_columns,
        workbook_path=downloads.workbook_path,
        datapackage_path=downloads.download_path("all", "datapackage", ".json"),
        edition_label=codes.edition_label,
        graded_kinds=graded_kinds,
        missing_reason=missing.missing_reason,
        untranscribed=missing.untranscribed,
        MISSING_REASONS=missing.REASONS,
        missing_meaning=missing.meaning,
        measured_words=headline.measured_words,
        bar_parts=bar_parts,
    )
    return env


def bar_parts(counts: list[tuple[codes.Code, int]]) -> list[tuple[str, int, str]]:
    """The segments of a small count bar (a card's), one per (code, count) with a count: its colour
    (the code's, as in the charts), the count, and its width in percent, written with two decimals
    so that builds stay byte-identical."""
    total = sum(n for _, n in counts)
    return [(_colour(c), n, f"{100 * n / total:.2f}") for c, n in counts if n] if total else []


def _colour(code: codes.Code) -> str:
    """A code's colour name (--dx-c-<name>): an estimate grade's is its chart's (grade-a …)."""
    return code.chart_meta if isinstance(code, codes.Grade) else code.css


def graded_kinds(report: Report, projects: list) -> list[str]:
    """The report's words for the indicator kinds a list of projects grades (Project.first_by_kind),
    in the order they first appear: one word names the list's grade column, several name each grade."""
    words = [report.indicator_term(k).label for p in projects for k in p.first_by_kind]
    return list(dict.fromkeys(words))


def series_alt(series: Series) -> str:
    a = series.achievement
    unit = series.unit
    if a.fiscal_year is not None and a.planned is not None and a.actual is not None:
        return (
            f"{series.name}の予定と実績のグラフ。{codes.fiscal_year_label(a.fiscal_year)}は予定"
            f"{fmt_number(a.planned, a.planned_places)}{unit}に対し実績{fmt_number(a.actual, a.actual_places)}{unit}。"
            "数値は下の表のとおりです。"
        )
    return f"{series.name}の予定と実績のグラフ。数値は下の表のとおりです。"


def summary_text(text: str, limit: int = 110) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Pages every edition has, under its own prefix (editions/<year>/…); the rest exist once, for the site.
_SITE_WIDE = ("search/", "guide/", "accessibility/", "editions/", "glossary/")
# Never in page text: the data's "<" is always escaped.
_SITE_ROOT = Markup("<dx-site-root>")


def _placed(html: str, prefix: str) -> str:
    """A page rendered once, as it reads at one address (editions/<year>/ is two folders down)."""
    return html.replace(_SITE_ROOT, "../" * prefix.count("/"))


def render_site(
    report: Report, settings: Settings | None = None, editions: list[Report] | None = None, with_search: bool = True
) -> Site:
    """The latest edition at the usual URLs, every edition (the latest too) at editions/<year>/,
    the editions index and the shared editions.json, and the site-wide pages once."""
    settings = settings or Settings()
    editions = editions or [report]
    changes = edition_changes(editions)
    site = Site()
    env = _environment()
    # The latest edition is rendered once and placed at both of its addresses.
    _render_edition(site, env, report, settings, ("", _edition_prefix(report)), changes)
    _render_site_wide(site, env, report, settings, editions)
    for edition in editions:
        if edition is not report:
            _render_edition(site, env, edition, settings, (_edition_prefix(edition),), changes)
    site.sort_pages()
    if with_search:
        site.add_files(build_search_index(report))
    return site


def _edition_prefix(edition: Report) -> str:
    return f"editions/{edition.results_fiscal_year}/"


def edition_changes(editions: list[Report]) -> dict:
    """What changed in each edition since the one before (pandas only when there are two)."""
    if len(editions) < 2:
        return {}
    from .changes import compare  # pandas: loaded only for reports with several editions

    return {later.results_fiscal_year: compare(earlier, later) for earlier, later in zip(editions, editions[1:])}


def _common_context(report: Report, changes=None) -> dict:
    years = report.plan_years

    def figure(series: Series | None, kpi_id: str = "") -> str:
        if series is None:
            return ""
        # Where this edition revised a target, the chart also shows the previous edition's plan.
        previous = changes.previous_plans.get(kpi_id) if changes else None
        fig = figures.series_figure(series, years, previous, changes.previous_label if changes else "")
        return figures.to_json(fig) if fig else ""

    def budget_chart(rows: list) -> str:
        """Project budgets (model.Budget) or an issue's totals ((year, basis, total) tuples)."""
        totals = [(b.fiscal_year, b.basis, b.total) if isinstance(b, Budget) else b for b in rows]
        fig = figures.budget_figure(totals)
        return figures.to_json(fig) if fig else ""

    def rel(page_url: str, target: str) -> str:
        # Pages of one edition link to each other alike at any address; a link to a site-wide page
        # starts with a marker that each address replaces with its way up to the site root.
        if target.startswith(_SITE_WIDE):
            return _SITE_ROOT + rel_url(page_url, target)
        return rel_url(page_url, target)

    # grade_scale: the scale the report was graded with, worded from its thresholds (codes.grade_codes).
    return dict(
        report=report,
        years=years,
        grade_scale=report.grades,
        figure=figure,
        budget_chart=budget_chart,
        rel=rel,
        series_alt=series_alt,
        pct=lambda rate: fmt_rate(rate, report.rate_rule),
        summary=summary_text,
        phase_years=report.phase_years,
    )


def _renderer(env: Environment, common: dict, where: str):
    """render(template, page_url=…, **context) -> (html, meta). Any error is raised as RenderError
    naming the edition (`where`), the page and the template line, never as a bare traceback."""

    def render(template: str, **context) -> tuple[str, dict]:
        try:
            try:
                # make_module exposes the template's top-level `{% set meta = ... %}` next to its text.
                module = env.get_template(template).make_module({**common, **context})
            except Exception:
                env.handle_exception()  # re-raised with the templates' own lines in the traceback
            return str(module), dict(getattr(module, "meta", {}))
        except RenderError as err:
            raise RenderError(f"{where}、{_page_name(context)}：{err}") from err
        except Exception as err:  # noqa: BLE001 - reported with where it happened
            line = _template_line(err, template)
            raise RenderError(
                f"{where}、{_page_name(context)}（テンプレート {template} の {line}）で処理が止まりました："
                f"{type(err).__name__}: {visible(str(err))}"
            ) from err

    return render


def _page_name(context: dict) -> str:
    return f"ページ「{context.get('page_url') or 'ホーム'}」"


def _template_line(err: BaseException, template: str) -> str:
    """The line of the template (or of one it includes) where the error was raised: Jinja puts the
    template's own lines into the traceback."""
    found = ""
    tb = err.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (
                f"{Path(filename).name} の {tb.tb_lineno} 行目"
                if Path(filename).name != template
                else f"{tb.tb_lineno} 行目"
            )
        tb = tb.tb_next
    return found or "どこか"


def _render_edition(
    site: Site, env: Environment, report: Report, settings: Settings, prefixes: tuple[str, ...], all_changes: dict
) -> None:
    """One edition's pages and files, each rendered once and placed at every prefix given."""
    changes = all_changes.get(report.results_fiscal_year)
    common = _common_context(report, changes)
    common["changes"] = changes
    where = f"{codes.edition_label(report.results_fiscal_year)}の版"
    edition_meta = {
        "year": report.results_fiscal_year,
        "label": codes.edition_label(report.results_fiscal_year),
        "draft": report.is_draft,
        "report": report.theme_extra(),
    }
    render = _renderer(env, common, where)

    def add(src_uri: str, template: str, page_url: str, **context) -> None:
        html, meta = render(template, page_url=page_url, **context)
        for prefix in prefixes:
            edition = {**edition_meta, "permanent": bool(prefix), "path": page_url}
            try:
                site.add_page(prefix + src_uri, (_placed(html, prefix), {**meta, "edition": edition}))
            except RenderError as err:
                raise RenderError(f"{where}：{err}") from None

    add("index.md", "home.html.j2", "", **_home_context(report))
    for issue in report.issues:
        add(f"issues/{issue.issue_id}.md", "issue.html.j2", issue.url, issue=issue)
    for project in report.projects:
        add(f"projects/{project.project_id}.md", "project.html.j2", project.url, project=project)
    add("projects/index.md", "projects.html.j2", "projects/")
    if _pages_per_area(report, settings):
        for area_id, area_name, issues in report.areas:
            add(f"areas/{area_id}.md", "area.html.j2", f"areas/{area_id}/", area_name=area_name, issues=issues)
    if len(report.areas) > settings.nav_area_limit:
        add("areas/index.md", "areas.html.j2", "areas/")
    if report.themes:
        add("themes.md", "themes.html.j2", "themes/")
    for name in ("method", "downloads") + (("changes",) if changes else ()):
        add(f"{name}.md", f"{name}.html.j2", f"{name}/")
    files = _edition_files(report, settings)
    for prefix in prefixes:
        site.add_files({prefix + path: data for path, data in files.items()})


def _home_context(report: Report) -> dict:
    """The home page's figures: the published scales first (the challenges' marks, then each other
    scale the report grades with), the estimate last, and the sentence that relates them."""
    terms = report.terms
    summaries = headline.scale_summaries(report, with_marks=False)
    return {
        "overview": figures.to_json(figures.overview_figure(report.issues, terms["challenge"].label)),
        "published_scales": [(s, figures.to_json(figures.scale_figure(report.issues, s))) for s in summaries],
        "grade_chart": figures.to_json(
            figures.grade_figure(report.issues, report.grades, headline.measured_words(report, report.all_indicators))
        ),
        "relation": headline.relation_sentence(report),
    }


def _edition_files(report: Report, settings: Settings) -> dict[str, bytes]:
    """The open data of one edition: CSV, JSON and the Excel workbook."""
    from .datapackage import datapackage_bytes, datapackage_path
    from .workbook import cached_workbook_bytes

    files = downloads.build_downloads(report)
    files[datapackage_path()] = datapackage_bytes(report, files)
    files[downloads.workbook_path(report)] = cached_workbook_bytes(report, settings.cache_dir)
    return files


def _render_site_wide(site: Site, env: Environment, report: Report, settings: Settings, editions: list) -> None:
    common = _common_context(report)
    common["changes"] = None
    render = _renderer(env, common, "サイト全体のページ")

    def add(src_uri: str, template: str, **context) -> None:
        html, meta = render(template, page_url=src_uri.removesuffix("index.md").replace(".md", "/"), **context)
        site.add_page(src_uri, (_placed(html, ""), meta))

    add("glossary.md", "glossary.html.j2", glossary_keys=glossary_keys(report), abbreviations=abbreviations_in(report))
    add("accessibility.md", "accessibility.html.j2")
    add("guide/columns.md", "columns.html.j2")
    add("search.md", "search.html.j2")
    add("editions/index.md", "editions.html.j2", editions=editions[::-1])
    site.add_files({"editions/editions.json": editions_json(report, editions)})


# Abbreviations a citizen may not know, explained in the glossary when the report uses them.
ABBREVIATIONS = (
    ("DX", "デジタル・トランスフォーメーション。デジタル技術で、仕事の進め方やサービスを良くすることです。"),
    ("ICT", "情報通信技術（Information and Communication Technology）です。"),
    ("IT", "情報技術（Information Technology）です。"),
    ("AI", "人工知能（Artificial Intelligence）です。"),
    ("IoT", "モノのインターネット。機器や設備をインターネットにつないで情報をやり取りすることです。"),
    ("BPR", "業務の進め方を見直して作り直すこと（Business Process Re-engineering）です。"),
    ("SaaS", "インターネット経由で使うソフトウェア（Software as a Service）です。"),
    ("RPA", "パソコンの定型作業をソフトウェアで自動化すること（Robotic Process Automation）です。"),
    ("KPI", "重要業績評価指標（Key Performance Indicator）。取組の成果を測る指標です。"),
    ("PID", "報告書に印刷された事業の番号です。"),
    ("GIS", "地図の上で情報を扱う仕組み（地理情報システム）です。"),
    ("LINE", "スマートフォンなどで使う連絡用のアプリの名前です。"),
)


# Explained in place (abbr) at their first use in a paragraph; DX, IT and AI are too common to mark
# everywhere and stay in the glossary.
_EXPLAINED_IN_PLACE = {w: m for w, m in ABBREVIATIONS if w not in ("DX", "IT", "AI")}
_ABBR_WORDS = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(re.escape(w) for w in sorted(_EXPLAINED_IN_PLACE, key=len, reverse=True))
    + r")(?![A-Za-z])"
)


def with_abbreviations(text: str) -> Markup:
    """Text escaped for HTML, with the first use of each known abbreviation explained in place: the
    word is a button that shows its meaning beside it (assets/js/abbr.js), by touch and keyboard as
    by mouse (a title attribute shows only on hover); without scripts the meaning stays in the text.
    The text is escaped first and only fixed markup is added, so data cannot inject any."""
    escaped = str(escape(text))
    seen: set[str] = set()

    def explain(m: re.Match) -> str:
        word = m.group(1)
        if word in seen:
            return word
        seen.add(word)
        return (
            f'<span class="dx-abbr"><button type="button" class="dx-abbr__word" aria-expanded="false">'
            f'<abbr>{word}</abbr></button><span class="dx-abbr__meaning">（{escape(_EXPLAINED_IN_PLACE[word])}）</span></span>'
        )

    return Markup(_ABBR_WORDS.sub(explain, escaped))


def glossary_keys(report: Report) -> list[str]:
    """The report's own words, only for the levels and flags it has."""
    present = {
        "area": report.has_areas,
        "step": report.has_steps,
        "theme": report.has_themes,
        "leading": report.has_leading,
        "pid": report.has_pid,
        "mark": report.has_marks,
        "phase": report.has_phases,
    }
    keys = ["plan", "area", "issue", "challenge", "step", "project", "kpi", "indicator", "theme", "leading", "pid"]
    return [k for k in keys + ["department", "phase"] if present.get(k, True)]  # the mark: with the values


def abbreviations_in(report: Report) -> list[tuple[str, str]]:
    """Those of ABBREVIATIONS that appear as words anywhere in the report's text or its labels."""
    text = " ".join(
        str(value)
        for rows in report.tables.values()
        for row in rows
        for value in row.values()
        if isinstance(value, str)
    )
    text += " ".join(f"{t.label} {t.short}" for t in report.terms.values())
    return [(w, m) for w, m in ABBREVIATIONS if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", text)]


def editions_json(latest: Report, editions: list[Report]) -> bytes:
    """Read at view time by every page, archived ones too: the list of editions, which one is the
    latest, and which issue and project pages each has (so the switcher keeps you on the same page)."""
    import json

    data = {
        "latest": latest.results_fiscal_year,
        "editions": [
            {
                "year": e.results_fiscal_year,
                "label": codes.edition_label(e.results_fiscal_year),
                "draft": e.is_draft,
                "pages": sorted([i.url for i in e.issues] + [p.url for p in e.projects]),
            }
            for e in sorted(editions, key=lambda e: -e.results_fiscal_year)
        ],
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _pages_per_area(report: Report, settings: Settings) -> bool:
    return len(report.issues) > settings.nav_issue_limit or len(report.areas) > settings.nav_area_limit


# Every page carries the whole sidebar: a title there is cut to this many characters (the page
# itself shows it whole), so a page's size does not grow with the length of names.
NAV_TITLE_CHARS = 40


def nav_title(text: str) -> str:
    """A sidebar title, escaped (Material prints nav titles unescaped) and cut to NAV_TITLE_CHARS."""
    shown = text if len(text) <= NAV_TITLE_CHARS else text[: NAV_TITLE_CHARS - 1] + "…"
    return str(escape(shown))


def site_nav(report: Report, settings: Settings | None = None) -> list:
    """Sidebar: home, the list, the priority issues by area, then the fixed pages.
    Project pages are deliberately absent (linked from issue pages and the list).
    Every page carries the whole sidebar, so past `nav_issue_limit` issues the
    sidebar links one page per area instead, keeping page size flat as data grows."""
    settings = settings or Settings()
    terms = report.terms
    nav: list = [{"ホーム": "index.md"}, {nav_title(f"{terms['project']}一覧"): "projects/index.md"}]
    if len(report.areas) > settings.nav_area_limit:
        # Past nav_area_limit areas, one entry: the sidebar stays the same size however many there are.
        nav.append({nav_title(f"{terms['issue']}（{terms['area']}ごと）"): "areas/index.md"})
    for area_id, area_name, issues in report.areas if len(report.areas) <= settings.nav_area_limit else []:
        title = nav_title(f"{terms['issue']}（{area_name}）" if area_name else str(terms["issue"]))
        if _pages_per_area(report, settings):
            nav.append({title: f"areas/{area_id}.md"})
        else:
            nav.append({title: [{nav_title(i.field_name): f"issues/{i.issue_id}.md"} for i in issues]})
    if report.themes:
        nav.append({nav_title(str(terms["theme"])): "themes.md"})
    nav += [
        {"算定方法": "method.md"},
        {"用語集": "glossary.md"},
        {report.downloads_title: "downloads.md"},
        {"ウェブアクセシビリティ方針": "accessibility.md"},
        {"データ更新の手引き（職員向け）": ["guide/index.md", "guide/columns.md"]},
    ]
    return nav
