"""What fit compares besides requirements: the level and role a posting asks for, and the ones a resume shows.

Levels sit on one ordinal scale so "how far apart" is a number: a posting may accept a range ("Mid-Level
Senior"), a resume shows one level. Years are read as a recruiter skims them: a stated "3+ years of
experience" in the resume's opening lines wins over the span of its dated roles, which may include
unrelated work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mulakat.models import CandidateSkill, JobRequirement, ParsedDocument
from mulakat.skills.resume_skills import span_years
from mulakat.skills.signals import MIN_YEARS, Role, find_roles, role_heading, seniority

LEVEL_RANK = {"intern": 0, "junior": 1, "mid": 2, "senior": 3, "lead": 4, "staff": 4, "principal": 5}
LEVEL_NAMES = ("intern", "junior", "mid", "senior", "lead", "principal")
# Years of experience a level usually spans; a posting's level range becomes a band of years.
YEAR_BANDS = {0: (0.0, 1.0), 1: (0.0, 2.0), 2: (2.0, 5.0), 3: (5.0, 10.0), 4: (8.0, 15.0), 5: (10.0, 25.0)}
MAX_PLAUSIBLE_YEARS = 20  # "over the last 80 years" is company history, not a requirement
ROLE_LINE_CHARS = 80
MAX_ROLE_YEARS = 30.0  # a misread date range ("1985 - present") should not make a 40-year career

_WORD_NUMBERS = {
    w: n
    for n, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
}
_STATED_YEARS = re.compile(
    r"(?i)\b(\d{1,2}|" + "|".join(_WORD_NUMBERS) + r")\s*\+?\s*(?:years?|yrs?)\b(?:\s+of)?(?:\s+[\w-]+){0,4}?"
    r"\s+exp[ei]rience\b"  # "expirience" is a common slip
)
_EXPERIENCE_CONTEXT = re.compile(r"(?i)\b(experience|experienced|minimum|at least|proficiency|background)\b")
# "Experienced developer" on a resume is self-description, not a level (in a posting's title it asks one).
_SELF_PRAISE = re.compile(r"(?i)\bexperienced\b")
_LEVEL_LINE = re.compile(r"(?im)^[ \t]*(?:experience|seniority|career)\s+level\s*:\s*(.*)$")


@dataclass(frozen=True)
class CandidateProfile:
    level: int | None
    level_source: str
    """Where the level comes from: "the latest role title", "the headline", "years" or "" when unknown."""
    years: float | None
    years_source: str
    headline: str
    titles: tuple[str, ...]
    """Role heading lines without dates, the most recent first (up to three)."""


@dataclass(frozen=True)
class PostingProfile:
    title: str | None
    levels: tuple[int, int] | None
    """The lowest and highest level the posting accepts."""
    years: float | None
    """The most years of experience it asks for anywhere."""
    summary: str


def level_name(rank: int) -> str:
    return LEVEL_NAMES[rank]


def levels_named(text: str) -> set[int]:
    """Every level a short line names ("Mid-Level Senior Lead" names three); words and word pairs are tried."""
    words = text.split()
    found = set()
    for i in range(len(words)):
        for window in (words[i : i + 1], words[i : i + 2]):
            level = seniority(" ".join(window))
            if level is not None:
                found.add(LEVEL_RANK[level])
    return found


def level_from_years(years: float) -> int:
    """A level read from years alone: never above senior, since lead and principal are roles, not tenure."""
    return 1 if years < 2 else 2 if years < 5 else 3


def _opening(doc: ParsedDocument) -> str:
    """The resume's text before its experience (its header and summary), where people state who they are."""
    starts = [s.start for s in doc.sections if s.name in ("experience", "skills", "education")]
    return doc.text[: min(starts)] if starts else doc.text[:600]


def stated_years(text: str) -> float | None:
    found = []
    for m in _STATED_YEARS.finditer(text):
        token = m.group(1).lower()
        years = int(token) if token.isdigit() else _WORD_NUMBERS.get(token)
        if years is not None and 0 < years <= MAX_PLAUSIBLE_YEARS:
            found.append(float(years))
    return max(found, default=None)


