"""Fit 0-100: how well a posting suits a candidate, meant for comparing postings, built from parts a person
can recompute. Readiness answers "how ready am I for this one"; fit answers "which of these should I choose".

Four parts:
- requirements: credit over the requirements found, must-haves counting twice, pulled towards a low prior
  by a fixed weight, so a posting where few requirements were found does not look easy;
- level: seniority and years asked against shown, penalising under- and over-qualification;
- role: how close the posting's title and opening are to the resume's headline and recent role titles
  (embedding cosine when the caller has an embedder, shared words otherwise);
- content: how much of the resume's work the posting asks for (each resume passage's closest requirement clause).
A part with nothing to compare counts as neutral, never as a perfect match, so postings stay comparable.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from mulakat.assessment.profile import YEAR_BANDS, CandidateProfile, PostingProfile, level_name
from mulakat.assessment.readiness import FREE_TEXT_WEIGHT, counted
from mulakat.models import Component, Fit, RequirementResult

Embed = Callable[[list[str]], list[list[float]]]
NEUTRAL = 0.5  # a part that cannot be judged neither helps nor sinks a posting
TITLE_CHARS = 120


@dataclass(frozen=True)
class FitWeights:
    # The grid's best on the tuning half (odd-numbered Vanetik CVs) of `mulakat eval ranking`, 2026-12-04.
    requirements: float = 0.3
    level: float = 0.2
    role: float = 0.1
    content: float = 0.4
    prior: float = 0.1
    """Credit assumed for what a posting did not state."""
    prior_weight: float = 16.0
    """How much the prior counts, in requirement weights (a must-have weighs 2, a nice-to-have 1)."""
    under_step: float = 0.4
    """Value lost per level the candidate is below the posting's range."""
    over_step: float = 0.3
    """Value lost per level above it: over-qualified is a poor fit too, if a milder one."""
    cosine_low: float = 0.2
    cosine_high: float = 0.7
    """Embedding cosine mapped to 0 at or below `cosine_low` and 1 at or above `cosine_high`."""


DEFAULT_WEIGHTS = FitWeights()
_PRIORITY_WEIGHT = {"must": 2.0, "nice": 1.0}
KEY_KINDS = ("technical", "qualification")


@dataclass(frozen=True)
class _Part:
    value: float
    explanation: str
    phrase: str  # its few words in the one-line reason


def _weight(r: RequirementResult) -> float:
    """Must-haves count twice; a need in the posting's own words half as much as a known skill (as in readiness)."""
    return _PRIORITY_WEIGHT[r.priority] * (1.0 if r.skill_id is not None else FREE_TEXT_WEIGHT)


def requirements_part(results: Sequence[RequirementResult], weights: FitWeights = DEFAULT_WEIGHTS) -> _Part:
    # The key requirements a recruiter compares postings by: skills, tools and qualifications, not soft skills
    # or the work's domain phrases, which every posting asks in its own words.
    units = [r for r in counted(list(results)) if r.kind in KEY_KINDS]
    total = sum(_weight(r) for r in units)
    earned = sum(_weight(r) * r.credit for r in units)
    weight = total + weights.prior_weight
    value = (earned + weights.prior * weights.prior_weight) / weight if weight else weights.prior
    musts = [r for r in units if r.priority == "must"]
    chosen, label = (musts, "must-haves") if musts else (units, "requirements")
    met = sum(r.status == "met" for r in chosen)
    if not units:
        return _Part(value, f"No requirements found; the prior {weights.prior:.2f} stands.", "no requirements found")
    phrase = f"{met}/{len(chosen)} {label} met"
    return _Part(
        value,
        f"{phrase}; mean credit {earned / total:.2f} over {len(units)} technical requirements and qualifications "
        "(must-haves count twice, ones in the posting's own words half), "
        f"pulled towards {weights.prior:.2f} by a prior worth {weights.prior_weight:g} so that few requirements "
        "found do not make a posting look easy.",
        phrase,
    )


