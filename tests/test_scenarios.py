"""Scenario files and the command line's handling of bad input: exit status 2, one line on
stderr naming the file, the key, the value and what is allowed; nothing on stdout."""

import subprocess
import sys
from pathlib import Path

import pytest

from model.scenario import ScenarioError, load_scenario, preset_names

BYGDESIM = [sys.executable, "-m", "analysis.cli"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*BYGDESIM, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def test_presets_exist_and_differ_as_the_preset_table_says():
    assert set(preset_names()) >= {"sel", "vaga", "nordre_land"}
    sel, vaga, nl = (load_scenario(n).params for n in ("sel", "vaga", "nordre_land"))
    assert (sel.municipality.population, vaga.municipality.population) == (5800, 3638)
    assert nl.municipality.population == 6671
    assert [p.arrivals.persons_per_year[0] for p in (sel, vaga, nl)] == [28, 12, 25]
    assert nl.levers.early_nav.entry_month == 1 < vaga.levers.early_nav.entry_month
    assert sel.services.placement_owner.value == "unclear"
    assert sel.levers.third_programme_year.participants_per_year == 8
    assert vaga.levers.shared_ip_and_meetings.shared_digital_ip
    assert nl.levers.teacher_at_workplace.days_per_week > 0
    assert nl.municipality.centrality == 4 and sel.municipality.centrality == 5
    assert nl.labour.trust_initial > sel.labour.trust_initial


def test_preset_files_cite_sources(repo_root):
    for name in ("sel", "vaga", "nordre_land"):
        text = (repo_root / "scenarios" / f"{name}.toml").read_text()
        assert "SSB" in text and "Fylkesmannen" in text and "ch." in text


def test_a_scenario_file_extends_a_preset_and_pairs_with_it(tmp_path):
    f = tmp_path / "more_bridges.toml"
    f.write_text('base = "sel"\nname = "sel+bb"\n[levers.bridge_builders]\ncount = 3\n')
    sc = load_scenario(f)
    assert sc.name == "sel+bb"
    assert sc.params.levers.bridge_builders.count == 3
    assert sc.baseline.levers.bridge_builders.count == 0
    assert sc.params.municipality.population == 5800


BAD_FILES = {
    "malformed": ("[levers\ncount = 1\n", "not valid TOML"),
    "unknown_key": ('base = "sel"\n[levers.bridge_builders]\ncuont = 2\n', "cuont: unknown key"),
    "wrong_type": (
        '[levers.bridge_builders]\ncount = "many"\n',
        "levers.bridge_builders.count = 'many'",
    ),
    "out_of_range": (
        "[levers.early_nav]\nentry_month = 30\n",
        "levers.early_nav.entry_month = 30: Input should be less than or equal to 24; "
        "allowed 1 to 24",
    ),
    "shares": ("[arrivals]\nshare_couple = 0.5\n", "household shares must sum to 1"),
    "missing_base": ('base = "atlantis"\n', "atlantis: not a preset"),
    "unknown_section": ("[weather]\nrain = 1\n", "weather: unknown key"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_scenario_files_exit_2_with_one_line(tmp_path, case):
    text, expected = BAD_FILES[case]
    f = tmp_path / f"{case}.toml"
    f.write_text(text)
    before = sorted(p.name for p in tmp_path.iterdir())
    r = cli("run", str(f), "--json", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert expected in lines[0]
    if case not in ("missing_base",):
        assert str(f) in lines[0] or f.name in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_base_chain_that_loops_is_rejected(tmp_path):
    (tmp_path / "a.toml").write_text(f'base = "{tmp_path / "b.toml"}"\n')
    (tmp_path / "b.toml").write_text(f'base = "{tmp_path / "a.toml"}"\n')
    with pytest.raises(ScenarioError, match="loops"):
        load_scenario(tmp_path / "a.toml")


@pytest.mark.parametrize(
    "args,expected",
    [
        (["run", "sel", "--seed", "x"], "--seed"),
        (["run", "sel", "--replications", "0"], "--replications"),
        (["run", "sel", "--years", "99"], "years = 99"),
        (["run", "sel", "--set", "levers.nope=1"], "levers.nope: unknown parameter"),
        (["run", "sel", "--set", "levers.bridge_builders.count=-1"], "allowed 0 to 20"),
        (["run", "sel", "--set", "novalue"], "expected KEY=VALUE"),
        (["run", "no_such_preset"], "not a preset"),
        (["run", "sel", "--bogus"], "--bogus"),
    ],
)
def test_bad_flags_exit_2_with_one_line(args, expected):
    r = cli(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], r.stderr
