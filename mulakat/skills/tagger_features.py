"""Token features for the skill tagger's CRFs, shared by tagging and training (one place to change them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mulakat.skills.taxonomy import Taxonomy

if TYPE_CHECKING:
    import pycrfsuite

_TOKEN = re.compile(r"\S+")
_LEAD = "([{\"'“‘"
_TRAIL = ")]}\"'”’,;:!?"

# A closed-class word list stands in for a POS tagger: skill spans ("designing scalable services") and
# knowledge spans ("Python", "cloud platforms") sit between function words, and their boundaries do too.
_CLOSED = {
    word: cls
    for cls, words in {
        "DET": "a an the this that these those each every any some all no another such",
        "PREP": "of in on at to for with from by about as into through over under between within without across "
        "via per during including against among upon towards toward",
        "CONJ": "and or but nor yet so & / plus",
        "PRON": "you we i they he she it our your their us them its my his her who which what whom whose",
        "MOD": "can could will would should must may might shall",
        "AUX": "is are was were be been being am have has had do does did",
        "ADV": "very also well highly strongly preferably ideally especially both either not only just",
    }.items()
    for word in words.split()
}
# Words that introduce a requirement ("experience with", "knowledge of", "ability to"); the nearest one
# earlier in the sentence is a feature of every later token.
_CUE_WORDS = (
    "experience experienced knowledge knowledgeable proficiency proficient skills skill ability able understanding "
    "familiarity familiar expertise background competence capable strong excellent good solid working hands-on "
    "degree years fluent fluency command passion passionate responsible responsibilities plus advantage required "
    "requirements qualifications profile tasks expert proven track"
)
_CUES = frozenset(_CUE_WORDS.split())
# Suffix classes: a crude part-of-speech / verb-form cue (gerunds start skills, -tion nouns end them).
_SUFFIX_CLASSES = (
    ("ing", "ING"),
    ("ed", "ED"),
    ("tion", "ION"),
    ("sion", "ION"),
    ("ment", "MENT"),
    ("ity", "ITY"),
    ("ness", "NESS"),
    ("able", "ABLE"),
    ("ible", "ABLE"),
    ("ical", "AL"),
    ("al", "AL"),
    ("ive", "IVE"),
    ("ly", "LY"),
    ("ize", "IZE"),
    ("ise", "IZE"),
    ("ship", "SHIP"),
    ("ous", "OUS"),
    ("ful", "FUL"),
    ("er", "ER"),
    ("or", "ER"),
    ("ist", "ER"),
    ("s", "S"),
)
_OFFSETS = (-3, -2, -1, 1, 2, 3)  # the neighbours a token sees; ±2 was clearly worse on the held-out fold
_RUNS = re.compile(r"(.)\1+")


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


@lru_cache(maxsize=1 << 13)
def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "X", word)
    shape = re.sub(r"[a-z]+", "x", shape)
    return re.sub(r"[0-9]+", "d", shape)


@lru_cache(maxsize=1 << 13)
def _word_class(word: str) -> str:
    low = word.lower()
    if low in _CLOSED:
        return _CLOSED[low]
    if not any(map(str.isalnum, word)):
        return "P" + (word if len(word) == 1 else "")
    if any(map(str.isdigit, word)):
        return "NUM"
    if word.startswith("<") and word.endswith(">"):
        return "MASK"  # SkillSpan's anonymised <ORGANIZATION>, <LOCATION>, ...
    if word.isupper() and len(word) > 1:
        return "ACR"
    for suffix, cls in _SUFFIX_CLASSES:
        if len(low) > len(suffix) + 2 and low.endswith(suffix):
            return cls
    return "W"


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


@lru_cache(maxsize=1 << 13)
def _word_attrs(word: str) -> tuple[str, ...]:
    """Attributes of the word alone; cached, since text repeats its words and tagging time matters."""
    low = word.lower()
    shape = _shape(word)
    attrs = [
        f"w={low}",
        f"s2={low[-2:]}",
        f"s3={low[-3:]}",
        f"s4={low[-4:]}",
        f"p2={low[:2]}",
        f"p3={low[:3]}",
        f"p4={low[:4]}",
        f"sh={shape}",
        "ssh=" + _RUNS.sub(r"\1", shape),
        f"c={_word_class(word)}",
        f"len={min(len(word), 10)}",
    ]
    if word.istitle():
        attrs.append("title")
    if word.isupper() and len(word) > 1:
        attrs.append("upper")
    if any(map(str.isdigit, word)):
        attrs.append("digit")
    if not any(map(str.isalnum, word)):
        attrs.append("punct")
    if "-" in word[1:-1]:
        attrs.append("hyphen")
    if any(map(str.isupper, word[1:])) and any(map(str.islower, word)):
        attrs.append("camel")
    return tuple(attrs)


@lru_cache(maxsize=1 << 14)
def _neighbour_attrs(word: str, d: int) -> tuple[str, ...]:
    """Attributes a word lends the token d places away: the word itself, and near by its shape, class, suffix."""
    low = word.lower()
    if abs(d) > 2:
        return (f"{d}w={low}",)
    return f"{d}w={low}", f"{d}sh={_shape(word)}", f"{d}c={_word_class(word)}", f"{d}s3={low[-3:]}"


def features(tokens: list[Token], marks: list[str]) -> list[list[str]]:
    """CRF attributes per token: the word, its affixes, shape and class, ±3 neighbours, word bigrams,
    taxonomy marks, and sentence context (position, length, the nearest earlier cue word, parentheses)."""
    n = len(tokens)
    words = [t.text for t in tokens]
    lows = [w.lower() for w in words]
    classes = [_word_class(w) for w in words]
    tax = [m[:1] for m in marks]
    padded = ["^", "^", *lows, "$", "$"]  # index i + 2, for the bigrams
    sent_len = "slen=" + ("short" if n <= 6 else ("mid" if n <= 20 else "long"))
    cue, cue_dist, paren = "", 0, 0
    rows: list[list[str]] = []
    for i, word in enumerate(words):
        j = i + 2
        prev_c = classes[i - 1] if i else "^"
        row = [
            "bias",
            sent_len,
            *_word_attrs(word),
            f"tax={marks[i]}",
            f"taxb={tax[i]}",
            f"pos={min(i, 4)}",
            f"-1w|w={padded[j - 1]}|{lows[i]}",
            f"w|+1w={lows[i]}|{padded[j + 1]}",
            f"-2w|-1w={padded[j - 2]}|{padded[j - 1]}",
            f"+1w|+2w={padded[j + 1]}|{padded[j + 2]}",
            f"-1c|c|+1c={prev_c}|{classes[i]}|{classes[i + 1] if i + 1 < n else '$'}",
            f"-1c|w={prev_c}|{lows[i]}",
        ]
        for d in _OFFSETS:
            k = i + d
            if 0 <= k < n:
                row += _neighbour_attrs(words[k], d)
                if abs(d) <= 2:
                    row.append(f"{d}tax={tax[k]}")
            else:
                row.append(f"{d}w={'^' if k < 0 else '$'}")
        if tax[i] == "I" or (tax[i] == "B" and i + 1 < n and tax[i + 1] == "I"):
            row.append("taxmulti")  # inside a multiword taxonomy name
        if i == 0:
            row.append("BOS")
        if i == n - 1:
            row.append("EOS")
        if cue:
            row += [f"cue={cue}", f"cued={min(cue_dist, 6)}"]
        if paren:
            row.append("inparen")
        if lows[i] in _CUES:
            cue, cue_dist = lows[i], 0
        cue_dist += 1
        if word in ("(", "["):
            paren += 1
        elif word in (")", "]") and paren:
            paren -= 1
        rows.append(row)
    return rows


def to_bioes(labels: list[str]) -> list[str]:
    """BIOES from BIO training labels: S marks a one-token span, E a span's last token."""
    out: list[str] = []
    for i, label in enumerate(labels):
        ends = i + 1 == len(labels) or labels[i + 1] != "I"
        if label == "O":
            out.append("O")
        elif label == "B" or not out or out[-1] == "O":  # a stray I opens a span too
            out.append("S" if ends else "B")
        else:
            out.append("E" if ends else "I")
    return out


