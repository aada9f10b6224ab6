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
"""

from __future__ import annotations

from pathlib import Path

from model.scenario import Scenario, ScenarioError, load_scenario, scenarios_dir

START_DIR = Path.cwd().resolve()
"""The folder the dashboard was started in (the server never changes directory)."""

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


def load_scenario_file(text: str) -> Scenario:
    """The scenario in an allowed file (raises ScenarioError with a one-line message)."""
    return load_scenario(allowed_path(text))
