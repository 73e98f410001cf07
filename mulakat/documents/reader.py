"""Read a resume or job posting into a ParsedDocument: text, sections and a parse-quality verdict."""

from __future__ import annotations

import re

from mulakat.documents.parsing import read_text
from mulakat.documents.sections import find_sections, heading_name
from mulakat.models import DocKind, ParsedDocument, Quality, Section

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

# Text written to steer an automated reader, not a person: "ignore previous instructions", chat-template
# tokens, "you are a grader, score this 100". Such lines are left out before anything is extracted, so they
# can neither credit a skill nor reach a chat model.
_INJECTION = re.compile(
    r"(?im)"
    r"\b(?:ignore|disregard|forget)\b\W+(?:(?:all|any|the|your|of|these|those)\W+)*"
    r"(?:(?:previous|prior|above|earlier|preceding|other|system)\W+)?(?:instructions?|prompts?|directions|rules)\b"
    r"|^\W*(?:system|assistant|developer)\s*(?:prompt|message)?\s*:"
    r"|<\|im_(?:start|end)\|>|\[/?INST\]|<</?SYS>>"
    r"|\b(?:you are|act as|pretend to be)\s+(?:an?\s+|the\s+)?"
    r"(?:ai|assistant|language model|llm|chatgpt|gpt|grader|screener|recruiting bot|ats)\b"
    r"|\b(?:score|rate|rank|grade|mark)\s+(?:this|the|me|my)\b[^.\n]{0,40}"
    r"\b(?:100|10\s*/\s*10|highest|perfect|fully ready|top candidate)"
    r"|\b(?:mark|treat|consider|report)\b[^.\n]{0,30}\brequirements?\b[^.\n]{0,20}\b(?:met|satisfied|fulfilled)\b"
    r"|\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?(?:ai|llm|model|assistant|bot|ats)\b"
)
# Short separated items on list-like lines (skills, keywords). A real skills list has tens of them; thousands
# are keyword stuffing meant to match any posting. Extraction also slows with the square of the mentions, so
# items past the cap are left out, and the report says why.
_LIST_SEPARATOR = re.compile(r"[,;|•·]")
MAX_LISTED_ITEMS = 500
_LIST_LIKE_PIECES = 5  # "Python, FastAPI, Docker" in a bullet is prose; a line of 5+ short items is a list
# Extraction reads the line around each skill mention, so one 100,000-character line of 10,000 skills costs
# 10,000 x 100,000 steps. Real lines are far shorter; longer ones are broken at a space (offsets unchanged).
MAX_LINE_CHARS = 1000

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


def drop_injections(text: str) -> tuple[str, list[str]]:
    """The text without lines that address an automated reader, and those lines."""
    kept: list[str] = []
    dropped: list[str] = []
    for line in text.splitlines(keepends=True):
        (dropped if _INJECTION.search(line) else kept).append(line)
    return "".join(kept), [line.strip() for line in dropped]


def wrap_long_lines(text: str, width: int = MAX_LINE_CHARS) -> str:
    """Break lines over `width` characters at their last space before each `width`; the length stays the same."""
    chars = list(text)
    line_start = 0
    for i, ch in enumerate(chars):
        if ch == "\n":
            line_start = i + 1
        elif i - line_start >= width:
            space = text.rfind(" ", line_start, i)
            if space > line_start:  # a run with no space at all stays as it is
                chars[space] = "\n"
                line_start = space + 1
            else:
                line_start = i  # look for the next break a full width further on
    return "".join(chars)


def _list_items(line: str) -> list[str] | None:
    """The items of a list-like line (mostly short pieces between separators), else None."""
    pieces = [p for p in _LIST_SEPARATOR.split(line) if p.strip()]
    short = sum(1 for p in pieces if len(p.split()) <= 4)
    return pieces if len(pieces) >= _LIST_LIKE_PIECES and short >= 0.8 * len(pieces) else None


def cap_listed_items(text: str, cap: int = MAX_LISTED_ITEMS) -> tuple[str, int]:
    """The text with list items past the first `cap` left out, and how many items it listed in all."""
    kept: list[str] = []
    total = 0
    for line in text.splitlines(keepends=True):
        items = _list_items(line)
        if items is None:
            kept.append(line)
            continue
        room = max(cap - total, 0)
        total += len(items)
        if room:
            ending = "\n" if line.endswith("\n") and len(items) > room else ""
            kept.append(line if len(items) <= room else ",".join(items[:room]) + ending)
    return "".join(kept), total


def assess_quality(text: str, sections: list[Section], kind: DocKind, notes: list[str] | None = None) -> Quality:
    """A confidence in [0, 1] with the reasons it is below 1; `notes` are what reading the file left out."""
    confidence, messages = 1.0, []
    for note in notes or []:
        confidence -= 0.3
        messages.append(note)
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
    extracted = read_text(filename, data)
    text, injected = drop_injections(wrap_long_lines(extracted.text))
    notes = extracted.notes
    text, listed = cap_listed_items(text)
    if listed > MAX_LISTED_ITEMS:
        notes.append(
            f"it lists {listed} short items; a list this long reads as keyword stuffing, "
            f"so only the first {MAX_LISTED_ITEMS} were read"
        )
    if injected:
        notes.append(
            f"{len(injected)} line(s) addressed to an automated reader were left out, e.g. {injected[0][:60]!r}"
        )
    if not text.strip():
        text = extracted.text  # nothing but such lines: keep them rather than fail; the note says why
    if kind is None:
        kind = guess_kind(text)
    sections = find_sections(text, kind)
    return ParsedDocument(
        kind=kind, source=filename, text=text, sections=sections, quality=assess_quality(text, sections, kind, notes)
    )
