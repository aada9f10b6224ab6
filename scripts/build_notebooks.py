"""Write the research notebooks in notebooks/ from the cells below.

The notebooks only call the package (model/, analysis/); they define nothing the package should
own. Run this script after changing a cell, then commit the notebooks; CI executes them.

    .venv/bin/python scripts/build_notebooks.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent.parent / "notebooks"

SETUP = """\
import sys, pathlib
sys.path.insert(0, str(pathlib.Path.cwd().parent))  # the repository root, when run from notebooks/
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
pd.set_option("display.width", 120)
"""

NOTEBOOKS = {
    "01_quickstart": [
        new_markdown_cell(
            "# Quickstart: run a preset, plot its outcomes, follow one person\n\n"
            "This notebook runs the Sel preset for ten years, looks at the outcomes every run "
            "reports, plots the monthly series, and reads the life history of one person who "
            "moved away, with the factors behind the decision."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "from model.model import BygdeModel\n"
            "from model.scenario import load_scenario\n"
            "from model.outcomes import outcome_keys\n\n"
            "sc = load_scenario('sel')\n"
            "model = BygdeModel(sc.params, rng=1)\n"
            "outcomes = model.run()\n"
            "pd.Series({k: outcomes[k] for k in outcome_keys()}).head(20)"
        ),
        new_markdown_cell("## Monthly series: what people do, month by month"),
        new_code_cell(
            "series = model.datacollector.get_model_vars_dataframe().set_index('month')\n"
            "activity = series.filter(like='activity.').rename(columns=lambda c: c.split('.')[1])\n"
            "fig, axes = plt.subplots(1, 2, figsize=(12, 4))\n"
            "activity.plot.area(ax=axes[0], legend=False, cmap='tab20')\n"
            "axes[0].set_title('Adults present, by activity')\n"
            "axes[0].set_xlabel('month')\n"
            "series[['employment_share', 'work_or_education_share']].plot(ax=axes[1])\n"
            "axes[1].set_title('Employment and work or education')\n"
            "axes[1].set_ylim(0, 1)\n"
            "fig.tight_layout()\n"
            "activity.tail(1).T.rename(columns=lambda c: 'last month')"
        ),
        new_markdown_cell("## Retention by years since arrival"),
        new_code_cell(
            "curve = pd.Series({k: outcomes[f'retention_year_{k}'] for k in range(1, 11)})\n"
            "ax = curve.plot(marker='o', ylim=(0, 1), title='Share still living in Sel')\n"
            "ax.set_xlabel('years since arrival')\n"
            "curve"
        ),
        new_markdown_cell("## One person's life history, and why they moved"),
        new_code_cell(
            "movers = [p for p in model.people if p.moved_month is not None]\n"
            "person = max(movers, key=lambda p: len(p.history))\n"
            "print(f'person {person.pid}: {person.household.htype.value}, arrived month '\n"
            "      f'{person.arrival_month}, moved month {person.moved_month}')\n"
            "print('Why they moved:', person.household.reasons_in_words())\n"
            "pd.DataFrame(person.history.as_list())[['month', 'kind', 'text']]"
        ),
    ],
    "02_policy_comparison": [
        new_markdown_cell(
            "# Policy comparison: the three named levers in Sel\n\n"
            "Municipal jobs, bicultural bridge-builders and early Nav involvement are each "
            "compared with the Sel baseline on the same seeds (common random numbers), so the "
            "paired differences carry little noise. Effects come with 95 % confidence "
            "intervals, and each lever with its cost per additional retained adult."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "from analysis.compare import run_compare\n"
            "from analysis.levers import load_lever\n"
            "from model.scenario import load_scenario\n\n"
            "sc = load_scenario('sel')\n"
            "arms = [load_lever(n) for n in ('municipal_jobs', 'bridge_builders', 'early_nav')]\n"
            "for a in arms:\n"
            "    print(f'{a.name}: {a.description}')\n"
            "result = run_compare(sc, arms, seed=1, replications=12, workers=2)\n"
            "summary = result.summary()"
        ),
        new_code_cell(
            "keys = ['retention_5y', 'retention_5y.single_men', 'retention_5y.family_with_children',\n"
            "        'work_or_education_1y_after_programme', 'employment_rate_year_3',\n"
            "        'local_ties_mean.single_men', 'lonely_share.single_men']\n"
            "rows = []\n"
            "for name, lev in summary['levers'].items():\n"
            "    for k in keys:\n"
            "        e = lev['effect'][k]\n"
            "        rows.append({'lever': name, 'outcome': k, 'effect': e['mean'],\n"
            "                     'low': e['ci95'][0], 'high': e['ci95'][1]})\n"
            "effects = pd.DataFrame(rows).pivot(index='outcome', columns='lever', values='effect')\n"
            "effects.round(3)"
        ),
        new_code_cell(
            "from analysis import plots\n"
            "forest_rows = [(name, lev['effect']['retention_5y']['mean'],\n"
            "                lev['effect']['retention_5y']['ci95'][0],\n"
            "                lev['effect']['retention_5y']['ci95'][1])\n"
            "               for name, lev in summary['levers'].items()]\n"
            "fig = plots.forest(forest_rows, 'effect on 5-year retention', 'Sel: lever effects')\n"
            "fig"
        ),
        new_code_cell(
            "costs = pd.DataFrame({name: {'cost per retained adult (NOK)':\n"
            "                                 lev['cost_per_retained_adult_nok'],\n"
            "                             'lever cost per year (NOK)':\n"
            "                                 lev['outcomes']['lever_cost_nok_per_year']\n"
            "                                 - summary['baseline']['lever_cost_nok_per_year']}\n"
            "                      for name, lev in summary['levers'].items()}).T\n"
            "costs.round(0)"
        ),
    ],
    "03_hypothesis_singles": [
        new_markdown_cell(
            "# Hypothesis: bridge-builders and mixed activities help singles more than families\n\n"
            "**Hypothesis.** Bicultural bridge-builders and volunteer activities designed for "
            "meeting locals reduce singles' out-migration more than families' (seed report "
            "ch. 4.1, 4.4 and App. 4 pt 2: singles are the isolated ones).\n\n"
            "**Design.** Paired comparison in Sel: baseline against each lever on the same "
            "seeds. For every replication we take the lever's effect on five-year retention of "
            "singles (single men and single women pooled) and of families with children, and "
            "the difference between the two effects. The hypothesis holds if that difference "
            "is positive with 95 % confidence."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "from analysis.compare import run_compare, BASELINE\n"
            "from analysis.levers import load_lever\n"
            "from analysis.stats import mean_ci\n"
            "from model.scenario import load_scenario\n\n"
            "sc = load_scenario('sel')\n"
            "arms = [load_lever('bridge_builders'), load_lever('mixed_activities')]\n"
            "result = run_compare(sc, arms, seed=7, replications=16, workers=2)\n"
            "print(f'{result.replications} replications, the same seeds for the baseline and '\n"
            "      f'{len(arms)} levers')"
        ),
        new_code_cell(
            "def singles(run):\n"
            "    return np.nanmean([run['retention_5y.single_men'], run['retention_5y.single_women']])\n\n"
            "rows = []\n"
            "base = result.runs[BASELINE]\n"
            "for arm in arms:\n"
            "    runs = result.runs[arm.name]\n"
            "    d_single = [singles(r) - singles(b) for r, b in zip(runs, base, strict=True)]\n"
            "    d_family = [r['retention_5y.family_with_children'] - b['retention_5y.family_with_children']\n"
            "                for r, b in zip(runs, base, strict=True)]\n"
            "    gap = [s - f for s, f in zip(d_single, d_family, strict=True)]\n"
            "    for label, values in (('singles', d_single), ('families', d_family),\n"
            "                          ('singles minus families', gap)):\n"
            "        m, lo, hi = mean_ci(values)\n"
            "        rows.append({'lever': arm.name, 'effect on': label, 'mean': m, 'low': lo, 'high': hi})\n"
            "answer = pd.DataFrame(rows)\n"
            "answer.round(3)"
        ),
        new_code_cell(
            "for arm in arms:\n"
            "    row = answer[(answer.lever == arm.name) & (answer['effect on'] == 'singles minus families')].iloc[0]\n"
            "    if row.low > 0:\n"
            "        verdict = 'supported: singles gain more, with 95 % confidence'\n"
            "    elif row.high < 0:\n"
            "        verdict = 'contradicted: families gain more, with 95 % confidence'\n"
            "    else:\n"
            "        verdict = 'not settled at this precision (the interval includes zero)'\n"
            "    print(f'{arm.name}: difference {100*row[\"mean\"]:+.1f} pp '\n"
            "          f'(95 % CI {100*row.low:+.1f} to {100*row.high:+.1f}); {verdict}')"
        ),
        new_markdown_cell(
            "**Reading.** Singles start from a lower retention, so there is more room for them "
            "to gain; families already have school and club arenas. Where the interval "
            "includes zero, more replications (`run_compare(..., precision=2)`) would settle it."
        ),
    ],
    "04_sensitivity_and_calibration": [
        new_markdown_cell(
            "# Sensitivity and calibration\n\n"
            "Which assumptions drive the answers, and how well do the calibrated presets "
            "reproduce the published figures? A small Morris screening on Vågå here; "
            "`bygdesim sensitivity` runs a larger one, and `bygdesim calibrate` refits the "
            "uncertain parameters."
        ),
        new_code_cell(SETUP),
        new_code_cell(
            "from analysis.sensitivity import run_sensitivity\n\n"
            "sens = run_sensitivity('vaga', method='morris', samples=4, replications=1, years=6,\n"
            "                       workers=2)\n"
            "ranked = pd.DataFrame(sens['indices']['retention_5y'])\n"
            "ranked.head(10)"
        ),
        new_code_cell(
            "top = ranked.head(10).iloc[::-1]\n"
            "ax = top.plot.barh(x='parameter', y='mu_star', legend=False, figsize=(8, 4),\n"
            "                   title='Morris mu*: what drives 5-year retention in Vågå')\n"
            "ax.set_xlabel('mu*')"
        ),
        new_markdown_cell("## Calibrated values and validation against the targets"),
        new_code_cell(
            "from analysis.calibration import CALIBRATION_SPACE, PER_PRESET_SPACE\n"
            "from model.params import field_info\n"
            "from model.scenario import load_scenario\n\n"
            "def value(params, path):\n"
            "    node = params\n"
            "    for part in path.split('.'):\n"
            "        node = getattr(node, part)\n"
            "    return node\n\n"
            "presets = ['sel', 'vaga', 'nordre_land']\n"
            "paths = list(CALIBRATION_SPACE) + list(PER_PRESET_SPACE)\n"
            "pd.DataFrame({p: {k: value(load_scenario(p).params, k) for k in paths} for p in presets})"
        ),
        new_code_cell(
            "from analysis.validation import validate\n\n"
            "val = validate(replications=6, workers=2)\n"
            "pd.DataFrame(val['targets'])[['id', 'preset', 'model', 'low', 'high', 'pass']].round(3)"
        ),
        new_code_cell(
            "for c in val['checks']:\n"
            "    print(('pass ' if c['pass'] else 'FAIL ') + c['name'] + ': ' + c['detail'])"
        ),
    ],
}


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells)
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nbformat.write(nb, HERE / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb (now run: ruff format notebooks)")


if __name__ == "__main__":
    main()
