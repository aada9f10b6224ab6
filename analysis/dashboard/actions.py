"""What the sidebar's controls do: read and validate them, start the run again, step it.

Plain functions on the page's state (:mod:`analysis.dashboard.state`), used by the sidebar
(:mod:`analysis.dashboard.controls`) and the comparison tab.
"""

from __future__ import annotations

from analysis.dashboard import state
from analysis.dashboard.scenario_files import load_scenario_file
from analysis.dashboard.schema_controls import InputProblem, parse_seed, parse_value, years_control
from analysis.dashboard.session import LiveSession, Settings
from analysis.dashboard.state import tr
from model.scenario import Scenario, ScenarioError, load_scenario


def load_chosen_scenario() -> Scenario:
    """The chosen preset or file (raises ScenarioError with a one-line message)."""
    if state.scenario_choice.value:
        return load_scenario(state.scenario_choice.value)
    path = state.scenario_file.value.strip()
    if not path:
        raise ScenarioError(tr("Scenario file: type the path of a .toml scenario file"))
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
