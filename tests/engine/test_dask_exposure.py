"""The local Dask cluster listens on loopback only: nothing it starts is reachable from the network.

distributed treats a dashboard address with an empty host (":0") as "every interface", so the
scheduler's HTTP server (task and worker pages, metrics) would be published on all addresses.
These tests start the real scheduler with the options dateline passes and look at its sockets.
"""

from __future__ import annotations

import asyncio
import ipaddress
from pathlib import Path
from typing import Any

import pytest

from dateline.config import Config
from dateline.engine.dask import DaskExecutor

pytest.importorskip("distributed")


def _cluster_options(tmp_path: Path) -> dict[str, Any]:
    """The keyword arguments DaskExecutor gives LocalCluster (captured, no cluster started)."""
    config = Config().with_overrides({"store.path": str(tmp_path / "s.duckdb"), "engine.workers": 1})
    executor = DaskExecutor(config)
    seen: dict[str, Any] = {}

    def capture(**options: Any) -> str:
        seen.update(options)
        return "cluster"

    try:
        executor._local_cluster(capture)
    finally:
        executor.close()
    return seen


def _is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8 and ::1."""
    return ipaddress.ip_address(host).is_loopback


def test_the_local_cluster_is_given_no_public_address(tmp_path: Path) -> None:
    options = _cluster_options(tmp_path)
    assert options.get("host") in (None, "127.0.0.1", "localhost")  # LocalCluster's own default is 127.0.0.1
    assert options["dashboard_address"] is None  # workers start no HTTP server
    host = str(options["scheduler_kwargs"]["dashboard_address"]).rpartition(":")[0]
    assert host and _is_loopback(host), options["scheduler_kwargs"]


def test_the_scheduler_http_server_binds_loopback_only(tmp_path: Path) -> None:
    """Start distributed's Scheduler with dateline's options: every listening socket is loopback."""
    from distributed import Scheduler

    address = _cluster_options(tmp_path)["scheduler_kwargs"]["dashboard_address"]

    async def bound() -> tuple[str, list[str]]:
        async with Scheduler(host="127.0.0.1", port=0, dashboard_address=address, dashboard=False) as scheduler:
            return scheduler.address, [s.getsockname()[0] for s in scheduler.http_server._sockets.values()]

    comm, http_hosts = asyncio.run(bound())
    assert comm.startswith("tcp://127.0.0.1:")
    assert http_hosts and all(_is_loopback(h) for h in http_hosts), http_hosts
