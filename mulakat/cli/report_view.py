"""Render a report for people: readiness and its parts, requirements, feedback, plan."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mulakat.models import Report

STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}


def render_report(report: Report, console: Console) -> None:
    title = report.job.title or report.job.source
    header = Text.assemble(
        ("Readiness ", "bold"),
        (f"{report.readiness.score}/100", "bold cyan"),
        f" (likely {report.readiness.low}-{report.readiness.high})",
        f"  for {title}",
        f"  (was {report.previous_score} on this thread)" if report.previous_score is not None else "",
    )
    parts = Table(box=None, show_header=True, header_style="dim")
    for col in ("component", "weight", "value", "points", "why"):
        parts.add_column(col)
    for c in report.readiness.components:
        parts.add_row(c.name, f"{c.weight:g}", f"{c.value:.2f}", f"{c.points:g}", c.explanation)
    console.print(Panel(Group(header, parts), title=f"mulakat · thread {report.thread_id}", expand=False))

    reqs = Table(title="Requirements", show_lines=False)
    for col in ("status", "priority", "skill", "credit", "why"):
        reqs.add_column(col)
    for r in report.requirements:
        reqs.add_row(Text(r.status, style=STATUS_STYLE[r.status]), r.priority, r.skill, f"{r.credit:.2f}", r.reason)
    console.print(reqs)

    if report.feedback:
        console.print(Text("Feedback", style="bold"))
        for item in report.feedback:
            console.print(f"• {item.text}")
    if report.plan:
        plan = Table(title="Study plan (in this order)")
        for col in ("#", "topic", "hours", "subtopics", "why"):
            plan.add_column(col)
        for p in report.plan:
            plan.add_row(str(p.order), p.topic, f"{p.est_hours:g}", "; ".join(p.subtopics[:4]), p.reason)
        console.print(plan)
    if report.schedule is not None:
        s = report.schedule
        console.print(
            Text(
                f"Schedule to {s.interview_date}: {s.planned_hours:g} of {s.available_hours:g} hours planned "
                f"({s.hours_per_day:g} h/day)",
                style="bold",
            )
        )
        for day in s.days:
            console.print(f"  {day.date}: " + "; ".join(f"{i['topic']} ({i['hours']:g} h)" for i in day.items))
        for skip in s.skipped:
            console.print(Text(f"  skip: {skip.topic} ({skip.est_hours:g} h) - {skip.reason}", style="yellow"))
    for warning in report.warnings:
        console.print(Text(f"! {warning}", style="yellow"))
    if report.fallback:
        console.print(Text("! the chat model failed; deterministic results are shown", style="yellow"))
