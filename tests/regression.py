"""The saved baseline: outcomes of the presets (and of each lever on Sel) for fixed seeds.

Like covasim's regression baseline, ``tests/data/baseline.json`` holds what today's code gives
for a fixed set of runs; ``tests/test_baseline.py`` checks that the code still gives exactly that
(bit for bit). When behaviour changes on purpose, regenerate it with one command and say why in
the commit::

    .venv/bin/python -m tests.regression --update

The runs use only ``model/`` (presets, lever files read as plain TOML, the model itself), so
restructuring ``analysis/`` cannot move them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

from model.levers import LEVER_NAMES
from model.model import BygdeModel
from model.scenario import deep_merge, load_scenario, validate
from model.streams import derive_seed
from tests.builders import lever_file_table

ROOT = Path(__file__).resolve().parent.parent
BASELINE = Path(__file__).resolve().parent / "data" / "baseline.json"
MASTER_SEED = 2026
PRESETS = ("sel", "vaga", "nordre_land")
PRESET_REPLICATIONS = 2
LEVER_PRESET = "sel"


def _people_digest(model: BygdeModel) -> str:
    """A fingerprint of every person's end state (exact floats)."""
    rows = [
        (
            p.pid,
            p.moved_month,
            p.activity.name,
            p.status.name,
            repr(p.norwegian),
            p.local_ties,
            p.co_ethnic_ties,
            repr(p.loneliness),
            repr(p.ip_quality),
            p.placements,
            [(e.month, e.text) for e in p.history.events],
        )
        for p in model.people
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _clean(value: float) -> float | str:
    return "nan" if isinstance(value, float) and math.isnan(value) else value


def one_run(preset: str, overrides: dict[str, Any], seed: int) -> dict[str, Any]:
    scen = load_scenario(preset)
    params = scen.params
    if overrides:
        params = validate(deep_merge(params.model_dump(mode="json"), overrides), preset)
    model = BygdeModel(params, rng=seed, collect=False)
    outcomes = model.run()
    return {
        "outcomes": {k: _clean(v) for k, v in outcomes.items()},
        "costs": {k: v for k, v in model.costs.total.items() if v},
        "people": _people_digest(model),
    }


def runs() -> dict[str, tuple[str, dict[str, Any], int]]:
    """Every run of the baseline: name -> (preset, overrides, seed)."""
    out: dict[str, tuple[str, dict[str, Any], int]] = {}
    for preset in PRESETS:
        for r in range(PRESET_REPLICATIONS):
            out[f"{preset}/rep{r}"] = (preset, {}, derive_seed(MASTER_SEED, "replication", r))
    seed = derive_seed(MASTER_SEED, "replication", 0)
    tables = {lever: lever_file_table(lever) for lever in LEVER_NAMES}
    for lever, table in tables.items():
        out[f"{LEVER_PRESET}+{lever}"] = (LEVER_PRESET, {"levers": {lever: table}}, seed)
    everything: dict[str, Any] = {"levers": tables}
    for preset in PRESETS:
        out[f"{preset}+all_levers"] = (preset, everything, seed)
    return out


def compute(names: list[str] | None = None) -> dict[str, Any]:
    plan = runs()
    return {name: one_run(*plan[name]) for name in (names or list(plan))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="rewrite tests/data/baseline.json")
    args = ap.parse_args(argv)
    result = compute()
    if args.update:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(f"wrote {BASELINE.relative_to(ROOT)} ({len(result)} runs)")
        return 0
    saved = json.loads(BASELINE.read_text())
    diff = [k for k in result if saved.get(k) != result[k]]
    print("baseline unchanged" if not diff else f"changed: {', '.join(diff)}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
