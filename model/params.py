"""The one parameter schema of bygdesim.

Every field has a default, a unit, bounds and a source ("assumption" where the report and the
statistics are silent). Scenario files, the command line and the dashboard all read this schema;
nothing else defines a default. Unknown keys are rejected (``extra="forbid"``).

Field metadata lives in ``json_schema_extra``: ``unit`` and ``source``. Use
:func:`field_info` to read it for a dotted path.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, create_model, model_validator

from model.enums import GroupKind, Placement, Sector
from model.fields import P, Section
from model.levers import LEVER_NAMES, LEVERS

__all__ = [
    "LEVER_NAMES",
    "P",
    "Params",
    "Section",
    "bounds",
    "field_info",
    "get_path",
    "leaf_paths",
    "set_path",
]


# --------------------------------------------------------------------------------------------
# The municipality and its people
# --------------------------------------------------------------------------------------------


class Municipality(Section):
    name: str = P("Generic rural municipality", doc="Display name")
    population: int = P(
        5000,
        ge=500,
        le=50000,
        unit="persons",
        source="SSB municipal population; see preset files",
        doc="Residents, all present as network nodes",
    )
    centrality: int = P(
        5,
        ge=1,
        le=6,
        unit="SSB class (6 = least central)",
        source="SSB centrality index 2017",
        doc="Centrality class",
    )
    hamlets: int = P(5, ge=1, le=30, unit="villages", doc="Outlying villages besides the centre")
    centre_housing_share: float = P(
        0.6,
        ge=0,
        le=1,
        unit="share",
        doc="Share of refugee housing in the centre (rest in hamlets)",
    )
    public_transport: float = P(
        0.3,
        ge=0,
        le=1,
        unit="index",
        doc="How well buses replace a car (0 none, 1 as good as a car)",
    )
    commuting_vacancies_per_year: float = P(
        6.0,
        ge=0,
        le=500,
        unit="vacancies/year",
        doc="Vacancies in neighbouring municipalities open to a commuter",
    )
    nynorsk_dialect_gap: float = P(
        0.2,
        ge=0,
        le=0.6,
        unit="share of gain lost",
        source="App. 4 (three languages)",
        doc="Workplace language gain lost because class is in bokmål "
        "while the place speaks nynorsk and dialect",
    )
    # ---- named constants of the drawn municipality ----
    centre_locals_share: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share of residents",
        doc="Residents living in the centre (the rest spread evenly over the hamlets)",
    )
    parent_share: float = P(
        0.25,
        ge=0,
        le=1,
        unit="share of residents",
        doc="Residents with children at school: who refugee parents meet at school",
    )
    # ---- the refugees settled before the run (bridge-builders, co-ethnic contacts) ----
    settled_per_year_before: list[int] = P(
        [15, 15, 15, 15, 15, 15, 15, 15],
        unit="persons/year",
        source="assumption (IMDi's municipal series 2008-2015 not found); see presets",
        doc="Persons settled in each year before the run, oldest year first",
    )
    settled_retention_5y: float = P(
        0.65,
        ge=0.05,
        le=1,
        unit="share",
        source="calibration/targets.toml (the preset's observed five-year retention)",
        doc="Observed five-year retention that thins the earlier-settled cohorts",
    )
    settled_adult_share: float = P(
        0.6,
        ge=0,
        le=1,
        unit="share of persons",
        source="IMDi settlement reports 2016-2018 (children in families); assumption",
        doc="Adults among the persons settled",
    )
    settled_b1_share: float = P(
        0.45,
        ge=0,
        le=1,
        unit="share of adults",
        source="Kompetanse Norge / HK-dir 2021: 45 % of oral tests at B1 or B2",
        doc="Earlier-settled adults with Norwegian at B1 or above",
    )
    settled_employed_share: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share of adults",
        source="SSB 2016: 46 % employed after 4-6 years of residence, 52-56 % after 7-19",
        doc="Earlier-settled adults in paid work",
    )

    @model_validator(mode="after")
    def _settled_history(self) -> Municipality:
        if len(self.settled_per_year_before) > 30:
            raise ValueError("settled_per_year_before takes at most 30 years")
        for v in self.settled_per_year_before:
            if not 0 <= v <= 500:
                raise ValueError(f"settled_per_year_before entries must be 0-500 (got {v})")
        return self


class Arrivals(Section):
    persons_per_year: list[int] = P(
        [20, 15, 15, 15, 15, 15],
        unit="persons/year",
        source="Fylkesmannen i Oppland 13 Jan 2017; see presets",
        doc="Settlement quota per cohort year (one entry a year)",
    )
    share_single_man: float = P(
        0.52,
        ge=0,
        le=1,
        unit="share of households",
        source="IMDi settlement reports 2016-2018 (singles 69 % of "
        "households); men's share of singles is an assumption",
        doc="Households that are single men",
    )
    share_single_woman: float = P(
        0.17,
        ge=0,
        le=1,
        unit="share of households",
        source="IMDi 2016-2018; assumption for the sex split",
    )
    share_couple: float = P(
        0.05,
        ge=0,
        le=1,
        unit="share of households",
        source="IMDi 2016-2018 (couples without children)",
    )
    share_family: float = P(
        0.20,
        ge=0,
        le=1,
        unit="share of households",
        source="IMDi 2016-2018 (families with children)",
    )
    share_single_parent: float = P(
        0.06,
        ge=0,
        le=1,
        unit="share of households",
        source="IMDi 2016-2018; split from families is an assumption",
    )
    children_mean: float = P(
        2.4, ge=1, le=8, unit="children/family", doc="Mean number of children in a family"
    )
    age_mean: float = P(31.0, ge=18, le=55, unit="years", doc="Mean adult age at arrival")
    age_sd: float = P(8.0, ge=1, le=20, unit="years")
    education_none: float = P(
        0.026,
        ge=0,
        le=1,
        unit="share of men",
        source="SSB (csv 313731): refugee men's highest education, 2.6 % none",
        doc="Men with no schooling",
    )
    education_primary: float = P(
        0.537, ge=0, le=1, unit="share of men", source="SSB (csv 313731): 53.7 % primary"
    )
    education_secondary: float = P(
        0.201, ge=0, le=1, unit="share of men", source="SSB (csv 313731): 20.1 % upper secondary"
    )
    education_tertiary: float = P(
        0.236,
        ge=0,
        le=1,
        unit="share of men",
        source="SSB (csv 313731): 22.3 % tertiary (the rest unknown, added here)",
    )
    women_education_none: float = P(
        0.12,
        ge=0,
        le=1,
        unit="share of women",
        source="assumption, shaped on SSB 2012/5 (about 65 % of immigrants without completed "
        "education are women) and seed ch. 3.3.1, 6.1.1 (many in the MAKS group could not read)",
        doc="Women with no schooling or not literate",
    )
    women_education_primary: float = P(
        0.52, ge=0, le=1, unit="share of women", source="assumption (see women_education_none)"
    )
    women_education_secondary: float = P(
        0.16, ge=0, le=1, unit="share of women", source="assumption (see women_education_none)"
    )
    women_education_tertiary: float = P(
        0.20,
        ge=0,
        le=1,
        unit="share of women",
        source="SSB Samfunnsspeilet 4/2016: 20 % of refugees 16+ had tertiary education",
    )
    driving_licence_share: float = P(
        0.15, ge=0, le=1, unit="share", doc="Adults arriving with a licence valid in Norway"
    )
    health_burden_share: float = P(
        0.25, ge=0, le=1, unit="share", doc="Adults with trauma or illness that slows learning"
    )
    type_unsteady: float = P(0.15, ge=0, le=1, unit="share", source="ch. 4.2 (Djuve types)")
    type_impatient: float = P(
        0.50, ge=0, le=1, unit="share", source="ch. 4.2: most informants were impatient"
    )
    type_content: float = P(0.15, ge=0, le=1, unit="share", source="ch. 4.2")
    type_go_getter: float = P(0.20, ge=0, le=1, unit="share", source="ch. 4.2")
    # motivation at arrival by adaptation type (Djuve types, ch. 4.2); sizes are assumptions
    motivation_unsteady: float = P(
        0.35, ge=0, le=1, unit="motivation index", doc="Motivation at arrival, unsteady type"
    )
    motivation_impatient: float = P(
        0.8, ge=0, le=1, unit="motivation index", doc="Motivation at arrival, impatient type"
    )
    motivation_content: float = P(
        0.5, ge=0, le=1, unit="motivation index", doc="Motivation at arrival, content type"
    )
    motivation_go_getter: float = P(
        0.9, ge=0, le=1, unit="motivation index", doc="Motivation at arrival, go-getter type"
    )
    programme_start_delay_max: int = P(
        3, ge=0, le=3, unit="months", source="Introduction Act: offered within 3 months"
    )
    # ---- named constants of the drawn arrivals ----
    single_parent_woman_share: float = P(
        0.85, ge=0, le=1, unit="share", doc="Single parents who are mothers"
    )
    child_age_max: int = P(
        17, ge=1, le=17, unit="years", doc="Children's ages are drawn uniformly up to this age"
    )
    age_min: int = P(18, ge=16, le=30, unit="years", doc="Youngest adult age drawn at arrival")
    age_max: int = P(55, ge=30, le=80, unit="years", doc="Oldest adult age drawn at arrival")
    unsteady_single_factor: float = P(
        1.6,
        ge=0,
        le=5,
        unit="multiplier",
        source="ch. 4.2",
        doc="Weight of the unsteady type for singles: the unsteady were mostly isolated singles",
    )
    unsteady_children_factor: float = P(
        0.5,
        ge=0,
        le=5,
        unit="multiplier",
        source="ch. 4.2",
        doc="Weight of the unsteady type in households with children",
    )
    experience_share: float = P(
        0.70,
        ge=0,
        le=1,
        unit="share of men",
        source="assumption (no published figure by sex found; seed ch. 3.3.1)",
        doc="Men with paid-work experience from before arrival, in a local sector",
    )
    women_experience_share: float = P(
        0.30,
        ge=0,
        le=1,
        unit="share of women",
        source="assumption; seed ch. 3.3.1: women without schooling or paid-work experience "
        "have the longest road to work",
        doc="Women with paid-work experience from before arrival",
    )
    carer_woman_share: float = P(
        0.9,
        ge=0,
        le=1,
        unit="share of couples with children",
        source="seed ch. 3.3.1, 6.1.1; assumption on size",
        doc="Couples with children where the mother stays home with small children",
    )
    goal_from_experience: float = P(
        0.6,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance an experienced adult's job goal is the sector of their experience "
        "(else drawn by local employment)",
    )

    @model_validator(mode="after")
    def _shares_sum_to_one(self) -> Arrivals:
        for label, parts in (
            (
                "household shares",
                (
                    self.share_single_man,
                    self.share_single_woman,
                    self.share_couple,
                    self.share_family,
                    self.share_single_parent,
                ),
            ),
            (
                "education shares (men)",
                (
                    self.education_none,
                    self.education_primary,
                    self.education_secondary,
                    self.education_tertiary,
                ),
            ),
            (
                "education shares (women)",
                (
                    self.women_education_none,
                    self.women_education_primary,
                    self.women_education_secondary,
                    self.women_education_tertiary,
                ),
            ),
            (
                "adaptation type shares",
                (self.type_unsteady, self.type_impatient, self.type_content, self.type_go_getter),
            ),
        ):
            if abs(sum(parts) - 1.0) > 1e-6:
                raise ValueError(f"{label} must sum to 1 (they sum to {sum(parts):.3f})")
        for v in self.persons_per_year:
            if not 0 <= v <= 500:
                raise ValueError(f"persons_per_year entries must be 0-500 (got {v})")
        if not 1 <= len(self.persons_per_year) <= 30:
            raise ValueError("persons_per_year needs 1-30 entries")
        return self


SECTOR_DEFAULTS: dict[str, float] = {
    Sector.AGRICULTURE: 0.08,
    Sector.WOOD_MANUFACTURING: 0.12,
    Sector.RETAIL: 0.12,
    Sector.TOURISM: 0.08,
    Sector.CONSTRUCTION: 0.10,
    Sector.HEALTH_CARE: 0.25,
    Sector.EDUCATION: 0.12,
    Sector.OTHER_PUBLIC: 0.08,
    Sector.QUARRYING: 0.05,
}


class Labour(Section):
    sector_shares: dict[Sector, float] = P(
        dict(SECTOR_DEFAULTS),
        unit="share of employment",
        source="SSB employment by industry; see presets",
        doc="Local employment by sector",
    )
    employers: int = P(
        60, ge=5, le=400, unit="employers", doc="Employers modelled (small firms grouped)"
    )
    # ---- named constants of the drawn employers ----
    employer_size_sigma: float = P(
        0.8,
        ge=0.1,
        le=3,
        unit="log-normal sigma",
        doc="Spread of employer sizes within a sector",
    )
    central_employer_share: float = P(
        0.7,
        ge=0,
        le=1,
        unit="share",
        doc="Public, retail and tourism employers in the centre (the rest in a hamlet; other "
        "sectors are anywhere)",
    )
    placement_capacity_base: float = P(
        0.5,
        ge=0,
        le=3,
        unit="multiplier",
        doc="Capacity = placement_capacity_mean x (this + min(size, size cap) / size scale)",
    )
    placement_capacity_size_cap: int = P(
        60, ge=1, le=1000, unit="employees", doc="Size beyond which capacity grows no more"
    )
    placement_capacity_size_scale: int = P(
        40, ge=1, le=1000, unit="employees", doc="Size that adds one placement_capacity_mean"
    )
    social_responsibility_alpha: int = P(
        2, ge=1, le=20, unit="beta shape", doc="Social responsibility ~ Beta(alpha, beta)"
    )
    social_responsibility_beta: int = P(
        2, ge=1, le=20, unit="beta shape", doc="Social responsibility ~ Beta(alpha, beta)"
    )
    employment_rate_locals: float = P(
        0.48,
        ge=0.2,
        le=0.8,
        unit="share of residents",
        source="SSB: about half of residents are employed",
    )
    turnover_by_sector: dict[Sector, float] = P(
        {
            Sector.AGRICULTURE: 0.08,
            Sector.WOOD_MANUFACTURING: 0.10,
            Sector.RETAIL: 0.18,
            Sector.TOURISM: 0.25,
            Sector.CONSTRUCTION: 0.12,
            Sector.HEALTH_CARE: 0.12,
            Sector.EDUCATION: 0.08,
            Sector.OTHER_PUBLIC: 0.08,
            Sector.QUARRYING: 0.08,
        },
        unit="openings per job per year",
        source="assumption, shaped on SSB job-flow statistics (roughly one job in eight "
        "changes hands a year; highest in tourism and retail, lowest in public services)",
        doc="Positions an employer opens a year, per job it has, by sector",
    )
    local_applicants_per_opening: float = P(
        3.0,
        ge=0,
        le=30,
        unit="applicants",
        source="ch. 3.2, 5.2-5.3; assumption on size",
        doc="Mean number of local and commuting applicants competing for an opening "
        "(Poisson); each counts as weight 1 in the employer's choice",
        prior=(1, 10),
    )
    refugee_consideration: float = P(
        0.30,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance an opening considers refugee applicants at all (else it goes to a local)",
        prior=(0.03, 0.9),
    )
    hire_trainee: float = P(
        0.55,
        ge=0,
        le=5,
        unit="weight relative to a local applicant",
        source="ch. 5.1.2",
        doc="An employer's own (or recent) trainee's weight in the choice among applicants, "
        "at full trust in the services",
        prior=(0.3, 3),
    )
    hire_referral: float = P(
        0.30,
        ge=0,
        le=5,
        unit="weight relative to a local applicant",
        source="ch. 3.3.1",
        doc="Weight of an applicant referred by a tie to someone working there",
    )
    hire_open: float = P(
        0.08,
        ge=0,
        le=1,
        unit="weight relative to a local applicant",
        doc="Weight of a refugee's open application",
        prior=(0.05, 1),
    )
    hire_nav: float = P(
        0.3,
        ge=0,
        le=5,
        unit="weight relative to a local applicant",
        source="ch. 6.1.1 (Nav's employer contacts); assumption on size",
        doc="Weight of a job seeker Nav puts forward through its employer contacts",
        prior=(0.02, 1),
    )
    nav_candidates_per_opening: int = P(
        1,
        ge=0,
        le=10,
        unit="persons",
        doc="Job seekers Nav puts forward for an opening (from those Nav knows)",
    )
    experience_odds: float = P(
        1.4,
        ge=1,
        le=5,
        unit="multiplier",
        source="ch. 3.3.1, 5.2 (work experience; women without it have the longest road)",
        doc="Weight of an applicant with paid-work experience from before arrival",
    )
    nav_budget_nok_per_resident: float = P(
        60.0,
        ge=0,
        le=1000,
        unit="NOK per resident per year",
        source="assumption; SSB: about 4 per 1000 residents aged 15-74 are in ordinary "
        "labour-market measures",
        doc="Nav's yearly budget for wage subsidies to refugees (resets each January)",
    )
    wage_subsidy_nok_per_month: float = P(
        14000.0,
        ge=0,
        le=100000,
        unit="NOK/month",
        source="Nav: 40 % of an entry wage of about 35,000 NOK a month",
        doc="What one subsidised month costs Nav's budget",
    )
    nav_measure_place_months_per_1000: float = P(
        9.0,
        ge=0,
        le=200,
        unit="place-months per 1000 residents per year",
        source="SSB: about 4 per 1000 residents aged 15-74 are in ordinary labour-market "
        "measures at any time (x 12 months); assumption: three quarters of residents are "
        "15-74 and refugees hold a quarter of the places",
        doc="Nav's yearly budget of work-training places (arbeidstrening) for refugees; "
        "participants are paid tiltakspenger, a rights-based benefit, so places are "
        "limited by Nav's follow-up capacity rather than by money",
    )
    nav_measure_months: int = P(
        6,
        ge=1,
        le=24,
        unit="months",
        source="Nav: arbeidstrening is granted for periods of up to a year; assumption",
        doc="Length of a Nav work-training place",
    )
    nav_measure_offer_per_month: float = P(
        0.1,
        ge=0,
        le=1,
        unit="1/month",
        source="assumption: Nav finds a place for a follow-up client in about ten months",
        doc="Monthly chance that Nav finds a work-training place for a client it follows "
        "who has none lined up",
    )
    nav_measure_ready_share: float = P(
        0.8,
        ge=0,
        le=1,
        unit="share",
        source="ch. 7: good transitions need Nav to take part in drawing up the plans; "
        "ch. 6.2.2 (Nordre Land); assumption on size",
        doc="Chance that a work-training place is ready on the first day after the programme "
        "when Nav drew up the individual plan with the services (joined at the first IP "
        "meeting)",
    )
    nav_measure_ready_late_share: float = P(
        0.4,
        ge=0,
        le=1,
        unit="share",
        source="ch. 6.2.3 (Vågå: Nav at the last two IP meetings knows the person and the "
        "goal, smoother transitions); assumption: half of a plan drawn up with Nav",
        doc="The same chance when Nav joined the plan at a later IP meeting",
    )
    nav_measure_hire_odds: float = P(
        1.5,
        ge=1,
        le=5,
        unit="multiplier",
        source="ch. 6.1.1 (practice with an employer is the usual road to a job); assumption",
        doc="Weight of an applicant in a Nav work-training place against one without",
    )
    wage_subsidy_boost: float = P(
        0.6,
        ge=0,
        le=3,
        unit="relative increase",
        source="M8; Nav lønnstilskudd",
        doc="Relative rise in hiring odds when Nav offers a subsidy",
    )
    wage_subsidy_months: int = P(
        12, ge=0, le=24, unit="months", source="Nav: 40 % for 6 months then 30 %, at most 12 months"
    )
    subsidy_retention: float = P(
        0.7,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance a subsidised hire is kept when the subsidy ends",
    )
    separation_per_month: float = P(
        0.012,
        ge=0,
        le=0.2,
        unit="1/month",
        doc="Monthly chance an ordinary job ends",
        prior=(0.005, 0.04),
    )
    seasonal_share_tourism: float = P(
        0.6, ge=0, le=1, unit="share", doc="Tourism hires that are seasonal"
    )
    season_months: int = P(5, ge=1, le=11, unit="months", doc="Length of a seasonal job")
    car_needed_hamlet: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share",
        source="ch. 7.1",
        doc="Jobs a hamlet resident needs a car for",
    )
    competing_requests_per_year: float = P(
        2.0,
        ge=0,
        le=20,
        unit="requests/employer/year",
        source="ch. 5.2 (students, other Nav clients)",
        doc="Placement requests that take an employer's places before refugees",
    )
    placement_capacity_mean: float = P(
        1.5,
        ge=0.5,
        le=6,
        unit="trainees/employer",
        source="ch. 5.2",
        doc="Trainees an employer follows up",
    )
    trust_initial: float = P(
        0.5,
        ge=0,
        le=1,
        unit="index",
        source="ch. 5.3; presets",
        doc="Employers' trust in the services at start",
    )
    trust_rate: float = P(
        0.2,
        ge=0,
        le=1,
        unit="per placement",
        doc="How far trust moves towards the last placement's outcome",
    )
    language_weight: float = P(
        1.2,
        ge=0,
        le=5,
        unit="per CEFR level",
        source="ch. 5.2: language is the biggest obstacle",
        doc="Steepness of hiring odds in language relative to the bar",
    )
    language_fit_offset: float = P(
        0.5,
        ge=0,
        le=2,
        unit="CEFR levels",
        doc="How far below a job's bar the language fit is one half",
    )
    language_fit_scale: float = P(
        2.0, ge=0.1, le=10, unit="multiplier", doc="Steepness of the fit besides language_weight"
    )
    job_requirement_b1_share: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share",
        source="ch. 6.1.1: B1 is the usual bar",
        doc="Share of jobs at their sector's higher bar: retail B1 (else A2), manual work "
        "A2 (else A1); public services always B1",
    )
    commuting_b1_share: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share",
        doc="Commuting vacancies asking for B1 (the rest ask for A2)",
    )
    applicants_per_vacancy: int = P(
        3,
        ge=1,
        le=20,
        unit="persons",
        doc="Refugee job seekers who apply openly for one vacancy",
    )
    # ---- named constants of the employers (M7, M8) ----
    capacity_at_no_trust: float = P(
        0.3,
        ge=0,
        le=1,
        unit="share of placement capacity",
        doc="Placement capacity an employer still offers with no trust in the services "
        "(rising linearly to all of it at full trust)",
    )
    recent_trainee_months: int = P(
        3,
        ge=0,
        le=24,
        unit="months",
        doc="Months after a good placement in which the employer still hires its former "
        "trainee first",
    )
    placement_success_base: float = P(
        0.15, ge=0, le=1, unit="probability", doc="Chance a placement ends well, before its terms"
    )
    placement_success_matched: float = P(
        0.3, ge=0, le=1, unit="probability", doc="Added when the placement matches the goal"
    )
    placement_success_followed: float = P(
        0.25, ge=0, le=1, unit="probability", doc="Added when the services follow it up"
    )
    placement_success_fit: float = P(
        0.2, ge=0, le=1, unit="probability per unit language fit", doc="Added for language fit"
    )
    placement_success_motivation: float = P(
        0.1, ge=0, le=1, unit="probability per unit motivation", doc="Added for motivation"
    )
    placement_success_max: float = P(
        0.95, ge=0, le=1, unit="probability", doc="Cap on the chance a placement ends well"
    )
    trust_target_good_followed: float = P(
        1.0,
        ge=0,
        le=1,
        unit="index",
        doc="Trust an employer moves towards after a good, followed-up placement",
    )
    trust_target_good_alone: float = P(
        0.35,
        ge=0,
        le=1,
        unit="index",
        doc="Trust an employer moves towards after a good placement without follow-up",
    )
    trust_target_poor_followed: float = P(
        0.3,
        ge=0,
        le=1,
        unit="index",
        doc="Trust an employer moves towards after a followed-up placement without result",
    )
    trust_target_poor_alone: float = P(
        0.0,
        ge=0,
        le=1,
        unit="index",
        doc="Trust an employer moves towards after a placement without result or follow-up",
    )
    lower_bar_below_b1: float = P(
        1.0,
        ge=0,
        le=3,
        unit="CEFR levels",
        doc="How far below B1 the lower bar of retail and other private jobs is (A2)",
    )
    manual_bar_below_b1: float = P(
        1.0,
        ge=0,
        le=3,
        unit="CEFR levels",
        doc="How far below B1 the higher bar of manual work is (A2)",
    )
    manual_lower_bar_below_b1: float = P(
        2.0,
        ge=0,
        le=3,
        unit="CEFR levels",
        doc="How far below B1 the lower bar of manual work is (A1)",
    )
    tourism_peak_months: list[int] = P(
        [4, 5, 11],
        unit="month of year (model month mod 12)",
        doc="Months of the summer and winter tourist seasons",
    )
    tourism_peak_factor: float = P(
        2.0, ge=1, le=6, unit="multiplier", doc="Tourism vacancies in a peak-season month"
    )
    tourism_off_factor: float = P(
        0.5, ge=0, le=1, unit="multiplier", doc="Tourism vacancies in any other month"
    )
    consideration_base: float = P(
        0.5,
        ge=0,
        le=2,
        unit="multiplier",
        doc="Added to an employer's social responsibility (0-1, mean 0.5) to scale the chance "
        "a vacancy considers a refugee",
    )
    trainee_hire_at_no_trust: float = P(
        0.4,
        ge=0,
        le=1,
        unit="share of hire_trainee",
        doc="Trainee weight left with no trust in the services (all of it at full trust)",
    )
    odds_at_no_motivation: float = P(
        0.6,
        ge=0,
        le=1,
        unit="multiplier",
        doc="Hiring odds with no motivation, relative to full motivation (linear between)",
    )
    goal_match_odds: float = P(
        1.3,
        ge=1,
        le=5,
        unit="multiplier",
        doc="Hiring odds when the employer's sector is the person's goal or experience",
    )
    qualified_odds: float = P(
        1.6, ge=1, le=5, unit="multiplier", doc="Hiring odds with a Norwegian qualification"
    )

    @model_validator(mode="after")
    def _season_months(self) -> Labour:
        if any(not 0 <= m <= 11 for m in self.tourism_peak_months):
            raise ValueError("tourism_peak_months must be months of the year 0-11")
        return self


class Services(Section):
    caseworker_hours: float = P(
        300.0,
        ge=0,
        le=5000,
        unit="hours/month",
        doc="Caseworker hours across the four units for programme work",
    )
    hours_per_participant: float = P(
        6.0, ge=0.5, le=40, unit="hours/month", doc="Caseworker time a participant needs each month"
    )
    hours_per_placement: float = P(
        4.0, ge=0.5, le=40, unit="hours", doc="Caseworker time to arrange one placement"
    )
    placement_owner: Placement = P(
        Placement.REFUGEE_SERVICE, unit="unit", source="ch. 6.1.2", doc="Which unit owns placement"
    )
    programme_months: int = P(
        24,
        ge=6,
        le=36,
        unit="months",
        doc="Length of the introduction programme (the Introduction Act's two years)",
    )
    placement_start_month: int = P(
        4, ge=1, le=24, unit="programme month", doc="First programme month with practice placements"
    )
    placement_length: int = P(4, ge=1, le=12, unit="months", doc="Length of one placement")
    placement_hours_share: float = P(
        0.25,
        ge=0,
        le=1,
        unit="share of caseworker hours",
        doc="Caseworker time spent arranging placements",
    )
    unclear_owner_capacity: float = P(
        0.4,
        ge=0,
        le=1,
        unit="share",
        source="ch. 6.1.2",
        doc="Placement capacity left, with no coordination, when no unit owns placement",
    )
    work_practice_level: float = P(
        1.5,
        ge=0,
        le=4,
        unit="CEFR level",
        doc="Norwegian from which a placement is work practice rather than language practice",
    )
    matched_interaction_boost: float = P(
        0.2,
        ge=0,
        le=1,
        unit="probability",
        source="ch. 7.3",
        doc="Extra chance of real social interaction in a placement matched to the goal",
    )
    matched_motivation_gain: float = P(
        0.05, ge=0, le=1, unit="motivation index", doc="Motivation gained by a matched placement"
    )
    parked_after_unmatched: int = P(
        2,
        ge=1,
        le=10,
        unit="placements",
        source="ch. 6.1.2",
        doc="Unmatched placements after which a person feels parked",
    )
    parked_motivation_loss: float = P(
        0.1, ge=0, le=1, unit="motivation index", doc="Motivation lost per further unmatched one"
    )
    motivation_floor: float = P(
        0.05, ge=0, le=1, unit="motivation index", doc="Motivation never falls below this"
    )
    follow_up: float = P(
        0.4,
        ge=0,
        le=1,
        unit="index",
        source="ch. 5.3, 6.1.2",
        doc="Follow-up of placements by the services (employer relations)",
    )
    coordination: float = P(
        0.3, ge=0, le=1, unit="index", source="ch. 6.2", doc="How well the four units pull together"
    )
    ip_meeting_interval: int = P(
        6,
        ge=1,
        le=12,
        unit="months",
        source="ch. 7.2",
        doc="Months between individual-plan meetings",
    )
    ip_quality_initial: float = P(
        0.2, ge=0, le=1, unit="index", source="ch. 7.2: mapping is too random"
    )
    ip_gain_per_meeting: float = P(
        0.12, ge=0, le=1, unit="share of gap closed", source="ch. 6.2.1, App. 4 pt 1"
    )
    visual_ip: bool = P(
        False,
        source="ch. 6.2.1 (Nordre Land)",
        doc="IP drawn so the participant understands and owns it",
    )
    coordination_ip_gain: float = P(
        0.8,
        ge=0,
        le=3,
        unit="relative per coordination index",
        doc="Faster IP quality gain at a meeting, per unit of the units' coordination",
    )
    visual_ip_gain: float = P(
        0.3, ge=0, le=3, unit="relative", doc="Faster IP quality gain when the IP is drawn"
    )
    staff_turnover_per_year: float = P(
        0.15,
        ge=0,
        le=1,
        unit="1/year per unit",
        source="App. 4: small municipalities lose tacit knowledge",
    )
    turnover_ip_loss: float = P(0.25, ge=0, le=1, unit="share of IP quality lost")
    nav_avoid_share: float = P(
        0.25,
        ge=0,
        le=1,
        unit="share",
        source="seed ch. 4.3 (some avoid Nav after the programme); assumption on size",
        doc="Share of those Nav has not met before programme end who keep away from Nav",
    )
    nav_avoid_months: int = P(
        12,
        ge=0,
        le=60,
        unit="months",
        source="seed ch. 4.3; assumption",
        doc="Months before someone who avoids Nav first meets it",
    )
    nav_entry_gap_months: int = P(
        3,
        ge=0,
        le=12,
        unit="months",
        source="ch. 6.2.2, App. 4",
        doc="Gap with no follow-up when Nav first meets a person at or after programme exit",
    )
    bilingual_class_support: bool = P(
        False,
        source="ch. 6.3.2 (Nordre Land)",
        doc="Earlier participants give language support in class",
    )
    career_centre_reach: float = P(
        0.3,
        ge=0,
        le=1,
        unit="index",
        source="ch. 3.3.1, M10",
        doc="How well the career centre reaches participants",
    )
    education_reach_base: float = P(
        0.5,
        ge=0,
        le=2,
        unit="index",
        doc="Reach of education offers before the career centre and coordination add theirs",
    )
    education_coordination_weight: float = P(
        0.3,
        ge=0,
        le=2,
        unit="index per coordination index",
        doc="Reach of education offers added by the units' coordination",
    )
    education_min_norwegian: float = P(
        2.0, ge=0, le=5, unit="CEFR level", doc="Norwegian needed to start education (A2)"
    )
    education_max_age: int = P(
        50, ge=18, le=70, unit="years", doc="Only people younger than this start education"
    )
    education_from_programme_month: int = P(
        18,
        ge=1,
        le=36,
        unit="programme month",
        doc="Programme month from which a participant may start education",
    )
    education_entry_rate: float = P(
        0.03,
        ge=0,
        le=0.5,
        unit="1/month",
        doc="Monthly chance an eligible person starts education",
        prior=(0.005, 0.08),
    )
    evening_course_distance: float = P(
        0.5,
        ge=0,
        le=1,
        unit="index",
        source="ch. 3.3.1",
        doc="How hard courses are to reach without a car",
    )
    education_months: int = P(
        30, ge=6, le=60, unit="months", doc="Length of upper-secondary qualification"
    )
    # ---- named constants of the four units (M6, M7, M11) ----
    unit_hours_share: dict[str, float] = P(
        {"refugee_service": 0.45, "learning_centre": 0.30, "nav": 0.15, "career_centre": 0.10},
        unit="share of caseworker hours",
        doc="How the caseworker hours split between the four units",
    )
    turnover_coordination_shield: float = P(
        0.6,
        ge=0,
        le=1,
        unit="share of turnover loss",
        doc="Share of the IP quality lost to staff turnover that full coordination prevents",
    )
    match_chance_max: float = P(
        0.95, ge=0, le=1, unit="probability", doc="Cap on the chance a placement is matched"
    )
    placement_tries: int = P(
        3,
        ge=1,
        le=20,
        unit="employers",
        doc="Employers with free places asked before a participant stays unplaced this month",
    )
    acceptance_at_no_trust: float = P(
        0.25,
        ge=0,
        le=1,
        unit="probability",
        doc="Chance an employer with no trust in the services accepts a trainee (rising "
        "linearly to 1 at full trust, before language)",
    )
    acceptance_at_no_norwegian: float = P(
        0.6,
        ge=0,
        le=1,
        unit="multiplier",
        doc="Acceptance with no Norwegian relative to acceptance at acceptance_full_level "
        "(linear between)",
    )
    acceptance_full_level: int = P(
        2,
        ge=1,
        le=4,
        unit="CEFR level",
        doc="Norwegian (A2) from which language no longer lowers an employer's acceptance",
    )
    room_weight_care: float = P(
        3.0,
        ge=0,
        le=20,
        unit="relative weight",
        doc="Weight of kindergartens and elderly care (health care, education) against 1 for "
        "other employers when a placement goes wherever there is room",
    )

    @model_validator(mode="after")
    def _four_units(self) -> Services:
        units = {"refugee_service", "learning_centre", "nav", "career_centre"}
        if set(self.unit_hours_share) != units:
            raise ValueError(f"unit_hours_share needs exactly the units {sorted(units)}")
        if any(v < 0 for v in self.unit_hours_share.values()):
            raise ValueError("unit_hours_share must be non-negative")
        return self


class Language(Section):
    class_gain: float = P(
        0.11,
        ge=0,
        le=1,
        unit="CEFR levels/month",
        doc="Gain in full-time class for a typical adult (A0=0 … B2=4)",
        prior=(0.08, 0.3),
    )
    practice_gain: float = P(
        0.06, ge=0, le=1, unit="CEFR levels/month", doc="Gain from practice with real interaction"
    )
    job_gain: float = P(0.04, ge=0, le=1, unit="CEFR levels/month")
    idle_gain: float = P(0.005, ge=0, le=1, unit="CEFR levels/month")
    education_factor: list[float] = P(
        [0.45, 0.8, 1.0, 1.25],
        unit="multiplier",
        doc="By education none, primary, secondary, tertiary",
    )
    age_slope: float = P(0.015, ge=0, le=0.05, unit="per year over 25")
    health_factor: float = P(
        0.7, ge=0, le=1, unit="multiplier", doc="Gain multiplier with a health burden"
    )
    teacher_day_gain: float = P(
        0.25,
        ge=0,
        le=2,
        unit="relative per weekday",
        source="ch. 6.1.1 (Nordre Land)",
        doc="Extra practice gain per weekly day of teaching at work",
    )
    bilingual_gain: float = P(0.15, ge=0, le=1, unit="relative", source="ch. 6.3.2")
    bridge_builder_gain: float = P(
        0.15,
        ge=0,
        le=1,
        unit="relative",
        source="App. 4 pt 2",
        doc="Early language speed-up with a bridge-builder",
    )
    b1_bar: float = P(
        3.0, ge=1, le=4, unit="CEFR level", source="ch. 6.1.1", doc="B1: the usual hiring bar"
    )
    # ---- named constants of learning (M5) ----
    class_share_language_practice: float = P(
        0.6, ge=0, le=1, unit="share of a class month", doc="Class in a language-practice month"
    )
    class_share_work_practice: float = P(
        0.4, ge=0, le=1, unit="share of a class month", doc="Class in a work-practice month"
    )
    class_share_low_threshold: float = P(
        0.6, ge=0, le=1, unit="share of a class month", doc="Class in a low-threshold month"
    )
    class_share_education: float = P(
        0.8, ge=0, le=1, unit="share of a class month", doc="Norwegian teaching in education"
    )
    practice_without_interaction: float = P(
        0.3,
        ge=0,
        le=1,
        unit="multiplier",
        doc="Practice gain in a placement without real social interaction",
    )
    age_slope_from: float = P(25.0, ge=16, le=60, unit="years", doc="Age from which learning slows")
    age_factor_floor: float = P(
        0.3, ge=0, le=1, unit="multiplier", doc="Age never slows learning below this share"
    )
    ceiling: float = P(
        5.0,
        ge=4,
        le=6,
        unit="CEFR level",
        doc="Top of the scale (C1): gains slow towards it and stop there",
    )
    slowdown_from: float = P(
        3.0,
        ge=0,
        le=4,
        unit="CEFR level",
        source="assumption: the Norwegian curriculum plans about as many hours for each level up "
        "to B1 (Kompetanse Norge, Læreplan i norsk for voksne innvandrere)",
        doc="Level above which learning slows, linearly to top_slowdown_floor at the ceiling",
    )
    top_slowdown_floor: float = P(
        0.05, ge=0, le=1, unit="multiplier", doc="Least share of the gain left near the ceiling"
    )
    education_completion_gain: float = P(
        0.3,
        ge=0,
        le=2,
        unit="CEFR levels",
        doc="Norwegian gained by completing upper-secondary qualification",
    )

    @model_validator(mode="after")
    def _four_factors(self) -> Language:
        if len(self.education_factor) != 4 or any(not 0 <= f <= 3 for f in self.education_factor):
            raise ValueError("education_factor needs four values in 0-3")
        return self


class Social(Section):
    neighbour_contacts: float = P(0.8, ge=0, le=10, unit="contacts/month", source="ch. 4.1")
    workplace_contacts: float = P(3.0, ge=0, le=20, unit="contacts/month", source="ch. 4.1, 7.3")
    school_contacts: float = P(
        2.5, ge=0, le=20, unit="contacts/month per parent", source="ch. 4.1: children are the key"
    )
    club_contacts: float = P(
        2.0, ge=0, le=20, unit="contacts/month", doc="Children's sports club, when fees are paid"
    )
    group_contacts: float = P(2.0, ge=0, le=20, unit="contacts per meeting")
    mentor_contacts: float = P(2.0, ge=0, le=10, unit="contacts/month")
    bridge_builder_contacts: float = P(
        2.0, ge=0, le=10, unit="contacts/month", source="App. 4 pt 2"
    )
    placement_interaction_share: float = P(
        0.6,
        ge=0,
        le=1,
        unit="share",
        source="ch. 7.3",
        doc="Placements with real social interaction",
    )
    tie_chance: float = P(
        0.3,
        ge=0,
        le=1,
        unit="probability",
        source="ch. 4.1: Norwegians are reserved",
        doc="Chance a contact strengthens acquaintance towards a tie (at B1 Norwegian)",
    )
    tie_step: float = P(0.5, ge=0.05, le=1, unit="weight", doc="Weight a successful contact adds")
    tie_threshold: float = P(1.0, ge=0.1, le=5, unit="weight", doc="Weight at which a tie counts")
    tie_decay: float = P(0.02, ge=0, le=1, unit="1/month", doc="Decay without contact")
    tie_floor: float = P(
        0.05,
        ge=0,
        le=1,
        unit="weight",
        doc="Weight below which a fading tie is dropped from the network",
    )
    remote_no_car: float = P(
        0.5,
        ge=0,
        le=1,
        unit="multiplier",
        source="ch. 7.1",
        doc="Contact opportunities outside home for hamlet households without a car",
    )
    group_reach_young_men: float = P(
        0.3,
        ge=0,
        le=1,
        unit="multiplier",
        source="ch. 6.3.1",
        doc="Attendance of single men at groups whose volunteers are older women",
    )
    lonely_ties: float = P(
        2.0,
        ge=0,
        le=20,
        unit="local ties",
        doc="Below this many local ties a person with free time gets lonely",
    )
    loneliness_rate: float = P(0.15, ge=0, le=1, unit="1/month")
    co_ethnic_contacts: float = P(1.5, ge=0, le=10, unit="contacts/month")
    # ---- named constants of people and households (M3, M4) ----
    # arena pools: small and fixed, so that repeated contact is possible
    neighbours: int = P(5, ge=1, le=30, unit="locals", doc="Neighbours a household gets to know")
    colleagues_met: int = P(6, ge=1, le=30, unit="locals", doc="Colleagues met at a workplace")
    school_parents: int = P(
        6, ge=1, le=30, unit="locals", doc="Parents met at school or kindergarten"
    )
    club_parents: int = P(5, ge=1, le=30, unit="locals", doc="Parents met at a sports club")
    club_pool: int = P(
        40,
        ge=5,
        le=1000,
        unit="locals",
        doc="Locals the club parents are drawn from when there is no sports group",
    )
    group_locals_met: int = P(
        6, ge=1, le=50, unit="locals", doc="Volunteers a group participant gets to know"
    )
    kindergarten_wait_months: int = P(
        6,
        ge=0,
        le=36,
        unit="months",
        source="seed ch. 3.3.1 (the start of kindergarten holds parents back); assumption",
        doc="Months after arrival before a small child has a kindergarten place",
    )
    carer_class_share: float = P(
        0.5,
        ge=0,
        le=1,
        unit="share",
        source="seed ch. 3.3.1; assumption",
        doc="Share of the class a parent caring for a small child attends",
    )
    school_start_age: float = P(
        6.0,
        ge=5,
        le=8,
        unit="years",
        source="Education Act: school starts the year a child turns 6",
    )
    school_age_from: float = P(
        1.0, ge=0, le=6, unit="years", doc="Age from which a child is in kindergarten"
    )
    school_age_to: float = P(
        16.0, ge=6, le=19, unit="years", doc="Age at which a child leaves compulsory school"
    )
    club_join_rate: float = P(
        0.01,
        ge=0,
        le=1,
        unit="1/month",
        doc="Monthly chance a family with children in school joins a sports club unaided",
    )
    group_join_rate: float = P(
        0.08,
        ge=0,
        le=1,
        unit="1/month",
        doc="Monthly chance a newcomer joins a volunteer group with room",
    )
    group_fee_factor: float = P(
        0.4, ge=0, le=1, unit="multiplier", source="ch. 4.1", doc="Joining chance with a fee"
    )
    drive_unsteady: float = P(
        0.7, ge=0, le=3, unit="multiplier", doc="Contacts sought by the unsteady (others 1)"
    )
    drive_go_getter: float = P(
        1.2, ge=0, le=3, unit="multiplier", doc="Contacts sought by go-getters (others 1)"
    )
    # language and ties: the factor rises from the floor at A0 to 1 at tie_language_level
    tie_language_floor: float = P(
        0.25, ge=0, le=1, unit="multiplier", doc="Tie chance factor without Norwegian (A0)"
    )
    tie_language_level: float = P(
        3.0, ge=0.5, le=5, unit="CEFR level", doc="Norwegian at which the factor is 1 (B1)"
    )
    tie_language_cap: float = P(
        1.2, ge=1, le=3, unit="multiplier", doc="Highest tie chance factor from Norwegian"
    )
    co_ethnic_known_share: float = P(
        0.7,
        ge=0,
        le=1,
        unit="share",
        source="ch. 4.1",
        doc="Co-ethnic contacts with compatriots already known (mostly the same few)",
    )
    co_ethnic_tie_step: float = P(
        0.8, ge=0, le=2, unit="share of tie_step", doc="Weight a co-ethnic contact adds"
    )
    # loneliness (M3): exposure of a person with too few local ties
    lonely_exposure_single: float = P(1.0, ge=0, le=2, unit="multiplier", doc="Single adult")
    lonely_exposure_couple: float = P(0.45, ge=0, le=2, unit="multiplier", doc="Adult in a couple")
    lonely_exposure_family: float = P(
        0.25, ge=0, le=2, unit="multiplier", doc="Adult in a household with children"
    )
    lonely_exposure_in_work: float = P(
        0.7, ge=0, le=2, unit="multiplier", doc="Exposure multiplier when in paid work"
    )
    lonely_exposure_unsteady: float = P(
        1.2, ge=0, le=3, unit="multiplier", doc="Exposure multiplier of the unsteady type"
    )
    co_ethnic_comfort_ties: int = P(
        4, ge=1, le=20, unit="co-ethnic ties", doc="Co-ethnic ties at which their comfort is full"
    )
    co_ethnic_comfort: float = P(
        0.3, ge=0, le=1, unit="share", doc="Share of loneliness full co-ethnic comfort takes away"
    )


class Moving(Section):
    base_hazard: float = P(
        0.012,
        ge=0,
        le=0.5,
        unit="1/month",
        doc="Monthly hazard of the background reason to move (other) for a household with no "
        "anchor; every reason's hazard is a multiple of it",
        prior=(0.004, 0.06),
    )
    in_programme: float = P(
        0.05,
        ge=0,
        le=1,
        unit="multiplier",
        source="ch. 1.1 (M2)",
        doc="Moving during the programme forfeits it",
    )
    employed: float = P(
        0.04,
        ge=0,
        le=1,
        unit="multiplier",
        source="ch. 4.2, 4.4 (M1): a job decides whether people stay",
        doc="Anchor of a household with someone in paid work, on every reason to move; never "
        "above the programme's anchor, so taking a job never raises the move risk",
        prior=(0.005, 0.05),
    )
    education: float = P(
        0.5,
        ge=0,
        le=1,
        unit="multiplier",
        source="M10",
        doc="Anchor of a household with someone in education (and nobody in paid work)",
    )
    job_elsewhere: float = P(
        1.0,
        ge=0,
        le=10,
        unit="relative hazard",
        source="ch. 4.4; Fafo 2025:14 (another labour market); assumption on size",
        doc="Push to leave for a job elsewhere, while nobody in a household past the "
        "programme has paid work here (relative to the background reason)",
        prior=(0, 4),
    )
    education_elsewhere: float = P(
        0.3,
        ge=0,
        le=10,
        unit="relative hazard",
        source="Fafo 2025:14 (studies); assumption on size",
        doc="Push to leave for an education elsewhere, for an adult past the programme who "
        "could study (young enough, Norwegian at the entry level, not qualified) but is not",
    )
    ties_beta: float = P(
        0.10, ge=0, le=1, unit="per local tie", source="ch. 4.4 (M3, M4)", prior=(0, 0.3)
    )
    lonely: float = P(
        1.0,
        ge=0,
        le=5,
        unit="relative hazard per unit of loneliness",
        source="ch. 4.4 (M3)",
        doc="Push to leave from isolation: singles stay isolated and leave",
    )
    children_school: float = P(
        0.8,
        ge=0,
        le=1,
        unit="multiplier",
        source="ch. 4.1 (M3); assumption on size",
        doc="Direct effect of children in school; their main effect runs through the parents' "
        "school and club arenas (local ties)",
    )
    remote_no_car: float = P(1.4, ge=1, le=3, unit="multiplier", source="ch. 7.1")
    owner: float = P(0.35, ge=0, le=1, unit="multiplier", source="ch. 3.1.2 (M14)")
    idle_per_month: float = P(
        0.05,
        ge=0,
        le=1,
        unit="relative hazard per idle month",
        source="ch. 4.4: without work people are forced to move",
        prior=(0, 0.3),
    )
    health_benefits_push: float = P(
        0.0,
        ge=0,
        le=1,
        unit="multiplier",
        source="appendix 4 point 3 ('mange på stønad'); assumption on size",
        doc="Share of the job-elsewhere and idleness pushes that still acts on an adult out of "
        "work with a health burden after the programme: on health-related benefits, not "
        "seeking work, so neither the jobs elsewhere nor the idle months push",
    )
    co_ethnic_pull: float = P(
        0.5,
        ge=0,
        le=6,
        unit="relative hazard",
        source="NOVA 13/2008 (co-ethnic networks); ch. 4.4",
        doc="Push to leave for relatives or compatriots in a city, with no local co-ethnic "
        "ties; damped by local co-ethnic ties",
        prior=(0, 3),
    )
    regional_pull: float = P(
        1.0,
        ge=0.8,
        le=1.25,
        unit="multiplier",
        source="calibrated per preset (bygdesim calibrate)",
        doc="The preset's residual: how strongly the region pulls people away (distance to "
        "cities and diaspora, transport out) beyond what the model represents",
    )
    unsteady: float = P(1.4, ge=0.5, le=3, unit="multiplier", source="ch. 4.2")
    impatient: float = P(1.1, ge=0.5, le=3, unit="multiplier", source="ch. 4.2")
    content: float = P(0.8, ge=0.5, le=3, unit="multiplier", source="ch. 4.2")
    go_getter: float = P(1.0, ge=0.5, le=3, unit="multiplier", source="ch. 4.2")
    start_loan_rate: float = P(
        0.01,
        ge=0,
        le=0.5,
        unit="1/month",
        doc="Baseline chance a household in steady work buys a home",
    )
    # ---- named constants of the move hazard (M15) ----
    few_ties: int = P(
        2,
        ge=0,
        le=20,
        unit="local ties per adult",
        doc="Below this the ties factor is reported as 'few local ties' (a label only)",
    )
    ties_counted_max: float = P(
        10.0, ge=0, le=50, unit="local ties per adult", doc="Ties beyond this lower it no further"
    )
    idle_months_max: int = P(
        24, ge=0, le=120, unit="months", doc="Idle months beyond this raise it no further"
    )
    co_ethnic_scale: float = P(
        3.0,
        ge=0.1,
        le=20,
        unit="co-ethnic ties",
        doc="Local co-ethnic ties that damp the diaspora pull by a factor e",
    )

    @model_validator(mode="after")
    def _job_never_raises_the_risk(self) -> Moving:
        if self.employed > self.in_programme:
            raise ValueError(
                f"moving.employed ({self.employed}) must not exceed moving.in_programme "
                f"({self.in_programme}): taking a job never raises a household's move risk"
            )
        return self


# --------------------------------------------------------------------------------------------
# Policy levers: each lever's section lives with the lever in model/levers/. Baseline presets set
# some of them (Nordre Land's teacher at the workplace, Vågå's shared IP): a lever is "on"
# relative to the preset it is applied to.
# --------------------------------------------------------------------------------------------

Levers: type[Section] = create_model(
    "Levers",
    __base__=Section,
    __doc__="Every policy lever's settings, one section a lever (model/levers/).",
    **{cls.name: (cls.settings, Field(default_factory=cls.settings)) for cls in LEVERS},
)


class VolunteerGroupSpec(Section):
    name: str = P("Volunteer group")
    kind: GroupKind = P(GroupKind.CAFE, doc="cafe | sports | crafts | youth")
    mixed: bool = P(True, source="ch. 4.1", doc="Mixes refugees with locals")
    capacity: int = P(15, ge=1, le=200, unit="refugee participants")
    meetings_per_month: float = P(2.0, ge=0, le=30, unit="meetings/month")
    members: int = P(20, ge=1, le=500, unit="local volunteers")
    older_women_profile: bool = P(
        True, source="ch. 6.3.1", doc="Volunteers mostly older women; young men not reached"
    )
    fee: bool = P(False, source="ch. 4.1", doc="Participation costs a fee")


class Params(Section):
    """All parameters of one scenario."""

    years: int = P(10, ge=1, le=30, unit="years", source="MODEL.md: 10-year horizon")
    municipality: Municipality = Field(default_factory=Municipality)
    arrivals: Arrivals = Field(default_factory=Arrivals)
    labour: Labour = Field(default_factory=Labour)
    services: Services = Field(default_factory=Services)
    language: Language = Field(default_factory=Language)
    social: Social = Field(default_factory=Social)
    moving: Moving = Field(default_factory=Moving)
    volunteer_groups: list[VolunteerGroupSpec] = Field(
        default_factory=lambda: [VolunteerGroupSpec(name="Red Cross café")],
        description="Volunteer groups and their activities",
        json_schema_extra={"unit": "groups", "source": "ch. 3.2.2, 3.3.2, 6.3.1; presets"},
    )
    levers: Levers = Field(default_factory=Levers)

    @model_validator(mode="after")
    def _sector_shares(self) -> Params:
        total = sum(self.labour.sector_shares.values())
        if total <= 0 or any(v < 0 for v in self.labour.sector_shares.values()):
            raise ValueError("labour.sector_shares must be non-negative with a positive sum")
        return self


def field_info(path: str) -> tuple[Any, dict[str, Any]]:
    """Return (FieldInfo, extra) for a dotted path like ``levers.bridge_builders.count``.

    Raises:
        KeyError: the path names no field.
    """
    cls: type[BaseModel] = Params
    parts = path.split(".")
    for i, part in enumerate(parts):
        if part not in cls.model_fields:
            raise KeyError(path)
        info = cls.model_fields[part]
        if i == len(parts) - 1:
            return info, dict(info.json_schema_extra or {})
        ann = info.annotation
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            raise KeyError(path)
        cls = ann
    raise KeyError(path)


def bounds(info: Any) -> tuple[float | None, float | None]:
    """The (ge, le) bounds of a field, None where unbounded."""
    lo = hi = None
    for m in info.metadata:
        lo = getattr(m, "ge", lo) if getattr(m, "ge", None) is not None else lo
        hi = getattr(m, "le", hi) if getattr(m, "le", None) is not None else hi
    return lo, hi


def leaf_paths(cls: type[BaseModel] = Params, prefix: str = "") -> list[str]:
    """Every dotted path to a scalar field of the schema."""
    out: list[str] = []
    for name, info in cls.model_fields.items():
        ann = info.annotation
        path = f"{prefix}{name}"
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out.extend(leaf_paths(ann, path + "."))
        else:
            out.append(path)
    return out


def get_path(obj: Any, path: str) -> Any:
    """The value at a dotted path (``levers.bridge_builders.count``) of a Params object or of
    its dumped dict."""
    node = obj
    for part in path.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return node


def set_path(tree: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """Set a dotted path in a nested dict, creating the tables on the way; returns ``tree``."""
    node = tree
    *tables, leaf = path.split(".")
    for part in tables:
        node = node.setdefault(part, {})
    node[leaf] = value
    return tree
