"""What a process loads at start is left out of garbage collection, once."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator

import pytest

from graph.runner import freeze_startup_heap, warm_up_server


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # give the rest of the test session its collector back


def test_only_the_first_runner_of_a_process_freezes() -> None:
    freeze_startup_heap()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    later = [{"n": i} for i in range(1000)]  # what a later runner (another test) would leave
    freeze_startup_heap()
    assert gc.get_freeze_count() == frozen
    assert later


def test_a_server_warm_up_loads_the_readers_and_freezes_them_too() -> None:
    freeze_startup_heap()
    before = gc.get_freeze_count()
    warm_up_server()
    assert {"unstructured.partition.docx", "unstructured.partition.html", "pdfminer.high_level"} <= sys.modules.keys()
    assert gc.get_freeze_count() > before
