"""The kit of the self-contained HTML reports: one page, inline CSS, figures embedded as base64
PNG, no scripts and no external assets, so a page opens in any browser without the tool or a
network. The pages themselves are in the other modules of :mod:`analysis.reports`.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import math
from pathlib import Path
from typing import Any

from analysis.i18n import _, format_decimal, format_number, format_percent, get_language
from analysis.provenance import atomic_write_bytes, code_version
from analysis.reports import plots
from model.outcomes import is_share

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;
max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;
border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;font-size:.92em}.note{background:#f6f6f0;border-left:4px solid #c9a227;
padding:.6em 1em;margin:1em 0}.warn{border-left-color:#d1495b}
table{border-collapse:collapse;font-size:.88em;margin:.6em 0}
th,td{border:1px solid #ddd;padding:.25em .55em;text-align:right}
th:first-child,td:first-child{text-align:left}th{background:#f2f2f2}
td.desc{text-align:left;max-width:380px}
figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#555;font-size:.88em}details summary{cursor:pointer;margin:.5em 0}
"""


def esc(x: Any) -> str:
    return html.escape(str(x), quote=True)


def fmt(key: str, value: float | None, signed: bool = False) -> str:
    """A value of outcome ``key`` in the current language: kroner as whole numbers (the
    headings say NOK), shares as percentages (differences of shares in percentage points)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return _("n/a")
    if "nok" in key:
        return format_number(value, signed=signed)
    if is_share(key):
        if signed:
            return _("{value} pp").format(value=format_decimal(100 * value, 1, signed=True))
        return format_percent(value, 1)
    return format_decimal(value, 2, signed=signed)


def fmt_ci(key: str, ci: list[float | None] | None, signed: bool = False) -> str:
    if not ci or all(c is None or not math.isfinite(c) for c in ci):
        return _("n/a")
    lo, hi = ci
    upper = _("∞ (no gain)") if "nok" in key and hi is not None and hi == math.inf else None
    return _("{low} to {high}").format(low=fmt(key, lo, signed), high=upper or fmt(key, hi, signed))


def figure(fig: Any, caption: str, alt: str) -> str:
    data = base64.b64encode(plots.to_png(fig)).decode("ascii")
    return (
        f'<figure><img alt="{esc(alt)}" src="data:image/png;base64,{data}">'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def page(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{get_language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def stamp() -> str:
    """When and by which version of the code a page was made."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return _("made {when} by bygdesim {version}").format(when=now, version=esc(code_version()))


def write_html(path: Path, text: str) -> None:
    """Write a page atomically (a reader never sees half of it)."""
    atomic_write_bytes(Path(path), text.encode("utf-8"))
