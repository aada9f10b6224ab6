"""Policy levers and lever packages as data.

A **lever file** (``scenarios/levers/<lever>.toml``) is the "switched on" setting a planner would
try first, with its cost stated explicitly::

    description = "Two bicultural bridge-builders at half time (App. 4 pt 2)"
    [levers.bridge_builders]
    count = 2
    cost_per_month = 48000.0

A **package file** combines several levers into one arm of a comparison::

    [package]
    name = "jobs_first"
    description = "Early Nav, an employer contact and municipal positions"
    levers = ["early_nav", "employer_contact", "municipal_jobs"]   # names or lever file paths
    [levers.municipal_jobs]       # optional: adjust the listed levers' settings
    positions = 3

Both are validated through the one parameter schema: an unknown key or a value out of range is a
one-line :class:`~model.scenario.ScenarioError` naming the file and the key. Lever files may only
set fields under ``[levers.*]``, so every arm's extra cost is accounted for by the cost ledger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.params import LEVER_NAMES, Params
from model.scenario import (
    ScenarioError,
    deep_merge,
    describe_error,
    read_toml,
    scenarios_dir,
    validate,
)

LEVER_FILE_KEYS = ("name", "description", "levers")
PACKAGE_KEYS = ("name", "description", "levers")
RESERVED_NAMES = ("baseline",)


@dataclass(frozen=True)
class Arm:
    """One arm of a comparison: a lever or a package, as overrides of the scenario."""

    name: str
    description: str
    overrides: dict[str, Any]
    source: str
    levers: tuple[str, ...] = ()
    kind: str = "lever"
    files: tuple[str, ...] = field(default=())


def levers_dir() -> Path:
    """Folder of the lever files (``scenarios/levers``)."""
    return scenarios_dir() / "levers"


def _looks_like_path(spec: str) -> bool:
    return spec.endswith(".toml") or "/" in spec or "\\" in spec


def _check_levers_table(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The ``[levers.*]`` tables of a lever or package file, validated against the schema."""
    table = data.get("levers", {})
    if not isinstance(table, dict):
        raise ScenarioError(f"{source}: levers: must be a table of [levers.<name>] tables")
    for name, sub in table.items():
        if name not in LEVER_NAMES:
            raise ScenarioError(
                f"{source}: levers.{name}: unknown lever (known: {', '.join(LEVER_NAMES)})"
            )
        if not isinstance(sub, dict):
            raise ScenarioError(f"{source}: levers.{name}: must be a table of settings")
    try:
        Params.model_validate(deep_merge(Params().model_dump(mode="json"), {"levers": table}))
    except ValidationError as exc:
        raise ScenarioError(describe_error(exc, source)) from None
    return {"levers": table} if table else {}


def _one_line(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str) or "\n" in value.strip():
        raise ScenarioError(f"{source}: {key}: must be a one-line string")
    return value.strip()


def lever_file(spec: str, relative_to: Path | None = None) -> Path:
    """The file of lever ``spec``: a lever name or a path to a lever file (a relative path in
    a package file, ``relative_to``, is looked for first in the package file's folder)."""
    if _looks_like_path(spec):
        path = Path(spec)  # from the current directory: where the user ran the command
        if relative_to is not None and (relative_to / spec).exists():
            path = relative_to / spec  # a path in a package file: from the package's folder
        if not path.exists():
            raise ScenarioError(f"{spec}: no such lever file")
        return path
    if spec not in LEVER_NAMES:
        raise ScenarioError(f"{spec}: unknown lever (known: {', '.join(LEVER_NAMES)})")
    path = levers_dir() / f"{spec}.toml"
    if not path.exists():
        raise ScenarioError(f"{path}: lever file missing for {spec}")
    return path


def load_lever(spec: str, relative_to: Path | None = None) -> Arm:
    """Read and validate one lever file (by lever name or path)."""
    path = lever_file(spec, relative_to)
    source = str(path)
    data = read_toml(path, "lever file")
    for key in data:
        if key not in LEVER_FILE_KEYS:
            raise ScenarioError(
                f"{source}: {key}: unknown key (a lever file has description and "
                "[levers.<name>] tables)"
            )
    overrides = _check_levers_table(data, source)
    if not overrides:
        raise ScenarioError(f"{source}: levers: no [levers.<name>] table")
    description = _one_line(data.get("description", ""), source, "description")
    name = _one_line(data.get("name", path.stem), source, "name")
    return Arm(
        name=name,
        description=description,
        overrides=overrides,
        source=source,
        levers=tuple(overrides["levers"]),
        kind="lever",
        files=(source,),
    )


def load_package(path_spec: str | Path) -> Arm:
    """Read and validate a package file: its levers merged in order, then its own overrides."""
    path = Path(path_spec)
    source = str(path)
    if not path.exists():
        raise ScenarioError(f"{source}: no such package file")
    data = read_toml(path, "package file")
    for key in data:
        if key not in ("package", "levers"):
            raise ScenarioError(
                f"{source}: {key}: unknown key (a package file has [package] and "
                "optional [levers.<name>] tables)"
            )
    pkg = data.get("package")
    if not isinstance(pkg, dict):
        raise ScenarioError(f"{source}: package: missing [package] table")
    for key in pkg:
        if key not in PACKAGE_KEYS:
            raise ScenarioError(
                f"{source}: package.{key}: unknown key (allowed: {', '.join(PACKAGE_KEYS)})"
            )
    names = pkg.get("levers")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ScenarioError(f"{source}: package.levers: must be a non-empty list of lever names")
    merged: dict[str, Any] = {}
    files = []
    for spec in names:
        try:
            lever = load_lever(spec, relative_to=path.parent)
        except ScenarioError as exc:
            raise ScenarioError(f"{source}: package.levers: {exc}") from None
        merged = deep_merge(merged, lever.overrides)
        files.append(lever.source)
    own = _check_levers_table(data, source)
    merged = deep_merge(merged, own)
    _check_levers_table(merged, source)
    name = _one_line(pkg.get("name", path.stem), source, "package.name")
    return Arm(
        name=name,
        description=_one_line(pkg.get("description", ""), source, "package.description"),
        overrides=merged,
        source=source,
        levers=tuple(merged["levers"]),
        kind="package",
        files=(source, *files),
    )


def apply_arm(params: Params, arm: Arm) -> Params:
    """The scenario's parameters with the arm switched on, validated (errors name the file)."""
    return validate(deep_merge(params.model_dump(mode="json"), arm.overrides), arm.source)


def resolve_arms(
    levers: list[str] | None = None, all_levers: bool = False, packages: list[str] | None = None
) -> list[Arm]:
    """The arms a comparison asked for, in order, with unique names."""
    specs = list(LEVER_NAMES) if all_levers else []
    for spec in levers or []:
        if spec not in specs:
            specs.append(spec)
    arms = []
    for spec in specs:
        try:
            arms.append(load_lever(spec))
        except ScenarioError as exc:
            msg = str(exc)
            raise ScenarioError(msg if _looks_like_path(spec) else f"--levers {msg}") from None
    arms += [load_package(p) for p in packages or []]
    if not arms:
        raise ScenarioError("nothing to compare: give --levers, --all-levers or --package")
    seen: dict[str, str] = {}
    for arm in arms:
        if arm.name in RESERVED_NAMES:
            raise ScenarioError(f"{arm.source}: name: {arm.name!r} is reserved for the baseline")
        if arm.name in seen:
            raise ScenarioError(
                f"{arm.source}: name: {arm.name!r} is already used by {seen[arm.name]}"
            )
        seen[arm.name] = arm.source
    return arms
