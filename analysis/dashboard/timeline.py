"""A person's life history: summary, dated events in plain words, why they moved, and a chart.

Built from the person's own event log (``Refugee.history``) and, for the chart, the monthly
track the live run records (:class:`analysis.dashboard.live_run.PersonMonth`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.dashboard.charts import ACTIVITY_STYLE, DPI, style_axes
from analysis.dashboard.live_run import PersonMonth, when
from analysis.i18n import N_, _, format_decimal
from model.enums import EventKind
from model.formulas import CEFR, cefr

# What each kind of event is called on the page, in the order of the filter chips.
KIND_WORDS = {
    EventKind.ARRIVAL: N_("arrival"),
    EventKind.PROGRAMME: N_("programme"),
    EventKind.IP_MEETING: N_("IP meeting"),
    EventKind.NAV: N_("Nav"),
    EventKind.PLACEMENT: N_("placement"),
    EventKind.LANGUAGE: N_("language"),
    EventKind.JOB: N_("job"),
    EventKind.EDUCATION: N_("education"),
    EventKind.TIES: N_("local ties"),
    EventKind.SOCIAL: N_("social life"),
    EventKind.SERVICES: N_("services"),
    EventKind.HOUSING: N_("housing"),
    EventKind.MOBILITY: N_("mobility"),
    EventKind.ACTIVITY: N_("activity"),
    EventKind.MOVE: N_("moved away"),
}


HOUSEHOLD_WORDS = {
    "single_men": N_("single man"),
    "single_women": N_("single woman"),
    "couple_no_children": N_("couple without children"),
    "family_with_children": N_("family with children"),
    "single_parent": N_("single parent"),
}


@dataclass(frozen=True)
class TimelineRow:
    month: int
    when: str  # "year 2, Mar"
    since_arrival: str  # "month 14 here"
    kind: EventKind
    kind_words: str
    text: str


def timeline_rows(person, merge_ties: bool = True) -> list[TimelineRow]:
    """The person's events, oldest first. With ``merge_ties``, the many small tie changes
    are summed into one row per year since arrival."""
    rows: list[TimelineRow] = []
    tie_year: dict[int, list] = {}
    for event in person.history.events:
        if merge_ties and event.kind is EventKind.TIES:
            tie_year.setdefault((event.month - person.arrival_month) // 12, []).append(event)
            continue
        rows.append(_row(person, event.month, event.kind, event.text))
    for year, events in tie_year.items():
        changes = [_change(e.text) for e in events]
        gained = sum(c for c in changes if c > 0)
        lost = -sum(c for c in changes if c < 0)
        last = events[-1].data.get("local_ties", "?")
        parts = []
        if gained:
            parts.append(f"gained {gained}")
        if lost:
            parts.append(f"lost {lost}")
        text = (
            f"local ties in year {year + 1} here: {' and '.join(parts) or 'no change'}; "
            f"{last} at the last change"
        )
        rows.append(_row(person, events[-1].month, EventKind.TIES, text))
    rows.sort(key=lambda r: (r.month, r.kind is EventKind.MOVE))
    return rows


def _change(text: str) -> int:
    """Signed tie change from ``gained 2 local ties; now 5``."""
    words = text.split()
    try:
        n = int(words[1])
    except (IndexError, ValueError):
        return 0
    return n if words[0] == "gained" else -n


def _row(person, month: int, kind: EventKind, text: str) -> TimelineRow:
    return TimelineRow(
        month=month,
        when=when(month),
        since_arrival=_("month {n} here").format(n=month - person.arrival_month + 1),
        kind=kind,
        kind_words=KIND_WORDS.get(kind, kind),
        text=text,
    )


def person_summary(person) -> dict[str, str]:
    """Who the person is and where they stand, in words (the current language's headings)."""
    hh = person.household
    htype = _(HOUSEHOLD_WORDS[hh.htype.value])
    if person.moved_month is not None:
        status = _("moved away in {when}").format(when=when(person.moved_month))
    elif person.in_programme:
        status = _("in the introduction programme, month {month}").format(
            month=person.programme_month
        )
    elif person.status.value == "waiting":
        status = _("waiting for the programme to start")
    else:
        status = _("completed the programme ({outcome})").format(
            outcome=person.exit_outcome or _("no outcome recorded")
        )
    doing = _(ACTIVITY_STYLE[person.activity.value][0])
    if person.employer is not None:
        doing += f" at {person.employer.name}"
    kids = len(hh.children)
    return {
        _("Person"): f"#{person.pid}, {person.sex.value}, "
        + _("{age} at arrival").format(age=int(person.age_at_arrival)),
        _("Household"): htype + (_(", {n} children").format(n=kids) if kids else ""),
        _("Arrived"): _("{when} (cohort {cohort}), ").format(
            when=when(person.arrival_month), cohort=hh.cohort + 1
        )
        + (_("centre") if hh.hamlet == 0 else _("outlying hamlet"))
        + (_(", has a car") if hh.has_car else _(", no car")),
        _("Education before arrival"): person.education.name.lower(),
        _("Adaptation type"): person.adaptation.value.replace("_", " "),
        _("Status"): status,
        _("Doing now") if person.moved_month is None else _("Last activity"): doing,
        _("Norwegian"): _("{level} ({value} of 4 = B2)").format(
            level=cefr(person.norwegian), value=format_decimal(person.norwegian, 1)
        ),
        _("IP quality"): format_decimal(person.ip_quality, 2),
        _("Local ties"): str(person.local_ties),
        _("Loneliness"): format_decimal(person.loneliness, 2),
    }


def move_reasons(person) -> tuple[str, list[dict]] | None:
    """Why the household moved: the model's plain-words reasons and every factor, strongest
    push first; None for someone still living here."""
    if person.moved_month is None:
        return None
    hh = person.household
    return hh.reasons_in_words(), list(hh.move_factors)


def timeline_figure(
    track: Sequence[PersonMonth], rows: Sequence[TimelineRow], moved_month: int | None
) -> Figure:
    """Activity band, Norwegian, IP quality and local ties over the person's months here."""
    fig = Figure(figsize=(10.8, 4.0), dpi=DPI)
    axes = fig.subplots(
        4, 1, sharex=True, gridspec_kw={"height_ratios": [0.8, 1, 1, 1], "hspace": 0.35}
    )
    fig.subplots_adjust(left=0.08, right=0.72, top=0.94, bottom=0.08)
    for ax in axes:
        style_axes(ax)
    band, lang, ipq, ties = axes
    if not track:
        band.text(0.5, 0.5, "no months recorded yet", ha="center", transform=band.transAxes)
        return fig
    months = [t.month for t in track]
    start, end = months[0], months[-1] + 1
    # activity band: one bar per run of the same activity at the same place
    run_start = 0
    for i in range(1, len(track) + 1):
        here = track[run_start]
        if i == len(track) or (track[i].activity, track[i].employer) != (
            here.activity,
            here.employer,
        ):
            color = ACTIVITY_STYLE[here.activity][1]
            band.broken_barh(
                [(months[run_start], i - run_start)],
                (0, 1),
                facecolor=color,
                edgecolor="white",
                linewidth=1.0,
            )
            run_start = i
    band.set_yticks([])
    band.set_ylabel("doing", fontsize=8, rotation=0, ha="right", va="center")
    band.spines[["left"]].set_visible(False)
    shown = dict.fromkeys(t.activity for t in track)
    band.legend(
        handles=[Patch(color=ACTIVITY_STYLE[a][1], label=ACTIVITY_STYLE[a][0]) for a in shown],
        fontsize=7,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.25),
        ncols=2 if len(shown) > 3 else 1,
    )
    x = [m + 0.5 for m in months]
    lang.step(x, [t.norwegian for t in track], where="mid", color="#3182bd")
    lang.set_ylim(0, 4.5)
    lang.set_yticks(range(5))
    lang.set_yticklabels(CEFR[:5])
    lang.set_ylabel("Norwegian", fontsize=8)
    lang.axhline(3, color="#bbbbbb", linewidth=0.8, linestyle=":")
    ipq.plot(x, [t.ip_quality for t in track], color="#756bb1")
    meetings = [r.month for r in rows if r.kind is EventKind.IP_MEETING]
    by_month = {t.month: t.ip_quality for t in track}
    ipq.plot(
        [m + 0.5 for m in meetings if m in by_month],
        [by_month[m] for m in meetings if m in by_month],
        "v",
        color="#54278f",
        markersize=5,
        label="IP meeting",
    )
    ipq.set_ylim(0, 1)
    ipq.set_ylabel("IP quality", fontsize=8)
    ipq.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ties.step(x, [t.local_ties for t in track], where="mid", color="#2c7fb8", label="local ties")
    ties.set_ylabel("local ties", fontsize=8)
    ties.set_ylim(0, max(4, max(t.local_ties for t in track) + 1))
    lonely = ties.twinx()
    lonely.plot(x, [t.loneliness for t in track], color="#d95f02", linestyle="--", linewidth=1)
    lonely.set_ylim(0, 1)
    lonely.tick_params(labelsize=7)
    lonely.set_ylabel("loneliness", fontsize=7, color="#d95f02")
    last = max(end, start + 12) if moved_month is None else moved_month + 2
    for ax in axes:
        if moved_month is not None:
            ax.axvline(moved_month + 0.5, color="#c62828", linewidth=1.5)
    if moved_month is not None:
        band.text(
            moved_month, 1.08, "moved away ", color="#c62828", fontsize=8, va="bottom", ha="right"
        )
    ticks = list(range(start - start % 12, last + 12, 12))
    ties.set_xticks(ticks)
    ties.set_xticklabels([f"year {t // 12 + 1}" for t in ticks])
    ties.set_xlim(start, last)
    return fig
