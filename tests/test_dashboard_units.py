"""The dashboard's non-UI pieces: controls from the schema, retention by cohort, a person's
timeline, the network view, the live comparison and the server's command line."""

from __future__ import annotations

import math
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

from analysis.dashboard.live_compare import LiveComparison, plan_arms
from analysis.dashboard.live_run import LiveRun
from analysis.dashboard.network_view import NetworkLayout, municipality_view, network_subgraph
from analysis.dashboard.retention import cohort_retention
from analysis.dashboard.schema_controls import (
    InputProblem,
    apply_settings,
    changed_levers,
    lever_controls,
    parse_seed,
    parse_value,
)
from analysis.dashboard.session import LiveSession, Settings
from analysis.dashboard.timeline import move_reasons, timeline_rows
from model.agents.household import Household
from model.enums import Adaptation, EventKind, MoveReason
from model.history import History
from model.params import LEVER_NAMES, Levers, bounds, field_info
from model.scenario import load_scenario

REPO = Path(__file__).resolve().parent.parent


# ---- controls generated from the schema ----------------------------------------------------
def test_every_lever_field_has_a_control_with_the_schema_bounds_and_unit():
    controls = lever_controls()
    assert list(controls) == list(LEVER_NAMES)
    for lever, fields in controls.items():
        assert [c.path.rsplit(".", 1)[-1] for c in fields] == list(
            Levers.model_fields[lever].annotation.model_fields
        )
        for c in fields:
            info, extra = field_info(c.path)
            assert (c.lo, c.hi) == bounds(info)
            assert c.unit == extra.get("unit", "")
            assert c.default == info.default
            assert c.label


def test_range_text_names_the_schema_range():
    count = next(c for c in lever_controls()["bridge_builders"] if c.path.endswith(".count"))
    lo, hi = bounds(field_info("levers.bridge_builders.count")[0])
    assert count.range_text == f"{lo} to {hi} persons"


def test_page_input_is_parsed_or_refused_in_one_line():
    count = next(c for c in lever_controls()["bridge_builders"] if c.path.endswith(".count"))
    assert parse_value(count, "2") == 2
    for bad in ("two", "2.5", "", None, "nan"):
        with pytest.raises(InputProblem) as exc:
            parse_value(count, bad)
        assert "\n" not in str(exc.value)
    assert parse_seed(" 7 ") == 7
    for bad in ("abc", "-1", "1.5", ""):
        with pytest.raises(InputProblem, match="Seed"):
            parse_seed(bad)


def test_impossible_values_are_refused_with_the_allowed_range():
    base = load_scenario("sel").params
    with pytest.raises(InputProblem, match="allowed 0 to 20"):
        apply_settings(base, {"levers.bridge_builders.count": 99})
    params = apply_settings(base, {"levers.bridge_builders.count": 2})
    assert changed_levers(params, base) == ["bridge_builders"]


# ---- retention by cohort -------------------------------------------------------------------
def _person(cohort: int, arrival: int, moved: int | None):
    return SimpleNamespace(
        household=SimpleNamespace(cohort=cohort), arrival_month=arrival, moved_month=moved
    )


def test_cohort_retention_counts_only_those_observed_long_enough():
    people = [
        _person(0, 0, None),
        _person(0, 0, 5),  # left in year 1
        _person(0, 6, 20),  # left in year 2 after arrival
        _person(0, 6, None),
        _person(1, 12, None),
        _person(1, 20, 25),
    ]
    model = SimpleNamespace(people=people, month=30, horizon=48)
    table = cohort_retention(model)
    assert list(table.columns) == [1, 2, 3, 4]
    assert table.loc[1, 1] == pytest.approx(3 / 4)
    # year 2 seen only for those arrived by month 6: all four of cohort 1
    assert table.loc[1, 2] == pytest.approx(2 / 4)
    assert math.isnan(table.loc[1, 3])
    # cohort 2: only the one who arrived in month 12 has a full year; month 20 + 12 > 30
    assert table.attrs["counts"].loc[2, 1] == 1
    assert table.loc[2, 1] == 1.0
    assert table.attrs["arrived"] == {1: 4, 2: 2}


def test_cohort_retention_matches_the_model_outcomes():
    run = LiveRun("vaga", load_scenario("vaga").params, seed=3)
    for _ in range(36):
        run.step()
    table = cohort_retention(run.model)
    outcomes = run.model.outcomes()
    arrived = table.attrs["counts"]
    pooled = (table[1] * arrived[1]).sum() / arrived[1].sum()
    assert pooled == pytest.approx(outcomes["retention_1y"])


