"""Simulated candidates' answers for the practice and load benchmarks: different per candidate and per turn.

A benchmark that pastes rubric points back hits the embedding cache and the best grading path every time,
and a fixed weak answer is stopped by the honesty gate before any embedding. These answers are written
from our own templates and word choices: partly right ones name a few of a point's words in a new order
and wording, never a rubric point verbatim; wrong, off-topic and empty-ish ones are mixed in, and lengths
vary. Everything is seeded by (candidate, turn), so a run is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from mulakat.practice.answer_text import STOPWORDS

# How often each kind of answer comes up; the weak kinds are what people really send on a bad day.
KINDS = {"partly right": 0.5, "wrong": 0.2, "off topic": 0.1, "empty-ish": 0.2}
# A rubric point longer than this never appears verbatim in an answer.
LONGEST_QUOTE = 20
# The verdicts the honesty gate gives before any embedding.
GATED = frozenset({"empty", "dont_know", "gibberish", "copied_question"})

_OPENERS = (
    "I think it comes down to {w}.",
    "From what I remember, {w} is the part that matters most.",
    "In practice you look at {w}, and that usually covers it.",
    "The way I would explain it: {w}.",
    "Mostly {w}, if I had to sum it up.",
    "It has to do with {w}, at least in the code I have worked on.",
)
_MORE = (
    "There is also {w} to keep in mind.",
    "Then {w} matters too.",
    "On top of that, {w}.",
    "And I would not forget {w}.",
)
_WRONG = (
    "{a} is only a naming convention; nothing checks it at run time.",
    "{a} and {b} are the same thing, so it does not matter which you use.",
    "You should avoid {a} entirely, it always makes things slower than {b}.",
    "{a} is handled by the database, so the application never sees {b}.",
    "{b} replaced {a} years ago, nobody uses {a} now.",
)
_OFF_TOPIC = (
    "I would first ask the team what the deadline is and plan backwards from there.",
    "My favourite project was a small tool for booking meeting rooms.",
    "Good communication solves most of these problems in my experience.",
    "We used Jira for everything and kept the sprints to two weeks.",
    "Honestly I enjoy the product side more than the technical side.",
)
_EMPTY_ISH = ("not sure", "no idea, sorry", "hmm", "pass", "I can't remember right now.", "?", "dunno", "")
_FILLER = (
    "We ran into this on a service with about {n} users.",
    "It took me about {m} weeks to get comfortable with it.",
    "I saw it go wrong once in a review, and we fixed it the same week.",
    "Our team of {m} people argued about this more than once.",
    "I read about it again {m} days ago, so it is fairly fresh.",
    "It depends a little on the project, of course.",
    "Our main repository has around {n} files that touch this.",
)


def _words(text: str) -> list[str]:
    seen: list[str] = []
    for word in re.findall(r"[A-Za-z][\w.#+-]*[\w#+]|[A-Za-z]", text):
        if len(word) > 2 and word.lower() not in STOPWORDS and word.lower() not in (w.lower() for w in seen):
            seen.append(word)
    return seen


def _named(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _partly_right(rubric: Sequence[str], question: str, rng: random.Random) -> str:
    """A few content words of one or two points, reordered, in our own sentences."""
    points = rng.sample(list(rubric), k=min(len(rubric), rng.choice((1, 1, 2)))) if rubric else [question]
    sentences = []
    for k, point in enumerate(points):
        words = _words(point) or _words(question) or ["it"]
        picked = rng.sample(words, k=min(len(words), rng.randint(1, 3)))
        template = rng.choice(_OPENERS if k == 0 else _MORE)
        sentences.append(template.format(w=_named([w.lower() for w in picked])))
    return " ".join(sentences)


def simulated_answer(question: str, rubric: Sequence[str], candidate: int, turn: int) -> tuple[str, str]:
    """(kind, text) of candidate's answer at this turn; never a rubric point of over LONGEST_QUOTE characters."""
    rng = random.Random(f"{candidate}:{turn}")
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    if kind == "empty-ish":
        return kind, rng.choice(_EMPTY_ISH)
    if kind == "off topic":
        body = rng.choice(_OFF_TOPIC)
    elif kind == "wrong":
        terms = (_words(question) or ["it"]) * 2
        body = rng.choice(_WRONG).format(a=terms[0].lower(), b=terms[1].lower())
    else:
        body = _partly_right(rubric, question, rng)
    # Fixed sentences would repeat across candidates: each of these answers gets at least one aside, most with numbers.
    least = 0 if kind == "partly right" else 1
    fillers = [
        f.format(n=rng.randint(20, 9000), m=rng.randint(2, 40)) for f in rng.sample(_FILLER, k=rng.randint(least, 3))
    ]
    text = " ".join([body, *fillers]) if rng.random() < 0.5 else " ".join([*fillers, body])
    quoted = verbatim_points(text, rubric)
    if quoted:
        raise AssertionError(f"simulated answer quotes the rubric: {quoted}")
    return kind, text


def verbatim_points(answer: str, rubric: Sequence[str], longer_than: int = LONGEST_QUOTE) -> list[str]:
    """Rubric points of more than `longer_than` characters that the answer repeats word for word."""
    lowered = answer.lower()
    return [p for p in rubric if len(p) > longer_than and p.lower().rstrip(".") in lowered]
