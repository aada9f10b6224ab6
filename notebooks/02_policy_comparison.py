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
# # Policy comparison: the three named levers in Sel
#
# Municipal jobs, bicultural bridge-builders and early Nav involvement are each compared with the
# Sel baseline on the same seeds (common random numbers), so the paired differences carry little
# noise. Effects come with 95 % confidence intervals, and each lever with its cost per additional
# retained adult.

# %%
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path.cwd().parent))  # the repository root, when run from notebooks/
import pandas as pd

pd.set_option("display.width", 120)

# %%
from analysis.experiments.compare import run_compare
from analysis.experiments.lever_files import load_lever
from model.scenario import load_scenario

sc = load_scenario("sel")
arms = [load_lever(n) for n in ("municipal_jobs", "bridge_builders", "early_nav")]
for a in arms:
    print(f"{a.name}: {a.description}")
result = run_compare(sc, arms, seed=1, replications=12, workers=2)
summary = result.summary()

# %%
keys = [
    "retention_5y",
    "retention_5y.single_men",
    "retention_5y.family_with_children",
    "work_or_education_1y_after_programme",
    "employment_rate_year_3",
    "local_ties_mean.single_men",
    "lonely_share.single_men",
]
rows = []
for name, lev in summary["levers"].items():
    for k in keys:
        e = lev["effect"][k]
        rows.append(
            {
                "lever": name,
                "outcome": k,
                "effect": e["mean"],
                "low": e["ci95"][0],
                "high": e["ci95"][1],
            }
        )
effects = pd.DataFrame(rows).pivot(index="outcome", columns="lever", values="effect")
effects.round(3)

# %%
from analysis.reports import plots

forest_rows = [
    (
        name,
        lev["effect"]["retention_5y"]["mean"],
        lev["effect"]["retention_5y"]["ci95"][0],
        lev["effect"]["retention_5y"]["ci95"][1],
    )
    for name, lev in summary["levers"].items()
]
fig = plots.forest(forest_rows, "effect on 5-year retention", "Sel: lever effects")
fig

# %%
costs = pd.DataFrame(
    {
        name: {
            "cost per retained adult (NOK)": lev["cost_per_retained_adult_nok"],
            "lever cost per year (NOK)": lev["outcomes"]["lever_cost_nok_per_year"]
            - summary["baseline"]["lever_cost_nok_per_year"],
        }
        for name, lev in summary["levers"].items()
    }
).T
costs.round(0)
