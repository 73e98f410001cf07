"""Chat models that stand in for a real one: scripted answers, or a call that times out."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel


class ScriptedModel(FakeMessagesListChatModel):
    """A chat model that answers from a script and supports structured output via tool calls."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        return self


class TimingOutModel(ScriptedModel):
    """Every call fails as a model that never answers does."""

    async def ainvoke(self, *args: Any, **kwargs: Any) -> Any:
        raise TimeoutError("model timed out")
