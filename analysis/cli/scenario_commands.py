"""``bygdesim new-scenario``: start a scenario file of one's own from a preset.

The file lists every setting of the parameter schema with its meaning, unit, allowed range and
source (:mod:`analysis.reports.scenario_file`). Settings are written commented out at the
preset's values, so the new file runs exactly as the preset until a line is made active.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.options import fail


def new_scenario(
    name: Annotated[
        str,
        typer.Argument(
            help="The new scenario: writes NAME.toml in the current folder, or the path NAME "
            "if it ends in .toml."
        ),
    ],
    like: Annotated[
        str | None,
        typer.Option(
            "--like",
            help="Preset to start from (sel, vaga, nordre_land); without it the schema's "
            "defaults, a generic municipality.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a scenario file to edit: every setting with its unit, range and source, commented
    out at the values of the preset it starts from."""
    from analysis.provenance import atomic_write_bytes
    from analysis.reports.scenario_file import scenario_file_text
    from model.params import Params
    from model.scenario import load_scenario, preset_names, preset_path

    path = target_path(name)
    if like is not None and like not in preset_names():
        fail(f"--like {like}: not a preset ({', '.join(preset_names())})")
    base = load_scenario(preset_path(like)).params if like is not None else Params()
    text = scenario_file_text(
        base,
        name=path.stem,
        base=like,
        base_params=base,
        written_by=f"`bygdesim new-scenario{f' --like {like}' if like else ''}`",
    ).encode()
    check_writable(path, force)
    try:
        if force:
            atomic_write_bytes(path, text)
        else:
            with open(path, "xb") as fh:  # never replaces a file made meanwhile
                fh.write(text)
    except FileExistsError:
        fail(f"{path}: already exists (--force overwrites it)")
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
    print(f"bygdesim: wrote {path}; run it with: bygdesim run {path}", file=sys.stderr)


def target_path(name: str) -> Path:
    """The file ``new-scenario NAME`` writes: ``NAME.toml``, or NAME itself if it ends in
    .toml; a relative path is taken from the current directory."""
    if not name.strip() or any(c in name for c in "\x00\n\r"):
        fail("new-scenario: NAME must be a file name, e.g. my_plan")
    path = Path(name if name.endswith(".toml") else f"{name}.toml")
    if not path.stem or path.stem.startswith("."):
        fail(f"{name}: not a usable scenario name (e.g. my_plan)")
    return path


def check_writable(path: Path, force: bool) -> None:
    """Refuse, before anything is written, a path that exists (without --force) or is no
    regular file, and a folder that does not exist."""
    folder = path.parent
    if not folder.is_dir():
        fail(f"{path}: no such folder {folder}")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        fail(f"{path}: cannot write: {exc.strerror or exc}")
    if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and path.is_dir()):
        fail(f"{path}: is a folder")
    if not force:
        fail(f"{path}: already exists (--force overwrites it)")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        fail(f"{path}: not a regular file (a device, pipe or socket); not overwritten")
