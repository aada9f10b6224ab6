"""Published calibration targets (calibration/targets.toml), read and checked."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from model.outcomes import outcome_keys

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
                )
            )
    return out
