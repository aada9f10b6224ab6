"""Futures files: the conditions a lever package must hold up in, declared as data and sampled.

A futures file names the uncertain factors, each with the schema path(s) it moves, its range,
and the label and unit a planner reads::

    [futures]
    name = "default"
    description = "Arrivals, household mix, a labour-market downturn, Nav's budget, volunteers"

    [factors.arrivals]
    label = "arrivals"
    unit = "persons a year"
    plural = true                 # "arrivals are above ..." (default false: "... is above")
    mode = "set"                  # every path takes the sampled value
    paths = ["arrivals.persons_per_year"]
    range = [5, 40]

    [factors.openings]
    label = "openings"
    unit = "× today"
    mode = "scale"                # every path is the scenario's value times the sampled value
    paths = ["labour.turnover_by_sector"]
    range = [0.5, 1.2]

    [factors.families]
    label = "families with children"
    unit = "share of households"
    mode = "share"                # the paths together take the value (in the scenario's
    paths = ["arrivals.share_family", "arrivals.share_single_parent"]   # proportions), the
    balance = ["arrivals.share_single_man", "arrivals.share_single_woman",  # balance paths the
               "arrivals.share_couple"]                                      # rest
    range = [0.1, 0.5]

Modes: ``set`` (a number, or every entry of a list of numbers), ``scale`` (a number, every entry
of a list or table of numbers, or a field of every table of a list such as
``volunteer_groups.members``) and ``share`` (shares that sum to one). Integers are rounded
(``scale``; never below the field's lower bound) or take the integer cell the draw falls in
(``set``). A range outside the field's bounds, and a future at either end of a range that the
schema rejects, are one-line errors naming the file and the factor, before anything runs.

Futures are a Latin hypercube (``scipy.stats.qmc``) on the ranges, seeded from the master seed.
"""

from __future__ import annotations

import copy
import math
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

from model.params import Params, bounds, field_info
from model.scenario import ScenarioError, read_toml, scenarios_dir, validate
from model.streams import derive_seed

MODES = ("set", "scale", "share")
FACTOR_KEYS = ("label", "unit", "plural", "mode", "paths", "balance", "range")
FUTURES_KEYS = ("name", "description")
MAX_FUTURES = 100_000


class FuturesError(ScenarioError):
    """A futures file could not be read or validated. One line naming the file and the key."""


@dataclass(frozen=True)
class Factor:
    name: str
    label: str
    unit: str
    mode: str
    paths: tuple[str, ...]
    low: float
    high: float
    integer: bool = False  # a set-mode factor on integer fields: sampled as integers
    plural: bool = False
    balance: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "plural": self.plural,
            "mode": self.mode,
            "paths": list(self.paths),
            "balance": list(self.balance),
            "range": [self.low, self.high],
        }


@dataclass(frozen=True)
class FuturesSpec:
    path: Path
    name: str
    description: str
    factors: tuple[Factor, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.factors]


def default_futures_file() -> Path:
    """The futures file used when none is given (``scenarios/futures/default.toml``)."""
    return scenarios_dir() / "futures" / "default.toml"


def _resolve(path: str) -> tuple[Any, dict[str, Any], bool]:
    """(FieldInfo, extra, each) of a dotted path; ``each``: the path is a field of every table
    of a list (``volunteer_groups.members``). KeyError if it names no field."""
    try:
        info, extra = field_info(path)
        return info, extra, False
    except KeyError:
        head, _, rest = path.partition(".")
        info = Params.model_fields.get(head)
        args = typing.get_args(info.annotation) if info is not None else ()
        if not (rest and "." not in rest and typing.get_origin(info.annotation) is list):
            raise
        element = args[0] if args else None
        if not (isinstance(element, type) and issubclass(element, BaseModel)):
            raise
        if rest not in element.model_fields:
            raise
        sub = element.model_fields[rest]
        return sub, dict(sub.json_schema_extra or {}), True


def _numeric(annotation: Any) -> type | None:
    """int or float for a number, or for a list or table of numbers; None otherwise."""
    if annotation in (int, float):
        return annotation
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (list, dict) and args and args[-1] in (int, float):
        return args[-1]
    return None


