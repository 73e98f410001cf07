"""Link free-text skill spans to a taxonomy's labels by embedding similarity (cached label index)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from mulakat.skills.taxonomy import Skill, Taxonomy

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from mulakat.storage.settings import Settings


class EmbeddingLinker:
    """Nearest taxonomy label for a span, if it is close enough. Labels map to the skill that owns them."""

    def __init__(self, labels: Sequence[str], owners: Sequence[str], embeddings: Embeddings, cache_dir: Path) -> None:
        self.owners = list(owners)
        self.embeddings = embeddings
        key = hashlib.sha256("\n".join(labels).encode()).hexdigest()[:16]
        cache = cache_dir / f"labels-{key}.npy"
        if cache.exists():
            self.index = np.load(cache)
        else:
            self.index = np.asarray(embeddings.embed_documents(list(labels)), dtype=np.float32)
            cache_dir.mkdir(parents=True, exist_ok=True)
            np.save(cache, self.index)

    def link(self, spans: Sequence[str], threshold: float) -> list[tuple[str, float] | None]:
        return [hit if hit[1] >= threshold else None for hit in self.nearest(spans)]

    def nearest(self, spans: Sequence[str]) -> list[tuple[str, float]]:
        """The closest label's owner and its cosine, for every span."""
        if not spans:
            return []
        vectors = np.asarray(self.embeddings.embed_documents(list(spans)), dtype=np.float32)
        sims = vectors @ self.index.T
        best = sims.argmax(axis=1)
        return [(self.owners[j], float(sims[i, j])) for i, j in enumerate(best)]


@dataclass(frozen=True)
class LinkThresholds:
    """Cosine a candidate needs to count. Chosen on the Decorte validation sets (see evals/esco_linking.py)."""

    span: float = 0.70  # a tagged span's nearest preferred label
    sub_span: float = 0.90  # a 1-4 word piece of a tagged span: many pieces per span, so only near-identical ones
    line: float = 0.70  # a whole line's nearest preferred label: catches skills the tagger left untagged


EscoSource = Literal["span", "sub-span", "dictionary", "line"]


@dataclass(frozen=True)
class EscoHit:
    label: str  # the ESCO preferred label
    score: float  # cosine; 1.0 for a dictionary hit
    start: int
    end: int
    source: EscoSource


# Words that never start or end a sub-span: "Java and Spring" yields "Java", "Spring", not "and Spring".
_EDGE_WORDS = frozenset(
    ["and", "or", "of", "in", "with", "the", "a", "an", "to", "for", "on", "as", "such", "etc", "using", "like"]
)
_WORD = re.compile(r"[\w#+]+(?:[.\-/][\w#+]+)*|[^\w\s]")


def sub_spans(text: str, start: int, end: int, longest: int = 4) -> list[tuple[int, int]]:
    """Word n-grams (1..longest) inside text[start:end], not the whole span, not opening or closing on a stop word."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            if n == len(words):
                continue
            first, last = text[words[i][0] : words[i][1]], text[words[i + n - 1][0] : words[i + n - 1][1]]
            if not first[0].isalnum() or not last[-1].isalnum() and last[-1] not in "#+":
                continue
            if first.lower() in _EDGE_WORDS or last.lower() in _EDGE_WORDS or (n == 1 and len(first) < 2):
                continue
            out.append((words[i][0], words[i + n - 1][1]))
    return out


class EscoLabeller:
    """ESCO skills a text mentions, from its tagged spans: each span's nearest preferred label, near-identical
    pieces of long spans, ESCO preferred labels written out verbatim, and each line's nearest label.

    Only preferred labels are embedded: adding ESCO's 97k alternative labels lowered precision on the
    Decorte validation sets (many are loose synonyms) and costs ~7x the index.
    """

    def __init__(
        self,
        esco: Sequence[Skill],
        embeddings: Embeddings,
        cache_dir: Path,
        thresholds: LinkThresholds = LinkThresholds(),
    ) -> None:
        names = [s.name for s in esco]
        self.linker = EmbeddingLinker(names, names, embeddings, cache_dir)
        self.thresholds = thresholds
        # Alternative labels match too loosely ("design", "communicate"); a preferred label written out is precise.
        self.verbatim = Taxonomy({s.id: replace(s, aliases=(), exact=()) for s in esco})

    def label(self, text: str, spans: Sequence[tuple[int, int]]) -> list[EscoHit]:
        return self.label_many([(text, spans)])[0]

    def label_many(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[list[EscoHit]]:
        """`label` for many texts with one embedding batch (much cheaper on a CPU than one call per text)."""
        queries: list[tuple[int, int, int, EscoSource]] = []
        for k, (text, spans) in enumerate(items):
            for start, end in spans:
                queries.append((k, start, end, "span"))
                queries += [(k, a, b, "sub-span") for a, b in sub_spans(text, start, end)]
            offset = 0
            for line in text.split("\n"):
                if line.strip():
                    queries.append((k, offset, offset + len(line), "line"))
                offset += len(line) + 1
        nearest = self.linker.nearest([items[k][0][a:b] for k, a, b, _ in queries])
        minimum = {"span": self.thresholds.span, "sub-span": self.thresholds.sub_span, "line": self.thresholds.line}
        out: list[list[EscoHit]] = [[] for _ in items]
        for (k, start, end, source), (label, score) in zip(queries, nearest, strict=True):
            if score >= minimum[source]:
                out[k].append(EscoHit(label, score, start, end, source))
        for k, (text, _) in enumerate(items):
            for m in self.verbatim.find(text):
                out[k].append(EscoHit(self.verbatim[m.skill].name, 1.0, m.start, m.end, "dictionary"))
        return out


def configured_esco_labeller(settings: Settings) -> EscoLabeller | None:
    """The labeller over the ESCO import the settings name (the first esco:PATH), or None without one."""
    from mulakat.skills.importers import esco_skills
    from mulakat.storage.embeddings import load_embeddings

    paths = [spec.partition(":")[2] for spec in settings.taxonomy_imports if spec.startswith("esco:")]
    if not paths:
        return None
    return EscoLabeller(esco_skills(Path(paths[0])), load_embeddings(settings), settings.data_dir / "cache")
