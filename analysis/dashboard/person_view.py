"""Follow a person: pick anyone who arrived and read their life history."""

from __future__ import annotations

import html

import solara

from analysis.dashboard import state
from analysis.dashboard.charts import ACTIVITY_STYLE, png
from analysis.dashboard.network_view import person_label
from analysis.dashboard.network_widget import NetworkSvg, legend_words
from analysis.dashboard.state import tr
from analysis.dashboard.timeline import (
    KIND_WORDS,
    move_reasons,
    person_summary,
    timeline_figure,
    timeline_rows,
)
from analysis.i18n import _, language
from model.enums import EventKind

HIDDEN_BY_DEFAULT = (EventKind.SERVICES,)  # staff turnover is logged for everyone in the programme


def choice_label(person) -> str:
    """``#12 man, 27 (single man) - job``: a person-picker entry in the current language."""
    where = (
        _("moved away in month {month}").format(month=person.moved_month + 1)
        if person.moved_month is not None
        else _(ACTIVITY_STYLE[person.activity.value][0])
    )
    return f"{person_label(person)} - {where}"


@solara.component
def PersonPicker():
    _ = state.tick.value
    session = state.current_session()
    people = session.run.model.people
    if state.movers_only.value:
        people = [p for p in people if p.moved_month is not None]
    with language(state.language.value):
        labels = {choice_label(p): p.pid for p in people}
    current = next((k for k, v in labels.items() if v == state.followed.value), None)
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}, gap="16px"):
        solara.Select(
            label=tr("Person ({n} listed)").format(n=len(labels)),
            values=list(labels),
            value=current,
            on_value=lambda label: state.followed.set(labels.get(label)),
            classes=["bygd-person-select"],
            style={"min-width": "420px"},
        )
        solara.Checkbox(label=tr("Only people who moved away"), value=state.movers_only)
    if not people:
        solara.Info(tr("Nobody has arrived yet: press Step or Play first."))


@solara.component
def MoveReasons(person):
    with language(state.language.value):
        reasons = move_reasons(person)
    if reasons is None:
        return
    words, factors = reasons
    rows = "".join(
        f"<tr><td style='padding:1px 10px 1px 0'>x{f['multiplier']:.2f}</td>"
        f"<td>{html.escape(f['words'])}</td>"
        f"<td style='color:#777;padding-left:10px'>"
        f"{tr('pushed to move') if f['multiplier'] > 1 else tr('held them here')}</td></tr>"
        for f in factors
    )
    solara.HTML(
        tag="div",
        classes=["bygd-move-reasons"],
        unsafe_innerHTML=(
            "<div style='border-left:4px solid #c62828;background:#fdecea;padding:8px 12px;"
            "border-radius:4px'>"
            "<div style='font-weight:600'>"
            + tr("Why did they move? (month {month})").format(month=person.moved_month + 1)
            + "</div><div style='margin:4px 0 6px 0'>"
            + html.escape(tr("The household moved because of: {reasons}.").format(reasons=words))
            + "</div><div style='font-size:12px;color:#555'>"
            + tr("Every factor of the monthly move hazard at the time (the model multiplies them):")
            + "</div>"
            f"<table style='font-size:12px'>{rows}</table></div>"
        ),
    )


@solara.component
def Summary(person):
    with language(state.language.value):
        summary = person_summary(person)
    rows = "".join(
        f"<tr><td style='color:#555;padding:1px 12px 1px 0;white-space:nowrap'>"
        f"{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in summary.items()
    )
    solara.HTML(
        tag="table",
        unsafe_innerHTML=rows,
        classes=["bygd-person-summary"],
        style="font-size:13px",
    )


@solara.component
def EventList(person):
    with language(state.language.value):
        rows_all = timeline_rows(person)
    kinds = [k for k in KIND_WORDS if any(r.kind == k for r in rows_all)]
    hidden, set_hidden = solara.use_state(list(HIDDEN_BY_DEFAULT))

    def show(words: list[str]) -> None:
        set_hidden([k for k in KIND_WORDS if tr(KIND_WORDS[k]) not in words])

    solara.SelectMultiple(
        tr("Show events of kind"),
        values=[tr(KIND_WORDS[k]) for k in kinds if k not in hidden],
        all_values=[tr(KIND_WORDS[k]) for k in kinds],
        on_value=show,
        dense=True,
    )
    rows = [r for r in rows_all if r.kind not in hidden]
    body = "".join(
        f"<tr class='bygd-event bygd-event-{r.kind}'>"
        f"<td style='white-space:nowrap;padding:2px 10px 2px 0;color:#555'>{r.when}</td>"
        f"<td style='white-space:nowrap;padding:2px 10px 2px 0;color:#777'>{r.since_arrival}</td>"
        f"<td style='white-space:nowrap;padding:2px 10px 2px 0;font-weight:600'>"
        f"{html.escape(tr(r.kind_words))}</td><td>{html.escape(r.text)}</td></tr>"
        for r in rows
    )
    solara.HTML(
        tag="table",
        unsafe_innerHTML=body,
        classes=["bygd-timeline"],
        style="font-size:13px;border-collapse:collapse",
    )


@solara.component
def TimelineChart(session, person):
    """The person's months as a chart, redrawn only when a month passes (or never, once they
    have moved)."""
    _ = state.tick.value
    moved = person.moved_month
    lang = state.language.value
    key = (id(session), person.pid, moved if moved is not None else session.month, lang)

    def draw() -> bytes:
        with language(lang):
            rows = timeline_rows(person)
            return png(timeline_figure(session.run.track(person.pid), rows, moved))

    image = solara.use_memo(draw, [key])
    solara.Image(image, width="100%", classes=["bygd-chart", "bygd-chart-timeline"])


@solara.component
def PersonTab():
    _ = state.tick.value
    session = state.current_session()
    PersonPicker()
    pid = state.followed.value
    person = session.run.person(pid) if pid is not None else None
    if person is None:
        solara.Text(
            tr(
                "Pick a person above, or click a refugee in the network, to see their life history."
            ),
            style={"color": "#555"},
        )
        return
    with language(state.language.value):
        ego = session.ego(pid)
    with solara.Columns([3, 2], gutters_dense=True):
        with solara.Column(gap="8px"):
            Summary(person)
            MoveReasons(person)
        title = (
            tr("Their ties now") if person.moved_month is None else tr("Their ties when they left")
        )
        with solara.Card(title, margin=0, classes=["bygd-card", "bygd-card-ego"]):
            solara.Text(
                tr("Stronger ties sit closer; their workplace or placement and group further out."),
                style={"font-size": "12px", "color": "#555"},
            )
            NetworkSvg(
                nodes=ego["nodes"],
                edges=ego["edges"],
                width=ego["width"],
                height=ego["height"],
                legend=legend_words(),
                maxHeight=330,
                event_select=lambda p: state.followed.set(int(p)),
            )
    with solara.Card(tr("Life history"), margin=0, classes=["bygd-card", "bygd-card-timeline"]):
        solara.Text(
            tr(
                "What they did each month (colours as in the activity chart; white lines separate "
                "placements), Norwegian level, quality of the individual plan with its meetings, "
                "and local ties with loneliness."
            ),
            style={"font-size": "12px", "color": "#555"},
        )
        TimelineChart(session, person)
        EventList(person)
