"""``bygdesim target``: a question to the cost frontier.

``target`` runs :func:`analysis.experiments.frontier.run_frontier` with the same settings as
``frontier`` (so the same seed, replications, budget and levers give the same front) and answers
from its confirmed front: the cheapest package whose outcome reaches the goal with 95 %
confidence (the lower end of its 95 % interval at or above ``--at-least``), within
``--budget-nok`` if given. When none does, it says so plainly: which package on the front comes
closest and how far its lower bound (and its mean) fall short of the goal.

The front is sorted by cost with the outcome increasing, so the first package that reaches the
goal is the cheapest that does; the baseline (no extra levers, cost 0) is on the front unless a
package as cheap does better, so a goal the scenario already reaches costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from analysis.experiments.frontier import (
    BUDGET,
    CONFIRM,
    REPLICATIONS,
    SEED,
    Evaluation,
    FrontierResult,
    package_json,
    run_frontier,
)
from analysis.experiments.frontier import (
    describe as describe_frontier,
)
from analysis.experiments.runner import Progress
from model.scenario import Scenario

__all__ = [
    "Evaluation",
    "SeekResult",
    "answer",
    "describe",
    "seek",
]


@dataclass
class SeekResult:
    scenario: str
    outcome: str
    goal: float
    reached: bool
    baseline: Evaluation
    best: Evaluation
    frontier: FrontierResult
    shortfall: float = 0.0  # goal minus the best package's lower bound, when not reached
    reason: str = ""
    budget_nok: float | None = None
    runs: int = field(init=False)

    def __post_init__(self) -> None:
        self.runs = self.frontier.runs


def answer(front: FrontierResult, at_least: float, budget_nok: float | None = None) -> SeekResult:
    """The cheapest package on the confirmed front whose lower 95 % bound reaches ``at_least``
    (costing at most ``budget_nok`` a year more than the baseline), or the closest one and how
    far it falls short."""
    affordable = [
        e for e in front.front if budget_nok is None or e.extra_cost_per_year <= budget_nok
    ] or [front.baseline]
    reaching = [e for e in affordable if e.low >= at_least]
    if reaching:
        best = reaching[0]
        return SeekResult(
            front.scenario, front.outcome, at_least, True, front.baseline, best, front,
            budget_nok=budget_nok,
        )  # fmt: skip
    best = max(affordable, key=lambda e: (e.low, e.mean))
    short = at_least - best.low
    within = f" within {budget_nok:,.0f} NOK a year" if budget_nok is not None else ""
    reason = (
        f"no package on the front{within} reaches {front.outcome} >= {at_least:g} with 95 % "
        f"confidence: the closest lower bound is {best.low:.3f} (mean {best.mean:.3f}), "
        f"{short:.3f} short of the goal"
    )
    return SeekResult(
        front.scenario, front.outcome, at_least, False, front.baseline, best, front, short,
        reason, budget_nok,
    )  # fmt: skip


def seek(
    sc: Scenario,
    outcome: str = "retention_5y",
    at_least: float = 0.6,
    budget_nok: float | None = None,
    replications: int = REPLICATIONS,
    confirm: int = CONFIRM,
    seed: int = SEED,
    workers: int | None = None,
    scheduler: str | None = None,
    budget: int = BUDGET,
    levers: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> SeekResult:
    """Find the cost frontier of ``outcome`` and answer the goal from it."""
    front = run_frontier(
        sc, outcome, levers, budget, replications, confirm, seed, workers, scheduler, progress
    )
    return answer(front, at_least, budget_nok)


def describe(result: SeekResult) -> dict[str, Any]:
    """The JSON object of ``bygdesim target --json``."""

    def ev(e: Evaluation) -> dict[str, Any]:
        out = package_json(e)
        return {
            "package": out["levers"],
            "settings": out["settings"],
            "mean": e.mean,
            "ci95": [e.low, e.high],
            "extra_cost_nok_per_year": e.extra_cost_per_year,
            "effect": out["effect"],
        }

    frontier = describe_frontier(result.frontier)
    return {
        "scenario": result.scenario,
        "outcome": result.outcome,
        "at_least": result.goal,
        "budget_nok": result.budget_nok,
        "reached": result.reached,
        "baseline": ev(result.baseline),
        "package": ev(result.best),
        "shortfall": result.shortfall,
        "reason": result.reason,
        "runs": result.runs,
        "frontier": frontier,
    }
