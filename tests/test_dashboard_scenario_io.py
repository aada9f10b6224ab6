"""Scenario files in and out of the dashboard: the download of the current settings (the file
``new-scenario`` writes, base = the preset, the page's changes active), the upload of a
scenario file (good bytes open it; bad bytes are one line naming the upload and nothing of any
other file), and base chains kept inside the folders the page may open while the command line
follows any base."""

from __future__ import annotations

import io
import tomllib

import pytest

from analysis.dashboard import scenario_files as sf
from analysis.dashboard import scenario_io as sio
from analysis.dashboard import state
from analysis.dashboard.session import LiveSession, Settings
from model.files import MAX_BYTES
from model.params import Params
from model.scenario import ScenarioError, load_scenario, with_overrides
from tests.experiments import call

SECRET = 'name = "TOPSECRET-4711"\nbogus_key = 1\n'


@pytest.fixture
def start(tmp_path, monkeypatch):
    """The dashboard started in ``tmp_path/start``; ``tmp_path/outside`` holds a secret."""
    folder = tmp_path / "start"
    folder.mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.toml").write_text(SECRET)
    monkeypatch.setattr(sf, "START_DIR", folder.resolve())
    monkeypatch.chdir(folder)  # the server never changes directory: its cwd is the start
    return folder


@pytest.fixture
def page_state():
    """The page's state as a fresh page has it, restored afterwards."""
    names = ("scenario_choice", "scenario_file", "years_text", "lever_values", "lever_text",
             "field_errors", "message", "session")  # fmt: skip
    before = {n: getattr(state, n).value for n in names}
    uploaded = sf.uploaded.value
    yield state
    for n, v in before.items():
        getattr(state, n).value = v
    sf.uploaded.value = uploaded


def active(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and line[0] not in "#["]


# ---- download ------------------------------------------------------------------------------
def test_the_download_is_the_preset_with_the_pages_changes(tmp_path):
    vaga = load_scenario("vaga")
    settings = Settings(scenario=vaga, years=6, levers={"levers.bridge_builders.count": 2})
    filename, text = sio.settings_file(settings)
    assert filename == "vaga_settings.toml"
    assert active(text) == ['name = "vaga_settings"', 'base = "vaga"', "years = 6", "count = 2"]
    (tmp_path / filename).write_text(text)
    sc = load_scenario(tmp_path / filename)
    assert sc.params == with_overrides(vaga.params, {"years": 6, "levers.bridge_builders.count": 2})
    assert sc.params == settings.params()
    assert sc.baseline == vaga.params


def test_a_file_scenario_downloads_over_its_root_preset(tmp_path):
    (tmp_path / "mine.toml").write_text('base = "sel"\nname = "mine"\n[labour]\nemployers = 77\n')
    mine = load_scenario(tmp_path / "mine.toml")
    settings = Settings(scenario=mine, levers={"levers.early_nav.entry_month": 4})
    filename, text = sio.settings_file(settings)
    assert filename == "mine_settings.toml"
    assert active(text) == [
        'name = "mine_settings"', 'base = "sel"', "employers = 77", "entry_month = 4"
    ]  # fmt: skip
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / filename).write_text(text)
    assert load_scenario(tmp_path / "out" / filename).params == settings.params()


def test_a_scenario_without_a_preset_downloads_over_the_defaults(tmp_path):
    (tmp_path / "own.toml").write_text('name = "own"\n[municipality]\npopulation = 1200\n')
    own = load_scenario(tmp_path / "own.toml")
    _, text = sio.settings_file(Settings(scenario=own))
    assert "base" not in tomllib.loads(text)
    assert active(text) == ['name = "own_settings"', "population = 1200"]
    assert with_overrides(Params(), {"municipality.population": 1200}) == own.params


