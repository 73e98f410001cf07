"""A pack a chat model drafts from knowledge passages, and the checks that decide what of it survives.

Every key point cites a numbered passage with a quote; a quote that is not verbatim in its passage (whitespace
aside) drops the key point. A subtopic left with too few key points goes, and the questions on it. A rubric point
no key point backs is dropped, and a question left with too few. What remains must pass the pack checker's shape
and backing rules, or the draft is rejected with the checker's reasons.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

from mulakat.packs.checker import (
    BACKED_SHARE,
    MIN_KEY_POINTS,
    MIN_RUBRIC,
    backing,
    check_backing,
    check_shape,
    shingles,
)
from mulakat.packs.loader import KnowledgePack, Question, Subtopic

MIN_QUOTE_WORDS = 3  # shorter quotes ("the cache") would verify anywhere and show nothing


class DraftedKeyPoint(BaseModel):
    text: str = Field(description="One sentence a candidate should know, in your own words.")
    passage: int = Field(description="The number of the passage that supports it.")
    quote: str = Field(description="Words copied exactly from that passage that support the point (4 to 20 words).")


class DraftedSubtopic(BaseModel):
    name: str
    key_points: list[DraftedKeyPoint]


class DraftedQuestion(BaseModel):
    text: str
    subtopic: str = Field(description="The exact name of one of your subtopics.")
    difficulty: int = Field(ge=1, le=3, description="1 basic, 2 working knowledge, 3 advanced.")
    kind: Literal["technical", "design", "behavioral", "coding"] = "technical"
    rubric: list[str] = Field(description="What a good answer says: 2 to 4 points, each restating a key point.")


class DraftedPack(BaseModel):
    """Interview study notes on one skill, every key point citing a passage."""

    title: str
    summary: str
    subtopics: list[DraftedSubtopic]
    questions: list[DraftedQuestion]


@dataclass(frozen=True)
class Passage:
    """A knowledge-store passage shown to the model under its number (1-based)."""

    source: str
    title: str
    text: str


class Citation(BaseModel):
    """Where one key point of a drafted pack comes from: a passage and the words of it that support the point."""

    subtopic: str
    key_point: str
    source: str
    title: str
    quote: str


@dataclass
class CheckedDraft:
    pack: KnowledgePack
    citations: list[Citation]
    dropped: list[str] = field(default_factory=list)
    """What the checks removed from the model's answer, each with why."""
    problems: list[str] = field(default_factory=list)
    """Why what remains is not a pack; empty when it is one."""

    @property
    def cited_sources(self) -> list[str]:
        return list(dict.fromkeys(c.source for c in self.citations))


def _flat(text: str) -> str:
    return " ".join(text.split())


def quote_problem(point: DraftedKeyPoint, passages: list[Passage]) -> str | None:
    """Why a key point's citation does not hold, or None when its quote is verbatim in the passage it names."""
    if not 1 <= point.passage <= len(passages):
        return f"it cites passage {point.passage}, and there are {len(passages)}"
    quote = _flat(point.quote)
    if len(quote.split()) < MIN_QUOTE_WORDS:
        return f"its quote {point.quote!r} is under {MIN_QUOTE_WORDS} words"
    if quote not in _flat(passages[point.passage - 1].text):
        return f"its quote {point.quote!r} is not in passage {point.passage}"
    if shingles(point.text) & shingles(passages[point.passage - 1].text):
        return "it copies the passage instead of restating it"
    return None


def _key_points(
    drafted: DraftedPack, passages: list[Passage], dropped: list[str]
) -> tuple[list[Subtopic], list[Citation]]:
    subtopics, citations = [], []
    for sub in drafted.subtopics:
        kept: list[Citation] = []
        for point in sub.key_points:
            problem = quote_problem(point, passages)
            if problem:
                dropped.append(f"key point {point.text!r} in {sub.name!r}: {problem}")
                continue
            cited = passages[point.passage - 1]
            kept.append(
                Citation(
                    subtopic=sub.name,
                    key_point=point.text,
                    source=cited.source,
                    title=cited.title,
                    quote=_flat(point.quote),
                )
            )
        if len(kept) < MIN_KEY_POINTS:
            dropped.append(f"subtopic {sub.name!r}: {len(kept)} key points with a verified quote")
            continue
        subtopics.append(Subtopic(name=sub.name, key_points=[c.key_point for c in kept]))
        citations += kept
    return subtopics, citations


def _questions(drafted: DraftedPack, subtopics: list[Subtopic], dropped: list[str]) -> list[Question]:
    names = {s.name for s in subtopics}
    key_points = [k for s in subtopics for k in s.key_points]
    questions = []
    for q in drafted.questions:
        if q.subtopic not in names:
            dropped.append(f"question {q.text!r}: its subtopic {q.subtopic!r} is not in the pack")
            continue
        rubric = []
        for point in q.rubric:
            share = backing(point, key_points)
            if share < BACKED_SHARE:
                dropped.append(f"rubric point {point!r} of {q.text!r}: {share:.0%} of its words in one key point")
            else:
                rubric.append(point)
        if len(rubric) < MIN_RUBRIC:
            dropped.append(f"question {q.text!r}: {len(rubric)} backed rubric points")
            continue
        questions.append(
            Question(text=q.text, kind=q.kind, difficulty=q.difficulty, subtopic=q.subtopic, rubric=rubric)
        )
    return questions


def check_draft(skill: str, drafted: DraftedPack, passages: list[Passage]) -> CheckedDraft:
    """Keep what the passages back; say what was dropped, and why what is left is not yet a pack, if it is not."""
    dropped: list[str] = []
    subtopics, citations = _key_points(drafted, passages, dropped)
    questions = _questions(drafted, subtopics, dropped)
    pack = KnowledgePack(
        skill=skill, title=drafted.title, summary=drafted.summary, subtopics=subtopics, questions=questions
    )
    return CheckedDraft(pack, citations, dropped, pack_problems(pack))


def pack_problems(pack: KnowledgePack) -> list[str]:
    """The pack checker's shape and backing rules. A draft's references are its cited passages, kept per key point,
    so the checker's rule on https references is applied when a draft is exported, not here."""
    return [p.detail for p in [*(p for p in check_shape(pack) if p.rule == "shape"), *check_backing(pack)]]
