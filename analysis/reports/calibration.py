"""Presenting and saving a calibration result."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from analysis.experiments.calibration import (
    CalibrationResult,
    calibrated_block,
    values_for,
    write_calibrated,
)
from analysis.experiments.targets import load_targets


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


def write_result(result: CalibrationResult, budget: int, seed: int) -> list[str]:
    return [
        str(write_calibrated(p, calibrated_block(result, p, budget, seed))) for p in result.presets
    ]


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
        m = ev.means[(t.preset, t.outcome)]
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
