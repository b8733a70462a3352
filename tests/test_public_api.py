"""The public API: __all__ lists exactly what dateline exports, and the layout follows the flow."""

from __future__ import annotations

import types

import dateline


def test_all_is_complete_and_importable() -> None:
    exported = {name for name in dir(dateline)
                if (not name.startswith("_") or name == "__version__")
                and not isinstance(getattr(dateline, name), types.ModuleType)}
    assert set(dateline.__all__) == exported
    for name in dateline.__all__:
        assert getattr(dateline, name) is not None


def test_version_is_a_string() -> None:
    assert dateline.__version__.count(".") >= 2
