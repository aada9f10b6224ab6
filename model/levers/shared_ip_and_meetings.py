"""A shared digital individual plan and joint meetings between the units (ch. 6.2, Vågå)."""

from __future__ import annotations

from model.fields import P, Section
from model.levers.base import Ladder, Lever


class SharedIpAndMeetingsSettings(Section):
    shared_digital_ip: bool = P(False, source="ch. 6.2.1 (Vågå)")
    joint_meetings_per_month: float = P(
        0.0, ge=0, le=8, unit="meetings/month", source="ch. 6.2.2 (Vågå weekly/biweekly)"
    )
    system_cost_per_month: float = P(4000.0, ge=0, le=100000, unit="NOK/month")
    cost_per_meeting: float = P(
        4200.0, ge=0, le=50000, unit="NOK/meeting", doc="Four staff for 1.5 hours"
    )
    coordination_per_meeting: float = P(
        0.05, ge=0, le=0.5, unit="coordination index per monthly meeting"
    )
    meetings_counted_max: float = P(
        4.0, ge=0, le=8, unit="meetings/month", doc="Meetings a month beyond which none helps more"
    )
    joint_meeting_ip_gain: float = P(
        0.1,
        ge=0,
        le=1,
        unit="share of an IP meeting's gain per joint meeting",
        source="ch. 6.2.2",
        doc="Joint meetings keep the plan alive between IP meetings",
    )
    digital_ip_meeting_gain: float = P(
        0.5,
        ge=0,
        le=3,
        unit="relative",
        doc="Faster IP quality gain at a meeting with a shared plan",
    )
    digital_ip_coordination: float = P(
        0.1, ge=0, le=1, unit="coordination index", doc="Coordination gained from a shared plan"
    )
    turnover_loss_factor: float = P(
        0.5,
        ge=0,
        le=1,
        unit="multiplier",
        doc="Share of the IP quality lost to staff turnover that remains with a shared plan",
    )


class SharedIpAndMeetings(Lever):
    """Acts through the units' coordination, IP meetings and turnover losses."""

    name = "shared_ip_and_meetings"
    settings = SharedIpAndMeetingsSettings
    purpose = "Shared digital plan and joint meetings between the units"
    ladder = Ladder("joint_meetings_per_month", (2.0, 4.0))

    def coordination_gain(self, base: float) -> float:
        """``base`` coordination plus what meetings and a shared plan add (not capped)."""
        s = self.s
        return (
            base
            + s.coordination_per_meeting * min(s.joint_meetings_per_month, s.meetings_counted_max)
            + (s.digital_ip_coordination if s.shared_digital_ip else 0.0)
        )

    def monthly_cost(self) -> float:
        s = self.s
        return (s.system_cost_per_month if s.shared_digital_ip else 0.0) + (
            s.joint_meetings_per_month * s.cost_per_meeting
        )
