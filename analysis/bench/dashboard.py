"""``bygdesim bench --only dashboard``: how fast the dashboard answers (measured, never enforced).

Both figures go through the page's own code (``analysis.dashboard.session`` and
``analysis.dashboard.live_compare``), without a browser:

- ``dashboard_step_render_ms_median``: simulate one month of the Sel preset and redraw every
  live chart and the network view's data, median over the months of a full run (target
  200 ms);
- ``dashboard_compare_20x3_seconds``: the page's live comparison of three levers on Sel
  (municipal_jobs positions=5, bridge_builders count=2, early_nav entry_month=1): each lever
  alone and the three together against the baseline, 20 paired replications, from a cold
  start of the worker processes (target 60 s).
"""

from __future__ import annotations

import statistics
import time

from analysis.bench.phases import say
from analysis.dashboard.live_compare import LiveComparison, plan_arms, shutdown_pool
from analysis.dashboard.session import LiveSession, Settings
from analysis.dashboard.timeline import timeline_figure, timeline_rows
from model.scenario import load_scenario

COMPARE_LEVERS = {
    "levers.municipal_jobs.positions": 5,
    "levers.bridge_builders.count": 2,
    "levers.early_nav.entry_month": 1,
}


def bench_step_render(seed: int = 1) -> dict:
    session = LiveSession(Settings(scenario=load_scenario("sel"), seed=seed))
    session.images()  # the charts' frames are drawn once per run, like on the page
    session.network(None)
    times = []
    while not session.run.finished:
        t = time.perf_counter()
        session.step()
        session.images()
        session.network(None)
        times.append(time.perf_counter() - t)
    movers = [p for p in session.run.model.people if p.moved_month is not None]
    t = time.perf_counter()
    if movers:
        from analysis.dashboard.charts import png

        person = movers[0]
        png(
            timeline_figure(
                session.run.track(person.pid), timeline_rows(person), person.moved_month
            )
        )
    timeline_ms = (time.perf_counter() - t) * 1000
    ordered = sorted(times)
    return {
        "dashboard_step_render_ms_median": round(statistics.median(times) * 1000, 1),
        "dashboard_step_render_ms_p90": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "dashboard_step_render_ms_max": round(max(times) * 1000, 1),
        "dashboard_timeline_render_ms": round(timeline_ms, 1),
    }


def bench_compare(replications: int = 20, seed: int = 1) -> dict:
    scenario = load_scenario("sel")
    settings = Settings(scenario=scenario, seed=seed, levers=dict(COMPARE_LEVERS))
    baseline, arms = plan_arms(settings.baseline(), settings.params(), each_alone=True)
    shutdown_pool()  # a cold start, as the page's first comparison
    t = time.perf_counter()
    snap = LiveComparison(baseline, arms, seed, replications).start().join()
    elapsed = time.perf_counter() - t
    if snap.error:
        raise RuntimeError(f"comparison failed: {snap.error}")
    return {
        "dashboard_compare_20x3_seconds": round(elapsed, 2),
        "dashboard_compare_runs": snap.runs_total,
        "dashboard_compare_arms": ", ".join(snap.labels),
    }


def bench_dashboard(repeats: int) -> dict:
    """Both dashboard figures (``repeats`` is not used: the step figure is already a median
    over 120 months, and one comparison is 100 model runs)."""
    say("dashboard: one Sel run month by month, every live chart redrawn each month")
    step = bench_step_render()
    say("dashboard: the page's live comparison, 3 levers alone and together, 20 replications")
    return {**step, **bench_compare()}
