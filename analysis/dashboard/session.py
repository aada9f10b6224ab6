"""One page session: the chosen scenario and settings, the live run and what the views show.

Plain Python, used by the page (``app.py``) and by the benchmark, so both go through the same
code: configure, reset, step, render.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from analysis.dashboard.live_charts import LiveCharts
from analysis.dashboard.live_run import LiveRun
from analysis.dashboard.network_view import NetworkLayout, ego_view, municipality_view
from analysis.dashboard.retention import cohort_retention
from analysis.dashboard.schema_controls import apply_settings
from analysis.i18n import get_language
from model.params import Params
from model.scenario import Scenario, load_scenario, preset_names

DEFAULT_PRESET = "sel"


def preset_choices() -> dict[str, str]:
    """Display name (the preset's municipality name) -> preset name, e.g. ``Vågå -> vaga``."""
    out = {}
    for name in preset_names():
        try:
            out[load_scenario(name).params.municipality.name] = name
        except Exception:  # a broken preset file is shown by name; loading it shows why
            out[name] = name
    return out


@dataclass
class Settings:
    """What the controls hold (validated)."""

    scenario: Scenario
    seed: int = 1
    years: int | None = None  # None: the scenario's own horizon
    levers: dict[str, Any] = field(default_factory=dict)  # dotted path -> value

    def params(self) -> Params:
        """The scenario's parameters with the years and lever settings applied.

        Raises:
            InputProblem: an impossible combination (one line, from the schema).
        """
        flat = dict(self.levers)
        if self.years is not None:
            flat["years"] = self.years
        return apply_settings(self.scenario.params, flat)

    def baseline(self) -> Params:
        """The paired baseline with the same years (what levers are compared against)."""
        flat = {"years": self.years} if self.years is not None else {}
        return apply_settings(self.scenario.baseline, flat)


class DrawnMarker:
    """The last update the browser reported as drawn."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.stamp = -1

    def mark(self, stamp: int) -> None:
        with self._cond:
            self.stamp = max(self.stamp, int(stamp))
            self._cond.notify_all()

    def wait(self, stamp: int, timeout: float) -> bool:
        """Wait until ``stamp`` was drawn; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self.stamp >= stamp, timeout)


class LiveSession:
    """The run the page steps through, with its charts and network layout.

    A lock serialises stepping and rendering: the play loop and button clicks may come from
    different threads.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self.params = settings.params()
        self.run = LiveRun(settings.scenario.name, self.params, settings.seed)
        cohorts = len(self.params.arrivals.persons_per_year)
        self.cohorts = min(cohorts, max(1, self.run.horizon // 12))
        self.charts: dict[str, LiveCharts] = {}  # by language, made when first shown
        self.layout = NetworkLayout(settings.seed, len(self.run.model.arrival_plan))
        self._images: tuple[int, str, dict[str, bytes]] | None = None
        self.drawn = DrawnMarker()  # what the browser has drawn, for the play loop's pace

    @property
    def month(self) -> int:
        return self.run.month

    def step(self) -> bool:
        with self.lock:
            return self.run.step()

    def images(self, lang: str | None = None) -> dict[str, bytes]:
        """PNG of every chart for the current month in ``lang`` (default: the current
        language), drawn once per month and language."""
        lang = get_language(lang)
        with self.lock:
            if self._images is None or self._images[:2] != (self.run.month, lang):
                if lang not in self.charts:
                    self.charts[lang] = LiveCharts(self.run.horizon, self.cohorts, lang)
                series = self.run.series()
                table = cohort_retention(self.run.model)
                self._images = (self.run.month, lang, self.charts[lang].render(series, table))
            return self._images[2]

    def network(self, focus: int | None = None) -> dict:
        with self.lock:
            return municipality_view(self.run.model, self.layout, focus)

    def ego(self, pid: int) -> dict:
        with self.lock:
            return ego_view(self.run.model, self.layout, pid)
