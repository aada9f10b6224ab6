"""Sweep files: an experiment declared as data, validated before anything runs.

::

    [sweep]
    scenario = "vaga"          # preset name or scenario file (relative to this file's folder)
    replications = 4
    seed = 11                  # master seed; each run's seed is derived from it
    design = "grid"            # grid | lhs | sobol
    # samples = 64             # lhs: points; sobol: base samples N (a power of two)
    # common_seeds = true      # every point uses the same replication seeds (default)

    [parameters]               # grid: value lists; lhs/sobol: [low, high]; a scalar: constant
    "levers.bridge_builders.count" = [0, 2]
    "levers.early_nav.entry_month" = [1, 20]

Designs:

* ``grid``: the full factorial over the value lists, in the order the parameters are written.
* ``lhs``: ``samples`` points of a Latin hypercube (``scipy.stats.qmc``).
* ``sobol``: Saltelli's scheme for first-order and total Sobol' indices (SALib,
  ``calc_second_order = false``): ``samples * (d + 2)`` points for ``d`` sampled parameters.

``scenario`` is a preset name, or a scenario file (a name ending in ``.toml`` or with a folder)
taken from the sweep file's own folder, as a scenario file's ``base`` is; never from the current
directory. A file missing there is an error naming the folder looked in, even when the current
directory holds one of that name.

Sampled values are drawn on [0, 1) and scaled to [low, high]. An integer parameter takes the
integer cell the draw falls in: ``low + floor(u * (high - low + 1))``, so each integer in
[low, high] is equally likely (rounding to nearest would halve the weight of the ends).

Seeds: with ``common_seeds`` (the default) replication ``r`` of every point runs on
``derive_seed(seed, "replication", r)``, the seed ``bygdesim compare`` and ``run`` use, so
points are compared on common random numbers. Otherwise run ``(point, r)`` runs on
``derive_seed(seed, "sweep-run", point, r)``. Either way a run's seed depends only on the master
seed and the run's identity, never on workers, backend or the order runs finish in.
"""

from __future__ import annotations

import enum
import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from analysis.experiments.runner import replication_seed
from model.params import Params, bounds, field_info
from model.scenario import (
    Scenario,
    ScenarioError,
    deep_merge,
    describe_error,
    load_scenario,
    looks_like_file,
    nested,
    preset_path,
    read_toml,
)
from model.streams import derive_seed

DESIGNS = ("grid", "lhs", "sobol")
SWEEP_KEYS = ("scenario", "replications", "seed", "design", "samples", "common_seeds", "name")
MAX_RUNS = 1_000_000


class SweepError(ScenarioError):
    """A sweep file could not be read or validated. The message is one line naming the file
    and the key."""


@dataclass(frozen=True)
class Run:
    run_id: int
    point_id: int
    replication: int
    seed: int


