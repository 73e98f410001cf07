"""Demand counting: linked technical mentions per source, weighed so no source drowns the others."""

from __future__ import annotations

from collections import Counter

import pytest

from evals.quality.pack_demand import SourceCounts, count_all, count_source, coverage, coverage_curve, demand_mass
from mulakat.skills.taxonomy import parse_taxonomy
from tests.support.paths import SHARED_DATA, requires_shared_data

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


@requires_shared_data
def test_our_packs_cover_four_fifths_of_the_demand_for_technical_skills() -> None:
    # Issue 18's target, on the real sources: SkillSpan train, O*NET and ESCO, linked by the analysis's taxonomy.
    from mulakat.packs.loader import pack_files
    from mulakat.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    sources = count_all(SHARED_DATA / "skills", SHARED_DATA / "taxonomy", taxonomy)
    assert all(s.mentions > 100 for s in sources), [(s.name, s.mentions) for s in sources]
    assert coverage(demand_mass(sources), {p.skill for p in pack_files().values()}) >= 0.80
