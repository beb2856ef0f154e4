"""presstag: people, organisations, places and dates in press releases."""

from .errors import PresstagError
from .pipeline import Extractor, load_model
from .sources import SourceDocument, expand_inputs, read_inputs, read_path
from .types import CanonicalEntity, Dateline, DocumentResult, Mention, Quote
from .version import __version__

__all__ = [
    "CanonicalEntity",
    "Dateline",
    "DocumentResult",
    "Extractor",
    "Mention",
    "PresstagError",
    "Quote",
    "SourceDocument",
    "__version__",
    "expand_inputs",
    "load_model",
    "read_inputs",
    "read_path",
]
