"""What a clause asserts, word by word: each content word's root and whether the clause affirms or denies it.

"Security groups support only allow rules" affirms allow; "add a deny rule" denies it (deny is allow's antonym);
"it never restarts anything" denies restart; "stateless" denies state; "unchecked" denies check when the other
clause says "checked". Comparing two clauses' signs for the same root finds a flip. Quantities ("5 MB", "32-bit")
are read with their unit so that a swapped number is a flip too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mulakat.practice.answer_text import STOPWORDS, stem

# A negator denies the next content word: "it never restarts", "don't cause a rollback", "unless in strict mode".
NEGATORS = frozenset(["not", "non", "never", "cannot", "unless"])
# Verbs that deny their object, as stems: "skips the proxy", "bypassing the proxy", "ignores the error".
DENYING_VERBS = frozenset(["omit", "skip", "bypass", "lack", "ignor", "ignore"])
# A determiner-like negator denies the run of content words after it: "no side effects", "without a receiver".
NOUN_NEGATORS = frozenset(["no", "nothing", "none", "nobody", "neither", "nor", "without", "nowhere"])
NOUN_RUN = 2
# Phrases that deny what follows them, like a negator: "an identity for a workload instead of a human".
DENYING_PHRASES = re.compile(r"\b(instead of|rather than|unlike|as opposed to)\b", re.IGNORECASE)
# A negation passes over these to the word it denies.
LIGHT_WORDS = frozenset(
    ["be", "have", "get", "make", "keep", "hold", "use", "need", "cause", "mean", "let", "really", "actually", "even"]
    + ["between", "during", "within", "across", "through", "via", "around", "inside", "outside"]
)
# Words that say the opposite of each other, as (root, sign); each root's words share a dimension.
ANTONYMS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(["allow", "allows", "allowed", "permit", "permits", "permitted"], ("allow", 1)),
    **dict.fromkeys(["deny", "denies", "denied", "block", "blocks", "blocked", "forbid", "forbids"], ("allow", -1)),
    **dict.fromkeys(["before", "earlier"], ("before", 1)),
    **dict.fromkeys(["after", "later"], ("before", -1)),
    **dict.fromkeys(["first"], ("first", 1)),
    **dict.fromkeys(["last"], ("first", -1)),
    **dict.fromkeys(["static", "statically"], ("static", 1)),
    **dict.fromkeys(["dynamic", "dynamically", "runtime"], ("static", -1)),
    **dict.fromkeys(["true"], ("true", 1)),
    **dict.fromkeys(["false"], ("true", -1)),
    **dict.fromkeys(["fast", "faster", "fastest", "quick", "quicker", "quickly"], ("fast", 1)),
    **dict.fromkeys(["slow", "slower", "slowest"], ("fast", -1)),
    **dict.fromkeys(["large", "larger", "largest", "big", "bigger", "biggest"], ("large", 1)),
    **dict.fromkeys(["small", "smaller", "smallest", "tiny"], ("large", -1)),
    **dict.fromkeys(["strong", "stronger", "strongest"], ("strong", 1)),
    **dict.fromkeys(["weak", "weaker", "weakest"], ("strong", -1)),
    **dict.fromkeys(["more"], ("more", 1)),
    **dict.fromkeys(["less", "fewer"], ("more", -1)),
    **dict.fromkeys(["increase", "increases", "increased", "raise", "raises"], ("increase", 1)),
    **dict.fromkeys(["decrease", "decreases", "decreased", "reduce", "reduces", "reduced"], ("increase", -1)),
    **dict.fromkeys(["recommended", "recommend", "prefer", "preferred", "encouraged"], ("recommend", 1)),
    **dict.fromkeys(["fine", "okay", "acceptable"], ("recommend", 1)),
    **dict.fromkeys(["avoid", "avoided", "discouraged"], ("recommend", -1)),
    **dict.fromkeys(["sync", "synchronous", "synchronously", "blocking"], ("synchronous", 1)),
    **dict.fromkeys(["async", "asynchronous", "asynchronously"], ("synchronous", -1)),
    **dict.fromkeys(["mutable", "mutate", "mutates", "mutated"], ("mutable", 1)),
    **dict.fromkeys(["immutable"], ("mutable", -1)),
    **dict.fromkeys(["safe", "secure"], ("safe", 1)),
    **dict.fromkeys(["dangerous", "risky", "insecure", "unsafe"], ("safe", -1)),
}
# Units a quantity is read in, by dimension, with their factor to the dimension's base unit.
NEGATIVE_PREFIXES = ("non", "un", "in", "im", "dis")
UNITS: dict[str, tuple[str, float]] = {
    "b": ("bytes", 1),
    "byte": ("bytes", 1),
    "bytes": ("bytes", 1),
    "kb": ("bytes", 1e3),
    "mb": ("bytes", 1e6),
    "gb": ("bytes", 1e9),
    "tb": ("bytes", 1e12),
    "kib": ("bytes", 1024),
    "mib": ("bytes", 1024**2),
    "gib": ("bytes", 1024**3),
    "ms": ("seconds", 1e-3),
    "s": ("seconds", 1),
    "sec": ("seconds", 1),
    "seconds": ("seconds", 1),
    "second": ("seconds", 1),
    "minutes": ("seconds", 60),
    "minute": ("seconds", 60),
    "hours": ("seconds", 3600),
    "hour": ("seconds", 3600),
    "%": ("percent", 1),
    "percent": ("percent", 1),
    "bit": ("bits", 1),
    "bits": ("bits", 1),
}
TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>%|[A-Za-z]+)?|(?P<word>[A-Za-z][A-Za-z'’]*)|(?P<stop>[,;:.!?()]|\s[-–—]\s)"
)


@dataclass
class Assertion:
    """A clause's content: root -> the signs it is said with, its content roots, and its quantities."""

    signs: dict[str, set[int]] = field(default_factory=dict)
    roots: set[str] = field(default_factory=set)
    quantities: dict[str, set[float]] = field(default_factory=dict)

    def add(self, root: str, sign: int) -> None:
        self.signs.setdefault(root, set()).add(sign)
        self.roots.add(root)


