"""The browser dashboard (Solara): explore a municipality, follow a person, compare levers live.

Start it with ``bygdesim dashboard [--port P] [--host H] [--allow-host NAME]``. Modules, each
small and named for what it does:

Plain Python (tested without a browser):

- ``server.py``: starts the Solara server with every asset served locally (no internet).
- ``guard.py``: the browser is untrusted: Host and Origin checks, and the token when the server
  listens on anything but loopback (an ASGI middleware in front of Solara's app).
- ``scenario_files.py``: which files the scenario-file field may open (the folder the
  dashboard was started in and the scenario folders; one fixed refusal for any other path).
- ``schema_controls.py``: lever and run controls generated from the parameter schema, and
  parsing of page input. ``lever_costs.py``: each lever's monthly cost.
- ``session.py``: one page session (settings, the live run, its charts and network layout).
- ``live_run.py``: the model the page steps, with every person's month-by-month track.
- ``retention.py``: retention by arrival cohort and years since arrival.
- ``charts.py``: what the page's figures share (activity colours, PNG, axes style);
  ``live_charts.py``: the live matplotlib charts (drawn fast enough for every month).
- ``network_view.py``: the stable network layout and the nodes and edges the page draws.
- ``timeline.py``: a person's life history in words and as a chart.
- ``live_compare.py``: paired replications on the experiment runner in worker processes,
  effects as they accumulate; ``compare_charts.py``: its figures.

Solara components:

- ``app.py``: the page only (layout, and the *Språk / Language* field). ``state.py``: the page's
  reactive state, with the page's language and ``tr()``, its words in that language
  (:mod:`analysis.i18n`). ``actions.py``: what the controls do (read, reset, step).
- ``controls.py`` (sidebar), ``views.py`` (municipality tab), ``person_view.py`` (follow a
  person), ``compare_view.py`` (compare levers), ``network_widget.py`` with ``network.vue``
  (the clickable SVG network), ``pacer.py`` with ``pacer.vue`` (paces Play to the browser).
"""
