"""The optional chat model. Unset, every node runs its deterministic core."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from mulakat.settings import Settings


def load_chat_model(settings: Settings) -> BaseChatModel | None:
    if not settings.chat_model:
        return None
    provider, _, name = settings.chat_model.partition(":")
    if provider != "openai" or not name:
        raise ValueError(
            f"MULAKAT_CHAT_MODEL must be openai:<model> (OpenAI or any OpenAI-compatible server), "
            f"got {settings.chat_model!r}"
        )
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        model=name,
        base_url=settings.chat_base_url,
        api_key=settings.chat_api_key,
        timeout=settings.chat_timeout_s,
        max_retries=2,
        temperature=0,
        # Compatible servers (Ollama, vLLM) speak Chat Completions, not the Responses API.
        use_responses_api=False,
    )
