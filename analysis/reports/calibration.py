"""Presenting and saving a calibration result: the terminal tables, the JSON object, and the
calibrated block written into each preset file."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

from rich.console import Console
from rich.table import Table

from analysis.experiments.calibration import CalibrationResult, values_for
from analysis.experiments.targets import load_targets
from model.scenario import resolve_path

BEGIN = "# --- calibrated: begin"
END = "# --- calibrated: end ---"


def result_json(result: CalibrationResult) -> dict:
    ev = result.chosen
    return {
        "presets": result.presets,
        "accepted": result.accepted,
        "runs": result.runs,
        "distance": ev.distance,
        "values": {p: values_for(p, ev.point) for p in result.presets},
        "model": {f"{p}.{o}": v for (p, o), v in sorted(ev.means.items())},
    }


def write_result(
    result: CalibrationResult, budget: int, seed: int, procedure: str | None = None
) -> list[str]:
    return [
        str(write_calibrated(p, calibrated_block(result, p, budget, seed, procedure)))
        for p in result.presets
    ]


POINT_PROCEDURE = (
    "Latin-hypercube search, refinement around the best point, a re-run of the five best, "
    "then each preset's residual pull on a grid"
)


def calibrated_block(
    result: CalibrationResult,
    preset: str,
    budget: int,
    seed: int,
    procedure: str | None = None,
) -> str:
    """The ``[calibrated]`` block of one preset; ``procedure`` says how the values were found
    (default: the point calibration's search)."""
    ev = result.chosen
    ids = sorted({t.id for t in load_targets() if t.preset in result.presets})
    today = dt.date.today().isoformat()
    lines = [
        f"{BEGIN} (written by `bygdesim calibrate`; do not edit by hand) ---",
        f"# Calibrated on {today} against calibration/targets.toml ({', '.join(ids)}),",
        *textwrap.wrap(
            f"jointly for {', '.join(result.presets)}: {procedure or POINT_PROCEDURE} "
            f"({result.runs} runs, budget {budget},",
            width=92,
            initial_indent="# ",
            subsequent_indent="# ",
        ),
        f"# seed {seed}); distance {ev.distance:.3f} in half-bands; "
        + (
            "every target inside its band."
            if result.accepted
            else "NOT every target (or the order Nordre Land >= Vaga) met: see validate."
        ),
        "[calibrated]",
    ]
    for k, v in values_for(preset, ev.point).items():
        lines.append(f'"{k}" = {v:.5g}')
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_calibrated(preset: str, block: str) -> Path:
    """Replace (or append) the calibrated block of a preset file."""
    path = resolve_path(preset)
    text = path.read_text()
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text)
    return path


def print_calibration(result: CalibrationResult, written: bool) -> None:
    console = Console()
    ev = result.chosen
    table = Table(title=f"Calibration ({result.runs} runs): distance {ev.distance:.3f}")
    table.add_column("target")
    table.add_column("preset")
    table.add_column("model", justify="right")
    table.add_column("band", justify="right")
    table.add_column("ok")
    for t in load_targets():
        if t.preset not in result.presets:
            continue
        m = ev.means[(t.case, t.outcome)]
        table.add_row(
            t.id,
            t.preset,
            f"{100 * m:.1f} %",
            f"{100 * t.low:.0f}-{100 * t.high:.0f} %",
            "yes" if t.passes(m) else "NO",
        )
    console.print(table)
    values = Table(title="Chosen values")
    values.add_column("parameter")
    for p in result.presets:
        values.add_column(p, justify="right")
    keys = sorted({k for p in result.presets for k in values_for(p, ev.point)})
    for k in keys:
        values.add_row(
            k, *(f"{values_for(p, ev.point).get(k, float('nan')):.4g}" for p in result.presets)
        )
    console.print(values)
    if not result.accepted:
        console.print(
            "No point had every target inside its band; the closest was chosen.", style="bold red"
        )
    console.print("Written into the preset files." if written else "Dry run: nothing written.")
