"""The network drawn in the browser as SVG (a small Vue template), with clickable refugees.

The server sends only node and edge data (from :mod:`network_view`); the browser draws them,
so a month's update costs no image rendering. Clicking a refugee calls ``event_select(pid)``.
"""

from __future__ import annotations

from collections.abc import Callable

import solara

from analysis.dashboard.state import tr
from analysis.i18n.terms import NETWORK_LEGEND


@solara.component_vue("network.vue", vuetify=False)
def NetworkSvg(
    nodes: list,
    edges: list,
    labels: list = [],  # noqa: B006 - a Vue property's default, never mutated
    legend: dict = {},  # noqa: B006 - the legend's words by key (terms.NETWORK_LEGEND)
    width: float = 1000.0,
    height: float = 620.0,
    maxHeight: int = 640,  # noqa: N803 - the Vue property's name
    event_select: Callable[[int], None] | None = None,
):
    """SVG of ``nodes`` and ``edges`` (see ``network_view.municipality_view``), with the
    legend in the words of ``legend`` (English where a word is missing)."""


def legend_words() -> dict[str, str]:
    """The legend's words in the page's language (a component calling it redraws on a
    switch)."""
    return {key: tr(words) for key, words in NETWORK_LEGEND.items()}
