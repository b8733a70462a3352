"""dateline: dated news in, a sourced, geolocated record of events out.

The small, stable public API; everything else is reachable through the submodules.
"""

from .config import Config, load_config
from .errors import ConfigError, DatelineError, ExportError, InputError, StoreError, StoreLockedError
from .ingest import IngestReport, ingest
from .model import Article, Origin, Rejection
from .read import read_paths
from .store import Store, open_store
from .version import READER_VERSION, __version__

__all__ = [
    "READER_VERSION",
    "Article",
    "Config",
    "ConfigError",
    "DatelineError",
    "ExportError",
    "IngestReport",
    "InputError",
    "Origin",
    "Rejection",
    "Store",
    "StoreError",
    "StoreLockedError",
    "__version__",
    "ingest",
    "load_config",
    "open_store",
    "read_paths",
]