def _seniority_value(candidate: CandidateProfile, posting: PostingProfile, weights: FitWeights) -> _Part | None:
    if candidate.level is None or posting.levels is None:
        return None
    lo, hi = posting.levels
    shown = level_name(candidate.level)
    asked = level_name(lo) if lo == hi else f"{level_name(lo)}-{level_name(hi)}"
    under, over = max(0, lo - candidate.level), max(0, candidate.level - hi)
    value = max(0.0, 1.0 - weights.under_step * under - weights.over_step * over)
    if under:
        phrase = f"{shown} for a {asked} posting ({under} level{'s' if under > 1 else ''} under)"
    elif over:
        phrase = f"{shown} for a {asked} posting (over-qualified)"
    else:
        phrase = f"{shown} level matches"
    return _Part(value, f"{shown} (from {candidate.level_source}) for {asked} asked", phrase)


def _years_value(candidate: CandidateProfile, posting: PostingProfile) -> _Part | None:
    if candidate.years is None or (posting.years is None and posting.levels is None):
        return None
    bands = [YEAR_BANDS[posting.levels[0]], YEAR_BANDS[posting.levels[1]]] if posting.levels else []
    asked = posting.years if posting.years is not None else bands[0][0]
    top = max(bands[1][1] if bands else asked + 5, asked + 3)
    shown = candidate.years
    if asked and shown < asked:
        value, how = shown / asked, "short of it"
    elif shown > top:
        value, how = max(0.0, 1.0 - (shown - top) / (top + 4)), f"{shown - top:g} beyond the {top:g} it usually spans"
    else:
        value, how = 1.0, "within range"
    expected = f"{asked:g}+ asked" if posting.years is not None else f"the {asked:g}-{top:g} its level means"
    why = f"{shown:g} years {candidate.years_source} against {expected} ({how})"
    return _Part(value, why, f"{shown:g} years for {asked:g} asked")


def level_part(candidate: CandidateProfile, posting: PostingProfile, weights: FitWeights = DEFAULT_WEIGHTS) -> _Part:
    found = [p for p in (_seniority_value(candidate, posting, weights), _years_value(candidate, posting)) if p]
    if not found:
        silent = posting.levels is None and posting.years is None
        unknown = "the posting states no level or years" if silent else "the resume shows no level or dated years"
        return _Part(NEUTRAL, f"Not comparable: {unknown}; counted as neutral {NEUTRAL:g}.", "level not stated")
    value = sum(p.value for p in found) / len(found)
    return _Part(value, "; ".join(p.explanation for p in found) + ".", found[0].phrase)


_ROLE_WORDS = re.compile(r"[a-z][a-z0-9+#]*")
_ROLE_STOP = {"and", "or", "the", "for", "with", "of", "in", "at", "a", "an", "to", "m", "f", "d", "w", "x"}
_ROLE_SAME = {"engineer": "developer", "programmer": "developer", "dev": "developer", "sw": "software"}


def _role_words(text: str) -> set[str]:
    words = {_ROLE_SAME.get(w, w) for w in _ROLE_WORDS.findall(text.lower())}
    return words - _ROLE_STOP


def role_texts(candidate: CandidateProfile, posting: PostingProfile) -> tuple[str, str] | None:
    """(posting side, resume side) as compared: the posting's title (its opening when it has none) against the
    resume's headline and role lines; None when either side is empty."""
    mine = ". ".join(t for t in (candidate.headline, "; ".join(candidate.titles)) if t)
    theirs = posting.title or posting.summary[:TITLE_CHARS]
    return (theirs, mine) if mine and theirs else None


def role_cosine(embed: Embed, candidate: CandidateProfile, posting: PostingProfile) -> float | None:
    """Cosine of the two sides' embeddings (normalised here, whatever the embedder returns)."""
    texts = role_texts(candidate, posting)
    if texts is None:
        return None
    a, b = embed(list(texts))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return sum(x * y for x, y in zip(a, b, strict=True)) / norm if norm else None


def lexical_similarity(posting_text: str, resume_text: str) -> float:
    """Share of the posting title's words that the resume's headline and role lines use."""
    theirs, mine = _role_words(posting_text), _role_words(resume_text)
    return len(theirs & mine) / len(theirs) if theirs else 0.0


