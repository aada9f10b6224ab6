"""Compare live: the page's lever settings against the baseline, while the page stays usable."""

from __future__ import annotations

import html
import math
import threading

import solara

from analysis.dashboard import state
from analysis.dashboard.charts import png
from analysis.dashboard.compare_charts import ARM_COLORS, convergence_figure, effects_figure
from analysis.dashboard.controls import read_settings, show_problem
from analysis.dashboard.lever_costs import fmt_nok
from analysis.dashboard.live_compare import (
    OUTCOMES,
    LiveComparison,
    Snapshot,
    describe_effect,
    plan_arms,
)
from analysis.dashboard.pathway_table import NOTE, pathway_table_html
from analysis.dashboard.schema_controls import (
    InputProblem,
    changed_levers,
    control_for,
    get_value,
    lever_controls,
    lever_title,
)
from model.scenario import ScenarioError

MAX_REPLICATIONS = 500
POLL_SECONDS = 0.5


def parse_replications(text: str) -> int:
    try:
        n = int(str(text).strip())
    except ValueError:
        raise InputProblem(f"Replications: {text!r} is not a whole number (2 to 500)") from None
    if not 2 <= n <= MAX_REPLICATIONS:
        raise InputProblem(f"Replications: {n} is out of range (2 to {MAX_REPLICATIONS})")
    return n


def start_comparison() -> None:
    """Start (or restart) the comparison with the sidebar's settings."""
    try:
        settings = read_settings()
        reps = parse_replications(state.compare_reps_text.value)
        baseline, arms = plan_arms(
            settings.baseline(), settings.params(), state.compare_each_alone.value
        )
    except (InputProblem, ScenarioError) as exc:
        show_problem(exc)
        return
    if not arms:
        show_problem(
            InputProblem("Nothing to compare: change at least one lever in the sidebar first")
        )
        return
    stop_comparison()
    state.message.value = ""
    job = LiveComparison(baseline, arms, settings.seed, reps)
    job.title = (
        f"{baseline.municipality.name}, {baseline.years} years, seed {settings.seed}: "
        f"{', '.join(a.label for a in arms)} against the baseline"
    )
    state.compare_job.value = job.start()


def stop_comparison() -> None:
    job = state.compare_job.value
    if job is not None:
        job.cancel()


def changes_in_words(settings) -> list[str]:
    """``Bridge builders: count 0 -> 2`` for every changed lever field."""
    base, params = settings.baseline(), settings.params()
    out = []
    for lever in changed_levers(params, base):
        parts = []
        for control in lever_controls()[lever]:
            old, new = get_value(base, control.path), get_value(params, control.path)
            if old != new:
                unit = control_for(control.path).unit
                parts.append(f"{control.label.lower()} {old} -> {new}{' ' + unit if unit else ''}")
        out.append(f"{lever_title(lever)}: {', '.join(parts)}")
    return out


@solara.component
def Setup(running: bool):
    try:
        settings = read_settings()
        changes = changes_in_words(settings)
        base_name = settings.scenario.baseline.municipality.name
        years = settings.params().years
    except (InputProblem, ScenarioError) as exc:
        solara.Error(f"The settings cannot be compared: {exc}")
        return
    solara.Text(
        f"Baseline: the {base_name} preset, {years} years, seed {settings.seed}. "
        "Baseline and levers run on the same random seeds, so differences are the levers' "
        "doing, not luck.",
        style={"color": "#333"},
    )
    if changes:
        solara.HTML(
            tag="ul",
            unsafe_innerHTML="".join(f"<li>{html.escape(c)}</li>" for c in changes),
            classes=["bygd-compare-changes"],
            style="margin:4px 0 4px 0;font-size:13px",
        )
    else:
        solara.Info("No lever differs from the baseline yet: change one in the sidebar.")
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="12px"):
        solara.InputText(
            "Replications",
            value=state.compare_reps_text,
            message="2 to 500; 20 gives a first answer",
            classes=["bygd-replications"],
            style={"max-width": "180px"},
        )
        solara.Checkbox(label="Also each changed lever alone", value=state.compare_each_alone)
        solara.Button(
            "Start comparison",
            icon_name="mdi-play-circle",
            color="primary",
            on_click=start_comparison,
            disabled=not changes,
            classes=["bygd-compare-start"],
        )
        solara.Button(
            "Stop",
            on_click=stop_comparison,
            disabled=not running,
            outlined=True,
            classes=["bygd-compare-stop"],
        )
    Plan(settings)


