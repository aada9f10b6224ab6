"""The refugee adult (:class:`Refugee`): its state and programme in ``person.py``; the rules it
follows each month grouped by life domain in ``work.py``, ``learning.py`` and ``social.py``."""

from model.agents.refugee.person import IN_PROGRAMME, Refugee

__all__ = ["IN_PROGRAMME", "Refugee"]
