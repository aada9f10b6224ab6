"""Words the model names in English that the pages show: each lever's title and purpose (the
purposes are the lever registry's, :mod:`model.levers`), and the display names of the model's
enumerations (sectors, activities, household types, event kinds, reasons for moving and the
factors behind them). Listed here with ``N_`` so the catalogue carries their Norwegian; shown
through ``gettext``/``tr`` where they appear. Tests check that every lever's title and purpose
and every value of those enumerations has a translation, and that the English of the move
factors and destinations is still the model's own.

The schema fields the dashboard shows (labels, help texts, units) are in
:mod:`analysis.i18n.schema_terms`.
"""

from __future__ import annotations

from analysis.i18n import N_
from model.enums import (
    Activity,
    Adaptation,
    EventKind,
    HireChannel,
    HouseholdState,
    HouseholdType,
    MoveReason,
    Sector,
    Sex,
)

LEVER_TITLES = (
    N_("Municipal jobs"),
    N_("Bridge builders"),
    N_("Early Nav"),
    N_("Employer contact"),
    N_("Teacher at workplace"),
    N_("Third programme year"),
    N_("Shared IP and meetings"),
    N_("Mentor scheme"),
    N_("Mixed activities"),
    N_("Establishment group"),
    N_("Driving licence support"),
    N_("Start loans"),
    N_("Low threshold ladder"),
    N_("Integration leader"),
    N_("Children activity support"),
)

LEVER_PURPOSES = (
    N_("Part-time municipal positions inside the programme, place-train style"),
    N_("Bicultural staff recruited from well-settled former refugees"),
    N_("Nav in the plan early: its measures during the programme, no gap after it"),
    N_("A dedicated contact person between the services and employers"),
    N_("Teaching at the work-practice placement"),
    N_("Alternating practice and school with a job specialist"),
    N_("Shared digital plan and joint meetings between the units"),
    N_("Volunteer mentors for newcomers"),
    N_("Volunteer activities designed for meeting locals"),
    N_("Neighbours and school prepared before a household arrives"),
    N_("Driving licences financed by the municipality"),
    N_("Start loans: a path to owning a home"),
    N_("A low-threshold group for those furthest from work"),
    N_("One leader across the four units"),
    N_("Fees for children's clubs paid"),
)

# what a refugee adult does this month: the words of every chart's legend, the network view
# and the timeline (analysis.dashboard.charts.ACTIVITY_STYLE takes them from here)
ACTIVITIES: dict[Activity, str] = {
    Activity.WAITING: N_("waiting to start"),
    Activity.CLASS: N_("class"),
    Activity.LOW_THRESHOLD: N_("low-threshold group"),
    Activity.LANGUAGE_PRACTICE: N_("language practice"),
    Activity.WORK_PRACTICE: N_("work practice"),
    Activity.WAGE_SUBSIDY_JOB: N_("job with wage subsidy"),
    Activity.JOB: N_("job"),
    Activity.MUNICIPAL_JOB: N_("municipal job"),
    Activity.BRIDGE_BUILDER: N_("bridge-builder"),
    Activity.EDUCATION: N_("education"),
    Activity.NAV_JOBSEEKER: N_("Nav job-seeker"),
    Activity.NAV_MEASURE: N_("Nav work training"),
    Activity.IDLE: N_("idle"),
}

# the employers' sectors (the network view's ring labels)
SECTORS: dict[Sector, str] = {
    Sector.AGRICULTURE: N_("agriculture"),
    Sector.WOOD_MANUFACTURING: N_("wood industry"),
    Sector.RETAIL: N_("retail"),
    Sector.TOURISM: N_("tourism"),
    Sector.CONSTRUCTION: N_("construction"),
    Sector.HEALTH_CARE: N_("health and care"),
    Sector.EDUCATION: N_("teaching"),
    Sector.OTHER_PUBLIC: N_("other public administration"),
    Sector.QUARRYING: N_("quarrying"),
}

# household composition at arrival
HOUSEHOLD_TYPES: dict[HouseholdType, str] = {
    HouseholdType.SINGLE_MAN: N_("single man"),
    HouseholdType.SINGLE_WOMAN: N_("single woman"),
    HouseholdType.COUPLE: N_("couple without children"),
    HouseholdType.FAMILY: N_("family with children"),
    HouseholdType.SINGLE_PARENT: N_("single parent"),
}

SEXES: dict[Sex, str] = {Sex.MAN: N_("man"), Sex.WOMAN: N_("woman")}

# Djuve et al. (2017) adaptation types
ADAPTATIONS: dict[Adaptation, str] = {
    Adaptation.UNSTEADY: N_("unsteady"),
    Adaptation.IMPATIENT: N_("impatient"),
    Adaptation.CONTENT: N_("content"),
    Adaptation.GO_GETTER: N_("go-getter"),
}

# highest education before arrival, by model.enums.Education's name
EDUCATION_LEVELS = {
    "NONE": N_("none"),
    "PRIMARY": N_("primary"),
    "SECONDARY": N_("secondary"),
    "TERTIARY": N_("tertiary"),
}

