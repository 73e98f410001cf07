import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from mulakat.skills.taxonomy import load_taxonomy, parse_taxonomy, read_taxonomy_files


def found(text: str) -> list[tuple[str, str]]:
    return [(m.skill, m.surface) for m in load_taxonomy().find(text)]


def test_aliases_map_to_one_canonical_skill() -> None:
    assert found("k8s, Kubernetes and kubectl") == [
        ("kubernetes", "k8s"),
        ("kubernetes", "Kubernetes"),
        ("kubernetes", "kubectl"),
    ]
    assert found("Postgres and PostgreSQL") == [("postgresql", "Postgres"), ("postgresql", "PostgreSQL")]


def test_names_do_not_match_inside_longer_names() -> None:
    assert found("JavaScript") == [("javascript", "JavaScript")]
    assert found("C++ and C# but not C") == [("cpp", "C++"), ("csharp", "C#"), ("c", "C")]
    assert found("React Native apps") == [("react-native", "React Native")]


def test_ambiguous_words_need_their_exact_case() -> None:
    assert found("We go to Go meetups") == [("go", "Go")]
    assert found("spring cleaning with Spring Boot") == [("spring-boot", "Spring Boot")]
    assert load_taxonomy()["spring-boot"].parent == "spring"


def test_offsets_point_at_the_surface_text() -> None:
    text = "Experience with Docker and k8s."
    for m in load_taxonomy().find(text):
        assert text[m.start : m.end] == m.surface


def test_relations_refer_to_known_skills() -> None:
    with pytest.raises(ValueError, match="unknown skills"):
        parse_taxonomy({"a": {"name": "A", "related": ["nope"]}})
    taxonomy = load_taxonomy()
    assert taxonomy["kubernetes"].prereq[0] == "docker"
    assert taxonomy.ancestors("github-actions") == ["ci-cd"]
    assert taxonomy["cloud"].umbrella


def test_taxonomy_is_large_consistent_and_unambiguous() -> None:
    import graphlib

    taxonomy = load_taxonomy()
    assert len(taxonomy.skills) >= 1500
    owners: dict[str, str] = {}
    for skill in taxonomy.skills.values():
        for form in (skill.name, *skill.aliases):
            key = " ".join(form.lower().split())
            assert owners.setdefault(key, skill.id) == skill.id, f"{form!r}: {owners[key]} and {skill.id}"
    # Prerequisites must order a study plan: no cycles.
    graphlib.TopologicalSorter({s.id: set(s.prereq) for s in taxonomy.skills.values()}).prepare()


def test_tools_are_not_their_neighbours() -> None:
    assert found("Power BI and Databricks") == [("power-bi", "Power BI"), ("databricks", "Databricks")]
    taxonomy = load_taxonomy()
    assert "tableau" in taxonomy["power-bi"].related and taxonomy["databricks"].parent == "spark"


def test_statistical_work_is_technical_context_for_r() -> None:
    skills = [skill for skill, _ in found("Built statistical models in R for the pricing team and the R&D group.")]
    assert skills.count("r") == 1  # the language, not "R&D"


def test_work_with_a_skill_implies_the_ones_it_shows() -> None:
    taxonomy = load_taxonomy()
    for language in ("java", "csharp", "cpp"):
        assert "oop" in taxonomy.implied(language)  # an explicit `implies`
    assert taxonomy.implied("mysql") == ["sql"]  # built on it, and of its category
    assert "auth" in taxonomy.implied("spring-security")
    assert taxonomy.implied("github-actions") == ["ci-cd"]  # a kind of it
    assert "react" not in taxonomy.implied("react-native")  # mobile work is only part of React
    assert "programming" not in taxonomy.implied("python")  # umbrella terms never stand for a skill
    assert "python" not in taxonomy.implied("ssis")  # built on ETL, which is often Python: one step only
    assert taxonomy.implied("spring-security") == ["spring", "auth", "java", "oop"]  # kinds, then what those show
    with pytest.raises(ValueError, match="unknown skills"):
        parse_taxonomy({"a": {"name": "A", "implies": ["nope"]}})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington D.C.", []),
        ("Location: Washington, D.C. (hybrid)", []),
        ("Offices in the U.S.C. area", []),
        ("Web apps in C and C++", [("c", "C"), ("cpp", "C++")]),
        ("C, C++", [("c", "C"), ("cpp", "C++")]),
        ("You excel at talking to people", []),
        ("Engineers who excel in fast-moving teams", []),
        ("Advanced Excel skills", [("excel", "Excel")]),
        ("Proficient in Excel in a finance team", [("excel", "Excel")]),
    ],
)
def test_initials_and_verbs_are_not_skill_names(text: str, expected: list[tuple[str, str]]) -> None:
    # "D.C." is a place and "excel at" a verb; the language C and the spreadsheet Excel still count.
    assert found(text) == expected


def _yaml_merged() -> dict[str, object]:
    folder = resources.files("knowledge").joinpath("taxonomy")
    merged: dict[str, object] = {}
    for file in sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name):
        merged.update(yaml.safe_load(file.read_text(encoding="utf-8")) or {})
    return merged


def test_the_compiled_taxonomy_is_the_yaml_and_a_damaged_one_is_rewritten() -> None:
    first = read_taxonomy_files()
    cache = Path(str(resources.files("knowledge").joinpath("taxonomy"))) / "__pycache__"
    compiled = list(cache.glob("taxonomy-*.json"))
    assert len(compiled) == 1, "one compiled taxonomy, named by the YAML's digest"
    compiled[0].write_text('{"python": {"name": "Pyth', encoding="utf-8")  # a process died while writing it
    assert read_taxonomy_files() == first == _yaml_merged()
    assert json.loads(compiled[0].read_text(encoding="utf-8")) == first


def test_mentions_says_what_find_says_over_every_pack_text() -> None:
    from mulakat.packs.loader import load_packs

    taxonomy = load_taxonomy()
    packs = list(load_packs().values())
    texts = [kp for p in packs for sub in p.subtopics for kp in sub.key_points][:1500]
    skills = sorted({p.skill for p in packs} | {"go", "r", "c", "spring", "swift", "amazon-web-services", "net"})
    skills = [s for s in skills if s in taxonomy.skills]
    disagreements = [
        (skill, text)
        for text in texts
        for skill in skills[:: max(1, len(skills) // 40)]
        if taxonomy.mentions(text, skill) != any(m.skill == skill for m in taxonomy.find(text))
    ]
    assert not disagreements
    assert taxonomy.mentions("We run Go services and k8s", "kubernetes")
    assert not taxonomy.mentions("go to the shop", "go")
