"""The build's second processes (editions rendered, pages built, open data written beside MkDocs)
change nothing in the site, and nothing they meet is lost: warnings still count in strict mode,
errors still stop the build."""

from __future__ import annotations

import logging
import sys

import pytest
from conftest import EXAMPLES, ROOT, build_site

sys.path.insert(0, str(ROOT / "hooks"))


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_built_in_one_process(tmp_path, example_sites):
    """Nagasaki's two editions use every second process: the older edition is rendered apart, half
    the pages are built apart, the open data is written apart. One process gives the same bytes."""
    built = example_sites["example-nagasaki"]
    alone = tmp_path / "site"
    result = build_site(alone, EXAMPLES["example-nagasaki"], env_extra={"DXREPORT_ONE_PROCESS": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    together, single = _files(built.site_dir), _files(alone)
    assert together.keys() == single.keys()
    assert [path for path in together if together[path] != single[path]] == []
    assert any(p.startswith("editions/2016/") for p in together) and any(
        p.startswith("editions/2020/") for p in together
    )


def test_files_with_the_same_bytes_are_written_once_and_linked(tmp_path):
    from dxreport.render import write_files

    write_files({"a/x.csv": b"1,2\n", "b/x.csv": b"1,2\n", "b/y.csv": b"3\n"}, tmp_path)
    same, twin, other = tmp_path / "a/x.csv", tmp_path / "b/x.csv", tmp_path / "b/y.csv"
    assert same.read_bytes() == twin.read_bytes() == b"1,2\n" and other.read_bytes() == b"3\n"
    assert same.stat().st_ino == twin.stat().st_ino != other.stat().st_ino


def test_the_second_process_hands_back_its_warnings_and_its_errors(monkeypatch, caplog):
    """Pages built in the second process: their warnings are logged by the first (where strict mode
    counts them), and an error there stops the build here."""
    import parallel_pages
    from mkdocs.exceptions import Abort

    from dxreport.background import Background

    def warn(page, *args):
        logging.getLogger("mkdocs.structure.pages").warning("ページ %s の警告", page)

    monkeypatch.setattr(parallel_pages.mkdocs_build, "_build_page", warn)
    parallel_pages._state["pages"] = Background(
        lambda: parallel_pages._build(["a", "b"], None, None, None, None), "ページ"
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        parallel_pages.on_post_build(None)
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "ページ a の警告",
        "ページ b の警告",
    ]

    def refuse(page, *args):
        raise Abort(f"{page} に許可していないスクリプトがあります。")

    monkeypatch.setattr(parallel_pages.mkdocs_build, "_build_page", refuse)
    parallel_pages._state["pages"] = Background(lambda: parallel_pages._build(["a"], None, None, None, None), "ページ")
    with pytest.raises(Abort, match="a に許可していないスクリプト"):
        parallel_pages.on_post_build(None)
