"""The ESCO linking eval scores only sentences no choice saw: not SkillSpan train's, not the tuning half's."""

from __future__ import annotations

from evals.quality.esco_linking import (
    choose_thresholds,
    gold_labels,
    kept,
    sentence_halves,
    skillspan_sentences,
    split_gold,
)
from mulakat.skills.linking import EscoHit, LinkThresholds
from tests.support.paths import SHARED_DATA, requires_shared_data

DECORTE = SHARED_DATA / "skills" / "decorte_validation"
TRAIN = SHARED_DATA / "skills" / "skillspan" / "train.json"


def test_halves_alternate_in_sorted_order() -> None:
    half = sentence_halves(["c", "a", "b", "a"])
    assert half == {"a": "tuning", "b": "held", "c": "tuning"}


def test_split_drops_sentences_the_tagger_saw() -> None:
    gold = {"a": {"x"}, "b": {"y"}, "c": set(), "d": {"z"}}
    split = split_gold(gold, seen={"c"}, half=sentence_halves(gold))
    assert split == {"tuning": {"a": {"x"}}, "held": {"b": {"y"}, "d": {"z"}}}


def test_dictionary_hits_count_at_any_threshold_and_the_rest_by_source() -> None:
    hits = [
        EscoHit("A", 0.72, 0, 1, "span"),
        EscoHit("B", 0.8, 0, 1, "sub-span"),
        EscoHit("C", 1.0, 0, 1, "dictionary"),
    ]
    assert kept(hits, LinkThresholds(0.7, 0.9, 0.7)) == {"A", "C"}
    assert kept(hits, LinkThresholds(0.75, 0.8, 0.7)) == {"B", "C"}


def test_thresholds_come_from_the_gold_they_are_given() -> None:
    # "s" is right only at a span threshold of 0.8: precision falls below 0.55 for anything looser.
    hits = {"s": [EscoHit("right", 0.85, 0, 1, "span"), EscoHit("wrong", 0.78, 0, 1, "span")]}
    chosen = choose_thresholds(lambda texts: [hits[t] for t in texts], {"s": {"right"}})
    assert chosen.span == 0.8


@requires_shared_data
def test_no_held_sentence_is_in_skillspan_train_or_the_tuning_half() -> None:
    gold = gold_labels(sorted(DECORTE.glob("*_validation_annotations.csv")))
    seen = skillspan_sentences(TRAIN)
    split = split_gold(gold, seen, sentence_halves(gold))
    assert len(set(gold) & seen) == 12  # the tech sentences the tagger learned from
    assert not set(split["held"]) & (seen | set(split["tuning"]))
    assert len(split["held"]) + len(split["tuning"]) == len(gold) - 12
