"""Read a resume or job posting into a ParsedDocument: text, sections and a parse-quality verdict."""

from __future__ import annotations

from mulakat.models import DocKind, ParsedDocument, Quality, Section
from mulakat.parsing import extract_text
from mulakat.sections import find_sections

_EXPECTED: dict[DocKind, tuple[str, ...]] = {
    "resume": ("experience", "skills"),
    "job": ("requirements",),
}


def assess_quality(text: str, sections: list[Section], kind: DocKind) -> Quality:
    """A confidence in [0, 1] with the reasons it is below 1."""
    confidence, messages = 1.0, []
    words = len(text.split())
    if words < 40:
        confidence -= 0.5
        messages.append(f"only {words} words could be read; the analysis rests on very little text")
    found = {s.name for s in sections}
    missing = [name for name in _EXPECTED[kind] if name not in found]
    if len(sections) == 1:
        confidence -= 0.3
        messages.append(f"no section headings were recognised in the {kind}; sections are guessed")
    elif missing:
        confidence -= 0.1 * len(missing)
        messages.append(f"the {kind} has no {' or '.join(missing)} section")
    return Quality(confidence=round(max(confidence, 0.0), 2), messages=messages)


def read_document(kind: DocKind | None, filename: str, data: bytes) -> ParsedDocument:
    """Parse, split into sections and assess; kind None guesses it. Raises parsing.DocumentError."""
    text = extract_text(filename, data)
    if kind is None:
        from mulakat.extraction import guess_kind

        kind = guess_kind(text)
    sections = find_sections(text, kind)
    return ParsedDocument(
        kind=kind, source=filename, text=text, sections=sections, quality=assess_quality(text, sections, kind)
    )