def _headline(opening: str) -> list[str]:
    """The opening's first lines that say something: contact lines (mail, phone, links) say nothing of the role."""
    lines = [line.strip(" #*-•\t") for line in opening.splitlines()]
    return [line for line in lines if len(line.split()) >= 2 and not re.search(r"@|\d{3}|https?:|www\.", line)][:3]


def _role_line(doc: ParsedDocument, role: Role) -> str:
    """A role's heading and the line under it, dates left out: CVs put the title on either one. Each is cut short,
    so that when the second line is the role's first bullet, it does not outweigh the title."""
    lines = [line for line in doc.text[role.start : role.end].split("\n") if line.strip()][:2]
    named = [" ".join(p for p in role_heading(line) if p)[:ROLE_LINE_CHARS] for line in lines]
    return " · ".join(dict.fromkeys(n for n in named if n and not n.isdigit()))


def _with_skills(roles: list[Role], skills: Sequence[CandidateSkill]) -> list[Role]:
    """Roles that name a skill: years running a shop before retraining are not years of the work asked."""
    offsets = [m.start for s in skills if not s.implied for m in s.mentions]
    return [r for r in roles if any(r.start <= at < r.end for at in offsets)]


def candidate_profile(
    doc: ParsedDocument, skills: Sequence[CandidateSkill] = (), today: date | None = None
) -> CandidateProfile:
    roles = sorted(find_roles(doc, today), key=lambda r: (r.last_year, r.first_year), reverse=True)
    titles = [line for line in (_role_line(doc, r) for r in roles) if line]
    opening = _opening(doc)
    lines = _headline(opening)
    headline = " ".join(lines)[:300]
    stated = stated_years(opening)
    relevant = _with_skills(roles, skills) or roles
    spanned = min(span_years(relevant), MAX_ROLE_YEARS) if relevant else None
    years, years_source = (
        (stated, "as the resume states") if stated else (spanned, "across dated roles") if spanned else (None, "")
    )
    latest = seniority(titles[0]) if titles else None
    if latest is not None:
        level, source = LEVEL_RANK[latest], "the latest role title"
    # Only the first two lines: further down, the columns of a two-column layout mix in.
    elif (named := seniority(_SELF_PRAISE.sub(" ", " ".join(lines[:2])))) is not None:
        level, source = LEVEL_RANK[named], "the headline"
    elif years is not None:
        level, source = level_from_years(years), "years"
    else:
        level, source = None, ""
    return CandidateProfile(level, source, years, years_source, headline, tuple(titles[:3]))


def _posting_levels(doc: ParsedDocument, title: str | None) -> set[int]:
    named = levels_named(title or "")
    if named:
        return named
    for m in _LEVEL_LINE.finditer(doc.text):
        # "\s*" after the colon reaches the next line too: "Experience level:\nMid-Level Senior".
        if named := levels_named(m.group(1)):
            return named
    opening = doc.text[: doc.sections[0].end] if doc.sections else doc.text[:400]
    found = seniority(opening)
    return {LEVEL_RANK[found]} if found else set()


def years_asked(doc: ParsedDocument, reqs: list[JobRequirement]) -> float | None:
    """The largest years asked by a requirement, or by a line that asks years of experience."""
    found = [r.min_years for r in reqs if r.min_years]
    for line in doc.text.splitlines():
        if not _EXPERIENCE_CONTEXT.search(line):
            continue
        found += [float(m.group(1)) for m in MIN_YEARS.finditer(line) if 0 < int(m.group(1)) <= MAX_PLAUSIBLE_YEARS]
    return max(found, default=None)


def posting_profile(doc: ParsedDocument, reqs: list[JobRequirement], title: str | None) -> PostingProfile:
    levels = _posting_levels(doc, title)
    summary = " ".join(doc.text[:400].split())
    return PostingProfile(
        title=title,
        levels=(min(levels), max(levels)) if levels else None,
        years=years_asked(doc, reqs),
        summary=summary,
    )
