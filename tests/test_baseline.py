"""The saved baseline: today's code gives exactly the saved outcomes (see tests/regression.py).

If this fails after a deliberate change of behaviour, regenerate the file with
``.venv/bin/python -m tests.regression --update`` and say why in the commit.
"""

import json

import pytest

from tests import regression

SAVED = json.loads(regression.BASELINE.read_text())


def test_baseline_covers_every_run():
    assert sorted(SAVED) == sorted(regression.runs())


@pytest.mark.parametrize("name", sorted(regression.runs()))
def test_run_matches_saved_baseline(name):
    got = regression.compute([name])[name]
    saved = SAVED[name]
    changed = [k for k in saved["outcomes"] if saved["outcomes"][k] != got["outcomes"].get(k)]
    assert not changed, f"{name}: outcomes changed: {changed[:8]}"
    assert got["outcomes"].keys() == saved["outcomes"].keys()
    assert got["costs"] == saved["costs"], f"{name}: lever costs changed"
    assert got["people"] == saved["people"], f"{name}: people's end states or histories changed"
