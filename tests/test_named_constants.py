"""Every number that changes the model's behaviour is a named schema field (with unit, bounds
and a source or "assumption"), so calibration, sensitivity analysis and the ODD can reach it.

Only unit conversions and neutral elements stay literal (0, 1, 12 months, -1). A literal that is
not behaviour (a guard against division by zero, a definition of an outcome, a display
setting) is allowed on a line that says why with a ``# literal: <reason>`` comment.
"""

from __future__ import annotations

import ast
from pathlib import Path

MODEL = Path(__file__).resolve().parent.parent / "model"
ALLOWED = {0, 1, 12, -1}
SCHEMA_MODULES = {"params.py", "fields.py", "enums.py"}
MARKER = "# literal:"


def unnamed_literals(source: str) -> list[tuple[int, object]]:
    """(line, value) of each numeric literal outside the schema declarations that is neither
    allowed nor marked on its line."""
    tree = ast.parse(source)
    lines = source.splitlines()
    declared: set[int] = set()
    for node in ast.walk(tree):
        # schema fields P(...), ladders Ladder(...) and sensitivity ranges are declarations
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("P", "Ladder"):
            declared.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", None) == "sensitivity" for t in targets):
                declared.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and type(node.value) in (int, float)
            and node.value not in ALLOWED
            and id(node) not in declared
            and MARKER not in lines[node.lineno - 1]
        ):
            found.append((node.lineno, node.value))
    return sorted(found)


def test_the_checker_finds_an_unnamed_number_and_accepts_named_or_marked_ones():
    source = (
        "x = 0.15 + 0.3 * y\n"
        "z = p.rate * 12\n"
        "eps = 1e-9  # literal: guard against division by zero\n"
        "s = P(0.4, ge=0, le=1)\n"
    )
    assert unnamed_literals(source) == [(1, 0.15), (1, 0.3)]


def test_model_behaviour_has_no_unnamed_numbers():
    problems = []
    for path in sorted(MODEL.rglob("*.py")):
        if path.name in SCHEMA_MODULES:
            continue
        for line, value in unnamed_literals(path.read_text()):
            problems.append(f"{path.relative_to(MODEL.parent)}:{line}: {value!r}")
    assert not problems, f"{len(problems)} unnamed numbers:\n" + "\n".join(problems)
