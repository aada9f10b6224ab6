"""Bad sweep, lever and package files, unknown levers and parameters: exit status 2, one line
on stderr naming the file and the key, and nothing created or changed under --out."""

from pathlib import Path

import pytest

from tests.experiments import call, snapshot, write_sweep

GOOD_SWEEP = """[sweep]
scenario = "vaga"
replications = 2
seed = 1
design = "{design}"
{extra}
[parameters]
years = 2
{param}
"""

SWEEP_CASES = {
    # name: (file text, words the message must contain)
    "malformed TOML": ("[sweep\nscenario = 'vaga'\n", ["not valid TOML"]),
    "unknown table": (
        GOOD_SWEEP.format(design="grid", extra="", param='"social.tie_chance" = [0.2]')
        + "[outcomes]\nkeep = 1\n",
        ["outcomes", "unknown key"],
    ),
    "unknown sweep key": (
        GOOD_SWEEP.format(design="grid", extra="replicatons = 3", param=""),
        ["sweep.replicatons", "unknown key"],
    ),
    "unknown parameter path": (
        GOOD_SWEEP.format(design="grid", extra="", param='"levers.bridge_builders.cuont" = [1]'),
        ["levers.bridge_builders.cuont", "unknown parameter"],
    ),
    "grid value out of range": (
        GOOD_SWEEP.format(
            design="grid", extra="", param='"levers.bridge_builders.count" = [0, 99]'
        ),
        ["levers.bridge_builders.count", "99", "0 to 20"],
    ),
    "sampled bounds out of range": (
        GOOD_SWEEP.format(
            design="lhs", extra="samples = 4", param='"labour.hire_open" = [0.1, 1.5]'
        ),
        ["labour.hire_open", "outside the allowed range"],
    ),
    "bad design": (
        GOOD_SWEEP.format(design="factorial", extra="", param=""),
        ["sweep.design", "grid, lhs, sobol"],
    ),
    "sobol samples not a power of two": (
        GOOD_SWEEP.format(design="sobol", extra="samples = 6", param='"labour.hire_open" = [0, 1]'),
        ["sweep.samples", "power of two"],
    ),
    "unknown scenario": (
        GOOD_SWEEP.format(design="grid", extra="", param="").replace('"vaga"', '"atlantis"'),
        ["sweep.scenario", "atlantis"],
    ),
    "a value the schema rejects": (
        GOOD_SWEEP.format(design="grid", extra="", param='"arrivals.share_family" = [0.5]'),
        ["arrivals", "sum to 1"],
    ),
}


def _one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    return err


@pytest.fixture
def existing_out(tmp_path):
    """An --out folder that already holds a finished sweep's files and a note of the user's."""
    out = tmp_path / "existing"
    out.mkdir()
    (out / "notes.txt").write_text("keep me\n")
    (out / "parts").mkdir()
    (out / "parts" / "run-000000000.parquet").write_bytes(b"PAR1 not really")
    return out


@pytest.mark.parametrize("case", list(SWEEP_CASES))
def test_bad_sweep_file(case, tmp_path, capsys, existing_out):
    text, words = SWEEP_CASES[case]
    path = tmp_path / "bad_sweep.toml"
    path.write_text(text)
    new_out = tmp_path / "new"
    for out in (new_out, existing_out):
        before = snapshot(out)
        code, stdout, err = call(capsys, "sweep", path, "--out", out)
        assert code == 2, err
        line = _one_line(err)
        assert str(path) in line, line
        for word in words:
            assert word in line, (word, line)
        assert stdout == ""
        assert snapshot(out) == before  # nothing created or changed
    assert not new_out.exists()


