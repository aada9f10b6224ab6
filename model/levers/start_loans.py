"""Start loans: a path to owning a home for households in steady work (ch. 3.1.2)."""

from __future__ import annotations

from model.enums import Stage
from model.fields import P, Section
from model.levers.base import Ladder, Lever


class StartLoansSettings(Section):
    loans_per_year: int = P(0, ge=0, le=50, unit="loans/year", source="ch. 3.1.2")
    cost_per_loan: float = P(
        25000.0, ge=0, le=500000, unit="NOK", doc="Subsidy and administration per loan"
    )


class StartLoans(Lever):
    name = "start_loans"
    settings = StartLoansSettings
    purpose = "Start loans: a path to owning a home"
    ladder = Ladder("loans_per_year", (3, 6))
    acts_in = {Stage.HOUSING: "grant_loans"}

    def __init__(self, model) -> None:
        super().__init__(model)
        self.budget = 0.0

    def grant_loans(self) -> None:
        """A twelfth of the year's loans each month, to renting households in steady work."""
        self.budget += self.s.loans_per_year / 12.0
        if self.budget < 1.0:
            return
        for hh in self.model.households:
            if self.budget < 1.0:
                break
            if hh.moved_month is None and not hh.owner and hh.steady_work:
                hh.buy_home("buys a home with a start loan")
                self.budget -= 1.0
                self.spend(self.s.cost_per_loan)
