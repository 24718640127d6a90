"""Render every generated page (Markdown with HTML blocks) from Jinja2 templates.

All CSV text reaches pages through autoescaping (HTML) or the `md` filter
(Markdown headings), and through json.dumps in front matter, so nothing in the
data can inject markup.
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import codes, downloads, figures
from .model import Report, Series
from .schema import TABLES
from .search import build_search_index
from .settings import Settings

# Python-Markdown's escapable characters (with the tables extension): others would keep a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def md_escape(text: str) -> Markup:
    """Text safe inside a Markdown heading or paragraph: HTML-escaped, Markdown chars backslashed."""
    # escape() writes quotes as &#39; and &#34;, whose "#" would be backslashed; quotes are harmless here.
    # Markup: already escaped, so Jinja's autoescape must not escape it again.
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text)).replace("&#39;", "'").replace("&#34;", '"')))


def fmt_number(value: float | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.10f}".rstrip("0").rstrip(".")


def rel_url(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs ('' is the home page)."""
    start = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else "."
    target = to_url or "./"
    rel = posixpath.relpath(target if target != "./" else ".", start or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel if rel != "./" else "./"


@dataclass
class Site:
    pages: dict[str, str] = field(default_factory=dict)  # src_uri -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # src_uri -> bytes (downloads, index)
    blocks: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> raw HTML blocks

    def restore_blocks(self, src_uri: str, html: str) -> str:
        """Put the page's raw HTML blocks back in place of their tokens (after Markdown)."""
        for n, block in enumerate(self.blocks.get(src_uri, [])):
            html = html.replace(f"<p>{_token(n)}</p>", block, 1)
        return html


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)")


def _token(n: int) -> str:
    return f"DXHTMLBLOCK{n:05d}X"


