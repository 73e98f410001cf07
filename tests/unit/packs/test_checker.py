"""The pack checker: each rule finds what it is for, and passes a pack that keeps it."""

from __future__ import annotations

from mulakat.packs.checker import (
    backing,
    check_backing,
    check_claims,
    check_copied,
    check_ids,
    check_shape,
    shingles,
)
from mulakat.packs.loader import KnowledgePack, Question, Reference, Subtopic
from mulakat.skills.taxonomy import parse_taxonomy

TAXONOMY = parse_taxonomy(
    {
        "redis": {"name": "Redis", "aliases": ["redis cache"], "category": "data"},
        "memcached": {"name": "Memcached", "aliases": ["redis cache"], "category": "data"},
    }
)


def _pack(rubric: list[str], *, questions: int = 6, sources: bool = True, skill: str = "redis") -> KnowledgePack:
    subtopics = [
        Subtopic(
            name="Data types", key_points=["Redis keeps sorted sets ordered by score.", "Lists push at both ends."]
        ),
        Subtopic(name="Persistence", key_points=["RDB snapshots fork the process.", "AOF logs every write."]),
        Subtopic(name="Eviction", key_points=["maxmemory-policy chooses the eviction rule.", "LRU is approximate."]),
    ]
    asked = [
        Question(text=f"Question {i}?", difficulty=1 + i % 3, subtopic="Data types", rubric=rubric)
        for i in range(questions)
    ]
    refs = [Reference(title="Redis docs", url="https://redis.io/docs/latest/")] if sources else []
    return KnowledgePack(
        skill=skill, title="Redis", summary="Caching.", subtopics=subtopics, questions=asked, sources=refs
    )


def test_a_rubric_point_the_notes_teach_is_backed() -> None:
    pack = _pack(["Sorted sets are ordered by a score", "AOF logs each write"])
    assert check_backing(pack) == []


def test_a_rubric_point_no_key_point_teaches_is_reported() -> None:
    pack = _pack(["Sorted sets are ordered by a score", "Cluster mode shards keys into 16384 hash slots"])
    problems = check_backing(pack)
    assert {p.rule for p in problems} == {"backing"}
    assert all("16384" in p.detail for p in problems) and len(problems) == 6


def test_backing_needs_half_the_words_in_one_key_point_not_spread_over_two() -> None:
    # "snapshots" is in one key point and "eviction" in another: neither alone holds half of four words.
    assert backing("snapshots choose eviction clusters", ["RDB snapshots fork.", "eviction rule"]) < 0.5
    assert backing("snapshots fork processes", ["RDB snapshots fork the process."]) == 1.0


def test_shape_wants_six_questions_and_a_checkable_source() -> None:
    problems = check_shape(_pack(["Lists push at both ends", "AOF logs every write"], questions=5, sources=False))
    assert {p.rule for p in problems} == {"shape", "sources"}
    bad_url = _pack(["Lists push at both ends", "AOF logs every write"])
    bad_url.sources[0].url = "redis.io"
    assert [p.rule for p in check_shape(bad_url)] == ["sources"]
    assert check_shape(_pack(["Lists push at both ends", "AOF logs every write"])) == []


def test_a_question_must_name_a_subtopic_of_its_pack() -> None:
    pack = _pack(["Lists push at both ends", "AOF logs every write"])
    pack.questions[0].subtopic = "Streams"
    assert any("names no subtopic" in p.detail for p in check_shape(pack))


def test_ids_resolve_and_an_alias_claimed_by_two_skills_is_reported() -> None:
    assert check_ids(_pack(["x"], skill="kafka"), TAXONOMY)[0].detail == "the skill is not a taxonomy id"
    problems = check_ids(_pack(["x"], skill="memcached"), TAXONOMY, "memcached")
    # "redis cache" is an alias of both skills, and the taxonomy reads it as Redis: Memcached's pack cannot own it.
    assert [p.detail for p in problems] == ["the name 'redis cache' leads to redis"]
    assert check_ids(_pack(["x"]), TAXONOMY, "cache")[0].detail == "file cache.yaml holds the pack of redis"


def test_two_files_claiming_one_skill_or_one_question_are_reported() -> None:
    other = _pack(["x"], skill="memcached", questions=1)
    other.questions[0].text = "Another question?"
    problems = check_claims({"redis": _pack(["x"], questions=1), "redis-2": _pack(["x"], questions=1), "other": other})
    assert [(p.pack, p.detail) for p in problems] == [
        ("redis", "claimed by redis, redis-2"),
        ("redis", "question 'Question 0?' is asked by redis, redis-2"),
    ]


def test_text_copied_from_a_corpus_is_found_and_a_stock_phrase_is_not() -> None:
    corpus = shingles("In Redis the sorted set keeps its members ordered by a floating point score at all times.")
    copied = _pack(["Redis keeps sorted sets ordered by score"])
    copied.questions[0].rubric.append("the sorted set keeps its members ordered by a floating point score at all")
    assert [p.rule for p in check_copied(copied, corpus)] == ["copied"]
    assert check_copied(_pack(["Tell me about a time you had to pick a cache"]), corpus) == []
