"""Token features for the skill tagger's CRFs, shared by tagging and training (one place to change them)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mulakat.taxonomy import Taxonomy

_TOKEN = re.compile(r"\S+")
_LEAD = "([{\"'“‘"
_TRAIL = ")]}\"'”’,;:!?"


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Whitespace tokens with edge punctuation split off ("(Docker," -> "(", "Docker", ",")."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        start, end = m.start(), m.end()
        lead: list[Token] = []
        while end - start > 1 and text[start] in _LEAD:
            lead.append(Token(text[start], start, start + 1))
            start += 1
        trail: list[Token] = []
        while end - start > 1 and (
            text[end - 1] in _TRAIL or (text[end - 1] == "." and "." not in text[start : end - 1])
        ):
            trail.insert(0, Token(text[end - 1], end - 1, end))
            end -= 1
        tokens += [*lead, Token(text[start:end], start, end), *trail]
    return tokens


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "X", word)
    shape = re.sub(r"[a-z]+", "x", shape)
    return re.sub(r"[0-9]+", "d", shape)


def taxonomy_marks(text: str, tokens: list[Token], taxonomy: Taxonomy) -> list[str]:
    """B/I/O per token for taxonomy mentions, with the skill's category (a strong hint for the CRF)."""
    marks = ["O"] * len(tokens)
    spans = list(taxonomy.find(text))
    j = 0
    for i, tok in enumerate(tokens):
        while j < len(spans) and spans[j].end <= tok.start:
            j += 1
        if j < len(spans) and spans[j].start < tok.end:
            category = taxonomy[spans[j].skill].category
            marks[i] = ("B-" if tok.start <= spans[j].start else "I-") + category
    return marks


def features(tokens: list[Token], marks: list[str]) -> list[list[str]]:
    words = [t.text for t in tokens]
    rows: list[list[str]] = []
    for i, word in enumerate(words):
        low = word.lower()
        row = [
            "bias",
            f"w={low}",
            f"s3={low[-3:]}",
            f"s2={low[-2:]}",
            f"p3={low[:3]}",
            f"sh={_shape(word)}",
            f"tax={marks[i]}",
            f"taxb={marks[i][:1]}",
        ]
        if word.istitle():
            row.append("title")
        if word.isupper() and len(word) > 1:
            row.append("upper")
        if any(c.isdigit() for c in word):
            row.append("digit")
        if not any(c.isalnum() for c in word):
            row.append("punct")
        if i == 0:
            row.append("BOS")
        if i == len(words) - 1:
            row.append("EOS")
        for d in (-2, -1, 1, 2):
            k = i + d
            if 0 <= k < len(words):
                other = words[k].lower()
                row += [f"{d}w={other}", f"{d}sh={_shape(words[k])}", f"{d}tax={marks[k][:1]}"]
        row.append(f"-1w|w={words[i - 1].lower() if i else '^'}|{low}")
        rows.append(row)
    return rows