@solara.component
def Plan(settings):
    """What pressing Start will run."""
    try:
        reps = parse_replications(state.compare_reps_text.value)
    except InputProblem as exc:
        solara.Text(str(exc), classes=["bygd-compare-plan"], style={"color": "#c62828"})
        return
    _, arms = plan_arms(settings.baseline(), settings.params(), state.compare_each_alone.value)
    if not arms:
        return
    solara.Text(
        f"Plan: {reps} paired replications of the baseline and {len(arms)} setting"
        f"{'s' if len(arms) > 1 else ''} = {reps * (len(arms) + 1)} model runs, "
        "in worker processes; the page stays usable meanwhile.",
        classes=["bygd-compare-plan"],
        style={"font-size": "13px", "color": "#555"},
    )


def cost_words(snap: Snapshot, label: str) -> str:
    point, (lo, hi) = snap.cost.get(label, (math.nan, [math.nan, math.nan]))
    if point == 0.0 and lo == 0.0:
        return "no extra cost"
    if point is None or math.isnan(point):
        return "no extra adult retained on average: no finite cost per retained adult"
    if lo is None or not math.isfinite(lo):
        return f"{fmt_nok(point)} per extra adult retained"
    # some resamples retain nobody extra: the cost has no finite upper bound (inf, or NaN
    # where the percentile interpolates between infinities)
    upper = fmt_nok(hi) if hi is not None and math.isfinite(hi) else "no upper bound"
    return f"{fmt_nok(point)} per extra adult retained (95 %: {fmt_nok(lo)} to {upper})"


@solara.component
def Results(snap: Snapshot, title: str):
    pct = 100 * snap.runs_done / max(snap.runs_total, 1)
    solara.Text(f"Last comparison: {title}", style={"font-weight": "600"})
    status = (
        "stopped"
        if snap.cancelled
        else ("finished" if snap.finished else "running in the background")
    )
    solara.ProgressLinear(pct if not snap.finished else 100)
    solara.Text(
        f"{snap.done} of {snap.replications} paired replications complete "
        f"({snap.runs_done} of {snap.runs_total} runs, {snap.elapsed:.0f} s) - {status}",
        classes=["bygd-compare-progress"],
    )
    if snap.error:
        solara.Error(f"The comparison stopped: {snap.error}")
    if not snap.effects:
        return
    lines = []
    for a, label in enumerate(snap.labels):
        eff = snap.effects[label]
        color = ARM_COLORS[a % len(ARM_COLORS)]
        head = describe_effect(eff[snap.headline], "share")
        here = (
            describe_effect(eff["adults_present_at_end"], "count")
            if "adults_present_at_end" in eff
            else ""
        )
        lines.append(
            f"<div style='margin:4px 0'><span style='color:{color};font-weight:700'>&#9679; "
            f"{html.escape(label)}</span>: {html.escape(OUTCOMES[snap.headline][0])} "
            f"<b>{html.escape(head)}</b>; adults living here at the end {html.escape(here)}; "
            f"{html.escape(cost_words(snap, label))}</div>"
        )
    solara.HTML(tag="div", unsafe_innerHTML="".join(lines), classes=["bygd-compare-effects"])
    CompareFigures(snap)
    EffectTable(snap)
    PathwayTable(snap)


