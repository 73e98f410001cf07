"""Texts are batched so that a long one does not pad every short one to its length."""

from __future__ import annotations

from mulakat.storage.minilm import BATCH, padded_batches


def _padded_tokens(lengths: list[int], batches: list[tuple[int, int]]) -> int:
    return sum((end - start) * lengths[end - 1] for start, end in batches)


def test_one_long_passage_gets_a_batch_of_its_own() -> None:
    lengths = [24] * 27 + [242]
    batches = padded_batches(lengths)
    assert batches == [(0, 27), (27, 28)]
    assert _padded_tokens(lengths, batches) == 27 * 24 + 242  # not 28 * 242


def test_batches_cover_every_text_in_order_and_hold_at_most_a_batch() -> None:
    lengths = sorted([5, 7, 9, 12, 12, 13, 30, 31, 33, 64, 70, 128, 200, 256] * 9)
    batches = padded_batches(lengths)
    assert [i for start, end in batches for i in range(start, end)] == list(range(len(lengths)))
    assert all(0 < end - start <= BATCH for start, end in batches)
    assert _padded_tokens(lengths, batches) < 1.15 * sum(lengths)


def test_equal_lengths_take_the_fewest_runs() -> None:
    assert len(padded_batches([16] * 70)) == 3
    assert padded_batches([]) == []
