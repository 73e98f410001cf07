"""Terminal views of a practice session and of progress."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from graph.practice import PracticeView, ProgressData
from mulakat.practice.progress import terminal_chart


def render_view(view: PracticeView, out: Console) -> None:
    if view.last_grade is not None and view.last_feedback:
        score_line, *items = view.last_feedback  # the first item always says how the score was built
        out.print(f"[bold]Answer {view.turn}[/] · {score_line.text}", highlight=False)
        for item in items:
            out.print(f"  - {item.text}", highlight=False)
    if view.readiness is not None:
        r = view.readiness
        out.print(f"Readiness {r.score}/100 (likely {r.low}-{r.high})")
    if view.question is not None:
        q = view.question
        out.print(
            f"\n[bold]Question {view.answered + 1} of {view.goal}[/] · {q.skill_name} · difficulty {q.difficulty}/3"
        )
        out.print(f"[dim]{q.why}[/]", highlight=False)
        out.print(q.text, highlight=False)
    elif view.done:
        out.print(f"Session over: {view.stop_reason or 'no question waiting'}.")


def render_progress(data: ProgressData, out: Console) -> None:
    out.print(f"[bold]Progress on thread {data.thread_id}[/] · {data.turns} practice answers")
    out.print(terminal_chart(data.points), highlight=False)
    table = Table(title="Mastery per skill")
    for column in ("skill", "mastery", "likely", "answers", "last score"):
        table.add_column(column)
    for m in data.mastery:
        last = "-" if m.last_score is None else f"{round(100 * m.last_score)}"
        table.add_row(m.skill, f"{m.mean:.2f}", f"{m.low:.2f}-{m.high:.2f}", str(m.answers), last)
    out.print(table)
    out.print("[bold]Next[/]")
    for step in data.next_steps:
        out.print(f"  - {step}", highlight=False)
