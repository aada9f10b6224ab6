"""Small pure functions shared by the rules; each is tested on its own."""

from __future__ import annotations

import math

CEFR = ("A0", "A1", "A2", "B1", "B2", "C1")


def cefr(level: float) -> str:
    """Continuous proficiency (A0 = 0 … B2 = 4) as a CEFR label."""
    return CEFR[max(0, min(len(CEFR) - 1, int(math.floor(level + 1e-9))))]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def language_fit(level: float, requirement: float, weight: float) -> float:
    """Hiring odds factor from Norwegian relative to a job's bar (M7): 0.5 half a level below."""
    return sigmoid(weight * (level - requirement + 0.5) * 2.0)


def tie_language_factor(level: float) -> float:
    """How language scales the chance that a contact deepens into a tie (M4); 1 at B1."""
    return min(1.2, 0.25 + 0.75 * level / 3.0)


def chance(rate_per_month: float) -> float:
    """Probability of at least one event in a month with the given rate."""
    return 1.0 - math.exp(-max(rate_per_month, 0.0))