# ---- a person's timeline -------------------------------------------------------------------
def _constructed_mover():
    history = History()
    history.add(0, EventKind.ARRIVAL, "settles in a hamlet as part of a single men household")
    history.add(2, EventKind.PROGRAMME, "starts the introduction programme")
    history.add(3, EventKind.IP_MEETING, "IP meeting, quality 0.20 -> 0.32", ip_quality=0.32)
    history.add(5, EventKind.TIES, "gained 2 local ties; now 2", local_ties=2)
    history.add(8, EventKind.TIES, "lost 1 local tie; now 1", local_ties=1)
    history.add(
        9,
        EventKind.PLACEMENT,
        "language practice at retail employer 3 (placed wherever there was room)",
    )
    history.add(14, EventKind.LANGUAGE, "Norwegian reaches A1", level=1.01)
    history.add(30, EventKind.MOVE, "moves away: ...")
    hh = SimpleNamespace(
        move_reason=MoveReason.ISOLATION,  # the reason that won (competing risks)
        move_factors=[
            {
                "factor": "job_elsewhere",
                "multiplier": 4.0,
                "words": "nobody in the household had paid work here",
            },
            {"factor": "isolation", "multiplier": 1.6, "words": "loneliness"},
            {"factor": "adaptation", "multiplier": 1.4, "words": "adaptation type"},
            {"factor": "ties", "multiplier": 0.9, "words": "local ties"},
        ],
        members=[SimpleNamespace(adaptation=Adaptation.UNSTEADY)],
    )
    hh.reasons_in_words = lambda top=3: Household.reasons_in_words(hh, top)
    return SimpleNamespace(history=history, arrival_month=0, moved_month=30, household=hh)


def test_timeline_rows_in_plain_words_with_ties_summed_per_year():
    person = _constructed_mover()
    rows = timeline_rows(person)
    kinds = [r.kind for r in rows]
    assert kinds.count("ties") == 1
    ties = next(r for r in rows if r.kind == "ties")
    assert "gained 2 and lost 1" in ties.text and "1 at the last change" in ties.text
    assert [r.month for r in rows] == sorted(r.month for r in rows)
    assert rows[-1].kind == "move" and rows[-1].when == "year 3, Jul"
    assert any(r.kind_words == "IP meeting" for r in rows)
    assert rows[0].since_arrival == "month 1 here"


def test_move_reasons_are_the_households_words():
    person = _constructed_mover()
    words, factors = move_reasons(person)
    # the reason and where such movers go first, then the strongest other pushes
    assert words.startswith(f"from loneliness, to {MoveReason.ISOLATION.destination}; ")
    assert "nobody in the household had paid work here (x4.0)" in words
    assert "adaptation type (unsteady)" in words
    assert "local ties" not in words  # they held the household back
    assert factors == person.household.move_factors
    still_here = SimpleNamespace(moved_month=None)
    assert move_reasons(still_here) is None


# ---- the network view ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def sel_run():
    run = LiveRun("sel", load_scenario("sel").params, seed=1)
    for _ in range(60):
        run.step()
    assert any(p.moved_month is not None for p in run.model.people), "expected movers by month 60"
    return run


def test_network_subgraph_marks_movers_and_draws_only_tied_locals(sel_run):
    model = sel_run.model
    sub = network_subgraph(model)
    for person in model.people:
        assert sub.nodes[person.node]["moved"] is (person.moved_month is not None)
    locals_ = [n for n, d in sub.nodes(data=True) if d["kind"] == "local"]
    assert 0 < len(locals_) < model.network.n_locals / 5
    for node in locals_:
        assert any(sub.nodes[o]["kind"] == "refugee" for o in sub.adj[node])
    kinds = {d["kind"] for _, d in sub.nodes(data=True)}
    assert kinds == {"refugee", "local", "employer", "volunteer_group"}


def test_network_layout_is_stable_as_months_pass():
    run = LiveRun("sel", load_scenario("sel").params, seed=2)
    layout = NetworkLayout(2, len(run.model.arrival_plan))
    for _ in range(24):
        run.step()
    first = {n["id"]: (n["x"], n["y"]) for n in municipality_view(run.model, layout)["nodes"]}
    for _ in range(24):
        run.step()
    view = municipality_view(run.model, layout)
    later = {n["id"]: (n["x"], n["y"]) for n in view["nodes"]}
    assert all(later[k] == v for k, v in first.items() if k in later)
    assert len(later) > len(first)
    moved = [n for n in view["nodes"] if n["kind"] == "moved"]
    assert len(moved) == sum(p.moved_month is not None for p in run.model.people)


