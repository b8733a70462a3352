"""The per-article pipeline: the stages named in config, set up once, run in order over batches."""

from __future__ import annotations

from ..config import Config
from ..errors import ConfigError
from . import registry
from .base import Analysis, Stage


def stage_names(config: Config) -> list[str]:
    """The configured stages as full versioned names, in order."""
    load_builtin_stages()
    return [registry.resolve(n.strip()) for n in str(config["analyze.stages"]).split(",") if n.strip()]


def pipeline_version(config: Config) -> str:
    """The version an analysis records: the stage names joined, the spaCy model with its version and
    switched-off components, and a hash of the user's actor files; a change to any of them makes old
    analyses stale."""
    names = stage_names(config)
    version = "+".join(names)
    if any(n.startswith("nlp.") for n in names):
        model = str(config["nlp.model"])
        disabled = ",".join(sorted(x.strip() for x in str(config["nlp.disable"]).split(",") if x.strip()))
        version += f" @{model}=={_model_version(model)}" + (f" -{disabled}" if disabled else "")
    if any(n.startswith("actors.") for n in names) and str(config["actors.files"]).strip():
        version += f" +actors:{_files_digest(str(config['actors.files']))}"
    return version


def _files_digest(paths: str) -> str:
    """A short hash of the user's actor files' bytes (a missing file hashes as its name)."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    for raw in (p.strip() for p in paths.split(",") if p.strip()):
        path = Path(raw).expanduser()
        digest.update(path.read_bytes() if path.is_file() else raw.encode())
    return digest.hexdigest()[:12]


def _model_version(model: str) -> str:
    """The installed version of a spaCy model package, or the version in a model folder's meta.json."""
    import json
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    meta = Path(model) / "meta.json"
    if meta.is_file():
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "?"))
    try:
        return version(model)
    except PackageNotFoundError:
        return "?"


class Pipeline:
    """Runs the configured stages over batches of Analyses."""

    def __init__(self, config: Config) -> None:
        load_builtin_stages()
        self.config = config
        self.stages: list[Stage] = [registry.create(name) for name in stage_names(config)]
        self._check_order()
        for stage in self.stages:
            stage.setup(config)
        self.version = pipeline_version(config)

    def _check_order(self) -> None:
        available: set[str] = set()
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in available]
            if missing:
                raise ConfigError(f"stage {stage.name} needs {', '.join(missing)} from an earlier stage",
                                  hint="check the order of analyze.stages")
            available.update(stage.assigns)

    def process(self, batch: list[Analysis]) -> list[Analysis]:
        """Every stage over the batch, in order."""
        for stage in self.stages:
            batch = stage.process(batch)
        return batch


def load_builtin_stages() -> None:
    """Import the modules whose stages register themselves (the built-ins, as datasette's DEFAULT_PLUGINS)."""
    from . import nlp  # noqa: F401
    for module in ("places", "actors", "time", "quotes", "figures", "events"):
        try:
            __import__(f"{__package__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{module}":
                raise