# what each kind of event in a life history is called, in the order of the timeline's chips
EVENT_KINDS: dict[EventKind, str] = {
    EventKind.ARRIVAL: N_("arrival"),
    EventKind.PROGRAMME: N_("programme"),
    EventKind.IP_MEETING: N_("IP meeting"),
    EventKind.NAV: N_("Nav"),
    EventKind.PLACEMENT: N_("placement"),
    EventKind.LANGUAGE: N_("language"),
    EventKind.JOB: N_("job"),
    EventKind.EDUCATION: N_("education"),
    EventKind.TIES: N_("local ties"),
    EventKind.SOCIAL: N_("social life"),
    EventKind.SERVICES: N_("services"),
    EventKind.HOUSING: N_("housing"),
    EventKind.MOBILITY: N_("mobility"),
    EventKind.ACTIVITY: N_("activity"),
    EventKind.MOVE: N_("moved away"),
}

# why a household moved, in a few words
MOVE_REASONS: dict[MoveReason, str] = {
    MoveReason.KIN_CITY: N_("to relatives or compatriots in a city"),
    MoveReason.JOB_ELSEWHERE: N_("for a job elsewhere"),
    MoveReason.EDUCATION_ELSEWHERE: N_("for an education elsewhere"),
    MoveReason.ISOLATION: N_("from isolation"),
    MoveReason.IDLENESS: N_("from idleness"),
    MoveReason.OTHER: N_("other reasons"),
}

# where such movers go: the model's words (MoveReason.destination)
DESTINATIONS: dict[MoveReason, str] = {
    MoveReason.KIN_CITY: N_("a city with relatives or compatriots"),
    MoveReason.JOB_ELSEWHERE: N_("a larger labour market"),
    MoveReason.EDUCATION_ELSEWHERE: N_("a town with the education they want"),
    MoveReason.ISOLATION: N_("a place where they know people"),
    MoveReason.IDLENESS: N_("a place with more to do"),
    MoveReason.OTHER: N_("elsewhere"),
}

# every factor of the monthly move hazard, by the name the model records it under: the
# model's words (model.agents.household.FACTOR_WORDS)
MOVE_FACTORS: dict[str, str] = {
    "job": N_("someone in the household had paid work"),
    "education": N_("someone was in education"),
    "in_programme": N_("still in the introduction programme (moving forfeits it)"),
    "ties": N_("local ties"),
    "children_school": N_("children in school or kindergarten"),
    "remote_no_car": N_("living in an outlying hamlet without a car"),
    "owner": N_("owning their home"),
    "adaptation": N_("adaptation type"),
    "regional": N_("the pull of places elsewhere (the region's residual)"),
    MoveReason.KIN_CITY: N_("pull towards relatives and compatriots in a city"),
    MoveReason.JOB_ELSEWHERE: N_("nobody in the household had paid work here"),
    MoveReason.EDUCATION_ELSEWHERE: N_("an education they could not start here"),
    MoveReason.ISOLATION: N_("loneliness"),
    MoveReason.IDLENESS: N_("months without activity after the programme"),
    MoveReason.OTHER: N_("an ordinary background chance of moving"),
}

# the page's speed buttons: seconds between months (at least) by name
SPEED_WORDS = {"slow": N_("slow"), "normal": N_("normal"), "fast": N_("fast")}

# the network view's legend, by the key the page's template reads
NETWORK_LEGEND = {
    "refugee": N_("refugee (colour = activity, as in the chart)"),
    "moved": N_("moved away"),
    "local": N_("local with a tie"),
    "employer": N_("employer"),
    "volunteer_group": N_("volunteer group"),
    "tie": N_("local tie"),
    "works": N_("works at"),
    "placed": N_("placement"),
    "co_ethnic": N_("co-ethnic tie"),
}

# the pathway counters of a comparison (model.outcomes.pathway_keys), as the dashboard's table
# names them: counters by year since arrival, counters with parts, and single counters
PATHWAY_YEARLY = {
    "employed_here_share": N_("employed here, year {year}"),
    "employed_anywhere_share": N_("employed anywhere, year {year}"),
}
PATHWAY_COUNTERS = {
    "monthly_move_rate": N_("monthly move rate"),
    "hires_by_channel": N_("hires by channel"),
    "moves_by_reason": N_("moves by reason"),
    "language_at_programme_end": N_("language at programme end"),
    "language_b1_or_above_at_programme_end": N_("B1 or above at programme end"),
    "plan_quality_at_programme_end": N_("plan quality at programme end"),
    "idle_months_after_programme": N_("idle months after the programme"),
    "municipal_job_months_in_programme_share": N_("municipal job months inside the programme"),
    "bridge_builder_months_own_share": N_("bridge-builder months by former participants"),
}
HIRE_CHANNELS: dict[HireChannel, str] = {
    HireChannel.OPEN_APPLICATION: N_("open application"),
    HireChannel.PLACEMENT: N_("after practice"),
    HireChannel.REFERRAL: N_("through a tie"),
    HireChannel.MUNICIPAL_JOB_REFERENCE: N_("reference from a municipal position"),
    HireChannel.NAV_MEASURE: N_("through a Nav measure"),
    HireChannel.COMMUTING: N_("commuting"),
    HireChannel.BRIDGE_BUILDER_POST: N_("bridge-builder post"),
}
HOUSEHOLD_STATES: dict[HouseholdState, str] = {
    HouseholdState.EMPLOYED: N_("employed"),
    HouseholdState.IN_PROGRAMME: N_("in the programme"),
    HouseholdState.EDUCATION: N_("in education"),
    HouseholdState.NEITHER: N_("neither"),
}
# the parts of a counter with parts, by the counter's name
PATHWAY_PARTS: dict[str, dict] = {
    "monthly_move_rate": HOUSEHOLD_STATES,
    "hires_by_channel": HIRE_CHANNELS,
    "moves_by_reason": MOVE_REASONS,
}
