"""Builders for constructed situations: a model with no planned arrivals, and households
settled by hand, so a mechanism test can set up exactly the state it needs."""

from __future__ import annotations

import itertools
import tomllib
from typing import Any

from model.agents.household import Household
from model.agents.refugee import Refugee
from model.enums import (
    Activity,
    Adaptation,
    Education,
    HouseholdType,
    Location,
    ProgrammeStatus,
    Sector,
    Sex,
)
from model.model import BygdeModel
from model.params import Params
from model.population import AdultPlan, HouseholdPlan
from model.scenario import scenarios_dir, with_overrides

_seq = itertools.count(10_000)


def lever_file_table(name: str) -> dict[str, Any]:
    """The ``[levers.<name>]`` table of a lever's file in ``scenarios/levers/``, as written."""
    with open(scenarios_dir() / "levers" / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)["levers"][name]


def small_params(**flat: Any) -> Params:
    """Default parameters on a small municipality, with dotted-path overrides."""
    base: dict[str, Any] = {
        "years": 5,
        "municipality.population": 1500,
        "labour.employers": 20,
    }
    base.update({k.replace("__", "."): v for k, v in flat.items()})
    return with_overrides(Params(), base, "test")


def empty_model(seed: int = 7, **flat: Any) -> BygdeModel:
    """A model whose arrival plan is empty and who has no refugees settled before the run:
    the test settles the people it needs."""
    flat.setdefault("arrivals.persons_per_year", [0])
    flat.setdefault("municipality.settled_per_year_before", [])
    return BygdeModel(small_params(**flat), rng=seed, collect=False)


def adult(
    sex: Sex = Sex.MAN,
    age: float = 30.0,
    education: Education = Education.SECONDARY,
    goal: Sector = Sector.RETAIL,
    health_burden: bool = False,
    licence: bool = False,
    adaptation: Adaptation = Adaptation.IMPATIENT,
    experience: Sector | None = None,
) -> dict[str, Any]:
    return dict(
        sex=sex,
        age=age,
        education=education,
        goal=goal,
        health_burden=health_burden,
        licence=licence,
        adaptation=adaptation,
        experience=experience,
    )


def settle(
    model: BygdeModel,
    htype: HouseholdType = HouseholdType.SINGLE_MAN,
    adults: list[dict[str, Any]] | None = None,
    children: tuple[float, ...] = (),
    hamlet: int = 0,
    carer: int | None = None,
) -> Household:
    """Settle one household in the model this month; with children, the carer at home with
    small ones is ``carer`` (index in ``adults``), by default the mother."""
    seq = next(_seq)
    if adults is None:
        if htype in (HouseholdType.COUPLE, HouseholdType.FAMILY):
            adults = [adult(Sex.MAN), adult(Sex.WOMAN)]
        elif htype in (HouseholdType.SINGLE_WOMAN, HouseholdType.SINGLE_PARENT):
            adults = [adult(Sex.WOMAN)]
        else:
            adults = [adult(Sex.MAN)]
    plans = [AdultPlan(pid=seq * 4 + k, start_delay=0, **a) for k, a in enumerate(adults)]
    plan = HouseholdPlan(
        seq=seq,
        cohort=0,
        arrival_month=model.month,
        htype=htype,
        location=Location.CENTRE if hamlet == 0 else Location.HAMLET,
        hamlet=hamlet,
        adults=plans,
        children=list(children),
    )
    if children:
        women = [k for k, a in enumerate(plans) if a.sex is Sex.WOMAN]
        plan.carer = carer if carer is not None else (women[0] if women else 0)
    return model.settle_household(plan)


def start_programme(person: Refugee, month: int = 1) -> None:
    person.status = ProgrammeStatus.ACTIVE
    person.programme_month = month
    person.set_activity(Activity.CLASS)


def complete_programme(person: Refugee) -> None:
    person.status = ProgrammeStatus.COMPLETED
    person.exit_month = person.model.month
    person.nav_known = True
    person.set_activity(person.default_activity())


def advance(model: BygdeModel, months: int) -> None:
    for _ in range(months):
        model.step()
