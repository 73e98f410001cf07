"""Terminal view of one document's extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from mulakat.skills.extract_report import Extraction


def render_extraction(result: Extraction, out: Console) -> None:
    words = len(result.text.split())
    out.print(f"[bold]{result.kind}[/] {result.source}: {words} words, confidence {result.quality.confidence}")
    for message in result.quality.messages:
        out.print(f"[yellow]! {message}[/]")
    out.print("sections: " + ", ".join(f"{s.name} [{s.start}:{s.end}]" for s in result.sections))
    for role in result.roles:
        out.print(f"role {role.first_year}-{role.last_year}: {role.heading}")
    for skill in result.skills:
        extra = f" {skill.years:g}y" if skill.years else ""
        out.print(
            f"  {skill.layer:9} {skill.name}{extra}  [{skill.section} {skill.start}:{skill.end}] {skill.surface!r}"
        )
    for req in result.requirements:
        years = f" {req.min_years:g}+y" if req.min_years else ""
        out.print(f"  requirement {req.priority:4} {req.name}{years}: {req.text}")
