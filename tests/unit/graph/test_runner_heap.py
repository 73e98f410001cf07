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
    made_since = ["made by the server after its runner opened"]  # a list: always tracked by the collector
    warm_up_server()
    assert {"unstructured.partition.docx", "unstructured.partition.html", "pdfminer.high_level"} <= sys.modules.keys()
    # The collector's generations no longer hold it: it went to the permanent one.
    assert not any(o is made_since for o in gc.get_objects())