def test_the_button_saves_what_the_sidebar_holds(page_state, tmp_path):
    """The function behind the button: the run's scenario, the years and lever fields."""
    state.session.value = LiveSession(Settings(scenario=load_scenario("vaga")))
    state.years_text.value = "4"
    state.lever_values.value = {"levers.mentor_scheme.mentors_per_year": 3}
    state.field_errors.value = {}
    filename, text = sio.current_settings_file()
    (tmp_path / filename).write_text(text)
    sc = load_scenario(tmp_path / filename)
    assert (sc.params.years, sc.params.levers.mentor_scheme.mentors_per_year) == (4, 3)
    assert sc.params == with_overrides(
        load_scenario("vaga").params,
        {"years": 4, "levers.mentor_scheme.mentors_per_year": 3},
    )
    # a field the page marks as wrong: nothing to save, the field's message says why
    state.field_errors.value = {"levers.mentor_scheme.mentors_per_year": "Mentors: too many"}
    with pytest.raises(ValueError, match="^Mentors: too many$"):
        sio.current_settings_file()


# ---- upload --------------------------------------------------------------------------------
class NoRead(io.BytesIO):
    def read(self, *args):  # noqa: ARG002
        raise AssertionError("an upload declared too large was read")


def upload(name: str, raw: bytes, size: int | None = -1):
    return sio.read_upload(name, len(raw) if size == -1 else size, io.BytesIO(raw))


def refused(name: str, raw: bytes, size: int | None = -1) -> str:
    with pytest.raises(ScenarioError) as err:
        upload(name, raw, size)
    message = str(err.value)
    assert "\n" not in message
    assert "TOPSECRET" not in message and "bogus_key" not in message
    return message


def test_a_good_upload_opens(start):
    sc = upload("plan.toml", b'base = "vaga"\nname = "plan"\n[labour]\nemployers = 60\n')
    vaga = load_scenario("vaga").params
    assert sc.name == "plan" and sc.source == "plan.toml"
    assert sc.params == with_overrides(vaga, {"labour.employers": 60})
    assert sc.baseline == vaga


def test_an_upload_may_build_on_a_file_in_the_start_folder(start):
    (start / "shared.toml").write_text('base = "sel"\n[labour]\nemployers = 61\n')
    sc = upload("plan.toml", b'base = "shared.toml"\n[services]\ncaseworker_hours = 100.0\n')
    sel = load_scenario("sel").params
    assert sc.params == with_overrides(
        sel, {"labour.employers": 61, "services.caseworker_hours": 100.0}
    )


@pytest.mark.parametrize(
    "raw, want",
    [
        (bytes(range(256)), "plan.toml: not a text file (not valid UTF-8 at byte 128)"),
        (b"[labour\n", "plan.toml: not valid TOML: "),
        (b"a = " + b"[" * 5000 + b"]" * 5000, "plan.toml: not valid TOML: nested too deeply"),
        (b"", "plan.toml: the scenario file is empty"),
        (b'base = "sel"\nyears = 99\n', "plan.toml: years = 99: Input should be less than or"),
        (b'base = "sel"\nnot_a_setting = 1\n', "plan.toml: not_a_setting: unknown key"),
        (b'base = "atlantis"\n', "plan.toml: base: atlantis: not a preset"),
    ],
    ids=["binary", "not toml", "deep", "empty", "out of range", "unknown key", "no such preset"],
)
def test_bad_bytes_are_one_line_naming_the_upload(start, raw, want):
    assert refused("plan.toml", raw).startswith(want)


def test_an_upload_over_the_size_limit_is_not_read(start):
    message = "plan.toml: too large for a scenario file (more than 4,194,304 bytes)"
    with pytest.raises(ScenarioError) as err:
        sio.read_upload("plan.toml", MAX_BYTES + 1, NoRead())
    assert str(err.value) == message
    # a size the browser did not tell: at most one byte more than the limit is read
    big = b'base = "sel"\n' + b"#" * MAX_BYTES
    assert refused("plan.toml", big, size=None) == message
    assert len(sio.read_limited(io.BytesIO(big))) == MAX_BYTES + 1


