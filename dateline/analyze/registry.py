"""Stages register under versioned names; the pipeline in config lists the names to run, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from ..errors import ConfigError

if TYPE_CHECKING:
    from .base import Stage

_REGISTRY: dict[str, Callable[[], Stage]] = {}
_ALIASES: dict[str, str] = {}
S = TypeVar("S")


def stage(name: str, *, alias: str | None = None) -> Callable[[S], S]:
    """Class decorator: register a stage factory as `name` (e.g. "places.geonames.v3")."""

    def register(cls: S) -> S:
        _REGISTRY[name] = cls  # type: ignore[assignment]
        if alias:
            _ALIASES[alias] = name
        return cls

    return register


def resolve(name: str) -> str:
    """The full versioned name for a short alias ("places" -> "places.geonames.v3")."""
    return _ALIASES.get(name, name)


def create(name: str) -> Stage:
    """A new instance of the stage registered as `name` (or its alias)."""
    full = resolve(name)
    if full not in _REGISTRY:
        known = ", ".join(sorted({*_REGISTRY, *_ALIASES}))
        raise ConfigError(f"unknown analysis stage {name!r}", hint=f"known stages: {known}")
    return _REGISTRY[full]()


def registered() -> list[str]:
    """Every registered stage name, sorted."""
    return sorted(_REGISTRY)
