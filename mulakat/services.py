"""Everything a run needs, opened once per process: database pool, checkpointer, stores, models."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_postgres import PGEngine, PGVectorStore
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from psycopg_pool import AsyncConnectionPool

from mulakat.chat import load_chat_model
from mulakat.db import embedded_server, make_pool, migrate
from mulakat.embeddings import BatchingEmbeddings, CachedEmbeddings, embedding_dimensions, load_embeddings
from mulakat.importers import configured_taxonomy
from mulakat.models import CHECKPOINT_TYPES
from mulakat.practice import PRACTICE_CHECKPOINT_TYPES
from mulakat.settings import Settings, get_settings
from mulakat.taxonomy import Taxonomy
from tools.stores import (
    KNOWLEDGE_COLUMNS,
    KNOWLEDGE_TABLE,
    RESUME_COLUMNS,
    RESUME_TABLE,
    engine_on_pool,
    open_store,
    skills_with_questions,
    sync_knowledge,
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
    token_key: str | None = None
    """The candidate-token signing key, read on first use (see mulakat.auth.signing_key)."""

    @property
    def mode(self) -> str:
        return "llm" if self.chat_model is not None else "deterministic"

    @cached_property
    def graph(self) -> Any:
        """The graph compiled once with this process's Postgres checkpointer."""
        from graph.builder import build_graph  # the nodes import this module

        return build_graph().compile(checkpointer=self.checkpointer, name="mulakat")


@asynccontextmanager
async def open_services(settings: Settings | None = None) -> AsyncIterator[Services]:
    """Open every shared resource, migrate, and close them all on exit."""
    settings = settings or get_settings()
    embedded = settings.database_url is None
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
    pool = make_pool(url, settings.pool_max_size, settings.pool_timeout_s)
    locks = make_pool(url, settings.pool_max_size, settings.pool_timeout_s)
    try:
        await pool.open(wait=True, timeout=30)
        await locks.open(wait=True, timeout=30)
        await migrate(pool)
        # The saver opens dict_row cursors itself; the pool keeps tuple rows for SQLAlchemy.
        serde = JsonPlusSerializer(allowed_msgpack_modules=CHECKPOINT_TYPES + PRACTICE_CHECKPOINT_TYPES)
        checkpointer = AsyncPostgresSaver(pool, serde=serde)  # type: ignore[arg-type]
        await checkpointer.setup()
        embeddings = CachedEmbeddings(BatchingEmbeddings(await asyncio.to_thread(load_embeddings, settings)))
        dims = await asyncio.to_thread(embedding_dimensions, embeddings)
        engine = engine_on_pool(pool)
        knowledge = await open_store(engine, pool, KNOWLEDGE_TABLE, embeddings, dims, KNOWLEDGE_COLUMNS)
        resumes = await open_store(engine, pool, RESUME_TABLE, embeddings, dims, RESUME_COLUMNS)
        added = await sync_knowledge(knowledge, pool)
        if added:
            log.info("embedded %d knowledge passages", added)
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
            taxonomy=await asyncio.to_thread(configured_taxonomy, settings.taxonomy_imports),
            chat_model=await asyncio.to_thread(load_chat_model, settings),
            question_skills=await skills_with_questions(pool),
        )
    finally:
        await locks.close()
        await pool.close()
        await asyncio.to_thread(scope.close)


_default: Services | None = None
_default_lock = asyncio.Lock()
# Held for the life of the process: a context manager nobody references is collected, and closes the pools.
_default_scope = contextlib.AsyncExitStack()


async def default_services() -> Services:
    """Process-wide services for hosts that cannot pass them in (langgraph dev). Opened on first use."""
    global _default
    async with _default_lock:
        if _default is None:
            _default = await _default_scope.enter_async_context(open_services())
    return _default


async def current_services() -> Services:
    """The services of the running graph: from the run's context, else the process default."""
    from langgraph.runtime import get_runtime

    from graph.state import Context

    context = get_runtime(Context).context
    if context is not None and context.services is not None:
        return context.services  # type: ignore[no-any-return]
    return await default_services()
