"""Who arrives, and the municipality they arrive in.

Both are drawn once, at model start, from their own streams: the arrival plan from
``"arrivals"`` and the municipality (locals, employers, volunteer groups) from
``"municipality"``. A lever never changes either, so paired runs compare the same people in the
same place (common random numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from model.enums import Adaptation, Education, HouseholdType, Location, Sector, Sex
from model.params import Params

HOUSEHOLD_TYPES = (
    HouseholdType.SINGLE_MAN,
    HouseholdType.SINGLE_WOMAN,
    HouseholdType.COUPLE,
    HouseholdType.FAMILY,
    HouseholdType.SINGLE_PARENT,
)
ADAPTATIONS = (Adaptation.UNSTEADY, Adaptation.IMPATIENT, Adaptation.CONTENT, Adaptation.GO_GETTER)


@dataclass
class AdultPlan:
    pid: int
    sex: Sex
    age: float
    education: Education
    experience: Sector | None
    goal: Sector
    health_burden: bool
    licence: bool
    adaptation: Adaptation
    start_delay: int


@dataclass
class HouseholdPlan:
    seq: int
    cohort: int
    arrival_month: int
    htype: HouseholdType
    location: Location
    hamlet: int
    adults: list[AdultPlan] = field(default_factory=list)
    children: list[float] = field(default_factory=list)
    carer: int | None = None  # index in ``adults`` of the parent who stays home with small children

    @property
    def persons(self) -> int:
        return len(self.adults) + len(self.children)


def _shares(values: list[float]) -> np.ndarray:
    arr = np.asarray(values, dtype=float)
    return arr / arr.sum()


def plan_arrivals(params: Params, rng: np.random.Generator) -> list[HouseholdPlan]:
    """Households of every cohort with their arrival month, spread evenly over each year."""
    a = params.arrivals
    mix = _shares(
        [
            a.share_single_man,
            a.share_single_woman,
            a.share_couple,
            a.share_family,
            a.share_single_parent,
        ]
    )
    edu = {
        Sex.MAN: _shares(
            [a.education_none, a.education_primary, a.education_secondary, a.education_tertiary]
        ),
        Sex.WOMAN: _shares(
            [
                a.women_education_none,
                a.women_education_primary,
                a.women_education_secondary,
                a.women_education_tertiary,
            ]
        ),
    }
    experience_share = {Sex.MAN: a.experience_share, Sex.WOMAN: a.women_experience_share}
    types = _shares([a.type_unsteady, a.type_impatient, a.type_content, a.type_go_getter])
    sectors = list(params.labour.sector_shares)
    sector_p = _shares(list(params.labour.sector_shares.values()))
    horizon = params.years * 12
    plans: list[HouseholdPlan] = []
    seq = 0
    for cohort, quota in enumerate(a.persons_per_year):
        if cohort * 12 >= horizon:
            break
        cohort_plans: list[HouseholdPlan] = []
        persons = 0
        while persons < quota:
            htype = HOUSEHOLD_TYPES[int(rng.choice(len(HOUSEHOLD_TYPES), p=mix))]
            central = rng.random() < params.municipality.centre_housing_share
            hamlet = 0 if central else int(rng.integers(1, params.municipality.hamlets + 1))
            plan = HouseholdPlan(
                seq=seq,
                cohort=cohort,
                arrival_month=0,
                htype=htype,
                location=Location.CENTRE if central else Location.HAMLET,
                hamlet=hamlet,
            )
            if htype is HouseholdType.SINGLE_MAN:
                sexes = [Sex.MAN]
            elif htype in (HouseholdType.SINGLE_WOMAN,):
                sexes = [Sex.WOMAN]
            elif htype is HouseholdType.SINGLE_PARENT:
                sexes = [Sex.WOMAN if rng.random() < a.single_parent_woman_share else Sex.MAN]
            else:
                sexes = [Sex.MAN, Sex.WOMAN]
            if htype.has_children:
                n_children = 1 + int(rng.poisson(max(a.children_mean - 1.0, 0.0)))
                plan.children = [float(rng.uniform(0, a.child_age_max)) for _ in range(n_children)]
            for k, sex in enumerate(sexes):
                type_p = types.copy()
                if htype.is_single:  # the unsteady were mostly isolated singles (ch. 4.2)
                    type_p[0] *= a.unsteady_single_factor
                elif htype.has_children:
                    type_p[0] *= a.unsteady_children_factor
                type_p /= type_p.sum()
                education = Education(int(rng.choice(len(Education), p=edu[sex])))
                experience = None
                if rng.random() < experience_share[sex]:
                    experience = sectors[int(rng.choice(len(sectors), p=sector_p))]
                goal = (
                    experience
                    if (experience is not None and rng.random() < a.goal_from_experience)
                    else sectors[int(rng.choice(len(sectors), p=sector_p))]
                )
                age = float(min(max(rng.normal(a.age_mean, a.age_sd), a.age_min), a.age_max))
                plan.adults.append(
                    AdultPlan(
                        pid=seq * 4 + k,  # literal: pid layout, room for four adults a household
                        sex=sex,
                        age=age,
                        education=education,
                        experience=experience,
                        goal=goal,
                        health_burden=bool(rng.random() < a.health_burden_share),
                        licence=bool(rng.random() < a.driving_licence_share),
                        adaptation=ADAPTATIONS[int(rng.choice(len(ADAPTATIONS), p=type_p))],
                        start_delay=int(rng.integers(0, a.programme_start_delay_max + 1)),
                    )
                )
            if htype.has_children:
                mother = [k for k, sex in enumerate(sexes) if sex is Sex.WOMAN]
                mother_cares = rng.random() < a.carer_woman_share
                plan.carer = mother[0] if (mother and (mother_cares or len(sexes) == 1)) else 0
            persons += plan.persons
            cohort_plans.append(plan)
            seq += 1
        n = len(cohort_plans)
        for i, plan in enumerate(cohort_plans):
            plan.arrival_month = cohort * 12 + (12 * i) // n
        plans.extend(p for p in cohort_plans if p.arrival_month < horizon)
    return plans


@dataclass
class EmployerPlan:
    index: int
    sector: Sector
    size: int
    workers: np.ndarray
    hamlet: int
    placement_capacity: int
    social_responsibility: float
    municipal: bool


@dataclass
class MunicipalityPlan:
    hamlet_of_local: np.ndarray
    parent_locals: np.ndarray
    employers: list[EmployerPlan]
    group_members: list[np.ndarray]


def plan_municipality(params: Params, rng: np.random.Generator) -> MunicipalityPlan:
    """Locals (by hamlet), employers (by sector and size) and volunteer-group memberships."""
    m, lab = params.municipality, params.labour
    n = m.population
    centre = rng.random(n) < m.centre_locals_share
    hamlet = np.where(centre, 0, rng.integers(1, m.hamlets + 1, size=n))
    parents = np.flatnonzero(rng.random(n) < m.parent_share)

    sectors = [s for s, v in lab.sector_shares.items() if v > 0]
    share = _shares([lab.sector_shares[s] for s in sectors])
    counts = np.maximum(1, np.round(share * lab.employers)).astype(int)
    workers_total = int(n * lab.employment_rate_locals)
    pool = rng.permutation(n)[:workers_total]
    employers: list[EmployerPlan] = []
    cursor = 0
    for s, c, sh in zip(sectors, counts, share, strict=True):
        sector_workers = int(round(workers_total * sh))
        sizes = rng.lognormal(0.0, lab.employer_size_sigma, size=c)
        sizes = np.maximum(1, np.round(sizes / sizes.sum() * sector_workers)).astype(int)
        for size in sizes:
            ws = pool[cursor : cursor + size]
            cursor += size
            if len(ws) == 0:
                ws = rng.choice(n, size=1)
            public = s.is_public
            if public or s in (Sector.RETAIL, Sector.TOURISM):
                central = rng.random() < lab.central_employer_share
                loc = 0 if central else int(rng.integers(1, m.hamlets + 1))
            else:
                loc = int(rng.integers(0, m.hamlets + 1))
            size_term = (
                min(len(ws), lab.placement_capacity_size_cap) / lab.placement_capacity_size_scale
            )
            cap = max(
                1,
                int(round(lab.placement_capacity_mean * (lab.placement_capacity_base + size_term))),
            )
            employers.append(
                EmployerPlan(
                    index=len(employers),
                    sector=s,
                    size=len(ws),
                    workers=np.asarray(ws),
                    hamlet=loc,
                    placement_capacity=cap,
                    social_responsibility=float(
                        rng.beta(lab.social_responsibility_alpha, lab.social_responsibility_beta)
                    ),
                    municipal=public,
                )
            )
    groups = [rng.choice(n, size=min(g.members, n), replace=False) for g in params.volunteer_groups]
    return MunicipalityPlan(
        hamlet_of_local=hamlet, parent_locals=parents, employers=employers, group_members=groups
    )
