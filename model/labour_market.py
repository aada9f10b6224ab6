"""The local labour market as a whole: who is looking for work this month, whom they can
reach through ties, Nav's yearly budget for wage subsidies, the contest for an opening and the
jobs within commuting reach (M1, M8). Employers open positions on their own
(``Employer.hire``); this object holds what they share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.enums import HireChannel
from model.formulas import language_fit

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel

PER_1000 = 1000  # literal: unit conversion (places per 1000 residents)

# one applicant in an employer's choice: (person, weight, channel, subsidised)
Entry = tuple["Refugee", float, HireChannel, bool]


class LabourMarket:
    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        self.job_seekers: list[Refugee] = []
        self.referrals: dict[int, list[Refugee]] = {}  # employer index -> referred seekers
        self.nav_clients: list[Refugee] = []
        self.referenced: dict[object, list[Refugee]] = {}  # sector -> reference holders
        self.rng = model.streams.stream("commuting")
        self.nav_budget = self.yearly_nav_budget()
        self.nav_spent_total = 0.0
        self.measure_months = self.yearly_measure_months()
        self.measures_started = 0

    def yearly_nav_budget(self) -> float:
        p = self.model.p
        return p.labour.nav_budget_nok_per_resident * p.municipality.population

    def yearly_measure_months(self) -> float:
        p = self.model.p
        return p.labour.nav_measure_place_months_per_1000 * p.municipality.population / PER_1000

    def find_job_seekers(self) -> None:
        """Job seekers this month, and which employers each can reach through a tie (M8);
        Nav's budget renews each January."""
        model = self.model
        if model.month % 12 == 0:
            self.nav_budget = self.yearly_nav_budget()
            self.measure_months = self.yearly_measure_months()
        thr = model.p.social.tie_threshold
        self.job_seekers = [p for p in model.present_people if p.job_seeker]
        referrals: dict[int, list[Refugee]] = {}
        for person in self.job_seekers:
            for emp in sorted(model.network.employers_reachable(person.node, thr)):
                referrals.setdefault(emp, []).append(person)
        self.referrals = referrals
        # Nav's clients, and holders of a municipal-job reference by sector, this month
        self.nav_clients = [p for p in self.job_seekers if p.nav_follows]
        self.referenced: dict[object, list[Refugee]] = {}
        m = model.month
        for person in self.job_seekers:
            ref = person.reference
            if ref is not None and m <= ref[1]:
                self.referenced.setdefault(ref[0], []).append(person)

    def open_applicants(self, rng: np.random.Generator, k: int) -> list[Refugee]:
        """Up to ``k`` of this month's job seekers who are still looking, drawn at random."""
        seekers = [p for p in self.job_seekers if p.job_seeker]
        if not seekers:
            return []
        idx = rng.choice(len(seekers), size=min(k, len(seekers)), replace=False)
        return [seekers[int(i)] for i in idx]

    def nav_proposals(self, rng: np.random.Generator) -> list[Refugee]:
        """Job seekers Nav puts forward through its employer contacts: only people Nav knows
        (during the programme only where Nav has joined the plan)."""
        known = [p for p in self.nav_clients if p.job_seeker]
        k = self.model.p.labour.nav_candidates_per_opening
        if not known or k == 0:
            return []
        idx = rng.choice(len(known), size=min(k, len(known)), replace=False)
        return [known[int(i)] for i in idx]

    def subsidy_cost(self) -> float:
        lab = self.model.p.labour
        return lab.wage_subsidy_months * lab.wage_subsidy_nok_per_month

    def can_subsidise(self, person: Refugee) -> bool:
        """Nav offers a wage subsidy for a person it follows while this year's budget lasts."""
        return person.nav_follows and self.nav_budget >= self.subsidy_cost() > 0

    def can_fund_measure(self) -> bool:
        """A work-training place fits in what is left of this year's places."""
        return self.measure_months >= self.model.p.labour.nav_measure_months

    def commit_measure(self) -> None:
        self.measure_months -= self.model.p.labour.nav_measure_months
        self.measures_started += 1

    def commit_subsidy(self) -> None:
        cost = self.subsidy_cost()
        self.nav_budget -= cost
        self.nav_spent_total += cost

    def contest(self, rng: np.random.Generator, entries: list[Entry]) -> Entry | None:
        """The opening goes to one applicant, drawn with chance proportional to weight among
        the refugee applicants and a Poisson number of local and commuting applicants of
        weight 1 each (a multinomial choice; None: a local got it)."""
        locals_ = int(rng.poisson(self.model.p.labour.local_applicants_per_opening))
        total = sum([e[1] for e in entries]) + locals_ if entries else locals_
        if total <= 0:
            return None
        at = rng.random() * total
        for entry in entries:
            at -= entry[1]
            if at < 0:
                return entry
        return None

    def fill_commuting_vacancies(self) -> None:
        """Jobs within commuting reach in neighbouring municipalities (M1), contested like
        local openings; reach by car or public transport scales the weight."""
        rng, p = self.rng, self.model.p
        lab, mun = p.labour, p.municipality
        for _ in range(rng.poisson(mun.commuting_vacancies_per_year / 12.0)):
            if rng.random() >= lab.refugee_consideration:
                continue
            at_b1 = rng.random() < lab.commuting_b1_share
            requirement = p.language.b1_bar - (0.0 if at_b1 else 1.0)
            entries: list[Entry] = []
            for person in self.open_applicants(rng, lab.applicants_per_vacancy):
                reach = 1.0 if person.household.has_car else mun.public_transport
                w = lab.hire_open * reach * language_fit(person.norwegian, requirement, lab)
                subsidised = self.can_subsidise(person)
                if subsidised:
                    w *= 1.0 + lab.wage_subsidy_boost
                entries.append((person, w, HireChannel.COMMUTING, subsidised))
            won = self.contest(rng, entries)
            if won is not None:
                person, _, channel, subsidised = won
                if subsidised:
                    self.commit_subsidy()
                person.take_job(None, subsidised, channel)
