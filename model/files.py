"""Reading the files a user names (scenario, lever, package and sweep files): safely, whatever
the path points at.

:func:`read_toml` is the one way every reader of a TOML file goes. It opens the path without
blocking (a FIFO with no writer does not hang), accepts only a regular file (not a folder,
``/dev/zero``, a terminal or a socket), reads at most :data:`MAX_BYTES` (a bigger file is
refused, never read into memory), and turns every way the text can be wrong (not UTF-8,
not TOML, nested deeper than :data:`MAX_DEPTH`) into a one-line :class:`FileProblem` that names
the file. Relative paths are taken from the current directory, i.e. the directory the user ran
the command in.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

MAX_BYTES = 4 * 1024 * 1024  # literal: a file-size limit, not model behaviour
"""The largest file read (4 MiB; the presets are a few kB, a big sweep file some hundred kB)."""

MAX_DEPTH = 32  # literal: a nesting limit, not model behaviour
"""The deepest nesting of tables and arrays accepted (the schema needs four)."""


class FileProblem(ValueError):
    """A file could not be read as asked. The message is one line and names the file."""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_bytes(path: str | Path, what: str = "file", max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    Raises:
        FileProblem: no such file, not a regular file, unreadable or too large.
    """
    name = _one_line(str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(f"{name}: no such {what}") from None
    except IsADirectoryError:
        raise FileProblem(f"{name}: is a folder, not a {what}") from None
    except OSError as exc:
        raise FileProblem(f"{name}: cannot read: {_one_line(exc.strerror or exc)}") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise FileProblem(f"{name}: is a folder, not a {what}")
        if not stat.S_ISREG(mode):
            raise FileProblem(f"{name}: not a regular file (a device, pipe or socket)")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))  # literal: read size
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise FileProblem(f"{name}: too large for a {what} (more than {max_bytes:,} bytes)")
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(f"{name}: cannot read: {_one_line(exc.strerror or exc)}") from None
    finally:
        os.close(fd)


def depth(value: Any) -> int:
    """How deeply tables and arrays nest in ``value`` (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        if level <= MAX_DEPTH:
            stack.extend((child, level) for child in children)
    return deepest


def parse_toml(raw: bytes, name: str) -> dict[str, Any]:
    """TOML text to a dict; every way it can be wrong is a one-line :class:`FileProblem`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"{name}: not a text file (not valid UTF-8 at byte {exc.start})"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FileProblem(f"{name}: not valid TOML: {_one_line(exc)}") from None
    except RecursionError:
        raise FileProblem(f"{name}: not valid TOML: nested too deeply") from None
    if depth(data) > MAX_DEPTH:
        raise FileProblem(f"{name}: not valid TOML: nested too deeply (more than {MAX_DEPTH})")
    return data


def read_toml(path: str | Path, what: str = "file") -> dict[str, Any]:
    """Read and parse the TOML file ``path`` (``what`` names it in messages: "scenario file").

    Raises:
        FileProblem: one line naming the file: missing, not a regular file, too large, not
            UTF-8, not TOML or nested too deeply.
    """
    return parse_toml(read_bytes(path, what), _one_line(str(path)))
