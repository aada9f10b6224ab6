"""The local labour market as a whole: who is looking for work this month, whom they can
reach through ties, and the jobs within commuting reach (M1, M8). Employers hire on their own
(``Employer.hire``); this object holds what they share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.enums import HireChannel
from model.formulas import language_fit

if TYPE_CHECKING:
    from model.agents.refugee import Refugee
    from model.model import BygdeModel


class LabourMarket:
    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        self.job_seekers: list[Refugee] = []
        self.referrals: dict[int, list[Refugee]] = {}  # employer index -> referred seekers
        self.rng = model.streams.stream("commuting")

    def find_job_seekers(self) -> None:
        """Job seekers this month, and which employers each can reach through a tie (M8)."""
        model = self.model
        thr = model.p.social.tie_threshold
        self.job_seekers = [p for p in model.present_people if p.job_seeker]
        referrals: dict[int, list[Refugee]] = {}
        for person in self.job_seekers:
            for emp in sorted(model.network.employers_reachable(person.node, thr)):
                referrals.setdefault(emp, []).append(person)
        self.referrals = referrals

    def open_applicants(self, rng: np.random.Generator, k: int) -> list[Refugee]:
        """Up to ``k`` of this month's job seekers who are still looking, drawn at random."""
        seekers = [p for p in self.job_seekers if p.job_seeker]
        if not seekers:
            return []
        idx = rng.choice(len(seekers), size=min(k, len(seekers)), replace=False)
        return [seekers[int(i)] for i in idx]

    def fill_commuting_vacancies(self) -> None:
        """Jobs within commuting reach in neighbouring municipalities (M1)."""
        rng, p = self.rng, self.model.p
        lab, mun = p.labour, p.municipality
        for _ in range(rng.poisson(mun.commuting_vacancies_per_year / 12.0)):
            if rng.random() >= lab.refugee_consideration:
                continue
            at_b1 = rng.random() < lab.commuting_b1_share
            requirement = p.language.b1_bar - (0.0 if at_b1 else 1.0)
            for person in self.open_applicants(rng, lab.applicants_per_vacancy):
                reach = 1.0 if person.household.has_car else mun.public_transport
                chance = lab.hire_open * reach * language_fit(person.norwegian, requirement, lab)
                subsidised = person.nav_known and person.nav_gap_left == 0
                if subsidised:
                    chance *= 1.0 + lab.wage_subsidy_boost
                if person.rng_labour.random() < chance:
                    person.take_job(None, subsidised, HireChannel.COMMUTING)
                    break
