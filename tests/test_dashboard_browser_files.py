"""The dashboard's scenario files in a real browser (the fixtures and helpers of
:mod:`tests.test_dashboard_browser`, with a dashboard of this module's own): "Save settings as
a scenario file" downloads a file that loads as a scenario with the page's changes, and a
scenario file dropped into the page opens (a bad one is one line)."""

from __future__ import annotations

import tomllib

import pytest

from model.scenario import load_scenario, with_overrides
from tests import test_dashboard_browser as real
from tests.test_dashboard_browser import shot, type_into

# the fixtures, by name; this module gets a dashboard of its own (they are module-scoped)
artifacts, browser, dashboard_url = real.artifacts, real.browser, real.dashboard_url
page, start_dir = real.page, real.start_dir

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_save_settings_downloads_a_scenario_file_that_loads(page, artifacts, tmp_path):
    pg, _ = page
    type_into(pg, ".bygd-years", "4")
    pg.get_by_text("Bridge builders", exact=True).click()
    type_into(pg, ".bygd-field-levers-bridge_builders-count", "2")
    pg.wait_for_selector(".bygd-levers :text('Bridge builders (changed)')")
    with pg.expect_download() as info:
        pg.locator(".bygd-save-scenario").click()
    download = info.value
    assert download.suggested_filename == "sel_settings.toml"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text()
    assert tomllib.loads(text)["base"] == "sel"
    sc = load_scenario(path)
    sel = load_scenario("sel").params
    assert (sc.params.years, sc.params.levers.bridge_builders.count) == (4, 2)
    assert sc.params == with_overrides(sel, {"years": 4, "levers.bridge_builders.count": 2})
    assert sc.baseline == sel  # the preset stays the paired baseline
    shot(pg, artifacts, "11-save-settings")


def drop_file(pg, selector: str, name: str, text: str) -> None:
    """Drop a file onto an element, as dragging it from the desktop does. A script cannot make
    a real drag from the desktop, and Chromium gives a made-up drop no file-system entry
    (``webkitGetAsEntry()`` is null), so the entry is made from the item's file, which is what a
    real drop's entry hands over."""
    pg.evaluate(
        "() => { DataTransferItem.prototype.webkitGetAsEntry = function () {"
        " const file = this.getAsFile(); return {isFile: true, file: (ok) => ok(file)}; }; }"
    )
    transfer = pg.evaluate_handle(
        "([name, text]) => { const dt = new DataTransfer();"
        " dt.items.add(new File([text], name, {type: 'application/toml'})); return dt; }",
        [name, text],
    )
    pg.locator(selector).dispatch_event("drop", {"dataTransfer": transfer})


def test_a_dropped_scenario_file_opens_and_a_bad_one_is_one_line(page, artifacts):
    pg, _ = page
    drop = ".bygd-scenario-drop .solara-file-drop"
    drop_file(pg, drop, "mine.toml", 'base = "vaga"\nname = "mine"\n[labour]\nemployers = 61\n')
    pg.wait_for_selector(".bygd-status:has-text('mine.toml')")
    assert "Vågå" in pg.locator(".bygd-status").inner_text()
    assert pg.locator(".bygd-scenario-file input").input_value() == "uploaded: mine.toml"
    drop_file(pg, drop, "bad.toml", "[labour\n")
    message = pg.locator(".bygd-message:has-text('bad.toml: not valid TOML')")
    message.wait_for()
    assert message.inner_text().splitlines()[0] == (
        "bad.toml: not valid TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 8)"
    )
    assert "mine.toml" in pg.locator(".bygd-status").inner_text()  # the page keeps its run
    # the drop zone is ready for the next file, showing what it is for
    pg.wait_for_selector(f"{drop}:has-text('Open a scenario file: drop a .toml file here')")
    shot(pg, artifacts, "12-upload")
