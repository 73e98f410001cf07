"""LangSmith traces developers can read and candidates can trust: named runs, filterable metadata,
and personal data redacted before anything leaves the process.

Tracing is on when LangSmith's own switch is (LANGSMITH_TRACING=true plus a key). Redaction is on by
default (MULAKAT_TRACE_REDACTION=false turns it off): raw documents become their size, and emails,
phone numbers, links, street addresses and the names read from resume headers become placeholders.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections import OrderedDict
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from langsmith import Client, utils

from mulakat import __version__

# Fields that carry a whole document, or a file's bytes: traced as their size only.
_DOCUMENT_KEYS = {"data", "text", "page_content", "resume_file", "job_file"}
_LONG = 300  # shorter "text" fields are quotes and answers: kept, with the patterns below applied

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (
        re.compile(r"\b(?:https?://|www\.)[^\s;,)<>\"]+|\b[\w-]+\.(?:com|io|dev|org|net|me)/[^\s;,)<>\"]*", re.I),
        "[link]",
    ),
    (re.compile(r"(?<![\w.])\+?\d[\d ().-]{7,}\d(?![\w.])"), "[phone]"),
    (
        re.compile(
            r"\b\d{1,5}\s+(?:[A-Z][\w'-]*\s){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|"
            r"Way|Court|Ct|Place|Pl|Square|Sq|Sokak|Sk|Caddesi|Cd)\b\.?",
        ),
        "[address]",
    ),
]
_NAME_LINE = re.compile(r"^[#\s]*((?:[A-ZÀ-ÖØ-Þ][\w'’-]+\s?){2,4})\s*$")


class NameRegistry:
    """Names read from resume headers in this process, so every later trace redacts them.

    Traces are sent from a background thread, after the run that saw the name: a process-wide,
    bounded set is what that thread can see.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self._names: OrderedDict[str, None] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()
        self._pattern: re.Pattern[str] | None = None

    def remember_from_resume(self, text: str) -> list[str]:
        """The resume's name line (its first short line of two to four capitalised words)."""
        for line in text.splitlines()[:5]:
            match = _NAME_LINE.match(line.strip())
            if match:
                parts = match.group(1).split()
                self.add([" ".join(parts), *parts])
                return parts
        return []

    def add(self, names: list[str]) -> None:
        with self._lock:
            for name in names:
                if len(name) >= 3:
                    self._names[name] = None
                    self._names.move_to_end(name)
            while len(self._names) > self._limit:
                self._names.popitem(last=False)
            longest_first = sorted(self._names, key=len, reverse=True)
            self._pattern = (
                re.compile(r"\b(?:" + "|".join(map(re.escape, longest_first)) + r")\b") if longest_first else None
            )

    def redact(self, text: str) -> str:
        pattern = self._pattern
        return pattern.sub("[name]", text) if pattern else text


NAMES = NameRegistry()

# Who the current request acts for (set by the API's auth), so every run it starts carries it.
CANDIDATE: ContextVar[str | None] = ContextVar("mulakat_candidate", default=None)


def redact_text(text: str) -> str:
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return NAMES.redact(text)


def redact(value: Any, key: str | None = None) -> Any:
    """A JSON value with documents reduced to their size and personal data replaced."""
    if isinstance(value, dict):
        if key in ("resume_file", "job_file"):
            return {"name": "[file]", "data": f"[file: {len(str(value.get('data', '')))} chars]"}
        return {k: redact(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v, key) for v in value]
    if isinstance(value, str):
        if key in _DOCUMENT_KEYS and len(value) > _LONG:
            return f"[document text: {len(value)} chars]"
        return redact_text(value)
    return value


def enabled() -> bool:
    return bool(utils.tracing_is_enabled())


@lru_cache(maxsize=2)
def client(redaction: bool) -> Client:
    """One client per process (it owns the background sender); built after the env is read."""
    return Client(anonymizer=(lambda data: redact(data)) if redaction else None)


def run_config(
    *,
    thread_id: str,
    run_name: str,
    mode: str,
    model: str | None,
    redaction: bool,
    candidate_id: str | None = None,
    run_id: uuid.UUID | None = None,
    tags: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The config of one graph run: names, tags and metadata to filter by, and our redacting tracer."""
    config: dict[str, Any] = {
        "configurable": {"thread_id": thread_id},
        "run_id": run_id or uuid.uuid4(),
        "run_name": run_name,
        "tags": [f"mode:{mode}", f"version:{__version__}", *tags],
        "metadata": {
            "thread_id": thread_id,
            "candidate": candidate_id or CANDIDATE.get() or "cli",
            "app_version": __version__,
            "mode": mode,
            "model": model or "none",
        },
    }
    if enabled():
        from langchain_core.tracers.langchain import LangChainTracer

        config["callbacks"] = [LangChainTracer(client=client(redaction))]
    return config
