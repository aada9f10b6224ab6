"""BygdeModel: one municipality, month by month."""

from __future__ import annotations

import mesa
import numpy as np

from model.agents.employer import Employer
from model.agents.household import Household
from model.agents.refugee import Refugee
from model.agents.services import UNITS, ServiceUnit
from model.agents.volunteers import VolunteerGroup
from model.costs import CostLedger
from model.enums import EventKind, Stage
from model.labour_market import LabourMarket
from model.levers import LEVERS, LeverSet
from model.levers.mixed_activities import MixedActivities
from model.network import SocialNetwork
from model.outcomes import GroupTally, compute_outcomes
from model.params import Params
from model.population import HouseholdPlan, plan_arrivals, plan_municipality
from model.reporters import MODEL_REPORTERS
from model.service_organisation import ServiceOrganisation
from model.settled import settle_earlier_cohorts
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
        self.p = p = params if params is not None else Params()
        self.seed = int(rng)
        self.streams = Streams(self.seed)
        self.month = 0
        self.horizon = p.years * 12
        self.collect = collect

        # the place: residents, their hamlets, employers, volunteer groups and services
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
        # the refugees settled in earlier years: co-ethnic contacts and bridge-builders
        self.settled = settle_earlier_cohorts(self)
        self.settled_nodes = [s.node for s in self.settled]
        self.employer_list = [Employer(self, e) for e in town.employers]
        # residents working for the municipality (the first residents if no employer is public)
        fallback = np.arange(10)  # literal: only for a town without public employers
        self.public_workers = np.concatenate(
            [e.workers for e in self.employer_list if e.municipal] or [fallback]
        )
        designed = MixedActivities.designed_groups(
            p.volunteer_groups, p.levers.mixed_activities.share
        )
        self.group_list = [
            VolunteerGroup(self, spec, town.group_members[i], i in designed)
            for i, spec in enumerate(p.volunteer_groups)
        ]
        self.service_units = {name: ServiceUnit(self, name) for name in UNITS}
        self.services = ServiceOrganisation(self)
        self.labour_market = LabourMarket(self)
        self.levers = LeverSet(self, LEVERS)

        # the people: who arrives when; everyone who ever arrived stays in the records
        self.arrival_plan = plan_arrivals(p, self.streams.stream("arrivals"))
        self.arrivals_by_month: dict[int, list[HouseholdPlan]] = {}
        for plan in self.arrival_plan:
            self.arrivals_by_month.setdefault(plan.arrival_month, []).append(plan)
        self.people: list[Refugee] = []
        self.households: list[Household] = []
        self.present_people: list[Refugee] = []
        self.present_nodes: list[int] = []

        self.costs = CostLedger(self)
        self.tally = GroupTally()
        self.datacollector = (
            mesa.DataCollector(model_reporters=MODEL_REPORTERS) if collect else None
        )

    # ---- the month -------------------------------------------------------------------------
    def step(self) -> None:
        """One month, in the ten stages of MODEL.md."""
        self.settle_arrivals()  # 1 arrivals
        self.levers.act(Stage.ARRIVALS)
        self.services.organise()  # 2 services
        self.agents_of(ServiceUnit).do("lose_staff")
        self.levers.act(Stage.SERVICES)
        self.agents_of(Refugee).do("attend_ip_meeting")
        self.agents_of(Employer).do("receive_competing_requests")  # 3 placement
        self.agents_of(Employer).do("end_placements")
        self.agents_of(ServiceUnit).do("place_participants")
        self.agents_of(Refugee).do("learn_language")  # 4 learning
        self.agents_of(Refugee).do("keep_or_lose_job")  # 5 labour market
        self.labour_market.find_job_seekers()
        self.agents_of(Employer).shuffle_do("hire")
        self.labour_market.fill_commuting_vacancies()
        self.levers.act(Stage.LABOUR_MARKET)
        self.levers.act(Stage.EDUCATION)  # 6 education and mobility
        self.agents_of(Refugee).do("pursue_education")
        self.agents_of(VolunteerGroup).do("recruit")  # 7 social life
        self.agents_of(Refugee).do("socialise")
        self.agents_of(Refugee).do("update_loneliness")
        self.agents_of(Refugee).do("progress_programme")  # 8 programme progress
        self.agents_of(Household).do("grow_children")
        self.levers.act(Stage.HOUSING)  # 9 stay/move decisions
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
        """This month's households settle."""
        for plan in self.arrivals_by_month.get(self.month, []):
            self.settle_household(plan)

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
            person.log(EventKind.ARRIVAL, f"settles in {where} as part of a {kind} household")
        self.levers.welcome(hh)
        return hh

    def leave(self, person: Refugee) -> None:
        """``person`` moves away: no longer present, no longer an agent; records are kept."""
        self.present_people.remove(person)
        self.present_nodes.remove(person.node)
        self.network.mark_moved(person.pid)
        person.remove()

    # ---- stage 10: data --------------------------------------------------------------------
    def collect_data(self) -> None:
        self.agents_of(Refugee).do("record_milestones")
        self.costs.charge_month()
        self.tally.observe(self)
        if self.datacollector is not None:
            self.datacollector.collect(self)

    def locals_sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` residents drawn at random (without replacement)."""
        return rng.choice(self.network.n_locals, size=min(n, self.network.n_locals), replace=False)
