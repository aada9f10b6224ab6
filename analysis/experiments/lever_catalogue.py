"""The catalogue of levers: each lever's purpose, the settings of its lever file and what it
costs a year at that setting (``bygdesim levers``).

A lever's cost depends on how much it is used (positions filled, participants reached), so the
yearly cost is measured the way the model charges it: runs of a scenario with the lever file
applied, the lever's own line of the cost ledger per year, averaged over replications.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from analysis.experiments.lever_files import apply_arm, lever_file, load_lever
from analysis.experiments.runner import Progress, crossed, perform_experiments, replication_seeds
from model.levers import LEVERS
from model.model import BygdeModel
from model.params import Params
from model.scenario import Scenario


def lever_costs_per_year(task: tuple[dict[str, Any], int]) -> dict[str, float]:
    """One run to its horizon; each lever's cost in NOK a year. Module-level: pickles to any
    worker."""
    params, seed = task
    model = BygdeModel(Params.model_validate(params), rng=seed, collect=False)
    model.run()
    years = max(model.month, 1) / 12.0
    return {lever: nok / years for lever, nok in model.costs.total.items()}


@dataclass(frozen=True)
class LeverEntry:
    name: str
    purpose: str
    description: str
    file: str
    settings: dict[str, Any]
    ladder: dict[str, Any]
    yearly_cost_nok: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "purpose": self.purpose,
            "description": self.description,
            "file": self.file,
            "settings": self.settings,
            "ladder": self.ladder,
            "yearly_cost_nok": self.yearly_cost_nok,
        }


def lever_catalogue(
    scenario: Scenario,
    replications: int = 2,
    seed: int = 2026,
    workers: int | None = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[LeverEntry]:
    """Every lever of the registry with its lever file's settings and its yearly cost at that
    setting in ``scenario`` (its own ledger line, mean over ``replications`` runs, NOK)."""
    arms = {}
    loaded = {}
    for cls in LEVERS:
        arm = load_lever(cls.name)
        loaded[cls.name] = arm
        arms[cls.name] = apply_arm(scenario.params, arm)
    design = crossed(arms, replication_seeds(seed, replications))
    runs = perform_experiments(
        design, workers=workers, scheduler=scheduler, fn=lever_costs_per_year, progress=progress
    ).by_label()

    def cost(lever: str) -> float:
        values = [costs[lever] for costs in runs[lever]]
        return sum(values) / len(values)

    out = []
    for cls in LEVERS:
        arm = loaded[cls.name]
        ladder = {"setting": cls.ladder.setting, "rungs": list(cls.ladder.rungs)}
        out.append(
            LeverEntry(
                name=cls.name,
                purpose=cls.purpose,
                description=arm.description,
                file=str(lever_file(cls.name)),
                settings=dict(arm.overrides["levers"][cls.name]),
                ladder=ladder,
                yearly_cost_nok=cost(cls.name),
            )
        )
    return out
