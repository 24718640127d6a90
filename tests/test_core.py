"""The core package stands alone: no MkDocs import (Material reaches end of life
on 2027-05-05; the generator must be able to outlive it)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import DATA, ROOT


def test_core_does_not_import_mkdocs():
    code = (
        "import sys, dxreport.model, dxreport.render, dxreport.validate, dxreport.figures, dxreport.search, "
        "dxreport.downloads, dxreport.cli\n"
        f"r = dxreport.model.load_report(__import__('pathlib').Path({str(DATA)!r}))\n"
        "dxreport.render.render_site(r)\n"
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.') or m.startswith('material'))\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr


def test_render_is_deterministic():
    from dxreport.model import load_report
    from dxreport.render import render_site

    first = render_site(load_report(DATA))
    second = render_site(load_report(DATA))
    assert first.pages == second.pages and first.files == second.files


def test_table_of_contents_is_read_from_the_pages_own_headings():
    """Pages are HTML, not Markdown: the sidebar's contents come from their headings, nested,
    with names kept as escaped HTML text (MkDocs prints them as they are)."""
    from dxreport.render import toc_tokens

    html = (
        '<h1 id="page-title">題</h1><h2 id="a">A &amp; <abbr title="x">BPR</abbr></h2>'
        '<h3 id="a-1">A1</h3><h2 id="b">B</h2><h2>見出しだけ</h2>'
    )
    (top,) = toc_tokens(html)
    assert top["id"] == "page-title"
    assert [(t["id"], t["name"]) for t in top["children"]] == [("a", "A &amp; BPR"), ("b", "B")]
    assert [t["id"] for t in top["children"][0]["children"]] == ["a-1"]


def test_data_readme_column_reference_is_current():
    from dxreport.cli import columns_markdown

    assert columns_markdown() in (ROOT / "data" / "README.md").read_text(encoding="utf-8"), (
        "data/README.md is out of date: regenerate its column section with `python -m dxreport columns`"
    )


def test_abbreviations_are_explained_once_and_text_stays_escaped():
    from dxreport.render import with_abbreviations

    out = str(with_abbreviations('<script>x</script> BPR と "SaaS"、BPR をもう一度。DXBPR は語の一部'))
    assert out.count("<abbr") == 2 and out.count("BPR") == 3  # the first BPR only, not inside DXBPR
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert (
        '<button type="button" class="dx-abbr__word" aria-expanded="false"><abbr>BPR</abbr></button>'
        '<span class="dx-abbr__meaning">（業務の進め方を見直して作り直すこと（Business Process Re-engineering）です。）</span>'
    ) in out
    assert "title=" not in out  # a title shows on hover only: not by touch or keyboard


def test_an_error_while_rendering_names_the_edition_the_page_and_the_template_line(monkeypatch):
    import pytest

    from dxreport import render
    from dxreport.model import load_reports

    editions = load_reports(ROOT / "examples" / "nagasaki")

    def broken(series):
        raise ValueError("壊れた値")

    monkeypatch.setattr(render, "series_alt", broken)
    with pytest.raises(render.RenderError) as caught:
        render.render_site(editions[-1], None, editions)
    message = str(caught.value)
    assert message.startswith("令和2年度実績の版、ページ「issues/")
    assert re.search(r"テンプレート issue\.html\.j2 の macros\.j2 の \d+ 行目", message), message
    assert "ValueError: 壊れた値" in message