def test_focus_highlights_the_ego_network(sel_run):
    model = sel_run.model
    person = next(p for p in model.present_people if p.local_ties > 0)
    layout = NetworkLayout(1, len(model.arrival_plan))
    view = municipality_view(model, layout, focus=person.pid)
    ego = [n for n in view["nodes"] if n["ego"]]
    assert [n["pid"] for n in ego] == [person.pid]
    bright = {n["id"] for n in view["nodes"] if not n["dim"]}
    assert set(model.network.local_tie_ids(person.node, model.p.social.tie_threshold)) <= bright


# ---- the live session and comparison -------------------------------------------------------
def test_live_session_redraws_charts_each_month():
    session = LiveSession(Settings(scenario=load_scenario("vaga"), seed=1))
    before = session.images()
    assert set(before) == {"retention", "activity", "shares", "ties", "services"}
    assert all(img[:8] == b"\x89PNG\r\n\x1a\n" for img in before.values())
    for _ in range(3):
        session.step()
    after = session.images()
    assert after["activity"] != before["activity"]
    assert session.run.month_label().startswith("Month 3 of 120")


def test_plan_arms_each_changed_lever_alone_then_together():
    sc = load_scenario("sel")
    settings = Settings(
        scenario=sc,
        years=4,
        levers={"levers.bridge_builders.count": 2, "levers.municipal_jobs.positions": 5},
    )
    base, arms = plan_arms(settings.baseline(), settings.params(), each_alone=True)
    assert base.years == 4 and all(a.params.years == 4 for a in arms)
    assert [a.levers for a in arms] == [
        ("municipal_jobs",),
        ("bridge_builders",),
        ("municipal_jobs", "bridge_builders"),
    ]
    assert changed_levers(arms[0].params, base) == ["municipal_jobs"]
    _, together = plan_arms(settings.baseline(), settings.params(), each_alone=False)
    assert len(together) == 1


@pytest.mark.slow
def test_live_comparison_accumulates_paired_effects():
    settings = Settings(
        scenario=load_scenario("vaga"), years=3, levers={"levers.bridge_builders.count": 2}
    )
    base, arms = plan_arms(settings.baseline(), settings.params())
    job = LiveComparison(base, arms, seed=5, replications=3, workers=2).start()
    snap = job.join(timeout=240)
    assert snap.finished and snap.error is None
    assert snap.done == 3 and snap.runs_done == 6
    label = arms[0].label
    assert snap.headline == "retention_2y"
    assert set(snap.effects[label]) >= {"retention_1y", "retention_2y", "adults_present_at_end"}
    assert [h[0] for h in snap.history[label]] == [1, 2, 3]
    assert label in snap.cost
    # the worker processes are kept for the next comparison, which runs on them
    again = LiveComparison(base, arms, seed=5, replications=2, workers=2).start().join(240)
    assert again.finished and again.error is None and again.done == 2
    first = snap.history[label][1][1]
    assert again.history[label][-1][1] == pytest.approx(first)  # same seeds, same runs


# ---- the command ---------------------------------------------------------------------------
def _bygdesim(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "bygdesim"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60, cwd=REPO)


@pytest.mark.parametrize("args", [["--port", "abc"], ["--port", "0"], ["--bogus"]])
def test_dashboard_bad_flags_exit_2_with_one_line(args):
    proc = _bygdesim("dashboard", *args)
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("bygdesim: error:")


def test_dashboard_refuses_a_port_in_use_in_one_line():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        proc = _bygdesim("dashboard", "--port", str(port))
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("bygdesim: error: cannot listen on 127.0.0.1:")


def test_the_server_is_configured_to_serve_every_asset_itself():
    from analysis.dashboard.server import OFFLINE_ENV, solara_args

    assert OFFLINE_ENV["SOLARA_ASSETS_PROXY"] == "true"
    assert OFFLINE_ENV["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "false"
    assert urlparse(OFFLINE_ENV["SOLARA_ASSETS_CDN"]).hostname == "127.0.0.1"
    args = solara_args("127.0.0.1", 8765)
    for flag in ("--production", "--no-open", "--no-check-version"):
        assert flag in args
    # the local copy of the front-end assets (solara-assets) that the proxy serves from
    cdn = Path(sys.prefix) / "share" / "solara" / "cdn"
    assert any((cdn / "@widgetti").glob("solara-vuetify-app@*")), cdn
