"""Retention by arrival cohort and years since arrival, from the people of a (partly run) model.

Cell (cohort c, year k) is the share of cohort c's adults still living in the municipality k
years after their own arrival, among those who have been settled for k full years by now; it
is empty until somebody of that cohort has been observed that long. The same rule as the
model's ``retention_<k>y`` outcomes (``model.outcomes.retained``).
"""

from __future__ import annotations

import math

import pandas as pd

from model.model import BygdeModel
from model.outcomes import retained


def cohort_retention(model: BygdeModel, max_years: int | None = None) -> pd.DataFrame:
    """Shares retained: rows ``cohort`` (1 = first year's arrivals), columns years 1..K.

    The frame has a companion ``.attrs["counts"]`` frame with the number of adults each share
    is computed over.
    """
    years = max_years or max(1, model.horizon // 12)
    month = model.month
    by_cohort: dict[int, list] = {}
    for person in model.people:
        by_cohort.setdefault(person.household.cohort + 1, []).append(person)
    rows, counts = {}, {}
    for cohort in sorted(by_cohort):
        people = by_cohort[cohort]
        shares, ns = [], []
        for k in range(1, years + 1):
            seen = [p for p in people if p.arrival_month + 12 * k <= month]
            ns.append(len(seen))
            shares.append(sum(retained(p, k) for p in seen) / len(seen) if seen else math.nan)
        rows[cohort], counts[cohort] = shares, ns
    cols = list(range(1, years + 1))
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols, dtype=float)
    frame.index.name = "cohort"
    frame.columns.name = "years since arrival"
    frame.attrs["counts"] = pd.DataFrame.from_dict(counts, orient="index", columns=cols)
    frame.attrs["arrived"] = {c: len(ps) for c, ps in by_cohort.items()}
    return frame


def still_here(model: BygdeModel) -> tuple[int, int]:
    """(adults still living here, adults who ever arrived)."""
    people = model.people
    return sum(p.moved_month is None for p in people), len(people)
