"""The page's state: Solara reactive variables (each browser session gets its own values)."""

from __future__ import annotations

from typing import Any

import solara

from analysis.dashboard.session import DEFAULT_PRESET, LiveSession, Settings
from analysis.i18n import default_language, format_money, gettext
from model.scenario import load_scenario

# the page's language (nb or en), first from BYGDESIM_LANG (``bygdesim dashboard --lang``);
# components read it through tr(), so switching it redraws their words
language = solara.reactive(default_language())

# controls
scenario_choice = solara.reactive(DEFAULT_PRESET)  # preset name, or "" for a file
scenario_file = solara.reactive("")
seed_text = solara.reactive("1")
years_text = solara.reactive("")  # empty: the scenario's own horizon
lever_text: solara.Reactive[dict[str, str]] = solara.reactive({})  # dotted path -> typed text
lever_values: solara.Reactive[dict[str, Any]] = solara.reactive({})  # dotted path -> value
field_errors: solara.Reactive[dict[str, str]] = solara.reactive({})  # dotted path -> message
message = solara.reactive("")  # one-line problem shown at the top of the page
speed = solara.reactive("normal")

# the run
session: solara.Reactive[LiveSession | None] = solara.reactive(None)
tick = solara.reactive(0)  # bumped after every month: views redraw
playing = solara.reactive(False)
pending = solara.reactive(False)  # settings changed since the run started

# views
tab = solara.reactive(0)
followed: solara.Reactive[int | None] = solara.reactive(None)  # pid of the followed person
focus_network = solara.reactive(False)
movers_only = solara.reactive(False)

# compare live
compare_job = solara.reactive(None)
compare_tick = solara.reactive(0)  # bumped while a comparison runs: its tab redraws
compare_reps_text = solara.reactive("20")
compare_each_alone = solara.reactive(True)

SPEEDS = {"slow": 1.0, "normal": 0.3, "fast": 0.0}  # seconds between months (at least)
DRAW_TIMEOUT = 3.0  # seconds to wait for the browser to draw a month


def current_session() -> LiveSession:
    """The session, started with the default preset on first use."""
    if session.value is None:
        session.value = LiveSession(Settings(scenario=load_scenario(DEFAULT_PRESET)))
    return session.value


def tr(message: str) -> str:
    """``message`` in the page's language (a component calling it redraws on a switch)."""
    return gettext(message, language.value)


def money(nok: float) -> str:
    """Kroner in the page's language: ``41 250 kr`` or ``NOK 41,250``."""
    return format_money(nok, language.value)
