"""The words of the schema fields the dashboard shows (the run's years and every lever's
settings): each field's label and help text, keyed by its dotted schema path, and the units
they are measured in. The English is the schema's own (:mod:`model.params`: the label from the
field's name, the help from its ``description``, the unit from its ``unit``); marked with
``N_`` so the catalogue carries their bokmål, and translated where the page shows them.
A test checks that this table still says what the schema says, field by field.
"""

from __future__ import annotations

from analysis.i18n import N_

# dotted path -> (label, help)
FIELDS: dict[str, tuple[str, str]] = {
    "years": (N_("Years"), ""),
    "levers.municipal_jobs.positions": (N_("Positions"), ""),
    "levers.municipal_jobs.duration_months": (N_("Duration months"), ""),
    "levers.municipal_jobs.fte": (
        N_("FTE"),
        N_("Share of the week in the position; the rest of the week in class"),
    ),
    "levers.municipal_jobs.matched_to_goals": (
        N_("Matched to goals"),
        N_("Tasks chosen from the person's mapped goals"),
    ),
    "levers.municipal_jobs.transition_boost": (
        N_("Transition boost"),
        N_(
            "Rise in an applicant's weight from the reference a fully matched task gives "
            "(scaled by how well the task matched)"
        ),
    ),
    "levers.municipal_jobs.cost_per_position_month": (
        N_("Cost per position month"),
        N_("Wage and social costs, entry-level municipal post"),
    ),
    "levers.municipal_jobs.open_from_programme_month": (
        N_("Open from programme month"),
        N_("Programme month from which a participant can hold a position (after mapping)"),
    ),
    "levers.municipal_jobs.unmatched_task_fit": (
        N_("Unmatched task fit"),
        N_("How well 'any task' fits the person's goal"),
    ),
    "levers.municipal_jobs.colleagues": (
        N_("Colleagues"),
        N_("Municipal colleagues a holder meets"),
    ),
    "levers.municipal_jobs.language_factor": (
        N_("Language factor"),
        N_("Workplace language gain in a municipal position relative to an ordinary job"),
    ),
    "levers.municipal_jobs.reference_months": (
        N_("Reference months"),
        N_("How long after the position the reference counts when an employer of its sector hires"),
    ),
    "levers.bridge_builders.count": (N_("Count"), ""),
    "levers.bridge_builders.caseload": (N_("Caseload"), ""),
    "levers.bridge_builders.fte": (N_("FTE"), ""),
    "levers.bridge_builders.ip_boost": (
        N_("IP boost"),
        N_("Faster IP quality gain (honest answers to a trusted person)"),
    ),
    "levers.bridge_builders.recruit_level": (
        N_("Recruit level"),
        N_("Norwegian needed to be recruited (B1)"),
    ),
    "levers.bridge_builders.recruit_months": (N_("Recruit months"), ""),
    "levers.bridge_builders.cost_per_month": (N_("Cost per month"), ""),
    "levers.bridge_builders.external_contract_months": (
        N_("External contract months"),
        N_("Contract of an earlier-settled resident hired when no participant qualifies"),
    ),
    "levers.bridge_builders.introduction_pool": (
        N_("Introduction pool"),
        N_("Locals a bridge-builder can introduce people to"),
    ),
    "levers.bridge_builders.introductions": (
        N_("Introductions"),
        N_("Locals introduced to each newcomer"),
    ),
    "levers.bridge_builders.language_boost_months": (
        N_("Language boost months"),
        N_("How long language.bridge_builder_gain speeds up learning"),
    ),
    "levers.bridge_builders.loneliness_exposure": (
        N_("Loneliness exposure"),
        N_("Loneliness exposure with a trusted person to turn to"),
    ),
    "levers.bridge_builders.matching_boost": (
        N_("Matching boost"),
        N_("Better placement matching for the bridge-builder's caseload"),
    ),
    "levers.bridge_builders.follow_up_boost": (
        N_("Follow up boost"),
        N_("Added chance a placement of the caseload is followed up"),
    ),
    "levers.bridge_builders.school_contact_boost": (
        N_("School contact boost"),
        N_("More contact with other parents at school for the caseload's parents"),
    ),
    "levers.bridge_builders.intake_months": (
        N_("Intake months"),
        N_("Newcomers taken on up to this time"),
    ),
    "levers.bridge_builders.support_months": (
        N_("Support months"),
        N_("People followed up to this time"),
    ),
    "levers.early_nav.entry_month": (
        N_("Entry month"),
        N_("Programme month at which Nav joins the individual plan"),
    ),
    "levers.early_nav.matching_boost": (
        N_("Matching boost"),
        N_("Better placement matching from Nav's employer contacts"),
    ),
    "levers.early_nav.cost_per_participant_month": (
        N_("Cost per participant month"),
        N_("Nav caseworker time in IP work (2 h)"),
    ),
    "levers.employer_contact.persons": (N_("Persons"), ""),
    "levers.employer_contact.follow_up_boost": (N_("Follow up boost"), ""),
    "levers.employer_contact.trust_boost": (N_("Trust boost"), ""),
    "levers.employer_contact.matching_boost": (
        N_("Matching boost"),
        N_("Better-matched placements per FTE"),
    ),
    "levers.employer_contact.cost_per_fte_month": (N_("Cost per FTE month"), ""),
    "levers.teacher_at_workplace.days_per_week": (N_("Days per week"), ""),
    "levers.teacher_at_workplace.cost_per_day": (N_("Cost per day"), ""),
    "levers.teacher_at_workplace.placement_success_per_day": (
        N_("Placement success per day"),
        N_("Rise in the chance a work practice ends well, per weekly teaching day"),
    ),
    "levers.third_programme_year.participants_per_year": (N_("Participants per year"), ""),
    "levers.third_programme_year.specialist_boost": (
        N_("Specialist boost"),
        N_("Job specialist: better matching and hiring odds"),
    ),
    "levers.third_programme_year.cost_per_participant_month": (
        N_("Cost per participant month"),
        N_("Benefit (2G a year) and specialist time"),
    ),
    "levers.third_programme_year.min_norwegian": (
        N_("Min Norwegian"),
        N_("Norwegian needed to be offered the third year"),
    ),
    "levers.third_programme_year.months": (
        N_("Months"),
        N_("Extension after services.programme_months"),
    ),
    "levers.shared_ip_and_meetings.shared_digital_ip": (N_("Shared digital IP"), ""),
    "levers.shared_ip_and_meetings.joint_meetings_per_month": (N_("Joint meetings per month"), ""),
    "levers.shared_ip_and_meetings.system_cost_per_month": (N_("System cost per month"), ""),
    "levers.shared_ip_and_meetings.cost_per_meeting": (
        N_("Cost per meeting"),
        N_("Four staff for 1.5 hours"),
    ),
    "levers.shared_ip_and_meetings.coordination_per_meeting": (N_("Coordination per meeting"), ""),
    "levers.shared_ip_and_meetings.meetings_counted_max": (
        N_("Meetings counted max"),
        N_("Meetings a month beyond which none helps more"),
    ),
    "levers.shared_ip_and_meetings.joint_meeting_ip_gain": (
        N_("Joint meeting IP gain"),
        N_("Joint meetings keep the plan alive between IP meetings"),
    ),
    "levers.shared_ip_and_meetings.digital_ip_meeting_gain": (
        N_("Digital IP meeting gain"),
        N_("Faster IP quality gain at a meeting with a shared plan"),
    ),
    "levers.shared_ip_and_meetings.digital_ip_coordination": (
        N_("Digital IP coordination"),
        N_("Coordination gained from a shared plan"),
    ),
    "levers.shared_ip_and_meetings.turnover_loss_factor": (
        N_("Turnover loss factor"),
        N_("Share of the IP quality lost to staff turnover that remains with a shared plan"),
    ),
    "levers.mentor_scheme.mentors_per_year": (N_("Mentors per year"), ""),
    "levers.mentor_scheme.duration_months": (N_("Duration months"), ""),
    "levers.mentor_scheme.cost_per_pair_month": (N_("Cost per pair month"), ""),
    "levers.mentor_scheme.newcomer_months": (
        N_("Newcomer months"),
        N_("Newcomers get a mentor up to this time"),
    ),
    "levers.mixed_activities.share": (
        N_("Share"),
        N_("Share of volunteer activities designed for meeting locals"),
    ),
    "levers.mixed_activities.cost_per_group_month": (N_("Cost per group month"), ""),
    "levers.mixed_activities.contact_boost": (
        N_("Contact boost"),
        N_("Contacts per meeting in a group designed for meeting locals"),
    ),
    "levers.establishment_group.enabled": (
        N_("Enabled"),
        N_("Neighbours and school prepared before a household arrives"),
    ),
    "levers.establishment_group.ties_at_arrival": (N_("Ties at arrival"), ""),
    "levers.establishment_group.cost_per_household": (N_("Cost per household"), ""),
    "levers.establishment_group.school_contact_boost": (
        N_("School contact boost"),
        N_("School contacts of a prepared household in its first year"),
    ),
    "levers.establishment_group.school_boost_months": (
        N_("School boost months"),
        N_("How long the school boost lasts"),
    ),
    "levers.driving_licence_support.licences_per_year": (N_("Licences per year"), ""),
    "levers.driving_licence_support.cost_per_licence": (N_("Cost per licence"), ""),
    "levers.driving_licence_support.min_norwegian": (
        N_("Min Norwegian"),
        N_("Norwegian needed to take the theory test"),
    ),
    "levers.start_loans.loans_per_year": (N_("Loans per year"), ""),
    "levers.start_loans.cost_per_loan": (
        N_("Cost per loan"),
        N_("Subsidy and administration per loan"),
    ),
    "levers.low_threshold_ladder.places": (N_("Places"), ""),
    "levers.low_threshold_ladder.cost_per_month": (
        N_("Cost per month"),
        N_("Group leader, half time"),
    ),
    "levers.low_threshold_ladder.cost_per_place_month": (N_("Cost per place month"), ""),
    "levers.low_threshold_ladder.placement_level": (
        N_("Placement level"),
        N_("Norwegian (A1) a group member needs before a practice placement"),
    ),
    "levers.integration_leader.enabled": (N_("Enabled"), ""),
    "levers.integration_leader.coordination_boost": (N_("Coordination boost"), ""),
    "levers.integration_leader.cost_per_month": (N_("Cost per month"), ""),
    "levers.children_activity_support.enabled": (N_("Enabled"), ""),
    "levers.children_activity_support.cost_per_child_month": (N_("Cost per child month"), ""),
}

# the units of those fields
UNITS = (
    N_("years"),
    N_("positions"),
    N_("months"),
    N_("FTE"),
    N_("relative increase"),
    N_("NOK/month at 1 FTE"),
    N_("programme month"),
    N_("index"),
    N_("persons"),
    N_("multiplier"),
    N_("participants each"),
    N_("relative"),
    N_("CEFR level"),
    N_("months settled"),
    N_("locals"),
    N_("probability added"),
    N_("NOK/participant-month"),
    N_("follow-up index per FTE"),
    N_("extra trust rate per FTE"),
    N_("match chance per FTE"),
    N_("NOK/month"),
    N_("days/week"),
    N_("NOK/teacher-day"),
    N_("probability per weekly day"),
    N_("persons/year"),
    N_("meetings/month"),
    N_("NOK/meeting"),
    N_("coordination index per monthly meeting"),
    N_("share of an IP meeting's gain per joint meeting"),
    N_("coordination index"),
    N_("pairs/year"),
    N_("share of groups"),
    N_("acquaintances"),
    N_("NOK/household"),
    N_("licences/year"),
    N_("NOK"),
    N_("loans/year"),
    N_("places"),
)
