"""What the levers cost, month by month, in NOK. Each lever reports its own running cost and
charges its one-off costs (``Lever.spend``); the ledger adds them up by lever."""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.levers import LEVER_NAMES

if TYPE_CHECKING:
    from model.model import BygdeModel


class CostLedger:
    """Accumulates the cost of each lever: running costs each month, one-off costs when spent."""

    def __init__(self, model: BygdeModel) -> None:
        self.model = model
        self.total: dict[str, float] = dict.fromkeys(LEVER_NAMES, 0.0)

    def one_off(self, lever: str, nok: float) -> None:
        self.total[lever] += nok

    def monthly(self) -> dict[str, float]:
        """Running costs of this month, by lever."""
        return self.model.levers.monthly_costs()

    def charge_month(self) -> None:
        for lever, nok in self.monthly().items():
            self.total[lever] += nok

    @property
    def grand_total(self) -> float:
        return sum(self.total.values())
