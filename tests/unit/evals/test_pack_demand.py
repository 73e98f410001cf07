"""Demand counting: linked technical mentions per source, weighed so no source drowns the others."""

from __future__ import annotations

from collections import Counter

import pytest

from evals.quality.pack_demand import SourceCounts, count_source, coverage, coverage_curve, demand_mass
from mulakat.skills.taxonomy import parse_taxonomy

TAXONOMY = parse_taxonomy(
    {
        "python": {"name": "Python", "category": "language"},
        "kafka": {"name": "Kafka", "category": "data"},
        "teamwork": {"name": "Teamwork", "category": "soft"},
        "databases": {"name": "Databases", "category": "data", "umbrella": True},
    }
)


def test_only_technical_skills_linked_to_the_taxonomy_count() -> None:
    counts = count_source("t", ["Python and Kafka", "teamwork, databases", "Python", "Excel"], TAXONOMY)
    assert counts.texts == 4
    assert counts.by_skill == Counter({"python": 2, "kafka": 1})
    assert counts.mentions == 3


def test_each_source_weighs_the_same_whatever_its_size() -> None:
    big = SourceCounts("big", 900, 900, Counter({"python": 900}))
    small = SourceCounts("small", 10, 10, Counter({"kafka": 10}))
    empty = SourceCounts("empty", 5, 0, Counter())
    mass = demand_mass([big, small, empty])
    assert mass == {"kafka": 0.5, "python": 0.5}
    assert coverage(mass, {"python"}) == 0.5


def test_the_curve_counts_only_a_skills_own_pack() -> None:
    mass = {"python": 0.6, "kafka": 0.3, "go": 0.1}
    curve = coverage_curve(mass, {"kafka"}, [1, 2, 3])
    assert [n for n, _, _ in curve] == [1, 2, 3]
    assert [c for _, c, _ in curve] == pytest.approx([0.0, 0.3, 0.3])
    assert [h for _, _, h in curve] == pytest.approx([0.6, 0.9, 1.0])
