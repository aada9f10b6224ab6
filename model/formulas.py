"""Small pure functions shared by the rules; each is tested on its own."""

from __future__ import annotations

import math
from typing import Any

CEFR = ("A0", "A1", "A2", "B1", "B2", "C1")
CEFR_TOP = len(CEFR) - 1


def cefr(level: float) -> str:
    """Continuous proficiency (A0 = 0 … B2 = 4) as a CEFR label."""
    nudge = 1e-9  # literal: floating-point guard, so that 3.0 - tiny still reads as B1
    step = math.floor(level + nudge)
    return CEFR[0 if step < 0 else min(step, CEFR_TOP)]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def language_fit(level: float, requirement: float, labour: Any) -> float:
    """Hiring odds factor from Norwegian relative to a job's bar (M7): one half at
    ``labour.language_fit_offset`` levels below the bar, steepness ``labour.language_weight *
    labour.language_fit_scale`` (``labour`` is the scenario's labour section)."""
    return sigmoid(
        labour.language_weight
        * (level - requirement + labour.language_fit_offset)
        * labour.language_fit_scale
    )


def tie_language_factor(level: float, floor: float, full_level: float, cap: float) -> float:
    """How language scales the chance that a contact deepens into a tie (M4): ``floor`` at A0,
    rising linearly to 1 at ``full_level`` (B1), at most ``cap`` (``social.tie_language_*``)."""
    return min(cap, floor + (1.0 - floor) * level / full_level)


def chance(rate_per_month: float) -> float:
    """Probability of at least one event in a month with the given rate."""
    return 1.0 - math.exp(-max(rate_per_month, 0.0))