def extract_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Swap each top-level raw HTML block for a one-word paragraph token.

    Markdown passes raw HTML through untouched but parses it with an HTML parser
    first, which was a third of the build; the generated pages are mostly HTML.
    A block starts with a tag at column 0 after a blank line and ends on the line
    where its first tag is closed (blank lines inside it included)."""
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _TAG.match(line)
        if not m or (out and out[-1].strip()):
            out.append(line)
            i += 1
            continue
        opened, closed = re.compile(rf"<{m.group(1)}[\s>]"), f"</{m.group(1)}>"
        depth, j = 0, i
        while j < len(lines):
            depth += len(opened.findall(lines[j])) - lines[j].count(closed)
            if depth <= 0:
                break
            j += 1
        blocks.append("\n".join(lines[i:j + 1]))
        out += [_token(len(blocks) - 1), ""]
        i = j + 1
    return "\n".join(out), blocks


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dxreport", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        # "{#id}" is Markdown attr_list syntax for heading ids, so Jinja comments use {## ##}.
        comment_start_string="{##", comment_end_string="##}",
        # Compiled templates are cached in a per-user temp folder, keyed by each template's checksum
        # (like __pycache__): compiling was a tenth of a build. Output does not depend on it.
        bytecode_cache=FileSystemBytecodeCache(),
    )
    env.filters["md"] = md_escape
    env.filters["num"] = fmt_number
    env.filters["fy"] = codes.fiscal_year_label
    env.filters["fy_era"] = codes.era_year
    env.filters["fy_short"] = codes.fiscal_year_short
    env.filters["yaml"] = lambda s: Markup(json.dumps(str(s), ensure_ascii=False))
    env.filters["pct"] = lambda r: "" if r is None else f"{r:.1f}%"
    env.globals.update(
        download_path=downloads.download_path, DOWNLOAD_VARIANTS=downloads.VARIANTS,
        codes=codes, TABLES=TABLES,
    )
    return env


def series_alt(series: Series) -> str:
    a = series.achievement
    unit = series.unit
    if a.fiscal_year is not None and a.planned is not None and a.actual is not None:
        return (f"{series.name}の予定と実績のグラフ。{codes.fiscal_year_label(a.fiscal_year)}は予定"
                f"{fmt_number(a.planned)}{unit}に対し実績{fmt_number(a.actual)}{unit}。数値は下の表のとおりです。")
    return f"{series.name}の予定と実績のグラフ。数値は下の表のとおりです。"


def summary_text(text: str, limit: int = 110) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_site(report: Report, settings: Settings | None = None) -> Site:
    settings = settings or Settings()
    env = _environment()
    years = report.plan_years
    site = Site()

    def figure(series: Series | None) -> str:
        if series is None:
            return ""
        fig = figures.series_figure(series, years)
        return figures.to_json(fig) if fig else ""

    # grade_scale: the scale the report was graded with, worded from its thresholds (codes.grade_codes).
    common = dict(report=report, years=years, grade_scale=report.grades, figure=figure, rel=rel_url,
                  series_alt=series_alt, summary=summary_text, phase_years=report.phase_years)

    site.pages["index.md"] = env.get_template("home.md.j2").render(
        page_url="", overview=figures.to_json(figures.overview_figure(report.issues)),
        grade_chart=figures.to_json(figures.grade_figure(report.issues, report.grades)), **common)
    for issue in report.issues:
        site.pages[f"issues/{issue.issue_id}.md"] = env.get_template("issue.md.j2").render(
            page_url=issue.url, issue=issue, **common)
    for project in report.projects:
        site.pages[f"projects/{project.project_id}.md"] = env.get_template("project.md.j2").render(
            page_url=project.url, project=project, **common)
    site.pages["projects/index.md"] = env.get_template("projects.md.j2").render(page_url="projects/", **common)
    if len(report.issues) > settings.nav_issue_limit:
        for area_id, area_name, issues in report.areas:
            site.pages[f"areas/{area_id}.md"] = env.get_template("area.md.j2").render(
                page_url=f"areas/{area_id}/", area_name=area_name, issues=issues, **common)
    if report.themes:
        site.pages["themes.md"] = env.get_template("themes.md.j2").render(page_url="themes/", **common)
    site.pages["method.md"] = env.get_template("method.md.j2").render(page_url="method/", **common)
    site.pages["downloads.md"] = env.get_template("downloads.md.j2").render(page_url="downloads/", **common)
    site.pages["guide/columns.md"] = env.get_template("columns.md.j2").render(page_url="guide/columns/", **common)
    site.pages["search.md"] = env.get_template("search.md.j2").render(page_url="search/", **common)
    for src_uri, markdown in list(site.pages.items()):
        site.pages[src_uri], site.blocks[src_uri] = extract_html_blocks(markdown)
    site.files.update(downloads.build_downloads(report))
    site.files.update(build_search_index(report))
    return site


def site_nav(report: Report, settings: Settings | None = None) -> list:
    """Sidebar: home, the list, the priority issues by area, then the fixed pages.
    Project pages are deliberately absent (linked from issue pages and the list).
    Every page carries the whole sidebar, so past `nav_issue_limit` issues the
    sidebar links one page per area instead, keeping page size flat as data grows."""
    nav_issue_limit = (settings or Settings()).nav_issue_limit
    nav: list = [{"ホーム": "index.md"}, {"プロジェクト一覧": "projects/index.md"}]
    for area_id, area_name, issues in report.areas:
        # Material prints nav titles unescaped: escape data-derived ones here.
        title = str(escape(f"重点課題（{area_name}）"))
        if len(report.issues) > nav_issue_limit:
            nav.append({title: f"areas/{area_id}.md"})
        else:
            nav.append({title: [{str(escape(i.field_name)): f"issues/{i.issue_id}.md"} for i in issues]})
    if report.themes:
        nav.append({"分野を横断する取組": "themes.md"})
    nav += [
        {"算定方法": "method.md"},
        {"オープンデータ": "downloads.md"},
        {"ウェブアクセシビリティ方針": "accessibility.md"},
        {"データ更新の手引き（職員向け）": ["guide/index.md", "guide/columns.md"]},
    ]
    return nav
