"""The policy levers: one module each, and the one registry every tool reads.

Compare, target, sensitivity analysis, the dashboard and the cost ledger all take the levers,
their schema sections, purposes, ladders and sensitivity ranges from :data:`LEVERS`. The
lever files in ``scenarios/levers/`` hold each lever's "switched on" setting.
"""

from __future__ import annotations

from model.levers.base import Ladder, Lever, LeverSet
from model.levers.bridge_builders import BridgeBuilders
from model.levers.children_activity_support import ChildrenActivitySupport
from model.levers.driving_licence_support import DrivingLicenceSupport
from model.levers.early_nav import EarlyNav
from model.levers.employer_contact import EmployerContact
from model.levers.establishment_group import EstablishmentGroup
from model.levers.integration_leader import IntegrationLeader
from model.levers.low_threshold_ladder import LowThresholdLadder
from model.levers.mentor_scheme import MentorScheme
from model.levers.mixed_activities import MixedActivities
from model.levers.municipal_jobs import MunicipalJobs
from model.levers.shared_ip_and_meetings import SharedIpAndMeetings
from model.levers.start_loans import StartLoans
from model.levers.teacher_at_workplace import TeacherAtWorkplace
from model.levers.third_programme_year import ThirdProgrammeYear

# The registry, in the order the schema, the cost ledger and every table list the levers.
LEVERS: tuple[type[Lever], ...] = (
    MunicipalJobs,
    BridgeBuilders,
    EarlyNav,
    EmployerContact,
    TeacherAtWorkplace,
    ThirdProgrammeYear,
    SharedIpAndMeetings,
    MentorScheme,
    MixedActivities,
    EstablishmentGroup,
    DrivingLicenceSupport,
    StartLoans,
    LowThresholdLadder,
    IntegrationLeader,
    ChildrenActivitySupport,
)
REGISTRY: dict[str, type[Lever]] = {cls.name: cls for cls in LEVERS}
LEVER_NAMES: tuple[str, ...] = tuple(REGISTRY)


def lever_class(name: str) -> type[Lever]:
    """The lever called ``name``.

    Raises:
        KeyError: no such lever (the message lists the known ones).
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"{name}: unknown lever (known: {', '.join(LEVER_NAMES)})") from None


__all__ = ["LEVERS", "LEVER_NAMES", "REGISTRY", "Ladder", "Lever", "LeverSet", "lever_class"]
