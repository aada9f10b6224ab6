"""The municipality tab's live charts, fast enough to redraw every simulated month.

Each chart draws its frame (axes, ticks, labels, legend) once and then, every month, only its
data on top of a saved copy of that frame (matplotlib's "blitting"). The frame is redrawn only
when the data outgrow the y-axis. :class:`LiveCharts` renders them together from a run's state.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from analysis.dashboard.charts import ACTIVITY_STYLE, DPI, HEIGHT, WIDTH, encode_png, style_axes
from analysis.i18n import N_, _, language

UNIT_WORDS = {
    "refugee_service": N_("refugee service"),
    "learning_centre": N_("learning centre"),
    "nav": N_("Nav"),
    "career_centre": N_("career centre"),
}
UNIT_COLORS = ("#1f78b4", "#33a02c", "#e31a1c", "#6a3d9a")
SINGLES, FAMILIES = "#d95f02", "#1b9e77"


def nice_ceiling(x: float) -> float:
    """The next 1, 2, 2.5 or 5 times a power of ten at or above ``x`` (at least 1)."""
    if not math.isfinite(x) or x <= 1:
        return 1.0
    base = 10 ** math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * base >= x:
            return m * base
    return 10 * base


def month_axis(ax, horizon: int) -> None:
    """Months on the x-axis, labelled in years since the first arrivals."""
    end = max(horizon, 12)
    ax.set_xlim(0, end)
    step = 12 if end <= 120 else 24
    ticks = list(range(0, end + 1, step))
    ax.set_xticks(ticks)
    ax.set_xticklabels([str(t // 12) for t in ticks])
    ax.set_xlabel(_("years since the first arrivals"), fontsize=8)


class LiveChart:
    """A figure whose frame is drawn once and whose data are drawn on top each month.

    Subclasses set up the frame in :meth:`frame`, say which y-limits the data need in
    :meth:`limits`, and create or update their (animated) data artists in :meth:`draw_data`.
    """

    width, height, ncols = WIDTH, HEIGHT, 1
    margins = {"left": 0.1, "right": 0.97, "top": 0.9, "bottom": 0.2, "wspace": 0.3}

    def __init__(self, horizon: int) -> None:
        self.horizon = horizon
        self.fig = Figure(figsize=(self.width, self.height), dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        self.axes = list(self.fig.subplots(1, self.ncols, squeeze=False)[0])
        self.fig.subplots_adjust(**self.margins)
        for ax in self.axes:
            style_axes(ax)
        self._limits: tuple | None = None
        self._background = None
        self.note = self.fig.text(
            0.5, 0.5, "", ha="center", va="center", color="#777777", fontsize=9, animated=True
        )
        self.frame()

    # ---- to override -----------------------------------------------------------------------
    def frame(self) -> None:
        """Static decorations: axis labels, fixed limits, legends."""

    def limits(self, data) -> tuple:
        """The y-limits the data need; the frame is redrawn when they change."""
        return ()

    def apply_limits(self, limits: tuple) -> None:
        for ax, top in zip(self.axes, limits, strict=False):
            if top is not None:
                ax.set_ylim(0, top)

    def draw_data(self, data) -> list[Artist]:
        """Create or update the data artists (``animated=True``) and return them."""
        return []

    # ---- rendering -------------------------------------------------------------------------
    def render(self, data, empty_note: str = "") -> bytes:
        """PNG bytes of the chart for ``data``."""
        limits = self.limits(data)
        if limits != self._limits:
            self.apply_limits(limits)
            self._limits = limits
            self._background = None
        artists = [] if empty_note else self.draw_data(data)
        self.note.set_text(empty_note)
        if self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in [*artists, self.note]:
            (artist.axes or self.fig).draw_artist(artist)
        return encode_png(self.canvas)

    def replace(self, old: list[Artist], new: list[Artist]) -> list[Artist]:
        """Remove last month's artists and mark this month's as animated."""
        for artist in old:
            artist.remove()
        for artist in new:
            artist.set_animated(True)
        return new


def _line(ax, color: str, **kw):
    (line,) = ax.plot([], [], color=color, animated=True, **kw)
    return line


def _x(series: pd.DataFrame) -> np.ndarray:
    return series["month"].to_numpy() + 1


class ActivityChart(LiveChart):
    """People present by what they do, month by month (stacked), and movers so far."""

    width = WIDTH * 2 + 0.2
    margins = {"left": 0.055, "right": 0.8, "top": 0.95, "bottom": 0.17}

    def frame(self) -> None:
        ax = self.axes[0]
        month_axis(ax, self.horizon)
        ax.set_ylabel(_("adults"), fontsize=8)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        from matplotlib.patches import Patch

        handles = [Patch(color=c, label=_(w)) for w, c in reversed(ACTIVITY_STYLE.values())]
        handles.append(
            ax.plot([], [], color="#555555", linestyle="--", label=_("moved away (total)"))[0]
        )
        ax.legend(
            handles=handles, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1)
        )
        self.polys: list[Artist] = []
        self.moved = _line(ax, "#555555", linestyle="--", linewidth=1.2)

    def limits(self, series: pd.DataFrame) -> tuple:
        if series.empty:
            return (10.0,)
        top = max(series["adults_present"].max(), series["adults_moved"].max())
        return (nice_ceiling(top * 1.1),)

    def draw_data(self, series: pd.DataFrame) -> list[Artist]:
        ax, x = self.axes[0], _x(series)
        keys = list(ACTIVITY_STYLE)
        # month m is drawn over (m-1, m]: a leading month 0 gives the first month its width
        polys = ax.stackplot(
            np.concatenate([[x[0] - 1], x]),
            [np.concatenate([[0], series[f"activity.{k}"].to_numpy()]) for k in keys],
            colors=[ACTIVITY_STYLE[k][1] for k in keys],
            step="pre",
            linewidth=0,
        )
        self.polys = self.replace(self.polys, list(polys))
        self.moved.set_data(x, series["adults_moved"].to_numpy())
        return [*self.polys, self.moved]


class SharesChart(LiveChart):
    """Employment share and work-or-education share (after the programme)."""

    def frame(self) -> None:
        ax = self.axes[0]
        month_axis(ax, self.horizon)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        self.employed = _line(ax, "#31a354")
        self.work_edu = _line(ax, "#3182bd")
        ax.plot([], [], color="#31a354", label=_("in paid work (all adults present)"))
        ax.plot([], [], color="#3182bd", label=_("in work or education (programme completed)"))
        ax.legend(fontsize=7, frameon=False, loc="upper left")

    def limits(self, series) -> tuple:
        return (1.0,)

    def draw_data(self, series: pd.DataFrame) -> list[Artist]:
        x = _x(series)
        self.employed.set_data(x, series["employment_share"].to_numpy())
        self.work_edu.set_data(x, series["work_or_education_share"].to_numpy())
        return [self.employed, self.work_edu]


class TwoPanelChart(LiveChart):
    """Two panels over the same months, each with a title, and one legend below both."""

    ncols = 2
    height = HEIGHT + 0.3
    margins = {"left": 0.09, "right": 0.97, "top": 0.91, "bottom": 0.3, "wspace": 0.3}
    titles = ("", "")
    legend_columns = 2

    def frame(self) -> None:
        for ax, title in zip(self.axes, self.titles, strict=True):
            month_axis(ax, self.horizon)
            ax.set_xlabel(_("years"), fontsize=8)
            ax.set_title(_(title), fontsize=8)
        self.panels(*self.axes)
        self.fig.legend(fontsize=7.5, frameon=False, loc="lower center", ncols=self.legend_columns)

    def panels(self, left, right) -> None:
        """Axis formats, the legend's entries (labelled empty lines) and the data lines."""


