"""Everything a run needs, opened once per process: database pool, checkpointer, stores, models.

The container knows nothing of the graph: whoever starts the app compiles the graph and passes
these services to each run through its context (`graph.context.Context`).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_postgres import PGEngine, PGVectorStore
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from psycopg_pool import AsyncConnectionPool

from mulakat.models import CHECKPOINT_TYPES
from mulakat.packs.sync import skills_with_questions, sync_knowledge
from mulakat.practice.session import PRACTICE_CHECKPOINT_TYPES
from mulakat.skills.importers import configured_taxonomy
from mulakat.skills.tagger import SkillTagger, load_tagger
from mulakat.skills.taxonomy import Taxonomy
from mulakat.storage.background_model import BackgroundEmbeddings
from mulakat.storage.chat_model import load_chat_model
from mulakat.storage.db import make_pool, migrate
from mulakat.storage.documents import DocumentStore
from mulakat.storage.embedded import embedded_server
from mulakat.storage.embeddings import BatchingEmbeddings, CachedEmbeddings, embedding_dimensions, load_embeddings
from mulakat.storage.settings import Settings, get_settings
from mulakat.storage.vectors import (
    KNOWLEDGE_COLUMNS,
    KNOWLEDGE_TABLE,
    RESUME_COLUMNS,
    RESUME_TABLE,
    engine_on_pool,
    open_store,
)

log = logging.getLogger(__name__)


@dataclass
class Services:
    settings: Settings
    database_url: str
    embedded: bool
    pool: AsyncConnectionPool
    locks: AsyncConnectionPool
    """Connections that only hold per-thread advisory locks, so a lock holder never starves the main pool."""
    checkpointer: AsyncPostgresSaver
    engine: PGEngine
    embeddings: Embeddings
    knowledge: PGVectorStore
    resumes: PGVectorStore
    taxonomy: Taxonomy
    chat_model: BaseChatModel | None
    question_skills: frozenset[str] = frozenset()
    """Skills the knowledge store has practice questions for, so question search skips the others."""
    tagger: SkillTagger | None = None
    """The skill taggers (CRFs); None when their models are not shipped, and the taxonomy reads alone."""
    token_key: str | None = None
    """The candidate-token signing key, read on first use (see mulakat.storage.auth.signing_key)."""

    @property
    def documents(self) -> DocumentStore:
        """The thread's parsed documents, which graph state holds only references to."""
        return DocumentStore(self.pool)

    @property
    def mode(self) -> str:
        return "llm" if self.chat_model is not None else "deterministic"


@asynccontextmanager
async def open_services(settings: Settings | None = None) -> AsyncIterator[Services]:
    """Open every shared resource, migrate, and close them all on exit."""
    settings = settings or get_settings()
    embedded = settings.database_url is None
    embeddings = loading_embeddings(settings)  # loads while PostgreSQL starts and migrates
    scope = contextlib.ExitStack()
    if embedded:
        # Starting the server and reading files block: keep them off the event loop (langgraph dev checks).
        server = await asyncio.to_thread(embedded_server, settings.data_dir)
        # Released when the services close, which a server's graceful shutdown (SIGTERM too) reaches;
        # the process's exit hook alone is skipped when uvicorn re-raises SIGTERM.
        scope.enter_context(server)
        url = str(server.get_uri())
    else:
        url = str(settings.database_url)
    try:
        async with open_services_on(url, settings, embedded=embedded, embeddings=embeddings) as services:
            yield services
    finally:
        await asyncio.to_thread(scope.close)


