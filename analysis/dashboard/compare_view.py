"""Compare live: the page's lever settings against the baseline, while the page stays usable."""

from __future__ import annotations

import html
import math
import threading

import solara

from analysis.dashboard import state
from analysis.dashboard.actions import read_settings, show_problem
from analysis.dashboard.charts import png
from analysis.dashboard.compare_charts import ARM_COLORS, convergence_figure, effects_figure
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
from analysis.dashboard.state import money, tr
from analysis.experiments.stats import SMALL_N
from analysis.i18n import format_decimal, format_percent, language
from model.scenario import ScenarioError

MAX_REPLICATIONS = 500
POLL_SECONDS = 0.5


def parse_replications(text: str) -> int:
    try:
        n = int(str(text).strip())
    except ValueError:
        raise InputProblem(
            tr("Replications: {text} is not a whole number (2 to 500)").format(text=repr(text))
        ) from None
    if not 2 <= n <= MAX_REPLICATIONS:
        raise InputProblem(
            tr("Replications: {n} is out of range (2 to {max})").format(n=n, max=MAX_REPLICATIONS)
        )
    return n


def start_comparison() -> None:
    """Start (or restart) the comparison with the sidebar's settings."""
    try:
        settings = read_settings()
        reps = parse_replications(state.compare_reps_text.value)
        with language(state.language.value):  # the settings' names, in the page's language
            baseline, arms = plan_arms(
                settings.baseline(), settings.params(), state.compare_each_alone.value
            )
    except (InputProblem, ScenarioError) as exc:
        show_problem(exc)
        return
    if not arms:
        show_problem(
            InputProblem(tr("Nothing to compare: change at least one lever in the sidebar first"))
        )
        return
    stop_comparison()
    state.message.value = ""
    job = LiveComparison(baseline, arms, settings.seed, reps)
    job.title = tr("{name}, {years} years, seed {seed}: {arms} against the baseline").format(
        name=baseline.municipality.name,
        years=baseline.years,
        seed=settings.seed,
        arms=", ".join(a.label for a in arms),
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
                unit = control_for(control.path).unit_in(state.language.value)
                label = control.label_in(state.language.value).lower()
                parts.append(f"{label} {old} -> {new}{' ' + unit if unit else ''}")
        out.append(f"{tr(lever_title(lever))}: {', '.join(parts)}")
    return out


@solara.component
def Setup(running: bool):
    try:
        settings = read_settings()
        changes = changes_in_words(settings)
        base_name = settings.scenario.baseline.municipality.name
        years = settings.params().years
    except (InputProblem, ScenarioError) as exc:
        solara.Error(tr("The settings cannot be compared: {problem}").format(problem=exc))
        return
    solara.Text(
        tr(
            "Baseline: the {name} preset, {years} years, seed {seed}. Baseline and levers run "
            "on the same random seeds, so differences are the levers' doing, not luck."
        ).format(name=base_name, years=years, seed=settings.seed),
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
        solara.Info(tr("No lever differs from the baseline yet: change one in the sidebar."))
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="12px"):
        solara.InputText(
            tr("Replications"),
            value=state.compare_reps_text,
            message=tr("2 to 500; 20 gives a first answer"),
            classes=["bygd-replications"],
            style={"max-width": "180px"},
        )
        solara.Checkbox(label=tr("Also each changed lever alone"), value=state.compare_each_alone)
        solara.Button(
            tr("Start comparison"),
            icon_name="mdi-play-circle",
            color="primary",
            on_click=start_comparison,
            disabled=not changes,
            classes=["bygd-compare-start"],
        )
        solara.Button(
            tr("Stop"),
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
    plan = (
        tr(
            "Plan: {reps} paired replications of the baseline and {n} setting = {runs} model "
            "runs, in worker processes; the page stays usable meanwhile."
        )
        if len(arms) == 1
        else tr(
            "Plan: {reps} paired replications of the baseline and {n} settings = {runs} model "
            "runs, in worker processes; the page stays usable meanwhile."
        )
    )
    solara.Text(
        plan.format(reps=reps, n=len(arms), runs=reps * (len(arms) + 1)),
        classes=["bygd-compare-plan"],
        style={"font-size": "13px", "color": "#555"},
    )


def cost_words(snap: Snapshot, label: str) -> str:
    point, (lo, hi) = snap.cost.get(label, (math.nan, [math.nan, math.nan]))
    if point == 0.0 and lo == 0.0:
        return tr("no extra cost")
    if point is None or math.isnan(point):
        return tr("no extra adult retained on average: no finite cost per retained adult")
    if lo is None or not math.isfinite(lo):
        return tr("{money} per extra adult retained").format(money=money(point))
    # some resamples retain nobody extra: the cost has no finite upper bound (inf, or NaN
    # where the percentile interpolates between infinities)
    upper = money(hi) if hi is not None and math.isfinite(hi) else tr("no upper bound")
    return tr("{money} per extra adult retained (95 %: {low} to {high})").format(
        money=money(point), low=money(lo), high=upper
    )


@solara.component
def Results(snap: Snapshot, title: str):
    pct = 100 * snap.runs_done / max(snap.runs_total, 1)
    solara.Text(tr("Last comparison: {title}").format(title=title), style={"font-weight": "600"})
    status = (
        tr("stopped")
        if snap.cancelled
        else (tr("finished") if snap.finished else tr("running in the background"))
    )
    solara.ProgressLinear(pct if not snap.finished else 100)
    solara.Text(
        tr(
            "{done} of {replications} paired replications complete ({runs_done} of {runs_total} "
            "runs, {seconds} s) - {status}"
        ).format(
            done=snap.done,
            replications=snap.replications,
            runs_done=snap.runs_done,
            runs_total=snap.runs_total,
            seconds=f"{snap.elapsed:.0f}",
            status=status,
        ),
        classes=["bygd-compare-progress"],
    )
    if snap.error:
        solara.Error(tr("The comparison stopped: {problem}").format(problem=snap.error))
    if not snap.effects:
        return
    lines = []
    for a, label in enumerate(snap.labels):
        eff = snap.effects[label]
        color = ARM_COLORS[a % len(ARM_COLORS)]
        with language(state.language.value):
            head = describe_effect(eff[snap.headline], "share")
            here = (
                describe_effect(eff["adults_present_at_end"], "count")
                if "adults_present_at_end" in eff
                else ""
            )
        lines.append(
            f"<div style='margin:4px 0'><span style='color:{color};font-weight:700'>&#9679; "
            f"{html.escape(label)}</span>: {html.escape(tr(OUTCOMES[snap.headline][0]))} "
            f"<b>{html.escape(head)}</b>; {html.escape(tr('adults living here at the end'))} "
            f"{html.escape(here)}; {html.escape(cost_words(snap, label))}</div>"
        )
    solara.HTML(tag="div", unsafe_innerHTML="".join(lines), classes=["bygd-compare-effects"])
    CompareFigures(snap)
    EffectTable(snap)
    PathwayTable(snap)


@solara.component
def CompareFigures(snap: Snapshot):
    lang = state.language.value
    key = (snap.done, snap.finished, lang)

    def draw() -> tuple[bytes, bytes]:
        with language(lang):
            return png(effects_figure(snap)), png(convergence_figure(snap))

    images = solara.use_memo(draw, [key])
    with solara.Columns([3, 2], gutters_dense=True):
        solara.Image(images[0], width="100%", classes=["bygd-chart", "bygd-chart-effects"])
        solara.Image(images[1], width="100%", classes=["bygd-chart", "bygd-chart-convergence"])


@solara.component
def EffectTable(snap: Snapshot):
    head = "".join(
        f"<th style='text-align:left;padding:2px 8px'>{html.escape(lb)}</th>" for lb in snap.labels
    )
    body = []
    lang = state.language.value
    for key in snap.keys:
        words, kind = OUTCOMES[key]
        base = snap.baseline[key][0]
        if kind == "share":
            shown = format_percent(base, 0, lang)
        else:
            shown = format_decimal(base, 1, lang) if kind == "count" else money(base)
        with language(lang):
            effects = [describe_effect(snap.effects[lb][key], kind) for lb in snap.labels]
        cells = "".join(f"<td style='padding:2px 8px'>{html.escape(e)}</td>" for e in effects)
        body.append(
            f"<tr><td style='padding:2px 8px'>{html.escape(tr(words))}</td>"
            f"<td style='padding:2px 8px'>{shown}</td>{cells}</tr>"
        )
    body += posterior_rows(snap, lang)
    solara.HTML(
        tag="table",
        unsafe_innerHTML=(
            f"<tr><th style='text-align:left;padding:2px 8px'>{tr('outcome')}</th>"
            f"<th style='text-align:left;padding:2px 8px'>{tr('baseline')}</th>{head}</tr>"
            + "".join(body)
        ),
        classes=["bygd-compare-table"],
        style="font-size:12px;border-collapse:collapse",
    )


def posterior_rows(snap: Snapshot, lang: str) -> list[str]:
    """Rows of the chance of a positive effect (and of reaching the stated size) across the
    calibration's posterior; none unless the comparison has them."""
    if not snap.posterior:
        return []
    rows = [(tr("chance the effect is positive"), "p_positive")]
    if snap.posterior_size is not None:
        rows.append((tr("chance the effect reaches the stated size"), "p_at_least"))
    out = []
    for words, key in rows:
        cells = "".join(
            f"<td style='padding:2px 8px'>"
            f"{html.escape(format_percent(snap.posterior.get(lb, {}).get(key), 0, lang))}</td>"
            for lb in snap.labels
        )
        out.append(
            f"<tr class='bygd-compare-posterior'><td style='padding:2px 8px'>"
            f"{html.escape(words)}</td><td></td>{cells}</tr>"
        )
    return out


@solara.component
def PathwayTable(snap: Snapshot):
    """How each lever worked: the pathway counters of every setting beside the baseline."""
    if not snap.pathways:
        return
    with language(state.language.value):
        table, left_out = pathway_table_html(snap.pathways, snap.labels)
    solara.Text(
        tr("How each lever worked ({n} paired replications)").format(n=snap.pathways_done),
        classes=["bygd-pathway-title"],
        style={"font-weight": "600", "margin-top": "8px"},
    )
    solara.Text(tr(NOTE).format(n=SMALL_N), style={"font-size": "12px", "color": "#555"})
    solara.HTML(
        tag="table",
        unsafe_innerHTML=table,
        classes=["bygd-pathway-table"],
        style="font-size:12px;border-collapse:collapse",
    )
    if left_out:
        solara.Text(
            tr(
                "{n} counters nobody could be measured for in any setting are not shown (for "
                "example years after arrival that this run is too short to reach)."
            ).format(n=left_out),
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
        tr("Comparison running: {done} of {replications} replications").format(
            done=snap.done, replications=snap.replications
        )
        if running
        else "",
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