class TiesChart(TwoPanelChart):
    """Local ties (left) and loneliness (right), singles against families with children."""

    titles = (N_("local ties per adult"), N_("share lonely"))

    def panels(self, left, right) -> None:
        right.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        left.plot([], [], color=SINGLES, label=_("singles"))
        left.plot([], [], color=FAMILIES, label=_("families with children"))
        self.lines = [
            _line(left, SINGLES),
            _line(left, FAMILIES),
            _line(right, SINGLES),
            _line(right, FAMILIES),
        ]

    def limits(self, series) -> tuple:
        if series.empty:
            return (2.0, 1.0)
        top = max(series["local_ties.singles"].max(), series["local_ties.families"].max())
        return (nice_ceiling(top * 1.15 + 0.5), 1.0)

    def draw_data(self, series: pd.DataFrame) -> list[Artist]:
        x = _x(series)
        cols = (
            "local_ties.singles",
            "local_ties.families",
            "lonely_share.singles",
            "lonely_share.families",
        )
        for line, col in zip(self.lines, cols, strict=True):
            line.set_data(x, series[col].to_numpy())
        return self.lines


class ServicesChart(TwoPanelChart):
    """Caseloads of the four service units (left) and employers' trust in them (right)."""

    titles = (N_("caseload (people followed)"), N_("employers' trust in the services"))
    legend_columns = 4

    def panels(self, left, right) -> None:
        left.yaxis.set_major_locator(MaxNLocator(integer=True))
        # the refugee service and the learning centre follow the same participants: the
        # learning centre is dashed on top so both stay visible
        styles = [dict(linewidth=2.6), dict(linewidth=1.2, linestyle="--")] + [
            dict(linewidth=1.2)
        ] * 2
        for words, color, style in zip(UNIT_WORDS.values(), UNIT_COLORS, styles, strict=True):
            left.plot([], [], color=color, label=_(words), **style)
        self.units = [_line(left, c, **style) for c, style in zip(UNIT_COLORS, styles, strict=True)]
        self.trust = _line(right, "#444444")

    def limits(self, series) -> tuple:
        if series.empty:
            return (10.0, 1.0)
        top = max(series[f"caseload.{u}"].max() for u in UNIT_WORDS)
        return (nice_ceiling(top * 1.1 + 1), 1.0)

    def draw_data(self, series: pd.DataFrame) -> list[Artist]:
        x = _x(series)
        for line, unit in zip(self.units, UNIT_WORDS, strict=True):
            line.set_data(x, series[f"caseload.{unit}"].to_numpy())
        self.trust.set_data(x, series["employer_trust"].to_numpy())
        return [*self.units, self.trust]


