"""How each lever worked, on the comparison tab: every pathway counter of each compared setting
next to the baseline's, and the paired difference with its 95 % interval.

The rows are :func:`analysis.reports.pathways.pathway_rows` of the comparison's summary, the
same rows as the "How each lever worked" section of ``bygdesim compare``'s report; this module
only words and lays them out for the page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from analysis.experiments.stats import SMALL_N
from analysis.i18n import N_, _, get_language
from analysis.i18n.terms import PATHWAY_COUNTERS, PATHWAY_PARTS, PATHWAY_YEARLY
from analysis.reports.html import fmt, fmt_ci
from analysis.reports.pathways import PathwayRow, Value, finite, pathway_label

CELL = "padding:2px 8px;text-align:right"
LEFT = "padding:2px 8px;text-align:left"


@dataclass(frozen=True)
class Shown:
    """One arm's cell as the page shows it."""

    value: str  # the arm's value, n/a where nobody was measured
    few: bool  # a measured value resting on fewer than SMALL_N people: marked *
    difference: str = ""  # arm minus baseline, with the 95 % interval where there is one


def shown_value(key: str, v: Value) -> tuple[str, bool]:
    return fmt(key, v.value), v.measured and v.few


def shown_difference(key: str, effect: float | None, ci95: list[float | None]) -> str:
    """``+1.50 (-0.20 to +3.20)``; the interval needs two replications with a value."""
    if not finite(effect):
        return _("n/a")
    ci = fmt_ci(key, ci95, True)
    return f"{fmt(key, effect, True)} ({ci if ci != _('n/a') else _('no interval yet')})"


def shown_row(row: PathwayRow) -> list[Shown]:
    """The baseline's cell, then each arm's, in the comparison's order."""
    cells = [Shown(*shown_value(row.key, row.baseline))]
    for e in row.arms.values():
        cells.append(Shown(*shown_value(row.key, e), shown_difference(row.key, e.effect, e.ci95)))
    return cells


_YEARLY = re.compile(r"(?P<head>\w+)_year_(?P<year>\d+)")


def pathway_words(key: str) -> str:
    """A counter's name in the current language; English: the report's words
    (:func:`analysis.reports.pathways.pathway_label`)."""
    if get_language() == "en":
        return pathway_label(key)
    yearly = _YEARLY.fullmatch(key)
    if yearly is not None and yearly["head"] in PATHWAY_YEARLY:
        return _(PATHWAY_YEARLY[yearly["head"]]).format(year=yearly["year"])
    head, _dot, tail = key.partition(".")
    words = _(PATHWAY_COUNTERS[head]) if head in PATHWAY_COUNTERS else pathway_label(head)
    if not tail:
        return words
    part = PATHWAY_PARTS.get(head, {}).get(tail)
    return f"{words}: {_(part) if part else tail.replace('_', ' ')}"


def _value_html(cell: Shown) -> str:
    mark = (
        f" <span class='bygd-few' title='{_('fewer than {n} people').format(n=SMALL_N)}'>*</span>"
        if cell.few
        else ""
    )
    return f"{html.escape(cell.value)}{mark}"


def pathway_table_html(rows: list[PathwayRow], labels: list[str]) -> tuple[str, int]:
    """The table's inner HTML (a head row, then one row per counter somebody was measured for
    in some arm), and how many counters were left out because nobody was. In the current
    language (:func:`analysis.i18n.language`)."""
    shown = [r for r in rows if r.measured]
    head = "".join(f"<th colspan='2' style='{LEFT}'>{html.escape(lb)}</th>" for lb in labels)
    sub = "".join(
        f"<th style='{CELL}'>{_('value')}</th>"
        f"<th style='{CELL}'>{_('difference (95 % interval)')}</th>"
        for _label in labels
    )
    body = [
        f"<tr><th style='{LEFT}'>{_('pathway')}</th><th style='{CELL}'>{_('baseline')}</th>"
        f"{head}</tr>",
        f"<tr><th></th><th></th>{sub}</tr>",
    ]
    for row in shown:
        base, *arms = shown_row(row)
        cells = "".join(
            f"<td style='{CELL}'>{_value_html(c)}</td>"
            f"<td style='{CELL}' class='bygd-pathway-diff'>{html.escape(c.difference)}</td>"
            for c in arms
        )
        body.append(
            f"<tr class='bygd-pathway-row' data-key='{html.escape(row.key)}'>"
            f"<td style='{LEFT}' title='{html.escape(row.key)}'>"
            f"{html.escape(pathway_words(row.key))}</td>"
            f"<td style='{CELL}'>{_value_html(base)}</td>{cells}</tr>"
        )
    return "".join(body), len(rows) - len(shown)


NOTE = N_(
    "The pathways behind the effects: hires by channel (mean hires per run), moves by reason, "
    "move rates by what the household lives on, plan quality and Norwegian at programme end, "
    "idle months after the programme, municipal-job months inside the programme and "
    "bridge-builder months held by the municipality's own refugees. Each setting's value next "
    "to the baseline's, and the paired difference (setting minus baseline, same seeds) with "
    "its 95 % interval. * fewer than {n} people behind the value (summed over "
    "replications): read with care. n/a: nobody could be measured."
)  # shown with .format(n=SMALL_N)
