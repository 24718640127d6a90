"""The site folder is replaced only by a complete build.

A build writes into a staging folder beside the site folder (`.site.partial` for `site`) and, once
every page and file is written and the build has passed, swaps it in: the old site is renamed
aside, the new one renamed into place, the old one removed. A failed or interrupted build leaves
the previous site as it was (its staging folder is removed, or by the next build if the process
was killed). One build at a time per site folder: an exclusive lock on a file beside it, which the
operating system releases when the process ends, so a killed build never leaves a stale lock.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import IO


class SiteDirError(RuntimeError):
    """The site folder cannot be written now; the message is Japanese."""


def _try_lock(handle: IO) -> bool:
    """An exclusive, non-blocking lock on an open file; False when another process holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class StagedSite:
    def __init__(self, target: Path):
        self.target = target.resolve()
        self.staging = self.target.with_name(f".{self.target.name}.partial")
        self._aside = self.target.with_name(f".{self.target.name}.old")
        self._lock_path = self.target.with_name(f".{self.target.name}.lock")
        self._lock: IO | None = None

    def begin(self) -> Path:
        """Take the lock and make an empty staging folder; returns where the build writes."""
        self.target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self._lock_path, "a+b")  # noqa: SIM115 - held until release()
        if not _try_lock(handle):
            handle.close()
            raise SiteDirError(
                f"{self.target.as_posix()} には、いま別のサイトの作成が進んでいます。"
                "終わるのを待ってから、もう一度実行してください。"
            )
        self._lock = handle
        for leftover in (self.staging, self._aside):  # from a build that was killed
            _remove(leftover)
        self.staging.mkdir()
        return self.staging

    def commit(self) -> None:
        """Put the finished site in place of the old one."""
        _remove(self._aside)
        if self.target.exists() or self.target.is_symlink():
            os.replace(self.target, self._aside)
        os.replace(self.staging, self.target)
        _remove(self._aside)
        self.release()

    def abandon(self) -> None:
        """Forget a failed or interrupted build; the old site stays as it was."""
        _remove(self.staging)
        self.release()

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file releases the lock
            self._lock = None


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
