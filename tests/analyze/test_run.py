"""Batching of an analysis run: full batches while much remains, smaller ones at the end on several workers."""

from __future__ import annotations

from itertools import islice

from dateline.analyze.run import SMALLEST_BATCH, batch_sizes


def _cover(total: int, workers: int, largest: int) -> list[int]:
    """The sizes a run of `total` articles reads until it has them all."""
    sizes, read = [], 0
    for size in batch_sizes(total, workers, largest):
        if read >= total:
            return sizes
        sizes.append(size)
        read += size
    raise AssertionError("unreachable")


def test_one_worker_reads_full_batches() -> None:
    assert _cover(1000, 1, 200) == [200] * 5


def test_several_workers_end_with_smaller_batches() -> None:
    sizes = _cover(2000, 2, 200)
    assert sizes[:7] == [200] * 7  # plenty left: full batches (each a transaction)
    assert sizes == sorted(sizes, reverse=True)  # then only shrinking
    assert sizes[-1] == SMALLEST_BATCH  # so the last one keeps a worker busy for seconds, not a minute
    assert max(sizes) == 200 and sum(sizes) >= 2000
    assert len(sizes) < 2 * (2000 // 200)  # not a flood of tiny transactions


def test_small_batch_setting_is_never_exceeded() -> None:
    assert set(_cover(40, 4, 3)) == {3}


def test_sizes_go_on_past_the_total() -> None:
    """The reader, not the count, decides when a run ends: sizes never run out."""
    assert list(islice(batch_sizes(0, 2, 200), 3)) == [SMALLEST_BATCH] * 3
    assert list(islice(batch_sizes(0, 1, 200), 2)) == [200, 200]
