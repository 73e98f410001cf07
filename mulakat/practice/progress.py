"""Progress charts: readiness over time in the terminal (plotext) and as SVG (pygal)."""

from __future__ import annotations

import threading

import plotext
import pygal
from pydantic import BaseModel
from pygal.style import DefaultStyle

from mulakat.practice.mastery import Mastery

NOTHING_YET = "No readiness recorded yet: run an analysis, then practise."
NO_PRACTICE = "No practice answers yet."
# plotext draws on one module-level figure; the lock keeps two threads (API workers) from sharing it.
_PLOTEXT_LOCK = threading.Lock()
_SVG_STYLE = DefaultStyle(no_data_font_size=24)


class ReadinessPoint(BaseModel):
    """One readiness score in the history of a thread."""

    at: str
    """ISO date-time."""
    score: int
    low: int | None = None
    high: int | None = None
    label: str = ""
    """What produced it: "analysis" or "practice N"."""


def terminal_chart(points: list[ReadinessPoint], width: int = 70, height: int = 15) -> str:
    """Readiness (and its likely range) against the step number, 0-100, as plain text of about width x height."""
    if not points:
        return NOTHING_YET
    steps = list(range(1, len(points) + 1))
    with _PLOTEXT_LOCK:
        plotext.clear_figure()
        plotext.theme("clear")
        plotext.plotsize(width, height)
        plotext.ylim(0, 100)
        if any(p.low is not None or p.high is not None for p in points):
            lows = [p.low if p.low is not None else p.score for p in points]
            highs = [p.high if p.high is not None else p.score for p in points]
            plotext.plot(steps, lows, label="likely range", marker="-")
            plotext.plot(steps, highs, marker="-")
        # Drawn last so the range lines never hide it.
        plotext.plot(steps, [p.score for p in points], label="readiness", marker="dot")
        plotext.title(f"Readiness: {points[0].at[:10]} to {points[-1].at[:10]}")
        plotext.xlabel("step (analyses and answers, oldest first)")
        plotext.xticks(steps if len(steps) <= 10 else steps[:: len(steps) // 10])
        chart = str(plotext.uncolorize(plotext.build()))
        plotext.clear_figure()
    return chart


def _skills_title(mastery: list[Mastery], shown: int = 5) -> str:
    names = [m.skill for m in mastery]
    if not names:
        return "none yet"
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def svg_chart(points: list[ReadinessPoint], mastery: list[Mastery]) -> str:
    """Readiness over time with its likely range, one dot per point; the title names the skills practised."""
    chart = pygal.Line(range=(0, 100), show_dots=True, x_label_rotation=30, width=900, height=420, style=_SVG_STYLE)
    chart.title = f"Readiness over time (skills practised: {_skills_title(mastery)})"
    chart.no_data_text = NOTHING_YET
    if points:
        chart.x_labels = [f"{p.at[:16].replace('T', ' ')} {p.label}".strip() for p in points]
        chart.add("readiness", [p.score for p in points])
        if any(p.low is not None for p in points):
            chart.add("likely low", [p.low for p in points])
        if any(p.high is not None for p in points):
            chart.add("likely high", [p.high for p in points])
    return str(chart.render(is_unicode=True))


def mastery_svg(mastery: list[Mastery]) -> str:
    """Mastery mean per skill, 0-100, one bar per skill, with the answers it rests on in each label."""
    height = 80 + 40 * max(len(mastery), 1)
    chart = pygal.HorizontalBar(range=(0, 100), width=900, height=height, truncate_legend=-1, style=_SVG_STYLE)
    chart.title = "Mastery per skill (0-100)"
    chart.no_data_text = NO_PRACTICE
    for m in mastery:
        chart.add(f"{m.skill} ({m.answers} answer{'' if m.answers == 1 else 's'})", [round(100 * m.mean)])
    return str(chart.render(is_unicode=True))