def test_only_toml_uploads_and_their_names_are_made_safe(start):
    assert refused("notes.txt", b'base = "sel"\n') == (
        "notes.txt: not a scenario file (a .toml file is needed)"
    )
    sc = upload("../../etc/plan\n.toml", b'base = "sel"\n')
    assert sc.source == "plan .toml"  # the last part of the name, on one line


@pytest.mark.parametrize(
    "base",
    ["../outside/secret.toml", "{outside}/secret.toml", "{outside}/gone.toml", "/etc/passwd",
     "/etc/hostname.toml", "sub/deeper.toml"],
)  # fmt: skip
def test_an_uploads_base_outside_the_allowed_folders_is_refused_alike(start, base):
    (start / "sub").mkdir()
    (start / "sub" / "deeper.toml").write_text('base = "sel"\n')
    base = base.format(outside=start.parent / "outside")
    assert refused("plan.toml", f'base = "{base}"\n'.encode()) == sf.REFUSED


def test_opening_an_upload_makes_it_the_pages_scenario(start, page_state):
    calls = []
    raw = b'base = "vaga"\nname = "plan"\n[labour]\nemployers = 60\n'
    info = {"name": "plan.toml", "size": len(raw), "file_obj": io.BytesIO(raw)}
    state.lever_values.value = {"levers.bridge_builders.count": 2}
    sio.open_upload(info, lambda: calls.append("reset"))
    assert calls == ["reset"]
    assert state.scenario_choice.value == ""  # the scenario-file choice
    assert state.scenario_file.value == "uploaded: plan.toml"
    assert state.lever_values.value == {}
    # what the page loads for that label is the uploaded scenario, read from no file
    sc = sf.load_scenario_file("uploaded: plan.toml")
    assert sc.params.labour.employers == 60 and sc.name == "plan"
    # a bad upload leaves everything as it was and says why, on one line
    bad = {"name": "bad.toml", "size": 3, "file_obj": io.BytesIO(b"[x\n")}
    sio.open_upload(bad, lambda: calls.append("reset"))
    assert calls == ["reset"]
    assert state.message.value.startswith("bad.toml: not valid TOML: ")
    assert state.scenario_file.value == "uploaded: plan.toml"


# ---- a scenario file's base: the dashboard keeps to its folders, the command line follows ---
@pytest.mark.parametrize(
    "base", ["../outside/secret.toml", "{outside}/secret.toml", "../outside/gone.toml"]
)
def test_a_scenario_files_base_outside_the_folders_is_refused(start, base):
    base = base.format(outside=start.parent / "outside")
    (start / "mine.toml").write_text(f'base = "{base}"\n')
    with pytest.raises(ScenarioError) as err:
        sf.load_scenario_file("mine.toml")
    assert str(err.value) == sf.REFUSED


def test_a_base_two_steps_away_is_refused_too(start):
    (start / "mine.toml").write_text('base = "middle.toml"\n')
    (start / "middle.toml").write_text('base = "../outside/secret.toml"\n')
    with pytest.raises(ScenarioError) as err:
        sf.load_scenario_file("mine.toml")
    assert str(err.value) == sf.REFUSED


def test_bases_inside_the_folders_are_followed(start):
    (start / "mine.toml").write_text('base = "middle.toml"\n[labour]\nemployers = 70\n')
    (start / "middle.toml").write_text('base = "vaga"\n[services]\nfollow_up = 0.5\n')
    sc = sf.load_scenario_file("mine.toml")
    assert sc.params == with_overrides(
        load_scenario("vaga").params, {"labour.employers": 70, "services.follow_up": 0.5}
    )


def test_the_command_line_follows_a_base_outside_those_folders(start, capsys):
    (start.parent / "outside" / "root.toml").write_text('base = "sel"\n[labour]\nemployers = 71\n')
    (start / "mine.toml").write_text('base = "../outside/root.toml"\n')
    sc = load_scenario(start / "mine.toml")
    assert sc.params == with_overrides(load_scenario("sel").params, {"labour.employers": 71})
    code, out, err = call(capsys, "run", "mine.toml", "--years", "1", "--json")
    assert code == 0, err
    assert out.startswith("{")
