"""The live views of the municipality: status line, charts and the network."""

from __future__ import annotations

from pathlib import Path

import solara

from analysis.dashboard import state
from analysis.dashboard.compare_view import CompareWatcher
from analysis.dashboard.lever_costs import running_costs
from analysis.dashboard.network_widget import NetworkSvg, legend_words
from analysis.dashboard.pacer import Pacer
from analysis.dashboard.retention import still_here
from analysis.i18n import N_, language

CHARTS = {
    "activity": (
        N_("What people do, month by month"),
        N_("Adults living here, stacked by activity; the dashed line counts those who moved away."),
    ),
    "retention": (
        N_("Retention by arrival cohort"),
        N_(
            "Share of each year's arrivals still living here k years after arriving. "
            "Faint, uncoloured numbers rest on fewer than 5 adults."
        ),
    ),
    "shares": (
        N_("Work and education"),
        N_(
            "Share in paid work among all adults here; share in work or education among those "
            "who have completed the programme."
        ),
    ),
    "ties": (
        N_("Local ties and loneliness: singles and families"),
        N_("Mean number of local ties per adult (left) and share lonely (right)."),
    ),
    "services": (
        N_("Services and employers"),
        N_(
            "People each service unit follows (left); employers' trust in the services (right), "
            "which decides how many trainees they take."
        ),
    ),
}


@solara.component
def Kpi(label: str, value: str, name: str):
    with solara.Column(
        gap="0px",
        classes=["bygd-kpi", f"bygd-kpi-{name}"],
        style={"padding": "4px 14px", "border-left": "3px solid #1976d2", "min-width": "110px"},
    ):
        solara.Text(value, style={"font-size": "20px", "font-weight": "600"})
        solara.Text(label, style={"font-size": "12px", "color": "#555"})


@solara.component
def StatusBar():
    _ = state.tick.value
    session = state.current_session()
    run = session.run
    model = run.model
    here, arrived = still_here(model)
    working = sum(1 for p in model.present_people if p.in_paid_work)
    cost = sum(running_costs(model).values()) if run.month else 0.0
    name = model.p.municipality.name
    tr = state.tr
    with language(state.language.value):
        month_label = run.month_label()
    with solara.Row(
        justify="space-between",
        style={"align-items": "center", "flex-wrap": "wrap"},
        classes=["bygd-status"],
    ):
        with solara.Column(gap="0px"):
            solara.Text(
                f"{name} · {tr('seed')} {session.settings.seed}"
                + (
                    f" · {Path(session.settings.scenario.source).name}"
                    if not state.scenario_choice.value
                    else ""
                ),
                style={"font-size": "18px", "font-weight": "600"},
            )
            solara.Text(month_label, classes=["bygd-month"], style={"color": "#333"})
            CompareWatcher()
        with solara.Row(gap="6px", style={"flex-wrap": "wrap"}):
            Kpi(tr("adults arrived"), str(arrived), "arrived")
            Kpi(tr("still living here"), str(here), "here")
            Kpi(tr("moved away"), str(arrived - here), "moved")
            Kpi(tr("in paid work now"), str(working), "working")
            Kpi(tr("levers cost this month"), state.money(cost), "cost")
    Pacer(stamp=state.tick.value, event_drawn=session.drawn.mark)


@solara.component
def ChartCard(name: str, image: bytes):
    title, caption = (state.tr(words) for words in CHARTS[name])
    with solara.Card(title, margin=0, classes=["bygd-card", f"bygd-card-{name}"]):
        solara.Text(caption, style={"font-size": "12px", "color": "#555"})
        solara.Image(image, width="100%", classes=["bygd-chart", f"bygd-chart-{name}"])


def follow(pid: int) -> None:
    """Follow the clicked person: their timeline, and their ego network highlighted."""
    state.focus_network.value = True
    state.followed.value = int(pid)


@solara.component
def NetworkCard():
    _ = state.tick.value
    session = state.current_session()
    pid = state.followed.value
    focus = pid if state.focus_network.value else None
    tr = state.tr
    with language(state.language.value):
        data = session.network(focus)
    with solara.Card(
        tr("The municipality's network"), margin=0, classes=["bygd-card", "bygd-card-network"]
    ):
        solara.Text(
            tr(
                "Every refugee who arrived (moved-away people stay, marked), the locals they have "
                "a tie with, employers (outer ring, by sector) and volunteer groups. Positions "
                "never move. Click a refugee to follow them."
            ),
            style={"font-size": "12px", "color": "#555"},
        )
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="10px"):
            if pid is not None:
                person = session.run.person(pid)
                moved = person is not None and person.moved_month is not None
                label = tr("Following #{pid}").format(pid=pid) + (
                    tr(" (moved away)") if moved else ""
                )
                solara.Text(label, style={"font-weight": "600"})
                solara.Checkbox(label=tr("Highlight their ego network"), value=state.focus_network)
                solara.Button(
                    tr("Open their timeline"),
                    on_click=lambda: state.tab.set(1),
                    text=True,
                    classes=["bygd-open-timeline"],
                )
            else:
                solara.Text(tr("Nobody followed yet."), style={"color": "#777"})
        NetworkSvg(
            nodes=data["nodes"],
            edges=data["edges"],
            labels=data["labels"],
            legend=legend_words(),
            width=data["width"],
            height=data["height"],
            maxHeight=620,
            event_select=follow,
        )


@solara.component
def MunicipalityTab():
    _ = state.tick.value
    images = state.current_session().images(state.language.value)
    with solara.Column(gap="12px"):
        ChartCard("activity", images["activity"])
        with solara.Columns([1, 1], gutters_dense=True):
            ChartCard("retention", images["retention"])
            ChartCard("shares", images["shares"])
        with solara.Columns([1, 1], gutters_dense=True):
            ChartCard("ties", images["ties"])
            ChartCard("services", images["services"])
        NetworkCard()
