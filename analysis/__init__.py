"""The analysis around the model (which never imports it).

- ``experiments/``: computing. The one experiment runner and its executors; compare, sweep,
  calibration, validation, sensitivity, goal-seeking and ``bygdesim run`` as designs for it.
- ``reports/``: presenting. HTML pages, figures and terminal tables made from results.
- ``cli/``: the ``bygdesim`` command line, which prints and writes.
- ``dashboard/``: the browser dashboard (Solara).
- ``bench/``: speed and memory figures.
- ``provenance.py`` (atomic writes, versions recorded with results), ``progress.py`` (progress
  bars): small modules the others share.
"""
