"""Exact and near-duplicate detection: a normalised text hash, and MinHash LSH over word shingles.

Duplicates are marked, never deleted: each one points at its canonical article, the earliest
published (ties broken by id). MinHash signatures come from rensa (chosen over datasketch by
benchmarks/dedup.py); words are split and hashed in numpy over a whole group of texts (the same
token hashes as rensa's own, so signatures are bit-identical to rensa.RMinHash.hash_token_sets
input), shingles are mixed from word hashes, and one rensa call makes a batch's signatures. LSH
band keys are plain 64-bit integers, so they can be stored and looked up in the store and new
articles checked against stored ones without recomputing anything. The exact key hashes the
sequence of word hashes. `DedupIndex.add_batch` gives the marks of `add` article by article; it
finds a batch's candidates with binary searches in sorted numpy runs of band keys and verifies
them all in one numpy comparison.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from hashlib import blake2b
from itertools import chain, pairwise
from typing import Any, Literal

import numpy as np
from rensa import RMinHash

from .errors import ConfigError

Kind = Literal["exact", "near"]
_SEED = 20170301
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
# Fixed odd multipliers: shingle hash = sum(word_hash[i + j] * _MIX[j]) (mod 2**64).
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                dtype=np.uint64)


def setting(config: Mapping[str, Any] | Any | None, name: str, default: Any) -> Any:
    """A setting from a Config or a partial dict of settings (tests, library callers), else `default`."""
    if config is None:
        return default
    try:
        value = config[name]
    except (KeyError, ConfigError):  # a dict without this name
        return default
    return type(default)(value)


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Near-duplicate knobs: Jaccard threshold, shingle length in words, MinHash permutations."""

    threshold: float = 0.7
    shingle_size: int = 3
    num_perm: int = 128
    bands: int = 20  # 0: chosen from threshold and num_perm (equal weight to misses and false hits)

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | Any | None) -> DedupParams:
        """Read dedup.threshold, dedup.shingle_size, dedup.num_perm, dedup.bands."""
        base = cls()
        return cls(setting(config, "dedup.threshold", base.threshold),
                   setting(config, "dedup.shingle_size", base.shingle_size),
                   setting(config, "dedup.num_perm", base.num_perm),
                   setting(config, "dedup.bands", base.bands))

    @property
    def band_layout(self) -> tuple[int, int]:
        """(bands, rows per band) of the LSH index."""
        if self.bands:
            return self.bands, self.num_perm // self.bands
        return optimal_bands(self.threshold, self.num_perm)


def _probability(s: float, bands: int, rows: int) -> float:
    return 1.0 - (1.0 - s ** rows) ** bands


@lru_cache(maxsize=64)
def optimal_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """Bands and rows minimising false positives + false negatives around `threshold` (as datasketch)."""
    grid = np.linspace(0.0, 1.0, 201)
    best, layout = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        if rows == 0:
            break
        prob = _probability(grid, bands, rows)
        fp = float(np.trapezoid(np.where(grid < threshold, prob, 0.0), grid))
        fn = float(np.trapezoid(np.where(grid >= threshold, 1.0 - prob, 0.0), grid))
        if fp + fn < best:
            best, layout = fp + fn, (bands, rows)
    return layout


_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_SPACES = bytes.maketrans(_PUNCT.encode("ascii"), b" " * len(_PUNCT))


def words(text: str) -> list[bytes]:
    """Lower-cased words, ASCII punctuation read as space (UTF-8 bytes, for speed)."""
    return text.lower().encode("utf-8").translate(_SPACES).split()


def exact_key(text: str) -> str:
    """Hash of the normalised words: equal for texts that differ only in case, spacing, punctuation.

    It hashes the sequence of 64-bit word hashes (as `sketch` does for a whole batch without a
    Python object per word), so two texts whose words differ only by a word-hash collision would
    share a key: the mark is then a false "exact" duplicate, never a loss of text."""
    return _tokenize([text])[2][0]


@dataclass(frozen=True, slots=True)
class Sketches:
    """Exact keys, MinHash signatures (uint32 rows) and LSH band keys (int64 rows) of a batch."""

    exact: list[str]
    signatures: np.ndarray
    keys: np.ndarray


