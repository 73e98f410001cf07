"""Signals read from text: dated roles, years asked, proficiency and seniority cues, degrees, clauses."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mulakat.models import ParsedDocument

_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WHEN = rf"(?:(?:{_MONTH}\s+|\d{{1,2}}[/.])?{_YEAR}(?:,?\s+{_MONTH}(?![a-z]))?)"
_NOW = r"(?:present|now|current|currently|today|ongoing)"
# "2019 - 2021", "Jan 2020 – Present", "03/2018 to 05/2021", "2021  now" (a dash lost in conversion).
# The separator may be lost in conversion: "Apr 2020Jun 2020" is a range too.
DATE_RANGE = re.compile(rf"(?i)\b({_WHEN})(?:\s*(?:-|–|—|to|until)\s*|\s+|(?={_MONTH}))({_WHEN}|{_NOW})\b")
# A role dated by one year at the start of its line: "2018 Hillel IT school, PHP developer".
_YEAR_LINE = re.compile(rf"(?im)^[ \t•*-]*((?:{_MONTH}\s+)?{_YEAR})\b(?!\s*(?:-|–|—|to)\s*\S)(?=.*[A-Za-z])")
MIN_YEARS = re.compile(r"(?i)\b(\d{1,2})\s*(?:\+|plus)?\s*(?:-|–|to)?\s*(?:\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b")
NICE_CUES = re.compile(
    r"(?i)\b(nice[- ]to[- ]have|preferred|preferably|bonus|a plus|is a plus|are a plus|plus if|ideally|"
    r"desirable|good to have|advantage|familiarity with|exposure to)\b"
)


@dataclass(frozen=True)
class Role:
    start: int
    end: int
    first_year: int
    last_year: int


def _year_of(token: str, today: date) -> int:
    found = re.search(_YEAR, token)
    return int(found.group()) if found else today.year


def find_roles(doc: ParsedDocument, today: date | None = None) -> list[Role]:
    """Roles are the experience-section blocks that open with a date range."""
    today = today or date.today()
    spans = [s for s in doc.sections if s.name == "experience"] or doc.sections
    roles: list[Role] = []
    for section in spans:
        hits = list(DATE_RANGE.finditer(doc.text, section.start, section.end))
        if not hits:
            hits = list(_YEAR_LINE.finditer(doc.text, section.start, section.end))
        for i, hit in enumerate(hits):
            first = _year_of(hit.group(1), today)
            last = _year_of(hit.group(2), today) if hit.re is DATE_RANGE else first
            if last < first or first > today.year:
                continue
            line_start = doc.text.rfind("\n", section.start, hit.start()) + 1
            end = section.end
            if i + 1 < len(hits):  # up to the line where the next role's dates are
                end = doc.text.rfind("\n", line_start, hits[i + 1].start()) + 1 or hits[i + 1].start()
            roles.append(Role(max(line_start, section.start), max(end, hit.end()), first, last))
    return roles


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding [start, end), narrowed to its sentence when the line is long; stripped."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right == -1 else right
    if right - left > 240:
        dot = max(text.rfind(". ", left, start), text.rfind("; ", left, start))
        left = dot + 2 if dot != -1 else left
        after = [i for i in (text.find(". ", end, right), text.find("; ", end, right)) if i != -1]
        right = min(after) + 1 if after else right
    while left < right and text[left] in " \t\u2022-*•·●▪☞⌲→":
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def job_title(doc: ParsedDocument) -> str | None:
    """The first short line of the posting, if it reads like a title."""
    for line in doc.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 80 and not line.endswith(".") else None
    return None


LEVEL_ORDER = ("familiar", "proficient", "expert")
_LEVELS = (
    (
        "expert",
        re.compile(
            r"(?i)\b(expert|expertise|advanced|deep (?:knowledge|understanding|expertise)|extensive|"
            r"mastery|in-depth|authority)\b"
        ),
    ),
    (
        "proficient",
        re.compile(
            r"(?i)\b(proficien\w*|strong|solid|hands-on|fluent|good (?:knowledge|understanding)|"
            r"thorough|professional experience)\b"
        ),
    ),
    (
        "familiar",
        re.compile(
            r"(?i)\b(familiar\w*|basic|exposure|some experience|working knowledge|beginner|"
            r"understanding of|awareness)\b"
        ),
    ),
)
_SENIORITY = (
    ("principal", r"principal|distinguished"),
    ("staff", r"staff"),
    ("lead", r"lead|tech lead|team lead|head of|manager|director"),
    ("senior", r"senior|sr\.?|experienced"),
    ("mid", r"mid[- ]level|intermediate|mid"),
    ("junior", r"junior|jr\.?|entry[- ]level|graduate|associate"),
    ("intern", r"intern|internship|trainee|working student"),
)
_DEGREE = re.compile(
    r"(?i)\b(?P<degree>ph\.?\s?d\.?|doctorate|doctoral|m\.?\s?sc\.?|master'?s?(?: degree)?|m\.?s\.?(?= in)|mba|"
    r"b\.?\s?sc\.?|bachelor'?s?(?: degree)?|b\.?s\.?(?= in)|b\.?a\.?(?= in)|b\.?\s?eng\.?|m\.?\s?eng\.?|"
    r"(?:university|college) degree|degree)\b(?P<field>[^.\n;]{0,80})"
)


def level_cue(clause: str) -> str | None:
    """The proficiency a clause claims or asks for: expert, proficient or familiar."""
    for level, pattern in _LEVELS:
        if pattern.search(clause):
            return level
    return None


def seniority(text: str) -> str | None:
    """The most senior level named in a title or heading line."""
    for level, words in _SENIORITY:
        if re.search(rf"(?i)\b(?:{words})\b", text):
            return level
    return None


@dataclass(frozen=True)
class Degree:
    level: str
    start: int
    end: int


def find_degrees(text: str) -> list[Degree]:
    """Degree mentions with their level: phd, master, bachelor or degree (unspecified)."""
    found = []
    for m in _DEGREE.finditer(text):
        raw = m.group("degree").lower().replace(".", "").replace(" ", "")
        level = (
            "phd"
            if raw.startswith(("phd", "doctor"))
            else "master"
            if raw.startswith(("m", "mba"))
            else "bachelor"
            if raw.startswith("b")
            else "degree"
        )
        left, right = clause_span(text, m.start(), m.end())
        found.append(Degree(level, left, right))
    return found


def role_heading(line: str) -> tuple[str | None, str | None]:
    """(title, employer) from a role's heading line, dates removed: 'Engineer, Acme (2019 - 2021)'."""
    rest = DATE_RANGE.sub(" ", line)
    rest = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", rest).strip(" \t-–—|:,#*")
    parts = [p.strip(" -–—|:,") for p in re.split(r"\s+(?:at|@)\s+|\s*[,|–—]\s*|\s+-\s+", rest) if p.strip(" -–—|:,")]
    if not parts:
        return None, None
    return parts[0], (parts[1] if len(parts) > 1 else None)
