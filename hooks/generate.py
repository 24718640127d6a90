"""MkDocs hooks: validate data/, then add the generated pages and files.

Thin on purpose: all logic lives in the dxreport package, which does not
import MkDocs. Validation runs in on_config, before MkDocs cleans or writes
site/, so bad data stops the build with nothing written. The build writes into a
staging folder that replaces site/ only once complete (dxreport/sitedir.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path
from types import MethodType
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dxreport import csp  # noqa: E402
from dxreport.model import load_reports  # noqa: E402
from dxreport.problems import DataError, format_problem_list  # noqa: E402
from dxreport.render import RenderError, render_site, site_nav, write_files  # noqa: E402
from dxreport.settings import Settings, SettingsError  # noqa: E402
from dxreport.sitedir import SiteDirError, StagedSite  # noqa: E402

log = logging.getLogger("mkdocs.hooks.dxreport")
SITE_URL_NOTICE = (
    "[お知らせ] 公開先のURL（SITE_URL）が設定されていないため、ページには公開先のアドレスを載せません"
    "（印刷したページのURL・正規URL・サイトマップを省きます）。公開するサイトは、SITE_URL=https://www.example.lg.jp/dx-report/ make site"
    " のように公開先のURLを付けて作ってください。"
)
_state: dict = {"serving": False}


class _WarningCounter(logging.Handler):
    """MkDocs decides strict mode's failure after on_post_build: a build with warnings must not be
    swapped in before that."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def on_startup(command, **kwargs):
    # Under `mkdocs serve` the server adds its live-reload script to every page it serves.
    _state["serving"] = command == "serve"


def on_serve(server, config, builder, **kwargs):
    # The data folder may be anywhere (DATA=…): saving a CSV there rebuilds the preview.
    server.watch(str(_state["settings"].data_dir))
    return server


def on_config(config, **kwargs):
    # The only place settings are read: mkdocs.yml `extra:` and the environment (dxreport/settings.py).
    try:
        settings = Settings.from_mkdocs(config.extra, Path(config.config_file_path).parent, config.site_url)
        _state["settings"] = settings
        editions = load_reports(settings.data_dir, settings.grade_thresholds, label=settings.data_label)
        report = editions[-1]
    except SettingsError as err:
        raise Abort(f"\nmkdocs.yml の設定に誤りがあります：{err}") from None
    except DataError as err:
        raise Abort("\n" + err.report) from None
    for line in format_problem_list(report.warnings):
        log.info(line)  # warnings for staff; not MkDocs warnings, so strict builds still pass
    try:
        _state["site"] = render_site(report, settings, editions)
    except RenderError as err:
        raise Abort(f"\nサイトを作れませんでした: {err}") from None
    if not settings.site_url_known and not _state["serving"]:
        log.info(SITE_URL_NOTICE)  # a notice, not a MkDocs warning: `make site` builds strict without it
    config.extra["site_url_known"] = settings.site_url_known
    config.nav = site_nav(report, settings)
    _state["in_nav"] = set(_nav_files(config.nav))
    config.extra["report"] = report.theme_extra()
    # MkDocs stamps the sitemap with the build date; the data date keeps builds byte-identical
    # from day to day and tells search engines when the numbers changed.
    data_date = dt.datetime.fromisoformat(report.data_as_of).replace(tzinfo=dt.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(data_date.timestamp()))
    # The site names itself from its data folder. Material prints these unescaped in places, so
    # they are handed over already escaped (Markup: its own `| e` then leaves them as they are).
    config.site_name = Markup(escape(report.site_name))
    config.site_description = Markup(escape(report.site_description))
    _state["site_path"] = urlsplit(config.site_url or "/").path or "/"
    config.extra["csp"] = csp.policy(_state["site_path"], preview=_state["serving"])
    _stage(config)
    return config


def _stage(config) -> None:
    """Write the build into a staging folder; on_post_build swaps it in."""
    staged = StagedSite(Path(config.site_dir))
    try:
        config.site_dir = str(staged.begin())
    except SiteDirError as err:
        raise Abort(f"\nサイトを作れませんでした: {err}") from None
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    _state.update(staged=staged, counter=counter)


def _unstage(config, commit: bool) -> None:
    staged = _state.pop("staged", None)
    counter = _state.pop("counter", None)
    if counter is not None:
        logging.getLogger("mkdocs").removeHandler(counter)
    if staged is None:
        return
    if commit and config is not None:
        staged.commit()
        config.site_dir = str(staged.target)
    else:
        staged.abandon()


def on_files(files: Files, config, **kwargs):
    site = _state["site"]
    for src_uri, content in site.pages.items():
        # Pages left out of the sidebar on purpose (project pages: the nav is copied into every
        # page, GUIDE.md §3) are marked so, which spares MkDocs' "not in nav" notices.
        inclusion = InclusionLevel.UNDEFINED if src_uri in _state["in_nav"] else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
    _state["taken"] = {f.dest_uri for f in files}
    _check_free(site.files)
    return files


def on_post_build(config, **kwargs):
    # The open data and the search index; site_dir was cleaned before on_files.
    try:
        write_files(_state["site"].files, Path(config.site_dir))
        if not config.extra.get("site_url_known"):
            _drop_sitemap(Path(config.site_dir))
    except OSError as err:
        raise Abort(f"\nサイトを作れませんでした: {err}") from None
    counter = _state.get("counter")
    # With warnings in strict mode MkDocs stops right after this: the old site stays.
    _unstage(config, commit=not (config.strict and counter is not None and counter.count))


def _drop_sitemap(site_dir: Path) -> None:
    """MkDocs writes the sitemap from site_url: without a real one it would list the builder's
    own localhost addresses, which a search engine must not be given."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


def on_build_error(error, **kwargs):
    _unstage(None, commit=False)


def on_shutdown(**kwargs):
    # Also reached after Ctrl-C, which on_build_error never sees.
    _unstage(None, commit=False)


def _check_free(generated: dict[str, bytes]) -> None:
    """A generated file may not take the place of a page or of a file of docs/ or the theme."""
    clash = sorted(_state["taken"].intersection(generated))
    if clash:
        raise Abort(
            f"\nサイトを作れませんでした: ファイル {clash[0]} が2回作られます（docs/ のファイルかページと重なっています）。"
        )


def _nav_files(nav):
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            yield from _nav_files(value)
        else:
            yield value


def on_page_markdown(markdown: str, page, **kwargs):
    # A generated page is finished HTML: its metadata is handed over as data, never parsed from its
    # text, and it takes the place of the Markdown conversion (no Markdown instance per page).
    src_uri = page.file.src_uri
    site = _state["site"]
    if src_uri in site.pages:
        page.meta = dict(site.meta[src_uri])
        page.render = MethodType(_hand_over_html, page)
    return markdown


def _hand_over_html(page, config, files) -> None:
    """Page.render for a generated page: what MkDocs' own render sets, taken from the page's HTML."""
    site = _state["site"]
    src_uri = page.file.src_uri
    page.content = site.pages[src_uri]
    page.toc = get_toc(site.toc[src_uri])
    page.present_anchor_ids = site.anchors(src_uri)  # hand-written pages' links to its anchors are checked
    page.links_to_anchors = {}


def on_post_page(output: str, page, config, **kwargs):
    # Every inline script must be one the policy allows: otherwise the page would break silently.
    if not csp.inline_scripts_allowed(output, _state["site_path"]):
        raise Abort(f"\nサイトを作れませんでした: {page.file.src_uri} に許可していないスクリプトがあります。")
    return output
