"""Find the sections of a resume or a job posting from their headings."""

from __future__ import annotations

import re

from mulakat.models import DocKind, Section

# Canonical section -> heading phrases (lower case, no trailing colon).
RESUME_HEADINGS: dict[str, tuple[str, ...]] = {
    "summary": (
        "summary",
        "profile",
        "professional summary",
        "about me",
        "objective",
        "career objective",
        "personal profile",
        "overview",
        "professional profile",
    ),
    "experience": (
        "experience",
        "work experience",
        "professional experience",
        "employment",
        "employment history",
        "work history",
        "professional history",
        "career history",
        "relevant experience",
    ),
    "skills": (
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "technologies",
        "tech stack",
        "competencies",
        "core competencies",
        "skills and tools",
        "tools",
        "expertise",
    ),
    "projects": ("projects", "personal projects", "selected projects", "open source", "side projects"),
    "education": ("education", "academic background", "education and training", "qualifications", "degrees"),
    "certifications": (
        "certifications",
        "certificates",
        "licenses and certifications",
        "courses",
        "training",
    ),
}
JOB_HEADINGS: dict[str, tuple[str, ...]] = {
    "about": (
        "about",
        "about us",
        "about the company",
        "company description",
        "who we are",
        "the company",
        "about the role",
        "the role",
        "job description",
        "overview",
        "position",
        "the position",
    ),
    "responsibilities": (
        "responsibilities",
        "what you will do",
        "what you'll do",
        "your role",
        "duties",
        "key responsibilities",
        "the job",
        "missions",
        "your responsibilities",
        "in this role",
    ),
    "requirements": (
        "requirements",
        "qualifications",
        "required qualifications",
        "minimum qualifications",
        "what you bring",
        "what we are looking for",
        "what we're looking for",
        "must have",
        "must-have",
        "required skills",
        "required profile",
        "you have",
        "skills",
        "who you are",
        "basic qualifications",
        "technical requirements",
        "the stack",
        "tech stack",
        "technologies",
    ),
    "nice_to_have": (
        "nice to have",
        "nice-to-have",
        "preferred qualifications",
        "preferred",
        "bonus points",
        "bonus",
        "pluses",
        "plus",
        "good to have",
        "desired skills",
        "desirable",
        "additional qualifications",
    ),
    "benefits": (
        "benefits",
        "what we offer",
        "perks",
        "compensation",
        "package",
        "why join us",
        "job benefits",
    ),
}
HEADINGS: dict[DocKind, dict[str, tuple[str, ...]]] = {"resume": RESUME_HEADINGS, "job": JOB_HEADINGS}
FIRST_SECTION: dict[DocKind, str] = {"resume": "header", "job": "about"}

_LINE = re.compile(r"[^\n]*")
_CLEAN = re.compile(r"[^a-z0-9'+ -]+")


def _unspace(line: str) -> str:
    """'W O R K  E X P E R I E N C E' (letter-spaced design CVs) -> 'WORK EXPERIENCE'."""
    letters = line.replace("\t", "  ").split(" ")
    if len(letters) > 3 and all(len(t) <= 1 for t in letters):
        return " ".join(word.replace(" ", "") for word in re.split(r" {2,}|\t", line))
    return line


def heading_name(line: str, kind: DocKind) -> str | None:
    """Return the canonical section a line opens, or None. Accepts 'Requirements:' with text after it.

    A line that is visibly a heading (ends with a colon, all capitals, or a markdown '#') may also
    extend a known phrase: 'Hard Skills:', 'Experience and projects:', 'WORK EXPERIENCE SUMMARY'.
    """
    marked = line.lstrip().startswith("#")
    stripped = _unspace(line.strip().lstrip("#").strip())
    if not stripped or len(stripped) > 80:
        return None
    head, colon, rest = stripped.partition(":")
    words = _CLEAN.sub(" ", (head if colon else stripped).lower()).split()
    if not words or len(words) > 5:
        return None
    phrase = " ".join(words)
    loose = marked or (colon and not rest.strip()) or (stripped.isupper() and not colon)
    best: tuple[int, str] | None = None
    for name, phrases in HEADINGS[kind].items():
        if phrase in phrases:
            return name
        if loose:
            for known in phrases:
                extends = phrase.startswith(known + " ") or phrase.endswith(" " + known)
                if extends and (best is None or len(known) > best[0]):
                    best = (len(known), name)
    return best[1] if best else None


def find_sections(text: str, kind: DocKind) -> list[Section]:
    """Split text into contiguous sections covering all of it, in document order."""
    sections: list[Section] = []
    current, heading, start = FIRST_SECTION[kind], None, 0
    for match in _LINE.finditer(text):
        name = heading_name(match.group(), kind)
        if name is None or name == current:  # "About us" then "About the role": one section
            continue
        if match.start() > start:
            sections.append(Section(name=current, heading=heading, start=start, end=match.start()))
        current, heading, start = name, match.group().strip(), match.start()
    sections.append(Section(name=current, heading=heading, start=start, end=len(text)))
    return sections