# rensa 0.5 hashes a bytes token with rustc-hash's FxHasher (write + finish); the same function in numpy
# over all words of a batch gives bit-identical token hashes without a Python object per word.
_FX_K = np.uint64(0xF1357AEA2E62A9C5)
_FX_SEED1 = np.uint64(0x243F6A8885A308D3)
_FX_SEED2 = np.uint64(0x13198A2E03707344)
_LOW32 = np.uint64(0xFFFFFFFF)
_U32, _U38, _U26, _U8 = np.uint64(32), np.uint64(38), np.uint64(26), np.uint64(8)
# word separators: ASCII whitespace (as bytes.split) and ASCII punctuation (as _SPACES)
_SEPARATOR = np.zeros(256, dtype=bool)
_SEPARATOR[list(b" \t\n\r\x0b\x0c" + _PUNCT.encode("ascii"))] = True
_IS_SEPARATOR = _SEPARATOR.astype(np.uint8).tobytes()  # bytes.translate table: 1 for a separator


# by word length (capped at 17): the bytes of the first 8-byte read that go into s0, and the shift that
# brings the last 4 bytes (lengths 4-7) down in the 8-byte read that ends at the word's end
_LEN = np.arange(18)
_S0_MASK = np.where(_LEN >= 8, 0xFFFFFFFFFFFFFFFF, np.where(_LEN >= 4, 0xFFFFFFFF, np.where(
    _LEN > 0, 0xFF, 0))).astype(np.uint64)
