"""Lines of a posting that state no need of the candidate: the company, benefits, pay, location, the hiring
process, equal opportunity. A recruiter reads these as context and lists no requirement from them, whatever
heading they stand under ("World renown leadership and room to grow" is an offer, not a leadership need)."""

from __future__ import annotations

import re

# Whatever else such a line says, it is about the offer, the process or the law, not the candidate's skills.
_NO_NEED = re.compile(
    r"(?i)("
    # equal opportunity
    r"equal (?:employment )?opportunit|without regard to|affirmative action|reasonable accommodation|"
    r"regardless of (?:race|gender|age|religion|sex|background|disability)|"
    r"\b(?:race|religion|national origin|sexual orientation|gender identity|veteran status)\b.*"
    r"\b(?:race|religion|national origin|sexual orientation|gender identity|veteran status|disability)\b|"
    # the hiring process
    r"\bhow to apply\b|\bto apply for\b|\bapply (?:now|here|online|today|by|via|through|for this)\b|cover letter|"
    r"curriculum vitae|"
    r"\b(?:send|submit|upload) (?:us )?your (?:cv|resume|résumé|application)|\bapplication (?:deadline|process|form)\b|"
    r"(?:interview|recruitment|hiring|selection) process|the file must include|background check|"
    r"\bsponsor(?:ing|ship)?\b|\bvisa\b|employment authori[sz]ation|for (?:more|further) information|"
    r"questions (?:about|regarding) the (?:position|role|job)|\bshortlist|"
    # pay and benefits
    r"\bsalary\b|\bper (?:annum|year|hour|month)\b|[$€£]\s?\d|\bcompensation\b|\bpay (?:range|scale|band)\b|"
    r"stock options|\bpension\b|\bwe offer\b|\bwe provide\b|\bwhat we offer\b|\bour offer\b|\bbenefits\b|\bperks\b|"
    r"paid (?:leave|time off|vacation|holidays?)|\bvacation\b|\bholidays?\b|health (?:insurance|care)|"
    r"(?:learning|training|education) budget|room (?:to|for) grow|career (?:growth|development|progression|path)|"
    r"opportunit(?:y|ies) (?:to|for) (?:grow|develop|learn|advance)|professional (?:growth|development)|"
    r"work-life balance|flexible (?:working|work|hours|schedule)|remote-first|home office|relocation package|"
    r"free (?:lunch|food|snacks|coffee|fruit)|world[- ]renown|team events|\bremote work\b|\bwork(?:ing)? remotely\b|"
    # location
    r"^\s*location\b|\b(?:based|located|headquartered) in\b|\boffices? in\b"
    r")"
)
# About the company or its product; such a line is context unless it also speaks to the candidate.
_COMPANY = re.compile(
    # "We are working with C# and AWS" names the job's tools, not the company.
    r"(?i)\b(we(?:'re| are(?! (?:\w+ )?(?:working with|using))| believe| embrace| value| help| serve| aim| strive|"
    r" always)|"
    r"our (?:company|mission|vision|culture|values|customers|clients|offices?|people|employees|story|history)|"
    r"founded|since (?:19|20)\d\d|is home to|(?:is|are) (?:a|an|the) (?:leading|global|world|fast|rapidly)|"
    r"(?:our|\d[\d,.]*\+?) (?:[\w,.]+ ){0,4}(?:team members|employees|colleagues|staff members)|"
    r"culture of|our culture)"
)
NEED = re.compile(
    r"(?i)\b(you|your|experience[d]?|knowledge|skill(?:s|ed)?|abilit(?:y|ies)|able to|proficien\w*|familiar\w*|"
    r"required?|requirements?|must|should|years?|degree|understanding|expertise|background in|candidates?|"
    r"looking for|we need|we expect|responsib\w*|hands-on)\b"
)
# "Washington D.C.", "U.S.": a short line holding an initialism with dots, read as a place.
_PLACE = re.compile(r"\b(?:[A-Z]\.){2,}")


def states_no_need(clause: str) -> bool:
    """True when a posting's line is about the company, the offer, pay, location, process or equal opportunity."""
    if _NO_NEED.search(clause):
        return True
    if _PLACE.search(clause) and len(clause.split()) <= 4:
        return True
    return bool(_COMPANY.search(clause)) and not NEED.search(clause)


# A job board's fields about the listing, not the candidate: "Industry:" then "Banking IT Consulting" names the
# employer's market, not a skill asked for. The "Technologies" field has no colon there and is left alone.
_LISTING_FIELD = re.compile(
    r"(?im)^[ \t]*(?:industry|industries|company (?:size|type)|job type|role|location options|compensation|"
    r"date posted|likes|employment type|contract type|department)[ \t]*:[ \t]*"
)


def in_listing_field(text: str, at: int) -> bool:
    """Whether `at` sits in the value of a listing field: on the field's own line, or on the line after it."""
    line_start = text.rfind("\n", 0, at) + 1
    same_line = _LISTING_FIELD.match(text, line_start)
    # "Role: build Python services" describes the work; only a role field on its own line is the board's label.
    if same_line is not None and not same_line.group().strip().lower().startswith("role"):
        return True
    if line_start == 0:
        return False
    previous = text.rfind("\n", 0, line_start - 1) + 1
    field = _LISTING_FIELD.match(text, previous)
    return field is not None and not text[field.end() : line_start - 1].strip()


_OPENS_OFFER = re.compile(
    r"(?i)\b(?:job benefits|benefits|what we offer|we offer|perks|company description|about us)\s*:"
)
LONG_CLAUSE = 200
WINDOW = 60


def no_need_around(text: str, left: int, right: int, start: int, end: int) -> bool:
    """Whether the clause text[left:right] holding a mention at [start, end) states no need.

    A clause longer than LONG_CLAUSE is a run-on line (a whole posting pasted as one line): there only the
    words just before the mention and the mention itself speak for it, since an inline "We offer:" or
    "Benefits:" starts the offer and says nothing of the tasks listed before it.
    """
    if right - left > LONG_CLAUSE:
        left, right = max(left, start - WINDOW), end
    # "... big data tools ( ETL ) Job benefits:": an offer that opens after the mention says nothing of it.
    opens = _OPENS_OFFER.search(text, end, right)
    if opens is not None:
        right = opens.start()
    return states_no_need(text[left:right])