def _root(word: str) -> tuple[str, int]:
    w = word.lower().replace("’", "'")
    if w in ANTONYMS:
        return ANTONYMS[w]
    s = stem(w)
    for suffix, sign in (("less", -1), ("ful", 1)):
        if s.endswith(suffix) and len(s) - len(suffix) >= 3:
            return s[: -len(suffix)], sign
    return s, 1


def _quantity(out: Assertion, number: str, unit: str | None) -> None:
    if (unit or "").lower() in UNITS:
        dimension, factor = UNITS[(unit or "").lower()]
        out.quantities.setdefault(dimension, set()).add(float(number) * factor)


def _kind(word: str) -> str:
    """negator, noun negator, skip (passed over) or content."""
    if word in NEGATORS or word.endswith("n't") or stem(word) in DENYING_VERBS:
        return "negator"
    if word in NOUN_NEGATORS:
        return "noun negator"
    if word in ANTONYMS:
        return "content"
    if "'" in word or word in STOPWORDS or stem(word) in LIGHT_WORDS or word.endswith("ly"):
        return "skip"
    return "content"


def assertion(text: str) -> Assertion:
    """The roots a clause affirms (+1) and denies (-1), and the quantities it gives."""
    out = Assertion()
    pending = 0  # how many more content words the last negator denies
    noun = False  # a noun negator's run also ends at the first word after it that is not content
    for m in TOKEN.finditer(DENYING_PHRASES.sub(" not ", text)):
        if m.group("stop") is not None:
            pending = 0
        elif m.group("num") is not None:
            _quantity(out, m.group("num"), m.group("unit"))
        else:
            word = m.group("word").lower().replace("’", "'")
            kind = _kind(word)
            if kind == "negator":
                pending, noun = 1, False
            elif kind == "noun negator":
                pending, noun = NOUN_RUN, True
            elif kind == "skip":
                pending = 0 if noun and pending < NOUN_RUN else pending
            else:
                root, sign = _root(word)
                out.add(root, -sign if pending else sign)
                pending = max(0, pending - 1)
    return out


def _prefixed(root: str, other: set[str]) -> tuple[str, int] | None:
    """A root that is another text's root with a negative prefix: unchecked -> (check, -1), when check is there."""
    for prefix in NEGATIVE_PREFIXES:
        rest = root[len(prefix) :]
        if root.startswith(prefix) and len(rest) >= 4 and rest in other:
            return rest, -1
    return None


def _rewrite(x: Assertion, other: Assertion) -> Assertion:
    """An assertion with its negatively prefixed roots put on the other text's bare root."""
    out = Assertion(quantities=x.quantities)
    for root, signs in x.signs.items():
        found = _prefixed(root, other.roots)
        for sign in signs:
            out.add(*((root, sign) if found is None else (found[0], found[1] * sign)))
    return out


def shared_roots(point: Assertion, said: Assertion) -> set[str]:
    """Content roots both say, whatever the sign: what ties a clause of the answer to a clause of the point."""
    return _rewrite(point, said).roots & _rewrite(said, point).roots


def flips(point: Assertion, said: Assertion) -> list[str]:
    """Roots the answer says with the opposite sign, and quantities it gives a different value; empty: no flip.

    A root counts when the point says it one way and the answer only the other way. An even number of flipped
    roots cancels out ("checked exceptions do not roll back" against "only unchecked exceptions roll back").
    """
    p, s = _rewrite(point, said), _rewrite(said, point)
    out: list[str] = []
    for root, signs in p.signs.items():
        theirs = s.signs.get(root, set())
        if len(signs) != 1 or not theirs:
            continue
        (sign,) = signs
        if theirs == {-sign}:
            out.append(root)
    for dimension, values in p.quantities.items():
        theirs_q = s.quantities.get(dimension, set())
        if theirs_q and not theirs_q & values:
            out.append(dimension)
    return out if len(out) % 2 else []
