"""Monthly time series: small named reporter functions for Mesa's DataCollector."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from model.enums import PAID_WORK, Activity, ProgrammeStatus
from model.outcomes import LONELY_THRESHOLD

if TYPE_CHECKING:
    from model.model import BygdeModel


def month(model: BygdeModel) -> int:
    return model.month


def adults_present(model: BygdeModel) -> int:
    return len(model.present_people)


def adults_arrived(model: BygdeModel) -> int:
    return len(model.people)


def adults_moved(model: BygdeModel) -> int:
    return sum(1 for p in model.people if p.moved_month is not None)


def in_programme(model: BygdeModel) -> int:
    return sum(1 for p in model.present_people if p.in_programme)


def count_activity(model: BygdeModel, activity: Activity) -> int:
    n = 0  # a plain loop: thirteen of these run every month
    for p in model.present_people:
        if p.activity is activity:
            n += 1
    return n


def employment_share(model: BygdeModel) -> float:
    people = model.present_people
    return sum(p.activity in PAID_WORK for p in people) / len(people) if people else 0.0


def work_or_education_share(model: BygdeModel) -> float:
    """Among present adults who have completed the programme."""
    done = [p for p in model.present_people if p.status is ProgrammeStatus.COMPLETED]
    if not done:
        return 0.0
    return sum(p.activity in PAID_WORK or p.activity is Activity.EDUCATION for p in done) / len(
        done
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def local_ties_singles(model: BygdeModel) -> float:
    return _mean([p.local_ties for p in model.present_people if p.is_single])


def local_ties_families(model: BygdeModel) -> float:
    return _mean([p.local_ties for p in model.present_people if p.household.htype.has_children])


def lonely_share_singles(model: BygdeModel) -> float:
    return _mean([p.loneliness >= LONELY_THRESHOLD for p in model.present_people if p.is_single])


def lonely_share_families(model: BygdeModel) -> float:
    return _mean(
        [
            p.loneliness >= LONELY_THRESHOLD
            for p in model.present_people
            if p.household.htype.has_children
        ]
    )


def mean_employer_trust(model: BygdeModel) -> float:
    return _mean([e.trust for e in model.employer_list])


def caseload(model: BygdeModel, unit: str) -> int:
    return model.service_units[unit].caseload


def mean_ip_quality(model: BygdeModel) -> float:
    return _mean([p.ip_quality for p in model.present_people if p.in_programme])


def lever_cost_to_date(model: BygdeModel) -> float:
    return model.costs.grand_total


MODEL_REPORTERS = {
    "month": month,
    "adults_present": adults_present,
    "adults_arrived": adults_arrived,
    "adults_moved": adults_moved,
    "in_programme": in_programme,
    **{f"activity.{a.value}": partial(count_activity, activity=a) for a in Activity},
    "employment_share": employment_share,
    "work_or_education_share": work_or_education_share,
    "local_ties.singles": local_ties_singles,
    "local_ties.families": local_ties_families,
    "lonely_share.singles": lonely_share_singles,
    "lonely_share.families": lonely_share_families,
    "employer_trust": mean_employer_trust,
    "ip_quality": mean_ip_quality,
    **{
        f"caseload.{u}": partial(caseload, unit=u)
        for u in ("refugee_service", "learning_centre", "nav", "career_centre")
    },
    "lever_cost_nok": lever_cost_to_date,
}
