"""The dashboard in a real browser: ``bygdesim dashboard`` on a free port, driven by headless
Chromium (Debian's package) through Playwright.

Every request the page makes is recorded: none may go to a host other than this machine and
none may fail. Screenshots are saved under ``test-artifacts/dashboard/`` (printed at the start).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analysis.dashboard.schema_controls import years_control

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts" / "dashboard"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHARTS = ("activity", "retention", "shares", "ties", "services")
START_TIMEOUT = 120.0  # seconds for the server to answer
WAIT = 60_000  # ms for anything the page does


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def artifacts(request) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"dashboard screenshots: {ARTIFACTS}")
    return ARTIFACTS


@pytest.fixture(scope="module")
def start_dir(tmp_path_factory) -> Path:
    """The folder the dashboard is started in: its scenario-file field opens files there."""
    return tmp_path_factory.mktemp("dashboard-start")


def start_dashboard(artifacts: Path, cwd: Path, *args: str, log_name: str = "server.log"):
    """``bygdesim dashboard ARGS`` on a free port in ``cwd``: (process, url, log file) once it
    answers."""
    port = free_port()
    exe = Path(sys.executable).parent / "bygdesim"
    log = open(artifacts / log_name, "w")  # noqa: SIM115 - closed by the caller
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOLARA_", "BYGDESIM_LANG"))}
    proc = subprocess.Popen(
        [str(exe), "dashboard", "--port", str(port), *args],
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,  # its own process group: the comparison's workers go with it
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if proc.poll() is not None:
            log.close()
            pytest.fail(f"dashboard exited ({proc.returncode}):\n{_tail(artifacts / log_name)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return proc, url, log
        except OSError:
            pass
        if time.monotonic() > deadline:
            _stop(proc)
            log.close()
            pytest.fail(f"dashboard did not answer in {START_TIMEOUT:.0f} s")
        time.sleep(0.5)


@pytest.fixture(scope="module")
def dashboard_url(artifacts, start_dir):
    """The real command, on a free port, started in ``start_dir``; stopped (with its worker
    processes) afterwards."""
    proc, url, log = start_dashboard(artifacts, start_dir)
    yield url
    _stop(proc)
    log.close()


def _stop(proc: subprocess.Popen) -> None:
    """Stop the server the way Ctrl-C would, then make sure nothing of its group is left."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _group_alive(proc.pid):
        os.killpg(proc.pid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium not found: run scripts/install-browser.sh (Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Traffic:
    """Every request of a page, and the ones that failed."""

    def __init__(self, page) -> None:
        self.urls: list[str] = []
        self.failed: list[str] = []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("websocket", lambda ws: self.urls.append(ws.url))
        page.on("requestfailed", self._failed)
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def _failed(self, request) -> None:
        # an image replaced by the next month's before it loaded is cancelled, not failed
        if request.url.startswith(("blob:", "data:")) and "ABORTED" in (request.failure or ""):
            return
        self.failed.append(f"{request.failure} {request.url}")

    def foreign(self) -> list[str]:
        out = []
        for url in self.urls:
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about"):
                continue
            if parsed.hostname not in LOCAL_HOSTS:
                out.append(url)
        return out


@pytest.fixture
def page(browser, dashboard_url, request):
    context = browser.new_context(viewport={"width": 1500, "height": 1400})
    pg = context.new_page()
    pg.set_default_timeout(WAIT)
    traffic = Traffic(pg)
    pg.goto(dashboard_url)
    pg.wait_for_selector(".bygd-month")
    for name in CHARTS:
        pg.wait_for_selector(f"img.bygd-chart-{name}")
    yield pg, traffic
    # the page as the test left it (kept for failures, overwritten by the next run)
    pg.screenshot(path=str(ARTIFACTS / f"last-{request.node.name}.png"))
    assert traffic.foreign() == [], "requests left this machine"
    assert traffic.failed == [], "requests failed"
    context.close()


# ---- helpers -------------------------------------------------------------------------------
def month(pg) -> int:
    return int(re.search(r"Month (\d+) of", pg.locator(".bygd-month").inner_text()).group(1))


def wait_month(pg, at_least: int) -> None:
    pg.wait_for_function(
        "n => { const e = document.querySelector('.bygd-month');"
        " return e && parseInt(e.innerText.split(' ')[1]) >= n; }",
        arg=at_least,
    )


def step(pg, times: int = 1) -> None:
    for _ in range(times):
        before = month(pg)
        pg.locator(".bygd-step").click()
        wait_month(pg, before + 1)


def open_tab(pg, name: str, content: str) -> None:
    """Open a tab and wait for its content. A click that lands while the page is being
    redrawn can be lost; it is repeated (three tries), which a person would do too."""
    from playwright.sync_api import TimeoutError as PageTimeout

    for attempt in range(3):
        pg.get_by_role("tab", name=name).click()
        try:
            pg.locator(content).first.wait_for(timeout=10_000)
            return
        except PageTimeout:
            if attempt == 2:
                raise
            print(f"tab {name!r}: click lost, trying again")


def type_into(pg, selector: str, text: str) -> None:
    field = pg.locator(f"{selector} input")
    field.fill(text)
    field.press("Enter")


def retype_until(pg, selector: str, text: str, gone: str) -> None:
    """Type into a field until ``gone`` leaves the page. Typing that lands while the page is
    being redrawn can be lost under load; it is repeated (three tries), as a person would."""
    from playwright.sync_api import TimeoutError as PageTimeout

    for attempt in range(3):
        type_into(pg, selector, text)
        try:
            pg.wait_for_selector(gone, state="detached", timeout=20_000)
            return
        except PageTimeout:
            if attempt == 2:
                raise
            print(f"{selector}: typing lost, trying again")


def image_box(pg, selector: str) -> dict:
    """Bounding box of a loaded image (waits until it has decoded pixels)."""
    pg.wait_for_function(
        "s => { const i = document.querySelector(s);"
        " return i && i.complete && i.naturalWidth > 0; }",
        arg=selector,
    )
    return pg.locator(selector).bounding_box()


def shot(pg, artifacts: Path, name: str) -> None:
    """The whole page: the main area scrolls inside the layout, so the window is made as tall
    as its content for the picture."""
    size = pg.viewport_size
    extra = pg.evaluate(
        "() => Math.max(0, ...[...document.querySelectorAll('div')]"
        ".filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))"
        ".map(e => e.scrollHeight - e.clientHeight))"
    )
    height = min(size["height"] + extra + 40, 4200)
    pg.set_viewport_size({"width": size["width"], "height": height})
    pg.wait_for_timeout(300)  # let the layout settle at the new size
    pg.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
    pg.set_viewport_size(size)


# ---- tests ---------------------------------------------------------------------------------
def test_page_shows_controls_charts_and_network_offline(page, artifacts):
    pg, traffic = page
    assert month(pg) == 0
    for name in CHARTS:
        box = image_box(pg, f"img.bygd-chart-{name}")
        assert box["width"] > 300 and box["height"] > 120, name
    step(pg, 3)
    svg = pg.locator("svg.bygd-network-svg").first
    box = svg.bounding_box()
    assert box["width"] > 500 and box["height"] > 250
    assert pg.locator("svg.bygd-network-svg g.node-employer").count() > 10
    pg.wait_for_selector("svg.bygd-network-svg g.node-refugee")
    # every lever of the schema is in the sidebar, with its monthly cost
    from model.params import LEVER_NAMES

    panels = pg.locator(".bygd-levers .v-expansion-panel")
    assert panels.count() == len(LEVER_NAMES)
    # its monthly cost in the page's money format (English: "NOK 19,989/month")
    panels.filter(has_text=re.compile(r"NOK\s[\d,]+/month")).first.wait_for()
    shot(pg, artifacts, "01-municipality")
    assert any("/_solara/cdn/" in u for u in traffic.urls), "assets should come from the server"


def test_step_advances_the_month_and_redraws_the_charts(page, artifacts):
    pg, _ = page
    step(pg, 2)
    before = pg.locator("img.bygd-chart-activity").get_attribute("src")
    here_before = pg.locator(".bygd-kpi-arrived").inner_text()
    start = month(pg)
    pg.locator(".bygd-step").click()
    wait_month(pg, start + 1)
    assert month(pg) == start + 1
    pg.wait_for_function(
        "old => { const i = document.querySelector('img.bygd-chart-activity');"
        " return i && i.src !== old && i.complete && i.naturalWidth > 0; }",
        arg=before,
    )
    step(pg, 4)
    assert pg.locator(".bygd-kpi-arrived").inner_text() != here_before
    shot(pg, artifacts, "02-after-steps")


def test_follow_a_mover_shows_timeline_and_move_reasons(page, artifacts):
    from analysis.dashboard.live_run import LiveRun
    from model.scenario import load_scenario

    pg, _ = page
    pg.get_by_role("button", name="fast").click()
    pg.locator(".bygd-play").click()
    wait_month(pg, 52)  # Sel, seed 1: the first households move in year 4
    pg.locator(".bygd-play").click()  # pause
    pg.wait_for_selector(".bygd-play:has-text('Play')")
    # clicking a refugee in the network follows them
    pg.locator("svg.bygd-network-svg g.node-refugee").first.click()
    pg.wait_for_selector("text=Following #")
    pg.wait_for_selector("svg.bygd-network-svg g.node-ego")
    shot(pg, artifacts, "03-network-focus")

    open_tab(pg, "Follow a person", ".bygd-person-select")
    pg.wait_for_selector(".bygd-timeline")
    pg.get_by_text("Only people who moved away").click()
    pg.locator(".bygd-person-select").click()
    movers = pg.locator(".v-menu__content .v-list-item", has_text="moved away in month")
    movers.first.wait_for()
    chosen = movers.first.inner_text()
    movers.first.click()
    reasons = pg.locator(".bygd-move-reasons")
    reasons.wait_for()
    pid = int(re.match(r"#(\d+)", chosen).group(1))
    reached = month(pg)  # paused: a month in flight when Pause was pressed has landed by now

    run = LiveRun("sel", load_scenario("sel").params, seed=1)  # the page's run, replayed
    while run.month < reached:
        run.step()
    mover = run.person(pid)
    assert mover is not None and mover.moved_month is not None
    text = reasons.inner_text()
    assert "Why did they move?" in text
    assert mover.household.reasons_in_words() in text
    assert image_box(pg, "img.bygd-chart-timeline")["width"] > 600
    events = pg.locator(".bygd-timeline tr")
    assert events.count() >= 5
    assert pg.locator(".bygd-timeline tr.bygd-event-move").count() == 1
    assert pg.locator(".bygd-timeline tr.bygd-event-ip_meeting").count() >= 1
    shot(pg, artifacts, "04-person-timeline")


def test_compare_runs_in_the_background_and_shows_effects(page, artifacts):
    pg, _ = page
    type_into(pg, ".bygd-years", "3")
    pg.get_by_text("Bridge builders", exact=True).click()
    type_into(pg, ".bygd-field-levers-bridge_builders-count", "2")
    pg.wait_for_selector(".bygd-levers :text('Bridge builders (changed)')")
    open_tab(pg, "Compare levers", ".bygd-compare-start")
    pg.wait_for_selector("text=Baseline: the Sel preset, 3 years")
    type_into(pg, ".bygd-replications", "4")
    pg.wait_for_selector(".bygd-compare-plan:has-text('= 8 model runs')")
    pg.locator(".bygd-compare-start").click()
    pg.wait_for_selector(".bygd-compare-progress")
    # the page stays usable while the runs go on
    open_tab(pg, "Municipality", "img.bygd-chart-activity")
    step(pg)
    open_tab(pg, "Compare levers", ".bygd-compare-start")
    pg.wait_for_selector(".bygd-compare-progress:has-text('finished')", timeout=240_000)
    effects = pg.locator(".bygd-compare-effects").inner_text()
    assert "Bridge builders" in effects and " pp " in effects
    assert "per extra adult retained" in effects or "no finite cost" in effects
    assert "4 of 4 paired replications" in pg.locator(".bygd-compare-progress").inner_text()
    for name in ("effects", "convergence"):
        assert image_box(pg, f"img.bygd-chart-{name}")["width"] > 250
    assert pg.locator(".bygd-compare-table tr").count() > 5
    # how the lever worked: the pathway counters of the lever and the baseline, hires by channel
    # among them, each with its value, the baseline's and the paired difference
    title = pg.locator(".bygd-pathway-title").inner_text()
    assert "How each lever worked (4 paired replications)" in title
    pathway = pg.locator(".bygd-pathway-table tr.bygd-pathway-row")
    assert pathway.count() >= 5
    hires = pg.locator(".bygd-pathway-table tr.bygd-pathway-row[data-key^='hires_by_channel.']")
    assert hires.count() >= 1
    cells = hires.first.locator("td").all_inner_texts()
    assert len(cells) == 4 and cells[0].startswith("hires by channel: "), cells
    assert re.fullmatch(r"\d+\.\d\d( \*)?", cells[1]) and re.fullmatch(r"\d+\.\d\d( \*)?", cells[2])
    assert re.match(r"[+-]\d+\.\d\d \(", cells[3]), cells
    shot(pg, artifacts, "05-compare")


def test_bad_input_shows_a_message_and_the_page_keeps_working(page, artifacts):
    pg, _ = page
    type_into(pg, ".bygd-seed", "abc")
    message = pg.locator(".bygd-message")
    message.wait_for()
    assert "is not a whole number" in message.inner_text()
    pg.locator(".bygd-reset").click()  # refused: the run stays as it was
    assert "Seed" in message.inner_text()
    step(pg)  # the server still answers
    shot(pg, artifacts, "06-bad-seed")

    pg.get_by_text("Municipal jobs", exact=True).click()
    type_into(pg, ".bygd-field-levers-municipal_jobs-positions", "500")
    pg.wait_for_selector(".bygd-message:has-text('allowed 0 to 50')")
    pg.wait_for_selector(".bygd-field-levers-municipal_jobs-positions.error--text")
    type_into(pg, ".bygd-field-levers-municipal_jobs-positions", "5")
    positions = ".bygd-field-levers-municipal_jobs-positions"
    pg.wait_for_selector(f"{positions}.error--text", state="detached")
    retype_until(pg, ".bygd-seed", "2", ".bygd-seed.error--text")
    pg.wait_for_selector(".bygd-message", state="detached")
    pg.locator(".bygd-reset").click()
    pg.wait_for_selector(".bygd-month:has-text('Month 0 of')")
    assert "seed 2" in pg.locator(".bygd-status").inner_text()
    step(pg)
    shot(pg, artifacts, "07-recovered")


def test_a_scenario_file_runs_and_is_compared_with_its_base(page, artifacts, start_dir):
    pg, _ = page
    pg.locator(".bygd-scenario-select").click()
    pg.locator(".v-menu__content .v-list-item:has-text('Scenario file')").click()
    type_into(pg, ".bygd-scenario-file", "missing.toml")
    pg.wait_for_selector(".bygd-message:has-text('no such scenario file')")
    scenario = start_dir / "vaga_mentors.toml"
    scenario.write_text(
        'base = "vaga"\nname = "vaga with mentors"\n\n'
        "[levers.mentor_scheme]\nmentors_per_year = 4\n"
    )
    type_into(pg, ".bygd-scenario-file", "vaga_mentors.toml")
    pg.wait_for_selector(".bygd-message", state="detached")
    # the file runs, not the preset it is based on: the status names the file
    pg.wait_for_selector(".bygd-status:has-text('vaga_mentors.toml')")
    status = pg.locator(".bygd-status").inner_text()
    assert "Vågå" in status and "vaga_mentors.toml" in status, status
    step(pg, 2)
    assert "Month 2 of" in pg.locator(".bygd-month").inner_text()
    open_tab(pg, "Compare levers", ".bygd-compare-start")
    # the file's base is the paired baseline: exactly its one lever setting differs
    pg.wait_for_selector("text=Baseline: the Vågå preset")
    changes = pg.locator(".bygd-compare-changes li")
    changes.first.wait_for()
    from model.params import field_info

    unit = field_info("levers.mentor_scheme.mentors_per_year")[1].get("unit", "")
    want = "Mentor scheme: mentors per year 0 -> 4" + (f" {unit}" if unit else "")
    assert changes.all_inner_texts() == [want]
    plan = pg.locator(".bygd-compare-plan").inner_text()
    assert "of the baseline and 1 setting =" in plan, plan
    assert pg.locator(".bygd-compare-start").is_enabled()
    shot(pg, artifacts, "08-scenario-file")


def test_the_scenario_file_field_refuses_outside_paths_alike(page, artifacts, start_dir, tmp_path):
    """An outside file, existing or not, gets one fixed message and nothing of its content."""
    from analysis.dashboard.scenario_files import REFUSED

    pg, _ = page
    pg.locator(".bygd-scenario-select").click()
    pg.locator(".v-menu__content .v-list-item:has-text('Scenario file')").click()
    (start_dir / "inside.toml").write_text('base = "sel"\n')
    secret = tmp_path / "secret.toml"  # outside the folder the dashboard was started in
    secret.write_text('name = "TOPSECRET-4711"\nbogus_key = 1\n')
    messages = []
    for outside in ("/etc/passwd", "/etc/no-such-file", str(secret), str(tmp_path / "gone.toml")):
        type_into(pg, ".bygd-scenario-file", outside)
        message = pg.locator(".bygd-message:has-text('not opened')")
        message.wait_for()
        messages.append(message.inner_text().strip())
        body = pg.locator("body").inner_text()
        assert "root:" not in body and "TOPSECRET" not in body and "bogus_key" not in body
        # a file the dashboard may open clears the message, so the next refusal is seen anew
        type_into(pg, ".bygd-scenario-file", "inside.toml")
        pg.wait_for_selector(".bygd-message", state="detached")
    assert len(set(messages)) == 1, messages
    assert REFUSED in messages[0]
    type_into(pg, ".bygd-scenario-file", "/etc/passwd")
    pg.locator(".bygd-message:has-text('not opened')").wait_for()
    shot(pg, artifacts, "09-outside-path-refused")


def test_a_foreign_host_is_refused_by_the_running_dashboard(dashboard_url):
    """DNS rebinding: a request naming another host is refused (curl, as in the issue)."""
    port = urlparse(dashboard_url).port
    curl = shutil.which("curl")
    assert curl, "curl not found"

    def status(*headers: str) -> str:
        args = [curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "30"]
        for h in headers:
            args += ["-H", h]
        return subprocess.run(
            [*args, f"http://127.0.0.1:{port}/"], capture_output=True, text=True, check=False
        ).stdout

    assert status("Host: evil.example") == "403"
    assert status(f"Host: evil.example:{port}") == "403"
    assert status() == "200"
    assert status(f"Host: localhost:{port}") == "200"
    assert status(f"Host: 127.0.0.1:{port}", "Origin: http://evil.example") == "403"


SECTOR_SHOWN = (
    "w => [...document.querySelectorAll('svg.bygd-network-svg text.bygd-sector-label')]"
    ".some(t => t.textContent.trim() === w)"
)


def test_the_language_switches_live_in_the_page(page, artifacts):
    """Språk / Language: the page's words and number formats change at once, without a
    restart, and back; the run goes on where it was."""
    pg, _ = page
    heading = ".bygd-card-activity .v-card__title"
    assert pg.locator(heading).inner_text().strip() == "What people do, month by month"
    step(pg, 2)

    def choose(name: str) -> None:
        pg.locator(".bygd-language").click()
        pg.locator(".v-menu__content .v-list-item", has_text=name).click()

    choose("Norsk bokmål")
    pg.wait_for_function(
        "s => document.querySelector(s).innerText.trim() === 'Hva folk gjør, måned for måned'",
        arg=heading,
    )
    assert pg.locator(".bygd-month").inner_text().startswith("Måned 2 av")
    assert pg.get_by_role("tab", name="Sammenlign tiltak").is_visible()
    assert pg.locator(".bygd-play").inner_text().strip().lower() == "spill av"
    assert "voksne bosatt" in pg.locator(".bygd-kpi-arrived").inner_text()
    # money the Norwegian way in the lever panels: "41 250 kr/måned" (non-breaking spaces)
    panels = pg.locator(".bygd-levers .v-expansion-panel")
    panels.filter(has_text=re.compile(r"\d\s+kr/måned")).first.wait_for()
    assert pg.get_by_text("Brobyggere", exact=True).is_visible()
    # the schema's words: the years field's range hint, the speeds, a lever's field label
    years = years_control()
    assert f"{int(years.lo)} til {int(years.hi)} år" in pg.locator(".bygd-years").inner_text()
    assert pg.get_by_role("button", name="rask").is_visible()
    pg.get_by_text("Brobyggere", exact=True).click()
    count = pg.locator(".bygd-field-levers-bridge_builders-count")
    count.get_by_text("Antall (personer)").wait_for()
    # the network's legend and the sectors on its ring
    legend = pg.locator(".bygd-network-legend .bygd-legend-employer").first
    assert legend.inner_text().strip() == "arbeidsgiver"
    pg.wait_for_function(SECTOR_SHOWN, arg="jordbruk")
    shot(pg, artifacts, "10-norwegian")

    choose("English")
    pg.wait_for_function(
        "s => document.querySelector(s).innerText.trim() === 'What people do, month by month'",
        arg=heading,
    )
    assert pg.locator(".bygd-month").inner_text().startswith("Month 2 of")
    pg.wait_for_function(SECTOR_SHOWN, arg="agriculture")
    assert pg.get_by_role("button", name="fast").is_visible()
    step(pg, 1)  # the run was not reset by the switch


def test_started_with_lang_nb_the_page_is_norwegian(browser, artifacts, tmp_path):
    """``bygdesim dashboard --lang nb``: the page opens in bokmål, with nothing from outside."""
    proc, url, log = start_dashboard(artifacts, tmp_path, "--lang", "nb", log_name="server-nb.log")
    try:
        context = browser.new_context(viewport={"width": 1500, "height": 1400})
        pg = context.new_page()
        pg.set_default_timeout(WAIT)
        traffic = Traffic(pg)
        pg.goto(url)
        heading = ".bygd-card-activity .v-card__title"
        pg.wait_for_function(
            "s => { const e = document.querySelector(s);"
            " return e && e.innerText.trim() === 'Hva folk gjør, måned for måned'; }",
            arg=heading,
        )
        assert pg.locator(".bygd-month").inner_text().startswith("Måned 0 av")
        assert pg.get_by_role("tab", name="Sammenlign tiltak").is_visible()
        shot(pg, artifacts, "11-started-in-norwegian")
        assert traffic.foreign() == [], "requests left this machine"
        context.close()
    finally:
        _stop(proc)
        log.close()
