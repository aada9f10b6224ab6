"""Scenario files in and out of the page: save the current settings as a scenario file (a
download), and open a scenario file dropped into the page (an upload).

The download is the file ``bygdesim new-scenario`` writes (:mod:`analysis.reports.scenario_file`):
every setting with its unit, range and source, ``base`` the preset the run starts from, and
the settings changed in the page (levers, years) as its active lines.

An upload is untrusted bytes: at most :data:`model.files.MAX_BYTES` are read, and whatever is
wrong with them (too large, not UTF-8, not TOML, a value out of range, a base outside the
folders the page may open) is one line in the page that names the uploaded file, never the
content of another file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import solara

from analysis.dashboard import state
from analysis.dashboard.scenario_files import guard, upload_label, uploaded
from analysis.dashboard.schema_controls import InputProblem, parse_value, years_control
from analysis.dashboard.session import Settings
from analysis.dashboard.state import tr
from analysis.i18n import format_number, gettext
from analysis.reports.scenario_file import scenario_file_text
from model.files import MAX_BYTES
from model.params import Params
from model.scenario import (
    Scenario,
    ScenarioError,
    load_scenario,
    load_scenario_bytes,
    preset_names,
    preset_path,
)


# ---- download --------------------------------------------------------------------------------
def preset_base(scenario: Scenario) -> tuple[str | None, Params]:
    """The preset a scenario's file is written over: the preset its base chain starts from
    (a preset is its own), with its parameters; else no base and the schema's defaults."""
    for name in preset_names():
        try:
            preset = load_scenario(preset_path(name))
        except ScenarioError:
            continue
        if preset.params == scenario.baseline:
            return name, preset.params
    return None, Params()


def settings_file(settings: Settings) -> tuple[str, str]:
    """(file name, text) of the scenario file for ``settings``: its scenario's preset as
    ``base``, and every value that differs from it (the file's own and the page's) active.

    Raises:
        InputProblem, ScenarioError: the settings cannot be used (one line).
    """
    params = settings.params()
    base, base_params = preset_base(settings.scenario)
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", settings.scenario.name).strip("_") or "scenario"
    name = f"{slug}_settings"
    text = scenario_file_text(
        params,
        name=name,
        base=base,
        base_params=base_params,
        written_by="the bygdesim dashboard (Save settings as a scenario file)",
    )
    return f"{name}.toml", text


def current_settings_file() -> tuple[str, str]:
    """The scenario file of what the sidebar holds now: the scenario of the run on the page,
    the years field and every lever field (the comparison uses the same)."""
    if state.field_errors.value:
        raise InputProblem(next(iter(state.field_errors.value.values())))
    years = None
    if state.years_text.value.strip():
        years = parse_value(years_control(), state.years_text.value)
    scenario = state.current_session().settings.scenario
    return settings_file(
        Settings(scenario=scenario, years=years, levers=dict(state.lever_values.value))
    )


# ---- upload ----------------------------------------------------------------------------------
def upload_name(name: Any) -> str:
    """The uploaded file's name, made safe to show: its last part, one line, at most 80
    characters."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(name)).replace("\\", "/")
    return " ".join(text.rsplit("/", 1)[-1].split())[:80] or "upload.toml"


def read_limited(fh: IO[bytes], limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of ``fh`` (one more than allowed shows it is too large)."""
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = fh.read(limit + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_upload(name: Any, size: int | None, fh: IO[bytes], lang: str | None = None) -> Scenario:
    """The scenario in an uploaded file.

    Raises:
        ScenarioError: one line naming the uploaded file: not .toml, too large, not UTF-8,
            not TOML, not a valid scenario, or a base the page may not open (the page's own
            refusals in ``lang``; the scenario loader's in English).
    """
    label = upload_name(name)
    if not label.lower().endswith(".toml"):
        words = gettext("not a scenario file (a .toml file is needed)", lang)
        raise ScenarioError(f"{label}: {words}")
    too_large = f"{label}: " + gettext(
        "too large for a scenario file (more than {size} bytes)", lang
    ).format(size=format_number(MAX_BYTES, lang))
    if size is not None and size > MAX_BYTES:
        raise ScenarioError(too_large)  # nothing is read
    try:
        raw = read_limited(fh)
    except (OSError, ValueError, TimeoutError):
        words = gettext("the upload did not arrive; try again", lang)
        raise ScenarioError(f"{label}: {words}") from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError(too_large)
    return load_scenario_bytes(raw, Path(label), guard=guard)


def open_upload(info: Any, on_loaded: Callable[[], None]) -> None:
    """A file was dropped: open it as the page's scenario, or show why not (one line)."""
    try:
        scenario = read_upload(
            info.get("name"), info.get("size"), info["file_obj"], state.language.value
        )
    except ScenarioError as exc:
        state.message.value = str(exc)
        return
    uploaded.value = scenario
    state.scenario_choice.value = ""  # the scenario-file choice, showing the upload's label
    state.scenario_file.value = upload_label(scenario)
    state.lever_values.value = {}
    state.lever_text.value = {}
    state.field_errors.value = {}
    on_loaded()


# ---- the component ---------------------------------------------------------------------------
@solara.component
def ScenarioFileTools(on_loaded: Callable[[], None]):
    """Save the settings as a scenario file; drop one in to open it."""
    scenario = state.current_session().settings.scenario
    values = state.lever_values.value
    errors = state.field_errors.value
    years = state.years_text.value

    def make() -> tuple[tuple[str, str] | None, str]:
        try:
            return current_settings_file(), ""
        except (InputProblem, ScenarioError) as exc:
            return None, str(exc)

    made, problem = solara.use_memo(make, [id(scenario), years, repr(values), repr(errors)])
    drops, set_drops = solara.use_state(0)  # a new drop zone after each drop shows its label

    def dropped(info: Any) -> None:
        open_upload(info, on_loaded)
        set_drops(drops + 1)

    with solara.Column(gap="6px", classes=["bygd-scenario-io"]):
        if made is not None:
            filename, text = made
            with solara.FileDownload(text, filename=filename, mime_type="application/toml"):
                solara.Button(
                    tr("Save settings as a scenario file"),
                    icon_name="mdi-content-save-outline",
                    outlined=True,
                    small=True,
                    classes=["bygd-save-scenario"],
                )
        else:
            solara.Button(
                tr("Save settings as a scenario file"),
                icon_name="mdi-content-save-outline",
                outlined=True,
                small=True,
                disabled=True,
                classes=["bygd-save-scenario"],
            )
            solara.Text(problem, style={"font-size": "12px", "color": "#b00020"})
        with solara.Div(classes=["bygd-scenario-drop"]):
            solara.FileDrop(
                label=tr("Open a scenario file: drop a .toml file here"), on_file=dropped
            ).key(f"drop-{drops}")
