# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Sensitivity and calibration
#
# Which assumptions drive the answers, and how well do the calibrated presets reproduce the
# published figures? A small Morris screening on Vågå here; `bygdesim sensitivity` runs a larger
# one, and `bygdesim calibrate` refits the uncertain parameters.

# %%
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path.cwd().parent))  # the repository root, when run from notebooks/
import pandas as pd

pd.set_option("display.width", 120)

# %%
from analysis.experiments.sensitivity import run_sensitivity

sens = run_sensitivity("vaga", method="morris", samples=4, replications=1, years=6, workers=2)
ranked = pd.DataFrame(sens["indices"]["retention_5y"])
ranked.head(10)

# %%
top = ranked.head(10).iloc[::-1]
ax = top.plot.barh(
    x="parameter",
    y="mu_star",
    legend=False,
    figsize=(8, 4),
    title="Morris mu*: what drives 5-year retention in Vågå",
)
ax.set_xlabel("mu*")

# %% [markdown]
# ## Calibrated values and validation against the targets

# %%
from analysis.experiments.calibration import CALIBRATION_SPACE, PER_PRESET_SPACE
from model.scenario import load_scenario


def value(params, path):
    node = params
    for part in path.split("."):
        node = getattr(node, part)
    return node


presets = ["sel", "vaga", "nordre_land"]
paths = list(CALIBRATION_SPACE) + list(PER_PRESET_SPACE)
pd.DataFrame({p: {k: value(load_scenario(p).params, k) for k in paths} for p in presets})

# %%
from analysis.experiments.validation import validate

val = validate(replications=6, workers=2)
pd.DataFrame(val["targets"])[["id", "preset", "model", "low", "high", "pass"]].round(3)

# %%
for c in val["checks"]:
    print(("pass " if c["pass"] else "FAIL ") + c["name"] + ": " + c["detail"])
