"""Packages of levers: each lever of the registry at a rung of its ladder (``model/levers/``).

A package maps a lever's name to a rung index of its ladder. Each rung is the lever file's
"switched on" setting (``scenarios/levers/<lever>.toml``) with the ladder's setting at that rung
(and the ladder's fixed companions); the first rung is the lever file's setting itself, so
``frontier``, ``target`` and ``compare`` run the same lever. A lever the scenario already runs
at a rung's setting gains nothing from that rung: :func:`lever_options` leaves such rungs out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from analysis.experiments.lever_files import load_lever
from model.levers import REGISTRY
from model.params import Params
from model.scenario import deep_merge, nested, validate

Package = dict[str, int]  # lever -> rung index of its ladder


@cache
def _lever_file_settings(lever: str) -> dict[str, Any]:
    """The flat settings of a lever's file (``levers.<lever>.<field>`` -> value)."""
    table = load_lever(lever).overrides["levers"][lever]
    return {f"levers.{lever}.{key}": value for key, value in table.items()}


def rung_settings(lever: str, rung: int) -> dict[str, Any]:
    """The flat settings of ``lever`` at ``rung``: its lever file, with the ladder's setting at
    that rung (and the ladder's fixed companions)."""
    ladder = REGISTRY[lever].ladder
    flat = dict(_lever_file_settings(lever))
    flat[ladder.path(lever)] = ladder.rungs[rung]
    flat.update({f"levers.{lever}.{key}": value for key, value in ladder.also.items()})
    return flat


def rung_value(lever: str, rung: int) -> Any:
    """The ladder's setting of ``lever`` at ``rung`` (e.g. 20 mentors a year)."""
    return REGISTRY[lever].ladder.rungs[rung]


def package_overrides(package: Mapping[str, int]) -> dict[str, Any]:
    """The flat settings of a package (lever -> rung index)."""
    flat: dict[str, Any] = {}
    for lever, rung in package.items():
        flat.update(rung_settings(lever, rung))
    return flat


def package_params(base: Params, package: Mapping[str, int]) -> Params:
    """The scenario ``base`` with the package's settings."""
    data = deep_merge(base.model_dump(mode="json"), nested(package_overrides(package)))
    return validate(data, "package")


def package_levers(package: Mapping[str, int]) -> dict[str, Any]:
    """Each lever of a package with its ladder's setting, in registry order."""
    return {k: rung_value(k, package[k]) for k in REGISTRY if k in package}


def package_key(package: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """A hashable name of a package, the same whatever the order of its levers."""
    return tuple(sorted(package.items()))


def package_label(package: Mapping[str, int]) -> str:
    """``mentor_scheme=20, integration_leader=True``; ``no levers`` for the empty package."""
    return ", ".join(f"{k}={v}" for k, v in package_levers(package).items()) or "no levers"


def lever_options(base: Params, levers: Iterable[str]) -> dict[str, list[int]]:
    """The rungs of each lever that change the scenario ``base`` (a preset may already run a
    lever); levers with none are left out."""
    options = {}
    for lever in levers:
        rungs = [
            r
            for r in range(len(REGISTRY[lever].ladder.rungs))
            if package_params(base, {lever: r}) != base
        ]
        if rungs:
            options[lever] = rungs
    return options


def space_size(options: Mapping[str, list[int]]) -> int:
    """The number of packages (the empty one included): each lever off or at one of its rungs."""
    return math.prod(1 + len(rungs) for rungs in options.values())
