"""The layout keeps its promises: no import circles in analysis/, the model never imports the
analysis, computing never imports presenting, and no module grows past 400 lines.

The import graph is read from the source with ``ast`` (every ``import`` statement, including
those inside functions and ``if TYPE_CHECKING`` blocks), so nothing is imported to check it. An
edge goes to the module an import statement names; importing a module also runs its packages'
``__init__`` files, but those hold only docstrings (and ``analysis.cli`` its entry point), so
they are not edges.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
LONG_ALLOWED = {"model/params.py"}  # the parameter schema: one table, read as a whole


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package: str, root: Path = ROOT) -> dict[str, Path]:
    """Every module of a top-level package, by dotted name."""
    return {module_name(p, root): p for p in sorted((root / package).rglob("*.py"))}


def imported_names(path: Path, name: str) -> set[str]:
    """Dotted names a module imports: ``import a.b`` gives ``a.b``; ``from a import b`` gives
    ``a.b`` (``b`` may be a module or a name defined in ``a``). Relative imports resolved."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.update(f"{base}.{alias.name}" for alias in node.names)
    return out


def import_graph(package: str, root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    mods = modules(package, root)
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        targets = set()
        for imported in imported_names(path, name):
            # the longest prefix that is one of our modules: "a.b.c" where a.b.c is a module,
            # else "a.b" ("from a.b import c" with c a function)
            parts = imported.split(".")
            for k in range(len(parts), 0, -1):
                candidate = ".".join(parts[:k])
                if candidate in mods:
                    if candidate != name:
                        targets.add(candidate)
                    break
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a path that returns to its start (``[a, b, a]``), or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    for start in sorted(graph):
        if colour[start] != WHITE:
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        colour[start] = GREY
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                colour[path.pop()] = BLACK
                stack.pop()
                continue
            state = colour.get(nxt, BLACK)  # outside the graph: a leaf
            if state == GREY:
                return path[path.index(nxt) :] + [nxt]
            if state == WHITE:
                colour[nxt] = GREY
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


# ---- the helpers, on graphs whose answer is known -------------------------------------------
def test_find_cycle_finds_a_cycle_and_only_a_real_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"a"}}) == ["a", "a"]
    graph = {"x": {"y"}, "y": {"z", "w"}, "z": set(), "w": {"y"}}
    cycle = find_cycle(graph)
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"y", "w"}
    assert all(b in graph[a] for a, b in zip(cycle, cycle[1:], strict=False))  # real edges
    # a diamond is not a cycle; nor is an edge out of the graph
    assert find_cycle({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": {"numpy"}}) is None
    assert find_cycle({}) is None


def test_import_graph_reads_imports_inside_functions(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import x\n")
    (pkg / "c.py").write_text("import pkg.sub.b\nfrom pkg import a\n")
    graph = import_graph("pkg", tmp_path)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert graph["pkg.c"] == {"pkg.sub.b", "pkg.a"}
    assert find_cycle(graph) == ["pkg.a", "pkg.sub.b", "pkg.a"]


# ---- the repository ---------------------------------------------------------------------------
def test_no_import_cycle_in_analysis():
    graph = import_graph("analysis")
    assert len(graph) > 40  # every module was read
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_model_never_imports_the_analysis():
    offending = {
        name: sorted(n for n in imported_names(path, name) if n.split(".")[0] == "analysis")
        for name, path in modules("model").items()
    }
    assert {k: v for k, v in offending.items() if v} == {}


# Computing never imports presenting: experiments return data; reports lay it out; the command
# line prints and writes. The dashboard is an application of its own beside the command line.
LAYERS = {
    "analysis.experiments": ("analysis.reports", "analysis.cli", "analysis.dashboard",
                             "analysis.progress", "analysis.bench"),
    "analysis.reports": ("analysis.cli", "analysis.dashboard", "analysis.bench"),
    "analysis.dashboard": ("analysis.cli", "analysis.bench"),
}  # fmt: skip


@pytest.mark.parametrize("layer", list(LAYERS))
def test_layers_import_only_downwards(layer):
    graph = import_graph("analysis")
    wrong = {
        (name, target)
        for name, targets in graph.items()
        if name == layer or name.startswith(layer + ".")
        for target in targets
        if any(target == f or target.startswith(f + ".") for f in LAYERS[layer])
    }
    assert wrong == set()


@pytest.mark.parametrize("package", ["analysis", "model"])
def test_no_module_over_400_lines(package):
    long = {
        str(path.relative_to(ROOT)): n
        for path in sorted((ROOT / package).rglob("*.py"))
        if (n := len(path.read_text().splitlines())) > MAX_LINES
        and str(path.relative_to(ROOT)) not in LONG_ALLOWED
    }
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"
