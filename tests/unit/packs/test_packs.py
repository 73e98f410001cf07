"""The shipped knowledge packs as files: complete, and covering the skills postings ask for most."""

from __future__ import annotations

from mulakat.packs.loader import load_packs


def test_packs_are_complete() -> None:
    packs = load_packs()
    assert len(packs) >= 42
    for pack in packs.values():
        assert pack.title and pack.summary and len(pack.subtopics) >= 3
        for question in pack.questions:
            assert question.rubric and 1 <= question.difficulty <= 3


def test_the_most_demanded_skills_have_full_packs() -> None:
    # The 60 skills named most often in SkillSpan's postings (counted with our taxonomy) each have a pack
    # with key points and practice questions; the list is the one counted when the packs were written.
    demanded = [
        "teamwork",
        "communication",
        "agile",
        "javascript",
        "java",
        "python",
        "aws",
        "security",
        "ci-cd",
        "react",
        "observability",
        "docker",
        "leadership",
        "git",
        "testing",
        "nodejs",
        "linux",
        "system-design",
        "project-management",
        "self-management",
        "ux-design",
        "kubernetes",
        "problem-solving",
        "rest-api",
        "html",
        "typescript",
        "scrum",
        "english-proficiency",
        "jenkins",
        "css",
        "azure",
        "spring",
        "mentoring",
        "microservices",
        "sql",
        "angular",
        "terraform",
        "gcp",
        "system-administration",
        "machine-learning",
        "design-patterns",
        "ecommerce",
        "sdlc",
        "attention-to-detail",
        "redux",
        "mysql",
        "postgresql",
        "code-review",
        "networking",
        "embedded",
        "experimentation",
        "spring-boot",
        "product-management",
        "relationship-building",
        "android",
        "data-analysis",
        "business-acumen",
        "pair-programming",
        "jira",
        "tdd",
    ]
    packs = load_packs()
    assert len(demanded) == 60
    for skill in demanded:
        assert packs[skill].questions and all(s.key_points for s in packs[skill].subtopics), skill
