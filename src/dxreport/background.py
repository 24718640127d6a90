"""Work done in a second process while the build goes on.

A build machine has two cores and MkDocs uses one. Work that needs nothing MkDocs makes (the
search index with its readings; half of the editions' pages) runs beside it in a forked process
and is collected when needed. Where fork is not available the work is simply done at once. The
output is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The second process ended without a result; the message is Japanese."""


def can_fork() -> bool:
    # DXREPORT_ONE_PROCESS=1 does everything in one process, as where fork is missing (the tests
    # compare both ways).
    if os.environ.get("DXREPORT_ONE_PROCESS"):
        return False
    return "fork" in multiprocessing.get_all_start_methods() and hasattr(os, "fork")


def _run(make: Callable[[], object], path: str) -> None:
    # The outcome, value or exception, goes back through a file: the parent raises what the child raised.
    try:
        outcome: tuple[bool, object] = (True, make())
    except Exception as err:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = (False, err)
    with open(path, "wb") as out:
        pickle.dump(outcome, out, protocol=pickle.HIGHEST_PROTOCOL)


class Background(Generic[T]):
    def __init__(self, make: Callable[[], T], what: str):
        self._what = what
        self._done = False
        self._value: T | None = None
        self._path = ""
        self._process = None
        if can_fork():
            fd, self._path = tempfile.mkstemp(prefix="dxreport-", suffix=".pickle")
            os.close(fd)
            # fork: the child shares what the parent has built (nothing is pickled on the way in).
            self._process = multiprocessing.get_context("fork").Process(target=_run, args=(make, self._path))
            self._process.start()
        else:
            self._value, self._done = make(), True

    def result(self) -> T:
        """The value, waiting for the second process if it is still at work; its exception, if it raised one."""
        if not self._done:
            assert self._process is not None
            self._process.join()
            try:
                if self._process.exitcode != 0:
                    raise BackgroundError(f"{self._what}を作れませんでした（終了コード {self._process.exitcode}）。")
                with open(self._path, "rb") as f:
                    ok, value = pickle.load(f)  # our own child's file, written just now
            finally:
                Path(self._path).unlink(missing_ok=True)
            if not ok:
                raise value
            self._value, self._done = value, True
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the second process (the build is abandoned) and remove its file."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        if self._path:
            Path(self._path).unlink(missing_ok=True)
