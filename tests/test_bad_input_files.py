"""Issue 10's bad inputs for values and files, one test a case: NaN and infinities in the
schema's maps, binary garbage, TOML nested 5,000 deep, an empty scenario file, /dev/zero, a
FIFO and a folder. Each gives exactly one line on stderr, exit status 2, nothing on stdout, and
writes nothing (no --out folder, no manifest.json or parts/, no other file)."""

import os
import subprocess
import sys

import pytest

from tests.experiments import call, snapshot

GARBAGE = bytes(range(256)) * 8
DEEP = ("a = " + "[" * 5000 + "]" * 5000 + "\n").encode()


def one_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert err.startswith("bygdesim: error: "), err
    return err[len("bygdesim: error: ") : -1]


def refused(capsys, tmp_path, *args) -> str:
    """Run the command line in this process: it must refuse with one line, exit status 2,
    print nothing on stdout and leave tmp_path as it was. Returns the message."""
    before = snapshot(tmp_path)
    code, stdout, err = call(capsys, *args)
    assert code == 2, err
    assert stdout == ""
    assert snapshot(tmp_path) == before
    return one_line(err)


# ---- values: NaN and infinities -----------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
@pytest.mark.parametrize("key", ["labour.sector_shares", "labour.turnover_by_sector"])
def test_run_with_nan_or_inf_in_a_sector_map(capsys, tmp_path, key, value):
    # ./bygdesim run sel --set 'labour.sector_shares={retail=nan}' crashed a worker
    message = refused(capsys, tmp_path, "run", "sel", "--set", f"{key}={{retail={value}}}")
    shown = value.lstrip("+")
    assert message == f"--set: {key}.retail = {shown}: Input should be a finite number"


def test_compare_with_nan_writes_no_out_folder(capsys, tmp_path):
    out = tmp_path / "out"
    message = refused(
        capsys,
        tmp_path,
        "compare", "sel", "--levers", "early_nav", "-r", "2", "--out", out,
        "--set", "labour.sector_shares={retail=nan}",
    )  # fmt: skip
    assert "labour.sector_shares.retail = nan" in message
    assert not out.exists()


def test_sweep_over_a_scenario_with_nan_leaves_no_manifest_or_parts(capsys, tmp_path):
    # in a sweep, a NaN share left manifest.json and parts/ behind
    (tmp_path / "nan.toml").write_text('base = "vaga"\n[labour.sector_shares]\nretail = nan\n')
    sweep = tmp_path / "sweep.toml"
    sweep.write_text(
        '[sweep]\nscenario = "nan.toml"\nreplications = 1\n[parameters]\nyears = 1\n'
        '"levers.bridge_builders.count" = [0, 1]\n'
    )
    out = tmp_path / "out"
    message = refused(capsys, tmp_path, "sweep", sweep, "--out", out)
    assert str(sweep) in message
    assert "labour.sector_shares.retail = nan: Input should be a finite number" in message
    assert not out.exists()


def test_nan_in_a_scenario_file(capsys, tmp_path):
    f = tmp_path / "nan.toml"
    f.write_text('base = "sel"\n[labour.turnover_by_sector]\ntourism = inf\n')
    message = refused(capsys, tmp_path, "run", f)
    assert (
        message == f"{f}: labour.turnover_by_sector.tourism = inf: Input should be a finite number"
    )


# ---- files: garbage, deep nesting, empty --------------------------------------------------

COMMANDS = {
    # name: the arguments, with FILE for the bad file and OUT for an --out folder
    "run": ["run", "FILE"],
    "compare --package": ["compare", "sel", "--package", "FILE", "--out", "OUT"],
    "compare --levers": ["compare", "sel", "--levers", "FILE", "--out", "OUT"],
    "sensitivity": ["sensitivity", "--preset", "FILE", "--out", "OUT"],
    "sweep": ["sweep", "FILE", "--out", "OUT"],
}


def _args(name, f, out):
    return [f if a == "FILE" else out if a == "OUT" else a for a in COMMANDS[name]]


@pytest.mark.parametrize("command", list(COMMANDS))
def test_binary_garbage(capsys, tmp_path, command):
    f = tmp_path / "garbage.toml"
    f.write_bytes(GARBAGE)
    out = tmp_path / "out"
    message = refused(capsys, tmp_path, *_args(command, f, out))
    assert message.endswith(f"{f}: not a text file (not valid UTF-8 at byte 128)"), message
    assert not out.exists()


