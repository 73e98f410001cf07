"""Clauses of an answer that say the opposite of a rubric point: a negation, an antonym or a different number.

Each clause of the answer is compared with the clause of the point it shares the most content words with (a
point such as "Security groups support only allow rules; NACLs support allow and deny" has two). A flip is
lexical, so it is found without a model; grading then keeps only flips in sentences that are about the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mulakat.practice.answer_text import clauses
from mulakat.practice.polarity import Assertion, assertion, flips, shared_roots

# Where a rubric point's own clauses part: "X are stateful; Y are stateless", "X while Y", "X but Y".
POINT_CLAUSE_END = re.compile(r";\s*|\s+(?:while|whereas|but)\s+")


@dataclass(frozen=True)
class Flip:
    point: int
    sentence: int
    """Index of the answer sentence the clause is in."""
    start: int
    end: int
    """answer[start:end] is the clause that says the opposite."""
    roots: tuple[str, ...]
    """The words (roots) or quantities it flips."""
    anchors: int
    """Other content words the clause shares with the point's clause: how surely it is about the same thing."""


def point_clauses(point: str) -> list[Assertion]:
    return [assertion(part) for part in POINT_CLAUSE_END.split(point) if part.strip()]


def _flip(parts: list[Assertion], said: Assertion) -> tuple[list[str], int]:
    """The flipped roots against the point's best-aligned clauses (all of them, when several tie), and anchors."""
    overlap = [len(shared_roots(part, said)) for part in parts]
    best = [part for part, n in zip(parts, overlap, strict=True) if n == max(overlap)]
    found = [flips(part, said) for part in best]
    if not all(found):
        return [], 0
    return found[0], len(shared_roots(best[0], said) - set(found[0]))


def find_flips(answer: str, rubric: list[str], sentences: list[tuple[int, int]]) -> list[Flip]:
    """Each (point, clause) where the clause says the opposite of the point: one per point and sentence."""
    points = [point_clauses(p) for p in rubric]
    out: dict[tuple[int, int], Flip] = {}
    for k, (s, e) in enumerate(sentences):
        for cs, ce in clauses(answer, s, e):
            said = assertion(answer[cs:ce])
            for i, parts in enumerate(points):
                roots, anchors = _flip(parts, said)
                if roots and anchors >= getattr(out.get((i, k)), "anchors", -1):
                    out[(i, k)] = Flip(i, k, cs, ce, tuple(roots), anchors)
    return list(out.values())
