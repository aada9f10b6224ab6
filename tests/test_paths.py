"""Paths mean what the user meant (issue 10 item 2): a path on the command line is taken from
the directory the command was run in, also through ./bygdesim from elsewhere; a relative
``base`` in a scenario file, a relative lever path in a package file and a sweep file's
``scenario``, from that file's own folder, never from the current directory."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from analysis.experiments.lever_files import load_package
from model.scenario import load_scenario, with_overrides
from tests.experiments import call, snapshot

ROOT = Path(__file__).resolve().parent.parent
MY_TOML = 'base = "vaga"\nname = "my"\n[levers.bridge_builders]\ncount = 2\n'


def launcher(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``../bygdesim ARGS`` as a user types it: the launcher by a path relative to ``cwd``."""
    rel = os.path.relpath(ROOT / "bygdesim", cwd)
    return subprocess.run(
        [rel, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )


def test_setup_leaves_the_callers_directory_alone(tmp_path):
    r = subprocess.run(
        ["bash", "-c", 'cd "$1" && source "$2" && pwd', "_", tmp_path, ROOT / "scripts/setup.sh"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == str(tmp_path)


def test_the_launcher_finds_a_file_in_the_directory_it_was_run_in(tmp_path):
    # cd elsewhere && ../bygdesim run my.toml did not find my.toml
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "my.toml").write_text(MY_TOML)
    r = launcher(elsewhere, "run", "my.toml", "--years", "1", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["scenario"] == "my"


def test_a_relative_out_is_written_where_the_command_was_run(tmp_path):
    # --out rel_out wrote into the repository
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "my.toml").write_text(MY_TOML)
    assert not (ROOT / "rel_out").exists()
    r = launcher(
        elsewhere,
        "compare", "my.toml", "--levers", "early_nav", "-r", "2", "--years", "1",
        "--out", "rel_out", "--json",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (elsewhere / "rel_out").iterdir()) == [
        "compare.json",
        "report.html",
        "runs.parquet",
    ]
    assert json.loads((elsewhere / "rel_out" / "compare.json").read_text())["scenario"] == "my"
    assert not (ROOT / "rel_out").exists()


@pytest.fixture
def plans(tmp_path, monkeypatch):
    """A folder of scenario files, run from its parent, which holds decoys of the same names."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "parent.toml").write_text('base = "sel"\n')  # the decoy in the current dir
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "root.toml").write_text(
        'base = "vaga"\n[municipality]\nparent_share = 0.3\n'
    )
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "parent.toml").write_text(
        'base = "../shared/root.toml"\n[municipality]\npopulation = 4000\n'
    )
    (folder / "child.toml").write_text(
        'base = "parent.toml"\nname = "child"\n[levers.bridge_builders]\ncount = 2\n'
    )
    return folder


def test_base_is_taken_from_the_scenario_files_folder(plans):
    vaga = load_scenario("vaga").params
    sc = load_scenario(Path("plans") / "child.toml")  # relative to the current directory
    assert sc.name == "child"
    assert sc.params.levers.bridge_builders.count == 2
    assert sc.params.municipality.population == 4000  # plans/parent.toml, not ./parent.toml
    assert sc.params.municipality.parent_share == 0.3  # shared/root.toml, from plans/
    assert sc.params.arrivals.persons_per_year == vaga.arrivals.persons_per_year  # vaga, not sel
    assert sc.baseline.municipality.population == vaga.municipality.population  # the root preset
    assert sc.baseline.levers.bridge_builders.count == 0


def test_a_base_missing_from_the_files_folder_is_not_taken_from_the_current_dir(plans, capsys):
    (plans / "parent.toml").unlink()  # ./parent.toml (the decoy) still exists
    child = Path("plans") / "child.toml"
    before = snapshot(plans.parent)
    code, stdout, err = call(capsys, "run", child)
    assert code == 2 and stdout == ""
    assert err == (f"bygdesim: error: {child}: base: parent.toml: no such scenario file in plans\n")
    assert snapshot(plans.parent) == before


def test_a_bare_base_name_is_a_preset(plans, capsys):
    (plans / "child.toml").write_text('base = "atlantis"\n')
    code, _, err = call(capsys, "run", plans / "child.toml")
    assert code == 2
    assert err.startswith(
        f"bygdesim: error: {plans / 'child.toml'}: base: atlantis: not a preset ("
    ), err
    assert err.count("\n") == 1


def test_a_package_takes_its_lever_paths_from_its_own_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lever = "[levers.bridge_builders]\ncount = {}\ncost_per_month = 40000.0\n"
    (tmp_path / "mine.toml").write_text(lever.format(1))  # the decoy in the current dir
    (tmp_path / "pk").mkdir()
    (tmp_path / "pk" / "mine.toml").write_text(lever.format(3))
    (tmp_path / "pk" / "pkg.toml").write_text('[package]\nname = "p"\nlevers = ["mine.toml"]\n')
    arm = load_package(Path("pk") / "pkg.toml")
    assert arm.overrides["levers"]["bridge_builders"]["count"] == 3
    assert arm.files == (str(Path("pk") / "pkg.toml"), str(Path("pk") / "mine.toml"))


# ---- a sweep file's scenario ------------------------------------------------------------------
SWEEP = '[sweep]\nscenario = "{scenario}"\nreplications = 1\n\n[parameters]\nyears = 1\n'


@pytest.fixture
def study(tmp_path, monkeypatch):
    """A sweep file in ``study/``, run from ``elsewhere/``, which holds a decoy plan.toml."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "plan.toml").write_text('base = "sel"\n')
    monkeypatch.chdir(elsewhere)
    folder = tmp_path / "study"
    (folder / "plans").mkdir(parents=True)
    (folder / "plan.toml").write_text('base = "vaga"\n[labour]\nemployers = 66\n')
    (folder / "plans" / "deep.toml").write_text('base = "../plan.toml"\n[labour]\nemployers = 67\n')
    return folder


def sweep_over(folder: Path, scenario: str) -> Path:
    (folder / "sweep.toml").write_text(SWEEP.format(scenario=scenario))
    return Path("..") / "study" / "sweep.toml"  # relative to the current directory


def test_a_sweeps_scenario_file_is_taken_from_the_sweep_files_folder(study):
    from analysis.experiments.sweep_spec import load_sweep

    vaga = load_scenario("vaga").params
    sweep = load_sweep(sweep_over(study, "plan.toml"))
    assert sweep.scenario.params == with_overrides(vaga, {"labour.employers": 66})  # not ./plan
    assert Path(sweep.scenario.source).resolve() == (study / "plan.toml").resolve()
    sweep = load_sweep(sweep_over(study, "plans/deep.toml"))
    assert sweep.scenario.params == with_overrides(vaga, {"labour.employers": 67})


def test_a_sweeps_preset_name_stays_a_preset(study):
    from analysis.experiments.sweep_spec import load_sweep

    vaga = load_scenario("vaga").params
    (study / "vaga").write_text('base = "sel"\n')  # files named like the preset are not used
    (Path.cwd() / "vaga").write_text('base = "sel"\n')
    sweep = load_sweep(sweep_over(study, "vaga"))
    assert sweep.scenario.params == vaga


def test_a_sweeps_scenario_missing_from_its_folder_is_not_taken_from_the_current_dir(study, capsys):
    (study / "plan.toml").unlink()  # ./plan.toml (the decoy) still exists
    sweep = sweep_over(study, "plan.toml")
    before = snapshot(study.parent)
    code, stdout, err = call(capsys, "sweep", sweep, "--out", "out")
    assert code == 2 and stdout == ""
    assert err == (
        f"bygdesim: error: {sweep}: sweep.scenario: plan.toml: no such scenario file in "
        f"{sweep.parent} (a file of that name in the current directory is not used)\n"
    )
    assert snapshot(study.parent) == before
    (Path.cwd() / "plan.toml").unlink()  # without the decoy the message says only where it looked
    code, _, err = call(capsys, "sweep", sweep, "--out", "out")
    assert code == 2
    assert err == (
        f"bygdesim: error: {sweep}: sweep.scenario: plan.toml: no such scenario file in "
        f"{sweep.parent}\n"
    )
