"""A ~200 MB JSON Lines stream is read with flat memory (it is generated as it is read, never stored)."""

from __future__ import annotations

import io
import sys
import types

import pytest

from dateline.model import Article
from dateline.read import ReadContext, read_paths

psutil = pytest.importorskip("psutil")

LINES = 60_000
FILLER = "Residents of west Mosul described the fighting near the old bridges over the Tigris. " * 40


class GeneratedJsonl(io.RawIOBase):
    """JSON Lines made on demand: `lines` records of ~3.5 KB each, never more than one read's worth held."""

    def __init__(self, lines: int) -> None:
        self.lines = lines
        self.made = 0
        self.pending = b""
        self.bytes_out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while len(self.pending) < len(buffer) and self.made < self.lines:
            n = self.made
            self.pending += (f'{{"url": "https://example-news.test/mosul/{n}", "date": "2017-04-{n % 28 + 1:02d}", '
                             f'"title": "Report {n}", "text": "{FILLER}{n}"}}\n').encode()
            self.made += 1
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        self.bytes_out += size
        return size


@pytest.mark.slow
def test_large_stream_reads_with_flat_memory(monkeypatch):
    source = GeneratedJsonl(LINES)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=source))
    process = psutil.Process()
    items = read_paths(["-"], ReadContext())
    # warm up first (imports, codecs, caches), then measure growth from there
    first = [next(items) for _ in range(500)]
    baseline = process.memory_info().rss
    peak = baseline
    count = len(first)
    last = first[-1]
    for item in items:
        assert isinstance(item, Article), item
        count += 1
        last = item
        if count % 1000 == 0:
            peak = max(peak, process.memory_info().rss)

    assert count == LINES
    assert source.bytes_out > 200_000_000
    assert last.url == f"https://example-news.test/mosul/{LINES - 1}"
    assert (peak - baseline) < 50 * 2**20, f"memory grew by {(peak - baseline) / 2**20:.1f} MiB"
