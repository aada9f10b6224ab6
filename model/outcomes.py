"""The outcome keys every run reports (MODEL.md, "Outcomes every run reports").

All are computed from the people's records at the end of a run. Shares are of adults (18-55 at
arrival). A share with nobody to measure (for example ``retention_7y`` in a 5-year run) is NaN.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from model.enums import PAID_WORK, HouseholdType, Sex

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel

GROUPS = tuple(h.value for h in HouseholdType)
# outcome definitions (MODEL.md), not behaviour: what is measured, not how people act
RETENTION_YEARS = (1, 2, 5, 7)  # literal: outcome definition (retention_{k}y)
GROUP_RETENTION_YEARS = 5  # literal: outcome definition (retention_5y by household group)
YEARS = tuple(range(1, 11))  # literal: outcome definition (years 1-10 of the yearly curves)
LONELY_THRESHOLD = 0.5  # literal: outcome definition (lonely_share), not used by any rule


class GroupTally:
    """Person-months of local ties and loneliness by household group (stage 10)."""

    def __init__(self) -> None:
        self.months: dict[str, int] = defaultdict(int)
        self.ties: dict[str, float] = defaultdict(float)
        self.lonely: dict[str, int] = defaultdict(int)

    def observe(self, model: BygdeModel) -> None:
        for p in model.present_people:
            g = p.household.htype.value
            self.months[g] += 1
            self.ties[g] += p.local_ties
            self.lonely[g] += p.loneliness >= LONELY_THRESHOLD


def _share(hits: int, n: int) -> float:
    return hits / n if n else math.nan


def retained(p: Refugee, k: int) -> bool:
    return p.moved_month is None or p.moved_month >= p.arrival_month + 12 * k


EXTRA_KEYS = (
    *(f"retention_year_{k}" for k in YEARS),
    "adults_arrived",
    "adults_present_at_end",
    "lever_cost_total_nok",
)


def all_outcome_keys() -> list[str]:
    """MODEL.md's outcome keys followed by the extra keys every run also computes."""
    return outcome_keys() + list(EXTRA_KEYS)


def outcome_keys() -> list[str]:
    """Every outcome key of MODEL.md, in report order."""
    keys = [f"retention_{k}y" for k in RETENTION_YEARS]
    keys += [f"retention_{GROUP_RETENTION_YEARS}y.{g}" for g in GROUPS]
    keys += [
        "work_or_education_1y_after_programme",
        "work_or_education_1y_after_programme.men",
        "work_or_education_1y_after_programme.women",
    ]
    for k in YEARS:
        keys += [
            f"employment_rate_year_{k}",
            f"employment_rate_year_{k}.men",
            f"employment_rate_year_{k}.women",
        ]
    keys += [f"moved_share_year_{k}" for k in YEARS]
    keys += ["movers_ever_employed_here_share"]
    keys += [f"local_ties_mean.{g}" for g in GROUPS]
    keys += [f"lonely_share.{g}" for g in GROUPS]
    keys += ["lever_cost_nok_per_year", "cost_per_retained_adult_nok"]
    return keys


# keys that are shares in [0, 1]
SHARE_PREFIXES = (
    "retention_",
    "work_or_education",
    "employment_rate",
    "moved_share",
    "movers_ever",
    "lonely_share",
)


def is_share(key: str) -> bool:
    return key.startswith(SHARE_PREFIXES)


def compute_outcomes(model: BygdeModel) -> dict[str, float]:
    """Outcomes of a finished (or partly run) model. ``cost_per_retained_adult_nok`` needs a
    paired baseline and is filled in by the comparison layer; here it is NaN."""
    T = model.month
    people = model.people
    out: dict[str, float] = {}
    for k in RETENTION_YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        out[f"retention_{k}y"] = _share(sum(retained(p, k) for p in seen), len(seen))
    k = GROUP_RETENTION_YEARS
    seen_k = [p for p in people if p.arrival_month + 12 * k <= T]
    for htype in HouseholdType:
        grp = [p for p in seen_k if p.household.htype is htype]
        out[f"retention_{k}y.{htype}"] = _share(sum(retained(p, k) for p in grp), len(grp))
    after = [p for p in people if p.after_programme_1y is not None]
    key = "work_or_education_1y_after_programme"
    out[key] = _share(sum(p.after_programme_1y for p in after), len(after))
    for sex, label in ((Sex.MAN, "men"), (Sex.WOMAN, "women")):
        grp = [p for p in after if p.sex is sex]
        out[f"{key}.{label}"] = _share(sum(p.after_programme_1y for p in grp), len(grp))
    for k in YEARS:
        seen = [p for p in people if k in p.year_activity]
        out[f"employment_rate_year_{k}"] = _share(
            sum(p.year_activity[k] in PAID_WORK for p in seen), len(seen)
        )
        for sex, label in ((Sex.MAN, "men"), (Sex.WOMAN, "women")):
            grp = [p for p in seen if p.sex is sex]
            out[f"employment_rate_year_{k}.{label}"] = _share(
                sum(p.year_activity[k] in PAID_WORK for p in grp), len(grp)
            )
    for k in YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        moved = [
            p
            for p in seen
            if p.moved_month is not None
            and p.arrival_month + 12 * (k - 1) <= p.moved_month < p.arrival_month + 12 * k
        ]
        out[f"moved_share_year_{k}"] = _share(len(moved), len(seen))
    movers = [p for p in people if p.moved_month is not None]
    out["movers_ever_employed_here_share"] = _share(
        sum(p.ever_employed for p in movers), len(movers)
    )
    tally = model.tally
    for g in GROUPS:
        n = tally.months.get(g, 0)
        out[f"local_ties_mean.{g}"] = tally.ties[g] / n if n else math.nan
        out[f"lonely_share.{g}"] = _share(tally.lonely[g], n)
    years = max(T, 1) / 12.0
    out["lever_cost_nok_per_year"] = model.costs.grand_total / years
    out["cost_per_retained_adult_nok"] = math.nan
    # extra keys beyond MODEL.md: the full retention curve, and raw counts for paired costs
    for k in YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        out[f"retention_year_{k}"] = _share(sum(retained(p, k) for p in seen), len(seen))
    out["adults_arrived"] = float(len(people))
    out["adults_present_at_end"] = float(sum(p.moved_month is None for p in people))
    out["lever_cost_total_nok"] = model.costs.grand_total
    return out
