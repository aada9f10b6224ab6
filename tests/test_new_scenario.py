"""``bygdesim new-scenario`` and the commented scenario file it writes (also the dashboard's
download): every setting of the schema with its unit, range and source; commented out at the
base's values, so the file runs exactly as its preset until a line is made active; bad input is
one line, exit status 2 and nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analysis.reports.scenario_file import scenario_file_text
from model.params import Params, bounds, field_info, get_path, leaf_paths
from model.scenario import load_scenario, with_overrides
from tests.experiments import call, snapshot

SETTING = re.compile(r"^#((\[\[volunteer_groups\]\])|([A-Za-z0-9_]+ = .*))$")


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert err.startswith("bygdesim: error: "), err
    return err[len("bygdesim: error: ") : -1]


def uncommented(text: str) -> str:
    """The file with every commented-out setting made active."""
    return "\n".join(
        m.group(1) if (m := SETTING.match(line)) else line for line in text.split("\n")
    )


def flat(tree: dict, prefix: str = "") -> dict:
    """Dotted paths to the values of a parsed file (a list of tables stays one value)."""
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict) and f"{prefix}{key}" not in leaf_paths():
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- the file ------------------------------------------------------------------------------
def test_like_vaga_writes_a_file_that_runs_as_vaga(here, capsys):
    code, out, err = call(capsys, "new-scenario", "myplan", "--like", "vaga")
    assert code == 0 and out == ""
    assert err == "bygdesim: wrote myplan.toml; run it with: bygdesim run myplan.toml\n"
    assert sorted(p.name for p in here.iterdir()) == ["myplan.toml"]
    vaga = load_scenario("vaga")
    sc = load_scenario(here / "myplan.toml")
    assert sc.name == "myplan"
    assert sc.params == vaga.params
    assert sc.baseline == vaga.params  # the preset is the paired baseline
    # nothing is active but the name and the base: every setting is commented out
    data = tomllib.loads((here / "myplan.toml").read_text())
    assert flat(data) == {"name": "myplan", "base": "vaga"}


def test_every_setting_is_listed_with_the_presets_value(here, capsys):
    call(capsys, "new-scenario", "myplan", "--like", "nordre_land")
    text = (here / "myplan.toml").read_text()
    listed = flat(tomllib.loads(uncommented(text)))
    preset = load_scenario("nordre_land").params.model_dump(mode="json")
    assert listed.pop("name") == "myplan" and listed.pop("base") == "nordre_land"
    assert set(listed) == set(leaf_paths())
    for path, value in listed.items():
        assert value == get_path(preset, path), path
    # made active, the whole file still gives the preset
    (here / "all.toml").write_text(uncommented(text))
    assert load_scenario(here / "all.toml").params == load_scenario("nordre_land").params


def _comment_above(lines: list[str], index: int) -> str:
    block = []
    for line in reversed(lines[:index]):
        if not line.startswith("#") or SETTING.match(line):
            break
        block.append(line[1:].strip())
    return " ".join(reversed(block))


def test_every_setting_has_its_unit_range_and_source(here, capsys):
    call(capsys, "new-scenario", "plan")
    lines = (here / "plan.toml").read_text().split("\n")
    section, seen = "", 0
    for i, line in enumerate(lines):
        if line.startswith("[") and not line.startswith("[["):
            section = line.strip("[]") + "."
        m = re.match(r"^#([a-z0-9_]+) = ", line)
        if not m or section == "volunteer_groups.":
            continue
        path = f"{section}{m.group(1)}" if f"{section}{m.group(1)}" in leaf_paths() else None
        if path is None:
            continue  # a key of a volunteer group block
        info, extra = field_info(path)
        about = " ".join(_comment_above(lines, i).split())
        assert f"source: {' '.join((extra.get('source') or 'assumption').split())}" in about
        if extra.get("unit"):
            assert f"unit: {' '.join(extra['unit'].split())}" in about, path
        lo, hi = bounds(info)
        if lo is not None and hi is not None:
            assert f"allowed: {lo:g} to {hi:g}" in about, path
        seen += 1
    assert seen == len(leaf_paths()) - 1  # all but the volunteer groups (listed as blocks)
    i = lines.index("#population = 5000")
    assert lines[i - 1] == (
        "#   unit: persons; allowed: 500 to 50000; source: SSB municipal population; see preset "
        "files"
    )
    assert lines[i - 2] == "# Residents, all present as network nodes"


def test_without_like_the_file_is_the_schema_defaults(here, capsys):
    code, _, _ = call(capsys, "new-scenario", "generic")
    assert code == 0
    data = tomllib.loads((here / "generic.toml").read_text())
    assert "base" not in data and data["name"] == "generic"
    assert load_scenario(here / "generic.toml").params == Params()


def test_a_line_made_active_changes_that_setting_only(here, capsys):
    call(capsys, "new-scenario", "myplan", "--like", "vaga")
    path = here / "myplan.toml"
    text = path.read_text()
    assert text.count("\n#population = 3638\n") == 1
    path.write_text(text.replace("\n#population = 3638\n", "\npopulation = 4100\n"))
    sc = load_scenario(path)
    vaga = load_scenario("vaga").params
    assert sc.params == with_overrides(vaga, {"municipality.population": 4100})
    assert sc.baseline == vaga


def test_a_path_ending_in_toml_is_written_as_given(here, capsys):
    (here / "plans").mkdir()
    code, _, _ = call(capsys, "new-scenario", "plans/sel_more.toml", "--like", "sel")
    assert code == 0
    assert sorted(p.name for p in (here / "plans").iterdir()) == ["sel_more.toml"]
    assert load_scenario(here / "plans" / "sel_more.toml").params == load_scenario("sel").params


def test_the_writer_makes_changed_settings_active(tmp_path):
    vaga = load_scenario("vaga").params
    changed = with_overrides(
        vaga, {"years": 6, "levers.early_nav.entry_month": 3, "volunteer_groups": []}
    )
    text = scenario_file_text(changed, name="x", base="vaga", base_params=vaga)
    active = [line for line in text.splitlines() if line and line[0] not in "#["]
    assert active == [
        'name = "x"',
        'base = "vaga"',
        "years = 6",
        "volunteer_groups = []",
        "entry_month = 3",
    ]
    (tmp_path / "x.toml").write_text(text)
    assert load_scenario(tmp_path / "x.toml").params == changed


# ---- bad input: one line, exit status 2, nothing written ----------------------------------
def refused(capsys, folder: Path, *args: str) -> str:
    before = snapshot(folder)
    code, out, err = call(capsys, *args)
    assert code == 2 and out == ""
    assert snapshot(folder) == before
    return one_line(err)


def test_an_existing_file_is_not_overwritten(here, capsys):
    (here / "myplan.toml").write_text("# mine\n")
    message = refused(capsys, here, "new-scenario", "myplan", "--like", "vaga")
    assert message == "myplan.toml: already exists (--force overwrites it)"
    assert (here / "myplan.toml").read_text() == "# mine\n"
    code, _, _ = call(capsys, "new-scenario", "myplan", "--like", "vaga", "--force")
    assert code == 0
    assert load_scenario(here / "myplan.toml").params == load_scenario("vaga").params


def test_an_unknown_preset_is_refused(here, capsys):
    message = refused(capsys, here, "new-scenario", "myplan", "--like", "atlantis")
    assert message == "--like atlantis: not a preset (nordre_land, sel, vaga)"


def test_a_missing_folder_is_refused(here, capsys):
    message = refused(capsys, here, "new-scenario", "nowhere/myplan")
    assert message == "nowhere/myplan.toml: no such folder nowhere"


def test_a_folder_is_not_overwritten_even_with_force(here, capsys):
    (here / "plan.toml").mkdir()
    message = refused(capsys, here, "new-scenario", "plan", "--force")
    assert message == "plan.toml: is a folder"


@pytest.mark.timeout(60)
def test_a_fifo_is_not_written_into(tmp_path):
    """Opening a FIFO for writing would wait for a reader: it is refused, in a real process."""
    os.mkfifo(tmp_path / "pipe.toml")
    for extra in ([], ["--force"]):
        before = snapshot(tmp_path)
        r = subprocess.run(
            [sys.executable, "-m", "analysis.cli", "new-scenario", "pipe", *extra],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode == 2 and r.stdout == ""
        assert snapshot(tmp_path) == before
        want = (
            "pipe.toml: not a regular file (a device, pipe or socket); not overwritten"
            if extra
            else "pipe.toml: already exists (--force overwrites it)"
        )
        assert one_line(r.stderr) == want
