"""corpus: stages over many articles. `update_corpus` marks duplicates and files new articles into stories.

It takes only the articles not yet processed (no stored sketch), in publication order, in batches;
each batch is one transaction: sketches and band keys, duplicate marks, story memberships, and the
story clusterer's state. Stored articles are consulted through their band keys and exact keys and the
saved state, so nothing already processed is recomputed.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..dedup import (
    DedupIndex,
    DedupParams,
    Entry,
    Kind,
    Mark,
    Sketches,
    order_key,
    setting,
    sketch,
)
from ..store import Store
from ..store import corpus as db
from .stories import StoryClusterer, StoryParams, dump_state, load_state

__all__ = ["UpdateReport", "story_params", "update_corpus"]
STATE_NAME = "stories"


@dataclass(slots=True)
class UpdateReport:
    """What one update did: articles processed, duplicates found, stories opened and joined."""

    articles: int = 0
    exact: int = 0
    near: int = 0
    repointed: int = 0
    stories_opened: int = 0
    stories_joined: int = 0
    batches: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain values (for JSON)."""
        return asdict(self)


def story_params(config: Any | None) -> StoryParams:
    """StoryParams from stories.* settings, defaults where config.py does not list them yet."""
    base = StoryParams()
    return StoryParams(
        threshold=setting(config, "stories.threshold", base.threshold),
        window_days=setting(config, "stories.window_days", base.window_days),
        decay_days=setting(config, "stories.decay_days", base.decay_days),
        decay_power=setting(config, "stories.decay_power", base.decay_power),
        centroid_weight=setting(config, "stories.centroid_weight", base.centroid_weight),
        rare_stretch=setting(config, "stories.rare_stretch", base.rare_stretch),
        **{k: v for k, v in asdict(base).items()
           if k not in ("threshold", "window_days", "decay_days", "decay_power", "centroid_weight", "rare_stretch")})


def _dedup_batch(store: Store, rows: list[dict[str, Any]], params: DedupParams,
                 batched: bool = True) -> tuple[list[Mark], list[list[int]], Sketches]:
    """Sketch a batch, load the stored articles it may copy, and decide its duplicate marks.

    `batched` uses DedupIndex.add_batch (the same marks as `add` article by article, which
    `batched=False` does, for tests)."""
    sketches = sketch([r["text"] for r in rows], params)
    keys = sketches.keys.tolist()
    index = DedupIndex(params)
    stored = db.fetch_candidates(store.con, sketches.exact, (k for ks in keys for k in ks))
    for item in stored:
        kind: Kind | None = "exact" if item.kind == "exact" else "near" if item.kind == "near" else None
        index.load(item.article_id, Entry(order_key(item.article_id, item.published), item.canonical_id,
                                          item.exact_key, item.signature, kind, item.similarity),
                   list(item.hit_keys))
    if batched:
        return index.add_batch([r["id"] for r in rows], [r["published"] for r in rows], sketches.exact,
                               sketches.signatures, sketches.keys), keys, sketches
    marks: list[Mark] = []
    for i, row in enumerate(rows):
        marks += index.add(row["id"], row["published"], sketches.exact[i], sketches.signatures[i], keys[i])
    return marks, keys, sketches


def _final(marks: list[Mark]) -> dict[str, Mark]:
    """The last mark of each article wins (a later take-over re-points earlier marks)."""
    last: dict[str, Mark] = {}
    for mark in marks:
        last[mark.article_id] = mark
    return last


def _cluster_batch(store: Store, clusterer: StoryClusterer, rows: list[dict[str, Any]],
                   canonical: dict[str, str], report: UpdateReport) -> list[tuple[str, str, str, float, bool]]:
    """File each article of the batch into a story; copies follow their canonical article's story."""
    known = db.stories_of(store.con, [c for c in canonical.values()])
    entities = db.entity_terms(store.con, [r["id"] for r in rows])
    members = []
    for row in rows:
        original = canonical.get(row["id"], row["id"])
        hint = known.get(original) if original != row["id"] else None
        result = clusterer.add(row["id"], row["published"], row["title"], row["text"],
                               entities.get(row["id"], ()), story_hint=hint)
        known[row["id"]] = result.story_id
        members.append((row["id"], result.story_id, original, result.score, result.new_story))
        if result.new_story:
            report.stories_opened += 1
        else:
            report.stories_joined += 1
    return members


def update_corpus(store: Store, config: Any | None = None) -> UpdateReport:
    """Deduplicate and cluster the articles not processed yet, one transaction per batch."""
    started = time.perf_counter()
    params = DedupParams.from_config(config)
    batch_size = int(setting(config, "corpus.batch_size", 2000))
    report = UpdateReport()
    pending = db.pending_articles(store.con)
    blob = db.load_state(store.con, STATE_NAME)
    state = load_state(blob)[0] if blob is not None else None
    clusterer = StoryClusterer(story_params(config), state)  # settings apply from now on
    if pending and blob is not None and pending[0][1] and clusterer.state.latest_day and \
            pending[0][1].toordinal() < clusterer.state.latest_day:
        report.warnings.append("some new articles are older than ones already clustered; they are filed "
                               "in arrival order, so stories may differ from a single pass")
    param_text = f"k={params.shingle_size} p={params.num_perm} b={params.band_layout}"
    if pending and any(p != param_text for p in db.sketch_params(store.con)):
        report.warnings.append(f"stored sketches were made with other dedup settings than {param_text}; "
                               "new articles are not matched against those")
    for start in range(0, len(pending), batch_size):
        ids = [p[0] for p in pending[start: start + batch_size]]
        rows = db.fetch_articles(store.con, ids)
        with store.transaction() as con:
            marks, keys, sketches = _dedup_batch(store, rows, params)
            final = _final(marks)
            db.write_sketches(con, [{"article_id": r["id"], "published": r["published"],
                                     "exact_key": sketches.exact[i], "signature": sketches.signatures[i],
                                     "content_hash": r["content_hash"]} for i, r in enumerate(rows)],
                              param_text, keys)
            db.write_marks(con, [(m.article_id, m.canonical_id, m.kind, m.similarity) for m in final.values()])
            batch_ids = {r["id"] for r in rows}
            report.exact += sum(1 for m in final.values() if m.kind == "exact" and m.article_id in batch_ids)
            report.near += sum(1 for m in final.values() if m.kind == "near" and m.article_id in batch_ids)
            report.repointed += sum(1 for m in final.values() if m.article_id not in batch_ids)
            canonical = {m.article_id: m.canonical_id for m in final.values()}
            db.write_members(con, _cluster_batch(store, clusterer, rows, canonical, report))
            clusterer.prune()
            db.save_state(con, STATE_NAME, dump_state(clusterer.state, clusterer.params))
        report.articles += len(rows)
        report.batches += 1
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def update_merged(store: Store, config: Any | None = None) -> Any:
    """File new event reports into merged events (one transaction); returns merge.MergeReport."""
    from .merge import merge_events

    with store.transaction() as con:
        return merge_events(con, config)
