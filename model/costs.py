"""What the levers cost, month by month, in NOK."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.enums import Activity, ProgrammeStatus
from model.params import LEVER_NAMES

if TYPE_CHECKING:
    from model.model import BygdeModel

WEEKS_PER_MONTH = 52.0 / 12.0


class CostLedger:
    """Accumulates the cost of each lever: running costs each month, one-off costs when spent."""

    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        self.total: dict[str, float] = dict.fromkeys(LEVER_NAMES, 0.0)

    def one_off(self, lever: str, nok: float) -> None:
        self.total[lever] += nok

    def monthly(self) -> dict[str, float]:
        """Running costs of this month, by lever."""
        m, lv = self.model, self.model.p.levers
        people = m.present_people
        filled_mj = sum(1 for h in m.municipal_positions if h is not None)
        filled_bb = sum(1 for b in m.bridge_builders if b.filled)
        sh = lv.shared_ip_and_meetings
        return {
            "municipal_jobs": filled_mj
            * lv.municipal_jobs.fte
            * lv.municipal_jobs.cost_per_position_month,
            "bridge_builders": filled_bb
            * lv.bridge_builders.fte
            * lv.bridge_builders.cost_per_month,
            "early_nav": sum(1 for p in people if p.in_programme and p.nav_known)
            * lv.early_nav.cost_per_participant_month,
            "employer_contact": lv.employer_contact.persons
            * lv.employer_contact.cost_per_fte_month,
            "teacher_at_workplace": lv.teacher_at_workplace.days_per_week
            * WEEKS_PER_MONTH
            * lv.teacher_at_workplace.cost_per_day,
            "third_programme_year": sum(1 for p in people if p.status is ProgrammeStatus.EXTENDED)
            * lv.third_programme_year.cost_per_participant_month,
            "shared_ip_and_meetings": (sh.system_cost_per_month if sh.shared_digital_ip else 0.0)
            + sh.joint_meetings_per_month * sh.cost_per_meeting,
            "mentor_scheme": sum(
                1 for p in people if p.mentor is not None and m.month <= p.mentor_until
            )
            * lv.mentor_scheme.cost_per_pair_month,
            "mixed_activities": sum(1 for g in m.group_list if g.designed)
            * lv.mixed_activities.cost_per_group_month,
            "low_threshold_ladder": (
                lv.low_threshold_ladder.cost_per_month if lv.low_threshold_ladder.places else 0.0
            )
            + sum(1 for p in people if p.in_ladder and p.activity is Activity.LOW_THRESHOLD)
            * lv.low_threshold_ladder.cost_per_place_month,
            "integration_leader": lv.integration_leader.cost_per_month
            if lv.integration_leader.enabled
            else 0.0,
            "children_activity_support": sum(
                len(h.children)
                for h in m.households
                if h.moved_month is None and h.children_in_club
            )
            * lv.children_activity_support.cost_per_child_month
            if lv.children_activity_support.enabled
            else 0.0,
        }

    def charge_month(self) -> None:
        for lever, nok in self.monthly().items():
            self.total[lever] += nok

    @property
    def grand_total(self) -> float:
        return sum(self.total.values())
