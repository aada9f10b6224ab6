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
from analysis.dashboard.actions import (
    current_scenario,
    mark_pending,
    reset_run,
    show_problem,
    step_once,
)
from analysis.dashboard.lever_costs import ESTIMATE_MONTHS, estimate_monthly_costs
from analysis.dashboard.scenario_io import ScenarioFileTools
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
from analysis.dashboard.session import Settings, preset_choices
from analysis.dashboard.state import tr
from analysis.i18n import N_
from analysis.i18n.terms import SPEED_WORDS
from model.scenario import ScenarioError

FILE_CHOICE = N_("Scenario file...")
CONTROLS = lever_controls()


# ---- components ----------------------------------------------------------------------------
@solara.component
def ScenarioControls():
    choices = solara.use_memo(preset_choices, [])
    file_choice = tr(FILE_CHOICE)
    labels = [*choices, file_choice]
    current = next((k for k, v in choices.items() if v == state.scenario_choice.value), file_choice)

    def choose(label: str) -> None:
        state.scenario_choice.value = choices.get(label, "")
        state.lever_values.value = {}
        state.lever_text.value = {}
        state.field_errors.value = {}
        if label != file_choice:
            reset_run()

    solara.Select(
        label=tr("Municipality (preset)"),
        values=labels,
        value=current,
        on_value=choose,
        classes=["bygd-scenario-select"],
    )
    if current == file_choice:

        def load_file(text: str | None) -> None:
            state.scenario_file.value = text or ""
            reset_run()

        solara.InputText(
            label=tr("Scenario file (.toml), press Enter"),
            value=state.scenario_file.value,
            on_value=load_file,
            placeholder=tr("a .toml file in the folder the dashboard started in, or in scenarios/"),
            classes=["bygd-scenario-file"],
        )
    with solara.Row(gap="8px"):

        def set_seed(text: str | None) -> None:
            state.seed_text.value = text or ""
            try:
                parse_seed(state.seed_text.value, state.language.value)
            except InputProblem as exc:
                show_problem(exc)
                return
            state.message.value = ""
            mark_pending()

        seed_error = ""
        try:
            parse_seed(state.seed_text.value, state.language.value)
        except InputProblem as exc:
            seed_error = str(exc)
        solara.InputText(
            label=tr("Seed"),
            value=state.seed_text.value,
            on_value=set_seed,
            error=bool(seed_error),
            message=tr("whole number, 0 or more"),
            classes=["bygd-seed"],
            style={"max-width": "45%"},
        )
        years = years_control()

        def set_years(text: str | None) -> None:
            state.years_text.value = text or ""
            if state.years_text.value.strip():
                try:
                    value = parse_value(years, state.years_text.value, state.language.value)
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
            label=years.label_in(state.language.value),
            value=state.years_text.value,
            on_value=set_years,
            error=years_error,
            message=tr("{range}; empty = {years}").format(
                range=years.range_in(state.language.value),
                years=current_scenario().params.years,
            ),
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
            tr("Pause") if playing else tr("Play"),
            icon_name="mdi-pause" if playing else "mdi-play",
            color="primary",
            on_click=lambda: state.playing.set(not playing),
            disabled=session.run.finished,
            classes=["bygd-play"],
        )
        solara.Button(
            tr("Step"),
            icon_name="mdi-skip-next",
            on_click=step_once,
            disabled=playing or session.run.finished,
            outlined=True,
            classes=["bygd-step"],
        )
        solara.Button(
            tr("Reset"),
            icon_name="mdi-restore",
            on_click=reset_run,
            outlined=True,
            classes=["bygd-reset"],
        )
    speeds = {tr(SPEED_WORDS[name]): name for name in state.SPEEDS}
    solara.ToggleButtonsSingle(
        value=tr(SPEED_WORDS[state.speed.value]),
        values=list(speeds),
        on_value=lambda words: state.speed.set(speeds.get(words, "normal")),
        dense=True,
        classes=["bygd-speed"],
    )
    if state.pending.value:
        solara.Warning(
            tr(
                "Settings changed: press Reset to restart the run with them "
                "(the comparison uses them already)."
            ),
            dense=True,
        )


def set_field(control: Control, text: Any) -> None:
    """A lever field was edited: parse, validate with all other levers, store or complain."""
    path = control.path
    texts = {**state.lever_text.value, path: "" if text is None else str(text)}
    errors = {k: v for k, v in state.field_errors.value.items() if k != path}
    values = dict(state.lever_values.value)
    try:
        value = parse_value(control, text, state.language.value)
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
    lang = state.language.value
    label = control.label_in(lang)
    if control.kind == "bool":
        solara.Checkbox(
            label=f"{label}: {control.help_in(lang)}" if control.help else label,
            value=bool(shown),
            on_value=lambda v: set_field(control, v),
        )
        return
    solara.InputText(
        label=label
        if control.unit.lower() in ("", control.label.lower())
        else f"{label} ({control.unit_in(lang)})",
        value=text if text is not None else _fmt(shown),
        on_value=lambda t: set_field(control, t),
        error=bool(error),
        message=error or hint(control, lang),
        dense=True,
        classes=["bygd-lever-field", f"bygd-field-{control.path.replace('.', '-')}"],
    )


def hint(control: Control, lang: str | None = None) -> str:
    """The allowed range, and what the field means when the schema says so (in ``lang``)."""
    if control.help and not control.is_cost:
        return f"{control.range_in(lang)}. {control.help_in(lang)}"
    return control.range_in(lang)


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
    total = (
        tr("about {money}/month").format(money=state.money(sum(cost.values())))
        if cost
        else tr("estimating...")
    )
    with solara.Row(justify="space-between", style={"align-items": "center"}):
        solara.Text(tr("Levers: {total}").format(total=total), style={"font-weight": "600"})
        if values or errors:

            def back_to_preset() -> None:
                state.lever_values.value = {}
                state.lever_text.value = {}
                state.field_errors.value = {}
                state.message.value = ""
                mark_pending()

            solara.Button(tr("Back to preset"), on_click=back_to_preset, text=True, small=True)
    solara.Text(
        tr(
            "Cost: average NOK per month over the first {years} years of this run with these "
            "settings (running and one-off costs)."
        ).format(years=ESTIMATE_MONTHS // 12),
        style={"font-size": "12px", "color": "#666"},
    )
    with rv.ExpansionPanels(accordion=True, multiple=True, class_="bygd-levers"):
        for lever, controls in CONTROLS.items():
            changed = any(c.path in values or c.path in errors for c in controls)
            with rv.ExpansionPanel():
                with rv.ExpansionPanelHeader(class_="py-1"):
                    with solara.Column(gap="0px"):
                        solara.Text(
                            tr(lever_title(lever)) + (tr("  (changed)") if changed else ""),
                            style={"font-weight": "600" if changed else "500"},
                        )
                        money = (
                            tr("{money}/month").format(money=state.money(cost[lever]))
                            if cost
                            else "..."
                        )
                        solara.Text(
                            money,
                            style={"font-size": "12px", "color": "#2e7d32" if changed else "#666"},
                        )
                with rv.ExpansionPanelContent():
                    solara.Text(
                        tr(LEVER_PURPOSE.get(lever, "")),
                        style={"font-size": "12px", "color": "#555"},
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
        ScenarioFileTools(on_loaded=reset_run)
        RunControls()
        LeverPanels()
