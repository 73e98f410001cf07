"""Years a resume states in words ("8 years of professional experience in Python"), outside its dated roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from mulakat.models import ParsedDocument
from mulakat.skills.taxonomy import Match

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
# "5+ years", "over 10 years", "five years", "3-5 yrs" (the lower bound counts); not "5 years ago" or "years old".
_CLAIM = re.compile(
    rf"(?i)\b(?:over|more than|nearly|almost|about|around|approximately|~)?\s*"
    rf"(?P<n>\d{{1,2}}(?:\.\d)?|{'|'.join(_NUMBERS)})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{{1,2}}\s*\+?\s*)?"
    r"(?:years?|yrs?)(?:'|’)?(?!\s+(?:ago|old)\b)"
)
# Words that say the years are of experience, so that skills named before them get the years too:
# "Python developer with 6 years of experience"; or a closing bracket: "Python (5 years)".
_OF_WHAT_CAME_BEFORE = re.compile(r"(?i)[^\w\n]*(?:of\s+)?(?:\w+\s+){0,2}?(?:experience|expertise)\b|\s*\)")
_BRACKET = re.compile(r"\s*\(\s*")
# Only lines with no dates of their own: a summary, a profile under the name, a skills list.
CLAIM_SECTIONS = ("header", "summary", "skills", "body")
_MAX_YEARS = 50


@dataclass(frozen=True)
class YearsClaim:
    """Years the text states for skills: `skills` are the taxonomy matches the statement covers (none for a
    statement of total experience), and start/end the clause that states it."""

    years: float
    skills: tuple[Match, ...]
    start: int
    end: int


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): bounded by a line break, '.', ';', '!' or '?' followed by a space."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "; ", "! ", "? ")))
    left = 0 if left == -1 else left + 1
    stops = [i for i in (text.find(p, end) for p in ("\n", ". ", "; ", "! ", "? ")) if i != -1]
    right = min(stops, default=len(text))
    while left < right and not text[left].isalnum():
        left += 1
    return left, right


def _number(raw: str) -> float:
    return float(_NUMBERS.get(raw.lower(), 0) or raw)


def read_years_claims(doc: ParsedDocument, matches: list[Match], roles: list[tuple[int, int]]) -> list[YearsClaim]:
    """Each statement of years outside the dated roles, with the skills it is about.

    A skill takes the nearest statement before it in its sentence ("8 years of Python and 3 years of Go" gives
    Python 8 and Go 3). When a statement has no skill after it but says the years are of experience, it covers
    the skills named before it in the sentence ("Java developer with 6 years of experience").
    """
    found = [
        m
        for m in _CLAIM.finditer(doc.text)
        if doc.section_at(m.start()) in CLAIM_SECTIONS
        and not any(s <= m.start() < e for s, e in roles)
        and 0 < _number(m.group("n")) <= _MAX_YEARS
    ]
    read: list[tuple[bool, YearsClaim]] = []
    for i, m in enumerate(found):
        left, right = _clause(doc.text, m.start(), m.end())
        until = min(right, found[i + 1].start()) if i + 1 < len(found) else right
        named = tuple(x for x in matches if m.end() <= x.start and x.end <= until)
        before = _OF_WHAT_CAME_BEFORE.match(doc.text, m.end(), right)
        bracketed = bool(before and before.group().endswith(")"))
        if before and (not named or bracketed):
            since = max((f.end() for f in found[:i] if f.end() > left), default=left)
            named = tuple(x for x in matches if since <= x.start and x.end <= m.start())
            if bracketed:  # "Flask, Docker (2 years)": the bracket is about the name it follows
                named = tuple(x for x in named[-1:] if _BRACKET.fullmatch(doc.text, x.end, m.start()))
        read.append((bracketed, YearsClaim(_number(m.group("n")), named, left, right)))
    # "Docker (2 years)" is about Docker alone, whatever statement stands before it.
    own = {x for bracketed, c in read if bracketed for x in c.skills}
    return [c if bracketed else replace(c, skills=tuple(x for x in c.skills if x not in own)) for bracketed, c in read]
