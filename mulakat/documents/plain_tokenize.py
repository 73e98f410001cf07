"""A spaCy-free stand-in for `unstructured.nlp.tokenize`, installed before unstructured is imported.

unstructured imports spaCy at module level only to guess element categories (title or narrative text), which
we never read: a blank spaCy pipeline gave no part-of-speech tags, and importing it (spaCy, thinc, torch) cost
over a second per process. These three functions keep the same contract with rules instead.
"""

from __future__ import annotations

import re
import sys

# Not after an ellipsis or an initial ("e.g."), which spaCy's tokenizer kept whole and its sentencizer passed over.
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])(?<!\.\.)(?<!\b\w\.)[\"'\u201d\u2019)\]]*\s+")
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")


def sent_tokenize(text: str) -> list[str]:
    """Sentences, split after end punctuation followed by space."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(str(text))) if s]


def word_tokenize(text: str) -> list[str]:
    """Words and single punctuation marks."""
    return _WORD.findall(str(text))


def pos_tag(text: str) -> list[tuple[str, str]]:
    """Each word with an empty tag, as the blank spaCy pipeline gave: no word is taken for a verb."""
    return [(word, "") for word in word_tokenize(text)]


_NAMES = ("sent_tokenize", "word_tokenize", "pos_tag")


def install() -> None:
    """Make unstructured use these functions; idempotent, and harmless after unstructured was imported."""
    name = "unstructured.nlp.tokenize"
    if name not in sys.modules:
        sys.modules[name] = sys.modules[__name__]
        return
    # Imported already (by someone else): rebind the names it and its classifier hold, so nothing loads a model.
    for module_name in (name, "unstructured.partition.text_type"):
        module = sys.modules.get(module_name)
        if module is not None:
            for attr in _NAMES:
                setattr(module, attr, globals()[attr])
