"""The research notebooks run top to bottom against the current API, and each .ipynb matches
its jupytext source (notebooks/NN_name.py, percent format) and carries no outputs."""

import difflib
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
SOURCES = sorted(NOTEBOOK_DIR.glob("*.py"))
PAIRING = "ipynb,py:percent"
RESYNC = ".venv/bin/jupytext --sync notebooks/*.py"


def notebook_pair_differences(py_path: Path, ipynb_path: Path) -> list[str]:
    """What differs between a jupytext percent-format source and its paired .ipynb: the pairing
    declared in the .py header, the number of cells, and each cell's type and source. Outputs,
    execution counts and metadata are not compared (jupytext does not carry them). Empty when the
    pair is in sync."""
    text = jupytext.read(py_path)
    nb = nbformat.read(ipynb_path, as_version=4)
    differences = []
    formats = text.metadata.get("jupytext", {}).get("formats")
    if formats != PAIRING:
        differences.append(f"{py_path.name}: header declares formats {formats!r}, not {PAIRING!r}")
    if len(text.cells) != len(nb.cells):
        differences.append(
            f"{py_path.name} has {len(text.cells)} cells, {ipynb_path.name} has {len(nb.cells)}"
        )
    for i, (a, b) in enumerate(zip(text.cells, nb.cells, strict=False), start=1):
        if a.cell_type != b.cell_type:
            differences.append(
                f"cell {i}: {a.cell_type} in {py_path.name}, {b.cell_type} in .ipynb"
            )
        elif a.source != b.source:
            diff = difflib.unified_diff(
                b.source.splitlines(),
                a.source.splitlines(),
                fromfile=ipynb_path.name,
                tofile=py_path.name,
                lineterm="",
            )
            differences.append(f"cell {i} ({a.cell_type}) differs:\n" + "\n".join(diff))
    return differences


def test_the_five_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == [
        "01_quickstart",
        "02_policy_comparison",
        "03_hypothesis_singles",
        "04_sensitivity_and_calibration",
        "05_uncertainty_and_robustness",
    ]


def test_every_notebook_has_a_jupytext_source_and_vice_versa():
    assert [p.stem for p in SOURCES] == [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("py_path", SOURCES, ids=lambda p: p.stem)
def test_notebook_matches_its_jupytext_source(py_path):
    ipynb_path = py_path.with_suffix(".ipynb")
    assert ipynb_path.exists(), f"{ipynb_path.name} missing; run {RESYNC}"
    differences = notebook_pair_differences(py_path, ipynb_path)
    assert not differences, f"out of sync, run {RESYNC}:\n" + "\n".join(differences)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    with_output = [
        i
        for i, c in enumerate(nb.cells, start=1)
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert not with_output, f"cells {with_output} carry outputs; clear them and run {RESYNC}"


def _write_pair(directory: Path, cells) -> tuple[Path, Path]:
    nb = new_notebook(cells=cells)
    nb.metadata["jupytext"] = {"formats": PAIRING}
    py_path, ipynb_path = directory / "nb.py", directory / "nb.ipynb"
    jupytext.write(nb, py_path, fmt="py:percent")
    jupytext.write(nb, ipynb_path)
    return py_path, ipynb_path


def test_pair_differences_finds_an_edited_cell(tmp_path):
    py_path, ipynb_path = _write_pair(
        tmp_path,
        [new_markdown_cell("# Title\n\nSome text."), new_code_cell("x = 1\nx")],
    )
    assert notebook_pair_differences(py_path, ipynb_path) == []

    py_path.write_text(py_path.read_text().replace("x = 1", "x = 2"))
    differences = notebook_pair_differences(py_path, ipynb_path)
    assert len(differences) == 1
    assert differences[0].startswith("cell 2 (code) differs")
    assert "-x = 1" in differences[0] and "+x = 2" in differences[0]


def test_pair_differences_finds_added_cells_changed_types_and_a_missing_pairing(tmp_path):
    py_path, ipynb_path = _write_pair(
        tmp_path, [new_markdown_cell("Some text."), new_code_cell("x = 1")]
    )
    text = py_path.read_text()
    py_path.write_text(
        text.replace("# %% [markdown]\n# Some text.", "# %%\ny = 0").replace(
            PAIRING, "ipynb,py:light"
        )
        + "\n# %%\nz = 3\n"
    )
    differences = notebook_pair_differences(py_path, ipynb_path)
    assert any("not 'ipynb,py:percent'" in d for d in differences)
    assert any("3 cells" in d and "has 2" in d for d in differences)
    assert any(d.startswith("cell 1: code in nb.py, markdown in .ipynb") for d in differences)


def test_pair_differences_ignores_outputs_and_execution_counts(tmp_path):
    py_path, ipynb_path = _write_pair(tmp_path, [new_code_cell("1 + 1")])
    nb = nbformat.read(ipynb_path, as_version=4)
    nb.cells[0].execution_count = 1
    nb.cells[0].outputs = [
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}, execution_count=1)
    ]
    nbformat.write(nb, ipynb_path)
    assert notebook_pair_differences(py_path, ipynb_path) == []


def test_a_real_notebook_pair_detects_an_edit(tmp_path):
    """An edit to a copy of a committed .py source is caught (the repository is not touched)."""
    py_copy, ipynb_copy = tmp_path / SOURCES[0].name, tmp_path / NOTEBOOKS[0].name
    py_copy.write_text(SOURCES[0].read_text())
    ipynb_copy.write_text(NOTEBOOKS[0].read_text())
    assert notebook_pair_differences(py_copy, ipynb_copy) == []
    py_copy.write_text(py_copy.read_text() + "# edited in the source only\n")
    differences = notebook_pair_differences(py_copy, ipynb_copy)
    assert len(differences) == 1
    assert "+# edited in the source only" in differences[0]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    # every code cell produced something a reader can see
    assert all(
        c.get("outputs")
        for c in nb.cells
        if c.cell_type == "code" and "sys.path.insert" not in c.source
    )