_S1_SHIFT = np.where(_LEN >= 8, 0, 32).astype(np.uint64)
_MID_SHIFT = (8 * (_LEN // 2)).astype(np.uint64)
_U56, _BYTE = np.uint64(56), np.uint64(0xFF)
_CHUNK = 16384  # words per numpy pass: temporaries stay small (no page faults for fresh memory)


def _multiply_mix(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Low xor high 64 bits of the 128-bit products x * y (elementwise, uint64; x is overwritten)."""
    x0 = x & _LOW32
    y0 = y & _LOW32
    y1 = y >> _U32
    p01 = x0 * y1
    carry = x0 * y0
    carry >>= _U32
    low = x * y
    x >>= _U32  # x1
    p10 = x * y0
    x *= y1  # p11
    t = p01 & _LOW32
    carry += t
    np.bitwise_and(p10, _LOW32, out=t)
    carry += t
    carry >>= _U32
    p01 >>= _U32
    p10 >>= _U32
    x += p01
    x += p10
    x += carry
    low ^= x
    return low


def _word_hashes(buffer: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """rensa's token hash of every word buffer[start:end] (equal to RMinHash.hash_token_sets).

    `buffer` has at least 8 bytes before the first word and after the last one."""
    r64 = np.ndarray((len(buffer) - 7,), dtype="<u8", buffer=buffer, strides=(1,))
    out = np.empty(len(starts), dtype=np.uint64)
    for lo in range(0, len(starts), _CHUNK):
        st, en = starts[lo: lo + _CHUNK], ends[lo: lo + _CHUNK]
        length = en - st
        capped = np.minimum(length, 17)
        head = r64[st]  # bytes start..start+7
        tail = r64[en - 8]  # bytes end-8..end-1
        s0 = head & _S0_MASK[capped]
        s0 ^= _FX_SEED1
        s1 = tail >> _S1_SHIFT[capped]  # 8+: the last 8 bytes; 4-7: the last 4
        small = np.flatnonzero(length < 4)
        tail_small = tail[small] >> _U56
        tail_small <<= _U8
        mid = head[small] >> _MID_SHIFT[capped[small]]
        mid &= _BYTE
        tail_small |= mid
        s1[small] = tail_small
        s1[length == 0] = 0
        s1 ^= _FX_SEED2
        hashed = _multiply_mix(s0, s1)
        hashed ^= length.astype(np.uint64)
        hashed *= _FX_K
        rotated = hashed << _U26
        hashed >>= _U38
        rotated |= hashed
        out[lo: lo + _CHUNK] = rotated
    long = np.flatnonzero(ends - starts > 16)
    if len(long):  # rare: the 16-byte block loop, left to rensa
        out[long] = RMinHash.hash_token_sets([[buffer[starts[i]: ends[i]] for i in long.tolist()]])[0]
    return out


def _tokenize(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Token hashes of all words of some texts (same words as `words`), words per text, exact keys."""
    lowered = [t.lower().encode("utf-8") for t in texts]
    # 8 separator bytes at both ends, so 8-byte reads around any word stay in bounds
    buffer = b"\n" * 8 + b"\n".join(lowered) + b"\n" * 9
    sep = np.frombuffer(buffer.translate(_IS_SEPARATOR), dtype=np.int8)
    step = np.diff(sep)  # -1: a word starts at i + 1; 1: a word ended at i
    starts = np.flatnonzero(step == -1) + 1
    ends = np.flatnonzero(step == 1) + 1
    lengths = np.fromiter(map(len, lowered), dtype=np.int64, count=len(lowered))
    text_end = np.cumsum(lengths + 1) + 7  # position of each text's closing newline
    text_start = text_end - lengths
    counts = np.diff(np.searchsorted(starts, np.append(text_start, len(buffer))))
    hashes = _word_hashes(buffer, starts, ends)
    # exact keys: a hash of the sequence of word hashes (the same words in the same order)
    raw = hashes.tobytes()
    bounds = (np.concatenate(([0], np.cumsum(counts))) * 8).tolist()
    exact = [blake2b(raw[a: b], digest_size=12).hexdigest() for a, b in pairwise(bounds)]
    return hashes, counts, exact


_PAD_HASH = np.uint64(RMinHash.hash_token_sets([[b"\x00"]])[0][0])
_GROUP = 128  # texts per numpy pass (about 100 kB of text): temporaries stay in cache


def _shingles(hashes: np.ndarray, counts: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat 64-bit shingle hashes of consecutive texts' word hashes, and shingles per text."""
    size = max(1, size)
    lengths = np.maximum(counts, size)  # a text shorter than a shingle is padded with b"\x00" words
    if np.array_equal(lengths, counts):
        flat = hashes
    else:
        shift = np.repeat(np.cumsum(lengths - counts) - (lengths - counts), counts)
        flat = np.full(int(lengths.sum()), _PAD_HASH, dtype=np.uint64)
        flat[np.arange(len(hashes)) + shift] = hashes
    count = len(flat) - size + 1
    mixed = flat[:count] * _MIX[0]
    for j in range(1, size):
        mixed += flat[j: j + count] * _MIX[j]
    valid = np.ones(count, dtype=bool)
    ends = np.cumsum(lengths)
    for j in range(1, size):  # shingles that would run into the next text
        cut = ends[:-1] - j
        valid[cut[cut >= 0]] = False
    return mixed[valid], lengths - size + 1


def sketch(texts: list[str], params: DedupParams) -> Sketches:
    """Exact keys, signatures and band keys of a batch of texts, vectorised over groups of texts."""
    if not texts:
        return Sketches([], np.zeros((0, params.num_perm), np.uint32), np.zeros((0, 0), np.int64))
    parts, per_text, exact = [], [], []
    for lo in range(0, len(texts), _GROUP):
        hashes, counts, keys = _tokenize(texts[lo: lo + _GROUP])
        shingles, count = _shingles(hashes, counts, params.shingle_size)
        parts.append(shingles)
        per_text.append(count)
        exact += keys
    offsets = np.zeros(len(texts) + 1, dtype=np.uint64)
    np.cumsum(np.concatenate(per_text), out=offsets[1:])
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(np.concatenate(parts), offsets, params.num_perm, _SEED)
    # array('I') packs the rows' Python ints about twice as fast as np.fromiter or np.array
    sigs = np.frombuffer(array("I", chain.from_iterable(matrix.to_rows())), dtype=np.uint32)
    sigs = sigs.reshape(len(texts), params.num_perm)
    return Sketches(exact, sigs, band_key_matrix(sigs, params))


def signatures(texts: Iterable[str], params: DedupParams) -> np.ndarray:
    """MinHash signatures (rows of uint32) of many texts at once."""
    return sketch(list(texts), params).signatures


def band_key_matrix(sigs: np.ndarray, params: DedupParams) -> np.ndarray:
    """One signed 64-bit key per LSH band per signature (the band number is mixed in)."""
    bands, rows = params.band_layout
    block = sigs[:, : bands * rows].astype(np.uint64).reshape(len(sigs), bands, rows)
    keys = (block * np.resize(_MIX, rows)).sum(axis=2, dtype=np.uint64)
    keys ^= np.arange(bands, dtype=np.uint64) * _MIX[7]
    return keys.view(np.int64)


def band_keys(signature: np.ndarray, params: DedupParams) -> list[int]:
    """The band keys of one signature."""
    return band_key_matrix(signature.reshape(1, -1), params)[0].tolist()


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True, slots=True)
class Mark:
    """A duplicate decision: `article_id` is a copy of `canonical_id` (kind exact or near)."""

    article_id: str
    canonical_id: str
    kind: Kind
    similarity: float


@dataclass(slots=True)
class Entry:
    """What the index knows of one article: its order key, canonical, exact key and signature."""

    order: tuple[str, str]
    canonical: str
    exact: str
    signature: np.ndarray
    kind: Kind | None = None
    similarity: float = 1.0


_RECENT_LIMIT = 1 << 16  # keys placed one at a time before they are sorted into a run
_VERIFY = 65536  # candidate pairs compared per numpy pass


def order_key(article_id: str, published: date | None) -> tuple[str, str]:
    """Earliest published first, ties by id; undated articles come last."""
    return (published.isoformat() if published else "9999-99-99", article_id)


@dataclass(slots=True)
class DedupIndex:
    """In-memory exact-hash and LSH index; `add` returns the duplicate marks an article causes.

    LSH band keys live in a few sorted numpy runs (key, row), merged as they grow (as in a
    log-structured merge tree), plus a small dict of keys placed one at a time. Rows number a
    signature matrix, so an article's candidates are verified in one numpy comparison, and
    `add_batch` finds the candidates of a whole batch with binary searches instead of a Python
    loop over buckets."""

    params: DedupParams = field(default_factory=DedupParams)
    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)
    ids: list[str] = field(default_factory=list)  # row -> article id
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.uint32))
    runs: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)  # (sorted keys, their rows)
    recent: dict[int, list[int]] = field(default_factory=dict)  # keys placed one at a time, not in a run yet
    recent_size: int = 0

    def load(self, article_id: str, entry: Entry, keys: list[int]) -> None:
        """Put an already decided article (e.g. read back from the store) into the index."""
        self._place(article_id, entry.exact, entry.signature, keys)
        self._settle(article_id, entry)

    def _place(self, article_id: str, exact: str, signature: np.ndarray, keys: list[int]) -> None:
        """What does not depend on the article's decision: exact key, signature row, LSH keys."""
        self.exact.setdefault(exact, article_id)
        row = len(self.ids)
        self._reserve(row + 1)
        if len(signature) == self.params.num_perm:
            self.matrix[row] = signature
        else:  # a sketch stored with other settings: exact matches only (its row stays zero)
            self.matrix[row] = 0
        self.ids.append(article_id)
        for key in keys:
            self.recent.setdefault(int(key), []).append(row)
        self.recent_size += len(keys)
        if self.recent_size >= _RECENT_LIMIT:
            self._flush()

    def _flush(self) -> None:
        """Move the keys placed one at a time into a sorted run."""
        if not self.recent:
            return
        keys = np.fromiter((k for k, rows in self.recent.items() for _ in rows), dtype=np.int64,
                           count=self.recent_size)
        rows = np.fromiter((r for held in self.recent.values() for r in held), dtype=np.int64,
                           count=self.recent_size)
        self.recent, self.recent_size = {}, 0
        self._push(keys, rows)

    def _push(self, keys: np.ndarray, rows: np.ndarray) -> None:
        """Add a run of (key, row) and merge runs of similar size (a stable sort merges two sorted runs
        in linear time)."""
        order = np.argsort(keys, kind="stable")
        runs = self.runs
        runs.append((keys[order], rows[order]))
        while len(runs) > 1 and 2 * len(runs[-1][0]) >= len(runs[-2][0]):
            (k2, r2), (k1, r1) = runs.pop(), runs.pop()
            keys, rows = np.concatenate((k1, k2)), np.concatenate((r1, r2))
            order = np.argsort(keys, kind="stable")
            runs.append((keys[order], rows[order]))

    def _reserve(self, rows: int) -> None:
        """Room for `rows` signatures in the matrix (grown by doubling)."""
        if rows > len(self.matrix):
            grown = np.zeros((max(1024, rows, 2 * len(self.matrix)), self.params.num_perm), dtype=np.uint32)
            if self.ids:
                grown[: len(self.ids)] = self.matrix[: len(self.ids)]
            self.matrix = grown

    def _settle(self, article_id: str, entry: Entry) -> None:
        self.entries[article_id] = entry
        if entry.canonical != article_id:
            self.members.setdefault(entry.canonical, []).append(article_id)

    def _rows(self, keys: list[int]) -> list[int]:
        """Rows sharing at least one band key, in first-seen order (by key, then row)."""
        rows: list[int] = []
        for key in keys:
            held: list[int] = []
            for run_keys, run_rows in self.runs:
                lo = int(np.searchsorted(run_keys, key, "left"))
                hi = int(np.searchsorted(run_keys, key, "right"))
                if hi > lo:
                    held += run_rows[lo:hi].tolist()
            held += self.recent.get(int(key), ())
            rows += sorted(held)
        return list(dict.fromkeys(rows)) if len(rows) > 1 else rows

    def _match(self, exact: str, signature: np.ndarray, keys: list[int]) -> tuple[str, Kind, float] | None:
        found = self.exact.get(exact)
        if found is not None:
            return self.entries[found].canonical, "exact", 1.0
        rows = self._rows(keys)
        if not rows:
            return None
        # signature agreement of all candidates at once (the same value as `similarity`)
        sims = np.count_nonzero(self.matrix[rows] == signature, axis=1) / len(signature)
        passing = np.flatnonzero(sims >= self.params.threshold).tolist()
        if not passing:
            return None
        entries, ids = self.entries, self.ids
        best: tuple[str, Kind, float] | None = None
        for i in passing:
            canonical = entries[ids[rows[i]]].canonical
            if best is None or entries[canonical].order < entries[best[0]].order:
                best = (canonical, "near", float(sims[i]))
        return best

    def add(self, article_id: str, published: date | None, exact: str, signature: np.ndarray,
            keys: list[int] | None = None) -> list[Mark]:
        """Index one article; marks for it and, if it precedes its group's canonical, for the group."""
        keys = band_keys(signature, self.params) if keys is None else keys
        match = self._match(exact, signature, keys)
        self._place(article_id, exact, signature, keys)
        return self._decide(article_id, order_key(article_id, published), exact, signature, match)

    def add_batch(self, article_ids: list[str], published: list[date | None], exact: list[str],
                  signatures: np.ndarray, keys: np.ndarray | list[list[int]]) -> list[Mark]:
        """`add` for many articles in order (same marks), verifying all their candidates at once.

        Where an article's candidates are and what they agree on does not depend on earlier
        decisions, so the candidate pairs of the whole batch are found first (binary searches in
        the runs, and a sort of the batch's own keys for earlier articles of the same batch), all
        signature agreements are counted in one numpy comparison, and only the choice of canonical
        is made article by article, walking candidates in `add`'s order (band, then row).
        The cyclic garbage collector is paused meanwhile: the batch makes many small objects, and
        collections triggered by them would walk the whole (growing) index."""
        if not article_ids:
            return []
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._add_batch(article_ids, published, exact, signatures, keys)
        finally:
            if paused:
                gc.enable()

    def _candidates(self, table: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article index in batch, band, row) of every earlier row sharing a band key with a batch article."""
        width = table.shape[1]
        flat = table.ravel()
        order = np.argsort(flat, kind="stable")
        ordered = flat[order]  # sorted needles: the binary searches stay close to each other in memory
        parts_q: list[np.ndarray] = []
        parts_r: list[np.ndarray] = []
        self._flush()
        for run_keys, run_rows in self.runs:  # rows placed before this batch
            lo = np.searchsorted(run_keys, ordered, "left")
            some = np.flatnonzero(run_keys[np.minimum(lo, len(run_keys) - 1)] == ordered)
            if not len(some):
                continue
            lo = lo[some]
            n = np.searchsorted(run_keys, ordered[some], "right") - lo
            starts = np.repeat(lo - np.cumsum(n) + n, n) + np.arange(int(n.sum()), dtype=np.int64)
            parts_q.append(np.repeat(order[some], n))
            parts_r.append(run_rows[starts])
        # earlier articles of this batch: within each run of equal keys (sorted by position), every
        # element meets the ones before it
        same = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1  # positions with an equal key just before
        if len(same):
            new = np.ones(flat.size, dtype=bool)
            new[same] = False
            starts = np.flatnonzero(new)
            run_start = np.repeat(starts, np.diff(np.append(starts, flat.size)))
            before = np.arange(flat.size, dtype=np.int64) - run_start  # equal keys earlier in the run
            some = np.flatnonzero(before)
            n = before[some]
            first = np.repeat(run_start[some], n) + np.arange(int(n.sum()), dtype=np.int64) - np.repeat(
                np.cumsum(n) - n, n)
            parts_q.append(order[np.repeat(some, n)])
            parts_r.append(order[first] // width + base)
        if not parts_q:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        q = np.concatenate(parts_q)
        article, rows = q // width, np.concatenate(parts_r).astype(np.int64)
        other = rows != article + base  # an article never meets itself (two equal band keys)
        return article[other], (q % width)[other], rows[other]

    def _add_batch(self, article_ids: list[str], published: list[date | None], exact: list[str],
                   signatures: np.ndarray, keys: np.ndarray | list[list[int]]) -> list[Mark]:
        base, count = len(self.ids), len(article_ids)
        self._reserve(base + count)
        self.matrix[base: base + count] = signatures
        self.ids += article_ids
        exact_put = self.exact.setdefault
        exact_hits = [None if hit is article_id else hit
                      for hit, article_id in zip(map(exact_put, exact, article_ids), article_ids)]
        table = np.asarray(keys, dtype=np.int64).reshape(count, -1)
        article, band, row = self._candidates(table, base)
        passing: dict[int, list[tuple[int, float]]] = {}
        if len(article):
            checked = np.fromiter((h is None for h in exact_hits), dtype=bool, count=count)
            keep = checked[article]
            article, band, row = article[keep], band[keep], row[keep]
            # add's order: by article, then the first band shared, then row; one entry per (article, row)
            order = np.lexsort((row, band, article))
            article, band, row = article[order], band[order], row[order]
            pair = article * (base + count) + row
            _, first = np.unique(pair, return_index=True)
            first.sort()
            article, row = article[first], row[first]
            agree = np.empty(len(row), dtype=np.float64)
            for lo in range(0, len(row), _VERIFY):  # bounded temporaries
                left, right = self.matrix[row[lo: lo + _VERIFY]], self.matrix[article[lo: lo + _VERIFY] + base]
                agree[lo: lo + _VERIFY] = np.count_nonzero(left == right, axis=1)
            sims = agree / self.params.num_perm
            good = np.flatnonzero(sims >= self.params.threshold)
            for i, r, s in zip(article[good].tolist(), row[good].tolist(), sims[good].tolist()):
                passing.setdefault(i, []).append((r, s))
        self._push(table.ravel(), np.repeat(np.arange(base, base + count, dtype=np.int64), table.shape[1]))
        entries, ids = self.entries, self.ids
        marks: list[Mark] = []
        for i, article_id in enumerate(article_ids):
            hit = exact_hits[i]
            match: tuple[str, Kind, float] | None = None
            if hit is not None:
                match = entries[hit].canonical, "exact", 1.0
            elif i not in passing:  # the common case, inlined: a new canonical
                entries[article_id] = Entry(order_key(article_id, published[i]), article_id, exact[i],
                                            signatures[i])
                continue
            else:
                for r, sim in passing[i]:
                    canonical = entries[ids[r]].canonical
                    if match is None or entries[canonical].order < entries[match[0]].order:
                        match = (canonical, "near", sim)
            marks += self._decide(article_id, order_key(article_id, published[i]), exact[i], signatures[i], match)
        return marks

    def _decide(self, article_id: str, order: tuple[str, str], exact: str, signature: np.ndarray,
                match: tuple[str, Kind, float] | None) -> list[Mark]:
        """Record a placed article's decision; its marks (and its group's, if it takes over)."""
        if match is None:
            self._settle(article_id, Entry(order, article_id, exact, signature))
            return []
        canonical, kind, sim = match
        if order >= self.entries[canonical].order:
            self._settle(article_id, Entry(order, canonical, exact, signature, kind, sim))
            return [Mark(article_id, canonical, kind, round(sim, 4))]
        return self._take_over(article_id, order, exact, signature, canonical, kind, sim)

    def _take_over(self, article_id: str, order: tuple[str, str], exact: str, signature: np.ndarray,
                   old: str, kind: Kind, sim: float) -> list[Mark]:
        """An earlier-published copy arrived late: it becomes canonical of the whole group."""
        self._settle(article_id, Entry(order, article_id, exact, signature))
        marks = [Mark(old, article_id, kind, round(sim, 4))]
        old_entry = self.entries[old]
        old_entry.canonical, old_entry.kind, old_entry.similarity = article_id, kind, round(sim, 4)
        group: list[str] = []
        for member in self.members.pop(old, []):
            entry = self.entries[member]
            entry.canonical = article_id
            group.append(member)
            marks.append(Mark(member, article_id, entry.kind or "near", entry.similarity))
        self.members[article_id] = [old, *group]
        return marks
