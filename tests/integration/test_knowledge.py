"""The knowledge store: shipped packs in sync, external corpora ingested, retrieval with sources."""

from __future__ import annotations

import pytest

from mulakat.packs.loader import load_packs
from mulakat.packs.sync import sync_knowledge
from mulakat.services import Services
from tests.support.paths import SHARED_DATA, requires_shared_data
from tools.ingest import ingest
from tools.retrieval import knowledge_search

pytestmark = pytest.mark.anyio


def test_packs_are_complete() -> None:
    packs = load_packs()
    assert len(packs) >= 42
    for pack in packs.values():
        assert pack.title and pack.summary and len(pack.subtopics) >= 3
        for question in pack.questions:
            assert question.rubric and 1 <= question.difficulty <= 3


async def search(services: Services, **args: object) -> list[dict[str, object]]:
    return await knowledge_search(services, **args)  # type: ignore[arg-type]


async def test_shipped_packs_stay_in_sync(services: Services) -> None:
    assert await sync_knowledge(services.knowledge, services.pool) == 0  # nothing new on a second sync
    hits = await search(services, query="kubernetes pods deployments", skill="kubernetes", kind="overview", k=1)
    assert hits and hits[0]["skill"] == "kubernetes" and str(hits[0]["source"]).startswith("mulakat:knowledge/packs/")


@requires_shared_data
async def test_ingest_external_corpus_once(services: Services) -> None:
    corpus = SHARED_DATA / "knowledge"
    added, present = await ingest(services, [corpus])
    assert added > 300 and present == 0
    again = await ingest(services, [corpus])
    assert again == (0, added)
    hits = await search(services, query="difference between a docker image and a container", kind="passage", k=3)
    assert hits and all(str(h["source"]).startswith(str(corpus / "learning_zone_docker_kubernetes")) for h in hits)
    assert any(h["skill"] == "docker" for h in hits)
    # Shipped packs are untouched by the ingested passages, and re-syncing keeps the ingested ones.
    await sync_knowledge(services.knowledge, services.pool)
    assert (await ingest(services, [corpus]))[1] == added


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
