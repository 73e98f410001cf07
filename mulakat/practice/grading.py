"""Grade a practice answer against its rubric: quoted key-point coverage, an honesty gate, and STAR for behavioral.

Everything here is deterministic given the embedding function: one batched embed call per graded answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

import numpy as np
from pydantic import BaseModel

Embed = Callable[[list[str]], list[list[float]]]
Verdict = Literal["ok", "empty", "dont_know", "gibberish", "copied_question", "off_topic"]

# Calibrated on 30-seconds-of-interviews (reference answers against their own and an unrelated question's
# goodToHear points, `mulakat eval grading`): a point counts as covered when the blended match reaches this.
COVER_THRESHOLD = 0.45
# Added to the cosine, times the share of the point's content words (lightly stemmed) the span repeats.
LEXICAL_BONUS = 0.2
# Below this best cosine between the answer and the question or any rubric point, the answer is off topic.
OFF_TOPIC_SIMILARITY = 0.3
# Honesty verdicts and answers this short never score above this.
LOW_SCORE_CAP = 10
MIN_CONTENT_WORDS = 3
WINDOW_WORDS = 12
WINDOW_STRIDE = 8
MAX_SPANS = 48

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "then",
        "so",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "he",
        "she",
        "they",
        "them",
        "their",
        "his",
        "her",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "not",
        "no",
        "yes",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "just",
        "very",
        "really",
        "also",
        "too",
        "about",
        "into",
        "over",
        "under",
        "than",
        "more",
        "most",
        "some",
        "any",
        "all",
        "each",
        "other",
        "such",
        "only",
        "own",
        "same",
        "both",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "because",
        "while",
        "until",
        "i'm",
        "it's",
        "don't",
        "can't",
        "won't",
        "isn't",
    ]
)
DONT_KNOW = re.compile(
    r"\b(i\s+)?(do\s*n[o']?t|dont|don't)\s+know\b|\bno\s+(idea|clue)\b|\bnot\s+sure\b|\bidk\b|\bdunno\b"
    r"|^\s*(pass|skip|next|nothing|n/?a|none|\?+)\s*[.!]*\s*$|\b(can't|cannot|can\s+not)\s+(remember|recall|say)\b"
    r"|\bhave\s+n[o']t\s+(learned|studied|used)\b|\bnever\s+(heard|learned|used)\b|\bforgot\b",
    re.IGNORECASE,
)
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?%?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


class KeyPointResult(BaseModel):
    point: str
    covered: bool
    similarity: float
    """Best match between the point and an answer span: cosine plus a bonus for shared content words."""
    quote: str | None
    """answer[start:end] of the span that covers the point; None when it is not covered."""
    start: int | None
    end: int | None


class StarAnalysis(BaseModel):
    situation: str | None
    task: str | None
    action: str | None
    result: str | None
    result_quantified: bool
    missing: list[str]
    """Names of the absent parts, in STAR order."""


class Grade(BaseModel):
    score: int
    coverage: float
    """Fraction of the rubric's key points the answer covers (0 with no rubric)."""
    key_points: list[KeyPointResult]
    missing: list[str]
    verdict: Verdict
    honesty: str | None
    """Why the score is low, in a plain sentence, when the answer could not be credited."""
    star: StarAnalysis | None
    parts: list[tuple[str, float]]
    """How the score was built; the points add up to the score."""
    graded_by: Literal["core", "model"] = "core"
    fallback: bool = False
    """True when a configured chat model failed and the deterministic core's grade is shown instead."""
    dropped_claims: int = 0
    """Model claims dropped because their quote is not in the answer."""


# ---- text units -------------------------------------------------------------------------------------------------


def _stem(word: str) -> str:
    w = word.lower().strip("'’-")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + repl
    return w


