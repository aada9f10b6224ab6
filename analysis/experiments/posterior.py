"""The posterior sample of ``bygdesim calibrate --method abc``, on disk and back.

The folder (``calibration/posterior/`` beside the targets, or the one ``BYGDESIM_POSTERIOR``
names) holds ``posterior.parquet``, one row per particle of the last ABC-SMC generation:
``particle``, ``weight`` (summing to 1), ``distance``, ``best`` (the particle written into the
presets), one column per parameter (``moving.base_hazard``, ``sel:moving.regional_pull``...)
and one per target-case mean (``mean|case|outcome``); and ``manifest.json``, its provenance:
date, code version and package versions, seed and settings, priors, the epsilon schedule with
acceptance rates, and the number of model runs.

:func:`read_posterior` gives it back for the validation page and ``compare --posterior``;
:func:`draw` picks parameter sets from it by weight.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from analysis.experiments.abc_smc import AbcResult
from analysis.experiments.abc_statistics import stat_name
from analysis.experiments.stats import clean
from analysis.experiments.targets import targets_path
from analysis.provenance import atomic_write, atomic_write_json, environment
from model.streams import derive_seed

POSTERIOR_ENV = "BYGDESIM_POSTERIOR"
PARQUET = "posterior.parquet"
MANIFEST = "manifest.json"
MEAN = "mean|"


def posterior_dir() -> Path:
    """Where the posterior lives: ``BYGDESIM_POSTERIOR``, else calibration/posterior/."""
    env = os.environ.get(POSTERIOR_ENV)
    return Path(env) if env else targets_path().parent / "posterior"


def effective_sample_size(weights: np.ndarray | list[float]) -> float:
    w = np.asarray(weights, dtype=float)
    w = w / w.sum()
    return float(1.0 / np.sum(w**2))


@dataclass
class Posterior:
    """A posterior sample read back: parameter sets, their weights and the best one."""

    folder: Path
    names: list[str]
    particles: list[dict[str, float]]
    weights: np.ndarray
    distances: list[float]
    best: dict[str, float]
    manifest: dict[str, Any]

    @property
    def effective_sample_size(self) -> float:
        """Kish's effective sample size of the weights, 1 / sum(w^2): how many equally weighted
        particles the sample is worth (the particle count when all weigh the same)."""
        return effective_sample_size(self.weights)

    @property
    def priors(self) -> dict[str, tuple[float, float]]:
        return {k: (float(lo), float(hi)) for k, (lo, hi) in self.manifest["priors"].items()}


def _finite(v: float) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def write_posterior(result: AbcResult, folder: Path | None = None) -> tuple[Path, Path]:
    """Write ``posterior.parquet`` and ``manifest.json`` (each atomically); return their paths."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder or posterior_dir())
    folder.mkdir(parents=True, exist_ok=True)
    names = list(result.priors)
    stats = sorted({k for m in result.means for k in m})
    rows = []
    for i, point in enumerate(result.particles):
        row: dict[str, Any] = {
            "particle": i,
            "weight": result.weights[i],
            "distance": _finite(result.distances[i]),
            "best": i == result.best_index,
        }
        row |= {k: point[k] for k in names}
        row |= {MEAN + stat_name(*k): _finite(result.means[i].get(k, math.nan)) for k in stats}
        rows.append(row)
    schema = pa.schema(
        [("particle", pa.int64()), ("weight", pa.float64()), ("distance", pa.float64())]
        + [("best", pa.bool_())]
        + [(k, pa.float64()) for k in names]
        + [(MEAN + stat_name(*k), pa.float64()) for k in stats]
    )
    table = pa.Table.from_pylist(rows, schema=schema)
    parquet = folder / PARQUET
    atomic_write(parquet, lambda fh: pq.write_table(table, fh))
    best = result.best
    provenance = environment()
    provenance["packages"]["pyabc"] = metadata.version("pyabc")
    manifest = {
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "method": "ABC-SMC (pyabc): uniform priors, distance in half-bands, median epsilon",
        "provenance": provenance,
        "seed": result.settings.get("seed"),
        "settings": result.settings,
        "targets": str(targets_path().name),
        "priors": {k: list(v) for k, v in result.priors.items()},
        "parameters": names,
        "statistics": [stat_name(*k) for k in stats],
        "epsilon_schedule": [asdict(g) for g in result.generations],
        "runs": result.runs,
        "seconds": round(result.seconds, 1),
        "particles": len(result.particles),
        "effective_sample_size": round(effective_sample_size(result.weights), 2),
        "best": {
            "particle": result.best_index,
            "point": best.point,
            "distance": _finite(best.distance),
            "inside_every_band": best.inside,
            "replications": best.replications,
            "means": {stat_name(*k): _finite(v) for k, v in best.means.items()},
        },
    }
    atomic_write_json(folder / MANIFEST, clean(manifest))  # inf (generation 0's epsilon): null
    return parquet, folder / MANIFEST


def read_posterior(folder: Path | None = None) -> Posterior | None:
    """The posterior in ``folder`` (default :func:`posterior_dir`), or None when there is none.

    Raises:
        ValueError: the files are there but are not a posterior sample.
    """
    import json

    import pyarrow.parquet as pq

    folder = Path(folder or posterior_dir())
    if not (folder / PARQUET).is_file() or not (folder / MANIFEST).is_file():
        return None
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
        names = list(manifest["parameters"])
        manifest["priors"]  # noqa: B018 - required
        table = pq.read_table(folder / PARQUET).to_pydict()
        weights = np.asarray(table["weight"], dtype=float)
        particles = [{k: float(table[k][i]) for k in names} for i in range(len(table["weight"]))]
        best_rows = [i for i, b in enumerate(table["best"]) if b]
        distances = [math.nan if d is None else float(d) for d in table["distance"]]
    except (KeyError, ValueError, TypeError, OSError) as exc:
        raise ValueError(f"{folder}: not a posterior sample ({exc})") from None
    if not particles or not np.isclose(weights.sum(), 1.0) or (weights < 0).any():
        raise ValueError(f"{folder}: not a posterior sample (weights must sum to 1)")
    best = particles[best_rows[0] if best_rows else int(np.argmax(weights))]
    return Posterior(folder, names, particles, weights, distances, best, manifest)


def draw(posterior: Posterior, k: int, seed: int) -> list[dict[str, float]]:
    """``k`` parameter sets drawn from the posterior by weight (with replacement), seeded."""
    rng = np.random.default_rng(derive_seed(seed, "posterior-draws"))
    p = posterior.weights / posterior.weights.sum()
    idx = rng.choice(len(posterior.particles), size=k, replace=True, p=p)
    return [dict(posterior.particles[i]) for i in idx]
