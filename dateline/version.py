"""Version numbers a user or a stored record may need to compare."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

# The stages an article goes through, with the version of each; an analysis made by other versions
# is stale and redone. Grows as stages land (see dateline/analyze/).
PIPELINE: dict[str, str] = {"read": "read.v1"}
PIPELINE_VERSION = "+".join(PIPELINE.values())
