"""Runtime settings, read from MULAKAT_* environment variables and a .env file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything an operator can set. Unset values give the embedded, model-free defaults."""

    model_config = SettingsConfigDict(env_prefix="MULAKAT_", env_file=".env", extra="ignore")

    database_url: str | None = Field(
        default=None,
        description="PostgreSQL URL (postgresql://user:pw@host:5432/db). Unset: embedded server in data_dir.",
    )
    data_dir: Path = Field(default=Path(".mulakat"), description="Where the embedded PostgreSQL keeps its files.")
    pool_max_size: int = Field(default=10, ge=2, description="Connections in the shared psycopg pool.")
    pool_timeout_s: float = Field(
        default=10.0,
        gt=0,
        description="How long a request waits for a database connection before it gets 503 and Retry-After.",
    )

    chat_model: str | None = Field(
        default=None,
        description="Chat model as provider:model, e.g. openai:gpt-4.1-mini. Unset: deterministic core only.",
    )
    chat_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1"
    )
    chat_api_key: SecretStr | None = Field(default=None, description="Key for the chat model (else OPENAI_API_KEY).")
    chat_timeout_s: float = Field(default=30.0, gt=0)
    chat_max_retries: int = Field(
        default=2,
        ge=0,
        le=10,
        description="Retries, with exponential backoff, of a chat request that failed (429 honouring Retry-After, "
        "5xx, timeout) or came back unusable (malformed JSON, output off the schema); then the deterministic core.",
    )

    draft_packs_per_run: int = Field(
        default=2,
        ge=0,
        le=5,
        description="With a chat model: how many packs one analysis may draft for plan topics with no pack and no "
        "stored draft (a draft is made once per skill and reused). 0 leaves drafting to `mulakat packs draft`.",
    )

    chat_price_input_per_mtok: float | None = Field(
        default=None, ge=0, description="USD per million input tokens, for the cost estimate of `mulakat eval llm`."
    )
    chat_price_output_per_mtok: float | None = Field(
        default=None, ge=0, description="USD per million output tokens, for the cost estimate of `mulakat eval llm`."
    )

    embedding_model: str = Field(
        default="local:all-MiniLM-L6-v2",
        description="local:all-MiniLM-L6-v2 (bundled, offline) or openai:<model>, e.g. openai:text-embedding-3-small.",
    )
    embedding_base_url: str | None = Field(default=None, description="OpenAI-compatible embeddings server.")

    taxonomy_imports: list[str] = Field(
        default_factory=list,
        description='Widen the taxonomy from your copies, e.g. ["esco:/data/esco", "onet:/data/onet", '
        '"linguist:/data/languages.yml"]. Broader recall, more noise.',
    )

    max_upload_bytes: int = Field(default=10 * 1024 * 1024, gt=0, description="Largest accepted document.")

    token_secret: SecretStr | None = Field(
        default=None,
        description="Signs candidate tokens. Unset: a random secret made once and kept in PostgreSQL.",
    )
    token_ttl_s: int = Field(default=3600, ge=60, le=86400, description="Default lifetime of a candidate token.")
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Sites allowed to call the API from a browser, e.g. ["https://careers.example.com"].',
    )
    demo: bool = Field(
        default=True,
        description="Serve /demo and let it mint tokens for anonymous visitors. Turn off on a public server.",
    )

    trace_redaction: bool = Field(
        default=True,
        description="Redact documents, emails, phones, links, addresses and names from LangSmith traces.",
    )

    # Applied by `mulakat prune` (run it from cron); nothing is deleted unless an operator runs it.
    retention_days: int | None = Field(
        default=None,
        ge=1,
        description="`mulakat prune` deletes threads unused for this many days, with all their data. Unset: keep.",
    )
    checkpoint_history: int | None = Field(
        default=20,
        ge=1,
        description="`mulakat prune` keeps this many latest checkpoints per thread. Unset: keep the whole history.",
    )

    host: str = "127.0.0.1"
    port: int = 8000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
