"""Presenting an ABC-SMC calibration: its JSON object and terminal tables, and the validation
page's section on the posterior (each uncertain parameter's prior against its posterior, and the
epsilon schedule)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from analysis.experiments.abc_smc import AbcResult
from analysis.experiments.calibration import CalibrationResult, values_for
from analysis.experiments.posterior import Posterior, read_posterior
from analysis.i18n import _
from analysis.reports import plots
from analysis.reports.calibration import print_calibration
from analysis.reports.html import esc, figure

PANEL_COLUMNS = 4
FEW_PARTICLES = 0.1  # below this share of the particles the effective sample size is a warning


def as_calibration(result: AbcResult) -> CalibrationResult:
    """The best particle as a point calibration's result (for the presets' writer and tables)."""
    return CalibrationResult(result.presets, result.best, [], result.runs, result.best.inside)


def procedure(result: AbcResult) -> str:
    """How the values were found, for the presets' ``[calibrated]`` comment."""
    s = result.settings
    return (
        f"ABC-SMC (pyabc), {len(result.generations)} generations of {s['population']} "
        f"particles, {s['replications']} replications each; every particle re-run with "
        f"{s.get('screen_replications', s['replications'])} replications, the best of the "
        f"{s.get('finalists', s['final_top'])} closest with {s['final_replications']} "
        "(posterior in calibration/posterior/)"
    )


def abc_json(result: AbcResult, paths: tuple[Path, Path], written: bool) -> dict[str, Any]:
    best = result.best
    return {
        "method": "abc",
        "presets": result.presets,
        "accepted": best.inside,
        "runs": result.runs,
        "seconds": round(result.seconds, 1),
        "distance": best.distance,
        "values": {p: values_for(p, best.point) for p in result.presets},
        "model": {f"{p}.{o}": v for (p, o), v in sorted(best.means.items())},
        "generations": [
            {
                "t": g.t,
                "epsilon": g.epsilon,
                "acceptance_rate": g.acceptance_rate,
                "evaluations": g.evaluations,
                "seconds": round(g.seconds, 1),
            }
            for g in result.generations
        ],  # fmt: skip
        "particles": len(result.particles),
        "posterior": str(paths[0]),
        "manifest": str(paths[1]),
        "written": written,
    }


def print_abc(result: AbcResult, paths: tuple[Path, Path], written: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="ABC-SMC generations")
    for col in ("generation", "epsilon", "acceptance", "particles simulated", "seconds"):
        table.add_column(col, justify="right")
    for g in result.generations:
        table.add_row(
            str(g.t),
            f"{g.epsilon:.3g}",
            f"{100 * g.acceptance_rate:.0f} %",
            str(g.evaluations),
            f"{g.seconds:.0f}",
        )
    console.print(table)
    console.print(f"Posterior: {paths[0]} ({len(result.particles)} particles), {paths[1]}")
    console.print("The best particle:")
    print_calibration(as_calibration(result), written)


# ---- the validation page ---------------------------------------------------------------------
def posterior_section(folder: Path | None = None) -> list[str]:
    """The validation page's section on the posterior, or nothing when there is none."""
    try:
        post = read_posterior(folder)
    except ValueError as exc:
        return [f"<h2>{_('Posterior')}</h2><p class='note warn'>{esc(str(exc))}</p>"]
    if post is None:
        return []
    m = post.manifest
    ess = post.effective_sample_size
    meta = _(
        "ABC-SMC posterior of {n} particles (effective sample size {ess}), made {when} (seed "
        "{seed}, {runs} model runs): {folder}."
    ).format(
        n=len(post.particles),
        ess=f"{ess:.1f}",
        when=esc(str(m.get("created", "?"))),
        seed=m.get("seed"),
        runs=m.get("runs"),
        folder=esc(str(post.folder)),
    )
    parts = [f"<h2>{_('Posterior')}</h2>", f"<p class='meta'>{meta}</p>"]
    if ess < FEW_PARTICLES * len(post.particles):
        few = _(
            "The weights rest on few particles (an effective sample size below a tenth of "
            "them): the posterior is approximate, and draws from it repeat the same few "
            "parameter sets."
        )
        parts.append(f"<p class='note warn'>{few}</p>")
    parts.append(
        figure(
            _priors_figure(post),
            _(
                "Each uncertain parameter's uniform prior (grey) against its posterior (blue: "
                "weighted histogram of the particles); the line marks the best particle, the "
                "values the presets keep."
            ),
            _("priors against posteriors"),
        )
    )
    schedule = m.get("epsilon_schedule") or []
    if schedule:
        parts.append(
            figure(
                _epsilon_figure(schedule),
                _(
                    "The epsilon schedule: the largest distance (in half-bands) a particle "
                    "could have and be accepted, by generation (generation 0 accepts the prior "
                    "sample), with the share of simulated particles accepted."
                ),
                _("epsilon schedule"),
            )
        )
    return parts


def _priors_figure(post: Posterior):
    names = post.names
    rows = -(-len(names) // PANEL_COLUMNS)
    fig = plots.new_figure(10.0, 1.9 * rows + 0.4)
    axes = fig.subplots(rows, PANEL_COLUMNS, squeeze=False)
    priors = post.priors
    for i, ax in enumerate(axes.flat):
        if i >= len(names):
            ax.set_axis_off()
            continue
        name = names[i]
        lo, hi = priors.get(name, (min(p[name] for p in post.particles),) * 2)
        values = np.array([p[name] for p in post.particles])
        width = (hi - lo) or 1.0
        ax.axhspan(0, 1.0 / width, color="#bbbbbb", alpha=0.5, label=_("prior"))
        ax.hist(
            values,
            bins=12,
            range=(lo, lo + width),
            weights=post.weights,
            density=True,
            color=plots.colour(0),
            alpha=0.75,
            label=_("posterior"),
        )
        ax.axvline(post.best[name], color=plots.colour(1), lw=1.5)
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
        if i == 0:
            ax.legend(fontsize=7, loc="upper right")
    return fig


def _epsilon_figure(schedule: list[dict]):
    fig = plots.new_figure(7.5, 3.2)
    ax = fig.add_subplot()
    finite = [g for g in schedule if g["epsilon"] is not None and np.isfinite(g["epsilon"])]
    ax.plot(
        [g["t"] for g in finite],
        [g["epsilon"] for g in finite],
        marker="o",
        color=plots.colour(0),
        label=_("epsilon"),
    )
    ax.set_yscale("log")
    ax.set_xlabel(_("generation"))
    ax.set_ylabel(_("epsilon (mean squared half-bands)"))
    ax.set_xticks([g["t"] for g in schedule])
    rate = ax.twinx()
    rate.plot(
        [g["t"] for g in schedule],
        [100 * g["acceptance_rate"] for g in schedule],
        marker="s",
        ls="--",
        color=plots.colour(1),
        label=_("accepted (%)"),
    )
    rate.set_ylabel(_("accepted (%)"))
    rate.set_ylim(0, 105)
    ax.set_title(_("Epsilon by generation"))
    return fig
