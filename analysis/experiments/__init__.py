"""Computing experiments: everything that runs the model and turns runs into numbers.

``runner`` is the one experiment runner (designs of parameter sets x replication seeds, mapped
over an executor from ``executors``); ``compare``, ``sweep`` (with ``sweep_spec`` and
``sweep_store``), ``calibration``, ``validation``, ``sensitivity``, ``frontier`` (with
``frontier_search`` and ``lever_packages``), ``goal_seek`` and ``scenario_run`` declare their
designs and use it. ``lever_files`` reads lever and package files as comparison arms,
``targets`` the published calibration targets, ``stats`` holds the statistics over
replications. Nothing here prints or draws: results are data, presented by
``analysis.reports`` and the command line.
"""
