"""Requirement mentions against SkillSpan gold: gold moved to posting offsets, both systems scored alike."""

from __future__ import annotations

import json
from pathlib import Path

from evals.quality.requirement_mentions import analyzer_mentions, gold_postings, mention_rows
from mulakat.documents.reader import read_document
from mulakat.models import ParsedDocument
from mulakat.skills.taxonomy import load_taxonomy

SENTENCES = [
    (["Requirements"], ["O"], ["O"]),
    (["Experience", "with", "Docker", "and", "Kubernetes"], ["O", "O", "O", "O", "O"], ["O", "O", "B", "O", "B"]),
    (["Good", "communication", "skills"], ["O", "B", "I"], ["O", "O", "O"]),
    (["You", "will", "calibrate", "wearable", "sensors"], ["O", "O", "B", "I", "I"], ["O", "O", "O", "O", "O"]),
]


def _dev(tmp_path: Path) -> tuple[Path, str]:
    rows = [
        {"idx": 7, "source": "tech", "tokens": tokens, "tags_skill": skill, "tags_knowledge": knowledge}
        for tokens, skill, knowledge in SENTENCES
    ]
    rows.append({"idx": None, "source": "tech", "tokens": ["x"], "tags_skill": ["B"], "tags_knowledge": ["O"]})
    path = tmp_path / "dev.json"
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    return path, "\n".join(" ".join(tokens) for tokens, _, _ in SENTENCES)


def test_gold_spans_land_on_the_rebuilt_posting(tmp_path: Path) -> None:
    path, text = _dev(tmp_path)

    def doc_of(posting: str) -> ParsedDocument:
        assert posting == "skillspan-dev-tech-7"
        return read_document("job", f"{posting}.txt", text.encode())

    [gold] = gold_postings(path, doc_of)
    quoted = sorted(text[s:e] for s, e in gold.spans)
    assert quoted == ["Docker", "Kubernetes", "calibrate wearable sensors", "communication skills"]
    rows = mention_rows([gold], doc_of)
    analyzer = rows[0]
    found = analyzer_mentions(doc_of(gold.posting), load_taxonomy(), None)
    # The taxonomy names three of the four; the sensor work is not a skill it knows.
    assert sorted(text[s:e] for spans in found for s, e in spans) == ["Docker", "Kubernetes", "communication skills"]
    assert analyzer[1:3] == ["3", "4"] and analyzer[3:5] == ["1.000", "0.750"]  # strict P 3/3, R 3/4
    assert analyzer[0].startswith("tuning half: taxonomy only")
    assert analyzer[-1] == "yes" and rows[-1][0].startswith("1 dev postings, ")  # overlap R 0.75 at P 1.0
    # The one posting is the tuning half; the held half is empty, and "all" repeats the tuning figures.
    held = [r for r in rows if r[0].startswith("held half: taxonomy only")]
    assert held and held[0][1:3] == ["0", "0"]
