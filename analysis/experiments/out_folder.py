"""An ``--out`` folder: checked before any run starts, and locked while a sweep writes to it.

:func:`out_problem` says why results could not be written to a folder (a file in the way, a
parent that is a file, no permission, a file system that refuses new folders such as /proc) so
a command fails in one line before it spends any time running; it leaves nothing behind (a
probe folder it makes is removed at once). :class:`FolderLock` is an exclusive ``flock`` on
``OUT/.lock``: the kernel releases it when the holder ends, however it ends, so a killed sweep
never leaves a stale lock, and a second sweep into the same folder is refused at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

LOCK_NAME = ".lock"


def _probe(folder: Path) -> str | None:
    """Make and remove an empty folder in ``folder``: the permission bits do not tell whether
    a file system takes new entries (root may write anywhere by the bits; /proc refuses)."""
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".bygdesim-probe-", dir=folder))
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def out_problem(out: Path) -> str | None:
    """Why ``out`` cannot receive results (one line naming it), or None. Leaves nothing."""
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            return f"{out}: --out exists and is not a folder"
        if not os.access(out, os.W_OK | os.X_OK) or _probe(out):
            return f"{out}: --out is not writable"
        return None
    parent = out.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        return f"{out}: --out cannot be created: {parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{out}: --out cannot be created: {parent} is not writable"
    why = _probe(parent)
    if why:
        return f"{out}: --out cannot be created in {parent}: {why.lower()}"
    return None


class FolderLocked(RuntimeError):
    """Another process holds the lock of the folder. The message is one line."""


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(path.read_text().strip() or "x")
        return f" (process {pid})"
    return ""


def _try_lock(fd: int, path: Path, folder: Path) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise FolderLocked(
            f"{folder}: another sweep is running in this folder{_holder(path)}; wait for it "
            "to finish or choose another --out"
        ) from None


def check_unlocked(folder: Path) -> None:
    """Raise :class:`FolderLocked` if a process holds ``folder``'s lock. Creates nothing."""
    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # no lock file: nobody has locked the folder
    try:
        _try_lock(fd, path, Path(folder))
    finally:
        os.close(fd)  # closing releases a lock taken here


class FolderLock:
    """``with FolderLock(folder):`` holds ``folder/.lock`` exclusively, or raises
    :class:`FolderLocked` at once. The lock file stays (removing it would let two processes
    lock two different files); it holds the pid of the last holder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> FolderLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _try_lock(fd, self.path, self.folder)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
