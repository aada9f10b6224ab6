"""``python -m analysis.cli``: the command line."""

from analysis.cli.main import main

main()
