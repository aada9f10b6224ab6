"""The outcome keys every run reports (MODEL.md, "Outcomes every run reports").

All are computed from the people's records at the end of a run. Shares are of adults (18-55 at
arrival). A share with nobody to measure (for example ``retention_7y`` in a 5-year run) is NaN.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from model.enums import PAID_WORK, HireChannel, HouseholdState, HouseholdType, MoveReason, Sex
from model.formulas import CEFR, cefr

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
        months, ties, lonely = self.months, self.ties, self.lonely
        for p in model.present_people:
            g = p.household.htype.value
            months[g] += 1
            ties[g] += p.local_ties
            lonely[g] += p.loneliness >= LONELY_THRESHOLD


def _share(hits: int, n: int) -> float:
    return hits / n if n else math.nan


def retained(p: Refugee, k: int) -> bool:
    return p.moved_month is None or p.moved_month >= p.arrival_month + 12 * k


EXTRA_KEYS = (
    *(f"retention_year_{k}" for k in YEARS),
    "adults_arrived",
    "adults_present_at_end",
    "adults_observed_5y",
    "adults_retained_5y",
    "lever_cost_total_nok",
)
# the people (or households, or hires) behind each key, as ``n.<key>``
N_PREFIX = "n."


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
    keys += pathway_keys()
    return keys


def pathway_keys() -> list[str]:
    """Keys that show how people got where they are: who works and still lives here, move rates
    by what the household lives on, hires by channel, moves by reason, Norwegian at programme
    end."""
    keys = [f"employed_here_share_year_{k}" for k in YEARS]
    keys += [f"employed_anywhere_share_year_{k}" for k in YEARS]
    keys += [f"monthly_move_rate.{s}" for s in HouseholdState]
    keys += [f"hires_by_channel.{c}" for c in HireChannel]
    keys += [f"moves_by_reason.{r}" for r in MoveReason]
    keys += [f"language_at_programme_end.{level}" for level in CEFR]
    keys += ["language_b1_or_above_at_programme_end"]
    keys += [
        "plan_quality_at_programme_end",
        "idle_months_after_programme",
        "municipal_job_months_in_programme_share",
        "bridge_builder_months_own_share",
    ]
    return keys


# keys that are shares in [0, 1]
SHARE_PREFIXES = (
    "retention_",
    "work_or_education",
    "employment_rate",
    "moved_share",
    "movers_ever",
    "lonely_share",
    "employed_here",
    "employed_anywhere",
    "monthly_move_rate",
    "language_at_programme_end",
    "language_b1_or_above",
    "plan_quality",
    "municipal_job_months",
    "bridge_builder_months",
    "moves_by_reason",
)


def is_share(key: str) -> bool:
    return key.startswith(SHARE_PREFIXES)


# outcomes a municipality wants low: moving away, loneliness, idleness after the programme
LOWER_IS_BETTER_PREFIXES = (
    "moved_share",
    "lonely_share",
    "monthly_move_rate",
    "idle_months",
    "moves_by_reason",
)


def lower_is_better(key: str) -> bool:
    """True for an outcome that is better low: costs, moving away, loneliness, idle months."""
    return "_nok" in key or key.startswith(LOWER_IS_BETTER_PREFIXES)


def compute_outcomes(model: BygdeModel) -> dict[str, float]:
    """Outcomes of a finished (or partly run) model, each with ``n.<key>``: the people (for move
    rates the household-months) it rests on. ``cost_per_retained_adult_nok``
    needs a paired baseline and is filled in by the comparison layer; here it is NaN."""
    T = model.month
    people = model.people
    out: dict[str, float] = {}
    n: dict[str, int] = {}

    def share(key: str, hits: int, of: int) -> None:
        out[key] = _share(hits, of)
        n[key] = of

    for k in RETENTION_YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        share(f"retention_{k}y", sum(retained(p, k) for p in seen), len(seen))
    k = GROUP_RETENTION_YEARS
    seen_k = [p for p in people if p.arrival_month + 12 * k <= T]
    for htype in HouseholdType:
        grp = [p for p in seen_k if p.household.htype is htype]
        share(f"retention_{k}y.{htype}", sum(retained(p, k) for p in grp), len(grp))
    # everyone who completed a year or more before the end, movers included (SSB counts them
    # wherever in Norway they live): a mover counts as in work or education only when the
    # household moved for a job or an education elsewhere
    status = {p.pid: a for p in people if (a := status_1y_after_programme(p, T)) is not None}
    after = [p for p in people if p.pid in status]
    key = "work_or_education_1y_after_programme"
    share(key, sum(status[p.pid] for p in after), len(after))
    for sex, label in ((Sex.MAN, "men"), (Sex.WOMAN, "women")):
        grp = [p for p in after if p.sex is sex]
        share(f"{key}.{label}", sum(status[p.pid] for p in grp), len(grp))
    for k in YEARS:
        seen = [p for p in people if k in p.year_activity]
        share(
            f"employment_rate_year_{k}",
            sum(p.year_activity[k] in PAID_WORK for p in seen),
            len(seen),
        )
        for sex, label in ((Sex.MAN, "men"), (Sex.WOMAN, "women")):
            grp = [p for p in seen if p.sex is sex]
            share(
                f"employment_rate_year_{k}.{label}",
                sum(p.year_activity[k] in PAID_WORK for p in grp),
                len(grp),
            )
    for k in YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        moved = [
            p
            for p in seen
            if p.moved_month is not None
            and p.arrival_month + 12 * (k - 1) <= p.moved_month < p.arrival_month + 12 * k
        ]
        share(f"moved_share_year_{k}", len(moved), len(seen))
    movers = [p for p in people if p.moved_month is not None]
    share("movers_ever_employed_here_share", sum(p.ever_employed for p in movers), len(movers))
    tally = model.tally
    for g in GROUPS:
        months = tally.months.get(g, 0)
        out[f"local_ties_mean.{g}"] = tally.ties[g] / months if months else math.nan
        n[f"local_ties_mean.{g}"] = months
        share(f"lonely_share.{g}", tally.lonely[g], months)
    years = max(T, 1) / 12.0
    out["lever_cost_nok_per_year"] = model.costs.grand_total / years
    out["cost_per_retained_adult_nok"] = math.nan
    n["lever_cost_nok_per_year"] = n["cost_per_retained_adult_nok"] = len(people)
    _pathways(model, share, out, n)
    # extra keys beyond MODEL.md: the full retention curve, and raw counts for paired costs
    for k in YEARS:
        seen = [p for p in people if p.arrival_month + 12 * k <= T]
        share(f"retention_year_{k}", sum(retained(p, k) for p in seen), len(seen))
    out["adults_arrived"] = float(len(people))
    out["adults_present_at_end"] = float(sum(p.moved_month is None for p in people))
    k = GROUP_RETENTION_YEARS
    out["adults_observed_5y"] = float(len(seen_k))
    out["adults_retained_5y"] = float(sum(retained(p, k) for p in seen_k))
    out["lever_cost_total_nok"] = model.costs.grand_total
    for key in ("adults_arrived", "adults_present_at_end", "lever_cost_total_nok"):
        n[key] = len(people)
    n["adults_observed_5y"] = n["adults_retained_5y"] = len(seen_k)
    out.update({N_PREFIX + key: float(count) for key, count in n.items()})
    return out


def _pathways(model: BygdeModel, share, out: dict[str, float], n: dict[str, int]) -> None:
    """The pathway keys (see :func:`pathway_keys`)."""
    T, people = model.month, model.people
    mid_year = 6  # literal: outcome definition (measured in the middle of each year)
    for k in YEARS:
        # cohorts observed k years: the mid-year measurement month has passed, movers included
        seen = [p for p in people if p.arrival_month + 12 * (k - 1) + mid_year < T]
        here = sum(k in p.year_activity and p.year_activity[k] in PAID_WORK for p in seen)
        share(f"employed_here_share_year_{k}", here, len(seen))
        # as SSB counts: everyone settled k years ago, wherever they live; a mover counts as
        # employed when the household left for a job elsewhere
        moved_for_job = sum(
            k not in p.year_activity
            and p.moved_month is not None
            and p.household.move_reason is MoveReason.JOB_ELSEWHERE
            for p in seen
        )
        share(f"employed_anywhere_share_year_{k}", here + moved_for_job, len(seen))
    for state in HouseholdState:
        months = sum(h.months_by_state[state] for h in model.households)
        moves = sum(h.moved_from_state is state for h in model.households)
        share(f"monthly_move_rate.{state}", moves, months)
    movers = [h for h in model.households if h.moved_month is not None]
    for reason in MoveReason:
        share(
            f"moves_by_reason.{reason}", sum(h.move_reason is reason for h in movers), len(movers)
        )

    def mean(key: str, values: list[float]) -> None:
        out[key] = sum(values) / len(values) if values else math.nan
        n[key] = len(values)

    hires = [channel for p in people for _, channel in p.hires]
    for channel in HireChannel:
        count = sum(c is channel for c in hires)
        out[f"hires_by_channel.{channel}"] = float(count)
        n[f"hires_by_channel.{channel}"] = len(people)  # the adults who could be hired
    levels = [cefr(p.norwegian_at_exit) for p in people if p.norwegian_at_exit is not None]
    for level in CEFR:
        share(f"language_at_programme_end.{level}", sum(x == level for x in levels), len(levels))
    at_b1 = sum(CEFR.index(x) >= CEFR.index("B1") for x in levels)
    share("language_b1_or_above_at_programme_end", at_b1, len(levels))
    completers = [p for p in people if p.exit_month is not None]
    mean("plan_quality_at_programme_end", [p.ip_quality_at_exit for p in completers])
    # months from programme end to the next work, education or measure; for those who found
    # none, until they moved or the run ended (censored)
    gaps = []
    for p in completers:
        end = p.active_again_month
        if end is None:
            end = p.moved_month if p.moved_month is not None else T
        gaps.append(max(0, end - p.exit_month))
    mean("idle_months_after_programme", gaps)
    held = sum(p.municipal_job_months for p in people)
    inside = sum(p.municipal_job_months_in_programme for p in people)
    share("municipal_job_months_in_programme_share", inside, held)
    bb = model.levers.bridge_builders
    share("bridge_builder_months_own_share", bb.months_own, bb.months_own + bb.months_external)


def status_1y_after_programme(person: Refugee, month: int) -> bool | None:
    """In work or education a year after completing the programme (None: not measured, i.e.
    not completed a year before ``month``). Movers count as in work or education when they left
    for a job or an education elsewhere, else as not."""
    if person.after_programme_1y is not None:
        return person.after_programme_1y
    exit_month = person.exit_month
    if exit_month is None or exit_month + 12 > month or person.moved_month is None:
        return None
    return person.household.move_reason in (
        MoveReason.JOB_ELSEWHERE,
        MoveReason.EDUCATION_ELSEWHERE,
    )


def split_counts(outcomes: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """(values, counts) of one run's outcomes: counts are the ``n.<key>`` entries."""
    values = {k: v for k, v in outcomes.items() if not k.startswith(N_PREFIX)}
    counts = {k[len(N_PREFIX) :]: v for k, v in outcomes.items() if k.startswith(N_PREFIX)}
    return values, counts
