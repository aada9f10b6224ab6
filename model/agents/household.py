"""Households: children, housing and the stay/move decision (M3, M14, M15)."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from mesa import Agent

from model.enums import (
    Activity,
    Adaptation,
    EventKind,
    GroupKind,
    HouseholdState,
    HouseholdType,
    Location,
)
from model.population import HouseholdPlan

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel

# Plain words for each factor of the move decision (shown in the dashboard and life history).
FACTOR_WORDS = {
    "no_job": "nobody in the household had paid work",
    "job": "someone in the household had paid work",
    "education": "someone was in education",
    "in_programme": "still in the introduction programme (moving forfeits it)",
    "few_ties": "few local ties",
    "ties": "local ties",
    "lonely": "loneliness",
    "children_school": "children in school or kindergarten",
    "remote_no_car": "living in an outlying hamlet without a car",
    "owner": "owning their home",
    "idle": "months without activity after the programme",
    "co_ethnic_pull": "pull towards relatives and compatriots elsewhere",
    "adaptation": "adaptation type",
    "regional": "the pull of places elsewhere (the region's residual)",
}


class Household(Agent):
    """The unit that moves: a single adult, a couple, or a family with children."""

    model: BygdeModel

    def __init__(self, model: BygdeModel, plan: HouseholdPlan) -> None:
        super().__init__(model)
        self.seq = plan.seq
        self.cohort = plan.cohort
        self.htype: HouseholdType = plan.htype
        self.arrival_month = plan.arrival_month
        self.location: Location = plan.location
        self.hamlet = plan.hamlet
        self.children = list(plan.children)
        self.owner = False
        self.prepared = False
        self.children_in_club = False
        self.members: list[Refugee] = []
        self.moved_month: int | None = None
        self.move_factors: list[dict] = []
        self.months_by_state: Counter[HouseholdState] = Counter()
        self.moved_from_state: HouseholdState | None = None
        self.stream = model.streams.stream("household", plan.seq)
        # one pre-drawn number a month for the move decision: paired runs stay aligned however
        # often the other household draws happen (common random numbers)
        self.move_draws = model.streams.stream("move", plan.seq).random(model.horizon + 1)
        same = [i for i in model.locals_by_hamlet[plan.hamlet]]
        self.neighbours = [
            same[int(i)]
            for i in self.stream.choice(
                len(same), size=min(model.p.social.neighbours, len(same)), replace=False
            )
        ]
        self.school_parents: list[int] = []
        self.club_parents: list[int] = []

    # ---- derived state ---------------------------------------------------------------------
    @property
    def has_car(self) -> bool:
        return any(p.licence for p in self.members)

    @property
    def remote_without_car(self) -> bool:
        return self.location is Location.HAMLET and not self.has_car

    @property
    def children_in_school(self) -> int:
        sp = self.model.p.social
        return sum(1 for age in self.children if sp.school_age_from <= age < sp.school_age_to)

    # ---- stage 8: children grow ------------------------------------------------------------
    def grow_children(self) -> None:
        """Children age; parents meet other parents at school, kindergarten and clubs (M3)."""
        self.children = [a + 1.0 / 12.0 for a in self.children]
        sp = self.model.p.social
        in_school = self.children_in_school > 0
        if in_school and not self.school_parents:
            pool = self.model.parents_by_hamlet[self.hamlet]
            n = min(sp.school_parents, len(pool))
            self.school_parents = [
                pool[int(i)] for i in self.stream.choice(len(pool), size=n, replace=False)
            ]
        elif not in_school:
            self.school_parents = []
        supported = self.model.p.levers.children_activity_support.enabled
        if (
            in_school
            and not self.children_in_club
            and (supported or self.stream.random() < sp.club_join_rate)
        ):
            self.children_in_club = True
            sports = [g for g in self.model.group_list if g.kind is GroupKind.SPORTS]
            pool = (
                sports[0].members if sports else self.model.locals_sample(self.stream, sp.club_pool)
            )
            n = min(sp.club_parents, len(pool))
            self.club_parents = [int(x) for x in self.stream.choice(pool, size=n, replace=False)]
            for p in self.members:
                p.log(EventKind.SOCIAL, "children join a sports club; parents meet other parents")

    # ---- stage 9: housing and moving (M14, M15) --------------------------------------------
    def consider_home_purchase(self) -> None:
        """Households in steady work may buy with a start loan (M14)."""
        if self.owner or not self.steady_work:
            return
        if self.stream.random() < self.model.p.moving.start_loan_rate:
            self.buy_home("buys a home")

    @property
    def steady_work(self) -> bool:
        m = self.model.month
        return any(p.in_paid_work and m - p.activity_since >= 12 for p in self.members)

    def buy_home(self, how: str) -> None:
        self.owner = True
        for p in self.members:
            p.log(EventKind.HOUSING, how)

    def move_factors_now(self) -> list[tuple[str, float]]:
        """The multiplicative factors of this month's move hazard, by name (M15)."""
        mv = self.model.p.moving
        adults = self.members
        out: list[tuple[str, float]] = []
        if any(p.in_programme or p.activity is Activity.WAITING for p in adults):
            out.append(("in_programme", mv.in_programme))
        if any(p.in_paid_work for p in adults):
            out.append(("job", mv.employed))
        else:
            out.append(("no_job", 1.0))
            if any(p.activity is Activity.EDUCATION for p in adults):
                out.append(("education", mv.education))
        ties = sum(p.local_ties for p in adults) / len(adults)
        label = "ties" if ties >= mv.few_ties else "few_ties"
        out.append((label, math.exp(-mv.ties_beta * min(ties, mv.ties_counted_max))))
        lonely = max(p.loneliness for p in adults)
        out.append(("lonely", 1.0 + mv.lonely * lonely))
        if self.children_in_school:
            out.append(("children_school", mv.children_school))
        if self.remote_without_car:
            out.append(("remote_no_car", mv.remote_no_car))
        if self.owner:
            out.append(("owner", mv.owner))
        idle = max(p.idle_months for p in adults)
        if idle:
            out.append(("idle", 1.0 + mv.idle_per_month * min(idle, mv.idle_months_max)))
        co = max(p.co_ethnic_ties for p in adults)
        out.append(("co_ethnic_pull", 1.0 + mv.co_ethnic_pull * math.exp(-co / mv.co_ethnic_scale)))
        if mv.regional_pull != 1.0:
            out.append(("regional", mv.regional_pull))
        kind = adults[0].adaptation
        out.append(
            (
                "adaptation",
                {
                    Adaptation.UNSTEADY: mv.unsteady,
                    Adaptation.IMPATIENT: mv.impatient,
                    Adaptation.CONTENT: mv.content,
                    Adaptation.GO_GETTER: mv.go_getter,
                }[kind],
            )
        )
        return out

    def move_hazard(self, factors: list[tuple[str, float]] | None = None) -> float:
        """This month's move hazard: the base hazard times every factor (M15)."""
        h = self.model.p.moving.base_hazard
        for _, f in factors if factors is not None else self.move_factors_now():
            h *= f
        return h

    def state(self) -> HouseholdState:
        """What the household lives on this month: paid work, the programme, education or
        neither (for move rates by state)."""
        adults = self.members
        if any(p.in_paid_work for p in adults):
            return HouseholdState.EMPLOYED
        if any(p.in_programme or p.activity is Activity.WAITING for p in adults):
            return HouseholdState.IN_PROGRAMME
        if any(p.activity is Activity.EDUCATION for p in adults):
            return HouseholdState.EDUCATION
        return HouseholdState.NEITHER

    def decide_to_move(self) -> None:
        """Monthly household hazard; movers leave with the factors behind the decision (M15)."""
        state = self.state()
        self.months_by_state[state] += 1
        factors = self.move_factors_now()
        h = self.move_hazard(factors)
        if self.move_draws[self.model.month] >= 1.0 - math.exp(-h):
            return
        mv = self.model.p.moving
        explained = []
        for name, f in factors:
            effect = f
            if name == "no_job":
                # relative to a household with work
                effect = 1.0 / max(mv.employed, 1e-9)  # literal: guard against division by zero
            shown = round(effect, 3)  # literal: rounding for display
            explained.append({"factor": name, "multiplier": shown, "words": FACTOR_WORDS[name]})
        tiny = 1e-9  # literal: guard against log(0)
        explained.sort(key=lambda d: -math.log(max(d["multiplier"], tiny)))
        self.move_factors = explained
        self.moved_from_state = state
        self.move_out()

    def move_out(self) -> None:
        """The household leaves the municipality (and the model); records are kept."""
        model = self.model
        self.moved_month = model.month
        words = self.reasons_in_words()
        for person in self.members:
            if person.employer is not None:
                person.employer.release(person)
                person.employer = None
            model.levers.municipal_jobs.release(person)
            person.moved_month = model.month
            if person.group is not None and person in person.group.participants:
                person.group.participants.remove(person)
            person.log(EventKind.MOVE, f"moves away: {words}", factors=self.move_factors)
            model.leave(person)
        self.remove()

    def reasons_in_words(self, top: int = 3) -> str:  # literal: reasons shown (display)
        """The strongest factors that pushed the household to move, in plain words."""
        pushed = [d for d in self.move_factors if d["multiplier"] > 1.0][:top]
        if not pushed:
            return "no single strong reason: an ordinary background chance of moving"
        parts = []
        for d in pushed:
            words = d["words"]
            if d["factor"] == "adaptation":
                words = f"{words} ({self.members[0].adaptation.value.replace('_', ' ')})"
            parts.append(f"{words} (x{d['multiplier']:.1f})")
        return "; ".join(parts)
