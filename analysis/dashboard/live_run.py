"""The model the page steps through, month by month, with what the views need next to it.

Each person's state is recorded after every month (activity, Norwegian, IP quality, local
ties, loneliness, employer), so a timeline can be drawn for anyone, including those who have
moved away. The model itself is unchanged by the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.i18n import N_, _
from model.agents.refugee import Refugee
from model.model import BygdeModel
from model.params import Params

MONTH_NAMES = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip


@dataclass(slots=True)
class PersonMonth:
    """One person at the end of one month."""

    month: int
    activity: str
    norwegian: float
    ip_quality: float
    local_ties: int
    loneliness: float
    employer: str | None


@dataclass
class LiveRun:
    """A scenario run one month at a time.

    Args:
        name: what the page calls the scenario (a preset name or a file).
        params: validated parameters.
        seed: master seed of the run.
    """

    name: str
    params: Params
    seed: int
    model: BygdeModel = field(init=False)
    tracks: dict[int, list[PersonMonth]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.model = BygdeModel(self.params, rng=self.seed, collect=True)

    # ---- stepping --------------------------------------------------------------------------
    @property
    def month(self) -> int:
        """Months simulated so far (0 before the first step)."""
        return self.model.month

    @property
    def horizon(self) -> int:
        return self.model.horizon

    @property
    def finished(self) -> bool:
        return not self.model.running

    def step(self) -> bool:
        """Advance one month; False (and nothing happens) once the horizon is reached."""
        if self.finished:
            return False
        self.model.step()
        self.record(self.model.month - 1)
        return True

    def record(self, month: int) -> None:
        for person in self.model.present_people:
            self.tracks.setdefault(person.pid, []).append(
                PersonMonth(
                    month=month,
                    activity=person.activity.value,
                    norwegian=round(person.norwegian, 3),
                    ip_quality=round(person.ip_quality, 3),
                    local_ties=person.local_ties,
                    loneliness=round(person.loneliness, 3),
                    employer=person.employer.name if person.employer is not None else None,
                )
            )

    # ---- reading ---------------------------------------------------------------------------
    def series(self) -> pd.DataFrame:
        """The monthly time series (one row per simulated month)."""
        if self.month == 0:
            return pd.DataFrame()
        return self.model.datacollector.get_model_vars_dataframe()

    def person(self, pid: int) -> Refugee | None:
        for p in self.model.people:
            if p.pid == pid:
                return p
        return None

    def track(self, pid: int) -> list[PersonMonth]:
        return self.tracks.get(pid, [])

    def month_label(self) -> str:
        """``Month 14 of 120 (year 2, Mar)``: the last simulated month, calendar-style (in the
        current language)."""
        m = self.month
        if m == 0:
            return _("Month 0 of {horizon} (nobody has arrived yet)").format(horizon=self.horizon)
        return _("Month {month} of {horizon} ({when})").format(
            month=m, horizon=self.horizon, when=when(m - 1)
        )


def when(month: int) -> str:
    """A model month as ``year 2, Mar``."""
    return _("year {year}, {month}").format(year=month // 12 + 1, month=_(MONTH_NAMES[month % 12]))
