"""Employers: placements, trust in the services and hiring (M7, M8)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

from model.enums import Activity, EventKind, HireChannel, ProgrammeStatus, Sector
from model.formulas import language_fit
from model.labour_market import Entry
from model.population import EmployerPlan

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel


class Employer(Agent):
    """A private or municipal employer with local staff, trainees and refugee employees."""

    model: BygdeModel

    def __init__(self, model: BygdeModel, plan: EmployerPlan) -> None:
        super().__init__(model)
        self.index = plan.index
        self.sector: Sector = plan.sector
        self.municipal = plan.municipal
        self.name = f"{plan.sector.value.replace('_', ' ')} employer {plan.index + 1}"
        self.size = plan.size
        self.workers = plan.workers
        self.hamlet = plan.hamlet
        self.capacity = plan.placement_capacity
        self.social_responsibility = plan.social_responsibility
        self.trust = model.p.labour.trust_initial
        self.trainees: list[Refugee] = []
        self.staff: list[Refugee] = []
        self.recent_trainees: list[tuple[Refugee, int]] = []  # (person, month ended well)
        self.competing: list[int] = []  # end months of places taken by competing requests
        self.placements_done = 0
        self.placements_good = 0
        self.stream = model.streams.stream("employer", plan.index)
        self.node = model.network.add_employer(
            plan.index, plan.workers, sector=plan.sector.value, name=self.name
        )

    # ---- bookkeeping used by Refugee.set_activity -----------------------------------------
    def admit(self, person: Refugee) -> None:
        if person.activity.is_placement:
            self.trainees.append(person)
        else:
            self.staff.append(person)

    def release(self, person: Refugee) -> None:
        if person in self.trainees:
            self.trainees.remove(person)
        if person in self.staff:
            self.staff.remove(person)

    @property
    def effective_capacity(self) -> int:
        """Trainees this employer will follow up: lower when trust in the services is low."""
        kept = self.model.p.labour.capacity_at_no_trust
        capacity = int(round(self.capacity * (kept + (1.0 - kept) * self.trust)))
        return capacity if capacity > 0 else 0

    @property
    def free_places(self) -> int:
        kept = self.model.p.labour.capacity_at_no_trust  # effective_capacity, inlined (hot)
        capacity = int(round(self.capacity * (kept + (1.0 - kept) * self.trust)))
        return (capacity if capacity > 0 else 0) - len(self.trainees) - len(self.competing)

    # ---- stage 3: placements (M7) ----------------------------------------------------------
    def receive_competing_requests(self) -> None:
        """Students and other Nav clients ask first and take places (ch. 5.2)."""
        model = self.model
        m = model.month
        if self.competing:
            self.competing = [end for end in self.competing if end > m]
        rate = model.p.labour.competing_requests_per_year / 12.0
        for _ in range(self.stream.poisson(rate)):
            if self.free_places > 0:
                self.competing.append(m + model.p.services.placement_length)

    def end_placements(self) -> None:
        m = self.model.month
        if self.trainees:
            for person in [t for t in self.trainees if t.placement_end <= m]:
                self.end_placement(person, completed=True)
        if self.recent_trainees:
            window = self.model.p.labour.recent_trainee_months
            self.recent_trainees = [(p, t) for p, t in self.recent_trainees if m - t <= window]

    def end_placement(self, person: Refugee, completed: bool) -> None:
        """Judge the placement and update trust: follow-up builds it, neglect erodes it (M7)."""
        model = self.model
        lab, lv = model.p.labour, model.p.levers
        fit = language_fit(person.norwegian, self.requirement_mean, lab)
        follow_up = model.services.follow_up
        if person.bridge_builder is not None:
            follow_up += lv.bridge_builders.follow_up_boost
        followed = person.rng_services.random() < follow_up
        p_good = (
            lab.placement_success_base
            + lab.placement_success_matched * person.placement_matched
            + lab.placement_success_followed * followed
            + lab.placement_success_fit * fit
            + lab.placement_success_motivation * person.motivation
        )
        if person.activity is Activity.WORK_PRACTICE:
            p_good += (
                lv.teacher_at_workplace.placement_success_per_day
                * lv.teacher_at_workplace.days_per_week
            )
        good = person.rng_services.random() < min(lab.placement_success_max, p_good)
        if good:
            target = lab.trust_target_good_followed if followed else lab.trust_target_good_alone
        else:
            target = lab.trust_target_poor_followed if followed else lab.trust_target_poor_alone
        rate = lab.trust_rate * (
            1.0
            + lv.employer_contact.trust_boost
            * lv.employer_contact.persons
            / max(lab.trust_rate, 1e-9)  # literal: guard against division by zero
        )
        self.trust += min(1.0, rate) * (target - self.trust)
        self.placements_done += 1
        self.placements_good += good
        if good and completed:
            self.recent_trainees.append((person, model.month))
        person.log(
            EventKind.PLACEMENT,
            f"placement at {self.name} ends "
            f"{'well' if good else 'without result'}"
            f"{'' if followed else ' (no follow-up from the services)'}",
            employer=self.name,
            good=bool(good),
        )
        if completed:
            person.set_activity(person.default_activity())
        else:
            self.release(person)

    def _bars(self) -> tuple[float, float]:
        """(higher, lower) language bar of this employer's jobs: public services need B1;
        retail B1 or A2; manual work (farms, wood, building, quarries, tourism) A2 or A1."""
        bar, lab = self.model.p.language.b1_bar, self.model.p.labour
        if self.sector.is_public:
            return bar, bar
        if self.sector.is_manual:
            return bar - lab.manual_bar_below_b1, bar - lab.manual_lower_bar_below_b1
        return bar, bar - lab.lower_bar_below_b1

    @property
    def requirement_mean(self) -> float:
        high, low = self._bars()
        share = self.model.p.labour.job_requirement_b1_share
        return share * high + (1.0 - share) * low

    def job_requirement(self) -> float:
        high, low = self._bars()
        return high if self.stream.random() < self.model.p.labour.job_requirement_b1_share else low

    # ---- stage 5: hiring (M1, M8) ----------------------------------------------------------
    def hire(self) -> None:
        """Open this month's positions (size x the sector's yearly turnover; tourism by
        season) and fill each by a contest among applicants (M8)."""
        model, lab, stream = self.model, self.model.p.labour, self.stream
        rate = self.size * lab.turnover_by_sector.get(self.sector, 0.0) / 12.0
        if self.sector is Sector.TOURISM:
            peak = model.month % 12 in lab.tourism_peak_months  # summer and winter seasons
            rate *= lab.tourism_peak_factor if peak else lab.tourism_off_factor
        openings = stream.poisson(rate)
        if not openings:
            return
        consideration = lab.refugee_consideration * (
            lab.consideration_base + self.social_responsibility
        )
        for _ in range(openings):
            considered = stream.random() < consideration
            self.fill_vacancy(self.job_requirement(), considered)

    def applicants(self, requirement: float) -> list[Entry]:
        """Refugee applicants for one opening with their weights against a local applicant's
        1: own trainees (weighted by trust in the services), holders of a municipal-job
        reference in this sector, referrals through ties, Nav's proposals and open applicants;
        each person once, through the channel that serves them best. The employer's obstacles
        come in the report's order: language (the job's bar), then the services' follow-up
        (trust), then competing requests (fewer trainees, ch. 5)."""
        lab, market = self.model.p.labour, self.model.labour_market
        kept = lab.trainee_hire_at_no_trust
        trust = kept + (1.0 - kept) * self.trust
        trainees = [p for p in self.trainees if p.job_seeker]
        trainees += [
            p
            for p, _ in self.recent_trainees
            if p.job_seeker and p.moved_month is None and p not in trainees
        ]
        mj = self.model.levers.municipal_jobs
        referenced = market.referenced.get(self.sector, [])  # references still valid
        channels: list[tuple[list[Refugee], float, HireChannel]] = [
            (trainees, lab.hire_trainee * trust, HireChannel.PLACEMENT),
            (referenced, lab.hire_referral * trust, HireChannel.MUNICIPAL_JOB_REFERENCE),
            (market.referrals.get(self.index, []), lab.hire_referral, HireChannel.REFERRAL),
            (market.nav_proposals(self.stream), lab.hire_nav * trust, HireChannel.NAV_MEASURE),
            (
                market.open_applicants(self.stream, lab.applicants_per_vacancy),
                lab.hire_open,
                HireChannel.OPEN_APPLICATION,
            ),
        ]
        best: dict[int, Entry] = {}
        for candidates, base, channel in channels:
            for person in candidates:
                if not person.job_seeker:
                    continue
                w = base * self.candidate_odds(person, requirement)
                if channel is HireChannel.MUNICIPAL_JOB_REFERENCE:
                    w *= 1.0 + mj.reference_boost(person)
                subsidised = market.can_subsidise(person)
                if subsidised:
                    w *= 1.0 + lab.wage_subsidy_boost
                if person.pid not in best or w > best[person.pid][1]:
                    best[person.pid] = (person, w, channel, subsidised)
        return [best[k] for k in sorted(best)]

    def fill_vacancy(self, requirement: float, considered: bool = True) -> Refugee | None:
        """One opening: the contest among refugee applicants (if the employer considers them)
        and local applicants; a subsidised hire draws on Nav's budget."""
        market = self.model.labour_market
        entries = self.applicants(requirement) if considered else []
        won = market.contest(self.stream, entries)
        if won is None:
            return None
        person, _, channel, subsidised = won
        if subsidised:
            market.commit_subsidy()
            if channel is HireChannel.OPEN_APPLICATION:
                channel = HireChannel.NAV_MEASURE  # the subsidy made the hire
        person.take_job(self, subsidised, channel)
        return person

    def candidate_odds(self, person: Refugee, requirement: float) -> float:
        """Language against the bar, motivation, match, work experience, qualification and
        reach by car."""
        model, lab = self.model, self.model.p.labour
        odds = language_fit(person.norwegian, requirement, lab)
        floor = lab.odds_at_no_motivation
        odds *= floor + (1.0 - floor) * person.motivation
        if person.goal is self.sector or person.experience is self.sector:
            odds *= lab.goal_match_odds
        if person.experience is not None:
            odds *= lab.experience_odds
        if person.activity is Activity.NAV_MEASURE:
            odds *= lab.nav_measure_hire_odds
        if person.qualified:
            odds *= lab.qualified_odds
        if person.status is ProgrammeStatus.EXTENDED:
            odds *= 1.0 + model.p.levers.third_programme_year.specialist_boost
        if person.household.hamlet != self.hamlet and not person.household.has_car:
            odds *= 1.0 - lab.car_needed_hamlet * (1.0 - model.p.municipality.public_transport)
        return odds


CARE_SECTORS = (Sector.HEALTH_CARE, Sector.EDUCATION)  # 'wherever there is room' leans on these


def sector_weights(employers: list[Employer], goal: Sector | None, care: float) -> np.ndarray:
    """Placement weights: 'wherever there is room' leans on kindergartens and elderly care
    (weight ``care`` against 1 for other employers)."""
    if goal is not None:
        return np.array([1.0 if e.sector is goal else 0.0 for e in employers])
    return np.array([care if e.sector in CARE_SECTORS else 1.0 for e in employers])
