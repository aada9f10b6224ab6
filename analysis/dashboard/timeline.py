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
from analysis.i18n import _, format_decimal
from analysis.i18n.events import WORDS, employer_name, event_text
from analysis.i18n.terms import (
    ADAPTATIONS,
    DESTINATIONS,
    EDUCATION_LEVELS,
    EVENT_KINDS,
    HOUSEHOLD_TYPES,
    MOVE_FACTORS,
    SEXES,
)
from model.enums import EventKind
from model.formulas import CEFR, cefr

# What each kind of event is called on the page, in the order of the filter chips.
KIND_WORDS = EVENT_KINDS
HOUSEHOLD_WORDS = HOUSEHOLD_TYPES


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
        text = event.text
        if event.kind is EventKind.MOVE and text.startswith("moves away: "):
            text = _("moves away: {reasons}").format(reasons=reasons_words(person.household))
        else:
            text = event_text(text)
        rows.append(_row(person, event.month, event.kind, text))
    for year, events in tie_year.items():
        changes = [_change(e.text) for e in events]
        gained = sum(c for c in changes if c > 0)
        lost = -sum(c for c in changes if c < 0)
        last = events[-1].data.get("local_ties", "?")
        parts = []
        if gained:
            parts.append(_("gained {n}").format(n=gained))
        if lost:
            parts.append(_("lost {n}").format(n=lost))
        text = _("local ties in year {year} here: {change}; {last} at the last change").format(
            year=year + 1, change=_(" and ").join(parts) or _("no change"), last=last
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
    htype = _(HOUSEHOLD_WORDS[hh.htype])
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
            outcome=_(WORDS.get(person.exit_outcome, person.exit_outcome))
            if person.exit_outcome
            else _("no outcome recorded")
        )
    doing = _(ACTIVITY_STYLE[person.activity.value][0])
    if person.employer is not None:
        doing = _("{activity} at {employer}").format(
            activity=doing, employer=employer_name(person.employer.name)
        )
    kids = len(hh.children)
    return {
        _("Person"): f"#{person.pid}, {_(SEXES[person.sex])}, "
        + _("{age} at arrival").format(age=int(person.age_at_arrival)),
        _("Household"): htype + (_(", {n} children").format(n=kids) if kids else ""),
        _("Arrived"): _("{when} (cohort {cohort}), ").format(
            when=when(person.arrival_month), cohort=hh.cohort + 1
        )
        + (_("centre") if hh.hamlet == 0 else _("outlying hamlet"))
        + (_(", has a car") if hh.has_car else _(", no car")),
        _("Education before arrival"): _(EDUCATION_LEVELS[person.education.name]),
        _("Adaptation type"): _(ADAPTATIONS[person.adaptation]),
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
    factors = [{**f, "words": factor_words(f)} for f in hh.move_factors]
    return reasons_words(hh), factors


def factor_words(factor: dict) -> str:
    """A move factor in the current language (the model's words if the table lacks it)."""
    words = MOVE_FACTORS.get(factor["factor"])
    return _(words) if words else factor["words"]


def reasons_words(hh, top: int = 3) -> str:
    """Why the household moved, in the current language: the reason and its destination
    first, then the strongest other pushes (the model's ``Household.reasons_in_words``, said
    from :mod:`analysis.i18n.terms`)."""
    reason = hh.move_reason
    if reason is None:
        head = _("no reason recorded")
    else:
        words = dict(destination=_(DESTINATIONS[reason]), factor=_(MOVE_FACTORS[reason]))
        head = (
            _("for {destination} ({factor})")
            if reason.pulled
            else _("from {factor}, to {destination}")
        ).format(**words)
    pushed = [
        d
        for d in hh.move_factors
        if d["multiplier"] > 1.0 and d["factor"] != (str(reason) if reason else None)
    ][: top - 1]
    parts = [head]
    for d in pushed:
        words = factor_words(d)
        if d["factor"] == "adaptation":
            words = f"{words} ({_(ADAPTATIONS[hh.members[0].adaptation])})"
        parts.append(f"{words} (x{format_decimal(d['multiplier'], 1)})")
    return "; ".join(parts)


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
        band.text(0.5, 0.5, _("no months recorded yet"), ha="center", transform=band.transAxes)
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
    band.set_ylabel(_("doing"), fontsize=8, rotation=0, ha="right", va="center")
    band.spines[["left"]].set_visible(False)
    shown = dict.fromkeys(t.activity for t in track)
    band.legend(
        handles=[Patch(color=ACTIVITY_STYLE[a][1], label=_(ACTIVITY_STYLE[a][0])) for a in shown],
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
    lang.set_ylabel(_("Norwegian"), fontsize=8)
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
        label=_("IP meeting"),
    )
    ipq.set_ylim(0, 1)
    ipq.set_ylabel(_("IP quality"), fontsize=8)
    ipq.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ties.step(x, [t.local_ties for t in track], where="mid", color="#2c7fb8", label=_("local ties"))
    ties.set_ylabel(_("local ties"), fontsize=8)
    ties.set_ylim(0, max(4, max(t.local_ties for t in track) + 1))
    lonely = ties.twinx()
    lonely.plot(x, [t.loneliness for t in track], color="#d95f02", linestyle="--", linewidth=1)
    lonely.set_ylim(0, 1)
    lonely.tick_params(labelsize=7)
    lonely.set_ylabel(_("loneliness"), fontsize=7, color="#d95f02")
    last = max(end, start + 12) if moved_month is None else moved_month + 2
    for ax in axes:
        if moved_month is not None:
            ax.axvline(moved_month + 0.5, color="#c62828", linewidth=1.5)
    if moved_month is not None:
        band.text(
            moved_month,
            1.08,
            _("moved away") + " ",
            color="#c62828",
            fontsize=8,
            va="bottom",
            ha="right",
        )
    ticks = list(range(start - start % 12, last + 12, 12))
    ties.set_xticks(ticks)
    ties.set_xticklabels([_("year {n}").format(n=t // 12 + 1) for t in ticks])
    ties.set_xlim(start, last)
    return fig