def _check_factor(path: Path, name: str, table: Any) -> Factor:
    where = f"{path}: factors.{name}"
    if not isinstance(table, dict):
        raise FuturesError(f"{where}: must be a table")
    for key in table:
        if key not in FACTOR_KEYS:
            raise FuturesError(f"{where}.{key}: unknown key (allowed: {', '.join(FACTOR_KEYS)})")
    mode = table.get("mode", "set")
    if mode not in MODES:
        raise FuturesError(f"{where}.mode: must be one of {', '.join(MODES)} (got {mode!r})")
    lists = {}
    for key in ("paths", "balance"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
            raise FuturesError(f"{where}.{key}: must be a list of dotted parameter paths")
        lists[key] = tuple(value)
    if not lists["paths"]:
        raise FuturesError(f"{where}.paths: needs at least one parameter path")
    if lists["balance"] and mode != "share":
        raise FuturesError(f"{where}.balance: only for mode = share")
    if mode == "share" and not lists["balance"]:
        raise FuturesError(f"{where}.balance: mode = share needs the paths that take the rest")
    rng = table.get("range")
    if (
        not isinstance(rng, list)
        or len(rng) != 2
        or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in rng)
        or not math.isfinite(rng[0]) or not math.isfinite(rng[1])
        or not rng[0] < rng[1]
    ):  # fmt: skip
        raise FuturesError(f"{where}.range: must be [low, high] numbers with low < high")
    low, high = float(rng[0]), float(rng[1])
    kinds = set()
    for p in (*lists["paths"], *lists["balance"]):
        try:
            info, _extra, each = _resolve(p)
        except KeyError:
            raise FuturesError(f"{where}.paths: {p}: unknown parameter path") from None
        kind = _numeric(info.annotation)
        scalar = info.annotation in (int, float)
        if kind is None or (mode == "share" and (not scalar or kind is not float or each)):
            raise FuturesError(f"{where}.paths: {p}: not a number this mode can move ({mode})")
        if mode == "set" and typing.get_origin(info.annotation) is dict:
            raise FuturesError(f"{where}.paths: {p}: a table of numbers can only be scaled")
        kinds.add(kind)
        lo, hi = bounds(info)
        if mode == "share":
            lo, hi = 0.0, 1.0
        if mode != "scale" and ((lo is not None and low < lo) or (hi is not None and high > hi)):
            raise FuturesError(
                f"{where}.range: [{rng[0]}, {rng[1]}] outside the allowed range of {p}: "
                f"{lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}"
            )
    if mode == "scale" and low < 0:
        raise FuturesError(f"{where}.range: a scale factor cannot be negative")
    integer = mode == "set" and kinds == {int}
    if integer and not (low.is_integer() and high.is_integer()):
        raise FuturesError(f"{where}.range: integer parameters need integer bounds")
    label = table.get("label", name)
    unit = table.get("unit", "")
    plural = table.get("plural", False)
    if not isinstance(label, str) or not isinstance(unit, str) or not isinstance(plural, bool):
        raise FuturesError(f"{where}: label and unit must be strings, plural true or false")
    return Factor(
        name, label.strip(), unit.strip(), mode, lists["paths"], low, high, integer, plural,
        lists["balance"],
    )  # fmt: skip


def load_futures(spec: str | Path | None, base: Params | None = None) -> FuturesSpec:
    """Read and validate a futures file (default: :func:`default_futures_file`). With ``base``
    (the scenario's parameters), each factor at either end of its range is validated too."""
    path = Path(spec) if spec is not None else default_futures_file()
    data = read_toml(path, "futures file")
    for key in data:
        if key not in ("futures", "factors"):
            raise FuturesError(f"{path}: {key}: unknown key (a futures file has [futures] and "
                               "[factors.<name>] tables)")  # fmt: skip
    head = data.get("futures", {})
    if not isinstance(head, dict):
        raise FuturesError(f"{path}: futures: must be a table")
    for key in head:
        if key not in FUTURES_KEYS:
            raise FuturesError(f"{path}: futures.{key}: unknown key (allowed: name, description)")
    table = data.get("factors")
    if not isinstance(table, dict) or not table:
        raise FuturesError(f"{path}: factors: needs at least one [factors.<name>] table")
    factors = tuple(_check_factor(path, name, sub) for name, sub in table.items())
    name, description = head.get("name", path.stem), head.get("description", "")
    if not isinstance(name, str) or not isinstance(description, str):
        raise FuturesError(f"{path}: futures: name and description must be strings")
    out = FuturesSpec(path, name, " ".join(description.split()), factors)
    if base is not None:
        check_ends(out, base)
    return out