@solara.component
def CompareFigures(snap: Snapshot):
    key = (snap.done, snap.finished)
    images = solara.use_memo(
        lambda: (png(effects_figure(snap)), png(convergence_figure(snap))), [key]
    )
    with solara.Columns([3, 2], gutters_dense=True):
        solara.Image(images[0], width="100%", classes=["bygd-chart", "bygd-chart-effects"])
        solara.Image(images[1], width="100%", classes=["bygd-chart", "bygd-chart-convergence"])


@solara.component
def EffectTable(snap: Snapshot):
    head = "".join(
        f"<th style='text-align:left;padding:2px 8px'>{html.escape(lb)}</th>" for lb in snap.labels
    )
    body = []
    for key in snap.keys:
        words, kind = OUTCOMES[key]
        base = snap.baseline[key][0]
        shown = {"share": f"{base:.0%}", "count": f"{base:.1f}", "nok": fmt_nok(base)}[kind]
        cells = "".join(
            f"<td style='padding:2px 8px'>{html.escape(describe_effect(e[key], kind))}</td>"
            for e in (snap.effects[lb] for lb in snap.labels)
        )
        body.append(
            f"<tr><td style='padding:2px 8px'>{html.escape(words)}</td>"
            f"<td style='padding:2px 8px'>{shown}</td>{cells}</tr>"
        )
    solara.HTML(
        tag="table",
        unsafe_innerHTML=(
            "<tr><th style='text-align:left;padding:2px 8px'>outcome</th>"
            f"<th style='text-align:left;padding:2px 8px'>baseline</th>{head}</tr>" + "".join(body)
        ),
        classes=["bygd-compare-table"],
        style="font-size:12px;border-collapse:collapse",
    )


@solara.component
def PathwayTable(snap: Snapshot):
    """How each lever worked: the pathway counters of every setting beside the baseline."""
    if not snap.pathways:
        return
    table, left_out = pathway_table_html(snap.pathways, snap.labels)
    solara.Text(
        f"How each lever worked ({snap.pathways_done} paired replications)",
        classes=["bygd-pathway-title"],
        style={"font-weight": "600", "margin-top": "8px"},
    )
    solara.Text(NOTE, style={"font-size": "12px", "color": "#555"})
    solara.HTML(
        tag="table",
        unsafe_innerHTML=table,
        classes=["bygd-pathway-table"],
        style="font-size:12px;border-collapse:collapse",
    )
    if left_out:
        solara.Text(
            f"{left_out} counters nobody could be measured for in any setting are not shown "
            "(for example years after arrival that this run is too short to reach).",
            classes=["bygd-pathway-left-out"],
            style={"font-size": "12px", "color": "#555"},
        )


@solara.component
def CompareWatcher():
    """Always on the page (whatever the tab): follows a running comparison, bumps
    ``compare_tick`` so the comparison tab redraws, and says how far it has come."""
    job = state.compare_job.value
    _ = state.compare_tick.value

    def poll(cancel: threading.Event) -> None:
        if job is None:
            return
        while not cancel.is_set():
            finished = job.snapshot().finished
            state.compare_tick.value += 1
            if finished:
                return
            cancel.wait(POLL_SECONDS)

    solara.use_thread(poll, dependencies=[job])
    snap = job.snapshot() if job is not None else None
    running = snap is not None and not snap.finished
    # always the same height, so nothing below moves when a comparison starts or ends
    solara.Text(
        f"Comparison running: {snap.done} of {snap.replications} replications" if running else "",
        classes=["bygd-compare-running"],
        style={"font-size": "12px", "color": "#1e5a8c", "height": "18px", "display": "block"},
    )


@solara.component
def CompareTab():
    _ = state.compare_tick.value
    job = state.compare_job.value
    snap = job.snapshot() if job is not None else None
    with solara.Column(gap="10px"):
        Setup(running=snap is not None and not snap.finished)
        if snap is not None:
            Results(snap, job.title)