@pytest.mark.parametrize("command", list(COMMANDS))
def test_toml_nested_5000_deep(capsys, tmp_path, command):
    f = tmp_path / "deep.toml"
    f.write_bytes(DEEP)
    out = tmp_path / "out"
    message = refused(capsys, tmp_path, *_args(command, f, out))
    assert message.endswith(f"{f}: not valid TOML: nested too deeply"), message
    assert not out.exists()


def test_set_nested_5000_deep(capsys, tmp_path):
    message = refused(capsys, tmp_path, "run", "sel", "--set", "years=" + "[" * 5000 + "]" * 5000)
    assert message == "--set years: value nested too deeply"


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# only a comment\n"], ids=["no bytes", "blank", "comment"]
)
def test_an_empty_scenario_file_says_so(capsys, tmp_path, text):
    # an empty scenario file silently ran a generic municipality
    f = tmp_path / "empty.toml"
    f.write_text(text)
    message = refused(capsys, tmp_path, "run", f)
    assert (
        message == f'{f}: the scenario file is empty (write at least base = "sel" or one setting)'
    )


def test_an_empty_base_file_says_so(capsys, tmp_path):
    (tmp_path / "empty.toml").write_text("")
    f = tmp_path / "child.toml"
    f.write_text(f'base = "{tmp_path / "empty.toml"}"\n')
    message = refused(capsys, tmp_path, "run", f)
    assert message.startswith(f"{tmp_path / 'empty.toml'}: the scenario file is empty")


def test_a_file_over_the_size_limit(capsys, tmp_path):
    from model.files import MAX_BYTES

    f = tmp_path / "big.toml"
    f.write_bytes(b'base = "sel"\n' + b"#" * MAX_BYTES)
    message = refused(capsys, tmp_path, "run", f)
    assert message == f"{f}: too large for a scenario file (more than {MAX_BYTES:,} bytes)"


# ---- what is not a regular file ----


def cli(tmp_path, *args) -> str:
    """The command line in a real process, so reading without end fails instead of eating
    this process's memory."""
    before = snapshot(tmp_path)
    r = subprocess.run(
        [sys.executable, "-m", "analysis.cli", *map(str, args)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert snapshot(tmp_path) == before
    return one_line(r.stderr)


def test_run_dev_zero(tmp_path):
    # ./bygdesim run /dev/zero read until memory ran out
    message = cli(tmp_path, "run", "/dev/zero")
    assert message == "/dev/zero: not a regular file (a device, pipe or socket)"


@pytest.mark.timeout(60)  # a blocking open of the FIFO fails the test instead of hanging it
@pytest.mark.parametrize("command", ["run", "compare --package", "compare --levers", "sweep"])
def test_a_fifo_does_not_hang(capsys, tmp_path, command):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    message = refused(capsys, tmp_path, *_args(command, fifo, out))
    assert message == f"{fifo}: not a regular file (a device, pipe or socket)"
    assert not out.exists()


def test_a_folder_is_not_a_scenario_file(capsys, tmp_path):
    folder = tmp_path / "plans.toml"
    folder.mkdir()
    message = refused(capsys, tmp_path, "run", folder)
    assert message == f"{folder}: is a folder, not a scenario file"


FIFO_CASES = {
    "compare --package": (["compare", "sel", "--package", "pipe.toml", "--out", "out"], {}),
    "compare --levers (a lever file)": (
        ["compare", "sel", "--levers", "pipe.toml", "--out", "out"], {}
    ),
    "a package's lever file": (
        ["compare", "sel", "--package", "pkg.toml", "--out", "out"],
        {"pkg.toml": '[package]\nname = "p"\nlevers = ["pipe.toml"]\n'},
    ),
    "a sweep's scenario file": (
        ["sweep", "sweep.toml", "--out", "out"],
        {"sweep.toml": '[sweep]\nscenario = "pipe.toml"\n[parameters]\nyears = 1\n'},
    ),
    "a scenario's base": (["run", "child.toml"], {"child.toml": 'base = "pipe.toml"\n'}),
}  # fmt: skip


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", list(FIFO_CASES))
def test_a_fifo_named_anywhere_is_one_line_in_a_real_process(tmp_path, case):
    """In its own process with a timeout: a blocking open would hang it, not this test."""
    args, files = FIFO_CASES[case]
    os.mkfifo(tmp_path / "pipe.toml")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    message = cli(tmp_path, *args)
    assert message.endswith("pipe.toml: not a regular file (a device, pipe or socket)"), message
    assert not (tmp_path / "out").exists()
