"""Enumerations for agent states. Agent states are Enums, as in Mesa's examples."""

from __future__ import annotations

from enum import Enum, StrEnum


class HouseholdType(StrEnum):
    """Household composition at arrival; the outcome groups of MODEL.md."""

    SINGLE_MAN = "single_men"
    SINGLE_WOMAN = "single_women"
    COUPLE = "couple_no_children"
    FAMILY = "family_with_children"
    SINGLE_PARENT = "single_parent"

    @property
    def is_single(self) -> bool:
        return self in (HouseholdType.SINGLE_MAN, HouseholdType.SINGLE_WOMAN)

    @property
    def has_children(self) -> bool:
        return self in (HouseholdType.FAMILY, HouseholdType.SINGLE_PARENT)


class Sex(StrEnum):
    MAN = "man"
    WOMAN = "woman"


class Education(int, Enum):
    """Highest completed education before arrival."""

    NONE = 0  # none or not literate
    PRIMARY = 1
    SECONDARY = 2
    TERTIARY = 3


class Adaptation(StrEnum):
    """Djuve et al. (2017) adaptation types (seed report ch. 4.2)."""

    UNSTEADY = "unsteady"  # low drive, low security: mostly isolated singles
    IMPATIENT = "impatient"  # high drive, low security: most informants
    CONTENT = "content"  # low drive, high security
    GO_GETTER = "go_getter"  # high drive, high security


class Activity(StrEnum):
    """What a refugee adult does this month. Exactly one at a time."""

    WAITING = "waiting"  # settled, programme not yet started
    CLASS = "class"  # programme classroom only
    LANGUAGE_PRACTICE = "language_practice"
    WORK_PRACTICE = "work_practice"
    LOW_THRESHOLD = "low_threshold"  # MAKS-style group
    WAGE_SUBSIDY_JOB = "wage_subsidy_job"
    JOB = "job"
    MUNICIPAL_JOB = "municipal_job"
    BRIDGE_BUILDER = "bridge_builder"
    EDUCATION = "education"
    NAV_JOBSEEKER = "nav_jobseeker"
    NAV_MEASURE = "nav_measure"  # a Nav work-training place (arbeidstrening) after the programme
    IDLE = "idle"

    @property
    def is_placement(self) -> bool:
        return self in (Activity.LANGUAGE_PRACTICE, Activity.WORK_PRACTICE)


PAID_WORK = frozenset(
    {Activity.WAGE_SUBSIDY_JOB, Activity.JOB, Activity.MUNICIPAL_JOB, Activity.BRIDGE_BUILDER}
)


class ProgrammeStatus(StrEnum):
    WAITING = "waiting"
    ACTIVE = "active"
    EXTENDED = "extended"  # third programme year
    COMPLETED = "completed"


class Sector(StrEnum):
    AGRICULTURE = "agriculture"
    WOOD_MANUFACTURING = "wood_manufacturing"
    RETAIL = "retail"
    TOURISM = "tourism"
    CONSTRUCTION = "construction"
    HEALTH_CARE = "health_care"
    EDUCATION = "education"
    OTHER_PUBLIC = "other_public"
    QUARRYING = "quarrying"

    @property
    def is_public(self) -> bool:
        return self in (Sector.HEALTH_CARE, Sector.EDUCATION, Sector.OTHER_PUBLIC)

    @property
    def is_manual(self) -> bool:
        """Work where little Norwegian is needed to start (ch. 5.2)."""
        return self in (
            Sector.AGRICULTURE,
            Sector.WOOD_MANUFACTURING,
            Sector.CONSTRUCTION,
            Sector.QUARRYING,
            Sector.TOURISM,
        )


class Location(StrEnum):
    CENTRE = "centre"
    HAMLET = "hamlet"


class GroupKind(StrEnum):
    """Kinds of volunteer activity named in the report (ch. 3, 4.1, 6.3.1)."""

    CAFE = "cafe"  # Red Cross café, volunteer centre meeting place
    SPORTS = "sports"
    CRAFTS = "crafts"  # knitting and sewing groups
    YOUTH = "youth"


