"""Progress charts: the plain-text readiness chart and the pygal SVGs, for no, one and many points."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mulakat.practice.mastery import Mastery, prior, update
from mulakat.practice.progress import NO_PRACTICE, NOTHING_YET, ReadinessPoint, mastery_svg, svg_chart, terminal_chart

SVG = "{http://www.w3.org/2000/svg}"


def history(n: int, with_range: bool = True) -> list[ReadinessPoint]:
    return [
        ReadinessPoint(
            at=f"2026-12-{1 + i // 4:02d}T{10 + i % 4:02d}:00:00+00:00",
            score=min(100, 40 + 3 * i),
            low=max(0, 30 + 3 * i) if with_range else None,
            high=min(100, 52 + 3 * i) if with_range else None,
            label="analysis" if i == 0 else f"practice {i}",
        )
        for i in range(n)
    ]


def series_values(svg: str, index: int) -> list[str]:
    """The value of every dot pygal drew for one series (each dot is a <g class="dots"> with a value desc)."""
    root = ET.fromstring(svg.encode())
    values = []
    for group in root.iter(f"{SVG}g"):
        if f"serie-{index}" not in (group.get("class") or "").split():
            continue
        for dots in group.iter(f"{SVG}g"):
            if dots.get("class") == "dots":
                assert dots.find(f"{SVG}circle") is not None
                values += [d.text or "" for d in dots.iter(f"{SVG}desc") if d.get("class") == "value"]
    return values


def texts(svg: str) -> str:
    return " ".join(t.text or "" for t in ET.fromstring(svg.encode()).iter(f"{SVG}text"))


def test_terminal_chart_with_nothing_says_so() -> None:
    assert terminal_chart([]) == NOTHING_YET


@pytest.mark.parametrize("n", [1, 2, 7, 40])
def test_terminal_chart_has_the_axes_and_the_requested_size(n: int) -> None:
    chart = terminal_chart(history(n), width=70, height=15)
    lines = chart.splitlines()
    assert 13 <= len(lines) <= 16
    assert max(len(line) for line in lines) <= 72
    assert max(len(line) for line in lines) >= 60
    assert "\x1b[" not in chart
    assert "┤" in chart and "└" in chart
    assert "100" in chart and "0.0" in chart
    assert "readiness" in chart and "•" in chart
    assert "step" in chart
    assert f"2026-12-01 to {history(n)[-1].at[:10]}" in chart


def test_terminal_chart_follows_width_and_height() -> None:
    small = terminal_chart(history(5), width=50, height=10).splitlines()
    large = terminal_chart(history(5), width=100, height=25).splitlines()
    assert len(small) < len(large)
    assert max(map(len, small)) <= 52 < max(map(len, large))


def test_terminal_chart_without_ranges_has_no_range_legend() -> None:
    assert "likely range" not in terminal_chart(history(3, with_range=False))
    assert "likely range" in terminal_chart(history(3))


def test_terminal_chart_leaves_no_plotext_state_behind() -> None:
    first = terminal_chart(history(3))
    terminal_chart(history(20), width=90, height=30)
    assert terminal_chart(history(3)) == first


@pytest.mark.parametrize("n", [1, 2, 9])
def test_svg_chart_parses_and_has_one_dot_per_point(n: int) -> None:
    points = history(n)
    svg = svg_chart(points, [prior("python", 0.5)])
    assert ET.fromstring(svg.encode()).tag == f"{SVG}svg"
    assert series_values(svg, 0) == [str(p.score) for p in points]
    assert series_values(svg, 1) == [str(p.low) for p in points]
    assert series_values(svg, 2) == [str(p.high) for p in points]
    assert "Readiness over time (skills practised: python)" in texts(svg)
    assert "analysis" in texts(svg)


def test_svg_chart_without_ranges_has_only_the_readiness_series() -> None:
    svg = svg_chart(history(4, with_range=False), [])
    assert series_values(svg, 0) == ["40", "43", "46", "49"]
    assert series_values(svg, 1) == []
    assert "likely low" not in texts(svg)


def test_svg_chart_with_nothing_says_so() -> None:
    svg = svg_chart([], [])
    assert series_values(svg, 0) == []
    assert NOTHING_YET in texts(svg)


def test_svg_title_stays_short_with_many_skills() -> None:
    skills = [prior(f"skill{i}", 0.5) for i in range(12)]
    assert "skill0, skill1, skill2, skill3, skill4 and 7 more" in texts(svg_chart(history(2), skills))


def test_mastery_svg_has_one_bar_per_skill() -> None:
    mastery: list[Mastery] = [
        update(prior("python", 1.0), 1.0, 3, "2026-12-01T10:00:00+00:00"),
        prior("go", 0.0),
    ]
    svg = mastery_svg(mastery)
    root = ET.fromstring(svg.encode())
    bars = [r for r in root.iter(f"{SVG}rect") if "rect" in (r.get("class") or "").split()]
    assert len(bars) == 2
    assert series_values(svg, 0) == [] and "python (1 answer)" in texts(svg) and "go (0 answers)" in texts(svg)
    # pygal writes a horizontal bar chart's series bottom-up, so compare the values without their order.
    assert sorted(d.text or "" for d in root.iter(f"{SVG}desc") if d.get("class") == "value") == sorted(
        str(round(100 * m.mean)) for m in mastery
    )


def test_mastery_svg_with_nothing_says_so() -> None:
    assert NO_PRACTICE in texts(mastery_svg([]))
