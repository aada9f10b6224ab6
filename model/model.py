"""BygdeModel: one municipality, month by month."""

from __future__ import annotations

import mesa
import numpy as np

from model.agents.bridge_builder import BridgeBuilder
from model.agents.employer import Employer
from model.agents.household import Household
from model.agents.refugee import Refugee
from model.agents.services import UNITS, ServiceUnit
from model.agents.volunteers import VolunteerGroup
from model.costs import CostLedger
from model.enums import PAID_WORK, Activity, Education, ProgrammeStatus, Sector
from model.formulas import language_fit
from model.network import SocialNetwork
from model.outcomes import GroupTally, compute_outcomes
from model.params import Params
from model.population import HouseholdPlan, plan_arrivals, plan_municipality
from model.reporters import MODEL_REPORTERS
from model.streams import Streams


class BygdeModel(mesa.Model):
    """Refugee settlement and retention in a small rural municipality.

    Args:
        params: the validated scenario parameters (defaults if omitted).
        rng: the master seed. Every random draw of the model derives from it.
        collect: record the monthly time series (DataCollector); outcomes are always kept.
    """

    def __init__(self, params: Params | None = None, rng: int = 0, collect: bool = True) -> None:
        super().__init__(rng=int(rng))
        self.p = params if params is not None else Params()
        self.seed = int(rng)
        self.streams = Streams(self.seed)
        self.month = 0
        self.horizon = self.p.years * 12
        self.collect = collect
        p, lv = self.p, self.p.levers

        town = plan_municipality(p, self.streams.stream("municipality"))
        self.network = SocialNetwork(p.municipality.population, town.hamlet_of_local)
        hamlets = town.hamlet_of_local
        self.locals_by_hamlet = {
            h: np.flatnonzero(hamlets == h).tolist() for h in range(p.municipality.hamlets + 1)
        }
        parents = set(town.parent_locals.tolist())
        self.parents_by_hamlet = {
            h: [i for i in ids if i in parents] or ids for h, ids in self.locals_by_hamlet.items()
        }
        self.employer_list = [Employer(self, e) for e in town.employers]
        self.public_workers = np.concatenate(
            [e.workers for e in self.employer_list if e.municipal] or [np.arange(10)]
        )
        designed = self._designed_groups(p, lv.mixed_activities.share)
        self.group_list = [
            VolunteerGroup(self, spec, town.group_members[i], i in designed)
            for i, spec in enumerate(p.volunteer_groups)
        ]
        self.service_units = {name: ServiceUnit(self, name) for name in UNITS}
        self.bridge_builders = [BridgeBuilder(self, i) for i in range(lv.bridge_builders.count)]
        self.municipal_positions: list[Refugee | None] = [None] * lv.municipal_jobs.positions

        self.arrival_plan = plan_arrivals(p, self.streams.stream("arrivals"))
        self._arrivals_by_month: dict[int, list] = {}
        for plan in self.arrival_plan:
            self._arrivals_by_month.setdefault(plan.arrival_month, []).append(plan)

        self.people: list[Refugee] = []  # everyone who ever arrived, movers included
        self.households: list[Household] = []
        self.present_people: list[Refugee] = []
        self.present_nodes: list[int] = []
        self.referrals: dict[int, list[Refugee]] = {}
        self._job_seekers: list[Refugee] = []
        self.coordination = p.services.coordination
        self.follow_up = p.services.follow_up
        self.placement_slots = 0.0
        self._budgets = {"mentors": 0.0, "licences": 0.0, "loans": 0.0}
        self.third_year_left = lv.third_programme_year.participants_per_year
        self._rng = {
            name: self.streams.stream(name) for name in ("commuting", "municipal_jobs", "levers")
        }
        self.costs = CostLedger(self)
        self.tally = GroupTally()
        self.datacollector = (
            mesa.DataCollector(model_reporters=MODEL_REPORTERS) if collect else None
        )

    # ---- the month -------------------------------------------------------------------------
    def step(self) -> None:
        """One month, in the ten stages of MODEL.md."""
        self.settle_arrivals()  # 1 arrivals
        self.organise_services()  # 2 services
        self.agents_of(ServiceUnit).do("lose_staff")
        self.agents_of(BridgeBuilder).do("serve")
        self.agents_of(Refugee).do("attend_ip_meeting")
        self.agents_of(Employer).do("receive_competing_requests")  # 3 placement
        self.agents_of(Employer).do("end_placements")
        self.agents_of(ServiceUnit).do("place_participants")
        self.agents_of(Refugee).do("learn_language")  # 4 learning
        self.agents_of(Refugee).do("keep_or_lose_job")  # 5 labour market
        self.find_job_seekers()
        self.agents_of(Employer).shuffle_do("hire")
        self.fill_commuting_vacancies()
        self.fill_municipal_jobs()
        self.agents_of(BridgeBuilder).do("recruit")
        self.support_driving_licences()  # 6 education transitions
        self.agents_of(Refugee).do("pursue_education")
        self.agents_of(VolunteerGroup).do("recruit")  # 7 social life
        self.agents_of(Refugee).do("socialise")
        self.agents_of(Refugee).do("update_loneliness")
        self.agents_of(Refugee).do("progress_programme")  # 8 programme progress
        self.agents_of(Household).do("grow_children")
        self.grant_start_loans()  # 9 stay/move decisions
        self.agents_of(Household).do("consider_home_purchase")
        self.agents_of(Household).do("decide_to_move")
        self.collect_data()  # 10 data collection
        self.month += 1
        if self.month >= self.horizon:
            self.running = False

    def run(self) -> dict[str, float]:
        """Run to the horizon and return the outcomes."""
        while self.running:
            self.step()
        return self.outcomes()

    def outcomes(self) -> dict[str, float]:
        return compute_outcomes(self)

    def agents_of(self, cls: type) -> mesa.agent.AgentSet:
        """The agents of a type; an empty set before the first one exists."""
        found = self.agents_by_type.get(cls)
        return found if found is not None else mesa.agent.AgentSet([], random=self.random)

    # ---- stage 1: arrivals -----------------------------------------------------------------
    def settle_arrivals(self) -> None:
        """This month's households settle; prepared neighbours and mentors where levers say."""
        lv = self.p.levers
        self._budgets["mentors"] += lv.mentor_scheme.mentors_per_year / 12.0
        for plan in self._arrivals_by_month.get(self.month, []):
            self.settle_household(plan)
        for person in self.present_people:
            if self._budgets["mentors"] < 1.0:
                break
            if person.mentor is None and person.months_settled < 6 and person.is_single:
                self.assign_mentor(person)
        for person in self.present_people:
            if self._budgets["mentors"] < 1.0:
                break
            if person.mentor is None and person.months_settled < 6:
                self.assign_mentor(person)

    def settle_household(self, plan: HouseholdPlan) -> Household:
        """Settle one household now (arrivals use it; tests and notebooks may too)."""
        hh = Household(self, plan)
        self.households.append(hh)
        for adult in plan.adults:
            person = Refugee(self, adult, hh)
            hh.members.append(person)
            self.people.append(person)
            self.present_people.append(person)
            self.present_nodes.append(person.node)
            where = "the centre" if plan.hamlet == 0 else "a hamlet"
            kind = plan.htype.value.replace("_", " ")
            person.log("arrival", f"settles in {where} as part of a {kind} household")
        if self.p.levers.establishment_group.enabled:
            self.prepare_arrival(hh)
        return hh

    def prepare_arrival(self, hh: Household) -> None:
        """Establishment group: neighbours and school prepared before arrival (ch. 6.3.2)."""
        hh.prepared = True
        k = self.p.levers.establishment_group.ties_at_arrival
        for person in hh.members:
            for local in hh.neighbours[:k]:
                self.network.contact(person.node, local, self.p.social.tie_threshold, self.month)
            person.log("social", f"neighbours prepared before arrival ({k} acquaintances)")
        self.costs.one_off(
            "establishment_group", self.p.levers.establishment_group.cost_per_household
        )

    def assign_mentor(self, person: Refugee) -> None:
        rng = self._rng["levers"]
        pool = self.group_list[0].members if self.group_list else np.arange(self.network.n_locals)
        person.mentor = int(pool[int(rng.integers(len(pool)))])
        person.mentor_until = self.month + self.p.levers.mentor_scheme.duration_months
        self.network.contact(person.node, person.mentor, self.p.social.tie_step, self.month)
        self._budgets["mentors"] -= 1.0
        person.log("social", "gets a volunteer mentor")

    # ---- stage 2: services -----------------------------------------------------------------
    def organise_services(self) -> None:
        """Coordination, follow-up and placement capacity this month (M11)."""
        sp, lv = self.p.services, self.p.levers
        sh = lv.shared_ip_and_meetings
        self.coordination = min(
            1.0,
            sp.coordination
            + (lv.integration_leader.coordination_boost if lv.integration_leader.enabled else 0.0)
            + 0.05 * min(sh.joint_meetings_per_month, 4)
            + (0.1 if sh.shared_digital_ip else 0.0),
        )
        participants = sum(1 for p in self.present_people if p.in_programme)
        load = participants * sp.hours_per_participant
        pressure = 1.0 if load <= sp.caseworker_hours else sp.caseworker_hours / load
        self.follow_up = min(
            1.0,
            sp.follow_up * pressure
            + lv.employer_contact.follow_up_boost * lv.employer_contact.persons,
        )
        slots = 0.25 * sp.caseworker_hours * pressure / sp.hours_per_placement
        if sp.placement_owner.value == "unclear":
            slots *= 0.4 + 0.6 * self.coordination  # a hot potato between units (ch. 6.1.2)
        self.placement_slots = slots
        if self.month % 12 == 0:
            self.third_year_left = lv.third_programme_year.participants_per_year

    # ---- stage 3: placements ---------------------------------------------------------------
    def start_placement(self, person: Refugee, employer: Employer, matched: bool) -> None:
        sp = self.p.social
        kind = Activity.WORK_PRACTICE if person.norwegian >= 1.5 else Activity.LANGUAGE_PRACTICE
        person.set_activity(kind, employer)
        person.placement_end = self.month + self.p.services.placement_length
        person.placement_matched = matched
        person.placement_interaction = person.rng_services.random() < min(
            1.0, sp.placement_interaction_share + (0.2 if matched else 0.0)
        )
        person.placements += 1
        if matched:
            person.motivation = min(1.0, person.motivation + 0.05)
            how = "matched to the person's goal"
        else:
            person.unmatched_placements += 1
            how = "placed wherever there was room"
            if person.unmatched_placements >= 2:
                person.motivation = max(0.05, person.motivation - 0.1)
                how += "; feels parked, motivation falls"
        person.log(
            "placement",
            f"{kind.value.replace('_', ' ')} at {employer.name} ({how})",
            employer=employer.name,
            matched=matched,
        )

    # ---- stage 5: labour market ------------------------------------------------------------
    def find_job_seekers(self) -> None:
        """Job seekers this month, and which employers each can reach through a tie (M8)."""
        thr = self.p.social.tie_threshold
        self._job_seekers = [p for p in self.present_people if p.job_seeker]
        referrals: dict[int, list[Refugee]] = {}
        for person in self._job_seekers:
            for emp in sorted(self.network.employers_reachable(person.node, thr)):
                referrals.setdefault(emp, []).append(person)
        self.referrals = referrals

    def open_applicants(self, rng: np.random.Generator, k: int) -> list[Refugee]:
        seekers = [p for p in self._job_seekers if p.job_seeker]
        if not seekers:
            return []
        idx = rng.choice(len(seekers), size=min(k, len(seekers)), replace=False)
        return [seekers[int(i)] for i in idx]

    def employ(
        self, person: Refugee, employer: Employer | None, subsidised: bool, how: str
    ) -> None:
        lab = self.p.labour
        rng = person.rng_labour
        activity = Activity.WAGE_SUBSIDY_JOB if subsidised else Activity.JOB
        person.set_activity(activity, employer)
        person.in_ladder = False
        person.subsidy_left = lab.wage_subsidy_months if subsidised else 0
        person.job_end = None
        if (
            employer is not None
            and employer.sector is Sector.TOURISM
            and rng.random() < lab.seasonal_share_tourism
        ):
            person.job_end = self.month + lab.season_months
        where = employer.name if employer is not None else "a neighbouring municipality"
        extra = " with a Nav wage subsidy" if subsidised else ""
        extra += " (seasonal)" if person.job_end is not None else ""
        person.log("job", f"{how}: job at {where}{extra}", employer=where)
        if person.in_programme:
            person.exit_programme()

    def fill_commuting_vacancies(self) -> None:
        """Jobs within commuting reach in neighbouring municipalities (M1)."""
        rng = self._rng["commuting"]
        lab, mun = self.p.labour, self.p.municipality
        for _ in range(rng.poisson(mun.commuting_vacancies_per_year / 12.0)):
            if rng.random() >= lab.refugee_consideration:
                continue
            requirement = self.p.language.b1_bar - (0.0 if rng.random() < 0.5 else 1.0)
            for person in self.open_applicants(rng, 3):
                reach = 1.0 if person.household.has_car else mun.public_transport
                p = (
                    lab.hire_open
                    * reach
                    * language_fit(person.norwegian, requirement, lab.language_weight)
                )
                if person.nav_known and person.nav_gap_left == 0:
                    p *= 1.0 + lab.wage_subsidy_boost
                if person.rng_labour.random() < p:
                    self.employ(
                        person, None, person.nav_known and person.nav_gap_left == 0, "commutes"
                    )
                    break

    def fill_municipal_jobs(self) -> None:
        """Time-limited municipal positions, matched to goals when the IP allows (M13)."""
        mj = self.p.levers.municipal_jobs
        free = [i for i, holder in enumerate(self.municipal_positions) if holder is None]
        if not free:
            return
        candidates = [
            p
            for p in self.present_people
            if p.job_seeker
            and p.activity is not Activity.MUNICIPAL_JOB
            and (p.status is ProgrammeStatus.COMPLETED or p.programme_month >= 18)
        ]
        if mj.matched_to_goals:
            candidates.sort(key=lambda p: (-p.ip_quality, p.pid))
        else:
            order = self._rng["municipal_jobs"].permutation(len(candidates))
            candidates = [candidates[int(i)] for i in order]
        for slot, person in zip(free, candidates, strict=False):
            self.municipal_positions[slot] = person
            person.set_activity(Activity.MUNICIPAL_JOB)
            person.in_ladder = False
            person.job_end = self.month + mj.duration_months
            person.job_match = person.ip_quality if mj.matched_to_goals else 0.15
            n = min(8, len(self.public_workers))
            person.colleagues = [
                int(x) for x in person.rng_social.choice(self.public_workers, size=n, replace=False)
            ]
            person.log(
                "job",
                f"municipal position for {mj.duration_months} months "
                f"({'matched to goals' if mj.matched_to_goals else 'any task'})",
            )
            if person.in_programme:
                person.exit_programme()

    def release_municipal_position(self, person: Refugee) -> None:
        for i, holder in enumerate(self.municipal_positions):
            if holder is person:
                self.municipal_positions[i] = None

    def end_municipal_job(self, person: Refugee) -> None:
        """At the end of a municipal position: the reference may lead to an ordinary job."""
        mj, lab = self.p.levers.municipal_jobs, self.p.labour
        fit = language_fit(person.norwegian, self.p.language.b1_bar - 0.5, lab.language_weight)
        p = 0.3 * (1.0 + mj.transition_boost * person.job_match) * fit
        if person.rng_labour.random() < min(0.95, p):
            pool = (
                [e for e in self.employer_list if e.sector is person.goal]
                or [e for e in self.employer_list if e.municipal]
                or self.employer_list
            )
            emp = pool[int(person.rng_labour.integers(len(pool)))]
            self.release_municipal_position(person)
            self.employ(person, emp, False, "the municipal position led to a job")
        else:
            person.fall_back("municipal position ended")

    # ---- stage 6: support for education and mobility ---------------------------------------
    def support_driving_licences(self) -> None:
        """Financed driving licences, hamlet households first (ch. 7.1)."""
        lv = self.p.levers.driving_licence_support
        self._budgets["licences"] += lv.licences_per_year / 12.0
        if self._budgets["licences"] < 1.0:
            return
        eligible = [p for p in self.present_people if not p.licence and p.norwegian >= 1.5]
        eligible.sort(key=lambda p: (p.household.hamlet == 0, p.household.has_car, p.pid))
        for person in eligible:
            if self._budgets["licences"] < 1.0:
                break
            person.licence = True
            self._budgets["licences"] -= 1.0
            self.costs.one_off("driving_licence_support", lv.cost_per_licence)
            person.log("mobility", "gets a driving licence financed by the municipality")

    def offer_ladder(self, person: Refugee) -> None:
        """MAKS-style low-threshold group for those furthest from work (ch. 6.1.1)."""
        places = self.p.levers.low_threshold_ladder.places
        if (
            places == 0
            or person.in_ladder
            or person.in_paid_work
            or person.activity is Activity.EDUCATION
        ):
            return
        if not (person.education is Education.NONE or person.health_burden):
            return
        if sum(1 for p in self.present_people if p.in_ladder) < places:
            person.in_ladder = True
            person.log("programme", "joins the low-threshold group (language and activity)")

    def offer_third_year(self, person: Refugee) -> bool:
        if (
            self.third_year_left <= 0
            or person.in_paid_work
            or person.activity is Activity.EDUCATION
            or person.norwegian < 1.0
        ):
            return False
        self.third_year_left -= 1
        return True

    # ---- stage 9: housing and moving -------------------------------------------------------
    def grant_start_loans(self) -> None:
        lv = self.p.levers.start_loans
        self._budgets["loans"] += lv.loans_per_year / 12.0
        if self._budgets["loans"] < 1.0:
            return
        for hh in self.households:
            if self._budgets["loans"] < 1.0:
                break
            if hh.moved_month is None and not hh.owner and hh.steady_work:
                hh.buy_home("buys a home with a start loan")
                self._budgets["loans"] -= 1.0
                self.costs.one_off("start_loans", lv.cost_per_loan)

    def move_out(self, hh: Household) -> None:
        """The household leaves the municipality (and the model); records are kept."""
        hh.moved_month = self.month
        words = hh.reasons_in_words()
        for person in hh.members:
            if person.employer is not None:
                person.employer.release(person)
                person.employer = None
            self.release_municipal_position(person)
            person.moved_month = self.month
            if person.group is not None and person in person.group.participants:
                person.group.participants.remove(person)
            person.log("move", f"moves away: {words}", factors=hh.move_factors)
            self.present_people.remove(person)
            self.present_nodes.remove(person.node)
            self.network.mark_moved(person.pid)
            person.remove()
        hh.remove()

    # ---- stage 10: data --------------------------------------------------------------------
    def collect_data(self) -> None:
        self.agents_of(Refugee).do("record_milestones")
        self.costs.charge_month()
        self.tally.observe(self)
        if self.datacollector is not None:
            self.datacollector.collect(self)

    # ---- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _designed_groups(p: Params, share: float) -> set[int]:
        """Groups the mixed_activities lever redesigns: immigrant-only ones first."""
        order = sorted(
            range(len(p.volunteer_groups)), key=lambda i: (p.volunteer_groups[i].mixed, i)
        )
        return set(order[: int(round(len(order) * share))])

    def network_locals_sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return rng.choice(self.network.n_locals, size=min(n, self.network.n_locals), replace=False)

    @property
    def employed_people(self) -> list[Refugee]:
        return [p for p in self.present_people if p.activity in PAID_WORK]
