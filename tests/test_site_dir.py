"""The site folder is replaced only by a complete build, one build at a time; the Excel cache lives in
the project, is keyed by everything that shapes a workbook, and never publishes a planted file."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from dxreport import workbook
from dxreport.model import load_report
from dxreport.sitedir import StagedSite

BASE = ROOT / "tests" / "hostile" / "base"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_second_build_into_the_same_folder_is_refused_and_changes_nothing(tmp_path):
    dest = tmp_path / "site"
    assert build_site(dest, BASE).returncode == 0
    before = _files(dest)
    running = StagedSite(dest)
    running.begin()  # another build holds the folder
    try:
        result = build_site(dest, BASE)
    finally:
        running.abandon()
    assert result.returncode != 0 and "別のサイトの作成が進んでいます" in result.stdout + result.stderr
    assert _files(dest) == before


def test_an_interrupted_build_leaves_the_previous_site_as_it_was(tmp_path):
    dest = tmp_path / "site"
    assert build_site(dest, BASE).returncode == 0
    before = _files(dest)
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth

    data = tmp_path / "editions"  # three editions of the live data: a build of a few seconds to interrupt
    synth.synthesise_editions(ROOT / "data", data, 3)
    env = dict(os.environ, DXREPORT_DATA_DIR=str(data), NO_MKDOCS_2_WARNING="1")
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    staging = tmp_path / ".site.partial"
    for _ in range(2000):  # interrupt once the new build has begun (its folder made and cleaned)
        if staging.exists():
            break
        time.sleep(0.005)
    assert build.poll() is None, "the build ended before it could be interrupted"
    build.send_signal(signal.SIGINT)
    build.wait(timeout=60)
    assert _files(dest) == before
    assert not staging.exists()  # cleaned on the way out (and by the next build if killed)


def test_a_refused_build_keeps_the_previous_site(tmp_path):
    dest = tmp_path / "site"
    assert build_site(dest, BASE).returncode == 0
    before = _files(dest)
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    (data / "issues.csv").write_text("issue_id\n", encoding="utf-8")
    assert build_site(dest, data).returncode != 0
    assert _files(dest) == before


@pytest.fixture
def report():
    return load_report(BASE)


def test_a_changed_column_label_reaches_the_next_cached_workbook(report, tmp_path, monkeypatch):
    """The key covers the package's code: after schema.py gives a column a new label (here: a copy of
    the package with the label changed, and the label changed in the running schema), the cached
    workbook is not reused and the new one carries the new label."""
    import dataclasses

    import openpyxl

    from dxreport import schema

    cache = tmp_path / "cache"
    first = workbook.cached_workbook_bytes(report, cache)
    assert workbook.cached_workbook_bytes(report, cache) == first  # the same data and code: reused
    package = tmp_path / "package"
    shutil.copytree(workbook.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    source = (package / "schema.py").read_text(encoding="utf-8")
    assert '"重点課題名"' in source
    (package / "schema.py").write_text(source.replace('"重点課題名"', '"新しい見出し"'), encoding="utf-8")
    monkeypatch.setattr(workbook, "PACKAGE", package)
    workbook._code_digest.cache_clear()
    issues = schema.TABLES_BY_NAME["issues"]
    original = issues.columns
    renamed = tuple(dataclasses.replace(c, label="新しい見出し") if c.name == "title" else c for c in original)
    object.__setattr__(issues, "columns", renamed)
    try:
        second = workbook.cached_workbook_bytes(report, cache)
    finally:
        object.__setattr__(issues, "columns", original)
        workbook._code_digest.cache_clear()
    sheet = next(s for s in openpyxl.load_workbook(io.BytesIO(second)) if s.title.startswith("issues"))
    assert "新しい見出し（title）" in [c.value for c in sheet[1]]
    assert second != first


def test_a_planted_or_broken_cache_file_is_never_published(report, tmp_path):
    cache = tmp_path / "cache"
    made = workbook.cached_workbook_bytes(report, cache)
    path = cache / "workbooks" / f"{workbook.cache_key(report)}.xlsx"
    path.write_bytes(b"PK\x03\x04 planted")
    assert workbook.cached_workbook_bytes(report, cache) == made
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere.xlsx")
    (tmp_path / "elsewhere.xlsx").write_bytes(made[:100])
    assert workbook.cached_workbook_bytes(report, cache) == made
