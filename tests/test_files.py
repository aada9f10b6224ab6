"""model/files.py: a named file is read safely whatever the path points at. Only a regular file
of at most the size limit is read; a folder, a device, a FIFO, binary bytes or TOML nested too
deeply is a one-line FileProblem naming the file, and nothing blocks."""

import os

import pytest

from model import files
from model.files import MAX_DEPTH, FileProblem, read_bytes, read_toml


def problem(path, **kw) -> str:
    with pytest.raises(FileProblem) as exc:
        read_toml(path, **kw)
    message = str(exc.value)
    assert "\n" not in message, message
    assert message.startswith(str(path) + ": "), message
    return message


def test_a_regular_file_is_read(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text('base = "sel"\n[levers.bridge_builders]\ncount = 2\n')
    assert read_toml(f) == {"base": "sel", "levers": {"bridge_builders": {"count": 2}}}
    f.write_bytes(b'\xef\xbb\xbfbase = "vaga"\n')  # a byte-order mark, as some editors write
    assert read_toml(f) == {"base": "vaga"}


def test_the_size_limit_is_exact(tmp_path):
    f = tmp_path / "s.toml"
    f.write_bytes(b"a = 1234\n")  # nine bytes
    assert read_bytes(f, max_bytes=9) == b"a = 1234\n"
    with pytest.raises(FileProblem, match=r"too large for a scenario file \(more than 8 bytes\)"):
        read_bytes(f, "scenario file", max_bytes=8)


def test_a_file_over_the_limit_is_refused(tmp_path):
    f = tmp_path / "big.toml"
    f.write_bytes(b"# padding\n" * (files.MAX_BYTES // 10 + 1))
    assert "too large" in problem(f)


def test_missing_and_folder(tmp_path):
    assert problem(tmp_path / "nope.toml", what="scenario file").endswith("no such scenario file")
    d = tmp_path / "dir.toml"
    d.mkdir()
    assert problem(d, what="package file").endswith("is a folder, not a package file")


@pytest.mark.timeout(20)
def test_devices_are_refused_without_reading():
    assert problem("/dev/zero").endswith("not a regular file (a device, pipe or socket)")
    assert "not a regular file" in problem("/dev/null")


@pytest.mark.timeout(20)
def test_a_fifo_with_no_writer_does_not_block(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert problem(fifo).endswith("not a regular file (a device, pipe or socket)")


def test_binary_garbage_is_one_line(tmp_path):
    f = tmp_path / "garbage.toml"
    f.write_bytes(bytes(range(256)) * 4)
    assert problem(f).endswith("not a text file (not valid UTF-8 at byte 128)")


def test_invalid_toml_is_one_line(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[levers\ncount = 1\n")
    assert "not valid TOML: " in problem(f)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 5000 + "]" * 5000,  # arrays: RecursionError inside tomllib
        "a = " + "{b = " * 5000 + "1" + "}" * 5000,  # inline tables: the same
        "[" + ".".join(["t"] * 5000) + "]\nx = 1",  # a dotted header: parsed, but too deep
    ],
    ids=["arrays", "inline tables", "dotted header"],
)
def test_toml_nested_5000_deep_is_one_line(tmp_path, text):
    f = tmp_path / "deep.toml"
    f.write_text(text + "\n")
    assert "not valid TOML: nested too deeply" in problem(f)


def test_the_nesting_limit_is_exact(tmp_path):
    f = tmp_path / "deep.toml"
    tables = ".".join(["t"] * (MAX_DEPTH - 1))  # with the document itself: MAX_DEPTH levels
    f.write_text(f"[{tables}]\n")
    assert files.depth(read_toml(f)) == MAX_DEPTH
    f.write_text(f"[{tables}]\nx = [1]\n")  # one more level: the array
    assert "nested too deeply" in problem(f)


def test_depth_counts_tables_and_arrays():
    assert files.depth(1) == 0
    assert files.depth({}) == 1
    assert files.depth({"a": [1, {"b": 2}]}) == 3
