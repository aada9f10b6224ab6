"""Published calibration targets (calibration/targets.toml), read and checked."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.outcomes import outcome_keys
from model.params import Params
from model.scenario import with_overrides

PRESETS = ("sel", "vaga", "nordre_land")


def targets_path() -> Path:
    return Path(__file__).resolve().parents[2] / "calibration" / "targets.toml"


@dataclass(frozen=True)
class Target:
    """One numeric target for one preset."""

    id: str
    preset: str
    outcome: str
    value: float
    low: float
    high: float
    source: str
    # settings under which the published figure was observed (e.g. before a project's
    # measures), applied on top of the preset: (dotted path, value) pairs
    conditions: tuple[tuple[str, Any], ...] = ()

    @property
    def case(self) -> str:
        """What is run for this target: the preset, or the preset under the target's
        conditions (named ``preset:target-id``)."""
        return f"{self.preset}:{self.id}" if self.conditions else self.preset

    def params(self, preset_params: Params) -> Params:
        """The preset's parameters under this target's conditions."""
        if not self.conditions:
            return preset_params
        return with_overrides(preset_params, dict(self.conditions), f"target {self.id}")

    @property
    def half_band(self) -> float:
        return max((self.high - self.low) / 2.0, 1e-6)

    def passes(self, model_value: float) -> bool:
        return self.low <= model_value <= self.high


def load_targets(path: Path | None = None) -> list[Target]:
    """Numeric targets, expanded to one per preset. Text-only entries (rules, arrival mix) are
    checked elsewhere and skipped here."""
    with open(path or targets_path(), "rb") as fh:
        data = tomllib.load(fh)
    out: list[Target] = []
    for t in data.get("target", []):
        if not isinstance(t.get("value"), (int, float)) or t["outcome"] not in outcome_keys():
            continue
        presets = t["preset"]
        if presets == "all":
            presets = list(PRESETS)
        elif isinstance(presets, str):
            presets = [presets]
        for p in presets:
            out.append(
                Target(
                    t["id"],
                    p,
                    t["outcome"],
                    float(t["value"]),
                    float(t["low"]),
                    float(t["high"]),
                    t.get("source", ""),
                    tuple(sorted(t.get("conditions", {}).items())),
                )
            )
    return out


def cases(targets: list[Target], presets: list[str]) -> dict[str, Target | None]:
    """Every case to run: each preset as it is (None), and each conditioned target's case."""
    out: dict[str, Target | None] = {p: None for p in presets}
    for t in targets:
        if t.conditions and t.preset in presets:
            out[t.case] = t
    return out


def case_params(target: Target | None, preset_params: Params) -> Params:
    """The parameters of a case of :func:`cases`: the preset's, under the target's conditions."""
    return target.params(preset_params) if target is not None else preset_params


def case_preset(case: str, target: Target | None) -> str:
    """The preset a case of :func:`cases` runs."""
    return target.preset if target is not None else case