@asynccontextmanager
async def open_services_on(
    url: str,
    settings: Settings,
    *,
    embedded: bool = False,
    models_of: Services | None = None,
    embeddings: Embeddings | None = None,
    sync_packs: bool = True,
) -> AsyncIterator[Services]:
    """Services on the PostgreSQL at `url`: pools, migrations, checkpointer and vector stores, closed on exit.

    The models (embeddings, taxonomy, taggers, chat model) are loaded from settings unless `models_of` is given, whose
    loaded models are shared instead; `embeddings` is a model already loading. The embedding model is waited for
    only when a vector table is created (its size is probed), so with the tables in place the services open
    before it is ready and the first embedding waits. `sync_packs=False` leaves the knowledge table empty, for
    callers that never search it.
    """

    async def models() -> tuple[Taxonomy, BaseChatModel | None, SkillTagger | None]:
        if models_of is not None:
            return models_of.taxonomy, models_of.chat_model, models_of.tagger
        taxonomy, chat_model, tagger = await asyncio.gather(
            asyncio.to_thread(configured_taxonomy, settings.taxonomy_imports),
            asyncio.to_thread(load_chat_model, settings),
            asyncio.to_thread(load_tagger),
        )
        return taxonomy, chat_model, tagger

    # The taxonomy and the taggers read their files while the pools open, migrate and sync.
    loads = asyncio.ensure_future(models())
    pool = make_pool(url, settings.pool_max_size, settings.pool_timeout_s)
    locks = make_pool(url, settings.pool_max_size, settings.pool_timeout_s)
    try:
        await pool.open(wait=True, timeout=30)
        await locks.open(wait=True, timeout=30)
        await migrate(pool)
        # The saver opens dict_row cursors itself; the pool keeps tuple rows for SQLAlchemy.
        serde = checkpoint_serializer()
        checkpointer = AsyncPostgresSaver(pool, serde=serde)  # type: ignore[arg-type]
        await checkpointer.setup()
        if models_of is not None:
            embeddings = models_of.embeddings
        elif embeddings is None:
            embeddings = loading_embeddings(settings)
        model = embeddings

        async def dims() -> int:
            return await asyncio.to_thread(embedding_dimensions, model)

        engine = engine_on_pool(pool)
        knowledge = await open_store(engine, pool, KNOWLEDGE_TABLE, embeddings, dims, KNOWLEDGE_COLUMNS)
        resumes = await open_store(engine, pool, RESUME_TABLE, embeddings, dims, RESUME_COLUMNS)
        if sync_packs:
            added = await sync_knowledge(knowledge, pool)
            if added:
                log.info("synced %d knowledge passages", added)
        taxonomy, chat_model, tagger = await loads
        yield Services(
            settings=settings,
            database_url=url,
            embedded=embedded,
            pool=pool,
            locks=locks,
            checkpointer=checkpointer,
            engine=engine,
            embeddings=embeddings,
            knowledge=knowledge,
            resumes=resumes,
            taxonomy=taxonomy,
            chat_model=chat_model,
            question_skills=await skills_with_questions(pool),
            tagger=tagger,
        )
    finally:
        if not loads.done():
            await asyncio.gather(loads, return_exceptions=True)  # let the reading threads finish before closing
        await locks.close()
        await pool.close()


def loading_embeddings(settings: Settings) -> Embeddings:
    """The configured embedding model, cached and batched, loading on a thread of its own from now on."""
    return CachedEmbeddings(BatchingEmbeddings(BackgroundEmbeddings(functools.partial(load_embeddings, settings))))


# A checkpoint names each type by the module that defined it when the thread was written. Each old module maps to
# the module that answers for its names today (mulakat.practice.grading re-exports the types that moved out of it).
LEGACY_CHECKPOINT_MODULES = {
    # Before the core was split into subpackages.
    "mulakat.grading": "mulakat.practice.grading",
    "mulakat.mastery": "mulakat.practice.mastery",
    "mulakat.practice": "mulakat.practice",
}


def checkpoint_serializer() -> JsonPlusSerializer:
    """Msgpack limited to our state's types, under today's module names and the names older threads used."""
    current = CHECKPOINT_TYPES + PRACTICE_CHECKPOINT_TYPES
    legacy = []
    for old, new in LEGACY_CHECKPOINT_MODULES.items():
        module = importlib.import_module(new)
        sys.modules.setdefault(old, module)  # so the serializer's import of the old name finds the type
        legacy += [(old, name) for _, name in current if hasattr(module, name)]
    return JsonPlusSerializer(allowed_msgpack_modules=current + legacy)


_from_settings: Services | None = None
_from_settings_lock = asyncio.Lock()
# Held for the life of the process: a context manager nobody references is collected, and closes the pools.
_from_settings_scope = contextlib.AsyncExitStack()


async def services_from_settings() -> Services:
    """Services for a host that cannot pass them to a run (langgraph dev): opened from settings on first use."""
    global _from_settings
    async with _from_settings_lock:
        if _from_settings is None:
            _from_settings = await _from_settings_scope.enter_async_context(open_services())
    return _from_settings


async def close_process_services() -> None:
    """Close what services_from_settings opened, if anything: the host calls it as it shuts down.

    Under langgraph dev nothing else would: SIGTERM ends uvicorn by re-raising the signal after its graceful
    shutdown, which skips exit hooks, and the embedded PostgreSQL would outlive the process.
    """
    global _from_settings
    async with _from_settings_lock:
        _from_settings = None
        await _from_settings_scope.aclose()
