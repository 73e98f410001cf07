"""A drafted pack as a model would answer it, quoting the passages the drafter shows it (or, on request, not)."""

from __future__ import annotations

from typing import Any

from mulakat.packs.drafting import Passage

QUOTE_WORDS = 5
SUBTOPICS = ("Masks and prefixes", "Address planning", "Routing between subnets")
FABRICATED = "subnets are always exactly 256 addresses wide"


def quotes(passages: list[Passage], count: int) -> list[tuple[int, str]]:
    """`count` different runs of QUOTE_WORDS words, each with the 1-based number of the passage it is copied from."""
    found: list[tuple[int, str]] = []
    offset = 0
    while len(found) < count:
        for number, passage in enumerate(passages, start=1):
            words = passage.text.split()
            if offset + QUOTE_WORDS <= len(words):
                found.append((number, " ".join(words[offset : offset + QUOTE_WORDS])))
        if offset + QUOTE_WORDS > max(len(p.text.split()) for p in passages):
            raise ValueError(f"the passages hold fewer than {count} quotes")
        offset += QUOTE_WORDS
    return found[:count]


def key_point(subtopic: int, point: int) -> str:
    """Our own words (so nothing is copied from a passage), distinct per point so rubric points back onto one."""
    return f"Subnetting point {subtopic}{point}: plan address blocks {subtopic}{point} before allocating hosts."


def drafted_pack(passages: list[Passage], *, fabricated: int = 0, verified: int = 2) -> dict[str, Any]:
    """A pack of three subtopics with `verified` key points each quoting a passage, and `fabricated` more in the first
    whose quote no passage holds; six questions whose rubric points restate the verified key points."""
    real = iter(quotes(passages, verified * len(SUBTOPICS)))
    subtopics = []
    for s, name in enumerate(SUBTOPICS, start=1):
        points = []
        for p in range(1, verified + 1):
            number, quote = next(real)
            points.append({"text": key_point(s, p), "passage": number, "quote": quote})
        if s == 1:
            points += [{"text": f"Invented fact {i}.", "passage": 1, "quote": FABRICATED} for i in range(fabricated)]
        subtopics.append({"name": name, "key_points": points})
    questions = [
        {
            "text": f"Question {q} on {name}?",
            "subtopic": name,
            "difficulty": 1 + q % 3,
            "rubric": [key_point(s, p) for p in range(1, min(verified, 2) + 1)],
        }
        for s, name in enumerate(SUBTOPICS, start=1)
        for q in (s, s + 3)
    ]
    summary = "How address blocks are split."
    return {"title": "Subnetting for interviews", "summary": summary, "subtopics": subtopics, "questions": questions}
