"""The robustness of lever packages across futures: a terminal table and the PRIM sentences
(rich), a figure of each arm's outcome across futures, and the ``--out`` folder
(``robustness.json``, ``futures.parquet``, ``robustness.png``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.reports.plots import BASE_COLOUR, colour, new_figure, to_png

FILES = ("robustness.json", "futures.parquet", "robustness.png")


def _value(v: float | None, share: bool) -> str:
    if v is None:
        return "–"
    return f"{100 * v:.1f} %" if share else f"{v:,.3g}"


def _pp(v: float | None, share: bool) -> str:
    if v is None:
        return "–"
    return f"{100 * v:.1f} pp" if share else f"{v:,.3g}"


def print_robustness(summary: dict[str, Any]) -> None:
    """Each arm's outcome across futures, its regret and misses; then where it misses."""
    from rich.console import Console
    from rich.table import Table

    from model.outcomes import is_share

    share = is_share(summary["outcome"])
    console = Console()
    goal = _value(summary["goal"], share)
    table = Table(
        title=f"{summary['scenario']}: {summary['outcome']} across {summary['n_futures']} futures "
        f"({summary['futures_name']}), {summary['replications']} paired replications each, "
        f"{summary['years']} years, seed {summary['seed']}",
        caption=f"goal {goal} ({summary['goal_source']}); regret: the best arm's outcome in a "
        "future minus this arm's",
    )
    for col in ("arm", "mean", "p5", "median", "p95", "mean regret", "max regret", "misses goal"):
        if col == "arm":
            table.add_column(
                col, no_wrap=True, min_width=max(len(a["name"]) for a in summary["arms"])
            )
        else:
            table.add_column(col, justify="right")
    for arm in summary["arms"]:
        d, r = arm["distribution"], arm["regret"]
        table.add_row(
            arm["name"],
            _value(d["mean"], share),
            _value(d["p5"], share),
            _value(d["p50"], share),
            _value(d["p95"], share),
            _pp(r["mean"], share),
            _pp(r["max"], share),
            _value(arm["miss_share"], True),
        )
    console.print(table)
    console.print("[bold]Where each arm misses the goal[/bold] (PRIM scenario discovery)")
    for arm in summary["arms"]:
        for sentence in arm["statements"]:
            console.print(f"  • {sentence}", highlight=False)


def outcome_figure(summary: dict[str, Any], wide: pd.DataFrame) -> Figure:
    """Each arm's outcome across the futures (box and points), the goal as a line."""
    from model.outcomes import is_share

    scale = 100.0 if is_share(summary["outcome"]) else 1.0
    names = list(wide.columns)
    fig = new_figure(1.6 + 1.3 * len(names), 4.0)
    ax = fig.add_subplot()
    data = [wide[n].dropna().to_numpy() * scale for n in names]
    ax.boxplot(data, tick_labels=names, whis=(5, 95), showfliers=False, widths=0.5)
    rng = np.random.default_rng(0)  # jitter only: a fixed seed keeps the figure reproducible
    for i, values in enumerate(data):
        ax.scatter(
            i + 1 + rng.uniform(-0.15, 0.15, len(values)),
            values,
            s=12,
            alpha=0.6,
            color=BASE_COLOUR if i == 0 else colour(i - 1),
        )
    ax.axhline(summary["goal"] * scale, color="#d1495b", linestyle="--", linewidth=1)
    ax.text(0.55, summary["goal"] * scale, f" goal ({summary['goal_source']})", va="bottom",
            fontsize=8, color="#d1495b")  # fmt: skip
    unit = " (%)" if scale == 100.0 else ""
    ax.set_ylabel(f"{summary['outcome']}{unit}")
    ax.set_title(
        f"{summary['scenario']}: {summary['n_futures']} futures; whiskers 5th-95th percentile",
        fontsize=10,
    )
    return fig


def save_robustness(summary: dict[str, Any], table: pd.DataFrame, wide: pd.DataFrame,
                    out: Path) -> None:  # fmt: skip
    """Write ``robustness.json`` (the summary with provenance), ``futures.parquet`` (one row per
    future and arm) and ``robustness.png`` into ``out``, each atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.experiments.stats import clean
    from analysis.provenance import atomic_write, atomic_write_bytes, atomic_write_json, environment

    out.mkdir(parents=True, exist_ok=True)
    atomic_write_json(out / "robustness.json", clean(summary | {"provenance": environment()}))
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    atomic_write(out / "futures.parquet", lambda fh: pq.write_table(arrow, fh))
    atomic_write_bytes(out / "robustness.png", to_png(outcome_figure(summary, wide)))
