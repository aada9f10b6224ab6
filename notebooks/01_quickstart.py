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
# # Quickstart: run a preset, plot its outcomes, follow one person
#
# This notebook runs the Sel preset for ten years, looks at the outcomes every run reports, plots
# the monthly series, and reads the life history of one person who moved away, with the factors
# behind the decision.

# %%
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path.cwd().parent))  # the repository root, when run from notebooks/
import matplotlib.pyplot as plt
import pandas as pd

pd.set_option("display.width", 120)

# %%
from model.model import BygdeModel
from model.outcomes import outcome_keys
from model.scenario import load_scenario

sc = load_scenario("sel")
model = BygdeModel(sc.params, rng=1)
outcomes = model.run()
pd.Series({k: outcomes[k] for k in outcome_keys()}).head(20)

# %% [markdown]
# ## Monthly series: what people do, month by month

# %%
series = model.datacollector.get_model_vars_dataframe().set_index("month")
activity = series.filter(like="activity.").rename(columns=lambda c: c.split(".")[1])
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
activity.plot.area(ax=axes[0], legend=False, cmap="tab20")
axes[0].set_title("Adults present, by activity")
axes[0].set_xlabel("month")
series[["employment_share", "work_or_education_share"]].plot(ax=axes[1])
axes[1].set_title("Employment and work or education")
axes[1].set_ylim(0, 1)
fig.tight_layout()
activity.tail(1).T.rename(columns=lambda c: "last month")

# %% [markdown]
# ## Retention by years since arrival

# %%
curve = pd.Series({k: outcomes[f"retention_year_{k}"] for k in range(1, 11)})
ax = curve.plot(marker="o", ylim=(0, 1), title="Share still living in Sel")
ax.set_xlabel("years since arrival")
curve

# %% [markdown]
# ## One person's life history, and why they moved

# %%
movers = [p for p in model.people if p.moved_month is not None]
person = max(movers, key=lambda p: len(p.history))
print(
    f"person {person.pid}: {person.household.htype.value}, arrived month "
    f"{person.arrival_month}, moved month {person.moved_month}"
)
print("Why they moved:", person.household.reasons_in_words())
pd.DataFrame(person.history.as_list())[["month", "kind", "text"]]
