"""Files made in a second process while the build goes on (the search index with its readings).

A build machine has two cores and MkDocs uses one: the index, which needs nothing MkDocs makes,
is computed beside it in a forked process and collected at the end. Where fork is not available
the files are simply made at once. The output is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


class BackgroundError(RuntimeError):
    """The background work failed; the message is Japanese."""


def _write(make: Callable[[], dict[str, bytes]], folder: str) -> None:
    for rel, data in make().items():
        target = Path(folder) / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class BackgroundFiles:
    def __init__(self, make: Callable[[], dict[str, bytes]]):
        self._files: dict[str, bytes] | None = None
        self._folder = ""
        self._process = None
        if "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork"):
            self._folder = tempfile.mkdtemp(prefix="dxreport-files-")
            # fork: the child shares what the parent has built (nothing is pickled).
            self._process = multiprocessing.get_context("fork").Process(target=_write, args=(make, self._folder))
            self._process.start()
        else:
            self._files = make()

    def result(self) -> dict[str, bytes]:
        """The files (path -> bytes), waiting for the second process if it is still at work."""
        if self._files is not None:
            return self._files
        assert self._process is not None
        self._process.join()
        try:
            if self._process.exitcode != 0:
                raise BackgroundError(f"検索の索引を作れませんでした（終了コード {self._process.exitcode}）。")
            root = Path(self._folder)
            self._files = {
                p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            }
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)
        return self._files

    def cancel(self) -> None:
        """Stop the second process (the build is abandoned) and remove its folder."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
