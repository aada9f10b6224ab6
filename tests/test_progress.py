"""Progress of long jobs (issue 10 item 6): the number of runs and an estimate from a short
timing before a long job; off a terminal, periodic lines on stderr. Times come from a clock the
test moves, so nothing here depends on the machine's speed."""

import json

import pytest

import analysis.progress as progress
from analysis.progress import ProgressReport, duration
from tests.experiments import call


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _report(lines: bool, interval: float = 30.0):
    clock, written = Clock(), []
    report = ProgressReport("runs", written.append, lines=lines, interval=interval, clock=clock)
    return report, clock, written


@pytest.mark.parametrize(
    "seconds, words",
    [(0, "0 s"), (45, "45 s"), (89, "89 s"), (14 * 60, "14 min"), (200 * 60, "3 h 20 min"),
     (3 * 3600, "3 h"), (72 * 3600, "3.0 days")],
)  # fmt: skip
def test_duration_words(seconds, words):
    assert duration(seconds) == words


def test_a_long_job_says_its_runs_and_estimate_after_a_short_timing():
    # the case: compare sel --all-levers -r 10000 (160,000 runs)
    report, clock, written = _report(lines=False)
    clock.now += 1.0
    report.tick(4, 160_000)
    assert written == []  # still timing
    clock.now += 2.0
    report.tick(12, 160_000)  # 12 runs in 3 s: 4 runs/s, so 40,000 s in all
    assert written == [
        "bygdesim: 160,000 runs; about 11 h 7 min in all (timed on the first 12); Ctrl-C stops"
    ]
    clock.now += 600
    report.tick(2_400, 160_000)
    report.finish()
    assert len(written) == 1  # said once; a terminal's bar shows the rest


def test_a_short_job_says_nothing():
    report, clock, written = _report(lines=True)
    for done in range(1, 11):
        clock.now += 0.5  # 10 runs in 5 s
        report.tick(done, 10)
    report.finish()
    assert written == []


def test_off_a_terminal_progress_lines_come_periodically():
    report, clock, written = _report(lines=True, interval=30.0)
    for done in range(1, 101):
        clock.now += 1.0  # one run a second, 100 runs
        report.tick(done, 100)
    report.finish()
    # the estimate after the timing (3 s, 3 done, 97 left at 1 run/s: 100 s in all) is under
    # the threshold, so only the periodic lines: at 30, 60 and 90 s, then the last one
    assert written == [
        "bygdesim: runs 30/100 (30.0 %), 1.00 runs/s, about 70 s left",
        "bygdesim: runs 60/100 (60.0 %), 1.00 runs/s, about 40 s left",
        "bygdesim: runs 90/100 (90.0 %), 1.00 runs/s, about 10 s left",
        "bygdesim: runs 100/100 done in 2 min",
    ]


def test_on_a_terminal_there_are_no_lines_besides_the_estimate():
    report, clock, written = _report(lines=False, interval=30.0)
    for done in range(1, 301):
        clock.now += 1.0
        report.tick(done, 300)  # 300 s in all: above the threshold
    report.finish()
    assert written == [
        "bygdesim: 300 runs; about 5 min in all (timed on the first 3); Ctrl-C stops"
    ]


def test_the_line_interval_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("BYGDESIM_PROGRESS_SECONDS", "5")
    assert progress.line_interval() == 5.0
    monkeypatch.setenv("BYGDESIM_PROGRESS_SECONDS", "soon")
    assert progress.line_interval() == progress.LINE_EVERY_SECONDS
    monkeypatch.delenv("BYGDESIM_PROGRESS_SECONDS")
    assert progress.line_interval() == progress.LINE_EVERY_SECONDS


@pytest.fixture
def every_job_is_long(monkeypatch):
    """No timing, every job "long" and a line after every run: what a long job prints, on a
    small one."""
    monkeypatch.setattr(progress, "TIMING_SECONDS", 0.0)
    monkeypatch.setattr(progress, "ESTIMATE_ABOVE_SECONDS", 0.0)
    monkeypatch.setenv("BYGDESIM_PROGRESS_SECONDS", "0")


def _progress_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("bygdesim: runs ")]


def test_compare_off_a_terminal_prints_runs_estimate_and_lines(every_job_is_long, capsys):
    code, stdout, err = call(
        capsys, "compare", "vaga", "--years", "2", "-r", "2", "--levers", "early_nav", "--json"
    )
    assert code == 0, err
    json.loads(stdout)  # stdout holds the JSON only
    first = err.splitlines()[0]
    assert first.startswith("bygdesim: 4 runs; about ") and "timed on the first 1" in first
    lines = _progress_lines(err)
    assert [line.split()[2] for line in lines] == ["1/4", "2/4", "3/4", "4/4"]
    assert lines[-1].startswith("bygdesim: runs 4/4 done in ")


def test_sweep_off_a_terminal_prints_runs_estimate_and_lines(every_job_is_long, tmp_path, capsys):
    from tests.experiments import write_sweep

    path = write_sweep(tmp_path, reps=1)  # 4 points, one replication each
    code, _, err = call(capsys, "sweep", path, "--out", tmp_path / "out", "--workers", "1")
    assert code == 0, err
    assert err.splitlines()[0].startswith("bygdesim: 4 runs; about ")
    assert [line.split()[2] for line in _progress_lines(err)] == ["1/4", "2/4", "3/4", "4/4"]
