"""A tagger that marks fixed phrases, so a test says exactly what the taggers found and nothing else decides."""

from __future__ import annotations

from mulakat.skills.tagger import SkillTagger, TaggedSpan
from mulakat.skills.taxonomy import load_taxonomy


class PhraseTagger(SkillTagger):
    def __init__(self, phrases: dict[str, float]) -> None:
        self.taxonomy = load_taxonomy()
        self.taggers = {}
        self.phrases = phrases

    def tag(self, text: str, kind: str = "job") -> list[TaggedSpan]:  # type: ignore[override]
        spans = []
        for phrase, confidence in self.phrases.items():
            at = text.find(phrase)
            if at != -1:
                spans.append(TaggedSpan("knowledge", at, at + len(phrase), confidence))
        return sorted(spans, key=lambda s: (s.start, s.end))
