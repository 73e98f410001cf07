"""EscoLabeller: tagged spans, pieces of spans, verbatim preferred labels and whole lines reach ESCO labels."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from mulakat.skills.linking import EscoLabeller, LinkThresholds, sub_spans
from mulakat.skills.taxonomy import Skill


class BagOfWords(Embeddings):
    """Hashed bag of lower-cased words: cosine is word overlap, so expected links are easy to reason about."""

    def __init__(self) -> None:
        self.calls = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        v = np.zeros(256)
        for word in re.findall(r"[a-z#+]+", text.lower()):
            v[zlib.crc32(word.encode()) % 256] += 1.0
        norm = np.linalg.norm(v)
        return list(v / norm) if norm else list(v)


ESCO = [
    Skill("esco:py", "Python (computer programming)", "esco-skill", aliases=("Python3",)),
    Skill("esco:sql", "SQL", "esco-knowledge"),
    Skill("esco:team", "work in teams", "esco-skill", aliases=("teamwork",)),
    Skill("esco:staff", "manage staff", "esco-skill", aliases=("staff",)),
]


def spans_of(text: str, *surfaces: str) -> list[tuple[int, int]]:
    return [(text.index(s), text.index(s) + len(s)) for s in surfaces]


def test_sub_spans_skip_the_whole_span_and_stop_word_edges() -> None:
    text = "Java Spring Boot and SQL"
    pieces = {text[a:b] for a, b in sub_spans(text, 0, len(text))}
    assert {"Java", "Spring Boot", "SQL", "Java Spring Boot"} <= pieces
    assert text not in pieces and "and SQL" not in pieces and "Boot and" not in pieces


def test_each_source_reaches_its_label(tmp_path: Path) -> None:
    labeller = EscoLabeller(ESCO, BagOfWords(), tmp_path)
    text = "Strong python programming skills\nMS Azure SQL databases\nwork in teams with our staff"
    spans = spans_of(text, "python programming", "MS Azure SQL databases")
    hits = {(h.label, h.source) for h in labeller.label(text, spans)}
    assert ("Python (computer programming)", "span") in hits  # 2 of 3 words shared: cos 0.82
    assert ("SQL", "sub-span") in hits and ("SQL", "span") not in hits  # whole span cos 0.5, piece "SQL" 1.0
    assert ("SQL", "dictionary") in hits
    assert ("work in teams", "line") in hits  # untagged, but the line is close to the label
    # An alternative label ("staff") is no verbatim hit: they match too loosely.
    assert not any(label == "manage staff" and source == "dictionary" for label, source in hits)


def test_thresholds_decide_and_the_label_index_is_cached(tmp_path: Path) -> None:
    embeddings = BagOfWords()
    EscoLabeller(ESCO, embeddings, tmp_path)
    strict = EscoLabeller(ESCO, embeddings, tmp_path, LinkThresholds(span=0.9, sub_span=1.1, line=1.1))
    assert embeddings.calls == 1  # the second labeller read the label vectors from the cache
    text = "python programming"
    assert [h.source for h in strict.label(text, [(0, len(text))])] == []


def test_decorte_scoring_counts_labels_per_sentence(tmp_path: Path) -> None:
    from evals.quality.esco_linking import gold_labels, score_labels

    file = tmp_path / "x_validation_annotations.csv"
    file.write_text(
        "sentence,span,sub_span,label\n"
        "Java and SQL,Java,,Java (computer programming)\n"
        "Java and SQL,SQL,,SQL\n"
        "Be nice,nice,,LABEL NOT PRESENT\n",
        encoding="utf-8",
    )
    gold = gold_labels([file])
    assert gold == {"Java and SQL": {"Java (computer programming)", "SQL"}, "Be nice": set()}
    predicted = {"Java and SQL": {"SQL", "Java"}, "Be nice": {"show kindness"}}
    p, r, _, n_pred, n_gold = score_labels(gold, lambda texts: [predicted[t] for t in texts])
    assert (p, r, n_pred, n_gold) == (1 / 3, 1 / 2, 3, 2)


def test_extract_reports_esco_mentions_with_offsets_and_sections(tmp_path: Path) -> None:
    from mulakat.documents.reader import read_document
    from mulakat.skills.extract_report import extract
    from mulakat.skills.tagger import load_tagger
    from mulakat.skills.taxonomy import load_taxonomy

    text = "Requirements\n- Strong SQL and Python (computer programming)\n- You work in teams across time zones\n"
    doc = read_document("job", "j.txt", text.encode())
    labeller = EscoLabeller(ESCO, BagOfWords(), tmp_path)
    out = extract(doc, load_taxonomy(), load_tagger(), esco=labeller)
    assert out.esco is not None
    assert {"SQL", "Python (computer programming)", "work in teams"} <= {m.label for m in out.esco}
    for m in out.esco:
        assert m.section == "requirements" and 0 <= m.start < m.end <= len(doc.text)
    written_out = {doc.text[m.start : m.end] for m in out.esco if m.source == "dictionary"}
    assert written_out == {"SQL", "work in teams"}, "a preferred label written out is found where it is written"
    assert extract(doc, load_taxonomy(), load_tagger()).esco is None, "no ESCO import, no ESCO field"