def content_stems(text: str) -> list[str]:
    """Lower-cased, lightly stemmed words of a text without stopwords."""
    return [_stem(m.group()) for m in WORD.finditer(text) if m.group().lower() not in STOPWORDS]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-*>#,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-"):
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in pattern.finditer(text, start, end):
        out.append(_trim(text, pos, m.start()))
        pos = m.end()
    out.append(_trim(text, pos, end))
    return [(s, e) for s, e in out if e > s]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets (split on end punctuation and line breaks)."""
    return _pieces(text, 0, len(text), SENTENCE_END)


def answer_spans(text: str) -> list[tuple[int, int]]:
    """Candidate spans that may cover a key point: sentences, and word windows inside long sentences.

    Every span costs an embedding (about 3 ms on two cores), so windows are only cut where a sentence is long.
    """
    spans: list[tuple[int, int]] = []
    for s, e in sentences(text):
        spans.append((s, e))
        words = [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]
        if len(words) > WINDOW_WORDS + WINDOW_STRIDE // 2:
            for i in range(0, len(words) - WINDOW_WORDS + WINDOW_STRIDE, WINDOW_STRIDE):
                window = words[i : i + WINDOW_WORDS]
                spans.append(_trim(text, window[0][0], window[-1][1]))
    unique = list(dict.fromkeys(sp for sp in spans if sp[1] > sp[0]))
    return unique[:MAX_SPANS]


# ---- honesty gate -----------------------------------------------------------------------------------------------


def _wordlike(token: str) -> bool:
    t = token.lower()
    if t.isdigit() or t in STOPWORDS:
        return True
    letters = [c for c in t if c.isalpha()]
    if not letters:
        return False
    vowels = sum(c in "aeiouy" for c in letters)
    if len(letters) >= 3 and not 0.15 <= vowels / len(letters) <= 0.75:
        return False
    if re.search(r"(.)\1\1", t) or re.search(r"[bcdfghjklmnpqrstvwxz]{5,}", t):
        return False
    return not any(
        row[i : i + 4] in t or row[::-1][i : i + 4] in t for row in KEYBOARD_ROWS for i in range(len(row) - 3)
    )


def is_gibberish(text: str) -> bool:
    """Keyboard mash, random letters or mostly non-words (cheap: vowels, repeats, keyboard runs)."""
    tokens = [m.group() for m in WORD.finditer(text)]
    letters = sum(c.isalpha() for c in text)
    if not tokens or letters < 0.5 * len(text.replace(" ", "")):
        return True
    share = sum(_wordlike(t) for t in tokens) / len(tokens)
    lowered = [t.lower() for t in tokens]
    repetitive = len(tokens) >= 4 and len(set(lowered)) / len(tokens) < 0.35
    return share < 0.7 or repetitive


def _is_dont_know(text: str) -> bool:
    match = DONT_KNOW.search(text)
    if match is None:
        return False
    rest = text[: match.start()] + " " + text[match.end() :]
    return len(content_stems(rest)) < 6


def _is_copied(question: str, answer: str) -> bool:
    asked = set(content_stems(question))
    said = content_stems(answer)
    if not said or not asked:
        return False
    new = [w for w in said if w not in asked]
    return len(new) <= max(2, 0.2 * len(said))


def _gate(question: str, answer: str) -> tuple[Verdict, str] | None:
    if not answer.strip():
        return "empty", "No answer was given, so nothing can be credited."
    if _is_dont_know(answer):
        return "dont_know", "The answer says you do not know; that is honest, but it earns no credit yet."
    if is_gibberish(answer):
        return "gibberish", "The answer is not made of recognisable words, so nothing in it can be credited."
    if _is_copied(question, answer):
        return "copied_question", "The answer repeats the question's own words and adds nothing to credit."
    return None


# ---- STAR -------------------------------------------------------------------------------------------------------

STAR_CUES: dict[str, re.Pattern[str]] = {
    "situation": re.compile(
        r"\b(when i was|while i was|while working|at my (last|previous|former|current|old|first) (job|company|role|"
        r"employer|team|internship)|in my (last|previous|former|current) (job|role|position)|our team (had|was)|"
        r"we had|there was|the situation|context|back (when|in)|a few (years|months) ago|last (year|quarter)|"
        r"during (my|a|the|our)|i worked (at|on|as)|i was working|our (company|product|service|system) (had|was))\b",
        re.IGNORECASE,
    ),
    "task": re.compile(
        r"\b(i was responsible|responsible for|my (goal|task|job|role|responsibility|objective) was|the goal was|"
        r"needed to|had to|i was (asked|tasked|assigned|expected)|my goal|my task|the (task|objective|challenge) was|"
        r"i wanted to|we wanted to|was supposed to|in charge of|aim was)\b",
        re.IGNORECASE,
    ),
    "action": re.compile(
        r"\b(i|we)\s+(then\s+|first\s+|also\s+|quickly\s+|finally\s+|personally\s+)?(?!needed\b|wanted\b|used to\b)"
        r"([a-z]+ed|built|led|wrote|made|ran|took|set|drove|began|chose|spoke|met|found|brought|taught|gave|kept|"
        r"held|put|sat|went|did|rewrote|broke|split|cut|sent|got|dug|won|rebuilt|paired)\b",
        re.IGNORECASE,
    ),
    "result": re.compile(
        r"\b(as a result|the result|resulted|in the end|eventually|ultimately|outcome|which led to|led to|"
        r"ended up|reduc\w*|increas\w*|improv\w*|sav(ed|ing)|cut|dropp\w*|grew|decreas\w*|shipped|launched|"
        r"achiev\w*|resolv\w*|succeed\w*|success\w*|on time|fewer|faster|lower|higher|halved|doubled|tripled)\b",
        re.IGNORECASE,
    ),
}
QUANTIFIED = re.compile(
    r"\d|\bpercent\b|\b(twice|double[ds]?|doubled|triple[ds]?|tripled|half|halved|tenfold|"
    r"(one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\s+(times|hours|days|weeks|minutes|percent))\b"
    r"|\b\w+\s+times\s+(faster|slower|more|less|fewer)\b",
    re.IGNORECASE,
)


def analyze_star(answer: str) -> StarAnalysis:
    """Find the situation, task, action and result sentences by cue words; check the result for numbers."""
    found: dict[str, str | None] = dict.fromkeys(STAR_CUES)
    for s, e in sentences(answer):
        sentence = answer[s:e]
        for part, cue in STAR_CUES.items():
            if found[part] is None and cue.search(sentence):
                found[part] = sentence
    result = found["result"]
    return StarAnalysis(
        situation=found["situation"],
        task=found["task"],
        action=found["action"],
        result=result,
        result_quantified=result is not None and QUANTIFIED.search(result) is not None,
        missing=[part for part, quote in found.items() if quote is None],
    )


# ---- grading ----------------------------------------------------------------------------------------------------


def _lexical(point_stems: set[str], span_stems: set[str]) -> float:
    return len(point_stems & span_stems) / len(point_stems) if point_stems else 0.0


def _match_points(
    answer: str, rubric: list[str], spans: list[tuple[int, int]], cos: np.ndarray
) -> list[KeyPointResult]:
    span_stems = [set(content_stems(answer[s:e])) for s, e in spans]
    results = []
    for i, point in enumerate(rubric):
        stems = set(content_stems(point))
        blended = [
            min(1.0, float(cos[i, j]) + LEXICAL_BONUS * _lexical(stems, span_stems[j])) for j in range(len(spans))
        ]
        best = int(np.argmax(blended)) if blended else 0
        similarity = round(blended[best], 3) if blended else 0.0
        covered = similarity >= COVER_THRESHOLD
        s, e = spans[best] if covered else (None, None)
        quote = answer[s:e] if s is not None and e is not None else None
        results.append(KeyPointResult(point=point, covered=covered, similarity=similarity, quote=quote, start=s, end=e))
    return results


def _rounded(parts: list[tuple[str, float]]) -> list[tuple[str, float]]:
    return [(name, float(round(points))) for name, points in parts]


def _no_credit(
    rubric: list[str], verdict: Verdict, honesty: str, kind: str, answer: str, sims: list[float] | None = None
) -> Grade:
    points = [
        KeyPointResult(point=p, covered=False, similarity=sims[i] if sims else 0.0, quote=None, start=None, end=None)
        for i, p in enumerate(rubric)
    ]
    return Grade(
        score=0,
        coverage=0.0,
        key_points=points,
        missing=list(rubric),
        verdict=verdict,
        honesty=honesty,
        star=analyze_star(answer) if kind == "behavioral" else None,
        parts=[(f"no credit: {verdict.replace('_', ' ')}", 0.0)],
    )


def grade_answer(question: str, rubric: list[str], answer: str, embed: Embed, *, kind: str = "technical") -> Grade:
    """Grade an answer: honesty gate first, then key points covered by quoted spans, then STAR if behavioral."""
    gated = _gate(question, answer)
    if gated is not None:
        return _no_credit(rubric, gated[0], gated[1], kind, answer)
    spans = answer_spans(answer)
    targets = [*rubric, question]
    vectors = np.asarray(embed([*targets, *(answer[s:e] for s, e in spans)]), dtype=np.float32)
    cos = vectors[: len(targets)] @ vectors[len(targets) :].T
    key_points = _match_points(answer, rubric, spans, cos)
    relevance = float(cos.max()) if cos.size else 0.0
    covered = [k for k in key_points if k.covered]
    if relevance < OFF_TOPIC_SIMILARITY and not covered:
        off = "The answer does not address the question or any of the points it asks about."
        return _no_credit(rubric, "off_topic", off, kind, answer, [k.similarity for k in key_points])
    coverage = len(covered) / len(rubric) if rubric else 0.0
    if rubric:
        parts = [(f"key points {len(covered)}/{len(rubric)}", 100 * coverage)]
    else:
        # No rubric: credit how closely the answer addresses the question itself.
        parts = [("relevance to the question", 100 * min(1.0, max(0.0, (relevance - 0.3) / 0.4)))]
    star = analyze_star(answer) if kind == "behavioral" else None
    if star is not None:
        present = 4 - len(star.missing)
        parts = [(name, points / 2) for name, points in parts]
        parts.append((f"STAR {present}/4", 40 * present / 4))
        quantified = "quantified result" if star.result_quantified else "result not quantified"
        parts.append((quantified, 10.0 * star.result_quantified))
    parts = _rounded(parts)
    score = int(sum(points for _, points in parts))
    honesty = None
    words = len(content_stems(answer))
    if words < MIN_CONTENT_WORDS and score > LOW_SCORE_CAP:
        parts.append((f"cap: only {words} content word{'s' * (words != 1)}", float(LOW_SCORE_CAP - score)))
        score = LOW_SCORE_CAP
        honesty = f"The answer has only {words} content word{'s' * (words != 1)}; too short to show understanding."
    return Grade(
        score=score,
        coverage=round(coverage, 3),
        key_points=key_points,
        missing=[k.point for k in key_points if not k.covered],
        verdict="ok",
        honesty=honesty,
        star=star,
        parts=parts,
    )
