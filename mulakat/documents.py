"""Read a resume or job posting into a ParsedDocument: text, sections and a parse-quality verdict."""

from __future__ import annotations

import re

from mulakat.models import DocKind, ParsedDocument, Quality, Section
from mulakat.parsing import extract_text
from mulakat.sections import find_sections, heading_name

_MOJIBAKE = re.compile("Ã.|â€|Â |\ufffd")
_CUES: dict[DocKind, tuple[str, ...]] = {
    "resume": ("curriculum vitae", "work experience", "education", "i have", "my role", "references"),
    "job": (
        "you will",
        "we are looking",
        "you have",
        "we offer",
        "apply",
        "the ideal candidate",
        "join our team",
        "what you'll do",
        "responsibilities",
    ),
}

_EXPECTED: dict[DocKind, tuple[str, ...]] = {
    "resume": ("experience", "skills"),
    "job": ("requirements",),
}


def kind_scores(text: str) -> dict[DocKind, int]:
    """How much the text reads like each kind: its headings plus typical wording."""
    lines, lowered = text.splitlines(), text.lower()
    return {
        kind: sum(heading_name(line, kind) is not None for line in lines)
        + sum(lowered.count(cue) for cue in _CUES[kind])
        for kind in ("resume", "job")
    }


def guess_kind(text: str) -> DocKind:
    scores = kind_scores(text)
    return "job" if scores["job"] > scores["resume"] else "resume"


def _damage(text: str) -> list[str]:
    """Signs that the text layer is damaged: mojibake, letters split apart, columns read across."""
    found = []
    chars = max(len(text), 1)
    if len(_MOJIBAKE.findall(text)) / chars > 0.002:
        found.append("the text looks garbled (wrong character encoding); quotes may not read well")
    tokens = text.split()
    singles = [t for t in tokens if len(t) == 1 and t.isalpha() and t not in "aAI"]
    if len(tokens) > 50 and len(singles) / len(tokens) > 0.12:
        found.append("letters appear split apart ('J ava'); the document's text layer is damaged")
    for line in text.splitlines():
        words = line.split()
        head = " ".join(words[:2]) if len(words) > 2 and words[1].isupper() else (words[0] if words else "")
        if (
            head.isupper()
            and len(words) > len(head.split())
            and not line.rstrip().endswith(":")
            and any(heading_name(head, kind) for kind in ("resume", "job"))
        ):
            found.append(
                f"a heading shares its line with other text ({line.strip()[:40]!r}); "
                "the page may have two columns read across"
            )
            break
    return found


def assess_quality(text: str, sections: list[Section], kind: DocKind) -> Quality:
    """A confidence in [0, 1] with the reasons it is below 1."""
    confidence, messages = 1.0, []
    words = len(text.split())
    if words < 40:
        confidence -= 0.5
        messages.append(f"only {words} words could be read; the analysis rests on very little text")
    scores = kind_scores(text)
    other: DocKind = "job" if kind == "resume" else "resume"
    if scores[other] >= 2 * scores[kind] + 2:
        confidence -= 0.4
        label = {"resume": "a resume", "job": "a job posting"}
        messages.append(f"this reads like {label[other]}, not {label[kind]}; check that the files are not swapped")
    for problem in _damage(text):
        confidence -= 0.2
        messages.append(problem)
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
        kind = guess_kind(text)
    sections = find_sections(text, kind)
    return ParsedDocument(
        kind=kind, source=filename, text=text, sections=sections, quality=assess_quality(text, sections, kind)
    )
