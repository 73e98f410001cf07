"""An embedding model that loads on a thread of its own, so a process can start work before the model is ready."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


class BackgroundEmbeddings(Embeddings):
    """Starts loading the model when made; the first call to embed waits for it, later calls go straight through.

    Loading the local model (reading and checking the ONNX file, building the session) takes time that PostgreSQL's
    start, the migrations and the taxonomy can use, and a server can answer /health meanwhile. A model that fails
    to load fails every call.
    """

    def __init__(self, load: Callable[[], Embeddings]) -> None:
        self._model: Future[Embeddings] = Future()
        # Not a daemon: a process told to stop while the session is being built waits the second it takes.
        # Finalising the interpreter under ONNX Runtime's half-made thread pool aborts it ("terminate called
        # without an active exception"), so a SIGTERM would end with SIGABRT instead of a clean exit.
        threading.Thread(target=self._load, args=(load,), name="embedding-model", daemon=False).start()

    def _load(self, load: Callable[[], Embeddings]) -> None:
        try:
            self._model.set_result(load())
        except BaseException as exc:  # handed to every caller; logged now so a server's operator sees it at start
            log.exception("the embedding model failed to load")
            self._model.set_exception(exc)

    @property
    def ready(self) -> bool:
        return self._model.done()

    @property
    def model(self) -> Embeddings:
        return self._model.result()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.model.embed_query(text)
