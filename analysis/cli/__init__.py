"""The ``bygdesim`` command line (typer): ``main`` holds the app and the entry point
(``bygdesim = "analysis.cli:main"``); the commands are grouped in ``run_commands`` (run, bench,
dashboard), ``experiment_commands`` (compare, sweep) and ``research_commands`` (calibrate,
validate, sensitivity, target); ``options`` holds what they share. Commands do the printing and
the writing of files; the numbers come from :mod:`analysis.experiments`.
"""

from analysis.cli.main import main

__all__ = ["main"]
