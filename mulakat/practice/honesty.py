"""The honesty gate: answers that earn no credit whatever else they say.

Empty, "I don't know", gibberish, or the question's own words copied back.
"""

from __future__ import annotations

import re
from typing import Literal

from mulakat.practice.answer_text import STOPWORDS, WORD, content_stems

# The gate gives the middle four; grading adds "ok" and "off_topic", which need the embeddings.
Verdict = Literal["ok", "empty", "dont_know", "gibberish", "copied_question", "off_topic"]

DONT_KNOW = re.compile(
    r"\b(i\s+)?(do\s*n[o']?t|dont|don't)\s+know\b|\bno\s+(idea|clue)\b|\bnot\s+sure\b|\bidk\b|\bdunno\b"
    r"|^\s*(pass|skip|next|nothing|n/?a|none|\?+)\s*[.!]*\s*$|\b(can't|cannot|can\s+not)\s+(remember|recall|say)\b"
    r"|\bhave\s+n[o']t\s+(learned|studied|used)\b|\bnever\s+(heard|learned|used)\b|\bforgot\b",
    re.IGNORECASE,
)
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")


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


def honesty_gate(question: str, answer: str) -> tuple[Verdict, str] | None:
    if not answer.strip():
        return "empty", "No answer was given, so nothing can be credited."
    if _is_dont_know(answer):
        return "dont_know", "The answer says you do not know; that is honest, but it earns no credit yet."
    if is_gibberish(answer):
        return "gibberish", "The answer is not made of recognisable words, so nothing in it can be credited."
    if _is_copied(question, answer):
        return "copied_question", "The answer repeats the question's own words and adds nothing to credit."
    return None