@dataclass
class Sweep:
    """A validated sweep: its design points (validated parameters) and runs."""

    path: Path
    text: bytes
    name: str
    scenario_spec: str
    scenario: Scenario
    replications: int
    seed: int
    design: str
    samples: int | None
    common_seeds: bool
    parameters: dict[str, Any]  # as written: value lists, [low, high] or constants
    kinds: dict[str, type]  # python type of each parameter's column
    sampled: list[str]  # the parameters varied by lhs/sobol
    points: list[dict[str, Any]]  # parameter values of each point, typed
    base: dict[str, Any]  # the scenario's validated parameters (JSON form)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text).hexdigest()

    @property
    def n_runs(self) -> int:
        return len(self.points) * self.replications

    def run(self, run_id: int) -> Run:
        point, r = divmod(run_id, self.replications)
        if self.common_seeds:
            seed = replication_seed(self.seed, r)
        else:
            seed = derive_seed(self.seed, "sweep-run", point, r)
        return Run(run_id, point, r, seed)

    def runs(self) -> list[Run]:
        return [self.run(i) for i in range(self.n_runs)]

    def point_params(self, point_id: int) -> dict[str, Any]:
        """The full parameters of a point (JSON form; validated when the sweep was loaded)."""
        return deep_merge(self.base, nested(self.points[point_id]))

    def design_hash(self) -> str:
        """Hash of what determines the results: the scenario's resolved parameters, every
        point, the seeds and the replications (not comments or formatting of the file)."""
        blob = json.dumps(
            {
                "format": 1,
                "base": self.base,
                "replications": self.replications,
                "seed": self.seed,
                "common_seeds": self.common_seeds,
                "parameters": list(self.parameters),
                "points": self.points,
            },
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(blob.encode()).hexdigest()


def _err(path: Path, key: str, msg: str) -> SweepError:
    return SweepError(f"{path}: {key}: {msg}")


def _int(value: Any, path: Path, key: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise _err(path, key, f"must be an integer from {lo} to {hi} (got {value!r})")
    return value


def _kind(annotation: Any) -> type | None:
    """The column type of a scalar parameter, None for lists, tables and the like."""
    if annotation in (bool, int, float, str):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return str
    return None


def _scalar(value: Any) -> bool:
    return isinstance(value, (bool, int, float, str))


def _check_parameters(path: Path, table: Any, design: str) -> tuple[dict, dict, list[str]]:
    if not isinstance(table, dict) or not table:
        raise _err(path, "parameters", "needs at least one parameter (dotted path = values)")
    kinds: dict[str, type] = {}
    sampled = []
    for key, spec in table.items():
        where = f"parameters: {key}"
        try:
            info, extra = field_info(key)
        except KeyError:
            raise _err(path, where, "unknown parameter path") from None
        kind = _kind(info.annotation)
        if kind is None:
            raise _err(path, where, "not a single-valued parameter; cannot be swept")
        kinds[key] = kind
        if _scalar(spec):
            continue  # a constant
        if not isinstance(spec, list) or not spec or not all(_scalar(v) for v in spec):
            raise _err(path, where, "must be a list of values, [low, high] or a constant")
        if design == "grid":
            if len(set(map(repr, spec))) != len(spec):
                raise _err(path, where, "grid values repeat")
            continue
        if kind not in (int, float):
            raise _err(path, where, f"{design} samples numbers only; use design = grid")
        if len(spec) != 2 or any(
            isinstance(v, bool) or not isinstance(v, (int, float)) for v in spec
        ):
            raise _err(path, where, f"{design} needs [low, high] (got {spec!r})")
        low, high = spec
        if kind is int and not (float(low).is_integer() and float(high).is_integer()):
            raise _err(path, where, f"integer parameter needs integer bounds (got {spec!r})")
        if not low < high:
            raise _err(path, where, f"needs low < high (got {spec!r})")
        lo, hi = bounds(info)
        if (lo is not None and low < lo) or (hi is not None and high > hi):
            unit = f" ({extra['unit']})" if extra.get("unit") else ""
            raise _err(
                path,
                where,
                f"[{low}, {high}] outside the allowed range "
                f"{lo if lo is not None else '-inf'} to {hi if hi is not None else 'inf'}{unit}",
            )
        sampled.append(key)
    if design != "grid" and not sampled:
        raise _err(path, "parameters", f"{design} needs at least one [low, high] parameter")
    return table, kinds, sampled


def _unit_samples(design: str, d: int, samples: int, seed: int) -> np.ndarray:
    """Design points on the unit cube, reproducible from the master seed."""
    if design == "lhs":
        from scipy.stats import qmc

        rng = np.random.default_rng(derive_seed(seed, "design", "lhs"))
        return qmc.LatinHypercube(d=d, rng=rng).random(samples)
    from SALib.sample import sobol as salib_sobol

    problem = {"num_vars": d, "names": [f"x{i}" for i in range(d)], "bounds": [[0, 1]] * d}
    return salib_sobol.sample(
        problem, samples, calc_second_order=False, seed=derive_seed(seed, "design", "sobol")
    )


def _scale(u: float, low: float, high: float, kind: type) -> Any:
    if kind is int:
        return int(min(high, low + math.floor(u * (high - low + 1))))
    return float(low + u * (high - low))


def _design_points(sw: dict[str, Any], table: dict, kinds: dict, sampled: list[str]) -> list:
    design = sw["design"]
    if design == "grid":
        axes = [spec if isinstance(spec, list) else [spec] for spec in table.values()]
        n = math.prod(len(a) for a in axes)
        if n * sw["replications"] > MAX_RUNS:
            raise SweepError(f"{sw['path']}: parameters: {n} grid points are too many")
        return [dict(zip(table, combo, strict=True)) for combo in itertools.product(*axes)]
    u = _unit_samples(design, len(sampled), sw["samples"], sw["seed"])
    points = []
    for row in u:
        point = {}
        for key, spec in table.items():
            if key in sampled:
                point[key] = _scale(float(row[sampled.index(key)]), *spec, kinds[key])
            else:
                point[key] = spec
        points.append(point)
    return points


def _value_at(params: Params, key: str) -> Any:
    node: Any = params
    for part in key.split("."):
        node = getattr(node, part)
    return node.value if isinstance(node, enum.Enum) else node


def scenario_file(spec: str, sweep_path: Path) -> Path:
    """The file a sweep's ``scenario = ...`` names: a preset, or a file taken from the sweep
    file's folder (an absolute path stays as it is).

    Raises:
        ScenarioError: no such preset, or no such file in the sweep file's folder.
    """
    local = sweep_path.parent / spec
    if not looks_like_file(spec):
        return preset_path(spec)  # a preset name stays a preset name
    if local.exists():
        return local
    message = f"{spec}: no such scenario file in {sweep_path.parent}"
    if not Path(spec).is_absolute() and Path(spec).exists():
        message += " (a file of that name in the current directory is not used)"
    raise ScenarioError(message)


def load_sweep(spec: str | Path) -> Sweep:
    """Read and validate a sweep file and every point of its design."""
    path = Path(spec)
    data = read_toml(path, "sweep file")  # a regular file within the size limit, or one line
    text = path.read_bytes()
    for key in data:
        if key not in ("sweep", "parameters"):
            raise _err(path, key, "unknown key (a sweep file has only [sweep] and [parameters])")
    sw = data.get("sweep")
    if not isinstance(sw, dict):
        raise _err(path, "sweep", "missing [sweep] table")
    for key in sw:
        if key not in SWEEP_KEYS:
            raise _err(path, f"sweep.{key}", f"unknown key (allowed: {', '.join(SWEEP_KEYS)})")
    if not isinstance(sw.get("scenario"), str):
        raise _err(path, "sweep.scenario", "required: a preset name or scenario file")
    design = sw.get("design", "grid")
    if design not in DESIGNS:
        raise _err(path, "sweep.design", f"must be one of {', '.join(DESIGNS)} (got {design!r})")
    settings = {
        "path": path,
        "design": design,
        "replications": _int(sw.get("replications", 1), path, "sweep.replications", 1, 100_000),
        "seed": _int(sw.get("seed", 1), path, "sweep.seed", 0, 2**63 - 1),
        "samples": None,
    }
    if design == "grid":
        if "samples" in sw:
            raise _err(path, "sweep.samples", "only for lhs and sobol designs")
    else:
        if "samples" not in sw:
            raise _err(path, "sweep.samples", f"required for design = {design}")
        n = _int(sw["samples"], path, "sweep.samples", 1, 100_000)
        if design == "sobol" and n & (n - 1):
            raise _err(path, "sweep.samples", f"must be a power of two for sobol (got {n})")
        settings["samples"] = n
    common = sw.get("common_seeds", True)
    if not isinstance(common, bool):
        raise _err(path, "sweep.common_seeds", "must be true or false")
    name = sw.get("name", path.stem)
    if not isinstance(name, str):
        raise _err(path, "sweep.name", "must be a string")

    scenario_spec = sw["scenario"]
    try:
        sc = load_scenario(scenario_file(scenario_spec, path))
    except ScenarioError as exc:
        raise _err(path, "sweep.scenario", str(exc)) from None

    table, kinds, sampled = _check_parameters(path, data.get("parameters"), design)
    points_raw = _design_points(settings, table, kinds, sampled)
    if len(points_raw) * settings["replications"] > MAX_RUNS:
        raise _err(path, "sweep", f"{len(points_raw)} points is more than {MAX_RUNS} runs")
    base = sc.params.model_dump(mode="json")
    points = []
    for raw in points_raw:
        try:
            params = Params.model_validate(deep_merge(base, nested(raw)))
        except ValidationError as exc:
            raise SweepError(describe_error(exc, f"{path}: parameters")) from None
        points.append({key: _value_at(params, key) for key in table})
    return Sweep(
        path=path,
        text=text,
        name=name,
        scenario_spec=scenario_spec,
        scenario=sc,
        replications=settings["replications"],
        seed=settings["seed"],
        design=design,
        samples=settings["samples"],
        common_seeds=common,
        parameters=dict(table),
        kinds=kinds,
        sampled=sampled,
        points=points,
        base=base,
    )
