"""SIGTERM ends a command the way an error does, so what it holds is released on the way out."""

from __future__ import annotations

import signal
import threading
from types import FrameType


def _exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit: `with` blocks unwind and exit hooks run, so the embedded PostgreSQL is let go.

    Left alone, SIGTERM kills the process outright. uvicorn (`mulakat serve`) shuts down gracefully first and
    then re-raises the signal to the handler it found, which is this one, so its exit hooks run too.
    """
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _exit)
