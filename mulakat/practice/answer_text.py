"""Cut an answer into what grading compares: content words (lightly stemmed), sentences, clauses and candidate spans."""

from __future__ import annotations

import re

# A span is a sentence or a run of up to CLAUSE_RUN of its clauses. A clause of over twice WINDOW_WORDS words (a
# transcript without commas) is also cut into windows of WINDOW_WORDS words, one every WINDOW_STRIDE words.
# At most MAX_SPANS spans are embedded per answer; the 240 known-subset answers have at most 43.
CLAUSE_RUN = 3
WINDOW_WORDS = 12
WINDOW_STRIDE = 8
MAX_SPANS = 64

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
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?%?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Where a clause ends inside a sentence: semicolons, colons, commas, dashes and arrows between words, and before a
# conjunction that starts a new statement ("..., so", "... but", "... because").
CLAUSE_END = re.compile(
    r"\s*[;:]\s+|,\s+|\s+[-–—]+\s+|\s+->\s+"
    r"|\s+(?=(?:so|but|because|while|whereas|which|since|though|although|otherwise|unless)\b)"
)


def stem(word: str) -> str:
    """A word lower-cased with one common English suffix taken off (enough to match "rules" with "rule")."""
    w = word.lower().strip("'’-")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + repl
    return w


def content_stems(text: str) -> list[str]:
    """Lower-cased, lightly stemmed words of a text without stopwords."""
    return [stem(m.group()) for m in WORD.finditer(text) if m.group().lower() not in STOPWORDS]


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


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause offsets inside text[start:end] (a sentence)."""
    return _pieces(text, start, end, CLAUSE_END)


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= 2 * WINDOW_WORDS:
        return []
    return [
        _trim(text, words[i][0], words[min(i + WINDOW_WORDS, len(words)) - 1][1])
        for i in range(0, len(words) - WINDOW_WORDS + WINDOW_STRIDE, WINDOW_STRIDE)
    ]


def answer_spans(text: str) -> list[tuple[int, int]]:
    """Candidate spans that may make a key point: every clause, every run of up to CLAUSE_RUN clauses, every sentence.

    Clause-level spans let each point quote only the words that make it. Every span costs an embedding (about
    3 ms on two cores), so word windows are only cut where a clause is long.
    """
    spans: list[tuple[int, int]] = []
    for s, e in sentences(text):
        parts = clauses(text, s, e)
        for i, (first, _) in enumerate(parts):
            spans.extend((first, parts[j][1]) for j in range(i, min(len(parts), i + CLAUSE_RUN)))
            spans.extend(_windows(text, *parts[i]))
        spans.append((s, e))
    unique = list(dict.fromkeys(sp for sp in spans if sp[1] > sp[0]))
    return unique[:MAX_SPANS]
