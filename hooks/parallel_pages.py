"""MkDocs hook: a second process builds the later two thirds of the pages while MkDocs builds the rest.

A build machine has two cores and MkDocs renders its pages one after another on one of them;
with yearly editions a site has a thousand pages or more. Once every page has been read
(on_env), a forked process renders and writes the later two thirds of them with MkDocs' own page
builder, so each page is the same file it would otherwise be; in this process those pages get
a template that renders nothing, so MkDocs writes nothing for them. The second process hands
back its warnings, which are logged here (and count in strict mode), and its error, which is
raised here. Where fork is not available, MkDocs builds every page itself.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from dxreport.background import Background, BackgroundError, can_fork  # noqa: E402

log = logging.getLogger("mkdocs.hooks.parallel_pages")
BUILT_ELSEWHERE = "dx-built-elsewhere.html"  # overrides/: renders nothing
_SKIPPED = "Page skipped: '"
_state: dict = {}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _BuiltElsewhere(logging.Filter):
    """MkDocs notes each page that renders nothing; these pages are written by the second process."""

    def __init__(self) -> None:
        super().__init__()
        self.src_uris: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith(_SKIPPED) and message[len(_SKIPPED) :].split("'")[0] in self.src_uris)


_filter = _BuiltElsewhere()
logging.getLogger("mkdocs.commands.build").addFilter(_filter)


def on_nav(nav, **kwargs):
    _state["nav"] = nav
    return nav


def on_env(env, config, files, **kwargs):
    _filter.src_uris = set()
    _state.pop("pages", None)
    doc_files = files.documentation_pages()
    pages = [f.page for f in doc_files if f.page is not None]
    if not can_fork() or len(pages) < 2:
        return env
    # Two thirds: the first pages carry the site menu and this process also copies the theme's
    # files and writes the sitemap, so an even split left the second process waiting (measured).
    elsewhere = pages[len(pages) // 3 :]
    nav = _state["nav"]
    _state["pages"] = Background(lambda: _build(elsewhere, config, doc_files, nav, env), "ページ")
    for page in elsewhere:  # after the fork: the second process renders them with their own template
        page.meta["template"] = BUILT_ELSEWHERE
    _filter.src_uris = {page.file.src_uri for page in elsewhere}
    return env


def _build(pages, config, doc_files, nav, env) -> list[str]:
    """In the second process: build the pages; their warnings go back to the first, which logs them once."""
    collect = _Collect()
    logging.getLogger("mkdocs").handlers = [collect]
    for page in pages:
        mkdocs_build._build_page(page, config, doc_files, nav, env)
    return collect.messages


def on_post_build(config, **kwargs):
    background = _state.pop("pages", None)
    if background is None:
        return
    try:
        warnings = background.result()
    except BackgroundError as err:
        raise Abort(f"\nサイトを作れませんでした: {err}") from None
    for message in warnings:
        log.warning(message)


def on_build_error(error, **kwargs):
    background = _state.pop("pages", None)
    if background is not None:
        background.cancel()
