"""The sidebar: scenario, seed, years, run buttons and every lever (generated from the schema).

Lever settings and the seed take effect when the run is reset; the comparison uses them
directly. Anything that cannot be used is shown in the page, next to the field and at the top.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import reacton.ipyvuetify as rv
import solara

from analysis.dashboard import state
from analysis.dashboard.lever_costs import ESTIMATE_MONTHS, estimate_monthly_costs, fmt_nok
from analysis.dashboard.scenario_files import load_scenario_file
from analysis.dashboard.schema_controls import (
    LEVER_PURPOSE,
    Control,
    InputProblem,
    apply_settings,
    get_value,
    lever_controls,
    lever_title,
    parse_seed,
    parse_value,
    years_control,
)
from analysis.dashboard.session import LiveSession, Settings, preset_choices
from model.scenario import Scenario, ScenarioError, load_scenario

FILE_CHOICE = "Scenario file..."
CONTROLS = lever_controls()


# ---- reading the controls ------------------------------------------------------------------
def load_chosen_scenario() -> Scenario:
    """The chosen preset or file (raises ScenarioError with a one-line message)."""
    if state.scenario_choice.value:
        return load_scenario(state.scenario_choice.value)
    path = state.scenario_file.value.strip()
    if not path:
        raise ScenarioError("Scenario file: type the path of a .toml scenario file")
    return load_scenario_file(path)


def current_scenario() -> Scenario:
    """The scenario of the run on the page (lever fields are checked against it)."""
    return state.current_session().settings.scenario


def read_settings() -> Settings:
    """Every control, validated; raises InputProblem or ScenarioError (one line)."""
    if state.field_errors.value:
        problem = next(iter(state.field_errors.value.values()))
        raise InputProblem(problem)
    scenario = load_chosen_scenario()
    seed = parse_seed(state.seed_text.value)
    years = None
    if state.years_text.value.strip():
        years = parse_value(years_control(), state.years_text.value)
    settings = Settings(
        scenario=scenario, seed=seed, years=years, levers=dict(state.lever_values.value)
    )
    settings.params()  # validate the combination
    return settings


def show_problem(exc: Exception) -> None:
    state.message.value = str(exc)


def reset_run() -> None:
    """Start the run again from month 0 with the current controls."""
    state.playing.value = False
    try:
        settings = read_settings()
        new = LiveSession(settings)
    except (InputProblem, ScenarioError) as exc:
        show_problem(exc)
        return
    state.session.value = new
    state.followed.value = None
    state.pending.value = False
    state.message.value = ""
    state.tick.value += 1


def step_once() -> None:
    session = state.current_session()
    if not session.step():
        state.playing.value = False
    state.tick.value += 1


def mark_pending() -> None:
    state.pending.value = True


# ---- components ----------------------------------------------------------------------------
@solara.component
def ScenarioControls():
    choices = solara.use_memo(preset_choices, [])
    labels = [*choices, FILE_CHOICE]
    current = next((k for k, v in choices.items() if v == state.scenario_choice.value), FILE_CHOICE)

    def choose(label: str) -> None:
        state.scenario_choice.value = choices.get(label, "")
        state.lever_values.value = {}
        state.lever_text.value = {}
        state.field_errors.value = {}
        if label != FILE_CHOICE:
            reset_run()

    solara.Select(
        label="Municipality (preset)",
        values=labels,
        value=current,
        on_value=choose,
        classes=["bygd-scenario-select"],
    )
    if current == FILE_CHOICE:

        def load_file(text: str | None) -> None:
            state.scenario_file.value = text or ""
            reset_run()

        solara.InputText(
            label="Scenario file (.toml), press Enter",
            value=state.scenario_file.value,
            on_value=load_file,
            placeholder="a .toml file in the folder the dashboard started in, or in scenarios/",
            classes=["bygd-scenario-file"],
        )
    with solara.Row(gap="8px"):

        def set_seed(text: str | None) -> None:
            state.seed_text.value = text or ""
            try:
                parse_seed(state.seed_text.value)
            except InputProblem as exc:
                show_problem(exc)
                return
            state.message.value = ""
            mark_pending()

        seed_error = ""
        try:
            parse_seed(state.seed_text.value)
        except InputProblem as exc:
            seed_error = str(exc)
        solara.InputText(
            label="Seed",
            value=state.seed_text.value,
            on_value=set_seed,
            error=bool(seed_error),
            message="whole number, 0 or more",
            classes=["bygd-seed"],
            style={"max-width": "45%"},
        )
        years = years_control()

        def set_years(text: str | None) -> None:
            state.years_text.value = text or ""
            if state.years_text.value.strip():
                try:
                    value = parse_value(years, state.years_text.value)
                    apply_settings(current_scenario().params, {"years": value})
                except (InputProblem, ScenarioError) as exc:
                    show_problem(exc)
                    return
            state.message.value = ""
            mark_pending()

        years_error = False
        if state.years_text.value.strip():
            try:
                parse_value(years, state.years_text.value)
            except InputProblem:
                years_error = True
        solara.InputText(
            label=years.label,
            value=state.years_text.value,
            on_value=set_years,
            error=years_error,
            message=f"{years.range_text}; empty = {current_scenario().params.years}",
            classes=["bygd-years"],
            style={"max-width": "50%"},
        )


@solara.component
def RunControls():
    playing = state.playing.value
    session = state.current_session()
    _ = state.tick.value

    def play_loop(cancel: threading.Event) -> None:
        while state.playing.value and not cancel.is_set():
            started = time.perf_counter()
            step_once()
            state.current_session().drawn.wait(state.tick.value, state.DRAW_TIMEOUT)
            wanted = state.SPEEDS.get(state.speed.value, 0.3)
            # always leave a moment for clicks (Pause, Step) to reach the page
            if cancel.wait(max(0.03, wanted - (time.perf_counter() - started))):
                return

    solara.use_thread(play_loop, dependencies=[playing])

    with solara.Row(gap="6px", classes=["bygd-run-controls"]):
        solara.Button(
            "Pause" if playing else "Play",
            icon_name="mdi-pause" if playing else "mdi-play",
            color="primary",
            on_click=lambda: state.playing.set(not playing),
            disabled=session.run.finished,
            classes=["bygd-play"],
        )
        solara.Button(
            "Step",
            icon_name="mdi-skip-next",
            on_click=step_once,
            disabled=playing or session.run.finished,
            outlined=True,
            classes=["bygd-step"],
        )
        solara.Button(
            "Reset",
            icon_name="mdi-restore",
            on_click=reset_run,
            outlined=True,
            classes=["bygd-reset"],
        )
    solara.ToggleButtonsSingle(
        value=state.speed,
        values=list(state.SPEEDS),
        dense=True,
    )
    if state.pending.value:
        solara.Warning(
            "Settings changed: press Reset to restart the run with them "
            "(the comparison uses them already).",
            dense=True,
        )


def set_field(control: Control, text: Any) -> None:
    """A lever field was edited: parse, validate with all other levers, store or complain."""
    path = control.path
    texts = {**state.lever_text.value, path: "" if text is None else str(text)}
    errors = {k: v for k, v in state.field_errors.value.items() if k != path}
    values = dict(state.lever_values.value)
    try:
        value = parse_value(control, text)
        values[path] = value
        scenario = current_scenario()
        apply_settings(scenario.params, values)
        if value == get_value(scenario.params, path):
            values.pop(path)
            texts.pop(path)
        state.message.value = ""
    except (InputProblem, ScenarioError) as exc:
        errors[path] = str(exc)
        show_problem(exc)
        values.pop(path, None)
    state.lever_text.value = texts
    state.field_errors.value = errors
    state.lever_values.value = values
    mark_pending()


@solara.component
def LeverField(control: Control, shown: Any, text: str | None, error: str | None):
    if control.kind == "bool":
        solara.Checkbox(
            label=f"{control.label}: {control.help}" if control.help else control.label,
            value=bool(shown),
            on_value=lambda v: set_field(control, v),
        )
        return
    solara.InputText(
        label=control.label
        if control.unit.lower() in ("", control.label.lower())
        else f"{control.label} ({control.unit})",
        value=text if text is not None else _fmt(shown),
        on_value=lambda t: set_field(control, t),
        error=bool(error),
        message=error or hint(control),
        dense=True,
        classes=["bygd-lever-field", f"bygd-field-{control.path.replace('.', '-')}"],
    )


def hint(control: Control) -> str:
    """The allowed range, and what the field means when the schema says so."""
    if control.help and not control.is_cost:
        return f"{control.range_text}. {control.help}"
    return control.range_text


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@solara.component
def LeverPanels():
    session = state.current_session()
    scenario = session.settings.scenario
    values = state.lever_values.value
    texts = state.lever_text.value
    errors = state.field_errors.value
    seed = session.settings.seed

    def estimate() -> dict[str, float] | None:
        try:
            settings = Settings(scenario=scenario, seed=seed, years=None, levers=dict(values))
            return estimate_monthly_costs(settings.params(), seed)
        except (InputProblem, ScenarioError):
            return None

    costs = solara.use_thread(estimate, dependencies=[scenario.source, repr(values), seed])
    cost = costs.value if costs.state == solara.ResultState.FINISHED else None
    total = f"about {fmt_nok(sum(cost.values()))}/month" if cost else "estimating..."
    with solara.Row(justify="space-between", style={"align-items": "center"}):
        solara.Text(f"Levers: {total}", style={"font-weight": "600"})
        if values or errors:

            def back_to_preset() -> None:
                state.lever_values.value = {}
                state.lever_text.value = {}
                state.field_errors.value = {}
                state.message.value = ""
                mark_pending()

            solara.Button("Back to preset", on_click=back_to_preset, text=True, small=True)
    solara.Text(
        f"Cost: average NOK per month over the first {ESTIMATE_MONTHS // 12} years of this "
        "run with these settings (running and one-off costs).",
        style={"font-size": "12px", "color": "#666"},
    )
    with rv.ExpansionPanels(accordion=True, multiple=True, class_="bygd-levers"):
        for lever, controls in CONTROLS.items():
            changed = any(c.path in values or c.path in errors for c in controls)
            with rv.ExpansionPanel():
                with rv.ExpansionPanelHeader(class_="py-1"):
                    with solara.Column(gap="0px"):
                        solara.Text(
                            lever_title(lever) + ("  (changed)" if changed else ""),
                            style={"font-weight": "600" if changed else "500"},
                        )
                        money = fmt_nok(cost[lever]) + "/month" if cost else "..."
                        solara.Text(
                            money,
                            style={"font-size": "12px", "color": "#2e7d32" if changed else "#666"},
                        )
                with rv.ExpansionPanelContent():
                    solara.Text(
                        LEVER_PURPOSE.get(lever, ""), style={"font-size": "12px", "color": "#555"}
                    )
                    settings_fields = [c for c in controls if not c.is_cost]
                    cost_fields = [c for c in controls if c.is_cost]
                    with solara.Column(gap="18px", style={"padding-top": "8px"}):
                        for control in settings_fields + cost_fields:
                            shown = values.get(
                                control.path, get_value(scenario.params, control.path)
                            )
                            LeverField(
                                control, shown, texts.get(control.path), errors.get(control.path)
                            )


@solara.component
def Sidebar():
    with solara.Column(gap="10px", style={"padding": "4px"}):
        ScenarioControls()
        RunControls()
        LeverPanels()
