"""Citation validity: every quote must be the exact text at its offsets in its source document."""

from __future__ import annotations

from collections.abc import Iterator

from mulakat.models import Evidence, Report


def all_evidence(report: Report) -> Iterator[tuple[str, Evidence]]:
    """Every piece of evidence in a report, labelled with where it appears."""
    for req in report.requirements:
        for ev in req.evidence:
            yield f"requirement {req.id}", ev
    for i, item in enumerate(report.feedback):
        for ev in item.citations:
            yield f"feedback {i}", ev


def invalid_citations(report: Report, resume_text: str, job_text: str) -> list[str]:
    """Descriptions of citations whose quote does not match their source; empty when all verify."""
    texts = {"resume": resume_text, "job": job_text}
    problems = []
    for where, ev in all_evidence(report):
        if ev.source == "knowledge":
            continue
        text = texts[ev.source]
        if not (0 <= ev.start < ev.end <= len(text)) or text[ev.start : ev.end] != ev.quote:
            problems.append(f"{where}: {ev.source}[{ev.start}:{ev.end}] != {ev.quote!r}")
    return problems
