"""Scenario files: TOML overrides of the parameter schema, with presets and ``--set`` overrides.

A scenario file may name a ``base`` (a preset name or another file, a relative path taken from
the scenario file's own folder) and override any field. The command line follows any base; the
dashboard passes a :data:`Guard` that keeps the chain inside the folders its page may open, and
reads an uploaded file from its bytes (:func:`load_scenario_bytes`).
Its paired baseline, the thing a lever is compared with, is the root of that chain: for
``base = "sel"`` it is the Sel preset; a preset is its own baseline.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model import files
from model.params import Params, bounds, field_info, set_path

META_KEYS = ("name", "base", "description")

Guard = Callable[[Path], object]
"""Checks a scenario file before it is looked at (even whether it exists), raising
:class:`ScenarioError` for one that may not be opened; the dashboard's keeps a base chain
inside the folders the page may open. The command line has none: it follows every base."""


class ScenarioError(ValueError):
    """A scenario could not be read or validated. The message is one line."""


def scenarios_dir() -> Path:
    """Folder holding the preset files (``BYGDESIM_SCENARIOS`` overrides it)."""
    env = os.environ.get("BYGDESIM_SCENARIOS")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "scenarios"


def preset_names() -> list[str]:
    return sorted(p.stem for p in scenarios_dir().glob("*.toml"))


@dataclass
class Scenario:
    """A validated scenario: its parameters and those of its paired baseline."""

    name: str
    params: Params
    baseline: Params
    source: str
    description: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


def resolve_path(spec: str | Path) -> Path:
    """A preset name or a path to a scenario file. A relative path is taken from the current
    directory: the directory the user ran the command in."""
    p = Path(spec)
    if looks_like_file(str(spec)) or p.exists():
        if not p.exists():
            raise ScenarioError(f"{spec}: no such scenario file")
        return p
    return preset_path(str(spec))


def preset_path(name: str) -> Path:
    """The file of preset ``name``."""
    candidate = scenarios_dir() / f"{name}.toml"
    if candidate.is_file():
        return candidate
    raise ScenarioError(f"{name}: not a preset ({', '.join(preset_names())}) and no such file")


def looks_like_file(spec: str) -> bool:
    """Whether ``spec`` names a file (ends in .toml or has a folder) rather than a preset."""
    return spec.endswith(".toml") or "/" in spec or os.sep in spec


def base_path(base: str, path: Path, guard: Guard | None = None) -> Path:
    """The file a scenario file's ``base = ...`` names: a preset name, or a path taken from the
    scenario file's own folder (not the current directory), or an absolute path. ``guard``
    sees a file path before anything is asked of it."""
    local = path.parent / base  # an absolute base stays as it is
    if looks_like_file(base):
        if guard is not None:
            guard(local)
        if not local.exists():
            raise ScenarioError(f"{path}: base: {base}: no such scenario file in {path.parent}")
        return local
    if local.is_file():
        return local
    try:
        return preset_path(base)
    except ScenarioError as exc:
        raise ScenarioError(f"{path}: base: {exc}") from None


def read_toml(path: Path, what: str = "file") -> dict[str, Any]:
    """A TOML file read safely (:func:`model.files.read_toml`); problems are one-line
    :class:`ScenarioError` naming the file."""
    try:
        return files.read_toml(path, what)
    except files.FileProblem as exc:
        raise ScenarioError(str(exc)) from None


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _chain(
    path: Path,
    seen: tuple[Path, ...] = (),
    guard: Guard | None = None,
    data: dict[str, Any] | None = None,
) -> list[tuple[Path, dict[str, Any]]]:
    """The file and its bases, root first (``data``: the file's content, already read)."""
    if path.resolve() in seen:
        raise ScenarioError(f"{path}: base chain loops back on itself")
    if data is None:
        if guard is not None:
            guard(path)
        data = read_toml(path, "scenario file")
    if not data:
        raise ScenarioError(
            f'{path}: the scenario file is empty (write at least base = "sel" or one setting)'
        )
    base = data.get("base")
    if base is None:
        return [(path, data)]
    if not isinstance(base, str) or not base.strip():
        raise ScenarioError(f"{path}: base: must be a preset name or file path")
    parent = base_path(base, path, guard)
    return _chain(parent, (*seen, path.resolve()), guard) + [(path, data)]


def _body(data: dict[str, Any]) -> dict[str, Any]:
    """A file's overrides: its ``[calibrated]`` table (dotted paths written by
    ``bygdesim calibrate``) first, then its own sections."""
    own = {k: v for k, v in data.items() if k not in META_KEYS and k != "calibrated"}
    calibrated = data.get("calibrated", {})
    if not isinstance(calibrated, dict):
        raise ScenarioError("calibrated: must be a table of dotted parameter paths")
    for key in calibrated:
        try:
            field_info(key)
        except KeyError:
            raise ScenarioError(f"calibrated.{key}: unknown parameter") from None
    return deep_merge(nested(calibrated), own)


def validate(data: dict[str, Any], source: str) -> Params:
    """Validate a merged dict against the schema, raising a one-line ScenarioError."""
    try:
        return Params.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(describe_error(exc, source)) from None


def describe_error(exc: ValidationError, source: str) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    value = err.get("input")
    if err["type"] == "extra_forbidden":
        return f"{source}: {loc}: unknown key"
    allowed = ""
    try:
        info, extra = field_info(loc)
        lo, hi = bounds(info)
        if lo is not None or hi is not None:
            allowed = (
                f"; allowed {lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}"
            )
        unit = extra.get("unit")
        if unit and allowed:
            allowed += f" ({unit})"
        elif not allowed and err["type"] not in ("value_error", "assertion_error"):
            allowed = f"; expected {getattr(info.annotation, '__name__', info.annotation)}"
    except KeyError:
        pass
    msg = err["msg"].replace("Value error, ", "")
    shown = "" if isinstance(value, dict) else f" = {value!r}"
    where = f"{loc}{shown}: " if loc else ""
    return f"{source}: {where}{msg}{allowed}"


def parse_set(items: list[str] | None) -> dict[str, Any]:
    """Turn ``KEY=VALUE`` strings (TOML values) into a nested override dict."""
    flat: dict[str, Any] = {}
    for item in items or []:
        if "=" not in item:
            raise ScenarioError(f"--set {item}: expected KEY=VALUE")
        key, raw = item.split("=", 1)
        key = key.strip()
        try:
            field_info(key)
        except KeyError:
            raise ScenarioError(f"--set {key}: unknown parameter") from None
        try:
            flat[key] = tomllib.loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            flat[key] = raw
        except RecursionError:
            raise ScenarioError(f"--set {key}: value nested too deeply") from None
        if files.depth(flat[key]) > files.MAX_DEPTH:
            raise ScenarioError(f"--set {key}: value nested too deeply")
    return nested(flat)


def nested(flat: dict[str, Any]) -> dict[str, Any]:
    """``{"a.b": 1}`` to ``{"a": {"b": 1}}``."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        set_path(out, key, value)
    return out


def load_scenario(
    spec: str | Path, overrides: dict[str, Any] | None = None, guard: Guard | None = None
) -> Scenario:
    """Read a preset or scenario file, apply overrides and validate both it and its baseline.
    ``guard`` checks every file of the base chain before it is opened."""
    path = resolve_path(spec)
    return _scenario(path, _chain(path, guard=guard), overrides)


def load_scenario_bytes(raw: bytes, path: Path, guard: Guard | None = None) -> Scenario:
    """A scenario from a file's bytes (an upload): ``path`` names it in messages and its folder
    is where a relative ``base`` is taken from. At most :data:`model.files.MAX_BYTES`."""
    if len(raw) > files.MAX_BYTES:
        raise ScenarioError(
            f"{path}: too large for a scenario file (more than {files.MAX_BYTES:,} bytes)"
        )
    try:
        data = files.parse_toml(raw, str(path))
    except files.FileProblem as exc:
        raise ScenarioError(str(exc)) from None
    return _scenario(path, _chain(path, guard=guard, data=data), None)


def _scenario(
    path: Path, chain: list[tuple[Path, dict[str, Any]]], overrides: dict[str, Any] | None
) -> Scenario:
    """The scenario of a base chain (root first) with ``overrides`` applied, validated."""
    root_path, root = chain[0]
    baseline = validate(_body(root), str(root_path))
    merged: dict[str, Any] = {}
    for p, data in chain:
        merged = deep_merge(merged, _body(data))
        validate(merged, str(p))
    if overrides:
        merged = deep_merge(merged, overrides)
    params = validate(merged, "--set" if overrides else str(path))
    top = chain[-1][1]
    name = str(top.get("name", path.stem))
    return Scenario(
        name=name,
        params=params,
        baseline=baseline,
        source=str(path),
        description=str(top.get("description", "")),
        raw=merged,
    )


def with_overrides(params: Params, flat: dict[str, Any], source: str = "override") -> Params:
    """A copy of ``params`` with dotted-path overrides, validated."""
    data = deep_merge(params.model_dump(mode="json"), nested(flat))
    return validate(data, source)
