"""The search stage of ``bygdesim frontier``: which packages of levers to evaluate.

Small spaces are enumerated: every package is evaluated, so the front found is the true front of
the search replications. Larger spaces (fifteen levers with two to five settings each make
millions of packages) are searched with NSGA-II (``optuna.samplers.NSGAIISampler``), a genetic
algorithm for several objectives at once: each generation keeps the packages on the best fronts
(non-dominated sorting, crowding distance for spread along the front) and breeds the next from
them. Its first generation starts from cheap anchors (no levers, then each lever alone at its
first setting), so the low-cost end of the front is covered from the start. A generation is
evaluated as one batch of runs, so the runs spread over every worker; a package the sampler
proposes again is answered from the runs already made and does not count against the budget.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Mapping

from analysis.experiments.lever_packages import Package, package_key

# evaluate(packages) -> (extra cost a year, outcome score) of each, higher score better
Evaluate = Callable[[list[Package]], list[tuple[float, float]]]
OFF = -1  # a lever left as the scenario has it
# the defaults of frontier and target (here, where the command line can read them cheaply)
REPLICATIONS, CONFIRM, BUDGET, SEED = 8, 20, 60, 2026
MAX_POPULATION = 50
TRIALS_PER_PACKAGE = 20  # stop asking when the sampler keeps proposing packages already seen


def choose_method(space: int, budget: int) -> str:
    """``exhaustive`` when every package besides the baseline fits in the budget, else
    ``nsga2``."""
    return "exhaustive" if space - 1 <= budget else "nsga2"


def population_size(budget: int) -> int:
    """NSGA-II's generation: about five generations in the budget, 8 to 50 packages each."""
    return max(2, min(MAX_POPULATION, budget, max(8, budget // 5)))


def all_packages(options: Mapping[str, list[int]]) -> list[Package]:
    """Every package, the empty one first, in a fixed order."""
    names = list(options)
    choices = [[OFF, *options[name]] for name in names]
    return [
        {name: r for name, r in zip(names, combo, strict=True) if r != OFF}
        for combo in itertools.product(*choices)
    ]


def anchors(options: Mapping[str, list[int]]) -> list[Package]:
    """The cheap end of the space: no levers, then each lever alone at its first setting."""
    return [{}, *({name: rungs[0]} for name, rungs in options.items())]


def nsga2(
    options: Mapping[str, list[int]],
    budget: int,
    seed: int,
    evaluate: Evaluate,
    known: Mapping[tuple, tuple[Package, float, float]] | None = None,
) -> list[tuple[Package, float, float]]:
    """Evaluate up to ``budget`` distinct packages chosen by NSGA-II (minimise the extra cost,
    maximise the outcome score), besides those ``known`` already (the baseline); return each
    package evaluated here with its cost and score."""
    import optuna
    from optuna.trial import TrialState

    optuna.logging.set_verbosity(logging.WARNING)
    population = population_size(budget)
    sampler = optuna.samplers.NSGAIISampler(population_size=population, seed=seed)
    study = optuna.create_study(directions=["minimize", "maximize"], sampler=sampler)
    names = list(options)
    for package in anchors(options)[:population]:
        study.enqueue_trial({name: package.get(name, OFF) for name in names})
    seen: dict[tuple, tuple[Package, float, float]] = dict(known or {})
    done: list[tuple[Package, float, float]] = []
    asked = 0
    while len(done) < budget and asked < TRIALS_PER_PACKAGE * budget:
        trials = [study.ask() for _ in range(population)]
        asked += population
        packages = []
        for trial in trials:
            picks = {name: trial.suggest_categorical(name, [OFF, *options[name]]) for name in names}
            packages.append({name: r for name, r in picks.items() if r != OFF})
        new: dict[tuple, Package] = {}
        for package in packages:
            key = package_key(package)
            if key not in seen and key not in new and len(done) + len(new) < budget:
                new[key] = package
        for (key, package), (cost, score) in zip(
            new.items(), evaluate(list(new.values())), strict=True
        ):
            seen[key] = (package, cost, score)
            done.append(seen[key])
        for trial, package in zip(trials, packages, strict=True):
            found = seen.get(package_key(package))
            if found is None or not (math.isfinite(found[1]) and math.isfinite(found[2])):
                study.tell(trial, state=TrialState.FAIL)  # past the budget, or not measured
            else:
                study.tell(trial, [found[1], found[2]])
    return done
