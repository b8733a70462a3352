"""Escaping and clipping of store text for the report's HTML (every text goes through `esc`)."""

from __future__ import annotations

import html
from typing import Any


def esc(value: Any) -> str:
    """Text from the store, escaped for HTML (quotes too: it may land in an attribute)."""
    return html.escape("" if value is None else str(value), quote=True)


def clip(text: str | None, limit: int) -> str:
    """Whitespace collapsed and cut at a word boundary to at most `limit` characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
