"""How each lever worked, on the dashboard's comparison: the pathway counters of every setting
beside the baseline, with the paired difference, small numbers marked and n/a where nobody was
measured; the same rows as ``bygdesim compare`` gives."""

from __future__ import annotations

import math
from html.parser import HTMLParser

import pytest

from analysis.dashboard.live_compare import LiveComparison, plan_arms
from analysis.dashboard.pathway_table import pathway_table_html, shown_row
from analysis.dashboard.session import Settings
from analysis.experiments.compare import BASELINE, run_compare
from analysis.experiments.lever_files import Arm, load_lever
from analysis.experiments.stats import clean
from analysis.reports.compare import _pathway_section
from analysis.reports.pathways import pathway_keys_in, pathway_rows
from model.enums import HireChannel
from model.outcomes import N_PREFIX, pathway_keys
from model.scenario import load_scenario

SMALL = 30  # the rule: estimates on fewer than 30 people are marked (issue 9, item 1)


class Rows(HTMLParser):
    """The table's body rows: key, the text of each cell, and which cells carry the * mark."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: dict[str, list[tuple[str, bool]]] = {}
        self._key: str | None = None
        self._cell: list[str] | None = None
        self._few = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "bygd-pathway-row" in (a.get("class") or ""):
            self._key = a["data-key"]
            self.rows[self._key] = []
        elif tag == "td" and self._key is not None:
            self._cell, self._few = [], False
        elif tag == "span" and a.get("class") == "bygd-few":
            self._few = True

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[self._key].append(("".join(self._cell).strip(), self._few))
            self._cell = None
        elif tag == "tr":
            self._key = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _mean(values: list[float]) -> float:
    vals = [v for v in values if not math.isnan(v)]
    return sum(vals) / len(vals) if vals else math.nan


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return a == pytest.approx(b, rel=1e-9, abs=1e-12)


@pytest.fixture(scope="module")
def sel_municipal_jobs():
    """A small real comparison: Sel, 3 years, 2 paired replications, municipal jobs."""
    sc = load_scenario("sel", {"years": 3})
    return run_compare(sc, [load_lever("municipal_jobs")], seed=1, replications=2, workers=2)


def test_pathway_table_of_a_real_comparison(sel_municipal_jobs):
    res = sel_municipal_jobs
    summary = res.summary()
    rows = pathway_rows(summary)
    keys = [r.key for r in rows]
    assert keys == pathway_keys_in(summary["baseline"])
    assert set(keys) >= set(pathway_keys())  # the model's own list decides
    assert {f"hires_by_channel.{c}" for c in HireChannel} <= set(keys)

    # every number against the runs themselves: means, people summed over replications,
    # paired differences, and the small-n mark exactly where fewer than 30 people are behind
    base, arm = res.runs[BASELINE], res.runs["municipal_jobs"]
    for row in rows:
        k = row.key
        assert _same(row.baseline.value, _mean([r[k] for r in base])), k
        assert row.baseline.n == sum(r[N_PREFIX + k] for r in base), k
        e = row.arms["municipal_jobs"]
        assert _same(e.value, _mean([r[k] for r in arm])), k
        assert e.n == sum(r[N_PREFIX + k] for r in arm), k
        diffs = [a[k] - b[k] for b, a in zip(base, arm, strict=True)]
        assert _same(e.effect, _mean(diffs)), k
        b_cell, a_cell = shown_row(row)
        for cell, value in ((b_cell, row.baseline), (a_cell, e)):
            measured = value.value is not None and math.isfinite(value.value)
            assert (cell.value == "n/a") == (not measured), k
            assert cell.few == (measured and value.n < SMALL), k
        assert (a_cell.difference == "n/a") == (not _finite(e.effect)), k

    # the baseline holds no municipal job: its share is n/a, the lever's is a number
    held = next(r for r in rows if r.key == "municipal_job_months_in_programme_share")
    b_cell, a_cell = shown_row(held)
    assert b_cell.value == "n/a" and not b_cell.few
    assert a_cell.value != "n/a" and held.arms["municipal_jobs"].n > 0

    # the page's table: one row per counter somebody was measured for, the marks as above
    table, left_out = pathway_table_html(rows, ["municipal_jobs"])
    shown = Rows(table).rows
    measured = [r for r in rows if r.measured]
    assert list(shown) == [r.key for r in measured] and left_out == len(rows) - len(measured)
    for row in measured:
        cells = shown[row.key]
        assert len(cells) == 4  # pathway, baseline, value, difference
        want = shown_row(row)
        assert cells[1] == (want[0].value + (" *" if want[0].few else ""), want[0].few)
        assert cells[2] == (want[1].value + (" *" if want[1].few else ""), want[1].few)
        assert cells[3] == (want[1].difference, False)
    marked = [c for cells in shown.values() for c in cells if c[1]]
    unmarked = [c for k, cells in shown.items() for c in cells[1:3] if not c[1]]
    assert marked and unmarked  # both kinds in this small run
    assert any(k.startswith("hires_by_channel.") for k in shown)
    assert shown["hires_by_channel.open_application"][1][0] != "n/a"


def _finite(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def test_marks_and_na_on_hand_made_numbers():
    """Values whose marking is known: 29 people marked, 30 not; None and NaN shown as n/a
    and never marked; a ``moves_by_reason.*`` key is taken by its prefix."""
    keys = [
        "hires_by_channel.placement",
        "idle_months_after_programme",
        "bridge_builder_months_own_share",
        "moves_by_reason.a_reason_not_listed_yet",
    ]
    summary = {
        "baseline": dict(zip(keys, [2.0, 4.0, math.nan, 0.25], strict=True)),
        "baseline_n": dict(zip(keys, [30, 29, 0, 12], strict=True)),
        "levers": {
            "lever": {
                "outcomes": dict(zip(keys, [3.5, 2.0, 0.6, None], strict=True)),
                "n": dict(zip(keys, [30, 40, 5, 0], strict=True)),
                "effect": {
                    keys[0]: {"mean": 1.5, "ci95": [0.5, 2.5]},
                    keys[1]: {"mean": -2.0, "ci95": [math.nan, math.nan]},
                    keys[2]: {"mean": math.nan, "ci95": [math.nan, math.nan]},
                    keys[3]: {"mean": None, "ci95": [None, None]},
                },
            }
        },
    }
    rows = pathway_rows(summary)
    assert [r.key for r in rows] == keys  # listed keys in the model's order, then by prefix
    got = {r.key: shown_row(r) for r in rows}
    hires, idle, own, moves = (got[k] for k in keys)
    assert (hires[0].value, hires[0].few) == ("2.00", False)  # 30 people: not marked
    assert (hires[1].value, hires[1].few) == ("3.50", False)
    assert hires[1].difference == "+1.50 (+0.50 to +2.50)"
    assert (idle[0].value, idle[0].few) == ("4.00", True)  # 29 people: marked
    assert (idle[1].value, idle[1].few) == ("2.00", False)
    assert idle[1].difference == "-2.00 (no interval yet)"
    assert (own[0].value, own[0].few) == ("n/a", False)  # NaN: n/a, not marked
    assert (own[1].value, own[1].few) == ("60.0 %", True)
    assert own[1].difference == "n/a"
    assert (moves[0].value, moves[0].few) == ("25.0 %", True)
    assert (moves[1].value, moves[1].few) == ("n/a", False)  # None (cleaned JSON): n/a
    assert moves[1].difference == "n/a"
    table, left_out = pathway_table_html(rows, ["lever"])
    shown = Rows(table).rows
    assert left_out == 0 and list(shown) == keys
    assert shown["idle_months_after_programme"][1] == ("4.00 *", True)
    # the cleaned JSON (None for NaN) gives the same rows
    assert [shown_row(r) for r in pathway_rows(clean(summary))] == list(got.values())
    # and the HTML report lays out the same rows
    report = "".join(_pathway_section(summary))
    assert all(k in report for k in keys)


def _rows_equal(a, b) -> bool:
    def same(x, y) -> bool:
        fields = ("value", "effect", "low", "high") if hasattr(x, "effect") else ("value",)
        return x.n == y.n and all(_same(getattr(x, f), getattr(y, f)) for f in fields)

    return [r.key for r in a] == [r.key for r in b] and all(
        same(x.baseline, y.baseline)
        and list(x.arms) == list(y.arms)
        and all(same(x.arms[n], y.arms[n]) for n in x.arms)
        for x, y in zip(a, b, strict=True)
    )


@pytest.mark.slow
def test_the_live_comparison_carries_the_rows_of_bygdesim_compare():
    """The page's comparison (worker processes, replication by replication) ends with the same
    pathway rows as ``bygdesim compare`` of the same settings and seeds."""
    settings = Settings(
        scenario=load_scenario("sel"), years=3, levers={"levers.municipal_jobs.positions": 5}
    )
    base, arms = plan_arms(settings.baseline(), settings.params())
    snap = LiveComparison(base, arms, seed=4, replications=2, workers=2).start().join(240)
    assert snap.finished and snap.error is None
    assert snap.pathways_done == 2

    sc = load_scenario("sel", {"years": 3})
    assert sc.params == base
    label = arms[0].label
    lever = arms[0].params.levers.municipal_jobs.model_dump(mode="json")
    arm = Arm(label, label, {"levers": {"municipal_jobs": lever}}, "test")
    res = run_compare(sc, [arm], seed=4, replications=2, workers=2)
    assert _rows_equal(snap.pathways, pathway_rows(res.summary()))
    assert any(r.key.startswith("hires_by_channel.") and r.measured for r in snap.pathways)