def check_ends(spec: FuturesSpec, base: Params) -> None:
    """Every factor at the low and the high end of its range, the others as in the scenario,
    must be a valid scenario."""
    raw = base.model_dump(mode="json")
    for f in spec.factors:
        for end in (f.low, f.high):
            try:
                validate(apply_factor(raw, f, end), f"{spec.path}: factors.{f.name} at {end:g}")
            except ScenarioError as exc:
                raise FuturesError(str(exc)) from None


def _walk(data: dict[str, Any], path: str) -> tuple[list[dict[str, Any]], str]:
    """The containers holding ``path``'s last key (several for a field of every list entry)."""
    *parents, key = path.split(".")
    nodes: list[Any] = [data]
    for part in parents:
        nodes = [n[part] for n in nodes]
        nodes = [e for n in nodes for e in n] if nodes and isinstance(nodes[0], list) else nodes
    return nodes, key


def _number(value: float, kind: type, lo: float | None) -> float | int:
    if kind is int:
        return max(int(round(value)), int(lo) if lo is not None else -(10**9))
    return float(value)


def _move(factor: Factor, value: float, old: float, kind: type | None, lo: float | None):
    """A number moved by ``factor`` at ``value``: set to it, or scaled by it."""
    return _number(value if factor.mode == "set" else old * value, kind or float, lo)


def apply_factor(params: dict[str, Any], factor: Factor, value: float) -> dict[str, Any]:
    """``params`` (JSON form) with ``factor`` at ``value``; ``params`` itself is not changed."""
    out = copy.deepcopy(params)
    if factor.mode == "share":
        for group, total in ((factor.paths, value), (factor.balance, 1.0 - value)):
            cells = [_walk(out, p) for p in group]
            now = [float(nodes[0][key]) for nodes, key in cells]
            weights = [v / sum(now) for v in now] if sum(now) > 0 else [1 / len(now)] * len(now)
            for (nodes, key), w in zip(cells, weights, strict=True):
                nodes[0][key] = total * w
        return out
    for p in factor.paths:
        info, _extra, _each = _resolve(p)
        kind, (lo, _hi) = _numeric(info.annotation), bounds(info)
        nodes, key = _walk(out, p)
        for node in nodes:
            old = node[key]
            if isinstance(old, list):
                node[key] = [_move(factor, value, v, kind, lo) for v in old]
            elif isinstance(old, dict):
                node[key] = {k: _move(factor, value, v, kind, lo) for k, v in old.items()}
            else:
                node[key] = _move(factor, value, old, kind, lo)
    return out


def apply_future(params: dict[str, Any], spec: FuturesSpec, row: dict[str, float]) -> dict:
    """``params`` (JSON form) in the future ``row`` (factor name -> value)."""
    for f in spec.factors:
        params = apply_factor(params, f, row[f.name])
    return params


def sample_futures(spec: FuturesSpec, n: int, seed: int) -> pd.DataFrame:
    """``n`` futures on a Latin hypercube over the factors' ranges, one row each, reproducible
    from ``seed``. An integer factor takes the integer cell its draw falls in."""
    from scipy.stats import qmc

    if not 1 <= n <= MAX_FUTURES:
        raise FuturesError(f"--n-futures {n}: must be from 1 to {MAX_FUTURES}")
    rng = np.random.default_rng(derive_seed(seed, "futures", "lhs"))
    u = qmc.LatinHypercube(d=len(spec.factors), rng=rng).random(n)
    columns = {}
    for j, f in enumerate(spec.factors):
        if f.integer:
            cells = f.low + np.floor(u[:, j] * (f.high - f.low + 1))
            columns[f.name] = np.minimum(cells, f.high).astype(int)
        else:
            columns[f.name] = f.low + u[:, j] * (f.high - f.low)
    frame = pd.DataFrame(columns)
    frame.index.name = "future"
    return frame