RETENTION_CMAP = LinearSegmentedColormap.from_list(
    "retention", ["#b2182b", "#f4a582", "#f7f7f7", "#92c5de", "#2166ac"]
)


class RetentionChart(LiveChart):
    """Arrival cohorts (rows) by years since arrival (columns): the share still living here.
    Cells resting on fewer than ``MIN_N`` adults are shown faint, without colour."""

    MIN_N = 5
    margins = {"left": 0.17, "right": 0.98, "top": 0.95, "bottom": 0.18}

    def __init__(self, horizon: int, cohorts: int) -> None:
        self.cohorts = max(1, cohorts)
        self.years = max(1, horizon // 12)
        super().__init__(horizon)

    def frame(self) -> None:
        ax = self.axes[0]
        ax.grid(False)
        ax.spines[["left", "bottom"]].set_visible(False)
        cmap = RETENTION_CMAP.with_extremes(bad="#f3f3f3")
        blank = np.ma.masked_all((self.cohorts, self.years))
        self.image = ax.imshow(blank, cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto", animated=True)
        ax.set_xticks(range(self.years))
        ax.set_xticklabels([str(k + 1) for k in range(self.years)])
        ax.set_yticks(range(self.cohorts))
        ax.set_yticklabels([_("year {n}").format(n=c + 1) for c in range(self.cohorts)])
        ax.set_xlim(-0.5, self.years - 0.5)
        ax.set_ylim(self.cohorts - 0.5, -0.5)
        ax.set_xlabel(_("years since arrival"), fontsize=8)
        ax.set_ylabel(_("arrival cohort"), fontsize=8)
        self.texts: list[Artist] = []

    def draw_data(self, table: pd.DataFrame) -> list[Artist]:
        ax = self.axes[0]
        values = np.full((self.cohorts, self.years), np.nan)
        counts = np.zeros_like(values)
        raw_counts = table.attrs.get("counts")
        for cohort in table.index:
            if cohort - 1 < self.cohorts:
                row = table.loc[cohort].to_numpy(dtype=float)[: self.years]
                values[cohort - 1, : len(row)] = row
                if raw_counts is not None:
                    counts[cohort - 1, : len(row)] = raw_counts.loc[cohort].to_numpy()[: len(row)]
        # cells resting on a handful of adults get no colour: one person is not a rate
        shown = np.where(counts >= self.MIN_N, values, np.nan)
        self.image.set_data(np.ma.masked_invalid(shown))
        texts = []
        for (i, j), v in np.ndenumerate(values):
            if math.isnan(v):
                continue
            faint = counts[i, j] < self.MIN_N
            color = "#9a9a9a" if faint else ("white" if v < 0.2 or v > 0.85 else "black")
            texts.append(
                ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=7, color=color)
            )
        self.texts = self.replace(self.texts, texts)
        return [self.image, *self.texts]


class LiveCharts:
    """The page's charts for one run, rendered together from the run's state, with their words
    in ``lang`` (the frames are drawn once, so each language has its own charts)."""

    def __init__(self, horizon: int, cohorts: int, lang: str | None = None) -> None:
        with language(lang) as self.lang:
            self.charts: dict[str, LiveChart] = {
                "retention": RetentionChart(horizon, cohorts),
                "activity": ActivityChart(horizon),
                "shares": SharesChart(horizon),
                "ties": TiesChart(horizon),
                "services": ServicesChart(horizon),
            }

    def render(self, series: pd.DataFrame, retention: pd.DataFrame) -> dict[str, bytes]:
        with language(self.lang):
            note = "" if not series.empty else _("no months simulated yet: press Step or Play")
        out = {
            "retention": self.charts["retention"].render(retention, "" if len(retention) else note)
        }
        for name in ("activity", "shares", "ties", "services"):
            out[name] = self.charts[name].render(series, note)
        return out
