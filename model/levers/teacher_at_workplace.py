"""Teaching at the work-practice placement (ch. 6.1.1, Nordre Land)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever

WEEKS_PER_MONTH = 52.0 / 12.0  # literal: unit conversion (weeks in a year / months)


class TeacherAtWorkplaceSettings(Section):
    days_per_week: float = P(0.0, ge=0, le=3, unit="days/week", source="ch. 6.1.1")
    cost_per_day: float = P(4500.0, ge=0, le=50000, unit="NOK/teacher-day")
    placement_success_per_day: float = P(
        0.04,
        ge=0,
        le=0.3,
        unit="probability per weekly day",
        doc="Rise in the chance a work practice ends well, per weekly teaching day",
    )


class TeacherAtWorkplace(Lever):
    """Acts through language learning in work practice and how placements end."""

    name = "teacher_at_workplace"
    settings = TeacherAtWorkplaceSettings
    purpose = "Teaching at the work-practice placement"
    ladder = Ladder("days_per_week", (1.0, 2.0))
    sensitivity = {"days_per_week": (0.0, 2.0)}

    def monthly_cost(self) -> float:
        return self.s.days_per_week * WEEKS_PER_MONTH * self.s.cost_per_day
