"""Render a report for people: readiness and its parts, requirements, feedback, plan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from mulakat.models import Report, RequirementResult
from mulakat.skills.taxonomy import Taxonomy

STATUS_STYLE = {"met": "green", "partial": "yellow", "missing": "red"}
_STATUS_RANK = {"missing": 0, "partial": 1, "met": 2}
_PRIORITY_RANK = {"must": 0, "nice": 1}


def requirement_areas(report: Report, taxonomy: Taxonomy) -> dict[str, str]:
    """Each requirement's area: the taxonomy category of its skill; a need in the posting's own words shows its
    kind, marked as such."""
    areas = {}
    for r in report.requirements:
        skill = taxonomy.resolve(r.skill) if r.skill_id is not None or r.mention is None else None
        if skill is not None:
            areas[r.skill] = skill.category
        elif r.skill_id is None and r.mention is not None:
            areas[r.skill] = f"{r.kind}, own words"
    return areas


def by_gap(requirements: Sequence[RequirementResult], areas: Mapping[str, str]) -> list[RequirementResult]:
    """Missing, then partial, then met; in each, must-haves first and the largest gap (lowest credit) first, known
    skills before needs in the posting's own words (which weigh half). Equal gaps sit together by area, so a long
    posting reads area by area."""
    return sorted(
        requirements,
        key=lambda r: (
            _STATUS_RANK[r.status],
            _PRIORITY_RANK[r.priority],
            r.credit,
            r.skill_id is None and r.mention is not None,
            areas.get(r.skill, ""),
        ),
    )


def render_requirements(report: Report, console: Console, areas: Mapping[str, str]) -> None:
    """Gaps as a table, grouped by status; the met ones on one wrapped line, so 40 requirements stay readable."""
    ordered = by_gap(report.requirements, areas)
    gaps = [r for r in ordered if r.status != "met"]
    met = [r for r in ordered if r.status == "met"]
    counts = ", ".join(f"{sum(r.status == s for r in ordered)} {s}" for s in _STATUS_RANK)
    show_area = any(r.skill in areas for r in ordered)
    if gaps:
        table = Table(title=f"Requirements: {counts}")
        for col in ("status", "priority", *(["area"] if show_area else []), "skill", "credit", "why"):
            table.add_column(col)
        for i, r in enumerate(gaps):
            last_of_status = i + 1 == len(gaps) or gaps[i + 1].status != r.status
            area = [areas.get(r.skill, "")] if show_area else []
            status = Text(r.status, style=STATUS_STYLE[r.status])
            cells = (status, r.priority, *area, r.skill, f"{r.credit:.2f}", r.reason)
            table.add_row(*cells, end_section=last_of_status)
        console.print(table)
    else:
        console.print(Text(f"Requirements: {counts}", style="bold"))
    if met:
        console.print(Text.assemble(("met", STATUS_STYLE["met"]), f" ({len(met)}): ", ", ".join(r.skill for r in met)))


def render_report(report: Report, console: Console, areas: Mapping[str, str] | None = None) -> None:
    """The whole report; `areas` (requirement skill -> area) adds an area column to the requirements."""
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
    rows: list[Text | Table] = [header, parts]
    if report.fit is not None:
        rows += [Text.assemble(("Fit ", "bold"), (f"{report.fit.score}/100", "bold cyan"), f"  {report.fit.reason}")]
        fit_parts = Table(box=None, show_header=False)
        for c in report.fit.parts:
            fit_parts.add_row(c.name, f"{c.weight:g}", f"{c.value:.2f}", f"{c.points:g}", c.explanation)
        rows.append(fit_parts)
    console.print(Panel(Group(*rows), title=f"mulakat · thread {report.thread_id}", expand=False))

    render_requirements(report, console, areas or {})

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
    for gap in report.plan_left_out:
        console.print(Text(f"  not in the plan: {gap.name} - {gap.reason}", style="yellow"))
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


def by_fit(reports: Sequence[Report]) -> list[Report]:
    """Best fit first; readiness breaks a tie, then the order the postings were given."""
    ranked = sorted(
        enumerate(reports), key=lambda ir: (-(ir[1].fit.score if ir[1].fit else -1), -ir[1].readiness.score, ir[0])
    )
    return [r for _, r in ranked]


def render_ranking(reports: Sequence[Report], console: Console) -> None:
    """The postings ordered by fit, one line each with the reason: what a candidate choosing between them reads."""
    console.print(Text(f"Postings by fit ({len(reports)})", style="bold"))
    for place, report in enumerate(by_fit(reports), start=1):
        title = report.job.title or report.job.source
        where = f" ({report.job.source})" if report.job.title else ""
        why = f"fit {report.fit.score}: {report.fit.reason}" if report.fit else "fit not computed"
        # One logical line per posting, wrapped by the terminal, not cut into rows: easy to grep or paste.
        console.print(Text(f"{place}. {title}{where} - {why}; readiness {report.readiness.score}"), soft_wrap=True)
