"""The bygdesim dashboard page (run it with ``bygdesim dashboard``).

Only the layout lives here: controls in the sidebar; in the main area the run's status and
three tabs: the live municipality, one person's life history, and the live comparison.
"""

from __future__ import annotations

import solara
import solara.lab

from analysis.dashboard import state
from analysis.dashboard.compare_view import CompareTab
from analysis.dashboard.controls import Sidebar
from analysis.dashboard.person_view import PersonTab
from analysis.dashboard.views import MunicipalityTab, StatusBar
from analysis.i18n import LANGUAGES


@solara.component
def MessageBar():
    if state.message.value:
        with solara.Row(classes=["bygd-message"], style={"align-items": "center"}):
            solara.Error(state.message.value, dense=True, style={"flex-grow": "1"})
            solara.Button(state.tr("Dismiss"), on_click=lambda: state.message.set(""), text=True)


@solara.component
def LanguageSelect():
    """Språk / Language: every text of the page follows the choice at once."""
    names = {name: code for code, name in LANGUAGES.items()}
    solara.Select(
        label="Språk / Language",
        values=list(names),
        value=LANGUAGES[state.language.value],
        on_value=lambda name: state.language.set(names[name]),
        dense=True,
        classes=["bygd-language"],
        style={"max-width": "190px"},
    )


@solara.component
def Page():
    state.current_session()
    tr = state.tr
    solara.Title(tr("bygdesim: settlement and retention"))
    solara.AppBarTitle(tr("bygdesim: refugee settlement and retention"))
    with solara.Sidebar():
        LanguageSelect()
        Sidebar()
    with solara.Column(gap="10px", style={"padding": "0 4px"}):
        MessageBar()
        StatusBar()
        with solara.lab.Tabs(value=state.tab, lazy=True, align="left"):
            with solara.lab.Tab(tr("Municipality"), icon_name="mdi-home-group"):
                MunicipalityTab()
            with solara.lab.Tab(tr("Follow a person"), icon_name="mdi-account-clock"):
                PersonTab()
            with solara.lab.Tab(tr("Compare levers"), icon_name="mdi-scale-balance"):
                CompareTab()
