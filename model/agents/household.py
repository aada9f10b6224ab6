"""Households: children, housing and the stay/move decision (M3, M14, M15)."""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

from mesa import Agent

from model.enums import (
    PAID_WORK,
    Activity,
    Adaptation,
    Education,
    EventKind,
    GroupKind,
    HouseholdState,
    HouseholdType,
    Location,
    MoveReason,
    ProgrammeStatus,
)
from model.population import HouseholdPlan

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel

# The moving parameter that holds each adaptation type (M15)
ADAPTATION_ANCHOR = {
    Adaptation.UNSTEADY: "unsteady",
    Adaptation.IMPATIENT: "impatient",
    Adaptation.CONTENT: "content",
    Adaptation.GO_GETTER: "go_getter",
}

# Plain words for each anchor and reason of the move decision (dashboard and life history).
FACTOR_WORDS = {
    "job": "someone in the household had paid work",
    "education": "someone was in education",
    "in_programme": "still in the introduction programme (moving forfeits it)",
    "ties": "local ties",
    "children_school": "children in school or kindergarten",
    "remote_no_car": "living in an outlying hamlet without a car",
    "owner": "owning their home",
    "adaptation": "adaptation type",
    "regional": "the pull of places elsewhere (the region's residual)",
    MoveReason.KIN_CITY: "pull towards relatives and compatriots in a city",
    MoveReason.JOB_ELSEWHERE: "nobody in the household had paid work here",
    MoveReason.EDUCATION_ELSEWHERE: "an education they could not start here",
    MoveReason.ISOLATION: "loneliness",
    MoveReason.IDLENESS: "months without activity after the programme",
    MoveReason.OTHER: "an ordinary background chance of moving",
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
        self.carer_index = plan.carer
        self.owner = False
        self.prepared = False
        self.children_in_club = False
        self.members: list[Refugee] = []
        self.moved_month: int | None = None
        self.move_factors: list[dict] = []
        self.months_by_state: Counter[HouseholdState] = Counter()
        self.moved_from_state: HouseholdState | None = None
        self.move_reason: MoveReason | None = None
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
        for p in self.members:
            if p.licence:
                return True
        return False

    @property
    def remote_without_car(self) -> bool:
        return self.location is Location.HAMLET and not self.has_car

    @property
    def carer(self) -> Refugee | None:
        """The parent who stays home with small children (mostly the mother), if any."""
        if self.carer_index is None or self.carer_index >= len(self.members):
            return None
        return self.members[self.carer_index]

    @property
    def small_child_at_home(self) -> bool:
        """A child too young for kindergarten, or under school age while the kindergarten place
        is not yet there (the first months after arrival)."""
        if not self.children:
            return False
        sp = self.model.p.social
        waiting = self.model.month - self.arrival_month < sp.kindergarten_wait_months
        school_age_from, school_start_age = sp.school_age_from, sp.school_start_age
        for age in self.children:
            if age < school_age_from or (waiting and age < school_start_age):
                return True
        return False

    @property
    def children_in_school(self) -> int:
        sp = self.model.p.social
        low, high = sp.school_age_from, sp.school_age_to
        n = 0
        for age in self.children:
            if low <= age < high:
                n += 1
        return n

    # ---- stage 8: children grow ------------------------------------------------------------
    def grow_children(self) -> None:
        """Children age; parents meet other parents at school, kindergarten and clubs (M3)."""
        if not self.children:  # no child in school, none to join a club: no draws either
            self.school_parents = []
            return
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
        for p in self.members:
            if p.activity in PAID_WORK and m - p.activity_since >= 12:
                return True
        return False

    def buy_home(self, how: str) -> None:
        self.owner = True
        for p in self.members:
            p.log(EventKind.HOUSING, how)

    def anchors_now(self, state: HouseholdState | None = None) -> list[tuple[str, float]]:
        """What holds the household here (or, above 1, pushes on every reason), by name: the
        strongest of work, the programme and education, then ties, children, housing, car,
        adaptation and the region (M15). ``state``: this month's ``state()`` if known."""
        mv = self.model.p.moving
        adults = self.members
        out: list[tuple[str, float]] = []
        if state is None:
            state = self.state()
        if state is HouseholdState.EMPLOYED:
            out.append(("job", mv.employed))  # never above in_programme (schema rule)
        elif state is HouseholdState.IN_PROGRAMME:
            out.append(("in_programme", mv.in_programme))
        elif state is HouseholdState.EDUCATION:
            out.append(("education", mv.education))
        ties = sum([p.local_ties for p in adults]) / len(adults)
        out.append(("ties", math.exp(-mv.ties_beta * min(ties, mv.ties_counted_max))))
        if self.children_in_school:
            out.append(("children_school", mv.children_school))
        if self.remote_without_car:
            out.append(("remote_no_car", mv.remote_no_car))
        if self.owner:
            out.append(("owner", mv.owner))
        if mv.regional_pull != 1.0:
            out.append(("regional", mv.regional_pull))
        out.append(("adaptation", getattr(mv, ADAPTATION_ANCHOR[adults[0].adaptation])))
        return out

    def pushes_now(self) -> dict[MoveReason, float]:
        """Each reason's push, relative to the background reason (M15): for relatives in a
        city (damped by local co-ethnic ties), for a job elsewhere (nobody past the programme
        has paid work here), for an education elsewhere, from isolation, from idleness."""
        p = self.model.p
        mv, sv = p.moving, p.services
        # one pass over the adults (every household, every month): the largest co-ethnic
        # ties, loneliness and idle months (the first adult's on a tie, as max() keeps), and
        # whether anyone works, studies or, past the programme, could study. An adult out
        # of work with a health burden lives on health-related benefits: the job-elsewhere and
        # idleness pushes act on them only by ``health_benefits_push``
        benefits, cap = mv.health_benefits_push, mv.idle_months_max
        first = self.members[0]
        co, lonely = first.co_ethnic_ties, first.loneliness
        idle = (benefits if first.health_burden else 1.0) * min(first.idle_months, cap)
        job_push = 0.0
        working = studying = could_study = False
        for a in self.members:
            seeking = benefits if a.health_burden else 1.0
            if a.co_ethnic_ties > co:
                co = a.co_ethnic_ties
            if a.loneliness > lonely:
                lonely = a.loneliness
            weighted_idle = seeking * min(a.idle_months, cap)
            if weighted_idle > idle:
                idle = weighted_idle
            activity = a.activity
            if activity in PAID_WORK:
                working = True
            elif activity is Activity.EDUCATION:
                studying = True
            if a.status is ProgrammeStatus.COMPLETED:
                if seeking > job_push:
                    job_push = seeking
                could_study = could_study or (
                    not a.qualified
                    and activity is not Activity.EDUCATION
                    and a.age < sv.education_max_age
                    and a.education >= Education.PRIMARY
                    and a.norwegian >= sv.education_min_norwegian
                )
        return {
            MoveReason.OTHER: 1.0,
            MoveReason.KIN_CITY: mv.co_ethnic_pull * math.exp(-co / mv.co_ethnic_scale),
            MoveReason.JOB_ELSEWHERE: mv.job_elsewhere * job_push if not working else 0.0,
            MoveReason.EDUCATION_ELSEWHERE: (
                mv.education_elsewhere if could_study and not studying else 0.0
            ),
            MoveReason.ISOLATION: mv.lonely * lonely,
            MoveReason.IDLENESS: (mv.idle_per_month * idle if not working else 0.0),
        }

    def move_hazards(self) -> dict[MoveReason, float]:
        """This month's hazard of moving for each reason: base hazard x anchors x push."""
        return self.hazards_from(self.anchors_now(), self.pushes_now())

    def hazards_from(
        self, anchors: list[tuple[str, float]], pushes: dict[MoveReason, float]
    ) -> dict[MoveReason, float]:
        """``move_hazards`` from this month's anchors and pushes, computed once by the caller."""
        scale = self.model.p.moving.base_hazard
        for _, f in anchors:
            scale *= f
        return {reason: scale * push for reason, push in pushes.items()}

    def move_hazard(self) -> float:
        """This month's total move hazard: the sum over the competing reasons (M15)."""
        return sum(self.move_hazards().values())

    def state(self) -> HouseholdState:
        """What the household lives on this month: paid work, the programme, education or
        neither (for move rates by state)."""
        adults = self.members
        for p in adults:
            if p.activity in PAID_WORK:
                return HouseholdState.EMPLOYED
        for p in adults:
            if p.in_programme or p.activity is Activity.WAITING:
                return HouseholdState.IN_PROGRAMME
        for p in adults:
            if p.activity is Activity.EDUCATION:
                return HouseholdState.EDUCATION
        return HouseholdState.NEITHER

    def decide_to_move(self) -> None:
        """Competing risks: the household moves with the total hazard, for the reason whose
        share of it the month's pre-drawn number falls in; the life history says which, where
        to, and what held or pushed (M15)."""
        state = self.state()
        self.months_by_state[state] += 1
        # anchors and pushes once: nothing changes them before the explanation below uses them
        anchors, pushes = self.anchors_now(state), self.pushes_now()
        hazards = self.hazards_from(anchors, pushes)
        total = sum(hazards.values())
        p_move = 1.0 - math.exp(-total)
        u = self.move_draws[self.model.month]
        if u >= p_move:
            return
        # the same number picks the reason: its position within p_move, by hazard shares
        at, cum = u / p_move * total, 0.0
        reason = MoveReason.OTHER
        for r, h in hazards.items():
            cum += h
            if at < cum:
                reason = r
                break
        self.move_reason = reason
        shown = 3  # literal: decimals shown (display)
        explained = [
            {
                "factor": str(r),
                "multiplier": round(1.0 + pushes[r], shown),
                "words": FACTOR_WORDS[r],
            }
            for r in sorted(pushes, key=lambda r: -pushes[r])
            if r is not MoveReason.OTHER and pushes[r] > 0
        ]
        explained += [
            {"factor": name, "multiplier": round(f, shown), "words": FACTOR_WORDS[name]}
            for name, f in anchors
        ]
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
            person.log(
                EventKind.MOVE,
                f"moves away: {words}",
                factors=self.move_factors,
                reason=str(self.move_reason) if self.move_reason else None,
            )
            model.leave(person)
        self.remove()

    def reasons_in_words(self, top: int = 3) -> str:  # literal: reasons shown (display)
        """Why the household moved, in plain words: the reason and its destination first, then
        the strongest other pushes."""
        reason = self.move_reason
        if reason is None:
            head = "no reason recorded"
        elif reason.pulled:
            head = f"for {reason.destination} ({FACTOR_WORDS[reason]})"
        else:
            head = f"from {FACTOR_WORDS[reason]}, to {reason.destination}"
        pushed = [
            d
            for d in self.move_factors
            if d["multiplier"] > 1.0 and d["factor"] != (str(reason) if reason else None)
        ][: top - 1]
        parts = [head]
        for d in pushed:
            words = d["words"]
            if d["factor"] == "adaptation":
                words = f"{words} ({self.members[0].adaptation.value.replace('_', ' ')})"
            parts.append(f"{words} (x{d['multiplier']:.1f})")
        return "; ".join(parts)