class Placement(StrEnum):
    """Which service unit owns placement (ch. 6.1.2)."""

    REFUGEE_SERVICE = "refugee_service"
    LEARNING_CENTRE = "learning_centre"
    NAV = "nav"
    UNCLEAR = "unclear"  # Sel: a hot potato between units


class Stage(StrEnum):
    """Points of the month at which levers act (see ``BygdeModel.step``)."""

    ARRIVALS = "arrivals"  # after this month's households have settled
    SERVICES = "services"  # after the units organised themselves, before IP meetings
    LABOUR_MARKET = "labour_market"  # after employers hired and commuters found jobs
    EDUCATION = "education"  # before people pursue education
    HOUSING = "housing"  # before households consider buying and moving


class EventKind(StrEnum):
    """Kinds of event in a person's life history (shared with the dashboard's timeline)."""

    ARRIVAL = "arrival"
    PROGRAMME = "programme"
    IP_MEETING = "ip_meeting"
    NAV = "nav"
    SERVICES = "services"
    PLACEMENT = "placement"
    LANGUAGE = "language"
    JOB = "job"
    ACTIVITY = "activity"
    EDUCATION = "education"
    MOBILITY = "mobility"
    SOCIAL = "social"
    TIES = "ties"
    HOUSING = "housing"
    MOVE = "move"


class HireChannel(StrEnum):
    """How a person found paid work (``hires_by_channel.<channel>``)."""

    OPEN_APPLICATION = "open_application"
    PLACEMENT = "placement"  # hired by the employer of one's own practice placement
    REFERRAL = "referral"  # through a tie to a local who works there
    MUNICIPAL_JOB_REFERENCE = "municipal_job_reference"  # a municipal position led to a job
    NAV_MEASURE = "nav_measure"  # through a Nav measure (work training, Nav's employer contact)
    COMMUTING = "commuting"  # a job in a neighbouring municipality
    BRIDGE_BUILDER_POST = "bridge_builder_post"  # recruited as a bicultural bridge-builder


class HouseholdState(StrEnum):
    """What a household lives on this month, for move rates by state
    (``monthly_move_rate.<state>``): paid work first, then the programme, then education."""

    EMPLOYED = "employed"
    IN_PROGRAMME = "in_programme"
    EDUCATION = "education"
    NEITHER = "neither"


class MoveReason(StrEnum):
    """Why a household moved (``moves_by_reason.<reason>``): competing risks, each a reason to
    leave *for* somewhere or *from* something here (M15; Klabunde et al., MPIDR WP 2015-002)."""

    KIN_CITY = "kin_city"  # for relatives or a co-ethnic community in a city
    JOB_ELSEWHERE = "job_elsewhere"  # for a job in a larger labour market
    EDUCATION_ELSEWHERE = "education_elsewhere"  # for an education elsewhere
    ISOLATION = "isolation"  # from isolation: loneliness and few ties here
    IDLENESS = "idleness"  # from idleness: months without work, education or a measure
    OTHER = "other"  # the ordinary background chance (partner, housing, health, ...)

    @property
    def destination(self) -> str:
        """Where such movers go, in plain words."""
        return {
            MoveReason.KIN_CITY: "a city with relatives or compatriots",
            MoveReason.JOB_ELSEWHERE: "a larger labour market",
            MoveReason.EDUCATION_ELSEWHERE: "a town with the education they want",
            MoveReason.ISOLATION: "a place where they know people",
            MoveReason.IDLENESS: "a place with more to do",
            MoveReason.OTHER: "elsewhere",
        }[self]

    @property
    def pulled(self) -> bool:
        """True for a reason to leave *for* somewhere, False for one to leave *from* here."""
        return self in (
            MoveReason.KIN_CITY,
            MoveReason.JOB_ELSEWHERE,
            MoveReason.EDUCATION_ELSEWHERE,
            MoveReason.OTHER,
        )
