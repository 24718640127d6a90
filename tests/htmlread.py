"""Read a built page back the way a citizen (or a screen reader) sees it: headings,
tables with their cells, ids, links and the visible text. Used by the tests to
compare pages with the CSV they were made from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Table:
    classes: list[str]
    after_heading: str | None  # the id of the last heading (h1-h4) with an id before the table
    caption: str = ""
    head: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # body rows: cell texts, th and td alike


@dataclass
class Page:
    h1: str = ""
    title: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href and src, except canonical/alternate links
    tables: list[Table] = field(default_factory=list)
    headings: list[tuple[str, str, str | None]] = field(default_factory=list)  # (tag, text, id)
    labels: list[str] = field(default_factory=list)  # th, caption, label, option, dt, dd texts
    meta: dict[str, str] = field(default_factory=dict)

    def tables_with(self, cls: str) -> list[Table]:
        return [t for t in self.tables if cls in t.classes]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.last_heading: str | None = None
        self.table: Table | None = None
        self.row: list[str] | None = None
        self.in_head = False
        self.cell: list[str] | None = None
        self.capture: list[tuple[str, list[str], str | None]] = []  # (tag, text parts, id)
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        if a.get("id"):
            self.page.ids.add(a["id"])
            if tag in ("h1", "h2", "h3", "h4"):
                self.last_heading = a["id"]
        for key in ("href", "src"):
            if a.get(key) and not (tag == "link" and a.get("rel") in ("canonical", "alternate")):
                self.page.links.append(a[key])
        if tag == "meta" and a.get("name"):
            self.page.meta[a["name"]] = a.get("content") or ""
        if tag == "table":
            self.table = Table((a.get("class") or "").split(), self.last_heading)
            self.page.tables.append(self.table)
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        if tag in ("h1", "h2", "h3", "h4", "th", "caption", "label", "option", "dt", "dd", "title"):
            self.capture.append((tag, [], a.get("id")))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        if self.capture and self.capture[-1][0] == tag:
            name, parts, ident = self.capture.pop()
            text = _squash("".join(parts))
            if name == "h1":
                self.page.h1 = text
            elif name == "title":
                self.page.title = text
            if name in ("h1", "h2", "h3", "h4"):
                self.page.headings.append((name, text, ident))
            elif name != "title":
                self.page.labels.append(text)
                if name == "caption" and self.table is not None:
                    self.table.caption = text
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(_squash("".join(self.cell)))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            if self.in_head:
                self.table.head = self.row
            else:
                self.table.rows.append(self.row)
            self.row = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        for _, parts, _ in self.capture:
            parts.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_cache: dict[Path, Page] = {}


def read_page(path: Path) -> Page:
    """The parsed page (cached: pages do not change during a session)."""
    path = path.resolve()
    if path not in _cache:
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        _cache[path] = reader.page
    return _cache[path]