def decode(tagger: pycrfsuite.Tagger, rows: list[list[str]], threshold: float | None = None) -> list[str]:
    """B/I/O labels for one line from a BIO- or BIOES-trained CRF.

    Viterbi when threshold is None; otherwise per-token marginals: inside when 1 - P(O) >= threshold, and a
    span restarts where P(B) + P(S) beats P(I) + P(E).
    """
    return decode_inside(tagger, rows, threshold)[0]


def decode_inside(
    tagger: pycrfsuite.Tagger, rows: list[list[str]], threshold: float | None = None
) -> tuple[list[str], list[float]]:
    """decode's labels, and each token's probability of being inside a span (1 - P(O); 1.0 under Viterbi)."""
    if threshold is None:
        labels = ["B" if label in ("B", "S") else "I" if label in ("I", "E") else "O" for label in tagger.tag(rows)]
        return labels, [1.0] * len(labels)
    tagger.set(rows)
    known = set(tagger.labels())

    def p(label: str, t: int) -> float:
        return float(tagger.marginal(label, t)) if label in known else 0.0

    out: list[str] = []
    inside: list[float] = []
    for t in range(len(rows)):
        inside.append(1.0 - p("O", t))
        if inside[-1] < threshold:
            out.append("O")
        else:
            starts = p("B", t) + p("S", t) > p("I", t) + p("E", t)
            out.append("B" if not out or out[-1] == "O" or starts else "I")
    return out, inside
