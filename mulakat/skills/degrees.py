"""Degrees: what a posting asks ("BSc/MSc in CS/Engineering or other relevant field") against what a resume holds.

A recruiter reads a degree requirement by level and field: a bachelor's in engineering meets "BSc in CS or
Engineering", partly meets "a degree in computer science", and a bachelor's in commerce does not meet it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mulakat.models import ParsedDocument

Field = Literal["computing", "engineering", "science", "other"]
LEVELS = {"bachelor": 1, "master": 2, "doctorate": 3}

# Abbreviations are matched by case ("MS" alone is Microsoft, "BE" a verb), full words in any case.
_LEVEL_FORMS: dict[str, str] = {
    "doctorate": r"\bPh\.?\s?D\b\.?|(?i:\bdoctor(?:ate| of philosophy)\b)",
    "master": r"\b(?:M\.?\s?Sc|M[.-]?\s?[Tt]ech|M\.\s?E\.|M\.?\s?Eng|MBA|MCA|M\.S\.|MS(?= in\b))(?![A-Za-z])\.?"
    r"|(?i:\bmaster'?s?\b)",
    "bachelor": (
        r"\b(?:B\.?\s?Sc|B[.-]?\s?[Tt]ech|B\.\s?E\.|B\.?\s?Eng|BCA|B\.?\s?Com|BBA|B\.S\.|B\.A\.|"
        r"BS(?= in\b)|BE(?= in\b))"
        r"(?![A-Za-z])\.?"
        r"|(?i:\bbachelor'?s?\b|\bundergraduate degree\b)"
    ),
}
_ANY_DEGREE = re.compile("|".join(f"(?P<{level}>{form})" for level, form in _LEVEL_FORMS.items()))
_GENERIC = re.compile(r"(?i)\b(?:university )?degree\b")
_FIELDS: dict[Field, re.Pattern[str]] = {
    "computing": re.compile(
        r"(?i)\b(?:computer science|computing|informatics|software engineering|computer engineering|"
        r"information (?:technology|systems)|CS|IT|CSE|BCA|MCA)\b"
    ),
    "engineering": re.compile(
        r"(?i)\b(?:engineering|(?:bachelor|master) of technology|B\.\s?E\.|[BM][.-]?\s?Tech|B\.?\s?Eng|"
        r"electronics)(?![A-Za-z])"
    ),
    "science": re.compile(
        r"(?i)\b(?:mathematics|maths?|physics|statistics|natural sciences?|physical sciences?|quantitative)\b"
    ),
}
_RELEVANT = re.compile(r"(?i)\b(?:relevant|related|similar|equivalent|technical|quantitative)\b")
_TECHNICAL: tuple[Field, ...] = ("computing", "engineering", "science")


@dataclass(frozen=True)
class DegreeAsked:
    level: int
    fields: tuple[Field, ...]  # empty: any field
    any_relevant: bool  # "or other relevant field"


@dataclass(frozen=True)
class DegreeHeld:
    level: int
    fields: tuple[Field, ...]
    start: int
    end: int


def _fields(text: str) -> tuple[Field, ...]:
    found = tuple(name for name, pattern in _FIELDS.items() if pattern.search(text))
    return found or ("other",)


_ONE_DEGREE = "|".join(f"(?:{form})" for form in _LEVEL_FORMS.values())
_BEFORE_FIELD = re.compile(
    rf"(?:{_ONE_DEGREE}|(?i:\bdegree))(?:[\s/]+(?:{_ONE_DEGREE}))*(?i:\s+degree)?(?i:\s+(?:in|of)\s+)$"
)


def is_degree_field(text: str, start: int) -> bool:
    """Whether the phrase at `start` is the field of a degree just named ("BSc in |Computer Science|")."""
    return _BEFORE_FIELD.search(text[max(0, start - 60) : start]) is not None


def degree_of_requirement(name: str, clause: str) -> DegreeAsked | None:
    """The degree a requirement asks: named in it ("BSc/MSc in CS"), or the one its name is the field of."""
    at = clause.find(name)
    if at != -1 and is_degree_field(clause, at):
        return degree_asked(clause)
    return degree_asked(name)


def degree_asked(phrase: str) -> DegreeAsked | None:
    """The lowest level a requirement accepts and the fields it names, or None when it asks no degree."""
    levels = [LEVELS[m.lastgroup] for m in _ANY_DEGREE.finditer(phrase) if m.lastgroup]
    if not levels and not _GENERIC.search(phrase):
        return None
    fields = tuple(f for f in _fields(phrase) if f != "other")
    return DegreeAsked(min(levels, default=LEVELS["bachelor"]), fields, bool(_RELEVANT.search(phrase)))


def degrees_held(resume: ParsedDocument) -> list[DegreeHeld]:
    """Each degree the resume names, with the fields its line names."""
    held = []
    for m in _ANY_DEGREE.finditer(resume.text):
        line_end = resume.text.find("\n", m.end())
        line_end = len(resume.text) if line_end == -1 else line_end
        about = resume.text[m.start() : min(line_end, m.end() + 100)]
        held.append(DegreeHeld(LEVELS[m.lastgroup or "bachelor"], _fields(about), m.start(), line_end))
    return held


DegreeStatus = Literal["met", "partial", "missing"]


def judge_degree(asked: DegreeAsked, held: list[DegreeHeld]) -> tuple[DegreeStatus, DegreeHeld | None, str]:
    """How the best degree on the resume meets the one asked, with the reason a recruiter would give."""
    if not held:
        return "missing", None, "The resume names no degree."

    def fits(d: DegreeHeld) -> int:
        if not asked.fields or set(d.fields) & set(asked.fields):
            return 2
        technical = bool(set(d.fields) & set(_TECHNICAL))
        if technical and asked.any_relevant:
            return 2
        return 1 if technical else 0

    best = max(held, key=lambda d: (d.level >= asked.level, fits(d), d.level))
    if best.level < asked.level:
        return "partial", best, "The resume's degree is below the level asked."
    field_fit = fits(best)
    if field_fit == 2:
        return "met", best, "The resume's degree is at the level and in a field the posting asks for."
    if field_fit == 1:
        return "partial", best, "The resume's degree is technical, but not in the field the posting names."
    return "missing", best, "The resume's degree is in a field the posting does not ask for."
