"""``report.html``: one self-contained page with its figures, readable offline in a browser."""

import base64
import json
import re
import struct

from tests.experiments import call

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIGURES = (
    "retention curves",
    "forest plot of effects",
    "cost per retained adult",
    "group breakdown",
)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_compare_writes_a_self_contained_report(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, err = call(
        capsys, "compare", "vaga", "--set", "years=6", "--levers", "bridge_builders,early_nav",
        "-r", "3", "--out", out, "--json",
    )  # fmt: skip
    assert code == 0, err
    assert {p.name for p in out.iterdir()} == {"report.html", "compare.json", "runs.parquet"}
    stored = json.loads((out / "compare.json").read_text())
    assert stored["levers"] == json.loads(stdout)["levers"]
    assert stored["provenance"]["packages"]["mesa"]

    html = (out / "report.html").read_text()
    # no external assets of any kind: no remote src/href, no scripts, no stylesheets to fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "<script" not in html.lower() and "<link" not in html.lower()
    assert "@import" not in html and "url(" not in html
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)"', html)
    alts = [a for a, _ in images]
    for name in FIGURES:
        assert name in alts, name
    for _, data in images:
        w, h = _png_size(base64.b64decode(data))
        assert w > 100 and h > 100
    # the page states the numbers a planner reads: both levers and the baseline retention
    assert "bridge_builders" in html and "early_nav" in html
    assert "Baseline 5-year retention" in html


def test_report_opens_offline_in_chromium(tmp_path, capsys):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "out"
    code, _, err = call(
        capsys, "compare", "vaga", "--set", "years=6", "--levers", "mentor_scheme",
        "-r", "2", "--out", out,
    )  # fmt: skip
    assert code == 0, err
    url = (out / "report.html").resolve().as_uri()
    requests = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            widths = page.eval_on_selector_all(
                "img", "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])"
            )
            title = page.title()
        finally:
            browser.close()
    assert title.startswith("bygdesim compare")
    assert len(widths) >= 5
    assert all(done and w > 0 and h > 0 for done, w, h in widths), widths
    network = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert network == [], network
