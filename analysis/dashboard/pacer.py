"""Pacing the play loop to the browser: the next month is simulated only once the page has
drawn the last one (or after a timeout), so a slow browser never falls behind the server and
Pause takes effect at once."""

from __future__ import annotations

from collections.abc import Callable

import solara


@solara.component_vue("pacer.vue", vuetify=False)
def Pacer(stamp: int, event_drawn: Callable[[int], None] | None = None):
    """Invisible; calls ``event_drawn(stamp)`` after the browser has painted ``stamp``."""
