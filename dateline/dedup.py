"""Exact and near-duplicate detection: a normalised text hash, and MinHash LSH over word shingles.

Duplicates are marked, never deleted: each one points at its canonical article, the earliest
published (ties broken by id). MinHash signatures come from rensa (chosen over datasketch by
benchmarks/dedup.py); shingles are hashed in numpy from per-word hashes so no shingle string is
built. LSH band keys are plain 64-bit integers, so they can be stored and looked up in the store
and new articles checked against stored ones without recomputing anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import chain
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
    """A setting from a Config (or dict), or its default while config.py does not list it yet."""
    if config is None:
        return default
    try:
        value = config[name]
    except (KeyError, ConfigError):  # a name config.py does not list yet
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
    """Hash of the normalised words: equal for texts that differ only in case, spacing, punctuation."""
    return hashlib.blake2b(b" ".join(words(text)), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Sketches:
    """Exact keys, MinHash signatures (uint32 rows) and LSH band keys (int64 rows) of a batch."""

    exact: list[str]
    signatures: np.ndarray
    keys: np.ndarray


def _shingles(tokens: list[list[bytes]], size: int) -> tuple[np.ndarray, np.ndarray]:
    """Flat 64-bit shingle hashes of many token lists, and each list's offsets into them."""
    size = max(1, size)
    padded = [t if len(t) >= size else t + [b"\x00"] * (size - len(t)) for t in tokens]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=len(padded))
    flat = np.array(RMinHash.hash_token_sets([list(chain.from_iterable(padded))])[0], dtype=np.uint64)
    count = len(flat) - size + 1
    mixed = flat[:count] * _MIX[0]
    for j in range(1, size):
        mixed = mixed + flat[j: j + count] * _MIX[j]
    valid = np.ones(count, dtype=bool)
    ends = np.cumsum(lengths)
    for j in range(1, size):  # shingles that would run into the next text
        cut = ends[:-1] - j
        valid[cut[cut >= 0]] = False
    offsets = np.zeros(len(lengths) + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum(lengths - size + 1)
    return mixed[valid], offsets


def sketch(texts: list[str], params: DedupParams) -> Sketches:
    """Exact keys, signatures and band keys of a batch of texts, in one vectorised pass."""
    tokens = [words(t) for t in texts]
    exact = [hashlib.blake2b(b" ".join(t), digest_size=12).hexdigest() for t in tokens]
    if not texts:
        return Sketches([], np.zeros((0, params.num_perm), np.uint32), np.zeros((0, 0), np.int64))
    flat, offsets = _shingles(tokens, params.shingle_size)
    matrix = RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, params.num_perm, _SEED)
    sigs = np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(texts), params.num_perm)
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


def order_key(article_id: str, published: date | None) -> tuple[str, str]:
    """Earliest published first, ties by id; undated articles come last."""
    return (published.isoformat() if published else "9999-99-99", article_id)


@dataclass(slots=True)
class DedupIndex:
    """In-memory exact-hash and LSH index; `add` returns the duplicate marks an article causes."""

    params: DedupParams = field(default_factory=DedupParams)
    entries: dict[str, Entry] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    buckets: dict[int, str | list[str]] = field(default_factory=dict)  # one id, or a list when shared
    members: dict[str, list[str]] = field(default_factory=dict)

    def load(self, article_id: str, entry: Entry, keys: list[int]) -> None:
        """Put an already decided article (e.g. read back from the store) into the index."""
        self.entries[article_id] = entry
        self.exact.setdefault(entry.exact, article_id)
        buckets = self.buckets
        for key in keys:
            held = buckets.get(key)
            if held is None:
                buckets[key] = article_id
            elif isinstance(held, str):
                buckets[key] = [held, article_id]
            else:
                held.append(article_id)
        if entry.canonical != article_id:
            self.members.setdefault(entry.canonical, []).append(article_id)

    def _match(self, exact: str, signature: np.ndarray, keys: list[int]) -> tuple[str, Kind, float] | None:
        found = self.exact.get(exact)
        if found is not None:
            return self.entries[found].canonical, "exact", 1.0
        best: tuple[str, Kind, float] | None = None
        seen: set[str] = set()
        for key in keys:
            held = self.buckets.get(key)
            if held is None:
                continue
            for other in (held,) if isinstance(held, str) else held:
                if other in seen:
                    continue
                seen.add(other)
                entry = self.entries[other]
                sim = similarity(signature, entry.signature)
                if sim >= self.params.threshold and (
                        best is None or self.entries[entry.canonical].order < self.entries[best[0]].order):
                    best = (entry.canonical, "near", sim)
        return best

    def add(self, article_id: str, published: date | None, exact: str, signature: np.ndarray,
            keys: list[int] | None = None) -> list[Mark]:
        """Index one article; marks for it and, if it precedes its group's canonical, for the group."""
        keys = band_keys(signature, self.params) if keys is None else keys
        order = order_key(article_id, published)
        match = self._match(exact, signature, keys)
        if match is None:
            self.load(article_id, Entry(order, article_id, exact, signature), keys)
            return []
        canonical, kind, sim = match
        if order >= self.entries[canonical].order:
            self.load(article_id, Entry(order, canonical, exact, signature, kind, sim), keys)
            return [Mark(article_id, canonical, kind, round(sim, 4))]
        return self._take_over(article_id, order, exact, signature, keys, canonical, kind, sim)

    def _take_over(self, article_id: str, order: tuple[str, str], exact: str, signature: np.ndarray,
                   keys: list[int], old: str, kind: Kind, sim: float) -> list[Mark]:
        """An earlier-published copy arrived late: it becomes canonical of the whole group."""
        self.load(article_id, Entry(order, article_id, exact, signature), keys)
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