def role_part(
    candidate: CandidateProfile,
    posting: PostingProfile,
    cosine: float | None = None,
    weights: FitWeights = DEFAULT_WEIGHTS,
) -> _Part:
    texts = role_texts(candidate, posting)
    if texts is None:
        return _Part(NEUTRAL, f"Not comparable: no headline or role titles; neutral {NEUTRAL:g}.", "role unknown")
    if cosine is None:
        value = lexical_similarity(*texts)
        why = f"{value:.0%} of the posting title's words appear in the resume's headline and role titles"
    else:
        span = weights.cosine_high - weights.cosine_low
        value = min(1.0, max(0.0, (cosine - weights.cosine_low) / span))
        why = (
            f"embedding cosine {cosine:.2f} between the posting's title and the resume's headline and role titles"
            f" ({weights.cosine_low:g} or less counts 0, {weights.cosine_high:g} or more counts 1)"
        )
    phrase = "role close to yours" if value >= 0.6 else "role somewhat like yours" if value >= 0.3 else "different role"
    return _Part(value, why + ".", phrase)


def passages(text: str) -> list[str]:
    """Lines of four words or more: the unit the resume is indexed by, and the posting compared by."""
    return [line.strip() for line in text.split("\n") if len(line.split()) >= 4]


def content_cosine(embed: Embed, resume_text: str, needs: Sequence[str]) -> float | None:
    """Mean over the resume's passages of the cosine to the closest of the posting's need-stating clauses: how
    much of the candidate's work the posting asks for. None when either side has nothing to compare."""
    mine, theirs = passages(resume_text), list(dict.fromkeys(n for n in needs if n.strip()))
    if not mine or not theirs:
        return None
    vectors = np.asarray(embed(mine + theirs), dtype=float)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1.0, norms)
    best = (vectors[: len(mine)] @ vectors[len(mine) :].T).max(axis=1)
    return float(best.mean())


def content_part(cosine: float | None, weights: FitWeights = DEFAULT_WEIGHTS) -> _Part:
    if cosine is None:
        return _Part(NEUTRAL, f"Not comparable: no passages on one side; neutral {NEUTRAL:g}.", "content unknown")
    span = weights.cosine_high - weights.cosine_low
    value = min(1.0, max(0.0, (cosine - weights.cosine_low) / span))
    phrase = "work close to the posting" if value >= 0.6 else "some of your work fits" if value >= 0.3 else "other work"
    why = (
        f"the resume's passages are, on average, at embedding cosine {cosine:.2f} from the closest clause in which "
        f"the posting states a need ({weights.cosine_low:g} or less counts 0, {weights.cosine_high:g} or more "
        "counts 1)."
    )
    return _Part(value, why, phrase)


def _integer_points(raw: list[float]) -> list[int]:
    """Whole points that add up to the rounded total exactly (largest remainders get the spare points)."""
    total = round(sum(raw))
    floors = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - floors[i]), i))
    for i in order[: max(0, total - sum(floors))]:
        floors[i] += 1
    return floors


def score_fit(
    results: Sequence[RequirementResult],
    candidate: CandidateProfile,
    posting: PostingProfile,
    cosine: float | None = None,
    weights: FitWeights = DEFAULT_WEIGHTS,
    content: float | None = None,
) -> Fit:
    """Deterministic: the same inputs give the same fit, to the point. `cosine` is role_cosine's, `content`
    content_cosine's."""
    parts = {
        "requirements": (weights.requirements, requirements_part(results, weights)),
        "level": (weights.level, level_part(candidate, posting, weights)),
        "role": (weights.role, role_part(candidate, posting, cosine, weights)),
        "content": (weights.content, content_part(content, weights)),
    }
    total = sum(w for w, _ in parts.values())
    raw = [100 * w * p.value / total for w, p in parts.values()]
    points = _integer_points(raw)
    components = [
        Component(name=name, weight=w, value=round(p.value, 4), explanation=p.explanation, points=pts)
        for (name, (w, p)), pts in zip(parts.items(), points, strict=True)
    ]
    reason = ", ".join(p.phrase for _, p in (parts["level"], parts["requirements"], parts["role"]))
    return Fit(score=sum(points), parts=components, reason=reason)
