"""Version numbers a user or a stored record may need to compare."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("dateline")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"

# How readers turn inputs into Articles (text normalization, ids); the analysis pipeline's version
# comes from its configured stages (dateline.analyze.pipeline.pipeline_version).
READER_VERSION = "read.v1"
