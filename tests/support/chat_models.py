"""Chat models that stand in for a hosted one: scripted answers (counted), a call that times out, or a local server."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage
from pydantic import SecretStr

from graph.runner import Runner
from mulakat.storage.chat_model import load_chat_model


class ScriptedModel(FakeMessagesListChatModel):
    """A chat model that answers from a script and supports structured output via tool calls."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        return self


class CountingModel(ScriptedModel):
    """A scripted model that counts the calls it answers, so a test can show a step did not ask it."""

    calls: int = 0

    async def ainvoke(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await super().ainvoke(*args, **kwargs)


def structured_call(schema: str, args: dict[str, Any]) -> AIMessage:
    """The answer a model gives to a structured-output request for `schema`: one tool call with these arguments."""
    return AIMessage(content="", tool_calls=[{"name": schema, "args": args, "id": f"call-{schema}"}])


class TimingOutModel(ScriptedModel):
    """Every call fails as a model that never answers does."""

    async def ainvoke(self, *args: Any, **kwargs: Any) -> Any:
        raise TimeoutError("model timed out")


def with_model_at(runner: Runner, base_url: str, **settings: Any) -> Runner:
    """The runner with a real OpenAI client for a local server at `base_url` (same graph, pool and checkpointer)."""
    configured = runner.services.settings.model_copy(
        update={"chat_model": "openai:fake", "chat_base_url": base_url, "chat_api_key": SecretStr("x"), **settings}
    )
    return runner.with_services(settings=configured, chat_model=load_chat_model(configured))
