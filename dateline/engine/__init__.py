"""engine: where the per-article pipeline runs. `local` uses this machine's cores (the default);
`dask` runs it on a dask.distributed cluster (or a LocalCluster), results coming back as Parquet shards."""

from __future__ import annotations

from ..config import Config
from ..errors import ConfigError
from .base import Executor, Rows
from .local import LocalExecutor

__all__ = ["Executor", "LocalExecutor", "Rows", "make_executor"]


def make_executor(config: Config, pending: int | None = None) -> Executor:
    """The executor `engine.name` names, sized for `pending` articles when known."""
    name = str(config["engine.name"])
    if name == "local":
        return LocalExecutor(config, pending=pending)
    if name == "dask":
        from importlib.util import find_spec

        if find_spec("distributed") is None:
            raise ConfigError("the dask engine needs dask.distributed, which is not installed",
                              hint='pip install "dateline[dask]", or use --engine local')
        from .dask import DaskExecutor  # imports distributed only when asked for

        return DaskExecutor(config, pending=pending)
    raise ConfigError(f"unknown engine {name!r}", hint="engine.name is 'local' or 'dask'")
