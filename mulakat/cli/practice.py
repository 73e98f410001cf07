"""`mulakat practice` and `mulakat progress`: a mock interview on a thread, and how readiness moved."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from mulakat.cli.running import run_or_exit

if TYPE_CHECKING:
    from graph.runner import Runner


def _read_answer(interactive: bool) -> str | None:
    """One answer: lines up to an empty line (or end of input). None at end of input."""
    lines: list[str] = []
    while True:
        try:
            line = input("> " if interactive else "")
        except EOFError:
            return "\n".join(lines) if lines else None
        if not line.strip():
            if lines:
                return "\n".join(lines)
            continue
        lines.append(line)


def practice(
    thread: Annotated[str, typer.Option(help="Thread with an analysis (from `mulakat analyze --thread`).")],
    goal: Annotated[int, typer.Option(help="Answers in a new session.")] = 5,
) -> None:
    """Mock interview on a thread: answer, get graded feedback, see readiness move. Resumes where you left off.

    End an answer with an empty line; type :stop to stop (the question waits for next time).
    """
    from graph.practice import PracticeError, answer_question, start_practice
    from mulakat.cli.practice_view import render_view
    from mulakat.practice.session import Answer

    interactive = sys.stdin.isatty()
    out = Console()

    async def run(runner: Runner) -> None:
        view = await start_practice(runner, thread, goal)
        render_view(view, out)
        while not view.done:
            text = _read_answer(interactive)
            if text is None or text.strip() == ":stop":
                out.print("Stopped. The question waits on the thread; run the same command to go on.")
                return
            view = await answer_question(runner, thread, Answer(text=text))
            render_view(view, out)

    run_or_exit(run, PracticeError)


def progress(
    thread: Annotated[str, typer.Option(help="Thread to report on.")],
    svg: Annotated[Path | None, typer.Option(help="Also write the readiness chart as an SVG file here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the data as JSON instead.")] = False,
) -> None:
    """Readiness over time, mastery per skill, and what to do next."""
    from graph.practice import PracticeError
    from graph.practice import progress as collect
    from mulakat.cli.practice_view import render_progress
    from mulakat.practice.progress import mastery_svg, svg_chart

    data = run_or_exit(lambda runner: collect(runner, thread), PracticeError)
    if as_json:
        sys.stdout.write(data.model_dump_json() + "\n")
    else:
        render_progress(data, Console())
    if svg is not None:
        svg.write_text(svg_chart(data.points, data.mastery), encoding="utf-8")
        svg.with_name(svg.stem + "-mastery.svg").write_text(mastery_svg(data.mastery), encoding="utf-8")
