"""What every policy lever is: one object with its schema section, state, stages and costs.

In the spirit of covasim's interventions: a lever is built with the model, acts at fixed
points of the month (:class:`~model.enums.Stage`), keeps its own state and reports its own
running cost; one-off costs are charged to the ledger when spent. Its class also carries what
the tools around the model need: its purpose in plain words, its ladder of settings for
goal-seeking (the first rung is its lever file's setting) and its ranges for sensitivity
analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from model.enums import Stage
from model.fields import Section

if TYPE_CHECKING:
    from model.agents.household import Household
    from model.model import BygdeModel


@dataclass(frozen=True)
class Ladder:
    """Rungs of a lever for goal-seeking: its lever file's settings with ``setting`` (a field
    of the lever's section) at each of ``rungs`` in turn. The first rung is the lever file's
    own value."""

    setting: str
    rungs: tuple[Any, ...]
    also: Mapping[str, Any] = field(default_factory=dict)  # fixed companions of every rung

    def path(self, lever: str) -> str:
        return f"levers.{lever}.{self.setting}"


class Lever:
    """Base class of the fifteen levers. Subclasses set the class attributes and override the
    stage methods named in ``acts_in``."""

    name: ClassVar[str]
    settings: ClassVar[type[Section]]
    purpose: ClassVar[str]
    ladder: ClassVar[Ladder]
    sensitivity: ClassVar[Mapping[str, tuple[float, float]]] = {}
    acts_in: ClassVar[Mapping[Stage, str]] = {}

    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        self.s = getattr(model.p.levers, self.name)

    def welcome(self, household: Household) -> None:
        """A household has just settled (stage 1). Most levers do nothing here."""

    def monthly_cost(self) -> float:
        """Running cost of this month in NOK."""
        return 0.0

    def spend(self, nok: float) -> None:
        """Charge a one-off cost to the ledger."""
        self.model.costs.one_off(self.name, nok)


class LeverSet:
    """The model's levers, by name (``model.levers.municipal_jobs``) and in registry order."""

    def __init__(self, model: BygdeModel, classes: tuple[type[Lever], ...]) -> None:
        self._levers = {cls.name: cls(model) for cls in classes}
        # per stage, the levers that act in it and their method's name (in registry order)
        self._acting: dict[Stage, list[tuple[Lever, str]]] = {}
        for lever in self._levers.values():
            for stage, method in lever.acts_in.items():
                self._acting.setdefault(stage, []).append((lever, method))

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["_levers"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __iter__(self):
        return iter(self._levers.values())

    def act(self, stage: Stage) -> None:
        """Let every lever that acts in ``stage`` act, in registry order."""
        for lever, method in self._acting.get(stage, ()):
            getattr(lever, method)()

    def welcome(self, household: Household) -> None:
        for lever in self._levers.values():
            lever.welcome(household)

    def monthly_costs(self) -> dict[str, float]:
        return {name: lever.monthly_cost() for name, lever in self._levers.items()}
