"""The refugees a municipality settled in the years before the run (M12, M4).

They are drawn once from the preset's settlement history, thinned by the observed five-year
retention, from their own stream (``"settled"``), so a lever never changes them. They are
co-ethnic contacts and role models for the newcomers (network nodes of their own), and the
first pool a bridge-builder is recruited from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.model import BygdeModel

SETTLED_PID_BASE = 500_000  # literal: person-id range of the earlier-settled (data layout)


@dataclass
class SettledRefugee:
    """An adult settled before the run who still lives here."""

    index: int
    node: int
    years_here: int
    norwegian: float  # CEFR scale, as for the model's own arrivals
    employed: bool
    bridge_builder: bool = False

    @property
    def pid(self) -> int:
        return SETTLED_PID_BASE + self.index


def settle_earlier_cohorts(model: BygdeModel) -> list[SettledRefugee]:
    """The adults of the earlier cohorts still here when the run starts."""
    mun, lang = model.p.municipality, model.p.language
    rng = model.streams.stream("settled")
    stay_per_year = mun.settled_retention_5y ** (1.0 / 5.0)  # literal: five-year figure
    history = mun.settled_per_year_before
    out: list[SettledRefugee] = []
    for k, persons in enumerate(history):
        years = len(history) - k
        adults = rng.binomial(persons, mun.settled_adult_share)
        here = rng.binomial(adults, stay_per_year**years)
        for _ in range(int(here)):
            b1 = rng.random() < mun.settled_b1_share
            # within the level reached: B1-B2 for those at B1, A1-A2 for the rest
            span = 2.0  # literal: CEFR scale, A1 and A2 are the two levels below B1
            level = lang.b1_bar + rng.random() if b1 else lang.b1_bar - span * rng.random()
            index = len(out)
            node = model.network.add_refugee(SETTLED_PID_BASE + index, settled=True)
            out.append(
                SettledRefugee(
                    index=index,
                    node=node,
                    years_here=years,
                    norwegian=float(level),
                    employed=bool(rng.random() < mun.settled_employed_share),
                )
            )
    return out
