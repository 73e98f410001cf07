"""The optional chat model. Unset, every node runs its deterministic core."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable
from pydantic import ValidationError

from mulakat.storage.settings import Settings

# Answers that arrived but cannot be used: asking again may well get a usable one. Transport faults
# (429, 5xx, timeouts) are retried by the OpenAI client itself, so they are not listed here.
UNUSABLE_ANSWER = (json.JSONDecodeError, ValidationError, OutputParserException)
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 8.0
JITTER_S = 0.1  # small beside the doubling, so waits still grow


def retrying_chat_openai(**options: Any) -> BaseChatModel:
    """A ChatOpenAI built with `options` whose structured output is retried when unusable (see below)."""
    return _retrying_class()(**options)


@cache
def _retrying_class() -> type[BaseChatModel]:
    """ChatOpenAI whose structured output is asked for again, with backoff, when the answer is unusable.

    Defined on first use: langchain_openai takes seconds to import, and model-free runs never need it.
    """
    from langchain_openai import ChatOpenAI

    class RetryingChatOpenAI(ChatOpenAI):
        unusable_answer_retries: int = 2

        def with_structured_output(self, *args: Any, **kwargs: Any) -> Runnable[Any, Any]:
            structured = super().with_structured_output(*args, **kwargs)
            if self.unusable_answer_retries == 0:
                return structured
            return structured.with_retry(
                retry_if_exception_type=UNUSABLE_ANSWER,
                wait_exponential_jitter=True,
                exponential_jitter_params={"initial": FIRST_BACKOFF_S, "max": MAX_BACKOFF_S, "jitter": JITTER_S},
                stop_after_attempt=self.unusable_answer_retries + 1,
            )

    return RetryingChatOpenAI


def load_chat_model(settings: Settings) -> BaseChatModel | None:
    if not settings.chat_model:
        return None
    provider, _, name = settings.chat_model.partition(":")
    if provider != "openai" or not name:
        raise ValueError(
            f"MULAKAT_CHAT_MODEL must be openai:<model> (OpenAI or any OpenAI-compatible server), "
            f"got {settings.chat_model!r}"
        )
    return retrying_chat_openai(
        model=name,
        base_url=settings.chat_base_url,
        api_key=settings.chat_api_key,
        timeout=settings.chat_timeout_s,
        max_retries=settings.chat_max_retries,  # the client's own backoff, honouring Retry-After
        unusable_answer_retries=settings.chat_max_retries,
        temperature=0,
        # Compatible servers (Ollama, vLLM) speak Chat Completions, not the Responses API.
        use_responses_api=False,
    )
