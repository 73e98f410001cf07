"""The pack checker: what every knowledge pack must be before a candidate studies from it.

One function per rule, each returning readable problems, so `mulakat packs check` and the tests say exactly what
to fix. The same checks apply to a pack a chat model drafts, before an operator may promote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mulakat.packs.loader import KnowledgePack
from mulakat.skills.taxonomy import Taxonomy

MIN_SUBTOPICS = 3
MIN_KEY_POINTS = 2
MIN_QUESTIONS = 6
MIN_RUBRIC = 2
# A rubric point is backed when one key point holds at least this share of its content words.
BACKED_SHARE = 0.5
STEM = 5  # words compare by their first letters: "caching" and "cached" meet, "cache" and "catch" do not
SHINGLE = 12  # a run of this many words shared with a corpus counts as copied; shorter runs catch stock
# phrasings ("tell me about a time you had to") that no one owns

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.-]*[a-z0-9+#]|[a-z0-9]")
# fmt: off
_STOP = frozenset((
    "a", "an", "the", "and", "or", "but", "if", "then", "than", "that", "this", "these", "those", "there", "their",
    "they", "them", "it", "its", "of", "to", "in", "on", "at", "by", "for", "from", "with", "without", "into",
    "onto", "over", "under", "about", "as", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
    "done", "has", "have", "had", "can", "could", "should", "would", "may", "might", "must", "will", "shall", "not",
    "no", "nor", "so", "such", "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "you",
    "your", "we", "our", "us", "one", "ones", "each", "every", "any", "some", "all", "both", "more", "most", "less",
    "least", "other", "another", "same", "own", "very", "just", "also", "only", "even", "use", "uses", "used",
    "using", "via", "per", "e.g", "i.e", "etc",
))
# fmt: on


@dataclass(frozen=True)
class Problem:
    pack: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.pack}: [{self.rule}] {self.detail}"


def content_stems(text: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(text.lower()) if w not in _STOP and (len(w) > 2 or w in {"c", "r", "go"})}


def backing(point: str, key_points: Iterable[str]) -> float:
    """The largest share of a rubric point's content words that one key point holds."""
    wanted = content_stems(point)
    if not wanted:
        return 1.0
    return max((len(wanted & content_stems(k)) / len(wanted) for k in key_points), default=0.0)


def check_shape(pack: KnowledgePack) -> list[Problem]:
    out = []
    if len(pack.subtopics) < MIN_SUBTOPICS:
        out.append(Problem(pack.skill, "shape", f"{len(pack.subtopics)} subtopics, at least {MIN_SUBTOPICS} wanted"))
    for sub in pack.subtopics:
        if len(sub.key_points) < MIN_KEY_POINTS:
            out.append(Problem(pack.skill, "shape", f"subtopic {sub.name!r} has {len(sub.key_points)} key points"))
    if len(pack.questions) < MIN_QUESTIONS:
        out.append(Problem(pack.skill, "shape", f"{len(pack.questions)} questions, at least {MIN_QUESTIONS} wanted"))
    names = {s.name for s in pack.subtopics}
    for q in pack.questions:
        if q.subtopic not in names:
            out.append(Problem(pack.skill, "shape", f"question {q.text!r} names no subtopic of the pack"))
        if len(q.rubric) < MIN_RUBRIC:
            out.append(Problem(pack.skill, "shape", f"question {q.text!r} has {len(q.rubric)} rubric points"))
    if not pack.sources:
        out.append(Problem(pack.skill, "sources", "no reference a reader can check the facts against"))
    for ref in pack.sources:
        if not ref.url.startswith("https://"):
            out.append(Problem(pack.skill, "sources", f"{ref.url!r} is not an https address"))
    return out


def check_backing(pack: KnowledgePack) -> list[Problem]:
    """Every rubric point restates a key point of its own pack: grading never asks for what the notes never teach."""
    key_points = [k for sub in pack.subtopics for k in sub.key_points]
    return [
        Problem(pack.skill, "backing", f"rubric point {point!r} ({share:.0%} of its words in one key point)")
        for q in pack.questions
        for point in q.rubric
        if (share := backing(point, key_points)) < BACKED_SHARE
    ]


def check_ids(pack: KnowledgePack, taxonomy: Taxonomy, file_stem: str | None = None) -> list[Problem]:
    """The pack's skill is a taxonomy id, its file is named by it, and its names lead back to it."""
    if pack.skill not in taxonomy.skills:
        return [Problem(pack.skill, "ids", "the skill is not a taxonomy id")]
    out = []
    if file_stem is not None and file_stem != pack.skill:
        out.append(Problem(pack.skill, "ids", f"file {file_stem}.yaml holds the pack of {pack.skill}"))
    skill = taxonomy[pack.skill]
    for form in (skill.name, *skill.aliases, *skill.exact):
        found = taxonomy.resolve(form)
        if found is None or found.id != pack.skill:
            out.append(Problem(pack.skill, "ids", f"the name {form!r} leads to {found.id if found else 'nothing'}"))
    return out


def check_claims(files: Mapping[str, KnowledgePack]) -> list[Problem]:
    """No two pack files claim one skill, and no two packs ask one question (a rubric is found by its question)."""
    owners: dict[str, list[str]] = {}
    askers: dict[str, list[str]] = {}
    for stem, pack in files.items():
        owners.setdefault(pack.skill, []).append(stem)
        for q in pack.questions:
            askers.setdefault(q.text, []).append(stem)
    return [
        *(
            Problem(skill, "claims", f"claimed by {', '.join(sorted(stems))}")
            for skill, stems in owners.items()
            if len(stems) > 1
        ),
        *(
            Problem(stems[0], "claims", f"question {text!r} is asked by {', '.join(sorted(stems))}")
            for text, stems in askers.items()
            if len(stems) > 1
        ),
    ]


def pack_text(pack: KnowledgePack) -> Iterable[str]:
    yield pack.summary
    for sub in pack.subtopics:
        yield from sub.key_points
    for q in pack.questions:
        yield q.text
        yield from q.rubric


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def check_copied(pack: KnowledgePack, corpus: set[tuple[str, ...]]) -> list[Problem]:
    """No run of SHINGLE words is shared with an external corpus: our packs are our own writing."""
    return [
        Problem(pack.skill, "copied", f"{' '.join(next(iter(shared)))!r} … appears in the shared corpora")
        for text in pack_text(pack)
        if (shared := shingles(text) & corpus)
    ]


def check_pack(pack: KnowledgePack, taxonomy: Taxonomy, file_stem: str | None = None) -> list[Problem]:
    return [*check_ids(pack, taxonomy, file_stem), *check_shape(pack), *check_backing(pack)]
