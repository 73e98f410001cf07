"""Cut an answer into what grading compares: content words (lightly stemmed), sentences and candidate spans."""

from __future__ import annotations

import re

# A long sentence is also cut into windows of this many words, one every WINDOW_STRIDE words; at most MAX_SPANS
# spans are embedded per answer.
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
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,]\d+)?%?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


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