def test_out_folder_of_another_sweep_is_refused(tmp_path, capsys):
    first = write_sweep(tmp_path, "first.toml", reps=1)
    second = tmp_path / "second.toml"
    second.write_text(first.read_text().replace("seed = 11", "seed = 12"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text('{"design_sha256": "something else"}')
    before = snapshot(out)
    code, _, err = call(capsys, "sweep", second, "--out", out)
    assert code == 2
    assert "design_sha256" in _one_line(err) and "different sweep" in err
    assert snapshot(out) == before


LEVER_CASES = {
    "unknown key in a lever file": (
        '[levers.bridge_builders]\ncount = 2\ncolour = "blue"\n',
        ["levers.bridge_builders.colour", "unknown key"],
    ),
    "unknown lever table": ("[levers.flying_cars]\ncount = 2\n", ["levers.flying_cars"]),
    "value out of range": (
        "[levers.bridge_builders]\ncount = 200\n",
        ["levers.bridge_builders.count", "200", "0 to 20"],
    ),
    "key outside [levers]": (
        "[services]\ncaseworker_hours = 900\n",
        ["services", "unknown key"],
    ),
    "malformed TOML": ("[levers.bridge_builders\ncount = 2\n", ["not valid TOML"]),
}


@pytest.mark.parametrize("case", list(LEVER_CASES))
def test_bad_lever_file(case, tmp_path, capsys, existing_out):
    text, words = LEVER_CASES[case]
    path = tmp_path / "bad_lever.toml"
    path.write_text(text)
    for out in (tmp_path / "new", existing_out):
        before = snapshot(out)
        code, stdout, err = call(
            capsys, "compare", "vaga", "--levers", f"early_nav,{path}", "--out", out, "--json"
        )
        assert code == 2, err
        line = _one_line(err)
        assert str(path) in line
        for word in words:
            assert word in line, (word, line)
        assert stdout == ""
        assert snapshot(out) == before
    assert not (tmp_path / "new").exists()


def test_unknown_lever_name(tmp_path, capsys):
    out = tmp_path / "out"
    code, _, err = call(
        capsys, "compare", "sel", "--levers", "municipal_jobs,flying_cars", "--out", out
    )
    assert code == 2
    line = _one_line(err)
    assert "--levers flying_cars" in line and "unknown lever" in line
    assert not out.exists()


@pytest.mark.parametrize(
    "text, words",
    [
        (
            '[package]\nname = "p"\nlevers = ["early_nav", "teleport"]\n',
            ["package.levers", "teleport"],
        ),
        ('[package]\nname = "p"\nlevers = []\n', ["package.levers", "non-empty"]),
        (
            '[package]\nname = "p"\nlevers = ["early_nav"]\ncost = 3\n',
            ["package.cost", "unknown key"],
        ),
        (
            '[package]\nname = "p"\nlevers = ["early_nav"]\n[levers.early_nav]\nentry_month = 40\n',
            ["levers.early_nav.entry_month", "1 to 24"],
        ),
        ('[package]\nname = "baseline"\nlevers = ["early_nav"]\n', ["reserved"]),
    ],
)
def test_bad_package_file(text, words, tmp_path, capsys):
    path = tmp_path / "pkg.toml"
    path.write_text(text)
    out = tmp_path / "out"
    code, _, err = call(capsys, "compare", "vaga", "--package", path, "--out", out)
    assert code == 2, err
    line = _one_line(err)
    assert str(path) in line
    for word in words:
        assert word in line, (word, line)
    assert not out.exists()


def test_missing_sweep_file(tmp_path, capsys):
    code, _, err = call(capsys, "sweep", tmp_path / "nope.toml", "--out", tmp_path / "out")
    assert code == 2 and "nope.toml" in _one_line(err)
    assert not (tmp_path / "out").exists()


def _no_runs(*args, **kwargs):
    raise AssertionError("a run started before --out was checked")


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_bad_out_on_compare_fails_before_any_run(where, tmp_path, capsys, monkeypatch):
    import analysis.experiments.compare as compare_module

    monkeypatch.setattr(compare_module, "run_compare", _no_runs)
    blocker = tmp_path / "results.txt"
    blocker.write_text("not a folder\n")
    out = blocker if where == "a file" else blocker / "out"
    before = snapshot(tmp_path)
    code, stdout, err = call(
        capsys, "compare", "sel", "--all-levers", "-r", "10000", "--years", "30", "--out", out
    )
    assert code == 2, err
    line = _one_line(err)
    assert str(out) in line and "--out" in line
    assert ("is not a folder" in line) and (where == "a file" or str(blocker) in line)
    assert stdout == "" and snapshot(tmp_path) == before


def test_bad_out_on_sweep_fails_before_anything_is_made(tmp_path, capsys, monkeypatch):
    import analysis.experiments.executors as executors

    monkeypatch.setattr(executors, "make_executor", _no_runs)
    path = write_sweep(tmp_path, reps=1)
    blocker = tmp_path / "results.txt"
    blocker.write_text("not a folder\n")
    before = snapshot(tmp_path)
    code, _, err = call(capsys, "sweep", path, "--out", blocker / "deeper" / "out")
    assert code == 2, err
    line = _one_line(err)
    assert f"{blocker} is not a folder" in line and "--out cannot be created" in line
    assert snapshot(tmp_path) == before


def test_an_out_the_file_system_refuses_fails_before_any_run(tmp_path, capsys, monkeypatch):
    # /proc passes the permission bits for root but takes no new folders: the probe finds it
    import analysis.experiments.executors as executors
    from analysis.experiments.out_folder import out_problem

    monkeypatch.setattr(executors, "make_executor", _no_runs)
    line = out_problem(Path("/proc/bygdesim-out"))
    assert line is not None and line.startswith("/proc/bygdesim-out: --out cannot be created")
    code, stdout, err = call(
        capsys, "compare", "vaga", "--levers", "early_nav", "-r", "2", "--out", "/proc/x/out"
    )
    assert code == 2, err
    assert "--out cannot be created" in _one_line(err) and stdout == ""
    # a writable folder passes and the probe leaves nothing behind
    before = snapshot(tmp_path)
    assert out_problem(tmp_path / "new" / "out") is None
    assert out_problem(tmp_path) is None
    assert snapshot(tmp_path) == before
