"""Drawing shared by the page's figures: the activity colours (a colour means the same thing on
every chart, the timeline and the network view), the figure size and resolution, PNG encoding
and the axes style. Only matplotlib's object-oriented API is used (no pyplot): a figure belongs
to one page session and is safe to draw from its thread.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from analysis.i18n.terms import ACTIVITIES
from model.enums import Activity

DPI = 90
WIDTH, HEIGHT = 5.4, 2.6  # inches: about 490 x 235 px, two charts side by side

# Activities in the order people move through them, with the words (English, translated where
# shown: analysis.i18n.terms) and colours the page uses.
ACTIVITY_STYLE: dict[str, tuple[str, str]] = {
    Activity.WAITING.value: (ACTIVITIES[Activity.WAITING], "#d9d9d9"),
    Activity.CLASS.value: (ACTIVITIES[Activity.CLASS], "#9ecae1"),
    Activity.LOW_THRESHOLD.value: (ACTIVITIES[Activity.LOW_THRESHOLD], "#c6dbef"),
    Activity.LANGUAGE_PRACTICE.value: (ACTIVITIES[Activity.LANGUAGE_PRACTICE], "#fdd0a2"),
    Activity.WORK_PRACTICE.value: (ACTIVITIES[Activity.WORK_PRACTICE], "#fd8d3c"),
    Activity.WAGE_SUBSIDY_JOB.value: (ACTIVITIES[Activity.WAGE_SUBSIDY_JOB], "#a1d99b"),
    Activity.JOB.value: (ACTIVITIES[Activity.JOB], "#31a354"),
    Activity.MUNICIPAL_JOB.value: (ACTIVITIES[Activity.MUNICIPAL_JOB], "#006d2c"),
    Activity.BRIDGE_BUILDER.value: (ACTIVITIES[Activity.BRIDGE_BUILDER], "#54278f"),
    Activity.EDUCATION.value: (ACTIVITIES[Activity.EDUCATION], "#6baed6"),
    Activity.NAV_JOBSEEKER.value: (ACTIVITIES[Activity.NAV_JOBSEEKER], "#fcbba1"),
    Activity.NAV_MEASURE.value: (ACTIVITIES[Activity.NAV_MEASURE], "#fc9272"),
    Activity.IDLE.value: (ACTIVITIES[Activity.IDLE], "#de2d26"),
}


def encode_png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas as PNG; light compression keeps this a few milliseconds."""
    width, height = canvas.get_width_height(physical=True)
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def png(fig: Figure) -> bytes:
    """PNG bytes of a whole (non-live) figure."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return encode_png(canvas)


def style_axes(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.8)
    ax.set_axisbelow(True)
