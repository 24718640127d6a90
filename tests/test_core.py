"""The core package stands alone: no MkDocs import (Material reaches end of life
on 2027-05-05; the generator must be able to outlive it)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DATA, FIXTURE_DATA, ROOT


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


def test_markdown_escape_neutralises_markup():
    from dxreport.render import md_escape

    assert md_escape("<script>*x*</script>") == "&lt;script&gt;\\*x\\*&lt;/script&gt;"
    assert md_escape("[a](b) #1 `c`") == "\\[a\\]\\(b\\) \\#1 \\`c\\`"


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
    assert '<abbr title="業務の進め方を見直して作り直すこと（Business Process Re-engineering）です。">BPR</abbr>' in out


def test_background_files_equal_the_direct_ones_and_a_failure_is_reported():
    from dxreport.background import BackgroundError, BackgroundFiles
    from dxreport.model import load_report
    from dxreport.search import build_search_index

    report = load_report(FIXTURE_DATA)
    assert BackgroundFiles(lambda: build_search_index(report)).result() == build_search_index(report)

    def broken():
        raise ValueError("boom")

    with pytest.raises(BackgroundError):
        BackgroundFiles(broken).result()
