"""Which scenario files the dashboard's scenario-file field may open.

The page is untrusted: what is typed there is a request from the browser, not from the person
at the server. Only ``.toml`` files directly in these folders are opened:

- the scenario folder (:func:`model.scenario.scenarios_dir`) and its ``levers/`` and
  ``packages/`` subfolders;
- the folder the dashboard was started in (a relative path is taken from it).

The path is resolved first (``..`` and symbolic links followed), so neither leads out. Any other
path gets :data:`REFUSED`, one fixed message whether or not the file exists, so the field cannot
be used to learn what is on the server; nothing of such a file is read. Allowed files are read
through :func:`model.files.read_toml` (regular files of limited size only: a FIFO or
``/dev/zero`` cannot block the server).

The same holds for every file of a scenario's base chain: a ``base = "..."`` naming a file
outside these folders gets :data:`REFUSED` too (the command line follows any base). A scenario
uploaded from the browser (:mod:`analysis.dashboard.scenario_io`) is kept for the session under
the label :func:`upload_label` shows in the file field; its relative bases are taken from the
start folder.
"""

from __future__ import annotations

from pathlib import Path

import solara

from model.scenario import Scenario, ScenarioError, load_scenario, scenarios_dir

START_DIR = Path.cwd().resolve()
"""The folder the dashboard was started in (the server never changes directory)."""

UPLOAD_PREFIX = "uploaded: "

uploaded: solara.Reactive[Scenario | None] = solara.reactive(None)
"""The scenario last uploaded in this browser session."""

REFUSED = (
    "Scenario file: not opened. The dashboard opens only .toml files in the folder it was "
    "started in and in the scenario folders (scenarios/, scenarios/levers/, scenarios/packages/)."
)


def allowed_folders() -> list[Path]:
    root = scenarios_dir().resolve()
    return [START_DIR, root, root / "levers", root / "packages"]


def allowed_path(text: str) -> Path:
    """The file ``text`` names, if the dashboard may open it; else ScenarioError(REFUSED)."""
    text = text.strip()
    if not text or "\x00" in text:
        raise ScenarioError(REFUSED)
    try:
        path = (START_DIR / text).resolve()
    except (OSError, RuntimeError, ValueError):
        raise ScenarioError(REFUSED) from None
    if path.suffix != ".toml" or path.parent not in allowed_folders():
        raise ScenarioError(REFUSED)
    return path


def guard(path: Path) -> None:
    """Refuse (:data:`REFUSED`) a file of a base chain the dashboard may not open."""
    allowed_path(str(path))


def upload_label(scenario: Scenario) -> str:
    """What the scenario-file field shows for an uploaded scenario."""
    return f"{UPLOAD_PREFIX}{scenario.source}"


def load_scenario_file(text: str) -> Scenario:
    """The scenario in an allowed file, or the one uploaded under this label (raises
    ScenarioError with a one-line message)."""
    if uploaded.value is not None and text.strip() == upload_label(uploaded.value):
        return uploaded.value
    return load_scenario(allowed_path(text), guard=guard)
